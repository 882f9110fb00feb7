//! The person's choices: who they are in this, their situation, the theme.
//! How the app names each choice, in the active language, is in `labels.rs`
//! (this file is also compiled into build.rs, which has no words to read).

use crate::locale::Locale;
use serde::{Deserialize, Serialize};

/// Which partner is using the app; it decides whose advice comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The partner who was hurt.
    Hurt,
    /// The partner who was unfaithful.
    Unfaithful,
    /// Both, working through it together.
    Both,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Hurt, Role::Unfaithful, Role::Both];

    pub fn id(self) -> &'static str {
        match self {
            Role::Hurt => "hurt",
            Role::Unfaithful => "unfaithful",
            Role::Both => "both",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// Whether the two are still together, or apart (and then whether trying to
/// reconnect or not sure yet). It decides how the app names the other person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Situation {
    Together,
    /// Apart and trying to reconnect.
    Apart,
    /// Apart, and not sure what they want. Stored as `apart-unsure`; settings
    /// from before it existed hold only `together` or `apart` and still load.
    ApartUnsure,
}

impl Situation {
    pub const ALL: [Situation; 3] = [Situation::Together, Situation::Apart, Situation::ApartUnsure];

    pub fn id(self) -> &'static str {
        match self {
            Situation::Together => "together",
            Situation::Apart => "apart",
            Situation::ApartUnsure => "apart-unsure",
        }
    }

    /// Living apart, whether trying to reconnect or undecided: the other
    /// person is "your ex", and the guide's notes for time apart apply.
    pub fn is_apart(self) -> bool {
        matches!(self, Situation::Apart | Situation::ApartUnsure)
    }

    pub fn from_id(id: &str) -> Option<Situation> {
        Situation::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// Where the person is in time, asked apart from the situation because it
/// changes on its own: someone who has only just found out may be together or
/// apart, and in a few weeks will no longer be "just found out".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Moment {
    /// It came out in the last days or weeks.
    JustFoundOut,
    /// It came out a while ago.
    SomeTimeOn,
}

impl Moment {
    pub const ALL: [Moment; 2] = [Moment::JustFoundOut, Moment::SomeTimeOn];

    pub fn id(self) -> &'static str {
        match self {
            Moment::JustFoundOut => "just-found-out",
            Moment::SomeTimeOn => "some-time-on",
        }
    }

    pub fn from_id(id: &str) -> Option<Moment> {
        Moment::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// Light, dark, or whatever the system prefers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_id(id: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// Everything the person chose, saved as one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub role: Option<Role>,
    pub situation: Option<Situation>,
    /// Whether it has only just come out; `None` until the person says.
    pub moment: Option<Moment>,
    /// The first-run questions were answered or skipped.
    pub welcomed: bool,
    /// When the last full backup was exported (ms since 1970).
    pub last_backup: Option<u64>,
    /// When the backup reminder was last put off.
    pub backup_reminder_dismissed: Option<u64>,
    /// With a passphrase lock: lock after this many idle minutes (0: never).
    pub lock_after_min: u32,
    /// The journal's first-visit offer of the lock and discreet mode was put away.
    pub journal_privacy_offer_dismissed: bool,
    /// The journal list shows titles and dates only, no words of the entries.
    pub journal_titles_only: bool,
    /// The one-time word that Safari may clear the journal was read.
    pub safari_explained: bool,
    /// The language the person chose in Settings; `None` follows the browser's
    /// preferred languages (see `Locale::choose`).
    pub locale: Option<Locale>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::default(),
            role: None,
            situation: None,
            moment: None,
            welcomed: false,
            last_backup: None,
            backup_reminder_dismissed: None,
            lock_after_min: DEFAULT_LOCK_AFTER_MIN,
            journal_privacy_offer_dismissed: false,
            journal_titles_only: false,
            safari_explained: false,
            locale: None,
        }
    }
}

/// Days without a backup before the journal reminds the person.
pub const BACKUP_REMINDER_DAYS: u64 = 30;
/// New entries since the last backup (or since the reminder was put off)
/// before the journal reminds the person, whatever the time.
pub const BACKUP_REMINDER_ENTRIES: usize = 20;
const DAY_MS: u64 = 86_400_000;

impl Settings {
    /// Whether the journal's backup reminder shows, at `now`, for entries
    /// created at `created`: 30 days since the last backup (or since the
    /// first entry, without one), or 20 entries written since; quiet for 30
    /// days and 20 entries after the person puts it off.
    pub fn backup_due(&self, now: u64, created: &[u64]) -> bool {
        let since_backup = self.last_backup.or_else(|| created.iter().copied().min());
        let Some(since) = since_backup else { return false };
        let newer = |t: u64| created.iter().filter(|&&c| c > t).count();
        let month = BACKUP_REMINDER_DAYS * DAY_MS;
        let due = now.saturating_sub(since) > month
            || newer(self.last_backup.unwrap_or(0)) >= BACKUP_REMINDER_ENTRIES;
        let quiet = self
            .backup_reminder_dismissed
            .is_some_and(|d| now.saturating_sub(d) < month && newer(d) < BACKUP_REMINDER_ENTRIES);
        due && !quiet
    }
}

