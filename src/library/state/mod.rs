//! What geul remembers of a folder between runs: the last open post, the place in each
//! post read (by source line, so it survives a resize or an edit), collapsed categories,
//! the tag filter, the pinned outline, which posts were read and which were known at the
//! last visit, bookmarks, and the `<details>` unfolded.
//!
//! The state is plain data here; [`store`] keeps it in `$XDG_STATE_HOME/geul/`, one file a
//! folder, written atomically. Nothing is ever written inside the posts folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::grouping::{GroupBy, SortBy};

pub mod store;

pub use store::{StateStore, StoreError};

/// The version of the state file's format; a file of a later version is set aside rather
/// than misread.
pub const STATE_VERSION: u32 = 1;

/// A place in a post: the source line (1-based, in the file) where the block at the top
/// of the pane starts, and which of that block's lines was at the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The source line where the block at the top of the pane starts.
    pub line: usize,
    /// Which rendered line of that block (before wrapping, so for any width) was at the
    /// top: a place deep in a long list or paragraph comes back there, not at its start,
    /// while the post is unchanged. Absent in files written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
}

/// A place the reader marked, in any post of the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The post, relative to the folder.
    pub post: String,
    /// The source line where the marked block starts.
    pub line: usize,
    /// Which rendered line of that block was marked (see [`Place::row`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// A few words of the marked line, to recognise it in the list.
    #[serde(default)]
    pub label: String,
}

/// Everything remembered of one folder.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FolderState {
    /// The format version ([`STATE_VERSION`]).
    pub version: u32,
    /// The folder, as its canonical path (for a person reading the file; the store finds
    /// the file by a hash of it).
    pub folder: PathBuf,
    /// The post open when the reader last quit, relative to the folder.
    pub last_open: Option<String>,
    /// The place in each post read, by its path relative to the folder.
    pub places: BTreeMap<String, Place>,
    /// Categories collapsed in the sidebar.
    pub collapsed: BTreeSet<String>,
    /// The tag filter in force.
    pub tag_filter: Vec<String>,
    /// Whether the outline is pinned as a third pane.
    pub outline_pinned: bool,
    /// Whether pictures were turned off with `i`.
    pub pictures_hidden: bool,
    /// How the sidebar groups the posts, once chosen (by the first start or with `v`).
    pub group_by: Option<GroupBy>,
    /// How the sidebar orders the posts of a group, once chosen with `s`.
    pub sort_by: Option<SortBy>,
    /// Posts read.
    pub read: BTreeSet<String>,
    /// Posts the folder held at the last visit; a post not among them is new. Empty on a
    /// first visit, when nothing is new.
    pub known: BTreeSet<String>,
    /// Marked places, in the order they were made.
    pub bookmarks: Vec<Bookmark>,
    /// Per post, the body lines (0-based) of the summaries of the `<details>` the reader
    /// unfolded, or folded where they start open.
    pub toggled_details: BTreeMap<String, BTreeSet<usize>>,
}

/// The key a post is remembered by: its path relative to the folder, as text.
pub fn post_key(relative_path: &Path) -> String {
    relative_path.to_string_lossy().into_owned()
}

impl FolderState {
    /// A fresh state for the folder at `folder` (its canonical path).
    pub fn new(folder: PathBuf) -> FolderState {
        FolderState {
            version: STATE_VERSION,
            folder,
            ..FolderState::default()
        }
    }

    /// Whether the post at `relative_path` is new since the last visit (a first visit
    /// knows no posts, and then none is new).
    pub fn is_new(&self, relative_path: &Path) -> bool {
        !self.known.is_empty() && !self.known.contains(&post_key(relative_path))
    }

    /// Whether the post at `relative_path` was read.
    pub fn is_read(&self, relative_path: &Path) -> bool {
        self.read.contains(&post_key(relative_path))
    }

    /// Marks the post read or unread.
    pub fn set_read(&mut self, relative_path: &Path, read: bool) {
        let key = post_key(relative_path);
        if read {
            self.read.insert(key);
        } else {
            self.read.remove(&key);
        }
    }

    /// The remembered place in the post at `relative_path`.
    pub fn place(&self, relative_path: &Path) -> Option<Place> {
        self.places.get(&post_key(relative_path)).copied()
    }

    /// Remembers `place` for the post at `relative_path`.
    pub fn remember_place(&mut self, relative_path: &Path, place: Place) {
        self.places.insert(post_key(relative_path), place);
    }

