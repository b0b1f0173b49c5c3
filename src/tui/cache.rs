//! Rendered articles, kept per (post, pane width) so an article is parsed and wrapped once
//! per width and a frame only slices lines that are already there.
//!
//! A long article is rendered progressively: its first screens at once, the rest a chunk
//! at a time while the reader is idle (see [`RenderCache::start`]). The render under way
//! lives beside the finished ones; what it has rendered so far is kept in the cache like a
//! finished render, so drawing never waits, and it grows in place until it is complete.

use std::num::NonZeroUsize;
use std::sync::Arc;

use lru::LruCache;

use crate::library::PostId;
use crate::markdown::{Anchor, Article, ArticleRenderer};

/// Renders kept at most. A resize drag makes one render per width passed through; the
/// widths least recently shown are dropped first.
const CAPACITY: NonZeroUsize = NonZeroUsize::new(48).expect("48 is not zero");

/// A least-recently-used cache of rendered articles keyed by post and width.
pub struct RenderCache {
    renders: LruCache<(PostId, u16), Arc<Article>>,
    /// The render still under way, and whose it is; its rows so far are in `renders`.
    pending: Option<((PostId, u16), ArticleRenderer)>,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache")
            .field("renders", &self.renders.len())
            .field("pending", &self.pending.as_ref().map(|(key, _)| *key))
            .finish()
    }
}

impl Default for RenderCache {
    fn default() -> Self {
        RenderCache {
            renders: LruCache::new(CAPACITY),
            pending: None,
        }
    }
}

impl RenderCache {
    /// The render of `post` at `width`, if cached. Reading does not change which render is
    /// dropped next, so drawing can read through `&self`.
    pub fn get(&self, post: PostId, width: u16) -> Option<&Arc<Article>> {
        self.renders.peek(&(post, width))
    }

    /// Whether `post` at `width` is cached; marks it as just used.
    pub fn touch(&mut self, post: PostId, width: u16) -> bool {
        self.renders.get(&(post, width)).is_some()
    }

    /// Keeps `article` as the render of `post` at `width`, dropping the least recently used
    /// render when full.
    pub fn insert(&mut self, post: PostId, width: u16, article: Article) {
        self.renders.put((post, width), Arc::new(article));
    }

    /// Starts rendering `post` at `width` with `renderer` (which may have rendered some
    /// rows already): what it has is kept at once, the rest comes with [`Self::advance`],
    /// [`Self::render_until`] or [`Self::complete`]. A render under way for another post or
    /// width is dropped: nobody is waiting for it any more.
    pub fn start(&mut self, post: PostId, width: u16, renderer: ArticleRenderer) {
        let key = (post, width);
        self.renders.put(key, Arc::new(renderer.article().clone()));
        self.pending = (!renderer.is_complete()).then_some((key, renderer));
    }

    /// Whether a render is under way.
    pub fn is_rendering(&self) -> bool {
        self.pending.is_some()
    }

    /// Renders the pending render of `post` at `width` until it has `rows` rows (or is
    /// complete).
    pub fn render_until(&mut self, post: PostId, width: u16, rows: usize) {
        self.with_pending(post, width, |renderer| {
            renderer.render_until(rows);
        });
    }

    /// Renders the pending render of `post` at `width` until the row of `anchor` and
    /// `after` rows below it exist: a place found again after a resize.
    pub fn render_through(&mut self, post: PostId, width: u16, anchor: Anchor, after: usize) {
        self.with_pending(post, width, |renderer| {
            renderer.render_through(anchor, after);
        });
    }

    /// Renders all of the pending render of `post` at `width`, for what needs the whole
    /// article (search matches, chips, the last row, a heading far down).
    pub fn complete(&mut self, post: PostId, width: u16) {
        self.with_pending(post, width, |renderer| while renderer.render_next() {});
    }

