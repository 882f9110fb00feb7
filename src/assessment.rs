//! The readiness check: answers in, scores per dimension, a band and the guide
//! steps to start with out. Pure Rust, so every rule is tested natively.

use crate::content::model::{Band, CheckContent};
use crate::settings::{Role, Situation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Storage key of the check in progress.
pub const DRAFT_KEY: &str = "check.draft";
/// Storage key of the completed checks.
pub const HISTORY_KEY: &str = "check.history";

/// A point on the five-point agreement scale: 1 (strongly disagree) to 5 (strongly agree).
pub type Answer = u8;

/// The lowest and highest answers.
pub const SCALE: std::ops::RangeInclusive<Answer> = 1..=5;

/// How many of the weakest dimensions point to steps to start with.
const WEAKEST: usize = 2;

/// Scores of one completed check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    /// 0 to 100 per dimension id, in content order.
    pub dimensions: Vec<(String, u32)>,
    /// The mean of the dimension scores, 0 to 100.
    pub overall: u32,
}

/// A 0-100 score for one item answer: agreement, or disagreement for a reverse-worded item.
pub fn item_points(answer: Answer, reverse: bool) -> u32 {
    let a = u32::from(answer.clamp(*SCALE.start(), *SCALE.end()));
    let keyed = if reverse { 6 - a } else { a };
    (keyed - 1) * 25
}

/// Scores every dimension from the answered items. A dimension with no answer
/// scores `None` and is left out of the overall mean.
pub fn score(content: &CheckContent, answers: &BTreeMap<String, Answer>) -> Scores {
    let mut dimensions = Vec::new();
    for dim in &content.dimensions {
        let points: Vec<u32> = content
            .items
            .iter()
            .filter(|it| it.dimension == dim.id)
            .filter_map(|it| answers.get(&it.id).map(|a| item_points(*a, it.reverse)))
            .collect();
        if !points.is_empty() {
            dimensions.push((dim.id.clone(), rounded_mean(&points)));
        }
    }
    let overall = rounded_mean(&dimensions.iter().map(|(_, s)| *s).collect::<Vec<_>>());
    Scores { dimensions, overall }
}

/// Mean rounded half up, in integers so every platform agrees; 0 for nothing.
pub(crate) fn rounded_mean(values: &[u32]) -> u32 {
    if values.is_empty() {
        return 0;
    }
    let n = values.len() as u32;
    (values.iter().sum::<u32>() * 2 + n) / (2 * n)
}

/// The band an overall score falls in: the last whose `min` it reaches.
pub fn band(content: &CheckContent, overall: u32) -> &Band {
    content
        .bands
        .iter()
        .rev()
        .find(|b| overall >= b.min)
        .unwrap_or(&content.bands[0])
}

/// The weakest dimensions (lowest first; ties keep content order).
pub fn weakest(scores: &Scores) -> Vec<&str> {
    let mut dims: Vec<(usize, &(String, u32))> = scores.dimensions.iter().enumerate().collect();
    dims.sort_by_key(|(i, (_, s))| (*s, *i));
    dims.into_iter().take(WEAKEST).map(|(_, (id, _))| id.as_str()).collect()
}

/// Guide steps to start with: those the weakest dimensions name, without
/// repeats, in the order the guide has them.
pub fn start_steps(content: &CheckContent, guide_order: &[&str], scores: &Scores) -> Vec<String> {
    let weak = weakest(scores);
    let mut wanted: Vec<&str> = content
        .dimensions
        .iter()
        .filter(|d| weak.contains(&d.id.as_str()))
        .flat_map(|d| d.steps.iter().map(String::as_str))
        .collect();
    wanted.sort_by_key(|s| guide_order.iter().position(|g| g == s).unwrap_or(usize::MAX));
    wanted.dedup();
    wanted.into_iter().map(str::to_string).collect()
}

