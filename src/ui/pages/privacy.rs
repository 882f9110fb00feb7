//! What the app keeps, where, and how to stay private, in plain words.

use crate::ui::components::PageTitle;
use crate::route::Route;
use crate::ui::components::Link;
use leptos::prelude::*;

/// The privacy page.
#[component]
pub fn Privacy() -> impl IntoView {
    view! {
        <PageTitle>"Your privacy"</PageTitle>
        <p class="rt-lead">
            "Everything you enter stays in this browser, on this device. There is no account, no server, and nothing is "
            "ever sent anywhere: the app is built so that it cannot make a connection to anyone."
        </p>

        <h2>"What is kept, and where"</h2>
        <ul>
            <li>"Your journal entries, your guide progress, your readiness check answers and results, and your settings."</li>
            <li>"They are kept in this browser’s own storage for this site. Another browser, or another device, cannot see them."</li>
            <li>"Nobody who makes or hosts this app can see them either. We could not read them if we wanted to."</li>
        </ul>

        <h2>"The passphrase lock"</h2>
        <p>
            "In " <Link to=Route::Settings>"Settings"</Link> " you can set a passphrase. Then everything the app keeps is "
            "encrypted on this device, and the app asks for the passphrase each time it opens and after a few idle minutes. "
            "If you forget the passphrase, the data cannot be recovered by anyone: the only way on is to delete it and start again."
        </p>

        <h2>"Clearing it"</h2>
        <p>
            "Clearing this browser’s data for this site (cookies and site data) removes everything the app kept. "
            "So does “Delete everything” in Settings."
        </p>

        <h2>"Keeping a copy"</h2>
        <p>
            "Because nothing is stored anywhere else, a backup is the only copy you have if this browser’s data is cleared "
            "or the device is lost. Settings lets you save a backup file and restore it later, here or on another device. "
            "A backup file is not encrypted: keep it somewhere private."
        </p>

        <h2>"Private and incognito windows"</h2>
        <p>
            "In a private window, the browser forgets everything when the window closes, including anything you wrote "
            "here. That can be what you want; just know that it will be gone."
        </p>

        <h2>"On a shared device"</h2>
        <ul>
            <li>"Set a passphrase lock, and consider discreet mode, which calls the app “Notes” in the tab and on the lock screen."</li>
            <li>"Your browsing history may show that you visited this site. You can remove it from the browser’s history."</li>
            <li>"If someone can use this browser while the app is unlocked, they can read it. Lock it when you step away."</li>
            <li>"Downloaded backups and documents appear in your downloads folder."</li>
        </ul>

        <h2>"Quick exit"</h2>
        <p>
            "The Quick exit button, or pressing Shift three times, hides the app at once, locks it, and replaces this page "
            "with a weather page, so the Back button does not bring it back. Nothing is deleted. "
            "It is a help, not a guarantee: the site can still appear in your browser’s history, and someone who picks up "
            "the device quickly enough may have seen the screen."
        </p>
        <p><Link to=Route::Help>"Help and support"</Link></p>
    }
}
