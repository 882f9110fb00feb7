//! Two people's readiness checks side by side: where they are alike, where
//! they differ most, what to talk about, and which guide steps speak to it.
//! Pure Rust over the content, so every rule is tested natively.
//!
//! Only dimension scores are compared. Nothing here looks at, or could infer,
//! either person's safety answers: share codes never carry them.

use crate::assessment::CheckResult;
use crate::content::compare::CompareContent;
use crate::content::model::{CheckContent, Dimension};
use crate::settings::{Role, Situation};

/// Scores this close (out of 100) count as alike.
pub const ALIKE_WITHIN: u32 = 10;
/// At most this many parts are named as where the two differ most.
const DIFFER_MOST: usize = 2;

/// One dimension, both scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub dimension: &'a Dimension,
    pub mine: u32,
    pub theirs: u32,
}

impl Row<'_> {
    /// How far apart the two scores are.
    pub fn gap(&self) -> u32 {
        self.mine.abs_diff(self.theirs)
    }
}

/// How the two results are to be read against each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// One was hurt, the other unfaithful.
    HurtAndUnfaithful,
    /// One or both answered for the pair.
    Together,
    /// The same side, or someone didn't say.
    SameRole,
}

/// Both results side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'a> {
    /// Every dimension both results scored, in the check's order.
    pub rows: Vec<Row<'a>>,
    /// Indexes into `rows` of the parts within [`ALIKE_WITHIN`] of each other.
    pub alike: Vec<usize>,
    /// Indexes into `rows` of the largest differences (more than
    /// [`ALIKE_WITHIN`] apart), largest first; ties keep the check's order.
    pub differ_most: Vec<usize>,
    pub reading: Reading,
    /// Either of the two is living apart from the other.
    pub apart: bool,
}

/// Sets `mine` beside `theirs`.
pub fn compare<'a>(check: &'a CheckContent, mine: &CheckResult, theirs: &CheckResult) -> Comparison<'a> {
    let rows: Vec<Row<'a>> = check
        .dimensions
        .iter()
        .filter_map(|d| Some(Row { dimension: d, mine: mine.dimension(&d.id)?, theirs: theirs.dimension(&d.id)? }))
        .collect();
    let alike = (0..rows.len()).filter(|&i| rows[i].gap() <= ALIKE_WITHIN).collect();
    let mut apart: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].gap() > ALIKE_WITHIN).collect();
    apart.sort_by_key(|&i| (std::cmp::Reverse(rows[i].gap()), i));
    apart.truncate(DIFFER_MOST);
    Comparison {
        rows,
        alike,
        differ_most: apart,
        reading: reading(mine.role, theirs.role),
        apart: [mine.situation, theirs.situation].iter().any(|s| s.is_some_and(Situation::is_apart)),
    }
}

fn reading(mine: Option<Role>, theirs: Option<Role>) -> Reading {
    match (mine, theirs) {
        (Some(Role::Hurt), Some(Role::Unfaithful)) | (Some(Role::Unfaithful), Some(Role::Hurt)) => Reading::HurtAndUnfaithful,
        (Some(Role::Both), _) | (_, Some(Role::Both)) => Reading::Together,
        _ => Reading::SameRole,
    }
}

impl Comparison<'_> {
    /// The note on how to read the two, from the content, with the note for
    /// ex-partners after it when either is apart.
    pub fn reading_notes<'c>(&self, words: &'c CompareContent) -> Vec<&'c str> {
        let r = &words.readings;
        let mut notes = vec![match self.reading {
            Reading::HurtAndUnfaithful => r.hurt_and_unfaithful.as_str(),
            Reading::Together => r.together.as_str(),
            Reading::SameRole => r.same_role.as_str(),
        }];
        if self.apart {
            notes.push(r.apart.as_str());
        }
        notes
    }
}

/// The conversation starters for a dimension (two or three, as build.rs checks).
pub fn starters<'c>(words: &'c CompareContent, dimension: &str) -> &'c [String] {
    words
        .dimensions
        .iter()
        .find(|s| s.dimension == dimension)
        .map(|s| s.starters.as_slice())
        .unwrap_or_default()
}

/// Who a result belongs to, as the comparison names them: "You", or "Your
/// partner" ("Your ex" when either said they are apart).
pub fn person(theirs: bool, apart: bool) -> &'static str {
    let t = crate::text::check_people::get();
    match (theirs, apart) {
        (false, _) => t.you,
        (true, true) => t.your_ex,
        (true, false) => t.your_partner,
    }
}