/// Where a person is in the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The safety questions are not all answered yet.
    Safety,
    /// A safety answer was a warning sign and the person has not chosen to go on.
    SafetyHelp,
    /// The agreement items.
    Items,
}

/// A check in progress, saved after every answer so closing the tab loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Safety answers: `true` for yes.
    pub safety: BTreeMap<String, bool>,
    /// The safety screen was submitted.
    pub safety_done: bool,
    /// The person saw the help page and chose to continue anyway.
    pub continued_after_warning: bool,
    pub answers: BTreeMap<String, Answer>,
    /// The item shown, by position in the item list.
    pub position: usize,
}

impl Draft {
    /// Whether any safety answer is a warning sign.
    pub fn has_warning(&self, content: &CheckContent) -> bool {
        content
            .safety
            .questions
            .iter()
            .any(|q| self.safety.get(&q.id) == Some(&q.warning_if))
    }

    /// Safety questions not yet answered.
    pub fn safety_unanswered<'a>(&self, content: &'a CheckContent) -> Vec<&'a str> {
        content
            .safety
            .questions
            .iter()
            .filter(|q| !self.safety.contains_key(&q.id))
            .map(|q| q.text.as_str())
            .collect()
    }

    pub fn phase(&self, content: &CheckContent) -> Phase {
        if !self.safety_done {
            Phase::Safety
        } else if self.has_warning(content) && !self.continued_after_warning {
            Phase::SafetyHelp
        } else {
            Phase::Items
        }
    }

    /// Records an answer, ignoring anything off the scale or for an unknown item.
    pub fn answer(&mut self, content: &CheckContent, item: &str, answer: Answer) {
        if SCALE.contains(&answer) && content.items.iter().any(|it| it.id == item) {
            self.answers.insert(item.to_string(), answer);
        }
    }

    /// Positions (0-based) of the items still unanswered.
    pub fn unanswered(&self, content: &CheckContent) -> Vec<usize> {
        content
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| !self.answers.contains_key(&it.id))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn answered_count(&self, content: &CheckContent) -> usize {
        content.items.len() - self.unanswered(content).len()
    }
}

/// A completed check, kept with its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub id: String,
    /// Milliseconds since 1970, from the browser's clock.
    pub taken_at: u64,
    pub role: Option<Role>,
    pub situation: Option<Situation>,
    pub scores: Scores,
    pub band: String,
    pub answers: BTreeMap<String, Answer>,
    /// A safety answer was a warning sign: sharing this result asks for care first.
    #[serde(default, skip_serializing_if = "is_false")]
    pub safety_warning: bool,
    /// The other person's result, entered from their share code (`crate::share`).
    /// Older stored results have no such field and are the person's own.
    #[serde(default, skip_serializing_if = "is_false")]
    pub partner: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl CheckResult {
    /// Scores a finished draft. `None` while any item is unanswered.
    pub fn from_draft(
        content: &CheckContent,
        draft: &Draft,
        id: String,
        taken_at: u64,
        role: Option<Role>,
        situation: Option<Situation>,
    ) -> Option<CheckResult> {
        if !draft.unanswered(content).is_empty() {
            return None;
        }
        let scores = score(content, &draft.answers);
        Some(CheckResult {
            id,
            taken_at,
            role,
            situation,
            band: band(content, scores.overall).id.clone(),
            scores,
            answers: draft.answers.clone(),
            safety_warning: draft.has_warning(content),
            partner: false,
        })
    }

    /// Whether a safety answer was a warning sign (sharing asks for care first).
    pub fn needs_safety_reminder(&self) -> bool {
        self.safety_warning
    }

    /// One dimension's score, if it was scored.
    pub fn dimension(&self, id: &str) -> Option<u32> {
        self.scores
            .dimensions
            .iter()
            .find(|(d, _)| d == id)
            .map(|(_, s)| *s)
    }
}

/// Every completed check, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct History(pub Vec<CheckResult>);

