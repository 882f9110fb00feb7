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

    /// How the state reads on a step's badge and in the chooser.
    pub fn label(self) -> &'static str {
        let t = crate::text::guide_step::get();
        match self {
            StepState::NotStarted => t.not_started,
            StepState::Working => t.working,
            StepState::Solid => t.solid,
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

/// Where the guide picks up again, for Home and the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume<'a> {
    /// Nothing read yet (or the step last read has left the guide): the
    /// first step that does not feel solid.
    Begin(&'a str),
    /// The step last read, not yet marked as feeling solid.
    Continue(&'a str),
    /// The step last read feels solid: the next one after it that does not.
    Next(&'a str),
}

impl Resume<'_> {
    /// The step it points to, by id.
    pub fn step(&self) -> &str {
        match self {
            Resume::Begin(id) | Resume::Continue(id) | Resume::Next(id) => id,
        }
    }
}

impl Summary {
    /// Whether any step is marked at all; until then a progress bar at 0%
    /// says nothing useful.
    pub fn any_marked(&self) -> bool {
        self.working + self.solid > 0
    }

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

    /// The step to offer next, given the guide's steps in order; `None` when
    /// every step feels solid.
    pub fn resume<'a>(&self, order: &[&'a str]) -> Option<Resume<'a>> {
        let open = |id: &&&'a str| self.state(id) != StepState::Solid;
        let at = self.last_viewed().and_then(|last| order.iter().position(|id| *id == last));
        match at {
            Some(i) if self.state(order[i]) != StepState::Solid => Some(Resume::Continue(order[i])),
            Some(i) => order[i + 1..].iter().chain(&order[..i]).find(open).map(|id| Resume::Next(id)),
            None => order.iter().find(open).map(|id| Resume::Begin(id)),
        }
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

    #[test]
    fn the_guide_resumes_at_the_step_last_read_unless_it_feels_solid() {
        let mut p = Progress::default();
        assert_eq!(p.resume(&STEPS), Some(Resume::Begin("a")));
        p.set("a", StepState::Solid);
        assert_eq!(p.resume(&STEPS), Some(Resume::Begin("b")));
        p.viewed("c");
        p.set("c", StepState::Working);
        assert_eq!(p.resume(&STEPS), Some(Resume::Continue("c")));
        p.set("c", StepState::Solid);
        assert_eq!(p.resume(&STEPS), Some(Resume::Next("d")));
        p.set("d", StepState::Solid);
        // After the last step, the first one still open earlier on.
        assert_eq!(p.resume(&STEPS), Some(Resume::Next("b")));
        p.set("b", StepState::Solid);
        assert_eq!(p.resume(&STEPS), None);
    }

    #[test]
    fn a_last_read_step_gone_from_the_guide_starts_from_the_beginning() {
        let mut p = Progress::default();
        p.viewed("removed");
        assert_eq!(p.resume(&STEPS).map(|r| r.step().to_string()), Some("a".into()));
        assert!(matches!(p.resume(&STEPS), Some(Resume::Begin(_))));
    }

    #[test]
    fn progress_counts_as_shown_only_once_a_step_is_marked() {
        let mut p = Progress::default();
        p.viewed("a");
        assert!(!p.summary(STEPS).any_marked());
        p.set("b", StepState::Working);
        assert!(p.summary(STEPS).any_marked());
    }

    #[test]
    fn the_overviews_count_and_the_states_follow_the_language_in_use() {
        let solid = |solid: usize, total: usize, working: usize, percent: u32| {
            let t = crate::text::guide_overview::get();
            t.steps_solid(solid, percent, t.steps(total), working)
        };
        assert_eq!(solid(1, 15, 0, 6), "1 of 15 steps feels solid, 0 in progress (6%).");
        assert_eq!(solid(0, 15, 1, 3), "0 of 15 steps feel solid, 1 in progress (3%).");
        assert_eq!(solid(1, 1, 0, 100), "1 of 1 step feels solid, 0 in progress (100%).");
        crate::locale::set_active(crate::locale::Locale::Es);
        let spanish = [solid(1, 15, 0, 6), solid(3, 15, 2, 16), StepState::Working.label().to_string()];
        crate::locale::set_active(crate::locale::Locale::En);
        assert_eq!(
            spanish,
            [
                "1 de 15 pasos se siente asentado, 0 en curso (6\u{a0}%).",
                "3 de 15 pasos se sienten asentados, 2 en curso (16\u{a0}%).",
                "En curso",
            ]
        );
        assert_eq!(StepState::Working.label(), "Working on it");
    }
}
