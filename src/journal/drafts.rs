//! Drafts: words typed and not yet saved, kept so that nothing typed is ever
//! lost, even with one entry open in several windows at once.
//!
//! ## Whose draft
//! A *window* is one browser tab across its reloads: a reload is the same
//! person at the same place, so their unsaved words come straight back into
//! the editor. Each page load writes under an id of its own,
//! `journal.draft.<entry>.<load>`, and the tab's sessionStorage (which
//! survives a reload and is gone with the tab) remembers the ids of its
//! earlier loads ([`Window::arrive`]). One id for the whole tab would not do:
//! browsers copy sessionStorage into a duplicated tab, so two live windows
//! could share it, and one window's save would remove the other's words,
//! which is the fault this design exists to prevent. A duplicated tab at worst
//! takes the original's draft over as its own, and taking over writes the
//! copy before removing anything.
//!
//! ## What may be removed, and when
//! - A window writes only under its own key, and removes its own draft only
//!   when the draft holds nothing beyond what was just saved.
//! - Drafts of other windows (closed, crashed, or still open) are *offered*:
//!   the person brings the words back or discards them. Nothing is removed
//!   before that choice.
//! - Unasked, a draft is removed only when it holds no unsaved words: one that
//!   says what the saved entry says, or a never-saved entry with nothing
//!   written that is over a day old (a "Write about this" left untouched).
//! - Drafts under the shared key of earlier versions (`journal.draft.<entry>`)
//!   count as this window's earlier load: opening the entry takes them back.

use super::entry::{validate_id, Entry};
use super::repo::JournalError;
use crate::storage::{StorageError, Store};
use serde::{Deserialize, Serialize};

/// A draft's record is this, the entry's id, and (except for drafts of
/// earlier versions) a dot and the id of the page load that wrote it.
pub const DRAFT_PREFIX: &str = "journal.draft.";
/// Where a tab's sessionStorage remembers its loads (see [`Window::start`]).
pub const WINDOWS_KEY: &str = "journal.windows";
/// How many earlier loads of one tab are remembered as its own.
const EARLIER_LOADS: usize = 16;
/// How long a never-saved entry with nothing written is kept.
const BLANK_KEPT_MS: u64 = 86_400_000;

/// This page load, and the earlier loads of the same tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    id: String,
    earlier: Vec<String>,
}

impl Window {
    /// The window of a page load that starts now. `remembered` is what this
    /// tab's sessionStorage held ([`Window::to_remember`] of the load before;
    /// malformed ids in it are ignored), `fresh` a new id for this load, from
    /// [`crate::ids::new_id`] (should it not be a valid id, `"w"` is used).
    pub fn arrive(remembered: Option<&str>, fresh: String) -> Window {
        let mut earlier: Vec<String> = remembered
            .unwrap_or_default()
            .split(' ')
            .filter(|id| validate_id(id).is_ok() && *id != fresh)
            .map(str::to_string)
            .collect();
        let skip = earlier.len().saturating_sub(EARLIER_LOADS);
        earlier.drain(..skip);
        let id = if validate_id(&fresh).is_ok() {
            fresh
        } else {
            "w".to_string()
        };
        Window { id, earlier }
    }

    /// The window of this page load: arrives with what `tab` (the tab's
    /// sessionStorage, under this app's namespace) remembers, and leaves this
    /// load there for the next. Without sessionStorage, every load is a window
    /// of its own, whose drafts the next load offers back.
    pub fn start(tab: Option<&Store>, fresh: String) -> Window {
        let remembered = tab.and_then(|t| t.get_raw(WINDOWS_KEY).ok().flatten());
        let window = Window::arrive(remembered.as_deref(), fresh);
        if let Some(tab) = tab {
            let _ = tab.set_raw(WINDOWS_KEY, &window.to_remember());
        }
        window
    }

    /// This load's id, under which it writes its drafts.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// What the tab keeps in sessionStorage for its next load.
    pub fn to_remember(&self) -> String {
        let mut ids: Vec<&str> = self.earlier.iter().map(String::as_str).collect();
        ids.push(&self.id);
        let skip = ids.len().saturating_sub(EARLIER_LOADS);
        ids[skip..].join(" ")
    }

