//! One journal entry: its shape, the words for moods and feelings, the rules
//! that keep feelings and tags tidy, validation and id generation.

use serde::{Deserialize, Serialize};

/// Words for the five moods, lowest first: `MOOD_WORDS[0]` is mood 1. The
/// English words, as records before schema 1 stored them (see `migrate`); a
/// person reads [`mood_word`], in their language.
pub const MOOD_WORDS: [&str; 5] = ["Very low", "Low", "Mixed", "Steady", "Good"];

/// The lowest and highest mood.
pub const MOODS: std::ops::RangeInclusive<u8> = 1..=5;

/// Feelings offered as suggestions, in the active language; the person may
/// type others. One chosen is kept as it was shown.
pub fn feelings() -> [&'static str; 15] {
    let t = crate::text::journal_common::get();
    [
        t.feeling_hurt, t.feeling_angry, t.feeling_sad, t.feeling_confused, t.feeling_anxious, t.feeling_numb,
        t.feeling_lonely, t.feeling_ashamed, t.feeling_guilty, t.feeling_tired, t.feeling_hopeful, t.feeling_calm,
        t.feeling_relieved, t.feeling_grateful, t.feeling_close,
    ]
}

/// Longest id, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest body, in characters (about 30 printed pages).
pub const MAX_BODY_CHARS: usize = 100_000;
/// Longest single feeling or tag, in characters.
pub const MAX_LABEL_CHARS: usize = 40;
/// Most feelings, and most tags, on one entry.
pub const MAX_LABELS: usize = 20;

/// The word for a mood in the active language, or `None` off the scale.
pub fn mood_word(mood: u8) -> Option<&'static str> {
    let t = crate::text::journal_common::get();
    [t.mood_1, t.mood_2, t.mood_3, t.mood_4, t.mood_5].get(usize::from(mood).checked_sub(1)?).copied()
}

/// A mood from its word, ignoring case and surrounding spaces.
pub fn mood_from_word(word: &str) -> Option<u8> {
    let word = word.trim();
    MOOD_WORDS
        .iter()
        .position(|w| w.eq_ignore_ascii_case(word))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// One journal entry. Fields added after the first release carry
/// `#[serde(default)]`, so records written before them still load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Safe in a storage key; see [`validate_id`].
    pub id: String,
    /// Milliseconds since 1970 when the entry was started.
    pub created: u64,
    /// Milliseconds since 1970 of the last save; the caller sets it before saving.
    #[serde(default)]
    pub updated: u64,
    /// Optional: an empty title shows the date instead.
    #[serde(default)]
    pub title: String,
    /// Plain text, line breaks kept.
    #[serde(default)]
    pub body: String,
    /// 1 (very low) to 5 (good), if the person chose one.
    #[serde(default)]
    pub mood: Option<u8>,
    /// Chosen from [`feelings`] or typed; tidied on save.
    #[serde(default)]
    pub feelings: Vec<String>,
    /// The person's own labels; tidied on save.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The guide step this entry reflects on.
    #[serde(default)]
    pub step: Option<String>,
    /// The writing prompt it answers.
    #[serde(default)]
    pub prompt: Option<String>,
    /// Bumped on every save, so two tabs can tell they disagree.
    #[serde(default)]
    pub rev: u32,
}

/// Why an entry cannot be saved, in words a person can act on (in the active
/// language when it is written out).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("{}", words().missing_id)]
    MissingId,
    #[error("{}", words().bad_id(quoted(.0)))]
    BadId(String),
    #[error("{}", words().bad_mood(.0))]
    BadMood(u8),
    #[error("{}", words().title_too_long(.0))]
    TitleTooLong(usize),
    #[error("{}", words().body_too_long(.0))]
    BodyTooLong(usize),
    /// `what` is "feelings" or "tags".
    #[error("{}", too_many_labels(.what, *.count))]
    TooManyLabels { what: &'static str, count: usize },
    /// `what` is "feeling" or "tag".
    #[error("{}", bad_label(.what, .label))]
    BadLabel { what: &'static str, label: String },
}

/// The words for the journal's errors, in the active language.
pub(super) fn words() -> &'static crate::text::journal_errors::Strings {
    crate::text::journal_errors::get()
}

pub(super) use crate::text::quoted;

fn too_many_labels(what: &str, count: usize) -> String {
    if what == "tags" { words().too_many_tags(count) } else { words().too_many_feelings(count) }
}

/// A label is refused for one of two reasons: it is blank, or it is too long.
fn bad_label(what: &str, label: &str) -> String {
    let (t, tag) = (words(), what == "tag");
    if label.trim().is_empty() {
        return if tag { t.empty_tag.to_string() } else { t.empty_feeling.to_string() };
    }
    let chars = label.chars().count();
    if tag { t.long_tag(chars, quoted(label)) } else { t.long_feeling(chars, quoted(label)) }
}

