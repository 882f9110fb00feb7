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
    state.check_history.update(|h| {
        h.add_partner(result);
    });
    state.go(Route::CheckComparison(id));
}

/// Where the other person's code is typed, pasted, photographed or scanned.
#[component]
pub fn ComparePage() -> impl IntoView {
    let state = use_app();
    let c = content::check();
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
            error.set(Some("Type the passphrase your partner chose for this code.".into()));
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
        status.set(Some("A code was read from the picture.".into()));
        text.set(code.clone());
        read(code);
    };
    let photo = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        error.set(None);
        status.set(Some("Looking for a code in the picture…".into()));
        leptos::task::spawn_local(async move {
            match read_picture(file).await {
                Read::Found(code) => found(code),
                Read::NothingFound => {
                    status.set(None);
                    error.set(Some("No code could be read in that picture. Try a sharper photo with the whole square in view, or type the code.".into()));
                }
                Read::Failed(why) => {
                    status.set(None);
                    error.set(Some(why));
                }
            }
        });
    };

    view! {
        <PageTitle>"Compare with your partner"</PageTitle>
        <p>"If you have both taken the readiness check, each on your own device, you can set your results side by side here. Ask the other person to open their result and choose “Share this result”, then enter their code. Nothing is sent: the code only travels the way you pass it on."</p>
        <form on:submit=submit novalidate>
            <div class="rt-field">
                <label for="rt-code-input">"Their share code"</label>
                <input id="rt-code-input" type="text" class="rt-code-input" autocomplete="off" autocapitalize="characters"
                    spellcheck="false" aria-describedby="rt-code-hint"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                <p id="rt-code-hint" class="rt-quiet">"Letters and digits in groups, for example 7K2M-QX4R-…; capitals, spaces and dashes don’t matter."</p>
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button">"Read the code"</button>
            </div>
        </form>
        {move || locked.get().map(|_| view! {
            <form on:submit=unlock novalidate class="rt-panel">
                <p>"This code is protected with a passphrase. Type the passphrase your partner chose."</p>
                <div class="rt-field">
                    <label for="rt-code-pass">"Passphrase"</label>
                    <input id="rt-code-pass" type="password" autocomplete="off" spellcheck="false"
                        prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                </div>
                <div class="rt-actions">
                    <button type="submit" class="rt-button" disabled=move || busy.get()>
                        {move || if busy.get() { "Opening…" } else { "Open the code" }}
                    </button>
                </div>
            </form>
        })}
        <div role="alert">{move || error.get().map(|m| view! { <p class="rt-error">{m}</p> })}</div>
        <div role="status" aria-live="polite" class="rt-status">{move || status.get()}</div>

        <h2>"Or read the picture of the code"</h2>
        <div class="rt-field">
            <label for="rt-code-photo">"Choose a photo or screenshot of the code"</label>
            <input id="rt-code-photo" type="file" accept="image/*" on:change=photo/>
        </div>
        {move || if scanning.get() {
            view! {
                <CameraScan found=found failed=move |e: crate::camera::CameraError| {
                    scanning.set(false);
                    error.set(Some(e.to_string()));
                }/>
                <p><button type="button" class="rt-button rt-button--quiet" on:click=move |_| scanning.set(false)>"Stop the camera"</button></p>
            }.into_any()
        } else {
            view! {
                <p><button type="button" class="rt-button rt-button--quiet" on:click=move |_| { error.set(None); scanning.set(true); }>
                    "Scan with the camera"
                </button></p>
            }.into_any()
        }}
        <p class="rt-quiet">"The camera’s picture stays on this device. If the camera isn’t allowed or there is none, typing the code works just as well."</p>
        <p class="rt-actions"><Link to=Route::Check class="rt-button rt-button--quiet">"Back to the check"</Link></p>
    }
}

