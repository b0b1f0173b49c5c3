//! Reading the folder and following it: taking a read folder in, and the watcher's
//! changes.

use std::path::PathBuf;
use std::sync::Arc;

use super::{App, Effect};
use crate::library::search::SearchIndex;
use crate::library::{Post, PostId};
use crate::tui::watch;
use crate::tui::worker::FolderRead;

impl App {
    /// Takes the folder read for [`Effect::ReadFolder`], keeping the open post (by path),
    /// the tag filter and the source line at the top of the pane where they still apply.
    /// A first read opens the newest post; an answer to an older request than the latest is
    /// dropped. When the folder changed again while it was read, the returned effect reads
    /// it once more.
    pub fn folder_read(&mut self, read: FolderRead) -> Option<Effect> {
        if self.reading != Some(read.request) {
            return None;
        }
        self.reading = None;
        let asked = std::mem::take(&mut self.read_asked);
        let first = self.posts.is_empty() && self.reader.open.is_none();
        match read.library {
            Ok(library) => self.take_posts(library.posts, read.index, first, asked),
            Err(error) => self.notice = Some(format!("reading the folder failed: {error}")),
        }
        self.after_change();
        std::mem::take(&mut self.changed_while_reading).then(|| self.request_read())
    }

    fn take_posts(&mut self, posts: Vec<Post>, index: SearchIndex, first: bool, asked: bool) {
        let open = self.reader.open.and_then(|o| self.posts.get(o.index()));
        let open_path = open.map(|p| p.relative_path.clone());
        let open_title = open.map(|p| p.title.clone());
        let anchor = self.reader.top_anchor(self.article().map(Arc::as_ref));
        let top_text = self
            .article()
            .map(|a| a.row_text(self.reader.scroll))
            .unwrap_or_default();
        self.posts = posts;
        self.index = index;
        self.cache.clear();
        self.reader.forget_renders();
        let kept = open_path
            .and_then(|path| self.posts.iter().position(|p| p.relative_path == path))
            .map(PostId);
        self.reader.open = kept;
        self.rebuild_sidebar();
        if kept.is_some() {
            // The same post, perhaps edited: back to the same source line.
            self.ensure_rendered();
            if let Some(article) = self.article().cloned() {
                self.reader.restore_after_edit(&top_text, anchor, &article);
            }
        }
        if first {
            if let Some(newest) = self.sidebar.post_order().iter().copied().min() {
                self.sidebar.select_post(newest);
                self.open_post(newest);
            }
        } else if kept.is_none()
            && let Some(title) = open_title
        {
            self.notice = Some(format!("“{title}” is gone from the folder"));
        } else if asked {
            self.notice = Some(format!("reloaded {} posts", self.posts.len()));
        }
    }

    /// The watcher saw `paths` change (none: it saw something it could not name). Returns
    /// the effect that reads the folder again, unless the change cannot matter or a read
    /// is under way (then it reads once more when that one ends).
    pub fn folder_changed(&mut self, paths: &[PathBuf]) -> Option<Effect> {
        if !watch::matters(&self.root, paths) {
            return None;
        }
        if self.reading.is_some() {
            self.changed_while_reading = true;
            return None;
        }
        Some(self.request_read())
    }
}
