//! Writing one entry: a thin wire from the form to an [`EditorSession`],
//! which holds every rule (saving, drafts, conflicts, other windows' words).

use super::*;
use crate::browser;
use crate::content;
use crate::journal::{self, drafts::Found, EditorSession, Entry, Status, MOODS};
use crate::text;
use crate::route::Route;
use crate::ui::components::{ConfirmButton, Link, PageTitle};
use crate::ui::state::{use_app, use_journal, use_session, JournalState};
use leptos::prelude::*;
use leptos::{ev, html};

/// How much of another window's words the offer shows.
const OFFER_CHARS: usize = 400;

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

    /// Shows `e` in the fields (another version was taken, or words brought back).
    fn fill(&self, e: &Entry) {
        self.title.set(e.title.clone());
        self.body.set(e.body.clone());
        self.mood.set(e.mood);
        self.feelings.set(e.feelings.clone());
        self.tags.set(e.tags.join(", "));
        self.step.set(e.step.clone());
        self.prompt.set(e.prompt.clone());
    }

    /// Writes the fields into the entry as typed.
    fn apply(&self, e: &mut Entry) {
        e.title = self.title.get_untracked();
        e.body = self.body.get_untracked();
        e.mood = self.mood.get_untracked();
        e.feelings = self.feelings.get_untracked();
        e.tags = self.tags.get_untracked().split(',').map(str::to_string).collect();
        e.step = self.step.get_untracked();
        e.prompt = self.prompt.get_untracked();
    }
}

/// What the screen shows of the session, read again after every call to it.
#[derive(Clone, PartialEq)]
struct Shown {
    status: Status,
    conflict: Option<Entry>,
    offers: Vec<Found>,
    is_new: bool,
}

impl Shown {
    fn of(s: &EditorSession) -> Self {
        Shown {
            status: s.status().clone(),
            conflict: s.conflict().cloned(),
            offers: s.offers().to_vec(),
            is_new: s.is_new(),
        }
    }
}

/// The session, for event handlers and for the cleanup that runs on leaving
/// (a screen's own stored values outlive its cleanups, so `try_` only
/// matters for events the browser sends after the screen is gone).
#[derive(Clone, Copy)]
struct Wire {
    session: StoredValue<EditorSession, LocalStorage>,
    shown: RwSignal<Shown>,
    journal: JournalState,
}

impl Wire {
    /// Runs `f` on the session and shows the result.
    fn run<R>(&self, f: impl FnOnce(&mut EditorSession) -> R) -> Option<R> {
        let (out, shown) = self.session.try_update_value(|s| {
            let out = f(s);
            (out, Shown::of(s))
        })?;
        self.shown.try_update(|old| {
            if *old != shown {
                *old = shown;
            }
        });
        Some(out)
    }

    /// As [`Wire::run`], for a call that may save: the journal list learns of the saved entry.
    fn saving(&self, f: impl FnOnce(&mut EditorSession) -> Option<Entry>) -> Option<Entry> {
        let saved = self.run(f).flatten();
        if let Some(entry) = &saved {
            let first = self.journal.finder.try_with_untracked(|f| f.entries().next().is_none()).unwrap_or(false);
            self.journal.finder.try_update(|f| f.upsert(entry.clone()));
            // The first words written are the moment keeping them starts to matter.
            if first {
                crate::persist::ask_quietly();
            }
        }
        saved
    }
}

/// What the line next to "Save now" says.
fn status_words(status: &Status) -> String {
    let t = text::journal_editor::get();
    match status {
        Status::Idle => String::new(),
        Status::Pending => t.not_saved_yet.into(),
        Status::Saved(at) => t.saved_at(browser::format_time(*at)),
        Status::Conflict => t.conflict_status.into(),
        Status::Full => t.full.into(),
        Status::NotSaved(why) => t.not_saved_why(why),
        Status::DraftNotKept(why) => t.draft_not_kept(why),
    }
}

