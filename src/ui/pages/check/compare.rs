//! Entering the other person's share code, and both results side by side.

use super::scan::{read_picture, CameraScan, Read};
use crate::browser;
use crate::compare::{self, Comparison};
use crate::content::{self, words};
use crate::route::Route;
use crate::settings::Situation;
use crate::share::{self, Parsed, Protected, ShareError, SharedResult};
use crate::ui::components::{ConfirmButton, Link, PageTitle};
use crate::ui::state::{use_app, AppState};
use leptos::prelude::*;

/// Keeps the other person's result (once, however often the code is entered)
/// and opens the comparison.
fn keep(state: AppState, shared: SharedResult) {
    let id = share::partner_id(&shared);
    let result = shared.into_result(content::check(), id.clone());
    state.check_history().update(|h| {
        h.add_partner(result);
    });
    state.go(Route::CheckComparison(id));
}

/// Where the other person's code is typed, pasted, photographed or scanned.
#[component]
pub fn ComparePage() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let t = crate::text::check_compare::get();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let locked = RwSignal::new(None::<Protected>);
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let scanning = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);

    let read = move |code: String| {
        error.set(None);
        locked.set(None);
        match share::parse(c, &code) {
            Ok(Parsed::Plain(shared)) => keep(state, shared),
            Ok(Parsed::Protected(p)) => locked.set(Some(p)),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        read(text.get_untracked());
    };
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(p) = locked.get_untracked() else { return };
        let phrase = passphrase.get_untracked();
        if phrase.is_empty() {
            error.set(Some(t.need_passphrase.into()));
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let opened = match crate::vault::derive_key(&phrase, &p.params()).await {
                Ok(key) => p.open(c, &key),
                Err(e) => Err(ShareError::Crypto(e.to_string())),
            };
            busy.set(false);
            match opened {
                Ok(shared) => keep(state, shared),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let found = move |code: String| {
        scanning.set(false);
        status.set(Some(t.read_from_picture.into()));
        text.set(code.clone());
        read(code);
    };
    let photo = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        error.set(None);
        status.set(Some(t.looking.into()));
        leptos::task::spawn_local(async move {
            match read_picture(file).await {
                Read::Found(code) => found(code),
                Read::NothingFound => {
                    status.set(None);
                    error.set(Some(t.nothing_found.into()));
                }
                Read::Failed(why) => {
                    status.set(None);
                    error.set(Some(why));
                }
            }
        });
    };

    view! {
        <PageTitle>{t.title}</PageTitle>
        <p>{t.intro}</p>
        <form on:submit=submit novalidate>
            <div class="rt-field">
                <label for="rt-code-input">{t.code_label}</label>
                <input id="rt-code-input" type="text" class="rt-code-input" autocomplete="off" autocapitalize="characters"
                    spellcheck="false" aria-describedby="rt-code-hint"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                <p id="rt-code-hint" class="rt-quiet">{t.code_hint}</p>
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button">{t.read}</button>
            </div>
        </form>
        {move || locked.get().map(|_| view! {
            <form on:submit=unlock novalidate class="rt-panel">
                <p>{t.protected}</p>
                <div class="rt-field">
                    <label for="rt-code-pass">{t.passphrase}</label>
                    <input id="rt-code-pass" type="password" autocomplete="off" spellcheck="false"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                </div>
                <div class="rt-actions">
                    <button type="submit" class="rt-button" disabled=move || busy.get()>
                        {move || if busy.get() { t.opening } else { t.open }}
                    </button>
                </div>
            </form>
        })}
        <div role="alert">{move || error.get().map(|m| view! { <p class="rt-error">{m}</p> })}</div>
        <div role="status" aria-live="polite" class="rt-status">{move || status.get()}</div>

        <h2>{t.picture_title}</h2>
        <div class="rt-field">
            <label for="rt-code-photo">{t.photo_label}</label>
            <input id="rt-code-photo" type="file" accept="image/*" on:change=photo/>
        </div>
        {move || if scanning.get() {
            view! {
                <CameraScan found=found failed=move |e: crate::camera::CameraError| {
                    scanning.set(false);
                    error.set(Some(e.to_string()));
                }/>
                <p><button type="button" class="rt-button rt-button--quiet" on:click=move |_| scanning.set(false)>{t.stop_camera}</button></p>
            }.into_any()
        } else {
            view! {
                <p><button type="button" class="rt-button rt-button--quiet" on:click=move |_| { error.set(None); scanning.set(true); }>
                    {t.scan}
                </button></p>
            }.into_any()
        }}
        <p class="rt-quiet">{t.camera_note}</p>
        <p class="rt-actions"><Link to=Route::Check class="rt-button rt-button--quiet">{t.back}</Link></p>
    }
}

/// The other person's result `id` beside one's own latest.
#[component]
pub fn ComparisonPage(id: String) -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let talk = content::compare();
    let t = crate::text::check_compare::get();
    let (theirs, mine) = state.check_history().with_untracked(|h| {
        (h.get(&id).filter(|r| r.partner).cloned(), h.own().last().cloned())
    });
    let Some(theirs) = theirs else {
        return view! {
            <PageTitle>{t.missing_title}</PageTitle>
            <p>{t.missing_body}</p>
            <p><Link to=Route::CheckCompare>{t.enter_code}</Link></p>
        }
        .into_any();
    };
    let delete = move || {
        state.delete_check(&id);
        state.go(Route::CheckHistory);
    };
    let their_date = browser::format_date(theirs.taken_at);
    let Some(mine) = mine else {
        let who = compare::person(true, theirs.situation == Some(Situation::Apart));
        return view! {
            <PageTitle>{t.kept_title}</PageTitle>
            <p>{t.kept_answered(their_date, compare::side(theirs.role), who)}</p>
            <p>{t.kept_body}</p>
            <p class="rt-actions"><Link to=Route::Check class="rt-button">{t.take}</Link></p>
        }
        .into_any();
    };
    let cmp = compare::compare(c, &mine, &theirs);
    let situation = if cmp.apart { Some(Situation::Apart) } else { mine.situation.or(theirs.situation) };
    let me = compare::person(false, cmp.apart);
    let them = compare::person(true, cmp.apart);
    let said = |t: &str| words(t, situation).into_owned();

    view! {
        <PageTitle>{t.side_by_side(me, them.to_lowercase())}</PageTitle>
        <p class="rt-quiet">{t.answered(
            me, browser::format_date(mine.taken_at), compare::side(mine.role), their_date, compare::side(theirs.role), them.to_lowercase()
        )}</p>
        <p class="rt-panel rt-panel--calm">{said(&talk.not_a_verdict)}</p>
        {cmp.reading_notes(talk).into_iter().map(|n| view! { <p>{said(n)}</p> }).collect_view()}

        <h2>{t.each_part}</h2>
        <ul class="rt-dims rt-compare">
            {cmp.rows.iter().map(|row| view! {
                <li class="rt-dim">
                    <h3 class="rt-dim__title">{row.dimension.title.clone()}</h3>
                    <PairBar who=me score=row.mine mine=true/>
                    <PairBar who=them score=row.theirs mine=false/>
                </li>
            }).collect_view()}
        </ul>
        <div class="rt-table-wrap" tabindex="0" role="region" aria-labelledby="rt-compare-caption">
            <table class="rt-table">
                <caption id="rt-compare-caption">{t.caption}</caption>
                <thead><tr>
                    <th scope="col">{t.part}</th><th scope="col">{me}</th><th scope="col">{them}</th><th scope="col">{t.difference}</th>
                </tr></thead>
                <tbody>
                    {cmp.rows.iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.dimension.title.clone()}</th>
                            <td>{row.mine}</td><td>{row.theirs}</td><td>{row.gap()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>

        <Alike cmp=cmp.clone() text=said(&talk.alike)/>
        <section aria-labelledby="rt-differ-h">
            <h2 id="rt-differ-h">{t.differ_title}</h2>
            {if cmp.differ_most.is_empty() {
                view! { <p>{said(&talk.no_large_difference)}</p> }.into_any()
            } else {
                view! {
                    <p>{said(&talk.differ)}</p>
                    {cmp.differ_most.iter().map(|&i| {
                        let row = &cmp.rows[i];
                        let d = row.dimension;
                        view! {
                            <div class="rt-panel">
                                <h3>{d.title.clone()}</h3>
                                <p>{t.both_scores(me, row.mine, row.theirs, them)}</p>
                                <p>{t.starters}</p>
                                <ul>{compare::starters(talk, &d.id).iter().map(|s| view! { <li>{said(s)}</li> }).collect_view()}</ul>
                                <p>{t.steps}</p>
                                <ul>{d.steps.iter().filter_map(|s| content::step(s)).map(|step| view! {
                                    <li><Link to=Route::Step(step.id.clone())>{t.step(step.number, &step.title)}</Link></li>
                                }).collect_view()}</ul>
                            </div>
                        }
                    }).collect_view()}
                }.into_any()
            }}
        </section>

        <div class="rt-actions rt-noprint">
            <Link to=Route::CheckHistory class="rt-button">{t.all_checks}</Link>
            <Link to=Route::CheckCompare class="rt-button rt-button--quiet">{t.newer}</Link>
            <ConfirmButton id="rt-del-partner-q" label=t.delete
                question=t.delete_question
                yes=t.delete_yes no=t.delete_no on_yes=delete/>
        </div>
    }
    .into_any()
}

/// One person's bar for one part, its number in text beside it.
#[component]
fn PairBar(who: &'static str, score: u32, mine: bool) -> impl IntoView {
    let t = crate::text::check_compare::get();
    let fill = if mine { "rt-bar__fill" } else { "rt-bar__fill rt-bar__fill--theirs" };
    view! {
        <div class="rt-pair">
            <span class="rt-pair__who">{who}</span>
            <div class="rt-bar" aria-hidden="true"><div class=fill style:width=format!("{score}%")></div></div>
            <span class="rt-pair__score">{t.score(score)}</span>
        </div>
    }
}

/// The parts where the two are close.
#[component]
fn Alike(cmp: Comparison<'static>, text: String) -> impl IntoView {
    let t = crate::text::check_compare::get();
    (!cmp.alike.is_empty()).then(|| view! {
        <section aria-labelledby="rt-alike-h">
            <h2 id="rt-alike-h">{t.alike_title}</h2>
            <p>{text}</p>
            <ul>{cmp.alike.iter().map(|&i| view! { <li>{cmp.rows[i].dimension.title.clone()}</li> }).collect_view()}</ul>
        </section>
    })
}
