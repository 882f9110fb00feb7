//! Progress through the guide: where each step stands, and the last one read.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The storage key of the guide progress record.
pub const KEY: &str = "guide";

/// How a step feels to the person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepState {
    #[default]
    NotStarted,
    Working,
    Solid,
}

impl StepState {
    pub const ALL: [StepState; 3] = [StepState::NotStarted, StepState::Working, StepState::Solid];

    pub fn id(self) -> &'static str {
        match self {
            StepState::NotStarted => "not-started",
            StepState::Working => "working",
            StepState::Solid => "solid",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StepState::NotStarted => "Not started",
            StepState::Working => "Working on it",
            StepState::Solid => "Feels solid",
        }
    }
}

/// The person's progress. Steps never marked are simply absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    states: BTreeMap<String, StepState>,
    last_viewed: Option<String>,
}

/// Counts for the overview: how many steps are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub total: usize,
    pub working: usize,
    pub solid: usize,
}

impl Summary {
    /// Overall progress in percent: a solid step counts fully, one being worked on half.
    pub fn percent(&self) -> u32 {
        if self.total == 0 {
            return 0;
        }
        let points = self.solid * 2 + self.working;
        ((points * 100) / (self.total * 2)) as u32
    }
}

impl Progress {
    pub fn state(&self, step: &str) -> StepState {
        self.states.get(step).copied().unwrap_or_default()
    }

    pub fn set(&mut self, step: &str, state: StepState) {
        if state == StepState::NotStarted {
            self.states.remove(step);
        } else {
            self.states.insert(step.to_string(), state);
        }
    }

    /// Remembers `step` as the one to continue with; false when it already was.
    pub fn viewed(&mut self, step: &str) -> bool {
        let changed = self.last_viewed.as_deref() != Some(step);
        if changed {
            self.last_viewed = Some(step.to_string());
        }
        changed
    }

    /// Every step marked Working or Solid, by id.
    pub fn marks(&self) -> impl Iterator<Item = (&str, StepState)> {
        self.states.iter().map(|(id, state)| (id.as_str(), *state))
    }

    pub fn last_viewed(&self) -> Option<&str> {
        self.last_viewed.as_deref()
    }

    /// Counts over the given step ids; marks on steps no longer in the guide are kept but not counted.
    pub fn summary<'a>(&self, steps: impl IntoIterator<Item = &'a str>) -> Summary {
        let mut s = Summary { total: 0, working: 0, solid: 0 };
        for id in steps {
            s.total += 1;
            match self.state(id) {
                StepState::Working => s.working += 1,
                StepState::Solid => s.solid += 1,
                StepState::NotStarted => {}
            }
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty() && self.last_viewed.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: [&str; 4] = ["a", "b", "c", "d"];

    #[test]
    fn unmarked_steps_are_not_started() {
        assert_eq!(Progress::default().state("a"), StepState::NotStarted);
    }

    #[test]
    fn marks_count_towards_the_summary() {
        let mut p = Progress::default();
        p.set("a", StepState::Solid);
        p.set("b", StepState::Working);
        p.set("gone-from-the-guide", StepState::Solid);
        let s = p.summary(STEPS);
        assert_eq!(s, Summary { total: 4, working: 1, solid: 1 });
        assert_eq!(s.percent(), 37);
        p.set("a", StepState::NotStarted);
        assert_eq!(p.summary(STEPS).solid, 0);
    }

    #[test]
    fn all_solid_is_a_hundred_percent_and_an_empty_guide_is_zero() {
        let mut p = Progress::default();
        for id in STEPS {
            p.set(id, StepState::Solid);
        }
        assert_eq!(p.summary(STEPS).percent(), 100);
        assert_eq!(p.summary([]).percent(), 0);
    }

    #[test]
    fn progress_survives_a_round_trip_through_json() {
        let mut p = Progress::default();
        p.set("c", StepState::Working);
        p.viewed("c");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Progress>(&json).unwrap(), p);
        assert!(json.contains("\"working\""));
    }

    #[test]
    fn the_last_viewed_step_is_remembered() {
        let mut p = Progress::default();
        assert!(p.is_empty());
        assert!(p.viewed("b"));
        assert!(p.viewed("d"));
        assert!(!p.viewed("d"));
        assert_eq!(p.last_viewed(), Some("d"));
    }
}
