//! Counted words: "1 entry", "2 entries", "1 of 15 steps feels solid".
//!
//! Every sentence that counts something is built here and nowhere else, so a
//! later translation layer can replace this one file: [`category`] is English's
//! plural rule (a language with more forms adds categories, as CLDR names
//! them), [`Noun`] holds a word's form per category, and the sentences in which
//! a verb agrees with a number are whole functions, because word order and
//! agreement differ between languages.

/// The CLDR plural categories English needs. Others (zero, two, few, many)
/// belong to other languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    One,
    Other,
}

/// English's cardinal rule: exactly one is "one"; zero and everything else
/// is "other" ("0 entries").
pub fn category(n: usize) -> Category {
    if n == 1 {
        Category::One
    } else {
        Category::Other
    }
}

/// A word's forms, one per plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    pub one: &'static str,
    pub other: &'static str,
}

impl Noun {
    /// The form that goes with `n`.
    pub fn form(self, n: usize) -> &'static str {
        match category(n) {
            Category::One => self.one,
            Category::Other => self.other,
        }
    }

    /// The number and the word: `ENTRY.count(1)` is "1 entry".
    pub fn count(self, n: usize) -> String {
        format!("{n} {}", self.form(n))
    }
}

pub const ENTRY: Noun = Noun { one: "entry", other: "entries" };
pub const JOURNAL_ENTRY: Noun = Noun { one: "journal entry", other: "journal entries" };
pub const CHECK_RESULT: Noun = Noun { one: "check result", other: "check results" };
pub const CHECK: Noun = Noun { one: "check", other: "checks" };
pub const DAY: Noun = Noun { one: "day", other: "days" };
pub const MINUTE: Noun = Noun { one: "minute", other: "minutes" };
pub const STEP: Noun = Noun { one: "step", other: "steps" };

/// "3 of 15 steps feel solid, 2 in progress (16%)." The verb agrees with the
/// first number: "1 of 15 steps feels solid".
pub fn steps_solid(solid: usize, total: usize, working: usize, percent: u32) -> String {
    let verb = match category(solid) {
        Category::One => "feels",
        Category::Other => "feel",
    };
    format!("{solid} of {} {verb} solid, {working} in progress ({percent}%).", STEP.count(total))
}

/// "2 of 7 entries match", "1 of 7 entries matches".
pub fn entries_match(matching: usize, total: usize) -> String {
    let verb = match category(matching) {
        Category::One => "matches",
        Category::Other => "match",
    };
    format!("{matching} of {} {verb}", ENTRY.count(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_zero_and_many_are_plural() {
        assert_eq!(JOURNAL_ENTRY.count(1), "1 journal entry");
        assert_eq!(JOURNAL_ENTRY.count(0), "0 journal entries");
        assert_eq!(ENTRY.count(2), "2 entries");
        assert_eq!(DAY.count(21), "21 days");
        assert_eq!(MINUTE.count(1), "1 minute");
    }

    #[test]
    fn the_verb_agrees_with_the_number_it_follows() {
        assert_eq!(steps_solid(1, 15, 0, 6), "1 of 15 steps feels solid, 0 in progress (6%).");
        assert_eq!(steps_solid(0, 15, 1, 3), "0 of 15 steps feel solid, 1 in progress (3%).");
        assert_eq!(steps_solid(1, 1, 0, 100), "1 of 1 step feels solid, 0 in progress (100%).");
        assert_eq!(entries_match(1, 7), "1 of 7 entries matches");
        assert_eq!(entries_match(3, 7), "3 of 7 entries match");
        assert_eq!(entries_match(0, 1), "0 of 1 entry match");
    }
}
