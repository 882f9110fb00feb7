//! The shape of the content files under `src/content/<locale>/` and the checks
//! every file must pass.
//!
//! This file is shared with `build.rs` (through `#[path]`), so it depends on
//! nothing but `serde`: the build parses the TOML, runs [`GuideContent::validate`]
//! and [`CheckContent::validate`], and stops with a readable message when a
//! counsellor's edit left a field empty or an id twice. The app itself only
//! ever reads the JSON the build wrote.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The guide: an opening, the steps in order, a closing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideContent {
    pub opening: Passage,
    pub steps: Vec<Step>,
    pub closing: Passage,
}

/// A titled run of paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub title: String,
    pub body: Vec<String>,
}

/// One step of the guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable identifier, used in storage and links: lowercase letters, digits and `-`.
    pub id: String,
    /// The number shown to people (0 for "should we even try?").
    pub number: u32,
    pub title: String,
    /// One or two sentences shown in the overview.
    pub summary: String,
    /// Why this step matters: paragraphs.
    pub why: Vec<String>,
    /// What the partner who was hurt can do.
    pub hurt: Vec<String>,
    /// What the partner who was unfaithful can do.
    pub unfaithful: Vec<String>,
    /// What both can do together.
    pub both: Vec<String>,
    /// Extra paragraphs that only apply to one situation.
    #[serde(default)]
    pub situation: SituationNotes,
    /// "Instead of saying ..., try ..." pairs.
    #[serde(default)]
    pub instead: Vec<InsteadOf>,
    /// Two or three reflection prompts.
    pub prompts: Vec<Prompt>,
}

/// Paragraphs that only apply while still together, or while separated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SituationNotes {
    #[serde(default)]
    pub together: Vec<String>,
    #[serde(default)]
    pub apart: Vec<String>,
}

/// A phrase to avoid and a kinder one to use instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsteadOf {
    pub say: String,
    #[serde(rename = "try")]
    pub try_: String,
}

/// A reflection prompt that can open a journal entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    /// Unique across the whole guide.
    pub id: String,
    pub text: String,
}

/// The readiness check: the safety screen, dimensions, items and bands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckContent {
    pub intro: Passage,
    /// Labels of the five agreement points, from "strongly disagree" to "strongly agree".
    pub scale: Vec<String>,
    pub safety: Safety,
    pub dimensions: Vec<Dimension>,
    pub items: Vec<Item>,
    /// Overall bands, ordered from lowest to highest `min`; the first must start at 0.
    pub bands: Vec<Band>,
    /// Shown on every result page: this is a reflection tool, not a diagnosis.
    pub disclaimer: Vec<String>,
}

/// The safety screen asked before any couples content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Safety {
    pub intro: Vec<String>,
    pub questions: Vec<SafetyQuestion>,
    /// The calm page shown after a warning answer.
    pub help: Passage,
}

/// A yes/no safety question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyQuestion {
    pub id: String,
    pub text: String,
    /// The answer that is a warning sign: `true` for "yes", `false` for "no".
    pub warning_if: bool,
}

/// One scored dimension of the readiness check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub title: String,
    /// What this dimension is about, in a sentence.
    pub about: String,
    /// Said kindly when this dimension scores low.
    pub low: String,
    /// Said when this dimension scores high.
    pub high: String,
    /// Guide step ids to start with when this dimension is weak.
    pub steps: Vec<String>,
}

/// An agreement item, worded for each role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub dimension: String,
    /// When true, agreeing signals less readiness.
    #[serde(default)]
    pub reverse: bool,
    pub hurt: String,
    pub unfaithful: String,
    pub both: String,
}

/// An overall band: from `min` (inclusive) up to the next band's `min`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub id: String,
    pub min: u32,
    pub title: String,
    pub body: Vec<String>,
}

/// Everything wrong with a content file, one readable line per problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<String>);

impl std::fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for line in &self.0 {
            writeln!(f, "- {line}")?;
        }
        Ok(())
    }
}

