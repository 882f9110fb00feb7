//! One module per screen; [`screen`] picks the one for a route.

mod check;
mod guide;
mod help;
mod journal;
mod home;
mod not_found;
mod privacy;
mod settings;
mod summary;

use crate::ui::state::use_app;
use crate::route::Route;
use leptos::prelude::*;

/// The screen for `route` (or "not offered here" for a part the site switched off).
///
/// Home, Help, Privacy and "not found" are part of the first download. The
/// guide, the check, the journal, Settings and the summary are each a separate piece of
/// WebAssembly (see `split` below), fetched the first time one is opened, so a
/// phone downloads only what the first screen needs.
pub fn screen(route: Route) -> AnyView {
    let parts = use_app().config(|c| c.parts);
    if parts.hides(&route) {
        return not_found::NotOffered().into_any();
    }
    if let Some(part) = part_of(&route) {
        return lazy(part, route);
    }
    match route {
        Route::Home => home::Home().into_any(),
        Route::Privacy => privacy::Privacy().into_any(),
        Route::Help => help::Help().into_any(),
        Route::NotFound(path) => not_found::NotFound(not_found::NotFoundProps { path }).into_any(),
        _ => not_found::LoadFailed().into_any(),
    }
}

/// The part of the app whose file `route`'s screen is in; `None` for the
/// screens in the first download.
pub(crate) fn part_of(route: &Route) -> Option<split::Part> {
    match route {
        Route::Home | Route::Privacy | Route::Help | Route::NotFound(_) => None,
        Route::Settings => Some(split::Part::Settings),
        Route::Summary => Some(split::Part::Summary),
        Route::Guide | Route::GuideAll | Route::Step(_) => Some(split::Part::Guide),
        Route::Check
        | Route::CheckHistory
        | Route::CheckResult(_)
        | Route::CheckShare(_)
        | Route::CheckCompare
        | Route::CheckComparison(_) => Some(split::Part::Check),
        Route::Journal | Route::JournalEntry(_) | Route::JournalMoods => Some(split::Part::Journal),
    }
}

/// Shows a screen once its part of the app has arrived (at once, if it has
/// already), or says in words that it could not be fetched: offline before
/// that part was ever opened, say.
///
/// Only the fetch is asynchronous. The screen itself is built synchronously,
/// in this reactive scope, like any other, so leaving it disposes it as usual.
fn lazy(part: split::Part, route: Route) -> AnyView {
    let arrived = RwSignal::new(part.is_loaded().then_some(true));
    if arrived.get_untracked().is_none() {
        leptos::task::spawn_local(async move {
            let ok = part.load().await.is_ok();
            // The person may have moved on meanwhile; then nobody is waiting.
            let _ = arrived.try_set(Some(ok));
        });
    }
    (move || match arrived.get() {
        // Holds the page open while the file arrives, so the footer doesn't
        // jump when the screen appears; the words show only if it takes a while.
        None => view! { <p class="rt-pending">{crate::text::screens::get().opening}</p> }.into_any(),
        Some(true) => part.screen(route.clone()).unwrap_or_else(|| not_found::LoadFailed().into_any()),
        Some(false) => not_found::LoadFailed().into_any(),
    })
    .into_any()
}

/// The split points. With the `split` feature (the release build, see
/// `tools/split.mjs`), each `split_point!` function, and everything only it
/// uses, goes into the WebAssembly file its module names, fetched on the first
/// call. Without the feature (tests, native builds) they are plain functions
/// behind the same API.
pub(crate) mod split {
    //! (The lock screens, in `ui::lock`, have a split point of their own.)
    use super::{check, guide, journal, settings, summary};
    use crate::assessment::{History, LastCheck};
    use crate::route::Route;
    use crate::ui::state::AppState;
    use leptos::prelude::*;
    use std::future::Future;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::task::{Context, Poll, Waker};

    pub use leptos::wasm_split::SplitLoaderError as LoadError;

