//! Pieces more than one screen uses. They read and change the state layer
//! (`ui::state`), never a screen.

mod chart;
mod choice;
mod confirm;
mod lines;
mod link;
mod notice;
mod page_title;
mod quick_exit;
mod text;
mod typed_confirm;
mod update_banner;
mod welcome;

pub use chart::{LineChart, Series};
pub use choice::{ChoiceGroup, MomentChoice, RoleChoice, SituationChoice};
pub use confirm::ConfirmButton;
pub use lines::{LineList, SiteCrisisLine};
pub use link::Link;
pub use notice::NoticeBar;
pub use page_title::PageTitle;
pub use quick_exit::QuickExit;
pub use text::{capitalise, paragraphs};
pub use typed_confirm::TypedConfirm;
pub use update_banner::UpdateBanner;
pub use welcome::Welcome;
