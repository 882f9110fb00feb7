//! The app's shared state: loaded in one place, saved in one effect each.

use crate::assessment::{self, Draft, History};
use crate::config::AppConfig;
use crate::guide::{self, Progress};
use crate::route::Route;
use crate::settings::{self, Settings, Theme};
use crate::storage::{StorageError, Store};
use leptos::prelude::*;

/// A message about storage shown at the top of every screen until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
}

impl Notice {
    /// Explains a storage failure and what the person can do about it.
    pub fn from_error(what: &str, err: &StorageError) -> Self {
        let advice = match err {
            StorageError::QuotaExceeded => {
                " Your earlier data is untouched. Exporting a backup and deleting old journal entries frees space."
            }
            StorageError::Unavailable => {
                " This browser is blocking storage (some private windows do). Nothing will be kept after you close this page."
            }
            StorageError::TooNew { .. } => " Please use the newest version of the app to open it.",
            _ => " Your earlier data is untouched.",
        };
        Notice { text: format!("{what}: {err}.{advice}") }
    }
}

/// Everything screens share; `Copy`, so it moves freely into closures.
#[derive(Clone, Copy)]
pub struct AppState {
    pub config: StoredValue<AppConfig>,
    pub store: StoredValue<Store, LocalStorage>,
    pub settings: RwSignal<Settings>,
    pub progress: RwSignal<Progress>,
    /// The readiness check in progress, if one is.
    pub check_draft: RwSignal<Option<Draft>>,
    /// Completed readiness checks.
    pub check_history: RwSignal<History>,
    pub route: RwSignal<Route>,
    pub notice: RwSignal<Option<Notice>>,
    /// Set when the route changes: the next screen heading to appear takes
    /// focus (see `Shell` and `PageTitle`), even one that arrives later with
    /// its part of the app.
    pub focus_heading: StoredValue<bool>,
}

impl AppState {
    /// Loads what was saved, and starts the effect that saves settings on change.
    pub fn new(config: AppConfig, store: Store, start: Route) -> Self {
        let notice = RwSignal::new(None);
        let settings = load_or_default::<Settings>(&store, settings::KEY, "Your settings", notice);
        let progress = load_or_default::<Progress>(&store, guide::KEY, "Your guide progress", notice);
        let check_draft =
            load_or_default::<Option<Draft>>(&store, assessment::DRAFT_KEY, "Your unfinished check", notice);
        let check_history =
            load_or_default::<History>(&store, assessment::HISTORY_KEY, "Your earlier checks", notice);
        let state = AppState {
            config: StoredValue::new(config),
            store: StoredValue::new_local(store),
            settings: RwSignal::new(settings),
            progress: RwSignal::new(progress),
            check_draft: RwSignal::new(check_draft),
            check_history: RwSignal::new(check_history),
            route: RwSignal::new(start),
            notice,
            focus_heading: StoredValue::new(false),
        };
        state.save_on_change(state.settings, settings::KEY, "Your settings could not be saved");
        state.save_on_change(state.progress, guide::KEY, "Your guide progress could not be saved");
        state.save_on_change(state.check_draft, assessment::DRAFT_KEY, "Your answer could not be saved");
        state.save_on_change(state.check_history, assessment::HISTORY_KEY, "Your check result could not be saved");
        state
    }

    /// Saves `signal` under `key` whenever it changes after the first load.
    pub fn save_on_change<T>(&self, signal: RwSignal<T>, key: &'static str, what: &'static str)
    where
        T: serde::Serialize + Send + Sync + 'static,
    {
        let store = self.store;
        let notice = self.notice;
        Effect::new(move |first: Option<()>| {
            signal.with(|value| {
                // The first run only subscribes: what was just loaded needs no save.
                if first.is_some() {
                    if let Err(err) = store.with_value(|s| s.save(key, value)) {
                        notice.set(Some(Notice::from_error(what, &err)));
                    }
                }
            });
        });
    }

    /// The theme in force: the site's, else the person's.
    pub fn theme(&self) -> Theme {
        self.config
            .with_value(|c| c.theme)
            .unwrap_or_else(|| self.settings.with(|s| s.theme))
    }
}

/// Loads a record, or starts fresh and says so when it cannot be read.
///
/// The unreadable record is first copied aside to `<key>.unreadable` (once), so
/// saving fresh values later never destroys it; a backup export includes it.
fn load_or_default<T: serde::de::DeserializeOwned + Default>(
    store: &Store,
    key: &str,
    what: &str,
    notice: RwSignal<Option<Notice>>,
) -> T {
    match store.load::<T>(key) {
        Ok(value) => value.unwrap_or_default(),
        Err(err) => {
            let aside = format!("{key}.unreadable");
            let kept = match (store.get_raw(key), store.get_raw(&aside)) {
                (Ok(Some(raw)), Ok(None)) => store.set_raw(&aside, &raw).is_ok(),
                (_, Ok(Some(_))) => true,
                _ => false,
            };
            let mut message = Notice::from_error(&format!("{what} could not be read"), &err);
            if kept {
                message.text.push_str(" A copy of the unreadable record was kept aside.");
            }
            notice.set(Some(message));
            T::default()
        }
    }
}

/// The shared state; every screen lives under [`crate::ui::App`], which provides it.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