/// Minutes of inactivity before a locked app closes itself, unless changed.
pub const DEFAULT_LOCK_AFTER_MIN: u32 = 5;

/// The storage key of the settings record.
pub const KEY: &str = "settings";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backup_reminder_comes_after_a_month_or_twenty_new_entries() {
        const DAY: u64 = DAY_MS;
        let s = Settings::default();
        assert!(!s.backup_due(100 * DAY, &[]), "no entries, nothing to back up");
        assert!(!s.backup_due(30 * DAY, &[DAY]));
        assert!(s.backup_due(32 * DAY, &[DAY]), "a month after the first entry, without a backup");
        let backed = Settings { last_backup: Some(10 * DAY), ..Settings::default() };
        let nineteen: Vec<u64> = (0..19).map(|i| 11 * DAY + i).collect();
        assert!(!backed.backup_due(12 * DAY, &nineteen));
        let twenty: Vec<u64> = (0..20).map(|i| 11 * DAY + i).collect();
        assert!(backed.backup_due(12 * DAY, &twenty), "twenty entries since the backup");
        let older: Vec<u64> = (0..40).map(|i| 9 * DAY + i).collect();
        assert!(!backed.backup_due(12 * DAY, &older), "entries before the backup are in it");
        // Put off: quiet until a month or twenty more entries have passed.
        let put_off = Settings { backup_reminder_dismissed: Some(12 * DAY), ..backed.clone() };
        let mut more = twenty.clone();
        assert!(!put_off.backup_due(13 * DAY, &more));
        more.extend((0..20).map(|i| 12 * DAY + 1 + i));
        assert!(put_off.backup_due(13 * DAY, &more));
        assert!(put_off.backup_due(43 * DAY, &twenty));
    }

    #[test]
    fn ids_read_back() {
        for r in Role::ALL {
            assert_eq!(Role::from_id(r.id()), Some(r));
        }
        for s in Situation::ALL {
            assert_eq!(Situation::from_id(s.id()), Some(s));
        }
        for m in Moment::ALL {
            assert_eq!(Moment::from_id(m.id()), Some(m));
        }
        for t in Theme::ALL {
            assert_eq!(Theme::from_id(t.id()), Some(t));
        }
        assert_eq!(Role::from_id("other"), None);
    }

    #[test]
    fn settings_from_an_older_build_with_missing_fields_still_load() {
        let s: Settings = serde_json::from_str(r#"{"theme":"dark"}"#).unwrap();
        assert_eq!(s.theme, Theme::Dark);
        assert_eq!(s.role, None);
        assert!(!s.welcomed);
        assert_eq!(s.lock_after_min, DEFAULT_LOCK_AFTER_MIN);
        assert!(
            !s.journal_privacy_offer_dismissed,
            "the journal's privacy offer would never show"
        );
        assert!(!s.journal_titles_only);
    }

    #[test]
    fn the_journal_choices_are_kept() {
        let s = Settings {
            journal_privacy_offer_dismissed: true,
            journal_titles_only: true,
            ..Settings::default()
        };
        let back: Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn settings_stored_before_the_undecided_situation_and_the_moment_still_load() {
        let old = r#"{"theme":"system","role":"hurt","situation":"apart","welcomed":true,"last_backup":null,"backup_reminder_dismissed":null,"lock_after_min":5}"#;
        let s: Settings = serde_json::from_str(old).unwrap();
        assert_eq!(s.situation, Some(Situation::Apart));
        assert_eq!(s.moment, None);
        assert!(s.welcomed);
    }

    #[test]
    fn the_stored_id_of_each_situation_and_moment_is_its_id() {
        for sit in Situation::ALL {
            assert_eq!(serde_json::to_string(&sit).unwrap(), format!("\"{}\"", sit.id()));
        }
        for m in Moment::ALL {
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{}\"", m.id()));
        }
        let s = Settings { situation: Some(Situation::ApartUnsure), moment: Some(Moment::JustFoundOut), ..Settings::default() };
        let back: Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn a_chosen_language_is_kept_and_older_settings_follow_the_browser() {
        let old: Settings = serde_json::from_str(r#"{"theme":"dark","welcomed":true}"#).unwrap();
        assert_eq!(old.locale, None);
        let s = Settings { locale: Some(Locale::Es), ..Settings::default() };
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""locale":"es""#), "{json}");
        assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
    }

    #[test]
    fn both_apart_situations_are_apart() {
        assert!(Situation::Apart.is_apart());
        assert!(Situation::ApartUnsure.is_apart());
        assert!(!Situation::Together.is_apart());
    }

    #[test]
    fn the_moment_is_worded_for_the_role() {
        assert_eq!(Moment::JustFoundOut.label(Some(Role::Hurt)), "I have only just found out");
        assert_eq!(Moment::JustFoundOut.label(Some(Role::Unfaithful)), "It has only just come out");
        assert_eq!(Moment::JustFoundOut.label(None), "It has only just come out");
    }
}