    /// The post at `from` was moved to `to` (renamed, or moved to another folder of the
    /// blog): what was remembered of it is now remembered of it there, and it is not new.
    pub fn moved(&mut self, from: &Path, to: &Path) {
        let (from, to) = (post_key(from), post_key(to));
        if let Some(place) = self.places.remove(&from) {
            self.places.insert(to.clone(), place);
        }
        if self.read.remove(&from) {
            self.read.insert(to.clone());
        }
        if self.known.remove(&from) {
            self.known.insert(to.clone());
        }
        if let Some(lines) = self.toggled_details.remove(&from) {
            self.toggled_details.insert(to.clone(), lines);
        }
        for mark in self.bookmarks.iter_mut().filter(|m| m.post == from) {
            mark.post.clone_from(&to);
        }
        if self.last_open.as_ref() == Some(&from) {
            self.last_open = Some(to);
        }
    }

    /// Forgets what belongs to posts no longer in the folder, so the file does not grow
    /// with every post ever deleted. `present` holds the keys of the folder's posts.
    pub fn forget_missing(&mut self, present: &BTreeSet<String>) {
        self.places.retain(|post, _| present.contains(post));
        self.read.retain(|post| present.contains(post));
        self.bookmarks.retain(|mark| present.contains(&mark.post));
        self.toggled_details
            .retain(|post, lines| present.contains(post) && !lines.is_empty());
        if self
            .last_open
            .as_ref()
            .is_some_and(|post| !present.contains(post))
        {
            self.last_open = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_post_keeps_its_place_read_mark_bookmarks_and_details_and_is_not_new() {
        let mut state = FolderState::new(PathBuf::from("/blog"));
        let (from, to) = (Path::new("a.md"), Path::new("dev/b.md"));
        state.known.insert("a.md".into());
        state.known.insert("c.md".into());
        state.set_read(from, true);
        state.remember_place(
            from,
            Place {
                line: 7,
                row: Some(2),
            },
        );
        state
            .toggled_details
            .insert("a.md".into(), BTreeSet::from([3]));
        state.last_open = Some("a.md".into());
        state.bookmarks.push(Bookmark {
            post: "a.md".into(),
            line: 9,
            row: None,
            label: "설치".into(),
        });
        state.moved(from, to);
        assert!(state.is_read(to) && !state.is_read(from));
        assert!(!state.is_new(to));
        assert_eq!(
            state.place(to),
            Some(Place {
                line: 7,
                row: Some(2)
            })
        );
        assert_eq!(state.place(from), None);
        assert_eq!(
            state.toggled_details.get("dev/b.md"),
            Some(&BTreeSet::from([3]))
        );
        assert_eq!(state.last_open.as_deref(), Some("dev/b.md"));
        assert_eq!(state.bookmarks[0].post, "dev/b.md");
    }

    #[test]
    fn on_a_first_visit_no_post_is_new() {
        let state = FolderState::new(PathBuf::from("/blog"));
        assert!(!state.is_new(Path::new("a.md")));
    }

    #[test]
    fn a_post_unknown_at_the_last_visit_is_new() {
        let mut state = FolderState::new(PathBuf::from("/blog"));
        state.known.insert("a.md".into());
        assert!(!state.is_new(Path::new("a.md")));
        assert!(state.is_new(Path::new("b.md")));
    }

    #[test]
    fn read_marks_and_places_are_kept_per_post() {
        let mut state = FolderState::new(PathBuf::from("/blog"));
        state.set_read(Path::new("dev/a.md"), true);
        state.remember_place(
            Path::new("dev/a.md"),
            Place {
                line: 42,
                row: None,
            },
        );
        assert!(state.is_read(Path::new("dev/a.md")));
        assert!(!state.is_read(Path::new("dev/b.md")));
        assert_eq!(
            state.place(Path::new("dev/a.md")),
            Some(Place {
                line: 42,
                row: None
            })
        );
        state.set_read(Path::new("dev/a.md"), false);
        assert!(!state.is_read(Path::new("dev/a.md")));
    }

    #[test]
    fn posts_gone_from_the_folder_are_forgotten() {
        let mut state = FolderState::new(PathBuf::from("/blog"));
        for post in ["a.md", "gone.md"] {
            state.set_read(Path::new(post), true);
            state.remember_place(Path::new(post), Place { line: 3, row: None });
        }
        state.last_open = Some("gone.md".into());
        state.bookmarks.push(Bookmark {
            post: "gone.md".into(),
            line: 1,
            row: None,
            label: String::new(),
        });
        state
            .toggled_details
            .insert("gone.md".into(), BTreeSet::from([4]));
        state.forget_missing(&BTreeSet::from(["a.md".to_string()]));
        assert!(state.toggled_details.is_empty());
        assert_eq!(state.read, BTreeSet::from(["a.md".to_string()]));
        assert_eq!(state.places.len(), 1);
        assert!(state.bookmarks.is_empty());
        assert_eq!(state.last_open, None);
    }
}