impl Entry {
    /// A new, empty entry started at `now_ms`.
    pub fn new(id: String, now_ms: u64) -> Self {
        Entry {
            id,
            created: now_ms,
            updated: now_ms,
            title: String::new(),
            body: String::new(),
            mood: None,
            feelings: Vec::new(),
            tags: Vec::new(),
            step: None,
            prompt: None,
            rev: 0,
        }
    }

    /// Tidies what the person typed: feelings and tags (see [`normalise_labels`]),
    /// a title on one line without surrounding spaces, blank step or prompt ids dropped.
    pub fn normalise(&mut self) {
        self.feelings = normalise_labels(&self.feelings);
        self.tags = normalise_labels(&self.tags);
        // Titles come from a one-line field, but pasted text can carry breaks.
        let lines = self
            .title
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|s| !s.is_empty());
        self.title = lines.collect::<Vec<_>>().join(" ");
        for opt in [&mut self.step, &mut self.prompt] {
            if opt.as_deref().is_some_and(|s| s.trim().is_empty()) {
                *opt = None;
            }
        }
    }

    /// Checks the limits that keep an entry safe to store, search and export.
    pub fn validate(&self) -> Result<(), EntryError> {
        validate_id(&self.id)?;
        if let Some(m) = self.mood {
            if !MOODS.contains(&m) {
                return Err(EntryError::BadMood(m));
            }
        }
        let title = self.title.chars().count();
        if title > MAX_TITLE_CHARS {
            return Err(EntryError::TitleTooLong(title));
        }
        // Bytes bound chars from above, so most bodies skip the count.
        if self.body.len() > MAX_BODY_CHARS {
            let body = self.body.chars().count();
            if body > MAX_BODY_CHARS {
                return Err(EntryError::BodyTooLong(body));
            }
        }
        for (what, labels) in [("feelings", &self.feelings), ("tags", &self.tags)] {
            if labels.len() > MAX_LABELS {
                return Err(EntryError::TooManyLabels {
                    what,
                    count: labels.len(),
                });
            }
            if let Some(bad) = labels
                .iter()
                .find(|l| l.trim().is_empty() || l.chars().count() > MAX_LABEL_CHARS)
            {
                let what = if what == "tags" { "tag" } else { "feeling" };
                return Err(EntryError::BadLabel {
                    what,
                    label: bad.clone(),
                });
            }
        }
        Ok(())
    }

    /// The mood in words, if one was chosen.
    pub fn mood_word(&self) -> Option<&'static str> {
        self.mood.and_then(mood_word)
    }

    /// Whether nothing has been written: no title, text, mood, feeling or tag
    /// (a linked guide step alone is not writing).
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty()
            && self.body.trim().is_empty()
            && self.mood.is_none()
            && self.feelings.iter().all(|f| f.trim().is_empty())
            && self.tags.iter().all(|t| t.trim().is_empty())
    }

    /// Whether two entries say the same thing, whatever their revision or save time.
    pub fn same_content(&self, other: &Entry) -> bool {
        self.created == other.created
            && self.title == other.title
            && self.body == other.body
            && self.mood == other.mood
            && self.feelings == other.feelings
            && self.tags == other.tags
            && self.step == other.step
            && self.prompt == other.prompt
    }
}

/// Accepts an id that is safe inside a storage key: 1 to 64 of `[A-Za-z0-9_-]`.
pub fn validate_id(id: &str) -> Result<(), EntryError> {
    if id.is_empty() {
        return Err(EntryError::MissingId);
    }
    let ok = id.len() <= MAX_ID_CHARS
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(EntryError::BadId(id.chars().take(80).collect()))
    }
}

