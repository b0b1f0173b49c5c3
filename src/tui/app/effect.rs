//! Work [`App::handle`](super::App::handle)(super::App::handle) hands to the event loop: reading the folder,
//! opening a link, the editor. The app never does I/O itself.

use std::path::PathBuf;

use crate::library::search::MergeJob;
use crate::library::state::FolderState;
use crate::tui::pictures::DrawKey;
use crate::tui::pictures::jobs::FindJob;

/// Work [`App::handle`](super::App::handle) asks the event loop to do, reporting back through the method named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read and index the folder (off the UI thread), answering request `n`: whole, to
    /// [`App::folder_read`](super::App::folder_read), or, when [`App::streams`](super::App::streams), in batches to
    /// [`App::folder_posts`](super::App::folder_posts), [`App::folder_indexed`](super::App::folder_indexed) and [`App::folder_loaded`](super::App::folder_loaded).
    ReadFolder(u64),
    /// Read these posts again, each alone (the watcher saw them change), and pass what
    /// became of them to [`App::posts_reread`](super::App::posts_reread).
    ReadPosts(Vec<PathBuf>),
    /// Build the index this merge of segments asks for over the posts named (cloned for
    /// the worker by [`App::merge_posts`](super::App::merge_posts)) and pass it to [`App::index_merged`](super::App::index_merged).
    Merge(MergeJob),
    /// Open a web or mail link (already checked) with the system opener, detached.
    OpenUrl(String),
    /// Hand the terminal to the user's editor on `file` at `line` (1-based), then read
    /// the post again through [`Effect::ReadPosts`]; a failure goes to
    /// [`App::editor_failed`](super::App::editor_failed).
    Edit {
        /// The post's file.
        file: PathBuf,
        /// The line to open at.
        line: usize,
    },
    /// Save the folder's state (off the UI thread, atomically); a failure goes to
    /// [`App::state_not_saved`](super::App::state_not_saved).
    SaveState(Box<FolderState>),
    /// Find and measure a post's pictures (off the UI thread) and pass them to
    /// [`App::pictures_found`](super::App::pictures_found).
    FindPictures(Box<FindJob>),
    /// Decode a picture and encode it for the terminal at its cells (off the UI thread),
    /// passing it to [`App::picture_drawn`](super::App::picture_drawn).
    DrawPicture(DrawKey),
}
