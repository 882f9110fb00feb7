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
    pub opening: Bookend,
    pub steps: Vec<Step>,
    pub closing: Bookend,
}

/// The guide's opening or closing: a titled run of paragraphs, and paragraphs
/// that only apply to one situation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookend {
    pub title: String,
    pub body: Vec<String>,
    #[serde(default)]
    pub situation: SituationNotes,
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
    /// The number shown to people, counting from 1.
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
    /// Short titled notes on a topic that belongs to this step.
    #[serde(default)]
    pub notes: Vec<Note>,
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

/// A short titled note inside a step (children, sexual health, an apology...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub title: String,
    pub body: Vec<String>,
}

/// Whose line an "instead of saying" pair is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The partner who was hurt.
    Hurt,
    /// The partner who was unfaithful.
    Unfaithful,
}

impl Voice {
    pub const ALL: [Voice; 2] = [Voice::Hurt, Voice::Unfaithful];
}

/// A phrase to avoid and a kinder one to use instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsteadOf {
    /// Whose line this is.
    pub who: Voice,
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
    /// A translation's line under the disclaimer: the translated check has not
    /// been clinically validated. Every translation has one, the source none
    /// (`parity.rs` checks both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

/// The safety screen asked before any couples content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Safety {
    pub intro: Vec<String>,
    /// A gentle line kept on every result taken after a warning answer.
    pub reminder: String,
    /// In the "both" role, shown before each person answers alone.
    pub alone: Passage,
    /// In the "both" role, shown when the first person has answered.
    pub next: Passage,
    pub questions: Vec<SafetyQuestion>,
    /// The calm page shown after an abuse warning answer.
    pub help: Passage,
    /// What going on to the questions anyway means, after a warning.
    pub go_on: Passage,
    /// The page shown after a self-harm answer: crisis lines, not abuse helplines.
    pub crisis: Passage,
}

/// What a warning answer on the safety screen is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SafetyKind {
    /// Fear, threats, control, violence or sexual pressure from the partner.
    Abuse,
    /// The person's own thoughts of harming themselves.
    SelfHarm,
}

/// A yes/no safety question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyQuestion {
    pub id: String,
    pub kind: SafetyKind,
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

/// The help page and the one list of phone lines it shares with the safety screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpContent {
    pub title: String,
    /// Shown above the lines.
    pub intro: Vec<String>,
    /// One section per kind of line, in the order shown.
    pub sections: Vec<HelpSection>,
    pub lines: Vec<Line>,
    /// Where to find lines in other countries.
    pub directory: Directory,
    /// Shown below the lines.
    pub after: Vec<String>,
}

/// The words above one kind of line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpSection {
    pub kind: LineKind,
    pub title: String,
    pub body: Vec<String>,
}

/// What a phone line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    Emergency,
    /// Suicide and crisis lines.
    Crisis,
    /// Domestic abuse helplines.
    Abuse,
}

impl LineKind {
    pub fn id(self) -> &'static str {
        match self {
            LineKind::Emergency => "emergency",
            LineKind::Crisis => "crisis",
            LineKind::Abuse => "abuse",
        }
    }

    /// The lines someone needs after a warning of this kind: emergency first.
    pub fn for_warning(kind: SafetyKind) -> [LineKind; 2] {
        match kind {
            SafetyKind::SelfHarm => [LineKind::Crisis, LineKind::Emergency],
            SafetyKind::Abuse => [LineKind::Abuse, LineKind::Emergency],
        }
    }
}

/// One phone line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub kind: LineKind,
    pub name: String,
    pub region: String,
    /// As people dial it, e.g. "116 123".
    pub number: String,
    /// The same number takes text messages.
    #[serde(default)]
    pub texts: bool,
    #[serde(default)]
    pub note: Option<String>,
}

impl Line {
    /// The `tel:` link: the number's digits (and a leading `+`).
    pub fn tel(&self) -> String {
        format!("tel:{}", dial(&self.number))
    }

    /// The `sms:` link, for a line that takes texts.
    pub fn sms(&self) -> Option<String> {
        self.texts.then(|| format!("sms:{}", dial(&self.number)))
    }
}