/// The placeholders a text may use; see `crate::content::Words`.
pub const PLACEHOLDERS: [&str; 2] = ["partner", "Partner"];

/// What is wrong with one text (empty, or an unknown placeholder), if anything:
/// the same check every content file's texts pass.
pub fn text_problem(at: &str, value: &str) -> Option<String> {
    let mut p = Problems::default();
    p.text(at, value);
    (!p.0.is_empty()).then(|| p.0.join("; "))
}

/// Collects problems instead of stopping at the first, so one build run lists them all.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn text(&mut self, at: &str, value: &str) {
        if value.trim().is_empty() {
            self.0.push(format!("{at}: the text is empty"));
        }
        // Only the placeholders `crate::content` knows how to fill may appear.
        let mut rest = value;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let name = after.split('}').next().unwrap_or_default();
            if !after.contains('}') || !PLACEHOLDERS.contains(&name) {
                self.0.push(format!("{at}: unknown placeholder near {:?}", &rest[open..]));
                break;
            }
            rest = &after[name.len() + 1..];
        }
    }
    fn texts(&mut self, at: &str, values: &[String], min: usize) {
        if values.len() < min {
            self.0.push(format!("{at}: needs at least {min} entries, has {}", values.len()));
        }
        for (i, v) in values.iter().enumerate() {
            self.text(&format!("{at}[{i}]"), v);
        }
    }
    fn id(&mut self, at: &str, id: &str, seen: &mut BTreeSet<String>) {
        let well_formed = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            self.0.push(format!(
                "{at}: id {id:?} must be lowercase letters, digits and '-'"
            ));
        }
        if !seen.insert(id.to_string()) {
            self.0.push(format!("{at}: id {id:?} is used twice"));
        }
    }
    fn finish(self) -> Result<(), ContentErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ContentErrors(self.0))
        }
    }
}

impl GuideContent {
    /// Checks that every step is complete for every role and that ids are unique.
    pub fn validate(&self) -> Result<(), ContentErrors> {
        let mut p = Problems::default();
        p.text("opening.title", &self.opening.title);
        p.texts("opening.body", &self.opening.body, 1);
        p.text("closing.title", &self.closing.title);
        p.texts("closing.body", &self.closing.body, 1);
        if self.steps.is_empty() {
            p.0.push("steps: the guide has no steps".into());
        }
        let mut step_ids = BTreeSet::new();
        let mut prompt_ids = BTreeSet::new();
        for (i, s) in self.steps.iter().enumerate() {
            let at = format!("steps[{i}] ({})", s.id);
            p.id(&at, &s.id, &mut step_ids);
            if s.number as usize != i {
                p.0.push(format!("{at}: number is {} but the step is at position {i}", s.number));
            }
            p.text(&format!("{at}.title"), &s.title);
            p.text(&format!("{at}.summary"), &s.summary);
            p.texts(&format!("{at}.why"), &s.why, 1);
            p.texts(&format!("{at}.hurt"), &s.hurt, 1);
            p.texts(&format!("{at}.unfaithful"), &s.unfaithful, 1);
            p.texts(&format!("{at}.both"), &s.both, 1);
            p.texts(&format!("{at}.situation.together"), &s.situation.together, 0);
            p.texts(&format!("{at}.situation.apart"), &s.situation.apart, 0);
            for (j, pair) in s.instead.iter().enumerate() {
                p.text(&format!("{at}.instead[{j}].say"), &pair.say);
                p.text(&format!("{at}.instead[{j}].try"), &pair.try_);
            }
            if !(2..=3).contains(&s.prompts.len()) {
                p.0.push(format!("{at}.prompts: needs two or three prompts, has {}", s.prompts.len()));
            }
            for (j, pr) in s.prompts.iter().enumerate() {
                p.id(&format!("{at}.prompts[{j}]"), &pr.id, &mut prompt_ids);
                p.text(&format!("{at}.prompts[{j}].text"), &pr.text);
            }
        }
        p.finish()
    }
}

