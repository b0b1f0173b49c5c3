//! What the reader remembers of the folder between runs (see
//! [`FolderState`](crate::library::state::FolderState)): where it left off, each post's
//! place, the collapsed categories, the tag filter, what was read, and the bookmarks.
//!
//! The state is kept here as plain data and changed by `App::handle` like everything
//! else; saving it is an [`Effect::SaveState`] the event loop carries out off the UI
//! thread, asked for on quit, when a bookmark or a read mark is changed by hand, and when
//! the reader is idle after the open post changed.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::{App, Effect};
use crate::library::state::{FolderState, Place, post_key};
use crate::library::{Post, PostId};
use crate::tui::sidebar::Sidebar;

/// The remembered state of the folder, and what the reader derived from it.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// Whether the state is read and written at all (`--no-state` turns it off: read
    /// marks and bookmarks then last as long as the session).
    pub enabled: bool,
    /// The state, as it will be saved.
    pub state: FolderState,
    /// The posts known at the last visit: a post not among them is marked new for the
    /// whole session, even after the state saved now knows it.
    known_before: BTreeSet<String>,
    /// The post to open once it has streamed in (where the reader left off), if any.
    pub(super) resume: Option<String>,
    /// Whether the reader starts afresh (`--fresh`): the newest post, no tag filter.
    fresh: bool,
    /// Posts not read, for the sidebar (only while enabled).
    pub unread: HashSet<PostId>,
    /// Posts new since the last visit, for the sidebar (only while enabled).
    pub new: HashSet<PostId>,
    /// The open post and when it was opened: it counts as read after a few seconds.
    clock: Option<(PostId, Instant)>,
    /// The post whose clock has run out or that was marked by hand: the clock leaves it.
    counted: Option<PostId>,
    /// Whether something changed that should be saved now.
    dirty: bool,
    /// Whether the open post changed since the last save: saved when the reader is idle
    /// (the next tick), so holding `j` through the list does not save at every post.
    switched: bool,
}

impl Memory {
    /// The memory of a folder whose state was loaded as `state`; with `fresh` the reader
    /// starts from the newest post without its tag filter.
    pub fn loaded(state: FolderState, fresh: bool) -> Memory {
        let resume = if fresh { None } else { state.last_open.clone() };
        Memory {
            enabled: true,
            known_before: state.known.clone(),
            resume,
            fresh,
            state,
            ..Memory::default()
        }
    }

    /// Whether the post at `relative` counts as read.
    pub fn is_read(&self, relative: &Path) -> bool {
        self.state.is_read(relative)
    }

    /// Asks for a save with the next effects.
    pub(super) fn touch(&mut self) {
        self.dirty = true;
    }

    /// The post at `from` was moved to `to`: what is remembered of it follows it, and it
    /// is no newer than it was.
    pub(super) fn moved(&mut self, from: &Path, to: &Path) {
        self.state.moved(from, to);
        if self.known_before.remove(&post_key(from)) {
            self.known_before.insert(post_key(to));
        }
        self.touch();
    }
}

/// Brings `collapsed` up to date with the categories `sidebar` shows; a category it does
/// not show (the tag filter hides it) keeps what it was.
pub(super) fn note_collapsed(collapsed: &mut BTreeSet<String>, sidebar: &Sidebar) {
    for group in sidebar.groups() {
        if group.expanded {
            collapsed.remove(&group.name);
        } else {
            collapsed.insert(group.name.clone());
        }
    }
}

/// The file line (1-based) of body line `body_line` (0-based) of `post`.
fn file_line(post: &Post, body_line: usize) -> usize {
    post.body_line.max(1) + body_line
}

/// The body line (0-based) of file line `line` of `post`.
fn body_line_of(post: &Post, line: usize) -> usize {
    line.saturating_sub(post.body_line.max(1))
}

impl App {
    /// Starts remembering with `memory` (loaded at start-up, before the folder is read):
    /// the tag filter comes back now (unless starting afresh), the last post when it
    /// arrives. `problem`, if the state could not be read, is said once in the status line.
    pub fn remember(&mut self, memory: Memory, problem: Option<String>) {
        if !memory.fresh {
            self.tag_filter = memory.state.tag_filter.clone();
        }
        self.memory = memory;
        // The details it unfolded show otherwise than in renders made before it came.
        self.cache.clear();
        self.reader.forget_renders();
        if problem.is_some() {
            self.notice = problem;
        }
        self.rebuild_sidebar();
        self.after_change();
    }

    /// Keeps the place in the open post (the source line at the top of the pane), and
    /// that it is the one open.
    pub(super) fn keep_place(&mut self) {
        let Some(open) = self.reader.open else { return };
        let Some(post) = self.posts.get(open) else {
            return;
        };
        let path = post.relative_path.clone();
        // Without a render (the pane is too small) the place is not known: keep the old.
        if let Some(article) = self.article() {
            match article.body_place(self.reader.scroll) {
                Some((body, row)) if self.reader.scroll > 0 => {
                    let place = Place {
                        line: file_line(post, body),
                        row: Some(row),
                    };
                    self.memory.state.remember_place(&path, place);
                }
                _ => {
                    self.memory.state.places.remove(&post_key(&path));
                }
            }
        }
        self.memory.state.last_open = Some(post_key(&path));
    }

    /// Scrolls the open post to its remembered place, if it has one.
    pub(super) fn resume_place(&mut self) {
        let Some(post) = self.reader.open.and_then(|o| self.posts.get(o)) else {
            return;
        };
        let Some(place) = self.memory.state.place(&post.relative_path) else {
            return;
        };
        let body = body_line_of(post, place.line);
        self.unfold_around_line(body);
        self.ensure_rendered();
        self.render_through_body_line(body);
        if let Some(article) = self.article().map(Arc::clone) {
            self.reader.scroll = article.row_of_body_line_at(body, place.row);
            self.reader.clamp(&article, self.page_height());
        }
    }