/// The digits of a phone number as dialled, keeping a leading `+`; `None` when
/// it holds anything but digits, spaces, hyphens and that `+`.
pub fn dial_digits(number: &str) -> Option<String> {
    let trimmed = number.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", trimmed),
    };
    if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-') {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then(|| format!("{plus}{digits}"))
}

fn dial(number: &str) -> String {
    dial_digits(number).unwrap_or_default()
}

/// A pointer to a directory of lines by country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directory {
    pub text: String,
    pub label: String,
    pub url: String,
}

/// The privacy page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyContent {
    pub title: String,
    pub lead: Vec<String>,
    pub sections: Vec<PrivacySection>,
}

/// One headed part of the privacy page: paragraphs, a list, then links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacySection {
    pub heading: String,
    #[serde(default)]
    pub body: Vec<String>,
    #[serde(default)]
    pub list: Vec<String>,
    #[serde(default)]
    pub links: Vec<PageLink>,
}

/// A screen of the app a content section may link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageLink {
    Settings,
    Help,
}

/// The placeholders a text may use; see `crate::content::words`.
pub const PLACEHOLDERS: [&str; 4] = ["partner", "Partner", "my_partner", "My_partner"];

/// Placeholders that speak to the reader ("your partner"), which a first-person
/// statement must not use.
pub const SECOND_PERSON: [&str; 2] = ["{partner}", "{Partner}"];

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
        for (at, b) in [("opening", &self.opening), ("closing", &self.closing)] {
            p.text(&format!("{at}.title"), &b.title);
            p.texts(&format!("{at}.body"), &b.body, 1);
            p.texts(&format!("{at}.situation.together"), &b.situation.together, 0);
            p.texts(&format!("{at}.situation.apart"), &b.situation.apart, 0);
        }
        if self.steps.is_empty() {
            p.0.push("steps: the guide has no steps".into());
        }
        let mut step_ids = BTreeSet::new();
        let mut prompt_ids = BTreeSet::new();
        for (i, s) in self.steps.iter().enumerate() {
            let at = format!("steps[{i}] ({})", s.id);
            p.id(&at, &s.id, &mut step_ids);
            if s.number as usize != i + 1 {
                p.0.push(format!("{at}: number is {} but the step is number {} in the list", s.number, i + 1));
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
            for voice in Voice::ALL {
                if !s.instead.iter().any(|pair| pair.who == voice) {
                    p.0.push(format!("{at}.instead: needs a pair whose line is {voice:?}'s"));
                }
            }
            for (j, note) in s.notes.iter().enumerate() {
                p.text(&format!("{at}.notes[{j}].title"), &note.title);
                p.texts(&format!("{at}.notes[{j}].body"), &note.body, 1);
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
        if let Some(note) = &self.translation {
            p.text("translation", note);
        }
        p.texts("safety.intro", &self.safety.intro, 1);
        p.text("safety.reminder", &self.safety.reminder);
        let s = &self.safety;
        for (at, passage) in [("help", &s.help), ("crisis", &s.crisis), ("alone", &s.alone), ("next", &s.next), ("go_on", &s.go_on)] {
            p.text(&format!("safety.{at}.title"), &passage.title);
            p.texts(&format!("safety.{at}.body"), &passage.body, 1);
        }
        for kind in [SafetyKind::Abuse, SafetyKind::SelfHarm] {
            if !self.safety.questions.iter().any(|q| q.kind == kind) {
                p.0.push(format!("safety.questions: none asks about {kind:?}"));
            }
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
            for (role, text) in [("hurt", &it.hurt), ("unfaithful", &it.unfaithful), ("both", &it.both)] {
                p.text(&format!("{at}.{role}"), text);
                if SECOND_PERSON.iter().any(|ph| text.contains(ph)) {
                    p.0.push(format!(
                        "{at}.{role}: an item speaks in the first person, so it names the partner with {{my_partner}}, not {{partner}}"
                    ));
                }
            }
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

impl HelpContent {
    /// Checks that every kind of line has words and at least one dialable number.
    pub fn validate(&self) -> Result<(), ContentErrors> {
        let mut p = Problems::default();
        p.text("help.title", &self.title);
        p.texts("help.intro", &self.intro, 1);
        p.texts("help.after", &self.after, 0);
        p.text("help.directory.text", &self.directory.text);
        p.text("help.directory.label", &self.directory.label);
        if !self.directory.url.starts_with("https://") {
            p.0.push(format!("help.directory.url: {:?} must start with https://", self.directory.url));
        }
        for kind in [LineKind::Emergency, LineKind::Crisis, LineKind::Abuse] {
            let sections = self.sections.iter().filter(|s| s.kind == kind).count();
            if sections != 1 {
                p.0.push(format!("help.sections: needs exactly one section for {kind:?} lines, has {sections}"));
            }
            if !self.lines.iter().any(|l| l.kind == kind) {
                p.0.push(format!("help.lines: has no {kind:?} line"));
            }
        }
        for (i, s) in self.sections.iter().enumerate() {
            p.text(&format!("help.sections[{i}].title"), &s.title);
            p.texts(&format!("help.sections[{i}].body"), &s.body, 1);
        }
        for (i, l) in self.lines.iter().enumerate() {
            let at = format!("help.lines[{i}] ({})", l.name);
            p.text(&format!("{at}.name"), &l.name);
            p.text(&format!("{at}.region"), &l.region);
            if dial_digits(&l.number).is_none() {
                p.0.push(format!("{at}.number: {:?} must be digits, spaces and hyphens", l.number));
            }
            if let Some(note) = &l.note {
                p.text(&format!("{at}.note"), note);
            }
        }
        p.finish()
    }

    /// The lines of one kind, in content order.
    pub fn lines_of(&self, kind: LineKind) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |l| l.kind == kind)
    }

    /// The words above one kind of line.
    pub fn section(&self, kind: LineKind) -> Option<&HelpSection> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

impl PrivacyContent {
    /// Checks that every section has a heading and something under it.
    pub fn validate(&self) -> Result<(), ContentErrors> {
        let mut p = Problems::default();
        p.text("title", &self.title);
        p.texts("lead", &self.lead, 1);
        if self.sections.is_empty() {
            p.0.push("sections: the page has no sections".into());
        }
        for (i, s) in self.sections.iter().enumerate() {
            let at = format!("sections[{i}]");
            p.text(&format!("{at}.heading"), &s.heading);
            p.texts(&format!("{at}.body"), &s.body, 0);
            p.texts(&format!("{at}.list"), &s.list, 0);
            if s.body.is_empty() && s.list.is_empty() {
                p.0.push(format!("{at}: has neither paragraphs nor a list"));
            }
        }
        p.finish()
    }
}

/// "Start here": short cards fitted to what the person told the app, the first
/// whose conditions all hold being shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartContent {
    pub cards: Vec<StartCard>,
}

/// One "Start here" card. A condition left out matches anyone, including
/// someone who did not answer that question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartCard {
    pub id: String,
    /// A role id (`hurt`, `unfaithful`, `both`).
    #[serde(default)]
    pub role: Option<String>,
    /// A situation id (`together`, `apart`, `apart-unsure`).
    #[serde(default)]
    pub situation: Option<String>,
    /// A moment id (`just-found-out`, `some-time-on`).
    #[serde(default)]
    pub moment: Option<String>,
    /// One to three short paragraphs.
    pub body: Vec<String>,
    /// The guide step to read first, by id.
    pub step: String,
}

impl StartCard {
    /// Whether every condition the card sets holds for these answers (ids).
    pub fn fits(&self, role: Option<&str>, situation: Option<&str>, moment: Option<&str>) -> bool {
        let holds = |wanted: &Option<String>, given: Option<&str>| wanted.as_deref().is_none_or(|w| Some(w) == given);
        holds(&self.role, role) && holds(&self.situation, situation) && holds(&self.moment, moment)
    }
}

/// The ids a "Start here" condition may name, from `crate::settings`.
pub struct ChoiceIds<'a> {
    pub roles: &'a [&'a str],
    pub situations: &'a [&'a str],
    pub moments: &'a [&'a str],
}