    /// `split_point!(module: fn name(arg: T) -> U, load load_name { body })`:
    /// a function whose code goes into the WebAssembly file `module` (several
    /// may share one), and `load_name`, which fetches that file without
    /// calling anything. The body runs untracked, as a component's does.
    macro_rules! split_point {
        ($(#[$doc:meta])* $module:ident: fn $name:ident($arg:ident: $ty:ty) -> $out:ty, load $load:ident $body:block) => {
            $(#[$doc])*
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload($load))]
            pub fn $name($arg: $ty) -> Result<$out, LoadError> {
                let value: $out = untrack(|| $body);
                Ok(value)
            }

            $(#[$doc])*
            #[cfg(not(feature = "split"))]
            pub async fn $name($arg: $ty) -> Result<$out, LoadError> {
                let value: $out = untrack(|| $body);
                Ok(value)
            }

            #[cfg(not(feature = "split"))]
            #[allow(dead_code)] // as in the split build, where only some are awaited
            pub async fn $load() -> Result<(), LoadError> {
                Ok(())
            }
        };
    }
    /// For a split point outside the pages (the lock screens).
    pub(crate) use split_point;

    split_point!(
        /// Settings: the lock, backups, storage.
        settings: fn settings(_route: Route) -> AnyView, load load_settings {
            read_journal();
            settings::SettingsPage().into_any()
        }
    );
    split_point!(
        /// The summary for a counsellor: choices, preview, printing.
        summary: fn summary(_route: Route) -> AnyView, load load_summary {
            read_journal();
            summary::SummaryPage().into_any()
        }
    );
    split_point!(
        /// The guide's overview, steps and whole-guide page.
        guide: fn guide(route: Route) -> AnyView, load load_guide {
            match route {
                Route::GuideAll => guide::GuideAll().into_any(),
                Route::Step(id) => guide::StepPage(guide::StepPageProps { id }).into_any(),
                _ => guide::GuideOverview().into_any(),
            }
        }
    );
    split_point!(
        /// "Step n: title" for a step id, for Home's "continue where you left
        /// off". The guide's text lives with the guide, not in the first download.
        guide: fn step_label(id: String) -> Option<String>, load load_guide_text {
            crate::content::step(&id).map(|step| crate::text::home_resume::get().step(step.number, &step.title))
        }
    );
    split_point!(
        /// Where the guide picks up, for Home: the words that lead in, the
        /// step's id and "Step n: title"; `None` when every step feels solid.
        guide: fn resume_label(progress: crate::guide::Progress) -> Option<(&'static str, String, String)>, load load_guide_resume {
            use crate::guide::Resume;
            let steps = &crate::content::guide().steps;
            let order: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
            let t = crate::text::home_resume::get();
            progress.resume(&order).and_then(|r| {
                let lead = match r {
                    Resume::Begin(_) => t.begin,
                    Resume::Continue(_) => t.continue_where,
                    Resume::Next(_) => t.next,
                };
                crate::content::step(r.step()).map(|s| (lead, s.id.clone(), t.step(s.number, &s.title)))
            })
        }
    );
    /// The person's newest check and its band's title, read from the check
    /// history (tracked, so it follows another tab), or `None` without one.
    pub type LastCheckLine = fn(AppState) -> Option<(LastCheck, Option<String>)>;
    split_point!(
        /// How Home finds its line about the newest check. Reading the check
        /// history, and the bands' words, come with the check's file, not the
        /// first download: Home calls the function it is given (the code is in
        /// that file) as often as the history changes.
        check: fn last_check(_state: AppState) -> LastCheckLine, load load_last_check {
            |state: AppState| {
                let last = state.check_history().with(History::last_check)?;
                let title = crate::content::check().bands.iter().find(|b| b.id == last.band).map(|b| b.title.clone());
                Some((last, title))
            }
        }
    );
    split_point!(
        /// The readiness check, its history and results, sharing and comparing.
        check: fn check(route: Route) -> AnyView, load load_check {
            match route {
                Route::CheckHistory => check::CheckHistoryPage().into_any(),
                Route::CheckResult(id) => check::CheckResultPage(check::CheckResultPageProps { id }).into_any(),
                Route::CheckShare(id) => check::SharePage(check::SharePageProps { id }).into_any(),
                Route::CheckCompare => check::ComparePage().into_any(),
                Route::CheckComparison(id) => check::ComparisonPage(check::ComparisonPageProps { id }).into_any(),
                _ => check::CheckPage().into_any(),
            }
        }
    );
    split_point!(
        /// The journal's list, editor and mood page.
        journal: fn journal(route: Route) -> AnyView, load load_journal {
            read_journal();
            match route {
                Route::JournalEntry(id) => journal::EditorPage(journal::EditorPageProps { id }).into_any(),
                Route::JournalMoods => journal::MoodsPage().into_any(),
                _ => journal::JournalPage().into_any(),
            }
        }
    );

    /// The screens that show the journal (its own, Settings' backups and
    /// storage, the summary) have it read once this screen has painted: so
    /// start reads nothing, and the reading code comes with these parts.
    fn read_journal() {
        let (state, journal) = (crate::ui::state::use_app(), crate::ui::state::use_journal());
        crate::browser::after_render(move || {
            // The app may be gone by then (quick exit, or the lock): nothing to read into.
            if !journal.loaded.is_disposed() {
                journal.read(state);
            }
        });
    }

    /// A part of the app that has its own WebAssembly file.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Part {
        Settings,
        Guide,
        Check,
        Journal,
        Summary,
    }

    static LOADED: [AtomicBool; 5] = [const { AtomicBool::new(false) }; 5];

    impl Part {
        /// Whether this part's file has arrived (so its screens build at once).
        pub fn is_loaded(self) -> bool {
            LOADED[self as usize].load(Ordering::Relaxed)
        }

        /// Fetches this part's file, if it hasn't arrived yet. A failure is not
        /// remembered: the next call tries again.
        pub async fn load(self) -> Result<(), LoadError> {
            match self {
                Part::Settings => load_settings().await,
                Part::Guide => load_guide().await,
                Part::Check => load_check().await,
                Part::Journal => load_journal().await,
                Part::Summary => load_summary().await,
            }?;
            LOADED[self as usize].store(true, Ordering::Relaxed);
            Ok(())
        }

        /// The screen for `route`, built now; `None` if the part's file hasn't
        /// arrived (call [`Part::load`] first).
        pub fn screen(self, route: Route) -> Option<AnyView> {
            let view = match self {
                Part::Settings => now(settings(route)),
                Part::Guide => now(guide(route)),
                Part::Check => now(check(route)),
                Part::Journal => now(journal(route)),
                Part::Summary => now(summary(route)),
            };
            view.and_then(Result::ok)
        }
    }

    /// Runs a future that has nothing left to wait for (a split function whose
    /// file has arrived) to its end, now; `None` if it would have to wait.
    pub(crate) fn now<T>(future: impl Future<Output = T>) -> Option<T> {
        let mut future = std::pin::pin!(future);
        match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(value) => Some(value),
            Poll::Pending => None,
        }
    }
}
