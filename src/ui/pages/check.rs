//! The readiness check: intro, safety screen, the questions, results and history.

use super::guide::paragraphs;
use super::PageTitle;
use crate::assessment::{self, CheckResult, Draft, Phase};
use crate::browser;
use crate::content::{self, model::CheckContent, words};
use crate::ids::new_id;
use crate::route::Route;
use crate::settings::{Role, Situation};
use crate::ui::welcome::{RoleChoice, SituationChoice};
use crate::ui::{use_app, ConfirmButton, Link};
use leptos::html;
use leptos::prelude::*;

/// The check itself: whichever part the person is at.
#[component]
pub fn CheckPage() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    // A memo, so answering a question (which changes the draft) does not
    // rebuild the screen the person is on: only a change of phase does.
    let phase = Memo::new(move |_| state.check_draft.with(|d| d.as_ref().map(|d| d.phase(c))));
    view! {
        {move || match phase.get() {
            None => view! { <CheckIntro/> }.into_any(),
            Some(Phase::Safety) => view! { <SafetyScreen/> }.into_any(),
            Some(Phase::SafetyHelp) => view! { <SafetyHelp/> }.into_any(),
            Some(Phase::Items) => view! { <Questions/> }.into_any(),
        }}
    }
}

/// Focuses `target` after the next render: used when the check moves on within one screen.
fn focus_later(target: NodeRef<html::H1>) {
    browser::after_render(move || {
        if let Some(el) = target.get_untracked() {
            let _ = el.focus();
        }
    });
}

/// What the check is, who is answering, and a start button.
#[component]
fn CheckIntro() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let role = RwSignal::new(state.settings.with_untracked(|s| s.role));
    let situation = RwSignal::new(state.settings.with_untracked(|s| s.situation));
    let missing_role = RwSignal::new(false);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(r) = role.get_untracked() else {
            missing_role.set(true);
            return;
        };
        state.settings.update(|s| {
            s.role = Some(r);
            s.situation = situation.get_untracked().or(s.situation);
            s.welcomed = true;
        });
        state.check_draft.set(Some(Draft::default()));
    };
    let has_history = move || state.check_history.with(|h| !h.0.is_empty());

    view! {
        <PageTitle>{c.intro.title.clone()}</PageTitle>
        {move || paragraphs(&c.intro.body, state.settings.with(|s| s.situation))}
        <form class="rt-check-start" on:submit=start novalidate>
            <p>"The questions are worded for who is answering. You can change this later in Settings."</p>
            <RoleChoice role=role/>
            <SituationChoice situation=situation/>
            {move || missing_role.get().then(|| view! {
                <p class="rt-error" role="alert">"Please choose who is answering, so the questions fit you."</p>
            })}
            <div class="rt-actions">
                <button type="submit" class="rt-button">"Start the check"</button>
                {move || has_history().then(|| view! {
                    <Link to=Route::CheckHistory class="rt-button rt-button--quiet">"See your earlier checks"</Link>
                })}
            </div>
        </form>
    }
}