impl History {
    /// Adds a result, keeping the list in date order.
    pub fn add(&mut self, result: CheckResult) {
        self.0.push(result);
        self.0.sort_by_key(|r| r.taken_at);
    }

    /// Removes a result, returning it so it can be put back (undo).
    pub fn remove(&mut self, id: &str) -> Option<CheckResult> {
        let at = self.0.iter().position(|r| r.id == id)?;
        Some(self.0.remove(at))
    }

    pub fn get(&self, id: &str) -> Option<&CheckResult> {
        self.0.iter().find(|r| r.id == id)
    }

    pub fn latest(&self) -> Option<&CheckResult> {
        self.0.last()
    }

    /// The person's own results, oldest first.
    pub fn own(&self) -> impl Iterator<Item = &CheckResult> {
        self.0.iter().filter(|r| !r.partner)
    }

    /// The other person's results, entered from their share codes, oldest first.
    pub fn partners(&self) -> impl Iterator<Item = &CheckResult> {
        self.0.iter().filter(|r| r.partner)
    }

    /// Keeps a partner's result, unless the same one is already kept; `false` then.
    pub fn add_partner(&mut self, result: CheckResult) -> bool {
        if self.get(&result.id).is_some() {
            return false;
        }
        self.add(result);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Dimension, Item, Passage, Safety, SafetyQuestion};

    fn passage() -> Passage {
        Passage { title: "t".into(), body: vec!["b".into()] }
    }

    /// Two dimensions: "a" with items a1, a2 (reverse), a3; "b" with b1, b2 (reverse), b3.
    fn content() -> CheckContent {
        let item = |id: &str, dim: &str, reverse: bool| Item {
            id: id.into(),
            dimension: dim.into(),
            reverse,
            hurt: "h".into(),
            unfaithful: "u".into(),
            both: "b".into(),
        };
        let dim = |id: &str, steps: &[&str]| Dimension {
            id: id.into(),
            title: id.into(),
            about: "x".into(),
            low: "x".into(),
            high: "x".into(),
            steps: steps.iter().map(|s| s.to_string()).collect(),
        };
        let band = |id: &str, min: u32| Band { id: id.into(), min, title: id.into(), body: vec!["x".into()] };
        CheckContent {
            intro: passage(),
            scale: vec!["1".into(), "2".into(), "3".into(), "4".into(), "5".into()],
            safety: Safety {
                intro: vec!["x".into()],
                questions: vec![
                    SafetyQuestion { id: "safe".into(), text: "Safe?".into(), warning_if: false },
                    SafetyQuestion { id: "threat".into(), text: "Threats?".into(), warning_if: true },
                ],
                help: passage(),
            },
            dimensions: vec![dim("a", &["s3", "s1"]), dim("b", &["s1", "s2"]), dim("c", &["s4"])],
            items: vec![
                item("a1", "a", false),
                item("a2", "a", true),
                item("a3", "a", false),
                item("b1", "b", false),
                item("b2", "b", true),
                item("b3", "b", false),
                item("c1", "c", false),
                item("c2", "c", true),
                item("c3", "c", false),
            ],
            bands: vec![band("not-yet", 0), band("mixed", 45), band("ready", 70)],
            disclaimer: vec!["x".into()],
        }
    }

    fn all(content: &CheckContent, answer: Answer) -> BTreeMap<String, Answer> {
        content.items.iter().map(|it| (it.id.clone(), answer)).collect()
    }

    #[test]
    fn reverse_keyed_items_score_disagreement() {
        assert_eq!(item_points(5, false), 100);
        assert_eq!(item_points(1, false), 0);
        assert_eq!(item_points(5, true), 0);
        assert_eq!(item_points(1, true), 100);
        assert_eq!(item_points(3, true), 50);
        assert_eq!(item_points(2, true), 75);
    }

