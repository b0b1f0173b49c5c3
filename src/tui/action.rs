//! What the user can ask for, after keys and mouse events are mapped (see `keymap`).
//!
//! Actions know nothing of the terminal library: the reader's state changes are tested
//! by feeding them to [`App::handle`](super::app::App::handle) directly.

/// Everything the user can ask for, after key and mouse events are mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move up one row / scroll one line up.
    Up,
    /// Move down one row / scroll one line down.
    Down,
    /// Scroll the article a page up.
    PageUp,
    /// Scroll the article a page down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Open the selected post or expand the selected category.
    Open,
    /// Collapse, go to the parent category, or back to the sidebar.
    Back,
    /// Switch focus between sidebar and article.
    ToggleFocus,
    /// Tab: from the list to the article, then to each link of the article in turn, then
    /// back to the list.
    TabForward,
    /// Shift-Tab: the same way backwards.
    TabBack,
    /// Group the sidebar the next way (category, folder, month, tag, none).
    CycleGrouping,
    /// Order each group the next way (newest, oldest, title, reading time).
    CycleSort,
    /// Hide the sidebar for full-width reading, or show it again.
    ToggleSidebar,
    /// Pin the outline as a pane on the right, or unpin it.
    TogglePinnedOutline,
    /// Turn pictures off or on again (remembered).
    TogglePictures,
    /// Open the previous post in sidebar order.
    PreviousPost,
    /// Open the next post in sidebar order.
    NextPost,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Close whatever overlay is open.
    Close,
    /// Redraw the whole screen from scratch.
    Redraw,
    /// Leave geul.
    Quit,
    /// The terminal has this many columns and rows.
    Resize(u16, u16),
    /// Mouse wheel at a position: negative is up.
    Scroll {
        /// Column of the pointer.
        x: u16,
        /// Row of the pointer.
        y: u16,
        /// Lines to scroll.
        delta: i16,
    },
    /// A left click at a position.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// Open the hashtag picker.
    OpenTagPicker,
    /// Open full-text search.
    OpenSearch,
    /// A character typed into a prompt.
    Input(char),
    /// Remove the last character of a prompt.
    DeleteChar,
    /// Jump to the next search match in the article.
    NextMatch,
    /// Jump to the previous search match in the article.
    PreviousMatch,
    /// Select the next hashtag chip in the article.
    NextChip,
    /// Read the folder again (posts added, changed or removed on disk).
    Reload,
    /// Open the outline of the article.
    OpenOutline,
    /// Scroll so the previous heading is the top line.
    PreviousHeading,
    /// Scroll so the next heading is the top line.
    NextHeading,
    /// Open the picker of the article's links.
    OpenLinks,
    /// Go back to the place before the last jump (a followed link, an outline jump).
    HistoryBack,
    /// Go forward again to the place left by [`Action::HistoryBack`].
    HistoryForward,
    /// Open the post in the user's editor at the line being read.
    Edit,
    /// Mark the open post read, or unread again.
    ToggleRead,
    /// Open the newest post from its top, without the tag filter (as `--fresh`).
    StartFresh,
    /// Bookmark the place being read.
    Mark,
    /// Open the list of bookmarks.
    OpenBookmarks,
    /// Delete the selected item of a list (a bookmark).
    DeleteItem,
    /// Time passed (the event loop sends it now and then while idle): a post open long
    /// enough becomes read.
    Tick,
}

/// How keys are read at a moment of the reader (see `keymap::action_for`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// Keys are commands for the panes.
    Panes,
    /// The help overlay is open: commands as usual, and a key bound to nothing closes it.
    Help,
    /// A prompt is open: printable keys are text.
    Prompt,
}
