//! The summary for a counsellor: what goes on the page (each section a
//! checkbox, journal passages picked and shortened here, the person's own
//! words), the preview that is exactly what prints, and printing.

mod sheet;

use crate::content::{self};
use crate::journal::Entry;
use crate::print::{self, Availability, BrowserPrinter, Printer};
use crate::summary::{self, Choices, Comparison, PickError, SafetyRecord, Sources, Summary};
use crate::browser;
use crate::ui::components::{PageTitle};
use crate::ui::state::{use_app, use_journal};
use leptos::prelude::*;
use sheet::Sheet;

/// Most recent journal entries offered for picking (the newest first).
const OFFERED_ENTRIES: usize = 40;

/// The summary screen: choices, preview, print.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let words = content::summary();
    let parts = state.config(|c| c.parts);
    let printer = BrowserPrinter { embedded: state.config(|c| c.embedded) };
    let availability = printer.availability();
    let print_error = RwSignal::new(None::<String>);

    // The journal only when this site offers it; newest first, cloned once per change.
    let entries = Memo::new(move |_| {
        if !parts.journal {
            return Vec::new();
        }
        journal.finder.with(|f| {
            let mut all: Vec<Entry> = f.entries().cloned().collect();
            all.sort_by_key(|e| std::cmp::Reverse(e.created));
            all
        })
    });
    // Builds the page from everything on the device, for these choices.
    let make = move |choices: &Choices| -> Summary {
        let settings = state.settings.with(|s| (s.role, s.situation));
        let all = if parts.check { state.check_history().with(|h| h.0.clone()) } else { Vec::new() };
        // The person's own checks make the table; a partner's latest, entered
        // from their share code, makes the comparison beside the person's latest.
        let (history, partners): (Vec<_>, Vec<_>) = all.into_iter().partition(|r| !r.partner);
        let comparison = history.last().zip(partners.last()).map(|(mine, theirs)| Comparison {
            taken_at: theirs.taken_at,
            dimensions: content::check()
                .dimensions
                .iter()
                .filter_map(|d| Some((d.id.clone(), mine.dimension(&d.id)?, theirs.dimension(&d.id)?)))
                .collect(),
        });
        let safety = history
            .iter()
            .rev()
            .find(|r| r.needs_safety_reminder())
            .map(|r| SafetyRecord { taken_at: r.taken_at });
        let progress = if parts.guide { state.progress.get() } else { Default::default() };
        entries.with(|entries| {
            let sources = Sources {
                role: settings.0,
                situation: settings.1,
                check: content::check(),
                history: &history,
                safety,
                comparison: comparison.as_ref(),
                guide: content::guide(),
                progress: &progress,
                entries,
                offset_at: &browser::utc_offset_min_at,
            };
            summary::build(&sources, choices)
        })
    };
    let available = Memo::new(move |_| make(&Choices { moods: true, ..Choices::default() }));
    let page = Memo::new(move |_| state.summary().with(|c| make(c)));

    let print = move |_| match printer.print() {
        Ok(()) => print_error.set(None),
        Err(err) => print_error.set(Some(format!("{}.", crate::ui::components::capitalise(&err.to_string())))),
    };
    // However much is on it, the page prints on one sheet: after each change,
    // its contents shrink just enough, on screen as in print.
    // On screen, the preview is shrunk to the screen's width: after each
    // change, and when the screen turns or the window is resized.
    let frame = NodeRef::<leptos::html::Div>::new();
    let fit = move || {
        browser::after_render(move || {
            // The screen may be gone by then.
            if let Some(frame) = frame.try_get_untracked().flatten() {
                print::fit_sheet(&frame, ".rt-sheet", ".rt-sheet__body");
            }
        });
    };
    Effect::new(move |_| {
        page.track();
        fit();
    });
    let resized = window_event_listener(leptos::ev::resize, move |_| fit());
    on_cleanup(move || resized.remove());
    let unavailable = match availability {
        Availability::Available => None,
        Availability::Missing => Some(&words.unavailable.missing),
        Availability::InApp => Some(&words.unavailable.in_app),
        Availability::Framed => Some(&words.unavailable.framed),
        Availability::Embedded => Some(&words.unavailable.embedded),
    };

    view! {
        <div class="rt-noprint">
            <PageTitle>{words.screen.title.clone()}</PageTitle>
            {words.screen.intro.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
            <Choose available=available entries=entries/>
        </div>
        <section class="rt-summary-preview" aria-labelledby="rt-preview-h">
            <h2 id="rt-preview-h" class="rt-noprint">{words.screen.preview.clone()}</h2>
            <div class="rt-noprint">
                {unavailable.map(|text| view! { <p class="rt-notice rt-notice--inline">{text.clone()}</p> })}
                {availability.can_try().then(|| view! {
                    <p class="rt-actions">
                        <button type="button" class="rt-button" on:click=print>{words.screen.print.clone()}</button>
                    </p>
                    <p class="rt-quiet">{words.screen.print_hint.clone()}</p>
                })}
                <div role="status" class="rt-status">{move || print_error.get().map(|e| view! { <p>{e}</p> })}</div>
                {move || page.with(Summary::is_empty).then(|| view! { <p class="rt-quiet">{words.screen.empty.clone()}</p> })}
            </div>
            <div class="rt-sheet-frame" tabindex="0" role="region" aria-label=words.screen.preview.clone() node_ref=frame>
                {move || view! { <Sheet page=page.get()/> }}
            </div>
        </section>
    }
}