/// Tidies feelings or tags: each trimmed with inner runs of spaces made one;
/// empty ones and repeats (ignoring case, first spelling wins) dropped. Nothing
/// else is cut or dropped: too many, or one too long, is for
/// [`Entry::validate`] to refuse in words, with what the person typed kept.
pub fn normalise_labels(labels: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for label in labels {
        let tidy = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if tidy.is_empty() {
            continue;
        }
        let key = tidy.to_lowercase();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        out.push(tidy);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn valid() -> Entry {
        let mut e = Entry::new("abc-123_X".into(), 1_000);
        e.title = "A title".into();
        e.body = "Some text.\nA second line.".into();
        e.mood = Some(3);
        e
    }

    #[test]
    fn mood_words_match_the_scale_and_read_back() {
        assert_eq!(mood_word(1), Some("Very low"));
        assert_eq!(mood_word(5), Some("Good"));
        assert_eq!(mood_word(0), None);
        assert_eq!(mood_word(6), None);
        for m in MOODS {
            assert_eq!(mood_from_word(mood_word(m).unwrap()), Some(m));
        }
        assert_eq!(mood_from_word("  very LOW "), Some(1));
        assert_eq!(mood_from_word("ecstatic"), None);
    }

    #[test]
    fn labels_are_trimmed_and_deduplicated_ignoring_case_and_nothing_else_is_cut() {
        let got = normalise_labels(&strings(&[
            "  Hurt ",
            "",
            "   ",
            "hurt",
            "HURT",
            "Very   tired",
            "Sad",
        ]));
        assert_eq!(got, strings(&["Hurt", "Very tired", "Sad"]));
        let long = "é".repeat(45);
        assert_eq!(normalise_labels(std::slice::from_ref(&long)), vec![long]);
        let many: Vec<String> = (0..30).map(|i| format!("tag{i}")).collect();
        assert_eq!(normalise_labels(&many), many);
    }

    #[test]
    fn too_many_labels_or_one_too_long_is_refused_in_words_not_cut() {
        let mut e = valid();
        e.tags = (0..21).map(|i| format!("tag{i}")).collect();
        e.normalise();
        assert_eq!(e.tags.len(), 21, "all kept for the person to choose from");
        assert_eq!(
            e.validate().unwrap_err().to_string(),
            "an entry can have at most 20 tags, this one has 21"
        );
        let mut e = valid();
        e.feelings = vec!["  calm ".into(), format!("{}z", "y".repeat(40))];
        e.normalise();
        assert!(matches!(e.validate(), Err(EntryError::BadLabel { what: "feeling", .. })));
        assert_eq!(e.feelings[1].chars().count(), 41);
    }

    #[test]
    fn normalising_puts_the_title_on_one_line_and_drops_blank_ids() {
        let mut e = valid();
        e.title = "  Two\nlines \r\n ".into();
        e.step = Some("  ".into());
        e.prompt = Some("p1".into());
        e.normalise();
        assert_eq!(e.title, "Two lines");
        assert_eq!(e.step, None);
        assert_eq!(e.prompt.as_deref(), Some("p1"));
    }

    #[test]
    fn a_well_formed_entry_is_valid() {
        assert_eq!(valid().validate(), Ok(()));
        let mut e = valid();
        e.mood = None;
        e.title = String::new();
        e.body = "é".repeat(MAX_BODY_CHARS);
        assert_eq!(e.validate(), Ok(()));
    }

    #[test]
    fn unsafe_or_missing_ids_are_refused() {
        for bad in [
            "",
            "has space",
            "dot.ted",
            "colon:x",
            "ünï",
            &"a".repeat(65),
            "a/b",
        ] {
            let mut e = valid();
            e.id = bad.into();
            assert!(e.validate().is_err(), "{bad:?} was accepted");
        }
        let mut e = valid();
        e.id = String::new();
        assert_eq!(e.validate(), Err(EntryError::MissingId));
        e.id = "a".repeat(64);
        assert_eq!(e.validate(), Ok(()));
    }

    #[test]
    fn moods_off_the_scale_are_refused() {
        for m in [0, 6, 255] {
            let mut e = valid();
            e.mood = Some(m);
            assert_eq!(e.validate(), Err(EntryError::BadMood(m)));
        }
    }

    #[test]
    fn titles_and_bodies_over_their_limits_are_refused_counting_characters() {
        let mut e = valid();
        e.title = "é".repeat(200);
        assert_eq!(e.validate(), Ok(()));
        e.title = "é".repeat(201);
        assert_eq!(e.validate(), Err(EntryError::TitleTooLong(201)));
        let mut e = valid();
        e.body = "x".repeat(MAX_BODY_CHARS + 1);
        assert_eq!(
            e.validate(),
            Err(EntryError::BodyTooLong(MAX_BODY_CHARS + 1))
        );
    }

    #[test]
    fn too_many_or_malformed_labels_are_refused() {
        let mut e = valid();
        e.tags = (0..21).map(|i| i.to_string()).collect();
        assert!(matches!(
            e.validate(),
            Err(EntryError::TooManyLabels {
                what: "tags",
                count: 21
            })
        ));
        let mut e = valid();
        e.feelings = vec![" ".into()];
        assert!(matches!(
            e.validate(),
            Err(EntryError::BadLabel {
                what: "feeling",
                ..
            })
        ));
    }

    #[test]
    fn a_label_refused_says_which_limit_it_is_over() {
        let mut e = valid();
        e.tags = vec!["ü".repeat(45)];
        assert_eq!(
            e.validate().unwrap_err().to_string(),
            format!("the tag “{}…” is 45 characters long; a tag can have at most 40", "ü".repeat(40))
        );
        e.tags = vec![];
        e.feelings = vec!["\t".into()];
        assert_eq!(e.validate().unwrap_err().to_string(), "one of the feelings is empty");
    }

    #[test]
    fn errors_read_as_plain_sentences() {
        assert_eq!(
            EntryError::BadMood(9).to_string(),
            "the mood must be from 1 to 5, not 9"
        );
    }

    #[test]
    fn an_entry_missing_later_fields_still_loads() {
        let e: Entry = serde_json::from_str(r#"{"id":"a","created":5}"#).unwrap();
        assert_eq!(
            e,
            Entry {
                updated: 0,
                ..Entry::new("a".into(), 5)
            }
        );
    }

    #[test]
    fn same_content_ignores_revision_and_save_time() {
        let a = valid();
        let mut b = a.clone();
        b.rev = 9;
        b.updated = 99;
        assert!(a.same_content(&b));
        b.body.push('!');
        assert!(!a.same_content(&b));
    }
}
