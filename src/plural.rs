//! Counted words: "1 entry", "2 entries", "1 of 7 entries matches".
//!
//! The words are counted texts in `src/content/<locale>/ui/guide.toml`
//! (`[plural_counts]`), one form per plural category of each language; these
//! are thin names for them, for the parts that build a sentence around a
//! count. A sentence whose own words agree with a number is better as one
//! counted text of its own, in its part's section.

use crate::text;

/// A counted word: `ENTRY.count(2)` is "2 entries" in the language in use.
#[derive(Debug, Clone, Copy)]
pub struct Noun(fn(usize) -> String);

impl Noun {
    /// The number and the word: `ENTRY.count(1)` is "1 entry".
    pub fn count(self, n: usize) -> String {
        (self.0)(n)
    }
}

pub const ENTRY: Noun = Noun(|n| text::plural_counts::get().entry(n));
pub const JOURNAL_ENTRY: Noun = Noun(|n| text::plural_counts::get().journal_entry(n));
pub const CHECK_RESULT: Noun = Noun(|n| text::plural_counts::get().check_result(n));
pub const CHECK: Noun = Noun(|n| text::plural_counts::get().check(n));
pub const DAY: Noun = Noun(|n| text::plural_counts::get().day(n));
pub const MINUTE: Noun = Noun(|n| text::plural_counts::get().minute(n));

/// "2 of 7 entries match", "1 of 7 entries matches".
pub fn entries_match(matching: usize, total: usize) -> String {
    let t = text::plural_counts::get();
    t.entries_match(matching, t.entry(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{self, Locale};

    #[test]
    fn one_is_singular_and_zero_and_many_are_plural() {
        assert_eq!(JOURNAL_ENTRY.count(1), "1 journal entry");
        assert_eq!(JOURNAL_ENTRY.count(0), "0 journal entries");
        assert_eq!(ENTRY.count(2), "2 entries");
        assert_eq!(DAY.count(21), "21 days");
        assert_eq!(MINUTE.count(1), "1 minute");
        assert_eq!(CHECK.count(1), "1 check");
        assert_eq!(CHECK_RESULT.count(3), "3 check results");
    }

    #[test]
    fn the_verb_agrees_with_the_number_it_follows() {
        assert_eq!(entries_match(1, 7), "1 of 7 entries matches");
        assert_eq!(entries_match(3, 7), "3 of 7 entries match");
        assert_eq!(entries_match(0, 1), "0 of 1 entry match");
    }

    #[test]
    fn counted_words_follow_the_language_in_use() {
        locale::set_active(Locale::Es);
        let spanish = [JOURNAL_ENTRY.count(1), DAY.count(2), entries_match(1, 7), entries_match(2, 1)];
        locale::set_active(Locale::En);
        assert_eq!(spanish, ["1 entrada del diario", "2 días", "1 de 7 entradas coincide", "2 de 1 entrada coinciden"]);
    }
}
