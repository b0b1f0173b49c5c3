//! An index that grows and changes post by post, made of whole [`SearchIndex`] values.
//!
//! A [`SearchIndex`] is built once over a slice of posts and never changes. A folder that
//! is still being read, or that is watched, needs an index that takes posts in as they
//! arrive and takes one post's edit without building everything again. [`Segments`] keeps
//! a list of immutable indexes (one per batch read, one per post re-read), each entry
//! standing for a [`PostId`] of the reader's posts; an entry whose post was replaced or
//! removed since is a tombstone, skipped in results. A query runs over every segment and
//! the hits are merged by the index's own ranking (score, then recency, then path). When
//! segments pile up, the small ones are merged into one, built off the UI thread from
//! their posts ([`Segments::merge_job`], [`Segments::merged`]).

use std::collections::{HashMap, HashSet};

use super::rank::recency_key;
use super::{Query, SearchHit, SearchIndex, SearchOptions};
use crate::library::{Post, PostId};

/// Beyond this many segments the small ones are merged: each query visits every segment,
/// and a few dozen one-post indexes cost more to visit than to merge. A folder read in
/// geometrically growing segments stays below it up to tens of thousands of posts.
const MERGE_ABOVE: usize = 16;

/// How many segments a merge leaves: the smallest are merged into one until this many
/// are left, so a merge copies few posts (the large segments stay as they are).
const MERGE_DOWN_TO: usize = 8;

/// One immutable index and the posts its entries stand for.
#[derive(Debug, Clone)]
struct Segment {
    /// Names the segment across merges, which may finish after it changed.
    serial: u64,
    index: SearchIndex,
    /// The post each entry of `index` stands for, by entry.
    ids: Vec<PostId>,
    /// Posts whose entry here was replaced (by a newer segment) or removed since.
    dead: HashSet<PostId>,
}

/// A search index over posts that arrive, change and go one at a time.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    segments: Vec<Segment>,
    /// The segment holding each post's live entry.
    home: HashMap<PostId, u64>,
    next_serial: u64,
}

/// The segments to merge, and the posts whose entries are live in them: build one
/// [`SearchIndex`] over those posts, in this order, and hand it to [`Segments::merged`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeJob {
    serials: Vec<u64>,
    /// The posts to index, in the order the merged index must hold them.
    pub ids: Vec<PostId>,
}

impl Segments {
    /// One segment over `index`, whose entry `i` is post `PostId(i)`.
    pub fn whole(index: SearchIndex) -> Segments {
        let mut segments = Segments::default();
        segments.reset(index);
        segments
    }

    /// Drops every segment and starts again from `index`, whose entry `i` is post
    /// `PostId(i)`. Merges under way for the old segments will change nothing.
    pub fn reset(&mut self, index: SearchIndex) {
        self.segments.clear();
        self.home.clear();
        let ids = (0..index.len()).map(PostId).collect();
        self.add(index, ids);
    }

    /// Adds `index`, whose entry `i` stands for `ids[i]` (each post once); an older entry
    /// of any of those posts becomes a tombstone.
    pub fn add(&mut self, index: SearchIndex, ids: Vec<PostId>) {
        if ids.is_empty() {
            return;
        }
        let serial = self.next_serial;
        self.next_serial += 1;
        for &id in &ids {
            self.remove(id);
            self.home.insert(id, serial);
        }
        self.segments.push(Segment {
            serial,
            index,
            ids,
            dead: HashSet::new(),
        });
    }

    /// Forgets `post`: its entry becomes a tombstone, found no more.
    pub fn remove(&mut self, post: PostId) {
        let Some(serial) = self.home.remove(&post) else {
            return;
        };
        if let Some(segment) = self.segments.iter_mut().find(|s| s.serial == serial) {
            segment.dead.insert(post);
            if segment.dead.len() == segment.ids.len() {
                self.segments.retain(|s| s.serial != serial);
            }
        }
    }

    /// How many posts are indexed.
    pub fn len(&self) -> usize {
        self.home.len()
    }

