//! The app's shared state: the session's store and configuration, the saved
//! slices (each a [`Persisted`]), the route and the notice.

use super::persisted::{AnyPersisted, OnDemand, Persisted};
use super::session::Session;
use crate::assessment::{CheckResult, Draft, History};
use crate::tombstones::{self, Kind};
use crate::config::AppConfig;
use crate::guide::Progress;
use crate::locale::Locale;
use crate::route::Route;
use crate::settings::{Settings, Theme};
use crate::storage::{StorageError, Store};
use crate::summary::Choices;
use leptos::prelude::*;
use leptos::reactive::owner::{Owner, WeakOwner};

/// A message about storage shown at the top of every screen until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
}

impl Notice {
    /// Explains a storage failure and what the person can do about it.
    pub fn from_error(what: &str, err: &StorageError) -> Self {
        let t = crate::text::notices::get();
        let advice = match err {
            StorageError::QuotaExceeded => t.advice_full,
            StorageError::Unavailable => t.advice_blocked,
            StorageError::TooNew { .. } => t.advice_too_new,
            _ => t.advice_untouched,
        };
        Notice { text: t.failed(err, what) + advice }
    }
}

/// Everything screens share; `Copy`, so it moves freely into closures.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Where the store and the configuration live (one copy of each).
    pub session: Session,
    pub settings: Persisted<Settings>,
    pub progress: Persisted<Progress>,
    /// The slices no screen in Home's download reads, each read when a screen
    /// first asks for it: see [`AppState::check_draft`] and the two after it.
    check_draft: OnDemand<Option<Draft>>,
    check_history: OnDemand<History>,
    summary: OnDemand<Choices>,
    /// The app's reactive owner, under which those slices are opened.
    owner: StoredValue<WeakOwner>,
    pub route: RwSignal<Route>,
    pub notice: RwSignal<Option<Notice>>,
    /// Set when the route changes: the next screen heading to appear takes
    /// focus (see `Shell` and `PageTitle`), even one that arrives later with
    /// its part of the app.
    pub focus_heading: StoredValue<bool>,
    /// With `focus_heading`: a selector for what takes focus on the next screen
    /// instead of its heading (see [`AppState::go_to_field`]).
    pub focus_target: StoredValue<Option<&'static str>>,
}

impl AppState {
    /// Loads what was saved; each slice saves itself on change from then on.
    pub fn new(session: Session, start: Route) -> Self {
        let notice = RwSignal::new(None);
        AppState {
            session,
            settings: Persisted::open(session, notice),
            progress: Persisted::open(session, notice),
            check_draft: OnDemand::new(),
            check_history: OnDemand::new(),
            summary: OnDemand::new(),
            owner: StoredValue::new(Owner::current().unwrap_or_default().downgrade()),
            route: RwSignal::new(start),
            notice,
            focus_heading: StoredValue::new(false),
            focus_target: StoredValue::new(None),
        }
    }

    /// The readiness check in progress, if one is (read on first use).
    pub fn check_draft(&self) -> Persisted<Option<Draft>> {
        self.owner.with_value(|owner| self.check_draft.get(self.session, self.notice, owner))
    }

    /// Completed readiness checks, the person's and their partner's (read on first use).
    pub fn check_history(&self) -> Persisted<History> {
        self.owner.with_value(|owner| self.check_history.get(self.session, self.notice, owner))
    }

    /// Subscribes the running effect to the check history's record changing
    /// in storage elsewhere (another tab, an import), without reading it.
    pub fn track_stored_history(&self) {
        self.check_history.track_stored();
    }

    /// What the person chose for their summary for a counsellor, and their
    /// words on it (read on first use).
    pub fn summary(&self) -> Persisted<Choices> {
        self.owner.with_value(|owner| self.summary.get(self.session, self.notice, owner))
    }

    /// Every saved slice, for reading them again.
    fn slices(&self) -> [&dyn AnyPersisted; 5] {
        [&self.settings, &self.progress, &self.check_draft, &self.check_history, &self.summary]
    }

    /// Reads the slice saved under `key` again (another tab changed it);
    /// `false` if no slice has that key.
    pub fn reload(&self, key: &str) -> bool {
        let Some(slice) = self.slices().into_iter().find(|s| s.key() == key) else {
            return false;
        };
        self.with_store(|s| slice.reload(s, self.notice));
        true
    }

    /// Reads every slice again (after an import, or everything was deleted).
    pub fn reload_all(&self) {
        for slice in self.slices() {
            self.with_store(|s| slice.reload(s, self.notice));
        }
    }

    /// Runs `f` on the store the app uses (the session's); `None` only while
    /// the app is closing (locked, or after quick exit).
    pub fn with_store<R>(&self, f: impl FnOnce(&Store) -> R) -> Option<R> {
        self.session.with_store(f)
    }

    /// Deletes a check result, leaving a tombstone so a merged backup does
    /// not bring it back; returns it, for undo.
    pub fn delete_check(&self, id: &str) -> Option<CheckResult> {
        let mut removed = None;
        self.check_history().update(|h| removed = h.remove(id));
        if let Some(Err(e)) = self.with_store(|s| tombstones::record(s, Kind::Check, id, crate::browser::now_ms())) {
            self.notice.set(Some(Notice::from_error(crate::text::notices::get().deletion_not_noted, &e)));
        }
        removed
    }

    /// Puts a deleted check result back (undo), tombstone and all.
    pub fn restore_check(&self, result: CheckResult) {
        let _ = self.with_store(|s| tombstones::forget(s, Kind::Check, &result.id));
        self.check_history().update(|h| h.add(result));
    }

