//! Finding entries: accent- and case-insensitive search, filters, excerpts, tag counts.
//!
//! Search runs on every keystroke, so [`Finder`] keeps each entry's text
//! folded once (rebuilt only for the entry that changes), and a keystroke
//! costs one `str::contains` pass per query word over those folded texts.

use super::entry::Entry;
use super::repo::sort_newest_first;
use std::collections::BTreeMap;

/// Lowercases and strips accents, so "Élodie" finds "elodie" and "straße"
/// finds "strasse". Latin-1 and Latin Extended-A letters map to their ASCII
/// base (ligatures to two letters), combining accents are dropped, and every
/// other character is lowercased and kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(base) = fold_latin(c) {
            out.push_str(base);
        } else if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining accent typed separately (decomposed text): drop it.
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The ASCII base of a Latin-1 Supplement or Latin Extended-A letter.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ'..='ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'ß' => "ss",
        'Ś'..='š' | 'ſ' => "s",
        'Þ' | 'þ' => "th",
        'Ţ'..='ŧ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' => "z",
        _ => return None,
    })
}

/// Which entries to show. `Filter::default()` shows everything; set fields combine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all appear (in any order) in the title, text, tags or feelings.
    pub text: String,
    /// A tag the entry carries, ignoring case.
    pub tag: Option<String>,
    /// The guide step the entry is linked to.
    pub step: Option<String>,
    /// Exactly this mood.
    pub mood: Option<u8>,
    /// Created at or after this time (ms since 1970), e.g. the start of a local day.
    pub from: Option<u64>,
    /// Created at or before this time (ms since 1970), e.g. the last ms of a local day.
    pub to: Option<u64>,
}

impl Filter {
    /// Whether this filter lets everything through.
    /// Whether it holds no entry.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.tag.is_none()
            && self.step.is_none()
            && self.mood.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }
}

/// An entry with its text folded once for searching.
#[derive(Debug, Clone)]
struct Indexed {
    entry: Entry,
    /// Title, body, tags and feelings, folded, one per line so a query word
    /// (which never holds a line break) cannot match across two of them.
    haystack: String,
    /// Tags lowercased, for the tag filter.
    tags: Vec<String>,
}

impl Indexed {
    fn new(entry: Entry) -> Self {
        let mut haystack = String::with_capacity(entry.title.len() + entry.body.len() + 64);
        for part in [&entry.title, &entry.body]
            .into_iter()
            .chain(&entry.tags)
            .chain(&entry.feelings)
        {
            haystack.push_str(&fold(part));
            haystack.push('\n');
        }
        let tags = entry.tags.iter().map(|t| t.to_lowercase()).collect();
        Indexed {
            entry,
            haystack,
            tags,
        }
    }
}

/// The journal kept ready for searching: entries newest first, each with its
/// folded text. Update it per changed entry with [`Finder::upsert`] and
/// [`Finder::remove`]; [`Finder::find`] per keystroke.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    items: Vec<Indexed>,
}

impl Finder {
    /// Folds every entry once.
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> Self {
        let mut entries: Vec<Entry> = entries.into_iter().collect();
        sort_newest_first(&mut entries);
        Finder {
            items: entries.into_iter().map(Indexed::new).collect(),
        }
    }

    /// Adds an entry or replaces the one with its id, folding only that one.
    pub fn upsert(&mut self, entry: Entry) {
        self.remove(&entry.id);
        let at = self
            .items
            .partition_point(|i| (i.entry.created, &i.entry.id) > (entry.created, &entry.id));
        self.items.insert(at, Indexed::new(entry));
    }

    /// Takes an entry out, returning it.
    pub fn remove(&mut self, id: &str) -> Option<Entry> {
        let at = self.items.iter().position(|i| i.entry.id == id)?;
        Some(self.items.remove(at).entry)
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.items.iter().map(|i| &i.entry).find(|e| e.id == id)
    }

    /// Every entry, newest first.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.items.iter().map(|i| &i.entry)
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The entries the filter lets through, newest first.
    pub fn find(&self, filter: &Filter) -> Vec<&Entry> {
        let words: Vec<String> = fold(&filter.text)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let tag = filter.tag.as_deref().map(str::to_lowercase);
        self.items
            .iter()
            .filter(|i| {
                let e = &i.entry;
                // Cheap checks first; the text scan only for entries still in.
                filter.mood.is_none_or(|m| e.mood == Some(m))
                    && filter.from.is_none_or(|from| e.created >= from)
                    && filter.to.is_none_or(|to| e.created <= to)
                    && filter
                        .step
                        .as_deref()
                        .is_none_or(|s| e.step.as_deref() == Some(s))
                    && tag.as_deref().is_none_or(|t| i.tags.iter().any(|x| x == t))
                    && words.iter().all(|w| i.haystack.contains(w.as_str()))
            })
            .map(|i| &i.entry)
            .collect()
    }