/// Writes one entry: saves itself while the person types, keeps a draft of
/// anything not yet saved, never overwrites a version saved in another tab,
/// and offers back words other windows left unsaved.
#[component]
pub fn EditorPage(id: String) -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let (t, common) = (text::journal_editor::get(), text::journal_common::get());
    // Only missing while the app is closing (locked, quick exit).
    let Some(store) = state.with_store(Clone::clone) else {
        return ().into_any();
    };
    let session = match EditorSession::open(store, journal.window.get_value(), &id, Box::new(browser::now_ms)) {
        Ok(s) => s,
        Err(err) => {
            return view! {
                <PageTitle>{t.cant_open}</PageTitle>
                <p>{t.cant_open_why(err)}</p>
                <p><Link to=Route::Journal>{t.back}</Link></p>
            }
            .into_any();
        }
    };
    let restored = session.restored();
    let created = session.typed().created;
    let form = Form::from_entry(session.typed());
    let shown = RwSignal::new(Shown::of(&session));
    let wire = Wire { session: StoredValue::new_local(session), shown, journal };

    let save_now = move || {
        wire.saving(EditorSession::save);
    };
    let dirty = move || wire.session.try_with_value(EditorSession::is_dirty) == Some(true);
    // Every change: a draft at once, a save after a quiet moment (the session
    // knows whether the moment has passed when each timer fires).
    let changed = move || {
        wire.run(|s| s.edit(|e| form.apply(e)));
        set_timeout(
            move || {
                wire.saving(EditorSession::tick);
            },
            std::time::Duration::from_millis(journal::editor::AUTOSAVE_MS),
        );
    };

    let app_session = use_session();
    let this_window = journal.window.get_value();
    // Save when the page is hidden (tab switch, app switch, closing); what
    // cannot be saved stays this window's draft.
    let hidden = window_event_listener(ev::visibilitychange, move |_| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            wire.saving(EditorSession::hide);
        }
    });
    let pagehide = window_event_listener(ev::pagehide, move |_| {
        wire.saving(EditorSession::hide);
    });
    on_cleanup(move || {
        hidden.remove();
        pagehide.remove();
        wire.saving(EditorSession::leave);
        // Words the storage took neither as the entry nor as a draft (the
        // lock was turned on in another window, say) outlive the editor.
        if let Some(draft) = wire.run(|s| s.unsaved()).flatten() {
            app_session.hold(&this_window, draft);
        }
    });

    let delete = move || match wire.run(EditorSession::delete) {
        Some(Ok(removed)) => {
            journal.finder.update(|f| {
                f.remove(&id);
            });
            if removed.is_some() {
                journal.deleted.set(removed);
            }
            state.go(Route::Journal);
        }
        Some(Err(err)) => state.notice.set(Some(journal_notice(t.delete_failed, &err))),
        None => {}
    };

    let keep_both = move |_| {
        let new = crate::ids::new_id(browser::now_ms(), browser::random_u64());
        if let Some(copy) = wire.saving(|s| s.keep_both(new)) {
            state.go(Route::JournalEntry(copy.id));
        }
    };
    let keep_mine = move |_| {
        wire.saving(EditorSession::keep_mine);
    };
    let take_theirs = move |_| {
        if let Some(theirs) = wire.saving(EditorSession::take_theirs) {
            form.fill(&theirs);
        }
    };
    let offer_note = RwSignal::new(false);
    let bring_back = move |_| {
        let typed = wire.run(|s| s.bring_back(0).then(|| s.typed().clone())).flatten();
        offer_note.set(typed.is_none());
        if let Some(typed) = typed {
            form.fill(&typed);
        }
    };
    let discard_offer = move || {
        if let Some(Err(err)) = wire.run(|s| s.discard_offer(0)) {
            state.notice.set(Some(crate::ui::state::Notice::from_error(t.discard_failed, &err)));
        }
    };
    let is_new = move || shown.with(|s| s.is_new);

    let heading = move || {
        let title = form.title.get();
        if title.trim().is_empty() {
            if is_new() { t.new_entry.to_string() } else { browser::format_date(created) }
        } else {
            title
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
        <nav class="rt-breadcrumb rt-noprint" aria-label=common.breadcrumb>
            <Link to=Route::Journal>{common.your_journal}</Link>
            <span aria-hidden="true">" › "</span>
            <span>{t.entry}</span>
        </nav>
        <PageTitle>{heading}</PageTitle>
        {restored.then(|| view! {
            <p class="rt-notice rt-notice--inline">{t.restored}</p>
        })}
        {move || shown.with(|s| s.conflict.clone()).map(|theirs| view! {
            <section class="rt-error" aria-labelledby="rt-conflict-h">
                <h2 id="rt-conflict-h">{t.conflict_heading}</h2>
                <p>{t.conflict_text(browser::format_time(theirs.updated))}</p>
                <div class="rt-actions">
                    <button type="button" class="rt-button" on:click=keep_both>{t.keep_both}</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=keep_mine>{t.keep_mine}</button>
                    <button type="button" class="rt-button rt-button--quiet" on:click=take_theirs>{t.take_theirs}</button>
                </div>
            </section>
        })}
        {move || shown.with(|s| if s.conflict.is_none() { s.offers.first().cloned() } else { None }).map(|found| {
            let entry = &found.draft.entry;
            let title = (!entry.title.trim().is_empty()).then(|| entry.title.clone());
            let words = journal::excerpt(&entry.body, OFFER_CHARS);
            view! {
                <section class="rt-notice rt-notice--inline rt-notice--block rt-offer" aria-labelledby="rt-offer-h">
                    <h2 id="rt-offer-h">{t.offer_heading}</h2>
                    <p>{t.offer_text}</p>
                    <blockquote class="rt-offer__words">
                        {title.map(|t| view! { <p><strong>{t}</strong></p> })}
                        <p>{words}</p>
                    </blockquote>
                    <div class="rt-actions">
                        <button type="button" class="rt-button" on:click=bring_back>{t.bring_back}</button>
                        <ConfirmButton id="rt-offer-q" label=t.discard_label
                            question=t.discard_question
                            yes=t.discard_yes no=t.discard_no on_yes=discard_offer quiet=true/>
                    </div>
                    <Show when=move || offer_note.get()>
                        <p role="alert">{t.offer_note}</p>
                    </Show>
                </section>
            }
        })}
        <form class="rt-editor" on:submit=move |ev: ev::SubmitEvent| { ev.prevent_default(); save_now(); }
            on:focusout=move |_| if dirty() { save_now() }>
            {move || prompt_text().map(|(step, text)| view! {
                <div class="rt-panel rt-editor__prompt">
                    <p class="rt-quiet">{t.writing_about(step.number, &step.title)}</p>
                    <p class="rt-prompt">{text}</p>
                </div>
            })}
            <div class="rt-field rt-field--wide">
                <label for="rt-entry-title">{t.title_label}" "<span class="rt-quiet">{t.optional}</span></label>
                <input id="rt-entry-title" type="text" maxlength="200" autocomplete="off" dir="auto"
                    prop:value=move || form.title.get()
                    on:input=move |ev| { form.title.set(event_target_value(&ev)); changed(); }/>
            </div>
            <div class="rt-field rt-field--wide">
                <label for="rt-entry-body">{t.body_label}</label>
                <textarea id="rt-entry-body" rows="12" dir="auto" node_ref=textarea
                    prop:value=move || form.body.get()
                    on:input=move |ev| { form.body.set(event_target_value(&ev)); changed(); }></textarea>
            </div>
            <fieldset class="rt-fieldset">
                <legend>{common.mood}</legend>
                <div class="rt-segmented">
                    <label class="rt-segmented__option">
                        <input type="radio" name="rt-mood" value="" prop:checked=move || form.mood.get().is_none()
                            on:change=move |_| { form.mood.set(None); changed(); }/>
                        <span>{t.mood_none}</span>
                    </label>
                    {MOODS.map(|m| {
                        view! {
                            <label class="rt-segmented__option">
                                <input type="radio" name="rt-mood" value=m prop:checked=move || form.mood.get() == Some(m)
                                    on:change=move |_| { form.mood.set(Some(m)); changed(); }/>
                                <span>{journal::mood_word(m)}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset class="rt-fieldset">
                <legend>{t.feelings}</legend>
                <div class="rt-chips">
                    {move || {
                        let chosen = form.feelings.get();
                        let mut all: Vec<String> = journal::feelings().iter().map(|f| f.to_string()).collect();
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
                    <label for="rt-custom-feeling">{t.another_feeling}</label>
                    <input id="rt-custom-feeling" type="text" maxlength="40" autocomplete="off" dir="auto"
                        prop:value=move || custom_feeling.get()
                        on:input=move |ev| custom_feeling.set(event_target_value(&ev))
                        on:keydown=move |ev: ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); add_feeling(); }/>
                    <button type="button" class="rt-button rt-button--quiet rt-button--small" on:click=move |_| add_feeling()>{t.add}</button>
                </div>
            </fieldset>
            <div class="rt-field rt-field--wide">
                <label for="rt-entry-tags">{t.tags_label}" "<span class="rt-quiet">{t.tags_hint}</span></label>
                <input id="rt-entry-tags" type="text" autocomplete="off" dir="auto"
                    prop:value=move || form.tags.get()
                    on:input=move |ev| { form.tags.set(event_target_value(&ev)); changed(); }/>
            </div>
            <div class="rt-field rt-field--wide">
                <label for="rt-entry-step">{t.step_label}</label>
                <select id="rt-entry-step" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if form.step.get_untracked().as_deref() != Some(v.as_str()) {
                        form.prompt.set(None);
                    }
                    form.step.set((!v.is_empty()).then_some(v));
                    changed();
                }>
                    <option value="" selected=move || form.step.get().is_none()>{t.step_none}</option>
                    {content::guide().steps.iter().map(|s| {
                        let id = s.id.clone();
                        view! {
                            <option value=s.id.clone() selected=move || form.step.get().as_deref() == Some(id.as_str())>
                                {common.step_option(s.number, &s.title)}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            <div class="rt-actions">
                // The confirmation sits beside the button that was used, so it
                // is seen (and announced, politely) without scrolling away.
                <div class="rt-save">
                    <button type="submit" class="rt-button">{t.save_now}</button>
                    <p class="rt-save-status" role="status" aria-live="polite">
                        {move || shown.with(|s| status_words(&s.status))}
                    </p>
                </div>
                <Link to=Route::Journal class="rt-button rt-button--quiet">{t.done}</Link>
                <ConfirmButton id="rt-delete-q" label=t.delete_label
                    question=t.delete_question
                    yes=t.delete_yes no=t.delete_no on_yes=delete/>
            </div>
        </form>
    }
    .into_any()
}