    #[test]
    fn all_agree_and_all_disagree_score_by_keying() {
        let c = content();
        // Two of three items in each dimension are plainly worded.
        let agree = score(&c, &all(&c, 5));
        assert_eq!(agree.dimensions, vec![("a".into(), 67), ("b".into(), 67), ("c".into(), 67)]);
        assert_eq!(agree.overall, 67);
        let disagree = score(&c, &all(&c, 1));
        assert_eq!(disagree.dimensions[0].1, 33);
        assert_eq!(disagree.overall, 33);
    }

    #[test]
    fn the_most_and_least_ready_answers_reach_100_and_0() {
        let c = content();
        let best: BTreeMap<String, Answer> = c
            .items
            .iter()
            .map(|it| (it.id.clone(), if it.reverse { 1 } else { 5 }))
            .collect();
        assert_eq!(score(&c, &best).overall, 100);
        let worst: BTreeMap<String, Answer> = c
            .items
            .iter()
            .map(|it| (it.id.clone(), if it.reverse { 5 } else { 1 }))
            .collect();
        assert_eq!(score(&c, &worst).overall, 0);
        assert_eq!(band(&c, 0).id, "not-yet");
        assert_eq!(band(&c, 100).id, "ready");
    }

    #[test]
    fn bands_change_exactly_at_their_thresholds() {
        let c = content();
        assert_eq!(band(&c, 44).id, "not-yet");
        assert_eq!(band(&c, 45).id, "mixed");
        assert_eq!(band(&c, 69).id, "mixed");
        assert_eq!(band(&c, 70).id, "ready");
    }

    #[test]
    fn the_real_bands_start_where_the_content_says() {
        let real = crate::content::check();
        for (i, b) in real.bands.iter().enumerate() {
            assert_eq!(band(real, b.min).id, b.id);
            if b.min > 0 {
                assert_eq!(band(real, b.min - 1).id, real.bands[i - 1].id);
            }
        }
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(rounded_mean(&[50, 75]), 63);
        assert_eq!(rounded_mean(&[0, 25, 25]), 17);
        assert_eq!(rounded_mean(&[]), 0);
    }

    #[test]
    fn a_dimension_without_answers_is_left_out_not_zero() {
        let c = content();
        let mut answers = BTreeMap::new();
        answers.insert("a1".to_string(), 5);
        let s = score(&c, &answers);
        assert_eq!(s.dimensions, vec![("a".into(), 100)]);
        assert_eq!(s.overall, 100);
    }

    #[test]
    fn start_steps_come_from_the_weakest_dimensions_in_guide_order() {
        let c = content();
        let scores = Scores {
            dimensions: vec![("a".into(), 20), ("b".into(), 90), ("c".into(), 40)],
            overall: 50,
        };
        assert_eq!(weakest(&scores), vec!["a", "c"]);
        let order = ["s1", "s2", "s3", "s4"];
        assert_eq!(start_steps(&c, &order, &scores), vec!["s1", "s3", "s4"]);
    }

    #[test]
    fn ties_among_the_weakest_keep_content_order() {
        let scores = Scores {
            dimensions: vec![("a".into(), 50), ("b".into(), 50), ("c".into(), 50)],
            overall: 50,
        };
        assert_eq!(weakest(&scores), vec!["a", "b"]);
    }

    #[test]
    fn a_warning_safety_answer_leads_to_help_until_the_person_chooses_to_continue() {
        let c = content();
        let mut d = Draft::default();
        assert_eq!(d.phase(&c), Phase::Safety);
        assert_eq!(d.safety_unanswered(&c).len(), 2);
        d.safety.insert("safe".into(), true);
        d.safety.insert("threat".into(), false);
        d.safety_done = true;
        assert!(!d.has_warning(&c));
        assert_eq!(d.phase(&c), Phase::Items);
        d.safety.insert("safe".into(), false);
        assert!(d.has_warning(&c));
        assert_eq!(d.phase(&c), Phase::SafetyHelp);
        d.continued_after_warning = true;
        assert_eq!(d.phase(&c), Phase::Items);
        d.safety.insert("safe".into(), true);
        d.safety.insert("threat".into(), true);
        d.continued_after_warning = false;
        assert_eq!(d.phase(&c), Phase::SafetyHelp);
    }

