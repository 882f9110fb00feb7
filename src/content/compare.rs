//! The words of the comparison of two people's check results
//! (`src/content/en/compare.toml`), and the checks they must pass.
//!
//! Shared with `build.rs` (through `#[path]`), like `model.rs`, so it depends
//! on nothing but `serde`.

use serde::{Deserialize, Serialize};

/// How two results are read against each other, and what to talk about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareContent {
    /// Shown above every comparison: differences are for talking, not a verdict.
    pub not_a_verdict: String,
    /// Introduces the parts where the two scores are close.
    pub alike: String,
    /// Introduces the parts where the two differ most.
    pub differ: String,
    /// Said when no part differs much.
    pub no_large_difference: String,
    /// How to read the two results, by the two roles.
    pub readings: Readings,
    /// Conversation starters for each dimension of the check.
    pub dimensions: Vec<Starters>,
}

/// A reading note for each pairing of roles, and one for ex-partners.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readings {
    /// One was hurt, the other unfaithful.
    pub hurt_and_unfaithful: String,
    /// Both chose the same role (or one of them chose none).
    pub same_role: String,
    /// One or both answered as "both of us together".
    pub together: String,
    /// Added when either is apart from the other.
    pub apart: String,
}

/// Two or three ways to open a conversation about one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Starters {
    pub dimension: String,
    pub starters: Vec<String>,
}

impl CompareContent {
    /// Every problem with the file: empty texts, unknown placeholders (`check`
    /// checks a text as the other content files do), a dimension missing,
    /// repeated or unknown, or not two or three starters.
    pub fn validate(&self, dimensions: &[&str], check: impl Fn(&str, &str) -> Option<String>) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let mut text = |at: &str, value: &str| {
            if let Some(p) = check(at, value) {
                problems.push(p);
            }
        };
        text("not_a_verdict", &self.not_a_verdict);
        text("alike", &self.alike);
        text("differ", &self.differ);
        text("no_large_difference", &self.no_large_difference);
        let r = &self.readings;
        for (at, value) in [
            ("readings.hurt_and_unfaithful", &r.hurt_and_unfaithful),
            ("readings.same_role", &r.same_role),
            ("readings.together", &r.together),
            ("readings.apart", &r.apart),
        ] {
            text(at, value);
        }
        for s in &self.dimensions {
            for (i, starter) in s.starters.iter().enumerate() {
                text(&format!("dimensions.{}.starters[{i}]", s.dimension), starter);
            }
        }
        for s in &self.dimensions {
            if !dimensions.contains(&s.dimension.as_str()) {
                problems.push(format!("dimensions: {:?} is not a dimension of the check", s.dimension));
            }
            if !(2..=3).contains(&s.starters.len()) {
                problems.push(format!("dimensions.{}: give two or three starters", s.dimension));
            }
        }
        for d in dimensions {
            match self.dimensions.iter().filter(|s| s.dimension == *d).count() {
                0 => problems.push(format!("dimensions: the check's dimension {d:?} has no starters")),
                1 => {}
                _ => problems.push(format!("dimensions: {d:?} is listed more than once")),
            }
        }
        if problems.is_empty() { Ok(()) } else { Err(problems) }
    }
}