    /// Every tag in use with how many entries carry it.
    pub fn tags(&self) -> Vec<TagCount> {
        tag_counts(self.entries())
    }
}

/// A tag and how many entries carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// The spelling of the newest entry using it.
    pub tag: String,
    /// Entries carrying it.
    pub count: usize,
}

/// Every tag in use, counting "Work" and "work" as one; most used first, then by name.
pub fn tag_counts<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<TagCount> {
    let mut entries: Vec<&Entry> = entries.into_iter().collect();
    entries.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
    let mut counts: BTreeMap<String, TagCount> = BTreeMap::new();
    for entry in entries {
        for tag in &entry.tags {
            counts
                .entry(tag.to_lowercase())
                .or_insert_with(|| TagCount {
                    tag: tag.clone(),
                    count: 0,
                })
                .count += 1;
        }
    }
    let mut out: Vec<TagCount> = counts.into_values().collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.tag.to_lowercase().cmp(&b.tag.to_lowercase()))
    });
    out
}

/// How long an excerpt in the entry list is, in characters.
pub const EXCERPT_CHARS: usize = 140;

/// The start of a text for a list: whitespace (line breaks too) collapsed, at
/// most `max_chars` characters, with "…" when cut (the "…" counts towards
/// `max_chars`). A cut falls between words when one ends near the limit,
/// otherwise inside a word, always on a character boundary.
pub fn excerpt(body: &str, max_chars: usize) -> String {
    // Collapse lazily and stop one past the limit: a long body costs no more than a short one.
    let mut chars: Vec<char> = Vec::with_capacity(max_chars.min(4096) + 1);
    'words: for word in body.split_whitespace() {
        if !chars.is_empty() {
            chars.push(' ');
        }
        for c in word.chars() {
            if chars.len() > max_chars {
                break 'words;
            }
            chars.push(c);
        }
    }
    if chars.len() <= max_chars {
        return chars.into_iter().collect();
    }
    let room = max_chars.saturating_sub(1);
    let mut end = room;
    if chars.get(room) != Some(&' ') {
        // Back up to the last space if that loses at most a fifth of the room.
        if let Some(space) = chars[..room].iter().rposition(|&c| c == ' ') {
            if space * 5 >= room * 4 {
                end = space;
            }
        }
    }
    let mut out: String = chars[..end].iter().collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::testing::entry;

    fn ids(found: Vec<&Entry>) -> Vec<&str> {
        found.into_iter().map(|e| e.id.as_str()).collect()
    }

    fn text(q: &str) -> Filter {
        Filter {
            text: q.into(),
            ..Filter::default()
        }
    }

    /// Four entries, newest last in creation time: a(1000) b(2000) c(3000) d(4000).
    fn finder() -> Finder {
        let mut a = entry(
            "a",
            1000,
            "Café evening",
            "We talked for an hour.\nIt was hard.",
        );
        a.tags = vec!["Talks".into(), "evening".into()];
        a.feelings = vec!["Hopeful".into()];
        a.mood = Some(4);
        a.step = Some("listen".into());
        let mut b = entry(
            "b",
            2000,
            "",
            "Couldn't sleep. Straße noise, Łódź memories.",
        );
        b.tags = vec!["sleep".into()];
        b.feelings = vec!["Anxious".into(), "Tired".into()];
        b.mood = Some(2);
        let mut c = entry("c", 3000, "Therapy", "Session with Dr. Ñúñez went well");
        c.tags = vec!["talks".into()];
        c.mood = Some(4);
        c.step = Some("listen".into());
        let d = entry("d", 4000, "Nothing much", "");
        Finder::new([a, b, c, d])
    }

    #[test]
    fn fold_lowercases_and_strips_accents() {
        assert_eq!(fold("Élodie ÇA Straße"), "elodie ca strasse");
        assert_eq!(
            fold("Ærø Łódź Œuvre ĳ þorn Ðað ſ"),
            "aero lodz oeuvre ij thorn dad s"
        );
        assert_eq!(fold("ÀÁÂÃÄÅàáâãäåñÑøØ"), "aaaaaaaaaaaannoo");
    }

    #[test]
    fn fold_maps_every_latin_1_and_extended_a_letter_to_ascii() {
        for c in ('\u{c0}'..='\u{17f}').filter(|c| !matches!(c, '×' | '÷')) {
            let f = fold(&c.to_string());
            assert!(
                !f.is_empty() && f.bytes().all(|b| b.is_ascii_lowercase()),
                "{c:?} folds to {f:?}"
            );
        }
    }

    #[test]
    fn fold_keeps_other_characters_lowercased_and_drops_combining_accents() {
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
        assert_eq!(fold("ΑΘΗΝΑ Москва 東京 ×÷ 🙂"), "αθηνα москва 東京 ×÷ 🙂");
    }

    #[test]
    fn search_ignores_case_and_accents_both_ways() {
        let f = finder();
        assert_eq!(ids(f.find(&text("CAFE"))), ["a"]);
        assert_eq!(ids(f.find(&text("café"))), ["a"]);
        assert_eq!(ids(f.find(&text("nunez"))), ["c"]);
        assert_eq!(ids(f.find(&text("NÚÑEZ"))), ["c"]);
        assert_eq!(ids(f.find(&text("strasse lodz"))), ["b"]);
    }

    #[test]
    fn every_query_word_must_appear_in_any_order_as_part_of_a_word() {
        let f = finder();
        assert_eq!(ids(f.find(&text("hard talk"))), ["a"]);
        assert_eq!(ids(f.find(&text("  hour   evening "))), ["a"]);
        assert_eq!(ids(f.find(&text("hard therapy"))), Vec::<&str>::new());
        assert_eq!(ids(f.find(&text("sess"))), ["c"]);
    }

    #[test]
    fn search_covers_tags_and_feelings() {
        let f = finder();
        assert_eq!(ids(f.find(&text("tired"))), ["b"]);
        assert_eq!(ids(f.find(&text("talks"))), ["c", "a"]);
        assert_eq!(ids(f.find(&text("hopeful hour"))), ["a"]);
    }

    #[test]
    fn a_query_word_does_not_match_across_two_fields() {
        let mut e = entry("x", 1, "Ham", "mer time");
        e.tags = vec!["alpha".into()];
        e.feelings = vec!["beta".into()];
        let f = Finder::new([e]);
        assert!(f.find(&text("hammer")).is_empty());
        assert!(f.find(&text("alphabeta")).is_empty());
    }

    #[test]
    fn no_match_gives_nothing_and_an_empty_query_gives_everything_newest_first() {
        let f = finder();
        assert!(f.find(&text("zebra")).is_empty());
        assert_eq!(ids(f.find(&text("   "))), ["d", "c", "b", "a"]);
        assert_eq!(ids(f.find(&Filter::default())), ["d", "c", "b", "a"]);
        assert!(Filter::default().is_empty());
        assert!(!text("x").is_empty());
    }

    #[test]
    fn the_tag_filter_ignores_case_and_matches_whole_tags() {
        let f = finder();
        let tag = |t: &str| Filter {
            tag: Some(t.into()),
            ..Filter::default()
        };
        assert_eq!(ids(f.find(&tag("TALKS"))), ["c", "a"]);
        assert_eq!(ids(f.find(&tag("talk"))), Vec::<&str>::new());
        assert_eq!(ids(f.find(&tag("sleep"))), ["b"]);
    }

    #[test]
    fn the_step_filter_matches_the_linked_step() {
        let f = finder();
        let step = Filter {
            step: Some("listen".into()),
            ..Filter::default()
        };
        assert_eq!(ids(f.find(&step)), ["c", "a"]);
        let none = Filter {
            step: Some("other".into()),
            ..Filter::default()
        };
        assert!(f.find(&none).is_empty());
    }

    #[test]
    fn the_mood_filter_matches_the_exact_mood() {
        let f = finder();
        let mood = |m| Filter {
            mood: Some(m),
            ..Filter::default()
        };
        assert_eq!(ids(f.find(&mood(4))), ["c", "a"]);
        assert_eq!(ids(f.find(&mood(2))), ["b"]);
        assert!(f.find(&mood(5)).is_empty());
    }

    #[test]
    fn date_bounds_are_inclusive_at_both_ends() {
        let f = finder();
        let range = |from, to| Filter {
            from,
            to,
            ..Filter::default()
        };
        assert_eq!(ids(f.find(&range(Some(2000), Some(3000)))), ["c", "b"]);
        assert_eq!(
            ids(f.find(&range(Some(2001), Some(2999)))),
            Vec::<&str>::new()
        );
        assert_eq!(ids(f.find(&range(Some(3000), None))), ["d", "c"]);
        assert_eq!(ids(f.find(&range(None, Some(1000)))), ["a"]);
    }

    #[test]
    fn filters_combine_with_each_other_and_with_search() {
        let f = finder();
        let all = Filter {
            text: "session".into(),
            tag: Some("Talks".into()),
            step: Some("listen".into()),
            mood: Some(4),
            from: Some(3000),
            to: Some(3000),
        };
        assert_eq!(ids(f.find(&all)), ["c"]);
        assert!(f
            .find(&Filter {
                mood: Some(2),
                ..all.clone()
            })
            .is_empty());
        assert!(f
            .find(&Filter {
                from: Some(3001),
                ..all.clone()
            })
            .is_empty());
        let tag_and_text = Filter {
            tag: Some("talks".into()),
            text: "hard".into(),
            ..Filter::default()
        };
        assert_eq!(ids(f.find(&tag_and_text)), ["a"]);
    }

    #[test]
    fn upsert_refolds_only_the_changed_entry_and_keeps_newest_first() {
        let mut f = finder();
        let mut b = f.get("b").unwrap().clone();
        b.body = "Slept well at last".into();
        f.upsert(b);
        assert!(f.find(&text("strasse")).is_empty());
        assert_eq!(ids(f.find(&text("slept"))), ["b"]);
        f.upsert(entry("e", 2500, "", "new one"));
        assert_eq!(
            f.entries().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["d", "c", "e", "b", "a"]
        );
        assert_eq!(f.remove("e").map(|e| e.id), Some("e".into()));
        assert_eq!(f.remove("e"), None);
        assert_eq!(f.len(), 4);
    }

    #[test]
    fn a_search_over_two_thousand_entries_finds_only_the_match() {
        let body = "Some ordinary words about the day, what was said and what was not. ".repeat(15);
        let entries = (0..2_000u64)
            .map(|i| entry(&format!("e{i}"), i, "A day", &format!("{body} marker{i}")));
        let f = Finder::new(entries);
        // Speed is measured by the benchmark, not asserted here.
        assert_eq!(ids(f.find(&text("said marker1999"))), ["e1999"]);
        assert_eq!(f.find(&text("said")).len(), 2_000);
    }

    #[test]
    fn tags_are_counted_ignoring_case_most_used_first() {
        let f = finder();
        assert_eq!(
            f.tags(),
            vec![
                TagCount {
                    tag: "talks".into(),
                    count: 2
                },
                TagCount {
                    tag: "evening".into(),
                    count: 1
                },
                TagCount {
                    tag: "sleep".into(),
                    count: 1
                },
            ]
        );
        assert!(tag_counts([]).is_empty());
    }

    #[test]
    fn an_excerpt_collapses_whitespace_and_keeps_short_text_whole() {
        assert_eq!(excerpt("  one\n\ntwo\t three  ", 140), "one two three");
        assert_eq!(excerpt("", 140), "");
        assert_eq!(excerpt(&"a".repeat(140), 140), "a".repeat(140));
    }

    #[test]
    fn an_excerpt_cut_at_a_word_ends_with_an_ellipsis_within_the_limit() {
        let text = "word ".repeat(40);
        let got = excerpt(&text, 140);
        assert!(got.ends_with("word…"), "{got}");
        assert!(got.chars().count() <= 140);
        assert!(got.chars().count() >= 130);
    }

    #[test]
    fn an_excerpt_of_multibyte_text_cuts_on_a_character_boundary() {
        let text = "é".repeat(300);
        let got = excerpt(&text, 140);
        assert_eq!(got, format!("{}…", "é".repeat(139)));
        let emoji = "🙂".repeat(200);
        assert_eq!(excerpt(&emoji, 10), format!("{}…", "🙂".repeat(9)));
        let mixed = format!("{} {}", "ab", "ñ".repeat(200));
        assert_eq!(excerpt(&mixed, 20).chars().count(), 20);
    }
}