    #[test]
    fn a_result_needs_every_item_answered() {
        let c = content();
        let mut d = Draft::default();
        for it in c.items.iter().skip(2) {
            d.answer(&c, &it.id, 4);
        }
        d.answer(&c, "a1", 9);
        d.answer(&c, "nope", 3);
        assert_eq!(d.unanswered(&c), vec![0, 1]);
        assert_eq!(d.answered_count(&c), 7);
        assert!(CheckResult::from_draft(&c, &d, "r".into(), 1, None, None).is_none());
        d.answer(&c, "a1", 4);
        d.answer(&c, "a2", 2);
        let r = CheckResult::from_draft(&c, &d, "r".into(), 1, Some(Role::Hurt), None).unwrap();
        assert_eq!(r.band, band(&c, r.scores.overall).id);
        assert_eq!(r.dimension("a"), Some(75));
    }

    /// A draft with every item answered `answer`.
    fn answered(c: &CheckContent, answer: Answer) -> Draft {
        Draft { answers: all(c, answer), ..Draft::default() }
    }

    #[test]
    fn a_result_remembers_a_safety_warning_and_old_results_load_as_the_persons_own() {
        let c = content();
        let mut d = answered(&c, 3);
        d.safety.insert("threat".into(), true);
        let r = CheckResult::from_draft(&c, &d, "r".into(), 1, None, None).unwrap();
        assert!(r.needs_safety_reminder());
        d.safety.insert("threat".into(), false);
        let calm = CheckResult::from_draft(&c, &d, "r".into(), 1, None, None).unwrap();
        assert!(!calm.needs_safety_reminder());
        let json = serde_json::to_string(&calm).unwrap();
        assert!(!json.contains("partner") && !json.contains("safety_warning"), "stored as before: {json}");
        let old = r#"[{"id":"a","taken_at":5,"role":"hurt","situation":null,"scores":{"dimensions":[["a",50]],"overall":50},"band":"mixed","answers":{}}]"#;
        let h: History = serde_json::from_str(old).unwrap();
        assert_eq!(h.own().count(), 1);
        assert_eq!(h.partners().count(), 0);
        assert!(!h.0[0].safety_warning);
    }

    #[test]
    fn a_partners_result_is_kept_once_and_apart_from_ones_own() {
        let c = content();
        let d = answered(&c, 3);
        let mine = CheckResult::from_draft(&c, &d, "mine".into(), 1, None, None).unwrap();
        let theirs = CheckResult { id: "p-1".into(), partner: true, ..mine.clone() };
        let mut h = History::default();
        h.add(mine);
        assert!(h.add_partner(theirs.clone()));
        assert!(!h.add_partner(theirs), "the same code entered twice");
        assert_eq!(h.own().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["mine"]);
        assert_eq!(h.partners().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["p-1"]);
        assert!(h.remove("p-1").is_some());
    }

    #[test]
    fn history_keeps_date_order_and_removal_can_be_undone() {
        let c = content();
        let make = |id: &str, at: u64| CheckResult {
            id: id.into(),
            taken_at: at,
            role: None,
            situation: None,
            scores: score(&c, &all(&c, 3)),
            band: "mixed".into(),
            answers: BTreeMap::new(),
            safety_warning: false,
            partner: false,
        };
        let mut h = History::default();
        h.add(make("late", 20));
        h.add(make("early", 10));
        assert_eq!(h.latest().unwrap().id, "late");
        assert_eq!(h.0[0].id, "early");
        let removed = h.remove("early").unwrap();
        assert!(h.get("early").is_none());
        h.add(removed);
        assert_eq!(h.0.len(), 2);
        assert!(h.remove("missing").is_none());
    }
}
