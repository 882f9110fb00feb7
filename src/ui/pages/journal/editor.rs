//! Writing one entry.

use crate::ui::components::PageTitle;
use super::*;
use crate::browser;
use crate::content;
use crate::journal::{
    self, Entry, JournalError, SaveOutcome, FEELINGS,
    MOOD_WORDS,
};
use crate::route::Route;
use crate::storage::StorageError;
use crate::ui::components::{ConfirmButton, Link};
use crate::ui::state::{use_app, use_journal};
use leptos::prelude::*;
use leptos::{ev, html};
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;

/// What the editor says about saving.
#[derive(Debug, Clone, PartialEq)]
enum SaveState {
    Idle,
    Pending,
    Saved(u64),
    Failed(String),
}

/// The form's fields, as the person edits them.
#[derive(Clone, Copy)]
struct Form {
    title: RwSignal<String>,
    body: RwSignal<String>,
    mood: RwSignal<Option<u8>>,
    feelings: RwSignal<Vec<String>>,
    tags: RwSignal<String>,
    step: RwSignal<Option<String>>,
    prompt: RwSignal<Option<String>>,
}

impl Form {
    fn from_entry(e: &Entry) -> Self {
        Form {
            title: RwSignal::new(e.title.clone()),
            body: RwSignal::new(e.body.clone()),
            mood: RwSignal::new(e.mood),
            feelings: RwSignal::new(e.feelings.clone()),
            tags: RwSignal::new(e.tags.join(", ")),
            step: RwSignal::new(e.step.clone()),
            prompt: RwSignal::new(e.prompt.clone()),
        }
    }

    fn fill(&self, e: &Entry) {
        self.title.set(e.title.clone());
        self.body.set(e.body.clone());
        self.mood.set(e.mood);
        self.feelings.set(e.feelings.clone());
        self.tags.set(e.tags.join(", "));
        self.step.set(e.step.clone());
        self.prompt.set(e.prompt.clone());
    }

    /// The entry as typed, on top of `base` (id, created, rev).
    fn entry(&self, base: &Entry) -> Entry {
        let mut e = base.clone();
        e.title = self.title.get_untracked();
        e.body = self.body.get_untracked();
        e.mood = self.mood.get_untracked();
        e.feelings = self.feelings.get_untracked();
        e.tags = self.tags.get_untracked().split(',').map(str::to_string).collect();
        e.step = self.step.get_untracked();
        e.prompt = self.prompt.get_untracked();
        e
    }
}

fn is_blank(e: &Entry) -> bool {
    e.title.trim().is_empty() && e.body.trim().is_empty() && e.mood.is_none() && e.feelings.is_empty()
}

/// The editor's working state, outside the reactive system so that leaving
/// the screen (when the screen's signals are already gone) can still save.
struct Core {
    store: crate::storage::Store,
    /// The entry's identity and last saved shape (id, created, rev).
    base: Entry,
    /// The rev the editor started from, for conflict detection; `None` while new.
    base_rev: Option<u32>,
    is_new: bool,
    /// The entry as typed most recently.
    typed: Entry,
    /// Typed but not saved.
    dirty: bool,
    /// Another tab saved meanwhile; nothing is saved until the person chooses.
    conflicted: bool,
}

/// What a save did, for the status line.
enum Saved {
    Nothing,
    Done(Entry),
    Conflict(Entry),
    Failed(String),
}

impl Core {
    fn save(&mut self) -> Saved {
        if self.conflicted || !self.dirty {
            return Saved::Nothing;
        }
        if self.is_new && is_blank(&self.typed) {
            return Saved::Nothing;
        }
        let mut mine = self.typed.clone();
        mine.updated = now_ms();
        match journal::save_entry(&self.store, &mine, self.base_rev) {
            Ok(SaveOutcome::Saved(entry)) => {
                self.base_rev = Some(entry.rev);
                self.base = entry.clone();
                self.typed.rev = entry.rev;
                self.is_new = false;
                self.dirty = false;
                let _ = journal::discard_draft(&self.store, &entry.id);
                Saved::Done(entry)
            }
            Ok(SaveOutcome::Conflict { theirs }) => {
                self.conflicted = true;
                Saved::Conflict(theirs)
            }
            Err(JournalError::Storage(StorageError::QuotaExceeded)) => Saved::Failed(
                "Not saved: this browser’s storage for the app is full. Your text is still here. \
                 Export a backup in Settings, or delete old entries, then keep writing and it will save."
                    .into(),
            ),
            Err(err) => Saved::Failed(format!("Not saved: {err}. Your text is still here.")),
        }
    }

