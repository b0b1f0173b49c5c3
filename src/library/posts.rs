//! The posts of a folder as a reader holds them while they arrive, change and go.
//!
//! A [`PostId`] is where a post is stored, in the order posts arrived, so ids stay valid
//! while more posts stream in and while single posts are replaced or removed (a removed
//! post leaves an empty slot behind; reading the whole folder again starts afresh). The
//! newest-first order the sidebar shows is kept beside the slots, merged batch by batch.

use std::collections::HashMap;
use std::ops::Index;
use std::path::{Path, PathBuf};

use super::scan::newest_first;
use super::{Failure, Post, PostId};

/// Posts by [`PostId`] (arrival order), with their newest-first order.
#[derive(Debug, Clone, Default)]
pub struct Posts {
    slots: Vec<Post>,
    removed: Vec<bool>,
    /// The posts not removed, newest first (see [`newest_first`]).
    order: Vec<PostId>,
    /// The posts not removed by relative path, for the watcher's changes (a checkout
    /// may change thousands at once).
    by_path: HashMap<PathBuf, PostId>,
    /// How many of the posts not removed could not be read, and how many did not parse:
    /// kept as posts come and go, so the status line does not count every frame.
    failures: Failures,
}

/// Posts that went wrong, by what went wrong.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    /// Files that could not be read.
    pub unreadable: usize,
    /// Files whose front matter did not parse.
    pub unparsed: usize,
}

impl Failures {
    fn count(&mut self, post: &Post, add: bool) {
        let counter = match post.failure() {
            Some(Failure::Unreadable) => &mut self.unreadable,
            Some(Failure::Unparsed) => &mut self.unparsed,
            None => return,
        };
        if add {
            *counter += 1;
        } else {
            *counter = counter.saturating_sub(1);
        }
    }
}

impl Posts {
    /// `posts`, whose ids are their places in the vector.
    pub fn new(posts: Vec<Post>) -> Posts {
        let mut all = Posts::default();
        all.extend(posts);
        all
    }

    /// `posts` already newest first (as a [`Library`](super::Library) holds them), listed
    /// in that order as given.
    pub fn listed(posts: Vec<Post>) -> Posts {
        let mut failures = Failures::default();
        for post in &posts {
            failures.count(post, true);
        }
        Posts {
            order: (0..posts.len()).map(PostId).collect(),
            removed: vec![false; posts.len()],
            by_path: paths(&posts, 0),
            slots: posts,
            failures,
        }
    }

    /// How many posts could not be read, and how many did not parse.
    pub fn failures(&self) -> Failures {
        self.failures
    }

