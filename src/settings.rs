//! The person's choices: who they are in this, their situation, the theme.

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

    /// How the app names this role to the person.
    pub fn label(self) -> &'static str {
        match self {
            Role::Hurt => "I was hurt",
            Role::Unfaithful => "I was unfaithful",
            Role::Both => "We are doing this together",
        }
    }

    /// Heading for this role's advice in the guide.
    pub fn advice_heading(self) -> &'static str {
        match self {
            Role::Hurt => "If you were hurt",
            Role::Unfaithful => "If you were unfaithful",
            Role::Both => "For both of you",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// Whether the two are still together or apart and trying to reconnect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Situation {
    Together,
    Apart,
}

impl Situation {
    pub const ALL: [Situation; 2] = [Situation::Together, Situation::Apart];

    pub fn id(self) -> &'static str {
        match self {
            Situation::Together => "together",
            Situation::Apart => "apart",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Situation::Together => "We are still together",
            Situation::Apart => "We are apart and trying to reconnect",
        }
    }

    pub fn from_id(id: &str) -> Option<Situation> {
        Situation::ALL.into_iter().find(|s| s.id() == id)
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

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Follow my device",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::default(),
            role: None,
            situation: None,
            welcomed: false,
            last_backup: None,
            backup_reminder_dismissed: None,
            lock_after_min: DEFAULT_LOCK_AFTER_MIN,
            journal_privacy_offer_dismissed: false,
            journal_titles_only: false,
        }
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
    fn ids_read_back() {
        for r in Role::ALL {
            assert_eq!(Role::from_id(r.id()), Some(r));
        }
        for s in Situation::ALL {
            assert_eq!(Situation::from_id(s.id()), Some(s));
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
}
