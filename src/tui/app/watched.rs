//! Following the folder: the watcher's changes read again post by post, the search
//! index updated for those posts only, and its segments merged when they pile up.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::{App, Effect};
use crate::library::search::{MergeJob, SearchIndex};
use crate::library::{Body, Post, PostId};
use crate::tui::watch;
use crate::tui::worker::Reread;

impl App {
    /// The watcher saw `paths` change (none: it saw something it could not name). Returns
    /// the effect that reads the changed posts again (the whole folder when the watcher
    /// could not say what changed), unless the change cannot matter. While a read is under
    /// way the change waits for its end.
    pub fn folder_changed(&mut self, paths: &[PathBuf]) -> Option<Effect> {
        if !watch::matters(&self.root, paths) {
            return None;
        }
        if self.reading.is_some() || self.indexing.is_some() {
            if paths.is_empty() {
                self.changed_while_reading = true;
            }
            for path in paths {
                if !self.paths_changed_while_reading.contains(path) {
                    self.paths_changed_while_reading.push(path.clone());
                }
            }
            return None;
        }
        if paths.is_empty() {
            return Some(self.request_read());
        }
        Some(Effect::ReadPosts(paths.to_vec()))
    }

    /// Takes in the posts read again for [`Effect::ReadPosts`]: an edited post is replaced
    /// where it is (the open one keeps the source line at the top), a new one is listed in
    /// its category, a deleted one goes (when it was open, the next one opens at its top,
    /// with a message). The search index takes in those posts alone, as one more segment;
    /// their older entries become tombstones. Returns the merge to make when the index's
    /// segments have piled up.
    pub fn posts_reread(&mut self, reread: Reread) -> Option<Effect> {
        if self.reading.is_some() || self.indexing.is_some() {
            // A full read under way supersedes these; they are read again after it.
            return None;
        }
        let open = self.reader.open;
        let anchor = self.reader.top_anchor(self.article().map(Arc::as_ref));
        let top_text = self
            .article()
            .map(|a| a.row_text(self.reader.scroll))
            .unwrap_or_default();
        let order_before = self.sidebar.post_order().to_vec();
        let open_post = open.and_then(|o| self.posts.get(o));
        let open_title = open_post.map(|p| p.title.clone());
        let open_path = open_post.map(|p| p.relative_path.clone());
        if !reread.folder_exists {
            self.folder_gone();
        }
        // A post moved (`mv`, or renamed in a file manager) is gone from one path and new
        // at another in the same change: known again by its text, it keeps what was
        // remembered of it, and the open one stays open.
        // Found by a table of the texts removed, not by comparing each new post with
        // each removed one: a whole folder moved is thousands of each. Without a post read
        // in the change nothing can have moved, and no text is looked at.
        let mut removed: HashMap<Body, Vec<PathBuf>> = HashMap::new();
        let may_have_moved = !reread.posts.is_empty();
        for relative in &reread.gone {
            for id in self.posts.under(relative) {
                if may_have_moved && let Some(post) = self.posts.get(id) {
                    removed
                        .entry(post.body.clone())
                        .or_default()
                        .push(post.relative_path.clone());
                }
                self.posts.remove(id);
                self.index.remove(id);
                self.cache.forget(id);
            }
        }
        let mut edited_open = false;
        let mut read = Vec::new();
        let mut moves = Vec::new();
        for post in reread.posts {
            // An empty body says nothing of where a post came from.
            if self.posts.find(&post.relative_path).is_none()
                && !post.body.trim().is_empty()
                && let Some(from) = removed.get_mut(&post.body).and_then(Vec::pop)
            {
                moves.push((from, post.relative_path.clone()));
            }
            let id = self.take_post(post);
            self.cache.forget(id);
            self.pictures.forget_post(id);
            self.forget_pinned_outline();
            edited_open |= Some(id) == open;
            read.push(id);
        }
        // The index's entries follow the posts read, in order (each post once).
        self.index.add(reread.index, read);
        let mut open_moved_to = None;
        for (from, to) in &moves {
            self.memory.moved(from, to);
            if open_path.as_ref() == Some(from) {
                open_moved_to = self.posts.find(to).map(|id| (id, to.clone()));
            }
        }
        if !moves.is_empty() {
            self.refresh_marks();
        }
        match (open, open_moved_to) {
            (Some(open), Some((id, to))) if !self.posts.contains(open) => {
                self.reader.open = Some(id);
                self.rebuild_sidebar();
                self.sidebar.select_post(id);
                edited_open = true;
                self.notice = Some(format!(
                    "moved to {}",
                    crate::text::display_text(&to.to_string_lossy())
                ));
            }
            (Some(open), _) if !self.posts.contains(open) => {
                self.open_next_after(open, &order_before);
                if let Some(title) = open_title {
                    self.notice = Some(format!("“{title}” is gone from the folder"));
                }
            }
            _ => self.rebuild_sidebar(),
        }
        if edited_open {
            self.reader.forget_renders();
            self.ensure_rendered_through(anchor);
            if let Some(article) = self.article().cloned() {
                self.reader.restore_after_edit(&top_text, anchor, &article);
            }
        }
        if !reread.folder_exists {
            self.say_folder_gone();
        } else if self.folder_missing {
            // Back before the event loop looked (moved away and back: the watch follows
            // the folder): where the reader was opens again.
            self.folder_missing = false;
            self.notice = Some("the folder is back".into());
            self.resume_last();
        }
        self.refresh_overlay();
        self.after_change();
        self.index.merge_job().map(Effect::Merge)
    }