    /// How recent a draft of this window is: 0 for this load's, then its
    /// earlier loads, latest first, then the shared key of earlier versions;
    /// `None` for another window's.
    pub fn recency(&self, owner: Option<&str>) -> Option<usize> {
        match owner {
            None => Some(self.earlier.len() + 1),
            Some(o) if o == self.id => Some(0),
            Some(o) => self
                .earlier
                .iter()
                .rev()
                .position(|e| e == o)
                .map(|i| i + 1),
        }
    }

    /// Whether a draft written by `owner` is this window's own: this load's,
    /// an earlier load's of this tab, or from the shared key of earlier versions.
    pub fn owns(&self, owner: Option<&str>) -> bool {
        self.recency(owner).is_some()
    }
}

/// An entry being edited, kept as the person types so a closed tab loses nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The entry as typed so far, not yet checked.
    pub entry: Entry,
    /// The rev the editor started from (`None` for a new entry), for
    /// [`super::save_entry`]'s conflict check.
    #[serde(default)]
    pub base_rev: Option<u32>,
}

impl Draft {
    /// Whether this draft holds words that `saved` (the entry as stored, if
    /// any) does not: for a never-saved entry, anything written at all.
    pub fn has_unsaved_words(&self, saved: Option<&Entry>) -> bool {
        match saved {
            Some(saved) => {
                let mut typed = self.entry.clone();
                typed.normalise();
                !typed.same_content(saved)
            }
            None => !self.entry.is_blank(),
        }
    }
}

/// A draft as found in storage, with the page load that wrote it (`None`:
/// the shared key of earlier versions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub owner: Option<String>,
    pub draft: Draft,
}

impl Found {
    /// The entry this draft belongs to.
    pub fn entry_id(&self) -> &str {
        &self.draft.entry.id
    }
}

/// The storage key of the draft of entry `id` written by `owner`.
pub fn draft_key(id: &str, owner: Option<&str>) -> String {
    match owner {
        Some(owner) => format!("{DRAFT_PREFIX}{id}.{owner}"),
        None => format!("{DRAFT_PREFIX}{id}"),
    }
}

/// The entry id and owner in a draft key (without the namespace prefix).
pub fn parse_draft_key(key: &str) -> Option<(String, Option<String>)> {
    let rest = key.strip_prefix(DRAFT_PREFIX)?;
    let (id, owner) = match rest.split_once('.') {
        Some((id, owner)) => (id, Some(owner)),
        None => (rest, None),
    };
    validate_id(id).ok()?;
    if let Some(owner) = owner {
        validate_id(owner).ok()?;
    }
    Some((id.to_string(), owner.map(str::to_string)))
}

/// Keeps `draft` under this window's key. Only the id is checked: a draft may
/// be unfinished, and the entry is validated when it is saved.
pub fn save_draft(store: &Store, window: &Window, draft: &Draft) -> Result<(), JournalError> {
    validate_id(&draft.entry.id)?;
    store.save(&draft_key(&draft.entry.id, Some(window.id())), draft)?;
    Ok(())
}

/// The draft of entry `id` written by `owner`, if there is one.
pub fn load_draft(
    store: &Store,
    id: &str,
    owner: Option<&str>,
) -> Result<Option<Draft>, StorageError> {
    let key = draft_key(id, owner);
    let draft: Option<Draft> = store.load(&key)?;
    match draft {
        Some(d) if d.entry.id != id => Err(StorageError::Corrupt {
            key: store.full_key(&key),
            reason: super::entry::words().draft_other_entry.into(),
        }),
        other => Ok(other),
    }
}

/// Removes the draft of entry `id` written by `owner`. Only after a choice the
/// person made, or when it holds nothing unsaved (see the module's rules).
pub fn discard_draft(store: &Store, id: &str, owner: Option<&str>) -> Result<(), StorageError> {
    store.remove(&draft_key(id, owner))
}

/// After a save: removes this window's draft of `saved` only when it holds
/// nothing beyond `saved`. Returns whether it was removed.
pub fn discard_if_saved(
    store: &Store,
    window: &Window,
    saved: &Entry,
) -> Result<bool, StorageError> {
    match load_draft(store, &saved.id, Some(window.id())) {
        Ok(Some(d)) if !d.has_unsaved_words(Some(saved)) => {
            discard_draft(store, &saved.id, Some(window.id()))?;
            Ok(true)
        }
        Ok(_) => Ok(false),
        // Unreadable: left as it is.
        Err(StorageError::Corrupt { .. } | StorageError::TooNew { .. }) => Ok(false),
        Err(err) => Err(err),
    }
}