impl StartContent {
    /// Checks ids, texts, conditions and steps, and that the last card fits anyone.
    pub fn validate(&self, guide: &GuideContent, ids: &ChoiceIds) -> Result<(), ContentErrors> {
        let mut p = Problems::default();
        let step_ids: BTreeSet<&str> = guide.steps.iter().map(|s| s.id.as_str()).collect();
        let mut seen = BTreeSet::new();
        for (i, c) in self.cards.iter().enumerate() {
            let at = format!("cards[{i}] ({})", c.id);
            p.id(&at, &c.id, &mut seen);
            if !(1..=3).contains(&c.body.len()) {
                p.0.push(format!("{at}.body: needs one to three paragraphs, has {}", c.body.len()));
            }
            p.texts(&format!("{at}.body"), &c.body, 1);
            if !step_ids.contains(c.step.as_str()) {
                p.0.push(format!("{at}.step: {:?} is not a guide step", c.step));
            }
            for (name, value, known) in [
                ("role", &c.role, ids.roles),
                ("situation", &c.situation, ids.situations),
                ("moment", &c.moment, ids.moments),
            ] {
                if let Some(v) = value {
                    if !known.contains(&v.as_str()) {
                        p.0.push(format!("{at}.{name}: {v:?} is not one of {known:?}"));
                    }
                }
            }
        }
        match self.cards.last() {
            Some(last) if last.role.is_none() && last.situation.is_none() && last.moment.is_none() => {}
            _ => p.0.push("cards: the last card must have no conditions, so everyone gets one".into()),
        }
        p.finish()
    }
}