    /// Reads the configuration (the session's).
    pub fn config<R>(&self, f: impl FnOnce(&AppConfig) -> R) -> R {
        self.session.config.with_value(f)
    }

    /// The theme in force: the site's, else the person's.
    pub fn theme(&self) -> Theme {
        self.config(|c| c.theme).unwrap_or_else(|| self.settings.with(|s| s.theme))
    }

    /// The language in force: the person's choice in Settings, else the
    /// site's `lang`, else the browser's preferred languages. Tracked: a
    /// closure that reads it runs again when the person picks another, or
    /// when the browser's languages change.
    pub fn locale(&self) -> Locale {
        self.session.languages.track();
        let chosen = self.settings.with(|s| s.locale);
        crate::browser::language(chosen, self.config(|c| c.lang))
    }
}

/// The shared state; every screen lives under [`crate::ui::App`], which provides it.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::{self, Locale};
    use crate::storage::{MemoryBackend, Namespace};
    use std::rc::Rc;

    /// The summary's choices with these words to talk about.
    fn talk(words: &str) -> Choices {
        Choices { talk: words.into(), ..Choices::default() }
    }

    fn memory_store() -> Store {
        Store::new(Rc::new(MemoryBackend::default()), &Namespace::default())
    }

    /// The app's state over `store`, unlocked, opened at Home.
    fn app_over(store: &Store) -> AppState {
        let session = Session::new(AppConfig::default(), store.clone());
        session.current.set_value(Some(store.clone()));
        AppState::new(session, Route::Home)
    }

    #[test]
    fn a_slice_no_first_screen_needs_is_read_when_a_screen_first_asks_and_then_lives_as_long_as_the_app() {
        crate::ui::prerender::no_tasks();
        let app = Owner::new();
        app.with(|| {
            let store = memory_store();
            store.save(crate::summary::KEY, &talk("saved before the app opened")).unwrap();
            let state = app_over(&store);
            assert!(!state.summary.is_open() && !state.check_history.is_open() && !state.check_draft.is_open());

            // Changed after start (another tab, say) and before any screen asked:
            // what the first screen reads is what is stored then.
            store.save(crate::summary::KEY, &talk("changed before a screen asked")).unwrap();
            let screen = Owner::new();
            let summary = screen.with(|| state.summary());
            assert_eq!(summary.get_untracked(), talk("changed before a screen asked"));
            // The screen that asked first goes; the slice stays with the app.
            screen.cleanup();
            drop(screen);
            assert_eq!(summary.try_get_untracked(), Some(talk("changed before a screen asked")));
            assert!(*state.summary() == *summary, "opened once");

            // Another tab changes it: the opened slice is read again, and a slice
            // never opened stays unread (its first reader reads storage then).
            store.save(crate::summary::KEY, &talk("changed in another tab")).unwrap();
            assert!(state.reload(crate::summary::KEY));
            assert_eq!(summary.get_untracked(), talk("changed in another tab"));
            assert!(state.reload(crate::assessment::HISTORY_KEY));
            assert!(!state.check_history.is_open());
            state.reload_all();
            assert!(!state.check_draft.is_open());
        });
    }

    #[test]
    fn a_screen_can_follow_the_history_being_saved_elsewhere_without_reading_it() {
        crate::ui::prerender::no_tasks();
        let app = Owner::new();
        app.with(|| {
            let store = memory_store();
            let state = app_over(&store);
            // What Home does: look at whether a history is stored, again each
            // time its record changes elsewhere.
            let looked = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
            let seen = Memo::new({
                let looked = looked.clone();
                move |_| {
                    state.track_stored_history();
                    looked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    state.with_store(|s| s.get_stored(crate::assessment::HISTORY_KEY).ok().flatten().is_some())
                }
            });
            assert_eq!(seen.get_untracked(), Some(false));
            store.save(crate::assessment::HISTORY_KEY, &History::default()).unwrap();
            assert!(state.reload(crate::assessment::HISTORY_KEY));
            assert_eq!(seen.get_untracked(), Some(true), "the first check, saved in another tab");
            assert_eq!(looked.load(std::sync::atomic::Ordering::Relaxed), 2);
            assert!(!state.check_history.is_open(), "followed without being read");
            // Another slice changing is not the history changing.
            assert!(state.reload(crate::summary::KEY));
            let _ = seen.get_untracked();
            assert_eq!(looked.load(std::sync::atomic::Ordering::Relaxed), 2);
        });
    }

    #[test]
    fn a_storage_notice_says_what_failed_why_and_what_to_do_in_the_language_in_use() {
        let full = || Notice::from_error(crate::text::notices::get().journal_unreadable, &StorageError::QuotaExceeded).text;
        let too_new = || Notice::from_error("X", &StorageError::TooNew { key: "rt-k".into(), found: 9 }).text;
        assert_eq!(
            full(),
            "Your journal could not be read: the browser's storage for this app is full, so the change was not saved. \
             Your earlier data is untouched. Exporting a backup and deleting old journal entries frees space."
        );
        assert_eq!(
            too_new(),
            "X: a saved record (rt-k) was written by a newer version of the app (schema 9). \
             Please use the newest version of the app to open it."
        );
        locale::set_active(Locale::Es);
        let said = (full(), too_new());
        locale::set_active(Locale::SOURCE);
        assert_eq!(
            said.0,
            "No se pudo leer tu diario: el espacio del navegador para esta app está lleno, así que el cambio no se guardó. \
             Tus datos anteriores siguen intactos. Exportar una copia de seguridad y borrar entradas antiguas del diario libera espacio."
        );
        assert_eq!(
            said.1,
            "X: un registro guardado (rt-k) lo escribió una versión más reciente de la app (esquema 9). \
             Usa la versión más reciente de la app para abrirlo."
        );
    }
}