    /// Renders one more chunk of the pending render, whatever it is; returns whether any
    /// render is still under way.
    pub fn advance(&mut self) -> bool {
        if let Some(((post, width), _)) = &self.pending {
            let (post, width) = (*post, *width);
            self.with_pending(post, width, |renderer| {
                renderer.render_next();
            });
        }
        self.pending.is_some()
    }

    /// Runs `step` on the pending render of `post` at `width`, if that is the one under
    /// way, and copies the rows it added into the kept render.
    fn with_pending(&mut self, post: PostId, width: u16, step: impl FnOnce(&mut ArticleRenderer)) {
        let key = (post, width);
        let Some((pending_key, renderer)) = self.pending.as_mut() else {
            return;
        };
        if *pending_key != key {
            return;
        }
        step(renderer);
        let Some(kept) = self.renders.get_mut(&key) else {
            // Dropped from the cache meanwhile: nothing is shown from it any more.
            self.pending = None;
            return;
        };
        append_new_rows(Arc::make_mut(kept), renderer.article());
        if renderer.is_complete() {
            self.pending = None;
        }
    }

    /// Forgets the renders of `post` at every width (it changed on disk).
    pub fn forget(&mut self, post: PostId) {
        if self.pending.as_ref().is_some_and(|((p, _), _)| *p == post) {
            self.pending = None;
        }
        let stale: Vec<(PostId, u16)> = self
            .renders
            .iter()
            .map(|(key, _)| *key)
            .filter(|(p, _)| *p == post)
            .collect();
        for key in stale {
            self.renders.pop(&key);
        }
    }

    /// Forgets every render (the posts were read again).
    pub fn clear(&mut self) {
        self.renders.clear();
        self.pending = None;
    }

    /// How many renders are kept.
    pub fn len(&self) -> usize {
        self.renders.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.renders.is_empty()
    }
}

/// Copies into `kept` the rows of `grown` past those it has: `kept` is a prefix of
/// `grown`, rows and chips and block lines alike.
fn append_new_rows(kept: &mut Article, grown: &Article) {
    let rows = kept.lines.len();
    kept.lines
        .extend_from_slice(grown.lines.get(rows..).unwrap_or_default());
    kept.anchors
        .extend_from_slice(grown.anchors.get(rows..).unwrap_or_default());
    let chips = kept.chips.len();
    kept.chips
        .extend_from_slice(grown.chips.get(chips..).unwrap_or_default());
    let blocks = kept.block_lines.len();
    kept.block_lines
        .extend_from_slice(grown.block_lines.get(blocks..).unwrap_or_default());
    let folds = kept.folds.len();
    kept.folds
        .extend_from_slice(grown.folds.get(folds..).unwrap_or_default());
    let pictures = kept.pictures.len();
    kept.pictures
        .extend_from_slice(grown.pictures.get(pictures..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str) -> Article {
        Article {
            lines: vec![ratatui::text::Line::from(title.to_string())],
            ..Article::default()
        }
    }

    #[test]
    fn the_least_recently_used_render_is_dropped_first() {
        let mut cache = RenderCache::default();
        for width in 0..CAPACITY.get() as u16 {
            cache.insert(PostId(0), width, article("a"));
        }
        assert!(cache.touch(PostId(0), 0), "the oldest width is used again");
        cache.insert(PostId(1), 80, article("b"));
        assert_eq!(cache.len(), CAPACITY.get());
        assert!(cache.get(PostId(0), 0).is_some(), "just used, so kept");
        assert!(
            cache.get(PostId(0), 1).is_none(),
            "least recently used, so dropped"
        );
        assert!(cache.get(PostId(1), 80).is_some());
    }

    #[test]
    fn renders_are_kept_per_post_and_width() {
        let mut cache = RenderCache::default();
        cache.insert(PostId(3), 60, article("sixty"));
        assert!(cache.get(PostId(3), 61).is_none());
        assert!(cache.get(PostId(2), 60).is_none());
        let kept = cache.get(PostId(3), 60).map(|a| a.lines.len());
        assert_eq!(kept, Some(1));
        cache.clear();
        assert!(cache.is_empty());
    }
}