/// Yes/no questions about safety, asked before anything about the couple.
#[component]
fn SafetyScreen() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let situation = move || state.settings.with(|s| s.situation);
    let missing = RwSignal::new(Vec::<&'static str>::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let unanswered = state
            .check_draft
            .with_untracked(|d| d.as_ref().map(|d| d.safety_unanswered(c)).unwrap_or_default());
        if unanswered.is_empty() {
            state.check_draft.update(|d| {
                if let Some(d) = d {
                    d.safety_done = true;
                }
            });
        } else {
            missing.set(unanswered);
        }
    };

    view! {
        <PageTitle>"First, your safety"</PageTitle>
        {move || paragraphs(&c.safety.intro, situation())}
        <form on:submit=submit novalidate>
            {c.safety.questions.iter().map(|q| {
                let id = q.id.as_str();
                let chosen = move || state.check_draft.with(|d| d.as_ref().and_then(|d| d.safety.get(id).copied()));
                let pick = move |yes: bool| state.check_draft.update(|d| {
                    if let Some(d) = d {
                        d.safety.insert(id.to_string(), yes);
                    }
                });
                view! {
                    <fieldset class="rt-fieldset">
                        <legend>{move || words(&q.text, situation()).into_owned()}</legend>
                        <div class="rt-segmented">
                            <label class="rt-segmented__option">
                                <input type="radio" name=format!("rt-safety-{id}") value="yes"
                                    prop:checked=move || chosen() == Some(true) on:change=move |_| pick(true)/>
                                <span>"Yes"</span>
                            </label>
                            <label class="rt-segmented__option">
                                <input type="radio" name=format!("rt-safety-{id}") value="no"
                                    prop:checked=move || chosen() == Some(false) on:change=move |_| pick(false)/>
                                <span>"No"</span>
                            </label>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div role="alert">
                {move || (!missing.get().is_empty()).then(|| view! {
                    <div class="rt-error">
                        <p>"Please answer every safety question first. Still open:"</p>
                        <ul>{missing.get().into_iter().map(|t| view! { <li>{words(t, situation()).into_owned()}</li> }).collect_view()}</ul>
                    </div>
                })}
            </div>
            <div class="rt-actions">
                <button type="submit" class="rt-button">"Continue"</button>
                <CancelCheck/>
            </div>
        </form>
    }
}

/// The calm page after a warning answer: help first, couples exercises only by choice.
#[component]
fn SafetyHelp() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let config = state.config.get_value();
    let heading = NodeRef::<html::H1>::new();
    focus_later(heading);
    let situation = move || state.settings.with(|s| s.situation);
    let go_on = move |_| {
        state.check_draft.update(|d| {
            if let Some(d) = d {
                d.continued_after_warning = true;
            }
        })
    };
    let review = move |_| {
        state.check_draft.update(|d| {
            if let Some(d) = d {
                d.safety_done = false;
            }
        })
    };
    view! {
        <h1 class="rt-h1" tabindex="-1" node_ref=heading>{c.safety.help.title.clone()}</h1>
        <div class="rt-panel rt-panel--calm">
            {move || paragraphs(&c.safety.help.body, situation())}
            {config.crisis_text.clone().map(|t| view! { <p><strong>{t}</strong></p> })}
            {config.crisis_number.clone().map(|n| {
                let tel: String = n.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                view! { <p><a href=format!("tel:{tel}")>{n}</a></p> }
            })}
            <p><Link to=Route::Help>"See help and support options"</Link></p>
        </div>
        <h2>"If you still want to go on"</h2>
        <p>
            "The questions that follow are about rebuilding the relationship. "
            "They can wait. If you decide to answer them anyway, that is your choice to make."
        </p>
        <div class="rt-actions">
            <button type="button" class="rt-button rt-button--quiet" on:click=go_on>"Continue to the questions anyway"</button>
            <button type="button" class="rt-button rt-button--quiet" on:click=review>"Change my safety answers"</button>
            <CancelCheck/>
        </div>
    }
}

/// Stops the check and clears its answers, after asking.
#[component]
fn CancelCheck() -> impl IntoView {
    let state = use_app();
    view! {
        <ConfirmButton id="rt-cancel-q" label="Stop and clear my answers" quiet=true
            question="Clear the answers of this unfinished check? Earlier results are kept."
            yes="Yes, clear them" no="Keep going"
            on_yes=move || state.check_draft.set(None)/>
    }
}

fn item_text(c: &'static CheckContent, index: usize, role: Option<Role>, situation: Option<Situation>) -> String {
    let item = &c.items[index];
    let text = match role.unwrap_or(Role::Both) {
        Role::Hurt => &item.hurt,
        Role::Unfaithful => &item.unfaithful,
        Role::Both => &item.both,
    };
    words(text, situation).into_owned()
}

/// The agreement items, one at a time, with back and next.
#[component]
fn Questions() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let total = c.items.len();
    let heading = NodeRef::<html::H1>::new();
    let position = Memo::new(move |_| {
        state
            .check_draft
            .with(|d| d.as_ref().map(|d| d.position.min(total - 1)).unwrap_or(0))
    });
    let position = move || position.get();
    let role = move || state.settings.with(|s| s.role);
    let situation = move || state.settings.with(|s| s.situation);
    let unanswered = RwSignal::new(Vec::<usize>::new());
    let move_to = move |i: usize| {
        state.check_draft.update(|d| {
            if let Some(d) = d {
                d.position = i.min(total - 1);
            }
        });
        unanswered.set(Vec::new());
        focus_later(heading);
    };
    let finish = move || {
        let Some(draft) = state.check_draft.get_untracked() else { return };
        let open = draft.unanswered(c);
        if !open.is_empty() {
            unanswered.set(open);
            return;
        }
        let (role, situation) = state.settings.with_untracked(|s| (s.role, s.situation));
        let id = new_id(browser::now_ms(), browser::random_u64());
        if let Some(result) = CheckResult::from_draft(c, &draft, id.clone(), browser::now_ms(), role, situation) {
            state.check_history.update(|h| h.add(result));
            state.check_draft.set(None);
            state.go(Route::CheckResult(id));
        }
    };

    view! {
        <h1 class="rt-h1" tabindex="-1" node_ref=heading>
            {move || format!("Question {} of {}", position() + 1, total)}
        </h1>
        <progress class="rt-progress" max=total
            value=move || state.check_draft.with(|d| d.as_ref().map(|d| d.answered_count(c)).unwrap_or(0))
            aria-label="Questions answered"></progress>
        <p class="rt-quiet">
            {move || format!("{} of {} answered. Your answers are kept on this device as you go.",
                state.check_draft.with(|d| d.as_ref().map(|d| d.answered_count(c)).unwrap_or(0)), total)}
        </p>
        {move || {
            let i = position();
            let item = &c.items[i];
            let id = item.id.as_str();
            let chosen = move || state.check_draft.with(|d| d.as_ref().and_then(|d| d.answers.get(id).copied()));
            view! {
                <fieldset class="rt-fieldset rt-question">
                    <legend class="rt-question__text">{item_text(c, i, role(), situation())}</legend>
                    <div class="rt-scale">
                        {c.scale.iter().enumerate().map(|(k, label)| {
                            let value = (k + 1) as u8;
                            view! {
                                <label class="rt-scale__option">
                                    <input type="radio" name=format!("rt-item-{id}") value=value
                                        prop:checked=move || chosen() == Some(value)
                                        on:change=move |_| state.check_draft.update(|d| {
                                            if let Some(d) = d { d.answer(c, id, value); }
                                        })/>
                                    <span>{label.clone()}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            }
        }}
        <div role="alert">
            {move || (!unanswered.get().is_empty()).then(|| view! {
                <div class="rt-error">
                    <p>"A few questions are still unanswered. Every answer counts towards the result:"</p>
                    <ul>
                        {unanswered.get().into_iter().map(|i| view! {
                            <li>
                                <button type="button" class="rt-linklike" on:click=move |_| move_to(i)>
                                    {format!("Question {}: {}", i + 1, item_text(c, i, role(), situation()))}
                                </button>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
        </div>
        <div class="rt-actions">
            <button type="button" class="rt-button rt-button--quiet"
                disabled=move || position() == 0
                on:click=move |_| move_to(position().saturating_sub(1))>"Back"</button>
            {move || if position() + 1 < total {
                view! { <button type="button" class="rt-button" on:click=move |_| move_to(position() + 1)>"Next"</button> }.into_any()
            } else {
                view! { <button type="button" class="rt-button" on:click=move |_| finish()>"See my results"</button> }.into_any()
            }}
        </div>
        <CancelCheck/>
    }
}

/// One completed check: the band, a bar per dimension, and where to start.
#[component]
pub fn CheckResultPage(id: String) -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let Some(result) = state.check_history.with_untracked(|h| h.get(&id).cloned()) else {
        return view! {
            <PageTitle>"This result isn’t here"</PageTitle>
            <p>"It may have been deleted."</p>
            <p><Link to=Route::CheckHistory>"See your checks"</Link></p>
        }
        .into_any();
    };
    let band = assessment::band(c, result.scores.overall);
    let order: Vec<&str> = content::guide().steps.iter().map(|s| s.id.as_str()).collect();
    let start = assessment::start_steps(c, &order, &result.scores);
    let situation = result.situation;
    let high_from = c.bands.last().map(|b| b.min).unwrap_or(70);
    let config = state.config.get_value();
    let delete = {
        let id = id.clone();
        move || {
            state.check_history.update(|h| {
                h.remove(&id);
            });
            state.go(Route::CheckHistory);
        }
    };

    view! {
        <PageTitle>"Your readiness check"</PageTitle>
        <p class="rt-quiet">{format!("Taken on {}", browser::format_date(result.taken_at))}</p>
        <section class="rt-panel rt-band" aria-labelledby="rt-band-h">
            <h2 id="rt-band-h">{band.title.clone()}</h2>
            <p class="rt-band__score">{format!("Overall: {} out of 100", result.scores.overall)}</p>
            {paragraphs(&band.body, situation)}
        </section>

        <h2>"Each part, on its own"</h2>
        <ul class="rt-dims">
            {c.dimensions.iter().filter_map(|d| result.dimension(&d.id).map(|score| (d, score))).map(|(d, score)| view! {
                <li class="rt-dim">
                    <h3 class="rt-dim__title">{d.title.clone()}</h3>
                    <div class="rt-bar" aria-hidden="true">
                        <div class="rt-bar__fill" style:width=format!("{score}%")></div>
                    </div>
                    <p class="rt-dim__score">{format!("{score} out of 100")}</p>
                    <p>{words(if score >= high_from { &d.high } else { &d.low }, situation).into_owned()}</p>
                </li>
            }).collect_view()}
        </ul>

        <section class="rt-panel" aria-labelledby="rt-start-h">
            <h2 id="rt-start-h">"Start with these steps"</h2>
            <p>"These steps of the guide speak to the parts that scored lowest for you."</p>
            <ul>
                {start.into_iter().filter_map(|s| content::step(&s)).map(|step| view! {
                    <li><Link to=Route::Step(step.id.clone())>{format!("Step {}: {}", step.number, step.title)}</Link></li>
                }).collect_view()}
            </ul>
        </section>

        <section aria-labelledby="rt-about-h">
            <h2 id="rt-about-h">"What this result is, and isn’t"</h2>
            {paragraphs(&c.disclaimer, situation)}
            {match (config.contact_url.clone(), config.practice_name.clone()) {
                (Some(url), name) => view! {
                    <p>"If you would like to talk it through: "
                        <a href=url>{name.unwrap_or_else(|| "contact a counsellor".into())}</a></p>
                }.into_any(),
                (None, _) => view! {
                    <p>"A counsellor, ideally one experienced with infidelity, can help you make sense of this together."</p>
                }.into_any(),
            }}
        </section>

        <div class="rt-actions rt-noprint">
            <Link to=Route::Check class="rt-button">"Back to the check"</Link>
            <Link to=Route::CheckHistory class="rt-button rt-button--quiet">"All your checks"</Link>
            <ConfirmButton id="rt-del-q" label="Delete this result…"
                question="Delete this result for good? Your other checks are kept."
                yes="Yes, delete it" no="Keep it" on_yes=delete/>
        </div>
    }
    .into_any()
}

/// Every completed check: a trend chart with a table alternative.
#[component]
pub fn CheckHistoryPage() -> impl IntoView {
    let state = use_app();
    let c = content::check();
    let results = move || state.check_history.with(|h| h.0.clone());
    let removed = RwSignal::new(None::<CheckResult>);
    let delete = move |id: String| {
        state.check_history.update(|h| {
            if let Some(r) = h.remove(&id) {
                removed.set(Some(r));
            }
        });
    };
    let undo = move |_| {
        if let Some(r) = removed.get_untracked() {
            state.check_history.update(|h| h.add(r));
            removed.set(None);
        }
    };

    view! {
        <PageTitle>"Your checks over time"</PageTitle>
        <div role="status" class="rt-status">
            {move || removed.get().map(|r| view! {
                <div class="rt-notice rt-notice--inline">
                    <p>{format!("The check from {} was deleted.", browser::format_date(r.taken_at))}</p>
                    <button type="button" class="rt-button rt-button--quiet" on:click=undo>"Undo"</button>
                </div>
            })}
        </div>
        {move || {
            let list = results();
            if list.is_empty() {
                return view! {
                    <p>"No completed checks yet. When you finish one, it is kept here with its date, so you can see how things move over time."</p>
                    <p><Link to=Route::Check class="rt-button">"Take the readiness check"</Link></p>
                }.into_any();
            }
            view! {
                <TrendChart results=list.clone()/>
                <div class="rt-table-wrap" tabindex="0" role="region" aria-labelledby="rt-table-caption">
                    <table class="rt-table">
                        <caption id="rt-table-caption">"Scores out of 100, by date"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Overall"</th>
                                {c.dimensions.iter().map(|d| view! { <th scope="col">{d.title.clone()}</th> }).collect_view()}
                                <th scope="col"><span class="rt-visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().rev().map(|r| {
                                let id = r.id.clone();
                                let date = browser::format_date(r.taken_at);
                                let delete_label = format!(" the check from {date}");
                                view! {
                                    <tr>
                                        <th scope="row"><Link to=Route::CheckResult(r.id.clone())>{date.clone()}</Link></th>
                                        <td>{r.scores.overall}</td>
                                        {c.dimensions.iter().map(|d| view! {
                                            <td>{r.dimension(&d.id).map(|s| s.to_string()).unwrap_or_else(|| "–".into())}</td>
                                        }).collect_view()}
                                        <td>
                                            <button type="button" class="rt-button rt-button--danger rt-button--small"
                                                on:click=move |_| delete(id.clone())>
                                                "Delete" <span class="rt-visually-hidden">{delete_label}</span>
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <p class="rt-actions"><Link to=Route::Check class="rt-button rt-button--quiet">"Back to the check"</Link></p>
    }
}

/// The overall score (and each dimension, fainter) over time, as an SVG line chart.
/// The table next to it carries the same numbers for screen readers.
#[component]
fn TrendChart(results: Vec<CheckResult>) -> impl IntoView {
    let c = content::check();
    const W: f64 = 640.0;
    const H: f64 = 260.0;
    const PAD_L: f64 = 40.0;
    const PAD_R: f64 = 16.0;
    const PAD_T: f64 = 16.0;
    const PAD_B: f64 = 36.0;
    let n = results.len();
    let x = move |i: usize| {
        if n <= 1 {
            PAD_L + (W - PAD_L - PAD_R) / 2.0
        } else {
            PAD_L + (W - PAD_L - PAD_R) * i as f64 / (n - 1) as f64
        }
    };
    let y = |score: u32| PAD_T + (H - PAD_T - PAD_B) * (1.0 - f64::from(score) / 100.0);
    let line = move |scores: Vec<Option<u32>>| {
        scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| format!("{:.1},{:.1}", x(i), y(s))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let overall: Vec<Option<u32>> = results.iter().map(|r| Some(r.scores.overall)).collect();
    let first = results.first().map(|r| browser::format_date(r.taken_at)).unwrap_or_default();
    let last = results.last().map(|r| browser::format_date(r.taken_at)).unwrap_or_default();
    let latest = results.last().map(|r| r.scores.overall).unwrap_or(0);
    let summary = format!(
        "Overall score across {n} checks, from {first} to {last}; the latest is {latest} out of 100. The table below lists every score."
    );

    view! {
        <figure class="rt-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone() class="rt-chart__svg">
                {[0u32, 25, 50, 75, 100].into_iter().map(|g| view! {
                    <line class="rt-chart__grid" x1=PAD_L x2=W - PAD_R y1=y(g) y2=y(g)></line>
                    <text class="rt-chart__label" x=PAD_L - 8.0 y=y(g) + 4.0 text-anchor="end">{g}</text>
                }).collect_view()}
                {c.dimensions.iter().map(|d| {
                    let pts = line(results.iter().map(|r| r.dimension(&d.id)).collect());
                    view! { <polyline class="rt-chart__dim" points=pts fill="none"></polyline> }
                }).collect_view()}
                <polyline class="rt-chart__overall" points=line(overall.clone()) fill="none"></polyline>
                {overall.iter().enumerate().filter_map(|(i, s)| s.map(|s| view! {
                    <circle class="rt-chart__dot" cx=x(i) cy=y(s) r="5"></circle>
                })).collect_view()}
                <text class="rt-chart__label" x=PAD_L y=H - 10.0>{first.clone()}</text>
                <text class="rt-chart__label" x=W - PAD_R y=H - 10.0 text-anchor="end">{last.clone()}</text>
            </svg>
            <figcaption>
                "The thick line is your overall score; the thin lines are the six parts. "
                "Ups and downs are normal: healing is rarely a straight line."
            </figcaption>
        </figure>
    }
}