/// The summary for a counsellor: the screen's words, the printed page's, and
/// what to say where printing is not available.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryContent {
    pub screen: SummaryScreen,
    pub sections: SummarySections,
    pub page: SummaryPage,
    pub unavailable: SummaryUnavailable,
}

/// The summary screen around the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryScreen {
    pub title: String,
    pub intro: Vec<String>,
    pub choose: String,
    pub preview: String,
    pub print: String,
    pub print_hint: String,
    pub empty: String,
    pub not_therapy: String,
}

/// A checkbox label per section, with the hints beside them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummarySections {
    pub about: String,
    pub check: String,
    pub check_none: String,
    pub safety: String,
    pub safety_why: String,
    pub partner: String,
    pub guide: String,
    pub guide_none: String,
    pub moods: String,
    pub moods_none: String,
    pub excerpts: String,
    pub excerpts_hint: String,
    pub excerpts_full: String,
    pub excerpts_none: String,
    pub talk: String,
    pub talk_hint: String,
    pub show_name: String,
    pub show_name_hint: String,
}

/// The printed page's headings and labels, in the person's own voice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryPage {
    pub heading: String,
    pub role: String,
    pub situation: String,
    pub range: String,
    pub check: String,
    pub check_caption: String,
    pub dimension: String,
    pub first: String,
    pub latest: String,
    pub change: String,
    pub overall: String,
    pub band: String,
    pub safety: String,
    pub partner: String,
    pub partner_mine: String,
    pub partner_theirs: String,
    pub partner_difference: String,
    pub guide: String,
    pub guide_done: String,
    pub guide_working: String,
    pub moods: String,
    pub moods_caption: String,
    pub week: String,
    pub average: String,
    pub entries: String,
    pub excerpts: String,
    pub talk: String,
    pub footer: String,
    pub made_with: String,
}

/// Where printing does not work, how to get the same page another way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryUnavailable {
    pub missing: String,
    pub in_app: String,
    pub framed: String,
    pub embedded: String,
}

impl SummaryContent {
    /// Checks that no text is empty.
    pub fn validate(&self) -> Result<(), ContentErrors> {
        let mut p = Problems::default();
        macro_rules! check {
            ($at:literal, $value:expr, [$($field:ident),*]) => {
                $(p.text(concat!($at, ".", stringify!($field)), &$value.$field);)*
            };
        }
        let (s, x, g, u) = (&self.screen, &self.sections, &self.page, &self.unavailable);
        check!("screen", s, [title, choose, preview, print, print_hint, empty, not_therapy]);
        p.texts("screen.intro", &s.intro, 1);
        check!("sections", x, [about, check, check_none, safety, safety_why, partner, guide, guide_none,
            moods, moods_none, excerpts, excerpts_hint, excerpts_full, excerpts_none, talk, talk_hint,
            show_name, show_name_hint]);
        check!("page", g, [heading, role, situation, range, check, check_caption, dimension, first,
            latest, change, overall, band, safety, partner, partner_mine, partner_theirs, partner_difference,
            guide, guide_done, guide_working, moods, moods_caption, week, average, entries, excerpts, talk,
            footer, made_with]);
        check!("unavailable", u, [missing, in_app, framed, embedded]);
        p.finish()
    }
}