/// One checkbox bound to a field of the saved choices.
#[component]
fn Tick(
    label: String,
    get: fn(&Choices) -> bool,
    set: fn(&mut Choices, bool),
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    let state = use_app();
    let hint_id = id.map(|i| format!("{i}-hint"));
    view! {
        <label class="rt-choice">
            <input type="checkbox" id=id aria-describedby=hint_id.clone()
                prop:checked=move || state.summary().with(get)
                on:change=move |ev| state.summary().update(|c| set(c, event_target_checked(&ev)))/>
            <span>{label}</span>
        </label>
        {hint.map(|h| view! { <p class="rt-hint" id=hint_id>{h}</p> })}
    }
}

/// The choices: a checkbox for each section there is something for, the
/// journal passages and the person's own words.
#[component]
fn Choose(available: Memo<Summary>, entries: Memo<Vec<Entry>>) -> impl IntoView {
    let state = use_app();
    let s = &content::summary().sections;
    let has = move |f: fn(&Summary) -> bool| available.with(f);
    view! {
        <fieldset class="rt-fieldset">
            <legend>{content::summary().screen.choose.clone()}</legend>
            <Tick label=s.about.clone() get=|c| c.about set=|c, v| c.about = v/>
            {move || if has(|a| a.check.is_some()) {
                view! { <Tick label=s.check.clone() get=|c| c.check set=|c, v| c.check = v/> }.into_any()
            } else {
                view! { <p class="rt-hint">{s.check_none.clone()}</p> }.into_any()
            }}
            {move || has(|a| a.safety.is_some()).then(|| view! {
                <Tick label=s.safety.clone() hint=s.safety_why.clone() id="rt-sum-safety" get=|c| c.safety set=|c, v| c.safety = v/>
            })}
            {move || has(|a| a.partner.is_some()).then(|| view! {
                <Tick label=s.partner.clone() get=|c| c.partner set=|c, v| c.partner = v/>
            })}
            {move || if has(|a| a.guide.is_some()) {
                view! { <Tick label=s.guide.clone() get=|c| c.guide set=|c, v| c.guide = v/> }.into_any()
            } else {
                view! { <p class="rt-hint">{s.guide_none.clone()}</p> }.into_any()
            }}
            {move || if has(|a| a.moods.is_some()) {
                view! { <Tick label=s.moods.clone() get=|c| c.moods set=|c, v| c.moods = v/> }.into_any()
            } else {
                view! { <p class="rt-hint">{s.moods_none.clone()}</p> }.into_any()
            }}
            <Tick label=s.show_name.clone() hint=s.show_name_hint.clone() id="rt-sum-name" get=|c| c.show_name set=|c, v| c.show_name = v/>
        </fieldset>
        <Excerpts entries=entries/>
        <div class="rt-field">
            <label for="rt-sum-talk">{s.talk.clone()}</label>
            <p class="rt-hint" id="rt-sum-talk-hint">{s.talk_hint.clone()}</p>
            <textarea id="rt-sum-talk" rows="4" dir="auto" maxlength=summary::MAX_TALK_CHARS aria-describedby="rt-sum-talk-hint"
                node_ref=follow(move || state.summary().with(|c| c.talk.clone()))
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.summary().update(|c| c.talk = text);
                }></textarea>
        </div>
    }
}