/// Removes an offered draft the person chose to discard, but only while it
/// still holds what was offered: if its window wrote more since, nothing is
/// removed and `false` says to offer it again.
pub fn discard_offered(store: &Store, found: &Found) -> Result<bool, StorageError> {
    let owner = found.owner.as_deref();
    if load_draft(store, found.entry_id(), owner)?.as_ref() != Some(&found.draft) {
        return Ok(false);
    }
    discard_draft(store, found.entry_id(), owner)?;
    Ok(true)
}

/// Makes a draft this window's own: writes it under this window's key first,
/// then removes it from where it was (a failed removal leaves two copies,
/// never none).
pub fn take_over(store: &Store, window: &Window, found: &Found) -> Result<(), JournalError> {
    if found.owner.as_deref() == Some(window.id()) {
        return Ok(());
    }
    save_draft(store, window, &found.draft)?;
    discard_draft(store, found.entry_id(), found.owner.as_deref())?;
    Ok(())
}

/// Every readable draft in `keys` (unreadable ones are left untouched).
fn read_all(store: &Store, keys: impl Iterator<Item = String>) -> Result<Vec<Found>, StorageError> {
    let mut found = Vec::new();
    for key in keys {
        let Some((id, owner)) = parse_draft_key(&key) else {
            continue;
        };
        match load_draft(store, &id, owner.as_deref()) {
            Ok(Some(draft)) => found.push(Found { owner, draft }),
            Ok(None) | Err(StorageError::Corrupt { .. } | StorageError::TooNew { .. }) => {}
            Err(err) => return Err(err),
        }
    }
    Ok(found)
}

/// Every draft of entry `id`, by any window, in key order.
pub fn drafts_of(store: &Store, id: &str) -> Result<Vec<Found>, StorageError> {
    let shared = draft_key(id, None);
    let keys = store.keys()?.into_iter().filter(|k| {
        k == &shared
            || k.strip_prefix(shared.as_str())
                .is_some_and(|rest| rest.starts_with('.'))
    });
    read_all(store, keys)
}

/// Every draft holding words that are in no saved entry, for the journal to
/// offer back, oldest entry first. On the way, removes drafts that hold no
/// unsaved words (see the module's rules); `saved` looks an entry up.
pub fn waiting(
    store: &Store,
    now_ms: u64,
    saved: impl Fn(&str) -> Result<Option<Entry>, StorageError>,
) -> Result<Vec<Found>, StorageError> {
    let keys = store
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(DRAFT_PREFIX));
    let mut kept = Vec::new();
    for found in read_all(store, keys)? {
        let stored = match saved(found.entry_id()) {
            Ok(stored) => stored,
            // The entry cannot be read: its draft stays, and is offered.
            Err(_) => {
                kept.push(found);
                continue;
            }
        };
        let words = found.draft.has_unsaved_words(stored.as_ref());
        let young_and_blank =
            stored.is_none() && now_ms.saturating_sub(found.draft.entry.created) < BLANK_KEPT_MS;
        if words {
            kept.push(found);
        } else if !young_and_blank {
            discard_draft(store, found.entry_id(), found.owner.as_deref())?;
        }
    }
    kept.sort_by(|a, b| {
        (a.draft.entry.created, a.entry_id(), &a.owner).cmp(&(
            b.draft.entry.created,
            b.entry_id(),
            &b.owner,
        ))
    });
    Ok(kept)
}

/// Words a window could keep nowhere: the storage refused both the save and
/// the draft (the lock was turned on in another window, or the quota is
/// full) and the editor closed. Held in memory, by the window that typed
/// them, until a store takes them ([`Held::release`]): after unlocking, they
/// become that window's draft again, sealed like everything else, and come
/// back when the entry is opened.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Held(Vec<(Window, Draft)>);

