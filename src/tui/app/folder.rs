//! Reading the folder: taking a whole read in (a reload), or a first read streaming in
//! batch by batch, with its index segment by segment.

use std::sync::Arc;

use super::{App, Effect};
use crate::library::scan::ScanError;
use crate::library::search::SearchIndex;
use crate::library::{Post, PostId, Posts};
use crate::tui::overlays::{FilteredPicker, Overlay};
use crate::tui::worker::{FolderRead, Indexed, Loaded, PostsRead};

impl App {
    /// Takes the folder read for [`Effect::ReadFolder`], keeping the open post (by path),
    /// the tag filter and the source line at the top of the pane where they still apply.
    /// A first read opens the newest post; an answer to an older request than the latest is
    /// dropped. When the folder changed again while it was read, the returned effect reads
    /// it (or the posts that changed) once more.
    pub fn folder_read(&mut self, read: FolderRead) -> Option<Effect> {
        if self.reading != Some(read.request) {
            return None;
        }
        self.reading = None;
        self.indexing = None;
        let asked = std::mem::take(&mut self.read_asked);
        let first = self.posts.is_empty() && self.reader.open.is_none();
        match read.library {
            Ok(library) => self.take_posts(library.posts, read.index, first, asked),
            Err(ScanError::NotFound(_)) => self.folder_gone(),
            Err(error) => self.notice = Some(format!("reading the folder failed: {error}")),
        }
        self.refresh_overlay();
        self.after_change();
        self.read_again()
    }

    fn take_posts(&mut self, posts: Vec<Post>, index: SearchIndex, first: bool, asked: bool) {
        let open = self.reader.open.and_then(|o| self.posts.get(o));
        let open_path = open.map(|p| p.relative_path.clone());
        let open_title = open.map(|p| p.title.clone());
        let anchor = self.reader.top_anchor(self.article().map(Arc::as_ref));
        let top_text = self
            .article()
            .map(|a| a.row_text(self.reader.scroll))
            .unwrap_or_default();
        self.posts = Posts::listed(posts);
        self.choose_first_grouping();
        self.index.reset(index);
        self.cache.clear();
        self.pictures.forget_found();
        self.forget_pinned_outline();
        self.reader.forget_renders();
        let kept = open_path.and_then(|path| self.posts.find(&path));
        self.reader.open = kept;
        self.rebuild_sidebar();
        if kept.is_some() {
            // The same post, perhaps edited: back to the same source line.
            self.ensure_rendered_through(anchor);
            if let Some(article) = self.article().cloned() {
                self.reader.restore_after_edit(&top_text, anchor, &article);
            }
        }
        if first {
            if !self.chose_while_reading && !self.resume_last() {
                self.open_newest();
            }
            self.stop_resuming();
        } else if kept.is_none()
            && let Some(title) = open_title
        {
            self.notice = Some(format!("“{title}” is gone from the folder"));
        } else if asked {
            self.notice = Some(format!("reloaded {} posts", self.posts.len()));
        }
    }

    /// Takes in a batch of posts of the streaming read under way: the sidebar lists them
    /// at once while it shows few, then each time they have grown by a quarter. Nothing opens before the read ends (the newest post is not known before),
    /// and a selection the user made stays where it is.
    pub fn folder_posts(&mut self, batch: PostsRead) {
        if self.reading != Some(batch.request) {
            return;
        }
        self.indexing = Some(batch.request);
        self.posts.extend(batch.posts);
        if self.sidebar_lags() {
            self.rebuild_sidebar();
        }
        // Where the reader left off opens as soon as that post has arrived.
        self.resume_last();
        self.refresh_overlay();
        self.after_change();
    }

    /// Takes in an index segment of the streaming read: search then covers those posts.
    pub fn folder_indexed(&mut self, indexed: Indexed) -> Option<Effect> {
        if self.indexing != Some(indexed.request) {
            return None;
        }
        let ids = (indexed.first..indexed.first + indexed.index.len())
            .map(PostId)
            .collect();
        self.index.add(indexed.index, ids);
        if indexed.done {
            self.indexing = None;
        }
        self.refresh_overlay();
        self.read_again()
    }

    /// The streaming read ended: the newest post is known now and opens, unless the user
    /// chose a post or moved the selection meanwhile.
    pub fn folder_loaded(&mut self, loaded: Loaded) -> Option<Effect> {
        if self.reading != Some(loaded.request) {
            return None;
        }
        // Still as a read under way, so that grouping opens nothing of itself. A first
        // start's grouping is chosen once every post is known, not from the first batch.
        if self.memory.state.group_by.is_none() && !self.posts.is_empty() {
            self.choose_first_grouping();
            self.rebuild_sidebar();
        }
        self.catch_up_sidebar();
        self.reading = None;
        self.read_asked = false;
        match loaded.result {
            Ok(()) if self.reader.open.is_none() && !self.chose_while_reading => {
                if !self.resume_last() {
                    self.open_newest();
                }
            }
            Ok(()) => {}
            Err(ScanError::NotFound(_)) => {
                self.indexing = None;
                self.folder_gone();
            }
            Err(error) => {
                self.indexing = None;
                self.notice = Some(format!("reading the folder failed: {error}"));
            }
        }
        self.stop_resuming();
        self.refresh_overlay();
        self.after_change();
        self.read_again()
    }

    /// After a read and its index are done: what the watcher saw meanwhile, read again;
    /// else the index's segments merged if there are many.
    fn read_again(&mut self) -> Option<Effect> {
        if self.reading.is_some() || self.indexing.is_some() {
            return None;
        }
        if std::mem::take(&mut self.changed_while_reading) {
            self.paths_changed_while_reading.clear();
            return Some(self.request_read());
        }
        let paths = std::mem::take(&mut self.paths_changed_while_reading);
        if !paths.is_empty() {
            return Some(Effect::ReadPosts(paths));
        }
        self.index.merge_job().map(Effect::Merge)
    }

    /// While the folder is still read or indexed, how many posts search covers and how
    /// many there are (so far): the overlays say so.
    pub(super) fn building_note(&self) -> Option<(usize, usize)> {
        if self.reading.is_none() && self.indexing.is_none() {
            return None;
        }
        let found = if self.progress.walked() {
            self.progress.found()
        } else {
            0
        };
        Some((self.index.len(), found.max(self.posts.len())))
    }

    /// While the folder is still read: posts whose tags the picker counts, and posts
    /// there are.
    pub(super) fn tags_note(&self) -> Option<(usize, usize)> {
        self.reading?;
        let (_, total) = self.building_note()?;
        Some((self.posts.len(), total))
    }

    /// Brings an open search or tag overlay up to date with the posts and the index:
    /// the query runs again, and the note about indexing changes or goes.
    pub(super) fn refresh_overlay(&mut self) {
        let note = self.building_note();
        let tags_note = self.tags_note();
        let area = self.area;
        match &mut self.overlay {
            Some(Overlay::Search(panel)) => {
                panel.building = note;
                panel.rerun(&self.index, self.posts.slots(), area);
            }
            Some(Overlay::Tags(picker)) => {
                picker.building = tags_note;
                let shown = self.sidebar.post_order();
                picker.retag(self.posts.slots(), shown, &self.tag_filter);
                picker.fit(area);
            }
            _ => {}
        }
    }
}
