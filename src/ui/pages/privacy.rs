//! What the app keeps, where, and how to stay private.

use super::PageTitle;
use leptos::prelude::*;

/// The privacy page, in plain words.
#[component]
pub fn Privacy() -> impl IntoView {
    view! {
        <PageTitle>"Your privacy"</PageTitle>
        <h2>"What is kept, and where"</h2>
        <p>
            "Everything you enter stays in this browser, on this device: your answers, your progress and your journal. "
            "There is no account and no server. The app never sends anything anywhere; it is built so that it cannot."
        </p>
        <h2>"Clearing it"</h2>
        <p>
            "Clearing this browser’s data for this site removes everything the app kept. "
            "In a private window, it is gone when the window closes."
        </p>
        <h2>"On a shared device"</h2>
        <p>
            "Anyone who can open this browser on this device may be able to open the app. "
            "Your browsing history may show that you visited it."
        </p>
    }
}