    /// Takes in a batch of newly read posts; returns their ids.
    pub fn extend(&mut self, batch: Vec<Post>) -> Vec<PostId> {
        let first = self.slots.len();
        self.by_path.extend(paths(&batch, first));
        for post in &batch {
            self.failures.count(post, true);
        }
        self.slots.extend(batch);
        self.removed.resize(self.slots.len(), false);
        let mut new: Vec<PostId> = (first..self.slots.len()).map(PostId).collect();
        new.sort_by(|a, b| self.compare(*a, *b));
        // Both runs are sorted: one merge keeps the order without sorting it all again.
        let old = std::mem::take(&mut self.order);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < new.len() {
            if self.compare(old[i], new[j]).is_le() {
                merged.push(old[i]);
                i += 1;
            } else {
                merged.push(new[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&old[i..]);
        merged.extend_from_slice(&new[j..]);
        self.order = merged;
        (first..self.slots.len()).map(PostId).collect()
    }

    /// Puts `post` in the place of `id` (a post edited on disk), keeping its id.
    pub fn replace(&mut self, id: PostId, post: Post) {
        if !self.contains(id) {
            return;
        }
        self.order.retain(|p| *p != id);
        self.by_path.remove(&self.slots[id.index()].relative_path);
        self.by_path.insert(post.relative_path.clone(), id);
        self.failures.count(&self.slots[id.index()], false);
        self.failures.count(&post, true);
        self.slots[id.index()] = post;
        let at = self.order.partition_point(|p| self.compare(*p, id).is_lt());
        self.order.insert(at, id);
    }

    /// Removes `id`: it is no longer listed nor found. Returns whether it was there.
    pub fn remove(&mut self, id: PostId) -> bool {
        if !self.contains(id) {
            return false;
        }
        self.order.retain(|p| *p != id);
        self.by_path.remove(&self.slots[id.index()].relative_path);
        self.failures.count(&self.slots[id.index()], false);
        self.removed[id.index()] = true;
        // Keep the path, so a debug print still says what was there; free the text.
        let gone = &mut self.slots[id.index()];
        *gone = Post {
            path: std::mem::take(&mut gone.path),
            relative_path: std::mem::take(&mut gone.relative_path),
            ..Post::default()
        };
        true
    }

    /// Whether `id` is a post here, not removed.
    pub fn contains(&self, id: PostId) -> bool {
        self.removed.get(id.index()) == Some(&false)
    }

    /// The post at `id`, unless it was removed.
    pub fn get(&self, id: PostId) -> Option<&Post> {
        self.contains(id).then(|| &self.slots[id.index()])
    }

    /// The post whose path relative to the folder is `relative`.
    pub fn find(&self, relative: &Path) -> Option<PostId> {
        self.by_path.get(relative).copied()
    }

    /// The posts at `relative` or under it, when it is a folder.
    pub fn under(&self, relative: &Path) -> Vec<PostId> {
        if let Some(id) = self.find(relative) {
            return vec![id];
        }
        self.order
            .iter()
            .copied()
            .filter(|id| self.slots[id.index()].relative_path.starts_with(relative))
            .collect()
    }

    /// Every slot by id, removed ones included (empty posts), for code that looks posts
    /// up by [`PostId`].
    pub fn slots(&self) -> &[Post] {
        &self.slots
    }

    /// The posts, newest first.
    pub fn newest_first(&self) -> &[PostId] {
        &self.order
    }

    /// The posts, newest first.
    pub fn iter(&self) -> impl Iterator<Item = &Post> {
        self.order.iter().map(|id| &self.slots[id.index()])
    }

    /// How many posts there are (removed ones not counted).
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    fn compare(&self, a: PostId, b: PostId) -> std::cmp::Ordering {
        newest_first(&self.slots[a.index()], &self.slots[b.index()]).then(a.cmp(&b))
    }
}

/// Each post's relative path and its id, the first being `first`.
fn paths(posts: &[Post], first: usize) -> HashMap<PathBuf, PostId> {
    posts
        .iter()
        .enumerate()
        .map(|(i, post)| (post.relative_path.clone(), PostId(first + i)))
        .collect()
}

impl Index<usize> for Posts {
    type Output = Post;

    /// The slot of `PostId(index)`.
    fn index(&self, index: usize) -> &Post {
        &self.slots[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(name: &str, day: Option<u32>) -> Post {
        Post {
            title: name.to_string(),
            relative_path: format!("{name}.md").into(),
            date: day.and_then(|d| {
                chrono::NaiveDate::from_ymd_opt(2024, 1, d).and_then(|d| d.and_hms_opt(0, 0, 0))
            }),
            ..Post::default()
        }
    }

    fn titles(posts: &Posts) -> Vec<&str> {
        posts.iter().map(|p| p.title.as_str()).collect()
    }

    #[test]
    fn posts_arriving_in_batches_keep_their_ids_and_list_newest_first() {
        let mut posts = Posts::new(vec![post("b", Some(2)), post("none", None)]);
        let ids = posts.extend(vec![post("c", Some(3)), post("a", Some(1))]);
        assert_eq!(ids, [PostId(2), PostId(3)]);
        assert_eq!(titles(&posts), ["c", "b", "a", "none"]);
        assert_eq!(posts[0].title, "b", "an id is where the post arrived");
        assert_eq!(posts.newest_first()[0], PostId(2));
    }

    #[test]
    fn posts_that_went_wrong_are_counted_by_what_went_wrong_as_they_come_and_go() {
        let failed = |name: &str, error: &str| Post {
            error: Some(error.to_string()),
            ..post(name, None)
        };
        let mut posts = Posts::listed(vec![
            failed("a", "front matter: YAML error"),
            post("b", Some(1)),
        ]);
        let ids = posts.extend(vec![failed("c", "cannot read: permission denied")]);
        let counts = |posts: &Posts| (posts.failures().unparsed, posts.failures().unreadable);
        assert_eq!(counts(&posts), (1, 1));
        posts.replace(PostId(0), post("a", Some(2)));
        assert_eq!(counts(&posts), (0, 1), "saved again, it parses");
        posts.remove(ids[0]);
        assert_eq!(counts(&posts), (0, 0));
        posts.remove(ids[0]);
        assert_eq!(counts(&posts), (0, 0), "removed once");
    }

    #[test]
    fn an_edited_post_keeps_its_id_and_moves_to_its_new_date() {
        let mut posts = Posts::new(vec![post("a", Some(1)), post("b", Some(2))]);
        posts.replace(PostId(0), post("a", Some(9)));
        assert_eq!(titles(&posts), ["a", "b"]);
        assert_eq!(posts.find(Path::new("a.md")), Some(PostId(0)));
        let mut nested = post("c", None);
        nested.relative_path = "dir/c.md".into();
        let c = posts.extend(vec![nested]);
        assert_eq!(posts.under(Path::new("dir")), c);
    }

    #[test]
    fn a_removed_post_is_neither_listed_nor_found_and_other_ids_stay() {
        let mut posts = Posts::new(vec![post("a", Some(1)), post("b", Some(2))]);
        assert!(posts.remove(PostId(1)));
        assert!(!posts.remove(PostId(1)));
        assert_eq!(titles(&posts), ["a"]);
        assert_eq!(posts.len(), 1);
        assert_eq!(posts.get(PostId(1)), None);
        assert_eq!(posts.find(Path::new("b.md")), None);
        assert_eq!(posts.under(Path::new("b.md")), []);
        assert_eq!(posts.get(PostId(0)).map(|p| p.title.as_str()), Some("a"));
    }
}