    /// Whether no post is indexed.
    pub fn is_empty(&self) -> bool {
        self.home.is_empty()
    }

    /// How many segments there are.
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// [`Segments::search_with`] for a query as typed, with default options.
    pub fn search(&self, posts: &[Post], query: &str, limit: usize) -> Vec<SearchHit> {
        self.search_with(
            posts,
            &Query::parse(query),
            limit,
            &SearchOptions::default(),
        )
    }

    /// The best `limit` posts for `query` across all segments, ranked as one
    /// [`SearchIndex`] would rank them; `posts` (indexed by [`PostId`]) break ties by
    /// recency. Hits name the posts by their [`PostId`].
    pub fn search_with(
        &self,
        posts: &[Post],
        query: &Query,
        limit: usize,
        options: &SearchOptions,
    ) -> Vec<SearchHit> {
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for segment in &self.segments {
            // Tombstones may take places among the segment's best; ask for as many more.
            let wanted = limit.saturating_add(segment.dead.len());
            for mut hit in segment.index.search_with(query, wanted, options) {
                let Some(&id) = segment.ids.get(hit.post.index()) else {
                    continue;
                };
                if !segment.dead.contains(&id) {
                    hit.post = id;
                    hits.push(hit);
                }
            }
        }
        let recency = |hit: &SearchHit| {
            let post = posts.get(hit.post.index());
            (post.is_none(), post.map(recency_key))
        };
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| recency(a).cmp(&recency(b)))
                .then(a.post.cmp(&b.post))
        });
        hits.truncate(limit);
        hits
    }

    /// When segments have piled up: the smallest of them, to be merged into one so that
    /// a few are left.
    pub fn merge_job(&self) -> Option<MergeJob> {
        if self.segments.len() <= MERGE_ABOVE {
            return None;
        }
        let live = |s: &Segment| s.ids.len() - s.dead.len();
        let mut merged: Vec<&Segment> = self.segments.iter().collect();
        merged.sort_by_key(|s| (live(s), s.serial));
        merged.truncate(self.segments.len() - MERGE_DOWN_TO + 1);
        // In the order they were added, so the merged index lists posts as they came.
        merged.sort_by_key(|s| s.serial);
        Some(MergeJob {
            serials: merged.iter().map(|s| s.serial).collect(),
            ids: merged
                .iter()
                .flat_map(|s| s.ids.iter().filter(|id| !s.dead.contains(id)).copied())
                .collect(),
        })
    }

    /// Replaces the segments of `job` with `index`, built over the posts of `job.ids`. A
    /// post changed or removed since the job was made stays as it is now. Returns false,
    /// changing nothing, when none of the segments is left (the index was reset
    /// meanwhile) or `index` does not fit the job.
    pub fn merged(&mut self, job: MergeJob, index: SearchIndex) -> bool {
        let present = |serial: &u64| self.segments.iter().any(|s| s.serial == *serial);
        if index.len() != job.ids.len() || !job.serials.iter().any(present) {
            return false;
        }
        let serial = self.next_serial;
        self.next_serial += 1;
        let mut dead = HashSet::new();
        for &id in &job.ids {
            match self.home.get(&id) {
                Some(home) if job.serials.contains(home) => {
                    self.home.insert(id, serial);
                }
                _ => {
                    dead.insert(id);
                }
            }
        }
        self.segments.retain(|s| !job.serials.contains(&s.serial));
        self.segments.push(Segment {
            serial,
            index,
            ids: job.ids,
            dead,
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::search::testing::{date, post};

    fn ids(hits: &[SearchHit]) -> Vec<usize> {
        hits.iter().map(|h| h.post.index()).collect()
    }

    fn dated(title: &str, body: &str, year: i32) -> Post {
        Post {
            date: date(year, 1, 1),
            ..post(title, body)
        }
    }

    /// Posts of several years, all about 생성형 AI, some in titles.
    fn posts() -> Vec<Post> {
        vec![
            dated("생성형 AI 입문", "본문", 2020),
            dated("잡담", "생성형 이야기", 2024),
            dated("메모", "아무것도", 2023),
            dated("생성형 모델", "확산", 2022),
            dated("일기", "생성형 그림", 2021),
        ]
    }

    #[test]
    fn segments_built_batch_by_batch_rank_like_one_index_over_all_posts() {
        let posts = posts();
        let whole = SearchIndex::build(&posts).search("생성형", 10);
        let mut segments = Segments::default();
        for batch in [0..2, 2..3, 3..5] {
            let index = SearchIndex::build(&posts[batch.clone()]);
            segments.add(index, batch.map(PostId).collect());
        }
        assert_eq!(segments.len(), 5);
        assert_eq!(segments.segment_count(), 3);
        let found = segments.search(&posts, "생성형", 10);
        assert_eq!(ids(&found), ids(&whole));
        assert_eq!(ids(&found), [3, 0, 1, 4], "titles first, then newest");
        assert_eq!(ids(&segments.search(&posts, "생성형", 2)), [3, 0]);
    }

    #[test]
    fn an_edited_post_is_found_by_its_new_text_only_and_a_removed_one_not_at_all() {
        let mut posts = posts();
        let mut segments = Segments::whole(SearchIndex::build(&posts));
        posts[1] = dated("잡담", "이제는 확산 이야기", 2024);
        segments.add(
            SearchIndex::build(std::slice::from_ref(&posts[1])),
            vec![PostId(1)],
        );
        assert_eq!(ids(&segments.search(&posts, "생성형", 10)), [3, 0, 4]);
        assert_eq!(ids(&segments.search(&posts, "확산", 10)), [1, 3]);
        segments.remove(PostId(3));
        assert_eq!(ids(&segments.search(&posts, "확산", 10)), [1]);
        assert_eq!(segments.len(), 4);
    }

    #[test]
    fn a_tombstone_does_not_take_the_place_of_a_live_hit() {
        let posts = posts();
        let mut segments = Segments::whole(SearchIndex::build(&posts));
        segments.remove(PostId(3));
        segments.remove(PostId(0));
        assert_eq!(ids(&segments.search(&posts, "생성형", 1)), [1]);
    }

    #[test]
    fn piled_up_segments_merge_into_one_and_keep_edits_made_meanwhile() {
        let mut posts: Vec<Post> = (0..20)
            .map(|i| dated(&format!("글 {i}"), "생성형", 2000 + i))
            .collect();
        let mut segments = Segments::default();
        for (i, post) in posts.iter().enumerate() {
            segments.add(
                SearchIndex::build(std::slice::from_ref(post)),
                vec![PostId(i)],
            );
        }
        let job = segments.merge_job().expect("twenty segments pile up");
        assert_eq!(job.ids.len(), 13, "the smallest, so that eight are left");
        let snapshot: Vec<Post> = job.ids.iter().map(|id| posts[id.index()].clone()).collect();
        // An edit arrives while the merge is built off the UI thread.
        let edited = job.ids[0];
        posts[edited.index()] = dated("글", "확산", 1990);
        segments.add(
            SearchIndex::build(std::slice::from_ref(&posts[edited.index()])),
            vec![edited],
        );
        assert!(segments.merged(job.clone(), SearchIndex::build(&snapshot)));
        assert_eq!(
            segments.segment_count(),
            9,
            "seven left, the merge, the edit"
        );
        assert_eq!(segments.len(), 20);
        let found = segments.search(&posts, "생성형", 100);
        assert_eq!(found.len(), 19, "the edited post is no longer about 생성형");
        assert!(!ids(&found).contains(&edited.index()));
        assert_eq!(ids(&segments.search(&posts, "확산", 100)), [edited.index()]);
        let again = segments.merge_job();
        segments.reset(SearchIndex::build(&posts));
        let stale = again.unwrap_or(job);
        let index = SearchIndex::build(&vec![Post::default(); stale.ids.len()]);
        assert!(
            !segments.merged(stale, index),
            "a job from before a reset changes nothing"
        );
        assert_eq!(segments.segment_count(), 1);
    }
}