impl Held {
    /// Holds `draft`, typed in `window`; it replaces an earlier one of the same entry and window.
    pub fn hold(&mut self, window: &Window, draft: Draft) {
        self.0.retain(|(w, d)| !(w.id() == window.id() && d.entry.id == draft.entry.id));
        self.0.push((window.clone(), draft));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Writes every held draft through `store`, each under the window that
    /// typed it, and keeps holding those the store still refuses. Returns how many were written.
    pub fn release(&mut self, store: &Store) -> usize {
        let before = self.0.len();
        self.0.retain(|(window, draft)| save_draft(store, window, draft).is_err());
        before - self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::testing::entry;
    use crate::journal::{load_entry, save_entry, SaveOutcome};

    fn window(id: &str) -> Window {
        Window::arrive(None, id.into())
    }

    #[test]
    fn held_words_wait_for_a_store_that_takes_them_and_come_back_as_the_windows_own() {
        use crate::storage::{MemoryBackend, Namespace, StorageError};
        use crate::vault::testing::{key, params, CountingRandom};
        use std::rc::Rc;
        let plain = Store::new(Rc::new(MemoryBackend::default()), &Namespace::default());
        let app = crate::vault::plain_app_store(&plain);
        crate::vault::lock(&plain, &key(1), params(), &CountingRandom::default()).unwrap();
        let before = window("before");
        let mut held = Held::default();
        held.hold(&before, draft("e", "first words", None));
        held.hold(&before, draft("e", "kept words", None));
        // Still locked elsewhere, and this window has no key: nothing written, nothing dropped.
        assert_eq!(app.save("x", &1), Err(StorageError::LockedElsewhere));
        assert_eq!(held.release(&app), 0);
        assert!(!held.is_empty());
        // Unlocked: the store seals, and the words become the window's draft.
        let unlocked = crate::vault::unlock_with_key(&plain, key(1), Rc::new(CountingRandom::default())).unwrap();
        assert_eq!(held.release(&unlocked.store), 1);
        assert!(held.is_empty());
        let raw = plain.get_raw(&draft_key("e", Some("before"))).unwrap().unwrap();
        assert!(crate::vault::is_sealed(&raw), "written readable: {raw}");
        // The next load of the same tab counts it as its own.
        let next = Window::arrive(Some(&before.to_remember()), "next".into());
        let found = drafts_of(&unlocked.store, "e").unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].draft.entry.body, "kept words");
        assert_eq!(next.recency(found[0].owner.as_deref()), Some(1));
    }

    fn draft(id: &str, body: &str, base_rev: Option<u32>) -> Draft {
        Draft {
            entry: entry(id, 1, "", body),
            base_rev,
        }
    }

