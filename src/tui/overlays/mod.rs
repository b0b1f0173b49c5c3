//! What opens on top of the panes. Each overlay owns its state, turns actions into an
//! [`Outcome`] for the app, and draws itself; the app only decides what a choice means.

pub mod bookmarks;
pub mod filtered;
pub mod help;
pub mod links;
pub mod outline;
pub mod prompt;
pub mod search;
pub mod tags;

pub use bookmarks::BookmarkList;
pub use filtered::FilteredPicker;
pub use help::HelpOverlay;
pub use links::LinkPicker;
pub use outline::OutlinePicker;
pub use search::SearchPanel;
pub use tags::TagPicker;

/// What an overlay made of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    /// The overlay stays open (it scrolled, filtered, or ignored the action).
    Stay,
    /// The overlay is done without a choice.
    Close,
    /// The user chose something; the overlay is done.
    Chosen(T),
}

/// The overlay on top of the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key binding overlay (`?`).
    Help(HelpOverlay),
    /// The hashtag picker (`#`).
    Tags(TagPicker),
    /// Full-text search (`/`).
    Search(SearchPanel),
    /// The outline of the open article (`o`).
    Outline(OutlinePicker),
    /// The links of the open article (`f`).
    Links(LinkPicker),
    /// The bookmarks across posts (`'`).
    Bookmarks(BookmarkList),
}

impl Overlay {
    /// Whether keys are typed into a prompt.
    pub fn takes_text(&self) -> bool {
        matches!(
            self,
            Overlay::Tags(_) | Overlay::Search(_) | Overlay::Outline(_) | Overlay::Links(_)
        )
    }
}