/// Picking up to three journal entries, each shortened on the page if the person likes.
#[component]
fn Excerpts(entries: Memo<Vec<Entry>>) -> impl IntoView {
    let state = use_app();
    let s = &content::summary().sections;
    let t = crate::text::summary_screen::get();
    let full = Memo::new(move |_| state.summary().with(|c| c.excerpts.len() >= summary::MAX_EXCERPTS));
    let message = RwSignal::new(None::<String>);
    view! {
        <fieldset class="rt-fieldset">
            <legend>{s.excerpts.clone()}</legend>
            {move || if entries.with(Vec::is_empty) {
                view! { <p class="rt-hint">{s.excerpts_none.clone()}</p> }.into_any()
            } else {
                view! {
                    <p class="rt-hint">{s.excerpts_hint.clone()}</p>
                    <div role="status" class="rt-status">{move || message.get().map(|m| view! { <p>{m}</p> })}</div>
                    <ul class="rt-summary-entries">
                        {move || entries.with(|all| all.iter().take(OFFERED_ENTRIES).map(|e| {
                            let id = e.id.clone();
                            // A memo, so typing in the passage below (which changes
                            // the choices) does not rebuild the passage and lose the caret.
                            let picked = {
                                let id = id.clone();
                                Memo::new(move |_| state.summary().with(|c| c.is_picked(&id)))
                            };
                            let disabled = move || full.get() && !picked.get();
                            let toggle = {
                                let id = id.clone();
                                move |ev| {
                                    let on = event_target_checked(&ev);
                                    state.summary().update(|c| {
                                        if !on {
                                            c.unpick(&id);
                                            message.set(None);
                                        } else if c.pick(&id) == Err(PickError::Full) {
                                            message.set(Some(s.excerpts_full.clone()));
                                        }
                                    });
                                }
                            };
                            let label = entry_label(e);
                            let body = e.body.clone();
                            let edit_id = format!("rt-sum-x-{id}");
                            view! {
                                <li>
                                    <label class="rt-choice">
                                        <input type="checkbox" prop:checked=picked prop:disabled=disabled on:change=toggle/>
                                        <span>{label.clone()}</span>
                                    </label>
                                    {move || picked.get().then(|| {
                                        let id = id.clone();
                                        let id2 = id.clone();
                                        let body = body.clone();
                                        view! {
                                            <div class="rt-field rt-summary-cut">
                                                <label for=edit_id.clone()>{t.passage(&label)}</label>
                                                <textarea id=edit_id.clone() rows="3" dir="auto"
                                                    node_ref=follow(move || {
                                                        let own = state.summary().with(|c| c.excerpts.iter().find(|x| x.entry == id).and_then(|x| x.text.clone()));
                                                        own.unwrap_or_else(|| summary::shorten(&body, summary::EXCERPT_CHARS))
                                                    })
                                                    on:input=move |ev| {
                                                        let text = event_target_value(&ev);
                                                        state.summary().update(|c| c.set_excerpt_text(&id2, &text));
                                                    }></textarea>
                                            </div>
                                        }
                                    })}
                                </li>
                            }
                        }).collect_view())}
                    </ul>
                }.into_any()
            }}
        </fieldset>
    }
}

/// A text box that shows `stored` (tracked), now and whenever it changes
/// elsewhere: in another tab, or everything deleted. Else a box would keep
/// its first words, and typing there would save over the other tab's. What
/// the person types is already what the box holds, so it is never set then,
/// and the caret stays where it is.
fn follow(stored: impl Fn() -> String + 'static) -> NodeRef<leptos::html::Textarea> {
    let field = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        let text = stored();
        if let Some(el) = field.get() {
            if el.value() != text {
                el.set_value(&text);
            }
        }
    });
    field
}

/// "21 Nov 2026: title" (or the date alone) for an entry.
fn entry_label(e: &Entry) -> String {
    let date = browser::format_date(e.created);
    let title = e.title.trim();
    if title.is_empty() {
        let opening = summary::shorten(&e.body, 60);
        if opening.is_empty() { date } else { format!("{date}: {opening}") }
    } else {
        format!("{date}: {title}")
    }
}
