//! Rendered articles, kept per (post, pane width) so an article is parsed and wrapped once
//! per width and a frame only slices lines that are already there.

use std::num::NonZeroUsize;
use std::sync::Arc;

use lru::LruCache;

use crate::library::PostId;
use crate::markdown::Article;

/// Renders kept at most. A resize drag makes one render per width passed through; the
/// widths least recently shown are dropped first.
const CAPACITY: NonZeroUsize = NonZeroUsize::new(48).expect("48 is not zero");

/// A least-recently-used cache of rendered articles keyed by post and width.
#[derive(Debug)]
pub struct RenderCache {
    renders: LruCache<(PostId, u16), Arc<Article>>,
}

impl Default for RenderCache {
    fn default() -> Self {
        RenderCache {
            renders: LruCache::new(CAPACITY),
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

    /// Forgets the renders of `post` at every width (it changed on disk).
    pub fn forget(&mut self, post: PostId) {
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