/// The side someone answered from, as a phrase: "the partner who was hurt".
pub fn side(role: Option<Role>) -> &'static str {
    let t = crate::text::check_people::get();
    match role {
        Some(Role::Hurt) => t.side_hurt,
        Some(Role::Unfaithful) => t.side_unfaithful,
        Some(Role::Both) => t.side_both,
        None => t.side_none,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Scores;

    fn result(role: Option<Role>, situation: Option<Situation>, scores: &[u32]) -> CheckResult {
        let c = crate::content::check();
        CheckResult {
            id: "x".into(),
            taken_at: 0,
            role,
            situation,
            scores: Scores {
                dimensions: c.dimensions.iter().map(|d| d.id.clone()).zip(scores.iter().copied()).collect(),
                overall: 50,
            },
            band: "b".into(),
            answers: Default::default(),
            safety_warnings: Vec::new(),
            partner: false,
        }
    }

    #[test]
    fn parts_close_together_are_alike_and_the_two_largest_gaps_differ_most() {
        let c = crate::content::check();
        let mine = result(Some(Role::Hurt), None, &[50, 50, 20, 90, 60, 40]);
        let theirs = result(Some(Role::Unfaithful), None, &[60, 55, 80, 30, 89, 40]);
        let cmp = compare(c, &mine, &theirs);
        assert_eq!(cmp.rows.len(), 6);
        assert_eq!(cmp.alike, vec![0, 1, 5], "a gap of exactly 10 is still alike");
        // Gaps 60, 60 and 29: the tie keeps the check's order.
        assert_eq!(cmp.differ_most, vec![2, 3]);
        assert_eq!(cmp.rows[2].gap(), 60);
        assert_eq!(cmp.reading, Reading::HurtAndUnfaithful);
    }

    #[test]
    fn equal_results_have_nothing_that_differs() {
        let c = crate::content::check();
        let a = result(None, None, &[70; 6]);
        let cmp = compare(c, &a, &a);
        assert!(cmp.differ_most.is_empty());
        assert_eq!(cmp.alike.len(), 6);
    }

    #[test]
    fn the_reading_follows_both_roles_and_either_situation() {
        let c = crate::content::check();
        let words = crate::content::compare();
        let pair = |a, b, sa, sb| compare(c, &result(a, sa, &[50; 6]), &result(b, sb, &[50; 6]));
        let hurt = Some(Role::Hurt);
        let unf = Some(Role::Unfaithful);
        let both = Some(Role::Both);
        assert_eq!(pair(unf, hurt, None, None).reading, Reading::HurtAndUnfaithful);
        assert_eq!(pair(hurt, hurt, None, None).reading, Reading::SameRole);
        assert_eq!(pair(None, hurt, None, None).reading, Reading::SameRole);
        assert_eq!(pair(hurt, both, None, None).reading, Reading::Together);
        let apart = pair(hurt, unf, Some(Situation::Together), Some(Situation::Apart));
        assert!(apart.apart);
        assert_eq!(apart.reading_notes(words), vec![words.readings.hurt_and_unfaithful.as_str(), words.readings.apart.as_str()]);
        assert_eq!(pair(hurt, unf, None, None).reading_notes(words).len(), 1);
    }

    #[test]
    fn every_dimension_has_two_or_three_starters_and_steps_to_link() {
        let c = crate::content::check();
        let words = crate::content::compare();
        for d in &c.dimensions {
            assert!((2..=3).contains(&starters(words, &d.id).len()), "{}", d.id);
            assert!(!d.steps.is_empty() && d.steps.iter().all(|s| crate::content::step(s).is_some()), "{}", d.id);
        }
        assert!(starters(words, "nope").is_empty());
    }

    #[test]
    fn people_and_sides_follow_the_language() {
        use crate::locale::{self, Locale};
        locale::set_active(Locale::Es);
        let said = [person(false, false), person(true, false), person(true, true), side(Some(Role::Hurt)), side(None)];
        locale::set_active(Locale::En);
        assert_eq!(said, ["Tú", "Tu pareja", "Tu ex", "como la persona que sufrió la infidelidad", "sin elegir un lado"]);
    }

    #[test]
    fn people_are_named_by_side_and_situation() {
        assert_eq!(person(false, true), "You");
        assert_eq!(person(true, false), "Your partner");
        assert_eq!(person(true, true), "Your ex");
        assert_eq!(side(Some(Role::Unfaithful)), "the partner who was unfaithful");
    }

    #[test]
    fn the_compare_content_refuses_missing_or_extra_dimensions() {
        let words = crate::content::compare().clone();
        let dims = ["motives", "willingness", "contact-honesty", "accountability", "emotions", "root-causes"];
        assert_eq!(words.validate(&dims, crate::content::model::text_problem), Ok(()));
        let problems = words.validate(&[&dims[..], &["new-one"]].concat(), crate::content::model::text_problem).unwrap_err();
        assert!(problems.iter().any(|p| p.contains("new-one")), "{problems:?}");
        let mut broken = words.clone();
        broken.dimensions[0].starters.truncate(1);
        broken.alike = " ".into();
        broken.differ = "Ask {someone}".into();
        let problems = broken.validate(&dims, crate::content::model::text_problem).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