impl CheckContent {
    /// Checks the item bank against the guide it points into.
    pub fn validate(&self, guide: &GuideContent) -> Result<(), ContentErrors> {
        let mut p = Problems::default();
        p.text("intro.title", &self.intro.title);
        p.texts("intro.body", &self.intro.body, 1);
        if self.scale.len() != 5 {
            p.0.push(format!("scale: needs exactly 5 labels, has {}", self.scale.len()));
        }
        p.texts("scale", &self.scale, 0);
        p.texts("disclaimer", &self.disclaimer, 1);
        p.texts("safety.intro", &self.safety.intro, 1);
        p.text("safety.help.title", &self.safety.help.title);
        p.texts("safety.help.body", &self.safety.help.body, 1);
        if self.safety.questions.is_empty() {
            p.0.push("safety.questions: the safety screen has no questions".into());
        }
        let mut ids = BTreeSet::new();
        for (i, q) in self.safety.questions.iter().enumerate() {
            p.id(&format!("safety.questions[{i}]"), &q.id, &mut ids);
            p.text(&format!("safety.questions[{i}].text"), &q.text);
        }
        let step_ids: BTreeSet<&str> = guide.steps.iter().map(|s| s.id.as_str()).collect();
        let mut dim_ids = BTreeSet::new();
        for (i, d) in self.dimensions.iter().enumerate() {
            let at = format!("dimensions[{i}] ({})", d.id);
            p.id(&at, &d.id, &mut dim_ids);
            p.text(&format!("{at}.title"), &d.title);
            p.text(&format!("{at}.about"), &d.about);
            p.text(&format!("{at}.low"), &d.low);
            p.text(&format!("{at}.high"), &d.high);
            if d.steps.is_empty() {
                p.0.push(format!("{at}.steps: names no guide step to start with"));
            }
            for s in &d.steps {
                if !step_ids.contains(s.as_str()) {
                    p.0.push(format!("{at}.steps: {s:?} is not a guide step"));
                }
            }
        }
        let mut item_ids = BTreeSet::new();
        for (i, it) in self.items.iter().enumerate() {
            let at = format!("items[{i}] ({})", it.id);
            p.id(&at, &it.id, &mut item_ids);
            if !dim_ids.contains(&it.dimension) {
                p.0.push(format!("{at}: dimension {:?} does not exist", it.dimension));
            }
            p.text(&format!("{at}.hurt"), &it.hurt);
            p.text(&format!("{at}.unfaithful"), &it.unfaithful);
            p.text(&format!("{at}.both"), &it.both);
        }
        for d in &self.dimensions {
            let n = self.items.iter().filter(|it| it.dimension == d.id).count();
            if !(3..=5).contains(&n) {
                p.0.push(format!("dimensions ({}): needs 3 to 5 items, has {n}", d.id));
            }
            let reversed = self
                .items
                .iter()
                .filter(|it| it.dimension == d.id && it.reverse)
                .count();
            if reversed == 0 || reversed == n {
                p.0.push(format!(
                    "dimensions ({}): needs a mix of plain and reverse-worded items",
                    d.id
                ));
            }
        }
        if self.bands.len() != 3 {
            p.0.push(format!("bands: needs exactly 3 bands, has {}", self.bands.len()));
        }
        let mut band_ids = BTreeSet::new();
        for (i, b) in self.bands.iter().enumerate() {
            let at = format!("bands[{i}] ({})", b.id);
            p.id(&at, &b.id, &mut band_ids);
            p.text(&format!("{at}.title"), &b.title);
            p.texts(&format!("{at}.body"), &b.body, 1);
            if b.min > 100 {
                p.0.push(format!("{at}: min {} is above 100", b.min));
            }
        }
        if self.bands.first().is_some_and(|b| b.min != 0) {
            p.0.push("bands: the first band must start at 0".into());
        }
        if self.bands.windows(2).any(|w| w[0].min >= w[1].min) {
            p.0.push("bands: thresholds must rise strictly from one band to the next".into());
        }
        p.finish()
    }
}