    /// Keeps what was typed as a draft, so a reload or crash loses nothing.
    fn keep_draft(&mut self, typed: Entry) -> Result<(), JournalError> {
        self.typed = typed;
        self.dirty = true;
        let draft = journal::Draft { entry: self.typed.clone(), base_rev: self.base_rev };
        journal::save_draft(&self.store, &draft)
    }

    /// On leaving: save what is pending; an untouched new entry leaves nothing behind.
    fn leave(&mut self) -> Option<Entry> {
        let saved = match self.save() {
            Saved::Done(e) => Some(e),
            _ => None,
        };
        if self.is_new && is_blank(&self.typed) {
            let _ = journal::discard_draft(&self.store, &self.base.id);
        }
        saved
    }
}

fn now_ms() -> u64 {
    browser::now_ms()
}

/// Writes one entry: saves itself while the person types, keeps a draft of
/// anything not yet saved, and never overwrites a version saved in another tab.
#[component]
pub fn EditorPage(id: String) -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    // Only missing while the app is closing (locked, quick exit).
    let Some(store) = state.with_store(Clone::clone) else {
        return ().into_any();
    };

    // What is saved (if anything), and any draft typed on top of it.
    let saved = match journal::load_entry(&store, &id) {
        Ok(e) => e,
        Err(err) => {
            return view! {
                <PageTitle>"This entry can’t be opened"</PageTitle>
                <p>{format!("{err}. It has been left exactly as it was.")}</p>
                <p><Link to=Route::Journal>"Back to the journal"</Link></p>
            }
            .into_any();
        }
    };
    let draft = journal::load_draft(&store, &id).ok().flatten();
    let restored = draft.as_ref().is_some_and(|d| saved.as_ref().is_none_or(|s| !s.same_content(&d.entry)));
    let base = saved.clone().unwrap_or_else(|| Entry::new(id.clone(), now_ms()));
    let typed = draft.as_ref().map(|d| d.entry.clone()).unwrap_or_else(|| base.clone());
    let core = Rc::new(RefCell::new(Core {
        store,
        base_rev: match (&draft, &saved) {
            (Some(d), _) => d.base_rev,
            (None, Some(s)) => Some(s.rev),
            (None, None) => None,
        },
        is_new: saved.is_none(),
        base,
        typed: typed.clone(),
        dirty: restored,
        conflicted: false,
    }));
    let form = Form::from_entry(&typed);
    let is_new = RwSignal::new(saved.is_none());
    let created = typed.created;
    let status = RwSignal::new(if restored { SaveState::Pending } else { SaveState::Idle });
    let conflict = RwSignal::new(None::<Entry>);
    let generation = StoredValue::new(0u64);
    let core_ui = SendWrapper::new(core.clone());
    let core_ui = StoredValue::new(core_ui);
    // `try_`: the browser can fire a last focusout as the editor is removed,
    // after this screen's state is gone; the cleanup below has saved by then.
    let with_core = move |f: &mut dyn FnMut(&mut Core)| {
        core_ui.try_with_value(|c| f(&mut c.borrow_mut()));
    };

    let save_now = move || {
        // Saving is synchronous, so there is no "saving…" state to show.
        let mut outcome = Saved::Nothing;
        with_core(&mut |c| outcome = c.save());
        match outcome {
            // Nothing new since the last save (or a blank new entry): the status stands.
            Saved::Nothing => {}
            Saved::Done(entry) => {
                is_new.set(false);
                status.set(SaveState::Saved(entry.updated));
                journal.finder.update(|f| f.upsert(entry));
            }
            Saved::Conflict(theirs) => {
                status.set(SaveState::Failed("Not saved yet: this entry was changed in another tab or window.".into()));
                conflict.set(Some(theirs));
            }
            Saved::Failed(why) => status.set(SaveState::Failed(why)),
        }
    };

    // Every change: keep a draft at once, and save after a quiet moment.
    let changed = move || {
        let mut result = Ok(());
        with_core(&mut |c| {
            let typed = form.entry(&c.base);
            result = c.keep_draft(typed);
        });
        match result {
            Err(err) => status.set(SaveState::Failed(format!(
                "Your words could not be kept as a draft ({err}); they are still on screen."
            ))),
            Ok(()) => {
                if !matches!(status.get_untracked(), SaveState::Failed(_)) {
                    status.set(SaveState::Pending);
                }
            }
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) {
                    save_now();
                }
            },
            std::time::Duration::from_millis(AUTOSAVE_MS),
        );
    };
    let pending = move || {
        let mut dirty = false;
        with_core(&mut |c| dirty = c.dirty);
        dirty
    };

    // Save when the page is hidden (tab switch, app switch, closing).
    let hidden = window_event_listener(ev::visibilitychange, move |_| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden && pending() {
            save_now();
        }
    });
    let pagehide = window_event_listener(ev::pagehide, move |_| {
        if pending() {
            save_now();
        }
    });
    // Leaving the editor: this screen's signals may already be gone, so only
    // the plain core is used, and the app-wide journal is told what was saved.
    let core_leave = SendWrapper::new(core);
    let finder = journal.finder;
    on_cleanup(move || {
        hidden.remove();
        pagehide.remove();
        if let Some(entry) = core_leave.borrow_mut().leave() {
            finder.try_update(|f| f.upsert(entry));
        }
    });

    let delete = move || {
        generation.update_value(|g| *g += 1);
        let (id, new) = {
            let mut out = (String::new(), false);
            with_core(&mut |c| {
                out = (c.base.id.clone(), c.is_new);
                // Whatever happens next, nothing is left to save on leaving.
                c.dirty = false;
            });
            out
        };
        let Some(store) = state.with_store(Clone::clone) else { return };
        if new {
            let _ = journal::discard_draft(&store, &id);
            with_core(&mut |c| c.typed = Entry::new(id.clone(), c.typed.created));
            state.go(Route::Journal);
            return;
        }
        match journal::delete_entry(&store, &id) {
            Ok(removed) => {
                journal.finder.update(|f| {
                    f.remove(&id);
                });
                journal.deleted.set(removed);
                state.go(Route::Journal);
            }
            Err(err) => {
                with_core(&mut |c| c.dirty = true);
                state.notice.set(Some(journal_notice("The entry could not be deleted", &err)));
            }
        }
    };

    let keep_both = move |_| {
        let Some(theirs) = conflict.get_untracked() else { return };
        let mut mine = None;
        with_core(&mut |c| mine = Some(c.typed.clone()));
        let Some(mine) = mine else { return };
        let Some(store) = state.with_store(Clone::clone) else { return };
        let new = new_id(now_ms(), browser::random_u64());
        match journal::keep_both(&store, &mine, &theirs, new) {
            Ok(copy) => {
                let _ = journal::discard_draft(&store, &mine.id);
                with_core(&mut |c| {
                    c.dirty = false;
                    c.conflicted = false;
                });
                journal.finder.update(|f| {
                    f.upsert(theirs.clone());
                    f.upsert(copy.clone());
                });
                conflict.set(None);
                state.go(Route::JournalEntry(copy.id));
            }
            Err(err) => status.set(SaveState::Failed(format!("Not saved: {err}. Your text is still here."))),
        }
    };
    let take_theirs = move |_| {
        let Some(theirs) = conflict.get_untracked() else { return };
        with_core(&mut |c| {
            let _ = journal::discard_draft(&c.store, &theirs.id);
            c.base = theirs.clone();
            c.base_rev = Some(theirs.rev);
            c.typed = theirs.clone();
            c.dirty = false;
            c.conflicted = false;
            c.is_new = false;
        });
        form.fill(&theirs);
        journal.finder.update(|f| f.upsert(theirs.clone()));
        conflict.set(None);
        status.set(SaveState::Saved(theirs.updated));
    };
    let keep_mine = move |_| {
        let Some(theirs) = conflict.get_untracked() else { return };
        with_core(&mut |c| {
            c.base_rev = Some(theirs.rev);
            c.base.rev = theirs.rev;
            c.typed.rev = theirs.rev;
            c.conflicted = false;
            c.dirty = true;
        });
        conflict.set(None);
        save_now();
    };

    let heading = move || {
        let t = form.title.get();
        if t.trim().is_empty() {
            if is_new.get() { "New entry".to_string() } else { browser::format_date(created) }
        } else {
            t
        }
    };
    let prompt_text = move || {
        let (step, prompt) = (form.step.get(), form.prompt.get());
        let step = step.as_deref().and_then(content::step)?;
        let p = step.prompts.iter().find(|p| Some(&p.id) == prompt.as_ref())?;
        Some((step, content::words(&p.text, state.settings.with(|s| s.situation)).into_owned()))
    };
    let custom_feeling = RwSignal::new(String::new());
    let add_feeling = move || {
        let f = custom_feeling.get_untracked().trim().to_string();
        if !f.is_empty() {
            form.feelings.update(|v| {
                if !v.iter().any(|x| x.eq_ignore_ascii_case(&f)) {
                    v.push(f);
                }
            });
            custom_feeling.set(String::new());
            changed();
        }
    };
    let textarea = NodeRef::<html::Textarea>::new();

    view! {
        <nav class="rt-breadcrumb rt-noprint" aria-label="Breadcrumb">
            <Link to=Route::Journal>"Your journal"</Link>
            <span aria-hidden="true">" › "</span>
            <span>"Entry"</span>
        </nav>
        <PageTitle>{heading}</PageTitle>
        {restored.then(|| view! {
            <p class="rt-notice rt-notice--inline">"Words you had not saved yet were kept, and are back in place."</p>
        })}
        <p class="rt-save-status" role="status" aria-live="polite">
            {move || match status.get() {
                SaveState::Idle => String::new(),
                SaveState::Pending => "Not saved yet".into(),
                SaveState::Saved(at) => format!("Saved at {}", browser::format_time(at)),
                SaveState::Failed(why) => why,
            }}
        </p>
        {move || conflict.get().map(|theirs| view! {
            <section class="rt-error" aria-labelledby="rt-conflict-h">
                <h2 id="rt-conflict-h">"This entry changed somewhere else"</h2>
                <p>
                    {format!("Another tab or window saved a different version at {}. ", browser::format_time(theirs.updated))}
                    "Nothing has been lost: choose what to keep."
                </p>
                <div class="rt-actions">
                    <button type="button" class="rt-button" on:click=keep_both>"Keep both"</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=keep_mine>"Keep mine"</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=take_theirs>"Use the other version"</button>
                </div>
            </section>
        })}
        <form class="rt-editor" on:submit=move |ev: ev::SubmitEvent| { ev.prevent_default(); save_now(); }
            on:focusout=move |_| if pending() { save_now() }>
            {move || prompt_text().map(|(step, text)| view! {
                <div class="rt-panel rt-editor__prompt">
                    <p class="rt-quiet">{format!("Writing about step {}: {}", step.number, step.title)}</p>
                    <p class="rt-prompt">{text}</p>
                </div>
            })}
            <div class="rt-field rt-field--wide">
                <label for="rt-entry-title">"Title " <span class="rt-quiet">"(optional)"</span></label>
                <input id="rt-entry-title" type="text" maxlength="200" autocomplete="off"
                    prop:value=move || form.title.get()
                    on:input=move |ev| { form.title.set(event_target_value(&ev)); changed(); }/>
            </div>
            <div class="rt-field rt-field--wide">
                <label for="rt-entry-body">"What’s on your mind?"</label>
                <textarea id="rt-entry-body" rows="12" node_ref=textarea
                    prop:value=move || form.body.get()
                    on:input=move |ev| { form.body.set(event_target_value(&ev)); changed(); }></textarea>
            </div>
            <fieldset class="rt-fieldset">
                <legend>"Mood"</legend>
                <div class="rt-segmented">
                    <label class="rt-segmented__option">
                        <input type="radio" name="rt-mood" value="" prop:checked=move || form.mood.get().is_none()
                            on:change=move |_| { form.mood.set(None); changed(); }/>
                        <span>"Not now"</span>
                    </label>
                    {MOOD_WORDS.iter().enumerate().map(|(i, w)| {
                        let m = (i + 1) as u8;
                        view! {
                            <label class="rt-segmented__option">
                                <input type="radio" name="rt-mood" value=m prop:checked=move || form.mood.get() == Some(m)
                                    on:change=move |_| { form.mood.set(Some(m)); changed(); }/>
                                <span>{*w}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset class="rt-fieldset">
                <legend>"Feelings"</legend>
                <div class="rt-chips">
                    {move || {
                        let chosen = form.feelings.get();
                        let mut all: Vec<String> = FEELINGS.iter().map(|f| f.to_string()).collect();
                        for f in &chosen {
                            if !all.iter().any(|x| x.eq_ignore_ascii_case(f)) {
                                all.push(f.clone());
                            }
                        }
                        all.into_iter().map(|f| {
                            let on = chosen.iter().any(|x| x.eq_ignore_ascii_case(&f));
                            let name = f.clone();
                            view! {
                                <label class="rt-chip">
                                    <input type="checkbox" prop:checked=on on:change=move |_| {
                                        let name = name.clone();
                                        form.feelings.update(|v| {
                                            if let Some(at) = v.iter().position(|x| x.eq_ignore_ascii_case(&name)) {
                                                v.remove(at);
                                            } else {
                                                v.push(name);
                                            }
                                        });
                                        changed();
                                    }/>
                                    <span>{f}</span>
                                </label>
                            }
                        }).collect_view()
                    }}
                </div>
                <div class="rt-inline-add">
                    <label for="rt-custom-feeling">"Another feeling"</label>
                    <input id="rt-custom-feeling" type="text" maxlength="40" autocomplete="off"
                        prop:value=move || custom_feeling.get()
                        on:input=move |ev| custom_feeling.set(event_target_value(&ev))
                        on:keydown=move |ev: ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); add_feeling(); }/>
                    <button type="button" class="rt-button rt-button--quiet rt-button--small" on:click=move |_| add_feeling()>"Add"</button>
                </div>
            </fieldset>
            <div class="rt-field rt-field--wide">
                <label for="rt-entry-tags">"Tags " <span class="rt-quiet">"(separate them with commas)"</span></label>
                <input id="rt-entry-tags" type="text" autocomplete="off"
                    prop:value=move || form.tags.get()
                    on:input=move |ev| { form.tags.set(event_target_value(&ev)); changed(); }/>
            </div>
            <div class="rt-field rt-field--wide">
                <label for="rt-entry-step">"Linked guide step"</label>
                <select id="rt-entry-step" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if form.step.get_untracked().as_deref() != Some(v.as_str()) {
                        form.prompt.set(None);
                    }
                    form.step.set((!v.is_empty()).then_some(v));
                    changed();
                }>
                    <option value="" selected=move || form.step.get().is_none()>"None"</option>
                    {content::guide().steps.iter().map(|s| {
                        let id = s.id.clone();
                        view! {
                            <option value=s.id.clone() selected=move || form.step.get().as_deref() == Some(id.as_str())>
                                {format!("Step {}: {}", s.number, s.title)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button">"Save now"</button>
                <Link to=Route::Journal class="rt-button rt-button--quiet">"Done"</Link>
                <ConfirmButton id="rt-delete-q" label="Delete entry…"
                    question="Delete this entry? You can undo this straight afterwards."
                    yes="Delete" no="Keep it" on_yes=delete/>
            </div>
        </form>
    }
    .into_any()
}

