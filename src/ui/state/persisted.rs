//! A slice of the app's state that is kept in storage: its key, how it loads,
//! how it saves, how it is read again when another tab (or an import) changed
//! it, and what happens when any of that fails. One policy, for every slice.

use super::app::Notice;
use super::session::Session;
use crate::assessment::{self, Draft, History};
use crate::guide::{self, Progress};
use crate::settings::{self, Settings};
use crate::storage::{StorageError, Store};
use crate::summary::{self, Choices};
use crate::text::notices;
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use serde::{de::DeserializeOwned, Serialize};

/// A value the app keeps under one key of its namespace.
pub trait Slice: Serialize + DeserializeOwned + Default + PartialEq + Send + Sync + 'static {
    const KEY: &'static str;
    /// What to say, in the active language, when it cannot be read and when
    /// it cannot be saved: "Your settings could not be read", "… saved".
    fn unreadable_unsaved(t: &'static notices::Strings) -> (&'static str, &'static str);
}

impl Slice for Settings {
    const KEY: &'static str = settings::KEY;
    fn unreadable_unsaved(t: &'static notices::Strings) -> (&'static str, &'static str) {
        (t.settings_unreadable, t.settings_unsaved)
    }
}
impl Slice for Progress {
    const KEY: &'static str = guide::KEY;
    fn unreadable_unsaved(t: &'static notices::Strings) -> (&'static str, &'static str) {
        (t.progress_unreadable, t.progress_unsaved)
    }
}
impl Slice for Option<Draft> {
    const KEY: &'static str = assessment::DRAFT_KEY;
    fn unreadable_unsaved(t: &'static notices::Strings) -> (&'static str, &'static str) {
        (t.draft_unreadable, t.draft_unsaved)
    }
}
impl Slice for History {
    const KEY: &'static str = assessment::HISTORY_KEY;
    fn unreadable_unsaved(t: &'static notices::Strings) -> (&'static str, &'static str) {
        (t.history_unreadable, t.history_unsaved)
    }
}
impl Slice for Choices {
    const KEY: &'static str = summary::KEY;
    fn unreadable_unsaved(t: &'static notices::Strings) -> (&'static str, &'static str) {
        (t.summary_unreadable, t.summary_unsaved)
    }
}

/// A signal that loads from, and saves to, its slice's key. It dereferences to
/// its signal, so screens read and change it like any other.
pub struct Persisted<T: Slice> {
    signal: RwSignal<T>,
    /// Set when the signal was last changed by reading storage again
    /// ([`Persisted::reload`]): that value is already stored, so the save
    /// effect lets it pass instead of writing it back.
    read_back: StoredValue<bool>,
}

/// `Clone` and `Copy` for a handle to a slice, whatever the slice's type
/// (a derive would ask that the slice itself be `Copy`).
macro_rules! copy_handle {
    ($($handle:ident),*) => {$(
        impl<T: Slice> Clone for $handle<T> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<T: Slice> Copy for $handle<T> {}
    )*};
}
copy_handle!(Persisted, OnDemand);

impl<T: Slice> std::ops::Deref for Persisted<T> {
    type Target = RwSignal<T>;
    fn deref(&self) -> &RwSignal<T> {
        &self.signal
    }
}

impl<T: Slice> Persisted<T> {
    /// Loads the slice (or starts fresh, saying so when it cannot be read), and
    /// saves it whenever it changes from then on.
    pub fn open(session: Session, notice: RwSignal<Option<Notice>>) -> Self {
        let loaded = session.with_store(|s| read::<T>(s, notice)).flatten();
        let signal = RwSignal::new(loaded.unwrap_or_default());
        let read_back = StoredValue::new(false);
        Effect::new(move |first: Option<()>| {
            signal.with(|value| {
                // The first run only subscribes: what was just loaded needs no
                // save; nor does what was just read again.
                let was_read = read_back.try_update_value(std::mem::take).unwrap_or(false);
                if first.is_some() && !was_read {
                    if let Some(Err(err)) = session.with_store(|s| s.save(T::KEY, value)) {
                        unsaved(T::unreadable_unsaved(notices::get()).1, &err, notice);
                    }
                }
            });
        });
        Persisted { signal, read_back }
    }

    /// Reads the slice again after storage changed underneath it (another tab,
    /// an import), and is never written back: the save effect runs later, by
    /// when the other tab may have saved something newer (its next keystroke),
    /// which writing this value back would undo, in both tabs. An unreadable
    /// record is kept aside and named, as at load, and what this tab holds
    /// stays as it is.
    pub fn reload(&self, store: &Store, notice: RwSignal<Option<Notice>>) {
        let Some(value) = read::<T>(store, notice) else { return };
        if self.signal.with_untracked(|v| *v != value) {
            self.read_back.set_value(true);
            self.signal.set(value);
        }
    }
}