    /// Opens the post the reader left off at, once it has arrived, unless the user chose
    /// something meanwhile. Returns whether it opened.
    pub(super) fn resume_last(&mut self) -> bool {
        let Some(key) = self.memory.resume.clone() else {
            return false;
        };
        if self.chose_while_reading {
            self.memory.resume = None;
            return false;
        }
        let Some(post) = self.posts.find(&PathBuf::from(&key)) else {
            return false;
        };
        self.memory.resume = None;
        if !self.sidebar.post_order().contains(&post) {
            // It may have come in since the sidebar was last grouped.
            self.catch_up_sidebar();
        }
        if !self.sidebar.post_order().contains(&post) {
            self.tag_filter.clear();
            self.rebuild_sidebar();
        }
        self.sidebar.select_post(post);
        self.open_post(post);
        true
    }

    /// The folder is read whole: a last post that did not come is forgotten.
    pub(super) fn stop_resuming(&mut self) {
        self.memory.resume = None;
    }

    /// `~`: the newest post from its top, without the tag filter (as `--fresh`).
    pub(super) fn start_fresh(&mut self) {
        self.memory.resume = None;
        if !self.tag_filter.is_empty() {
            self.tag_filter.clear();
            self.rebuild_sidebar();
        }
        self.open_newest();
        self.reader.scroll = 0;
    }

    /// After each action: a post open long enough, or scrolled, is read; a new open post
    /// starts its clock; a change worth keeping is saved.
    pub(super) fn after_memory(
        &mut self,
        before: (Option<PostId>, usize),
        now: Instant,
        effects: &mut Vec<Effect>,
    ) {
        let open = self.reader.open;
        if open != before.0 {
            self.memory.clock = open.map(|p| (p, now));
            self.memory.counted = None;
            self.memory.switched = true;
        } else if open.is_some() && self.reader.scroll != before.1 {
            self.mark_open_read(false);
        }
        if self.memory.dirty {
            self.memory.dirty = false;
            if self.memory.enabled {
                effects.push(Effect::SaveState(Box::new(self.snapshot())));
            }
        }
    }

    /// Time passed: the open post is read once it was open for `read_after` (a post
    /// opened outside an action, when the folder was read, starts its clock now).
    pub(super) fn tick(&mut self, now: Instant) {
        if std::mem::take(&mut self.memory.switched) {
            self.memory.touch();
        }
        let Some(open) = self.reader.open else { return };
        let since = match self.memory.clock {
            Some((post, at)) if post == open => at,
            _ => {
                self.memory.clock = Some((open, now));
                self.memory.counted = None;
                now
            }
        };
        if self.memory.counted != Some(open)
            && now.saturating_duration_since(since) >= self.settings.read_after
        {
            self.memory.counted = Some(open);
            self.mark_open_read(false);
        }
    }

    /// Marks the open post read (`toggle`: read becomes unread and the other way round).
    pub(super) fn mark_open_read(&mut self, toggle: bool) {
        let Some(post) = self.reader.open.and_then(|o| self.posts.get(o)) else {
            return;
        };
        let path = post.relative_path.clone();
        let read = !(toggle && self.memory.is_read(&path));
        if toggle {
            // Read by hand: the clock must not mark it again.
            self.memory.counted = self.reader.open;
            self.memory.touch();
            self.notice = Some(if read { "marked read" } else { "marked unread" }.into());
        } else if self.memory.is_read(&path) {
            return;
        }
        self.memory.state.set_read(&path, read);
        self.refresh_marks();
    }

    /// Recomputes which posts the sidebar marks unread and new.
    pub(super) fn refresh_marks(&mut self) {
        self.memory.unread.clear();
        self.memory.new.clear();
        if !self.memory.enabled {
            return;
        }
        let known = &self.memory.known_before;
        for &id in self.posts.newest_first() {
            let Some(post) = self.posts.get(id) else {
                continue;
            };
            let key = post_key(&post.relative_path);
            if !self.memory.state.read.contains(&key) {
                self.memory.unread.insert(id);
            }
            if !known.is_empty() && !known.contains(&key) {
                self.memory.new.insert(id);
            }
        }
    }

    /// The state as it is to be saved now: the open post and its place, the sidebar's
    /// collapsed categories, the tag filter, and the posts known. Posts gone from the
    /// folder are forgotten once the folder has been read whole.
    pub(super) fn snapshot(&mut self) -> FolderState {
        self.keep_place();
        let mut state = self.memory.state.clone();
        let present: BTreeSet<String> = self
            .posts
            .iter()
            .map(|p| post_key(&p.relative_path))
            .collect();
        note_collapsed(&mut state.collapsed, &self.sidebar);
        state.tag_filter = self.tag_filter.clone();
        let whole = self.reading.is_none() && !self.posts.is_empty();
        if whole {
            state.forget_missing(&present);
            state.known = present;
        } else {
            state.known.extend(present);
        }
        self.memory.state = state.clone();
        state
    }

    /// Saving the state failed: said in the status line, never fatal.
    pub fn state_not_saved(&mut self, why: String) {
        self.notice = Some(why);
    }

    /// The categories remembered as collapsed (a category arriving in the sidebar takes
    /// its state from here).
    pub(super) fn remembered_collapsed(&self) -> &BTreeSet<String> {
        &self.memory.state.collapsed
    }
}