    /// The folder itself is gone (removed, renamed, unmounted): said in the status line,
    /// until the event loop sees it back and reads it again ([`App::folder_back`]).
    pub(super) fn folder_gone(&mut self) {
        if !self.folder_missing {
            // Where the reader was is kept, so the post opens there when the folder is
            // back.
            self.keep_place();
            self.memory.resume = self.memory.state.last_open.clone();
        }
        self.folder_missing = true;
        self.say_folder_gone();
    }

    fn say_folder_gone(&mut self) {
        self.notice = Some(format!(
            "the folder {} is gone; it shows again when it is back",
            crate::text::display_text(&self.root.to_string_lossy())
        ));
    }

    /// Whether the folder is gone, so the event loop looks now and then for it to return.
    pub fn folder_missing(&self) -> bool {
        self.folder_missing
    }

    /// The folder is back: read it whole again (its watch has to be started again too,
    /// which the event loop does).
    pub fn folder_back(&mut self) -> Effect {
        self.folder_missing = false;
        self.notice = Some("the folder is back".into());
        self.request_read()
    }

    /// Puts a post read again in place of the post at its path, or adds it; returns its id.
    fn take_post(&mut self, post: Post) -> PostId {
        match self.posts.find(&post.relative_path) {
            Some(id) => {
                self.posts.replace(id, post);
                id
            }
            None => self.posts.extend(vec![post])[0],
        }
    }

    /// After the open post `gone` was deleted: the post that followed it in the sidebar
    /// (`order`, from before) opens at its top, else the one before, else none.
    fn open_next_after(&mut self, gone: PostId, order: &[PostId]) {
        let at = order.iter().position(|p| *p == gone).unwrap_or(0);
        let next = order[at..]
            .iter()
            .chain(order[..at].iter().rev())
            .copied()
            .find(|p| self.posts.contains(*p));
        match next {
            Some(next) => self.reader.open(next),
            None => self.reader.close(),
        }
        self.rebuild_sidebar();
        self.ensure_rendered();
    }

    /// The posts `job` merges, cloned for the worker that builds their index.
    pub fn merge_posts(&self, job: &MergeJob) -> Vec<Post> {
        job.ids
            .iter()
            .map(|id| self.posts.get(*id).cloned().unwrap_or_default())
            .collect()
    }

    /// Takes in the index built for `job`: its segments become one.
    pub fn index_merged(&mut self, job: MergeJob, index: SearchIndex) {
        self.index.merged(job, index);
    }
}