/// A slice read the first time a screen asks for it, not at start. Its
/// reading, saving and reading again are reached only through [`OnDemand::get`],
/// so their code (the slice's decoding above all) travels with the parts of
/// the app whose screens use it, not in Home's download. Until then nothing is
/// held, so there is nothing to read again when storage changes.
pub struct OnDemand<T: Slice> {
    /// The opened slice, and how to read it again: a function pointer taken
    /// where the slice was opened, so that [`AnyPersisted::reload`] on an
    /// `OnDemand` (in Home's download) does not pull the decoding in with it.
    opened: StoredValue<Option<(Persisted<T>, Reload<T>)>>,
    /// Notified whenever the slice's key changed in storage (another tab, an
    /// import), opened or not: a screen that only needs to know whether
    /// something is saved there (Home) follows it without opening the slice.
    stored: Trigger,
}

type Reload<T> = fn(Persisted<T>, &Store, RwSignal<Option<Notice>>);

impl<T: Slice> OnDemand<T> {
    /// A slice not read yet.
    pub fn new() -> Self {
        OnDemand { opened: StoredValue::new(None), stored: Trigger::new() }
    }

    /// Subscribes the running effect or memo to changes of the slice's key in
    /// storage made elsewhere, whether the slice is open here or not.
    pub fn track_stored(&self) {
        self.stored.track();
    }

    /// The slice, opened on the first call ([`Persisted::open`]). It is opened
    /// under `owner` (the app's), so it lives as long as the app does, not as
    /// long as the screen that happened to ask first.
    pub fn get(&self, session: Session, notice: RwSignal<Option<Notice>>, owner: &WeakOwner) -> Persisted<T> {
        if let Some((slice, _)) = self.opened.get_value() {
            return slice;
        }
        let open = || untrack(|| Persisted::open(session, notice));
        let slice = match owner.upgrade() {
            Some(owner) => owner.with(open),
            None => open(),
        };
        self.opened.set_value(Some((slice, |slice, store, notice| slice.reload(store, notice))));
        slice
    }

    /// Whether a screen has opened the slice yet.
    #[cfg(test)]
    pub fn is_open(&self) -> bool {
        self.opened.with_value(Option::is_some)
    }
}

/// Anything persisted, whatever its type: what keeping tabs in step and
/// importing a backup need.
pub trait AnyPersisted {
    fn key(&self) -> &'static str;
    fn reload(&self, store: &Store, notice: RwSignal<Option<Notice>>);
}

impl<T: Slice> AnyPersisted for Persisted<T> {
    fn key(&self) -> &'static str {
        T::KEY
    }
    fn reload(&self, store: &Store, notice: RwSignal<Option<Notice>>) {
        Persisted::reload(self, store, notice);
    }
}

impl<T: Slice> AnyPersisted for OnDemand<T> {
    fn key(&self) -> &'static str {
        T::KEY
    }
    fn reload(&self, store: &Store, notice: RwSignal<Option<Notice>>) {
        if let Some((slice, reload)) = self.opened.get_value() {
            reload(slice, store, notice);
        }
        self.stored.notify();
    }
}

/// Reads a slice (the default when it was never saved), or, when it cannot be
/// read, says so and returns `None`.
fn read<T: Slice>(store: &Store, notice: RwSignal<Option<Notice>>) -> Option<T> {
    match store.load::<T>(T::KEY) {
        Ok(value) => Some(value.unwrap_or_default()),
        Err(err) => {
            unreadable(store, T::KEY, T::unreadable_unsaved(notices::get()).0, &err, notice);
            None
        }
    }
}

/// What happens to a record that cannot be read, whatever its type (one
/// copy of this code for every slice): it is first copied aside
/// ([`Store::keep_aside`]: each damaged version once, none over another), so
/// saving fresh values later never destroys it; then the person is told, and
/// told it was kept only when it was.
fn unreadable(store: &Store, key: &str, what: &str, err: &StorageError, notice: RwSignal<Option<Notice>>) {
    let kept = store.keep_aside(key);
    let mut message = Notice::from_error(what, err);
    if kept {
        message.text.push_str(notices::get().kept_aside);
    }
    notice.set(Some(message));
}

/// Says that a slice could not be saved (one copy for every slice).
fn unsaved(what: &str, err: &StorageError, notice: RwSignal<Option<Notice>>) {
    notice.set(Some(Notice::from_error(what, err)));
}