/// The other person's result `id` beside one's own latest.
#[component]
pub fn ComparisonPage(id: String) -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let talk = content::compare();
    let (theirs, mine) = state.check_history.with_untracked(|h| {
        (h.get(&id).filter(|r| r.partner).cloned(), h.own().last().cloned())
    });
    let Some(theirs) = theirs else {
        return view! {
            <PageTitle>"This comparison isn’t here"</PageTitle>
            <p>"The other person’s result may have been deleted. You can enter their code again."</p>
            <p><Link to=Route::CheckCompare>"Enter a share code"</Link></p>
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
            <PageTitle>"Their result is kept"</PageTitle>
            <p>{format!("{who} answered as {}, on {their_date}.", compare::side(theirs.role))}</p>
            <p>"To see the two of you side by side, take the readiness check yourself. Their result stays here until you delete it."</p>
            <p class="rt-actions"><Link to=Route::Check class="rt-button">"Take the readiness check"</Link></p>
        }
        .into_any();
    };
    let cmp = compare::compare(c, &mine, &theirs);
    let situation = if cmp.apart { Some(Situation::Apart) } else { mine.situation.or(theirs.situation) };
    let me = compare::person(false, cmp.apart);
    let them = compare::person(true, cmp.apart);
    let said = |t: &str| words(t, situation).into_owned();

    view! {
        <PageTitle>{format!("{me} and {}, side by side", them.to_lowercase())}</PageTitle>
        <p class="rt-quiet">{format!(
            "{me} answered as {} on {}; {} answered as {} on {their_date}.",
            compare::side(mine.role), browser::format_date(mine.taken_at), them.to_lowercase(), compare::side(theirs.role)
        )}</p>
        <p class="rt-panel rt-panel--calm">{said(&talk.not_a_verdict)}</p>
        {cmp.reading_notes(talk).into_iter().map(|n| view! { <p>{said(n)}</p> }).collect_view()}

        <h2>"Each part, for both of you"</h2>
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
                <caption id="rt-compare-caption">"Both scores out of 100, by part"</caption>
                <thead><tr>
                    <th scope="col">"Part"</th><th scope="col">{me}</th><th scope="col">{them}</th><th scope="col">"Difference"</th>
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
            <h2 id="rt-differ-h">"Where you differ most"</h2>
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
                                <p>{format!("{me}: {} out of 100. {them}: {} out of 100.", row.mine, row.theirs)}</p>
                                <p>"Questions you could start with:"</p>
                                <ul>{compare::starters(talk, &d.id).iter().map(|s| view! { <li>{said(s)}</li> }).collect_view()}</ul>
                                <p>"Steps of the guide about this:"</p>
                                <ul>{d.steps.iter().filter_map(|s| content::step(s)).map(|step| view! {
                                    <li><Link to=Route::Step(step.id.clone())>{format!("Step {}: {}", step.number, step.title)}</Link></li>
                                }).collect_view()}</ul>
                            </div>
                        }
                    }).collect_view()}
                }.into_any()
            }}
        </section>

        <div class="rt-actions rt-noprint">
            <Link to=Route::CheckHistory class="rt-button">"All checks over time"</Link>
            <Link to=Route::CheckCompare class="rt-button rt-button--quiet">"Enter a newer code"</Link>
            <ConfirmButton id="rt-del-partner-q" label="Delete their result…"
                question="Delete the other person’s result from this device? Your own checks are kept."
                yes="Yes, delete it" no="Keep it" on_yes=delete/>
        </div>
    }
    .into_any()
}

/// One person's bar for one part, its number in text beside it.
#[component]
fn PairBar(who: &'static str, score: u32, mine: bool) -> impl IntoView {
    let fill = if mine { "rt-bar__fill" } else { "rt-bar__fill rt-bar__fill--theirs" };
    view! {
        <div class="rt-pair">
            <span class="rt-pair__who">{who}</span>
            <div class="rt-bar" aria-hidden="true"><div class=fill style:width=format!("{score}%")></div></div>
            <span class="rt-pair__score">{format!("{score} out of 100")}</span>
        </div>
    }
}

/// The parts where the two are close.
#[component]
fn Alike(cmp: Comparison<'static>, text: String) -> impl IntoView {
    (!cmp.alike.is_empty()).then(|| view! {
        <section aria-labelledby="rt-alike-h">
            <h2 id="rt-alike-h">"Where you see things alike"</h2>
            <p>{text}</p>
            <ul>{cmp.alike.iter().map(|&i| view! { <li>{cmp.rows[i].dimension.title.clone()}</li> }).collect_view()}</ul>
        </section>
    })
}
