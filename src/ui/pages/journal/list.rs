//! The list of entries, with search and filters.

use crate::ui::components::PageTitle;
use super::*;
use crate::browser;
use crate::content;
use crate::journal::{self, excerpt, mood_word, tag_counts, Entry, Filter, MOODS};
use crate::text;
use crate::route::Route;
use crate::ui::components::Link;
use crate::ui::state::{use_app, use_journal};
use leptos::prelude::*;
use leptos::ev;
use super::notices::{BackupReminder, InPageNotice, PrivacyOffer, SafariNotice, UndoDelete, UnreadableEntries, UnsavedDrafts};

/// The list of entries, newest first, with search and filters.
#[component]
pub fn JournalPage() -> impl IntoView {
    let state = use_app();
    let journal = use_journal();
    let filter = RwSignal::new(Filter::default());
    let shown = RwSignal::new(PAGE);

    // One pass over the pre-folded texts per change of filter or journal.
    let results = Memo::new(move |_| {
        let f = filter.get();
        journal.finder.with(|finder| {
            let found = finder.find(&f);
            (found.len(), found.into_iter().take(shown.get()).cloned().collect::<Vec<Entry>>())
        })
    });
    let total = move || journal.finder.with(|f| f.len());
    let tags = Memo::new(move |_| journal.finder.with(|f| tag_counts(f.entries())));

    let set_text = move |ev: ev::Event| {
        let value = event_target_value(&ev);
        shown.set(PAGE);
        filter.update(|f| f.text = value);
    };
    let set_date = move |from: bool, value: String| {
        let bound = browser::day_from_input(&value).map(|day| journal::day_bounds(day, browser::utc_offset_min_at));
        filter.update(|f| {
            if from {
                f.from = bound.map(|b| b.0);
            } else {
                f.to = bound.map(|b| b.1);
            }
        });
    };

    let (t, common) = (text::journal_list::get(), text::journal_common::get());
    view! {
        <PageTitle>{common.your_journal}</PageTitle>
        <p class="rt-quiet">{t.lead}</p>
        // First: an entry just deleted can be brought back only for a while,
        // and the screen opens at its heading, so the offer is in view.
        <UndoDelete/>
        <InPageNotice/>
        <div class="rt-actions">
            <button type="button" class="rt-button" on:click=move |_| start_entry(None, None)>{t.new_entry}</button>
            <Link to=Route::JournalMoods class="rt-button rt-button--quiet">{common.mood_over_time}</Link>
        </div>
        <PrivacyOffer/>
        <UnsavedDrafts/>
        <BackupReminder/>
        <SafariNotice/>
        <UnreadableEntries/>
        <Show when=move || journal.loaded.get() fallback=move || view! { <p role="status">{t.opening}</p> }>
            <Show when=move || { total() > 0 } fallback=move || view! {
                <div class="rt-empty">
                    <h2>{t.empty_heading}</h2>
                    <p>{t.empty_text}</p>
                </div>
            }>
                <form class="rt-filters" role="search" aria-label=t.filters_label
                    on:submit=|ev: ev::SubmitEvent| ev.prevent_default()>
                    <div class="rt-field rt-field--wide">
                        <label for="rt-search">{t.search}</label>
                        <input id="rt-search" type="search" autocomplete="off" spellcheck="false" dir="auto"
                            prop:value=move || filter.with(|f| f.text.clone()) on:input=set_text/>
                    </div>
                    <div class="rt-field">
                        <label for="rt-filter-tag">{t.tag}</label>
                        <select id="rt-filter-tag" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filter.update(|f| f.tag = (!v.is_empty()).then_some(v));
                        }>
                            <option value="" selected=move || filter.with(|f| f.tag.is_none())>{t.any_tag}</option>
                            {move || tags.get().into_iter().map(|tag| {
                                let name = tag.tag.clone();
                                let selected = { let name = name.clone(); move || filter.with(|f| f.tag.as_deref() == Some(name.as_str())) };
                                view! { <option value=name.clone() selected=selected>{t.tag_option(&tag.tag, tag.count)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="rt-field">
                        <label for="rt-filter-step">{t.step}</label>
                        <select id="rt-filter-step" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filter.update(|f| f.step = (!v.is_empty()).then_some(v));
                        }>
                            <option value="">{t.any_step}</option>
                            {content::guide().steps.iter().map(|s| view! {
                                <option value=s.id.clone()>{common.step_option(s.number, &s.title)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="rt-field">
                        <label for="rt-filter-mood">{common.mood}</label>
                        <select id="rt-filter-mood" on:change=move |ev| {
                            let v = event_target_value(&ev).parse::<u8>().ok();
                            filter.update(|f| f.mood = v);
                        }>
                            <option value="">{t.any_mood}</option>
                            {MOODS.map(|m| view! {
                                <option value=m.to_string()>{mood_word(m)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="rt-field">
                        <label for="rt-filter-from">{t.from}</label>
                        <input id="rt-filter-from" type="date" on:change=move |ev| set_date(true, event_target_value(&ev))/>
                    </div>
                    <div class="rt-field">
                        <label for="rt-filter-to">{t.until}</label>
                        <input id="rt-filter-to" type="date" on:change=move |ev| set_date(false, event_target_value(&ev))/>
                    </div>
                    <div class="rt-field rt-field--end">
                        <button type="reset" class="rt-button rt-button--quiet"
                            on:click=move |_| { filter.set(Filter::default()); shown.set(PAGE); }>
                            {t.clear}
                        </button>
                    </div>
                </form>
                <p role="status" class="rt-count">
                    {move || {
                        let (n, _) = results.get();
                        let all = total();
                        if filter.with(Filter::is_empty) {
                            t.entries(all)
                        } else {
                            t.entries_match(n, t.entries(all))
                        }
                    }}
                </p>
                <label class="rt-choice">
                    <input type="checkbox" prop:checked=move || state.settings.with(|s| s.journal_titles_only)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.settings.update(|s| s.journal_titles_only = on);
                        }/>
                    <span>{t.titles_only}</span>
                </label>
                <Show when=move || results.with(|(n, _)| *n > 0) fallback=move || view! {
                    <div class="rt-empty">
                        <p>{t.no_match}</p>
                    </div>
                }>
                    <ul class="rt-entries">
                        <For each=move || results.get().1 key=|e| (e.id.clone(), e.rev) let:entry>
                            <EntryCard entry=entry/>
                        </For>
                    </ul>
                    {move || {
                        let (n, list) = results.get();
                        (n > list.len()).then(|| view! {
                            <button type="button" class="rt-button rt-button--quiet"
                                on:click=move |_| shown.update(|s| *s += PAGE)>
                                {t.show_more(n - list.len())}
                            </button>
                        })
                    }}
                </Show>
            </Show>
        </Show>
    }
}

/// One entry in the list: title (or date) and date, then, unless the person
/// chose titles only, mood, step, tags and an excerpt.
#[component]
fn EntryCard(entry: Entry) -> impl IntoView {
    let state = use_app();
    let titles_only = move || state.settings.with(|s| s.journal_titles_only);
    let date = browser::format_date(entry.created);
    let heading = if entry.title.trim().is_empty() { date.clone() } else { entry.title.clone() };
    let step = entry.step.as_deref().and_then(content::step);
    let t = text::journal_list::get();
    let mood = entry.mood_word().map(|w| t.card_mood(w));
    let step = step.map(|s| t.card_step(s.number));
    let tags = (!entry.tags.is_empty()).then(|| t.card_tags(entry.tags.join(", ")));
    let words = excerpt(&entry.body, journal::EXCERPT_CHARS);
    view! {
        <li class="rt-entry-card">
            <h2 class="rt-entry-card__title" dir="auto">
                <Link to=Route::JournalEntry(entry.id.clone())>{heading}</Link>
            </h2>
            <Show when=move || !titles_only() fallback=move || view! {
                <p class="rt-entry-card__meta"><span>{date.clone()}</span></p>
            }>
                <p class="rt-entry-card__meta">
                    <span>{browser::format_date(entry.created)}</span>
                    {mood.clone().map(|m| view! { <span>{m}</span> })}
                    {step.clone().map(|s| view! { <span>{s}</span> })}
                    {tags.clone().map(|t| view! { <span>{t}</span> })}
                </p>
                <p class="rt-entry-card__excerpt" dir="auto">{words.clone()}</p>
            </Show>
        </li>
    }
}


#[cfg(test)]
mod tests {
    use crate::locale::{self, Locale};
    use crate::text::journal_list;

    #[test]
    fn the_count_above_the_list_agrees_with_both_numbers_in_each_language() {
        let t = journal_list::get();
        assert_eq!(t.entries(1), "1 entry");
        assert_eq!(t.entries_match(1, t.entries(7)), "1 of 7 entries matches");
        assert_eq!(t.entries_match(3, t.entries(7)), "3 of 7 entries match");
        assert_eq!(t.entries_match(0, t.entries(1)), "0 of 1 entry match");
        locale::set_active(Locale::Es);
        let t = journal_list::get();
        let es = [t.entries(1), t.entries_match(1, t.entries(7)), t.entries_match(0, t.entries(1))];
        locale::set_active(Locale::SOURCE);
        assert_eq!(es, ["1 entrada", "1 de 7 entradas coincide", "0 de 1 entrada coinciden"]);
    }
}