    fn create(store: &Store, id: &str, body: &str) -> Entry {
        match save_entry(store, &entry(id, 1, "", body), None).unwrap() {
            SaveOutcome::Saved(e) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_reloaded_tab_owns_the_drafts_of_its_earlier_loads_and_no_one_elses() {
        let first = Window::arrive(None, "load1".into());
        assert!(first.owns(Some("load1")));
        let second = Window::arrive(Some(&first.to_remember()), "load2".into());
        assert_eq!(second.id(), "load2");
        assert!(second.owns(Some("load1")) && second.owns(Some("load2")));
        assert!(
            second.owns(None),
            "drafts of earlier versions are taken back"
        );
        let third = Window::arrive(Some(&second.to_remember()), "load3".into());
        assert_eq!(
            [Some("load3"), Some("load2"), Some("load1"), None].map(|o| third.recency(o)),
            [Some(0), Some(1), Some(2), Some(3)]
        );
        let other_tab = Window::arrive(None, "load9".into());
        assert!(!other_tab.owns(Some("load1")));
        assert!(!second.owns(Some("load9")));
    }

    #[test]
    fn a_tab_remembers_its_loads_in_its_session_storage() {
        let tab = Store::memory();
        let first = Window::start(Some(&tab), "l1".into());
        let second = Window::start(Some(&tab), "l2".into());
        assert!(second.owns(Some("l1")) && second.owns(Some(first.id())));
        let another_tab = Window::start(Some(&Store::memory()), "l3".into());
        assert!(!another_tab.owns(Some("l1")));
        let no_storage = Window::start(None, "l4".into());
        assert!(!no_storage.owns(Some("l3")) && no_storage.owns(Some("l4")));
    }

    #[test]
    fn a_duplicated_tab_writes_under_its_own_key_though_it_shares_the_remembered_ids() {
        let original = Window::arrive(None, "a1".into());
        // The browser copies sessionStorage into the duplicate.
        let duplicate = Window::arrive(Some(&original.to_remember()), "b1".into());
        let store = Store::memory();
        save_draft(&store, &original, &draft("e", "original's words", Some(1))).unwrap();
        save_draft(
            &store,
            &duplicate,
            &draft("e", "duplicate's words", Some(1)),
        )
        .unwrap();
        let bodies: Vec<String> = drafts_of(&store, "e")
            .unwrap()
            .into_iter()
            .map(|f| f.draft.entry.body)
            .collect();
        assert_eq!(bodies, ["original's words", "duplicate's words"]);
    }

    #[test]
    fn remembered_ids_are_bounded_and_malformed_ones_dropped() {
        let mut w = Window::arrive(Some("bad.id  ok-1 !!"), "x0".into());
        assert!(w.owns(Some("ok-1")));
        assert!(!w.owns(Some("bad.id")));
        for i in 1..40 {
            w = Window::arrive(Some(&w.to_remember()), format!("x{i}"));
        }
        assert_eq!(w.to_remember().split(' ').count(), EARLIER_LOADS);
        assert!(w.owns(Some("x39")) && w.owns(Some("x30")) && !w.owns(Some("x0")));
        assert_eq!(Window::arrive(None, "not an id".into()).id(), "w");
    }

    #[test]
    fn draft_keys_name_the_entry_and_the_window() {
        assert_eq!(draft_key("e1", Some("w1")), "journal.draft.e1.w1");
        assert_eq!(draft_key("e1", None), "journal.draft.e1");
        assert_eq!(
            parse_draft_key("journal.draft.e1.w1"),
            Some(("e1".into(), Some("w1".into())))
        );
        assert_eq!(
            parse_draft_key("journal.draft.e1"),
            Some(("e1".into(), None))
        );
        for bad in [
            "journal.draft.",
            "journal.draft.e1.",
            "journal.draft.e 1",
            "journal.draft.a.b.c",
            "journal.e.x",
        ] {
            assert_eq!(parse_draft_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn one_windows_save_never_removes_another_windows_draft() {
        // The fault: both windows wrote one shared key, and A's save removed B's words.
        let store = Store::memory();
        let saved = create(&store, "e", "original");
        let (a, b) = (window("a"), window("b"));
        let mut in_a = draft("e", "A's words", Some(saved.rev));
        in_a.entry.created = saved.created;
        save_draft(&store, &a, &in_a).unwrap();
        let in_b = Draft {
            entry: Entry {
                body: "B's newer words".into(),
                ..saved.clone()
            },
            base_rev: Some(saved.rev),
        };
        save_draft(&store, &b, &in_b).unwrap();
        let SaveOutcome::Saved(after_a) = save_entry(
            &store,
            &Entry {
                body: "A's words".into(),
                ..saved.clone()
            },
            Some(saved.rev),
        )
        .unwrap() else {
            panic!("A's save")
        };
        assert!(discard_if_saved(&store, &a, &after_a).unwrap());
        assert_eq!(load_draft(&store, "e", Some("a")).unwrap(), None);
        assert_eq!(load_draft(&store, "e", Some("b")).unwrap(), Some(in_b));
    }

    #[test]
    fn a_save_removes_its_own_draft_only_when_the_draft_holds_nothing_more() {
        let store = Store::memory();
        let w = window("w");
        let saved = create(&store, "e", "saved words");
        let mut typed = saved.clone();
        typed.body = "typed after the save began".into();
        save_draft(
            &store,
            &w,
            &Draft {
                entry: typed,
                base_rev: Some(1),
            },
        )
        .unwrap();
        assert!(!discard_if_saved(&store, &w, &saved).unwrap());
        assert!(load_draft(&store, "e", Some("w")).unwrap().is_some());
        // Tags typed untidily say the same as the tidied saved ones.
        let mut same = saved.clone();
        same.tags = vec![" ".into()];
        save_draft(
            &store,
            &w,
            &Draft {
                entry: same,
                base_rev: Some(1),
            },
        )
        .unwrap();
        assert!(discard_if_saved(&store, &w, &saved).unwrap());
    }

    #[test]
    fn taking_a_draft_over_copies_it_before_removing_the_original() {
        let store = Store::memory();
        let w = window("w");
        store
            .save(
                &draft_key("e", None),
                &draft("e", "from an older version", None),
            )
            .unwrap();
        let found = drafts_of(&store, "e").unwrap().remove(0);
        assert_eq!(found.owner, None);
        take_over(&store, &w, &found).unwrap();
        assert_eq!(store.keys().unwrap(), ["journal.draft.e.w"]);
        assert_eq!(
            load_draft(&store, "e", Some("w")).unwrap(),
            Some(found.draft)
        );
    }

    #[test]
    fn an_offered_draft_is_discarded_only_while_it_still_holds_what_was_offered() {
        let store = Store::memory();
        let b = window("b");
        save_draft(&store, &b, &draft("e", "first", None)).unwrap();
        let offered = drafts_of(&store, "e").unwrap().remove(0);
        save_draft(&store, &b, &draft("e", "first and more", None)).unwrap();
        assert!(!discard_offered(&store, &offered).unwrap());
        assert_eq!(
            drafts_of(&store, "e").unwrap()[0].draft.entry.body,
            "first and more"
        );
        let again = drafts_of(&store, "e").unwrap().remove(0);
        assert!(discard_offered(&store, &again).unwrap());
        assert!(drafts_of(&store, "e").unwrap().is_empty());
    }

    #[test]
    fn drafts_of_one_entry_do_not_include_an_entry_whose_id_starts_the_same() {
        let store = Store::memory();
        save_draft(&store, &window("w"), &draft("e", "mine", None)).unwrap();
        save_draft(&store, &window("w"), &draft("e2", "another entry", None)).unwrap();
        assert_eq!(drafts_of(&store, "e").unwrap().len(), 1);
    }

    #[test]
    fn waiting_offers_unsaved_words_and_removes_only_drafts_without_any() {
        let store = Store::memory();
        let day = BLANK_KEPT_MS;
        let now = 10 * day;
        let saved = create(&store, "kept", "as saved");
        let gone = window("gone");
        // Words in no entry: offered, whatever their age.
        save_draft(
            &store,
            &gone,
            &Draft {
                entry: entry("new", 1, "", "never saved"),
                base_rev: None,
            },
        )
        .unwrap();
        save_draft(
            &store,
            &gone,
            &Draft {
                entry: Entry {
                    body: "changed".into(),
                    ..saved.clone()
                },
                base_rev: Some(1),
            },
        )
        .unwrap();
        // Nothing unsaved: removed.
        let other = window("other");
        save_draft(
            &store,
            &other,
            &Draft {
                entry: saved.clone(),
                base_rev: Some(1),
            },
        )
        .unwrap();
        save_draft(
            &store,
            &other,
            &Draft {
                entry: entry("old-blank", now - 2 * day, "", ""),
                base_rev: None,
            },
        )
        .unwrap();
        // A fresh "Write about this" with nothing written yet: kept, not offered.
        let mut fresh = entry("fresh-blank", now - 1000, "", "");
        fresh.step = Some("listen".into());
        save_draft(
            &store,
            &other,
            &Draft {
                entry: fresh,
                base_rev: None,
            },
        )
        .unwrap();
        // Unreadable: untouched.
        store.set_raw("journal.draft.broken.x", "{").unwrap();

        let offered = waiting(&store, now, |id| load_entry(&store, id)).unwrap();
        let ids: Vec<(&str, &str)> = offered
            .iter()
            .map(|f| (f.entry_id(), f.draft.entry.body.as_str()))
            .collect();
        assert_eq!(ids, [("kept", "changed"), ("new", "never saved")]);
        assert_eq!(
            store.keys().unwrap(),
            [
                "journal.draft.broken.x",
                "journal.draft.fresh-blank.other",
                "journal.draft.kept.gone",
                "journal.draft.new.gone",
                "journal.e.kept",
                "journal.index",
            ]
        );
    }

    #[test]
    fn a_draft_saved_for_a_bad_id_is_refused_and_one_stored_under_another_id_is_unreadable() {
        let store = Store::memory();
        assert!(save_draft(&store, &window("w"), &draft("bad id", "", None)).is_err());
        store
            .save(&draft_key("n3", Some("w")), &draft("n4", "", None))
            .unwrap();
        assert!(matches!(
            load_draft(&store, "n3", Some("w")),
            Err(StorageError::Corrupt { .. })
        ));
        assert!(drafts_of(&store, "n3").unwrap().is_empty());
        assert!(
            store.get_raw("journal.draft.n3.w").unwrap().is_some(),
            "left untouched"
        );
    }
}
