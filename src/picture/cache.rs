//! Each picture decoded and scaled once per size: the lines drawn for a (file, version,
//! box, background) are kept, up to a byte budget, least recently used first out. A
//! picture that failed is kept too, so a broken file is not read again on every frame.

use std::mem::size_of;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use lru::LruCache;
use ratatui::text::{Line, Span};

use super::{PictureError, PictureLimits, decode, half_blocks};

/// A picture drawn, or why it is not: shared, so a frame takes it without copying.
pub type Rendered = Result<Arc<Vec<Line<'static>>>, Arc<PictureError>>;

/// What a drawing depends on. The modification time makes an edited picture a new entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PictureKey {
    /// The picture file (resolved, see [`crate::library::images`]).
    pub path: PathBuf,
    /// The file's modification time; `None` when it could not be read (then the entry is
    /// the error, and a file that appears later has a time and so a new key).
    pub modified: Option<SystemTime>,
    /// The most columns the picture may take.
    pub columns: u16,
    /// The most rows the picture may take.
    pub max_rows: u16,
    /// The colour transparent pixels are blended over.
    pub background: [u8; 3],
}

impl PictureKey {
    /// The key for the file at `path` as it is now: its modification time is read (a
    /// `stat`, which never blocks on a FIFO).
    pub fn for_file(path: &Path, columns: u16, max_rows: u16, background: [u8; 3]) -> Self {
        PictureKey {
            path: path.to_path_buf(),
            modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            columns,
            max_rows,
            background,
        }
    }
}

/// Decodes the picture of `key` within `limits` and draws it in half blocks for its box.
/// Slow for a large picture (a 12-megapixel photo takes a good part of a second), so the
/// reader calls it off the UI thread.
pub fn render(key: &PictureKey, limits: &PictureLimits) -> Rendered {
    let image = decode(&key.path, limits).map_err(Arc::new)?;
    Ok(Arc::new(half_blocks(
        &image,
        key.columns,
        key.max_rows,
        key.background,
    )))
}

/// Drawn pictures, least recently used first out once over a byte budget.
pub struct PictureCache {
    entries: LruCache<PictureKey, (Rendered, usize)>,
    bytes: usize,
    budget: usize,
}

impl PictureCache {
    /// 16 MiB: a few dozen full-width pictures; a drawing is ~60 bytes a span.
    pub const DEFAULT_BUDGET: usize = 16 * 1024 * 1024;

    /// An empty cache holding about `budget` bytes of drawings.
    pub fn new(budget: usize) -> Self {
        PictureCache {
            entries: LruCache::unbounded(),
            bytes: 0,
            budget,
        }
    }

    /// The drawing for `key` if it is kept; it becomes the most recently used.
    pub fn get(&mut self, key: &PictureKey) -> Option<Rendered> {
        self.entries.get(key).map(|(rendered, _)| rendered.clone())
    }

    /// Keeps `rendered` for `key`, dropping the least recently used drawings until the
    /// cache is within its budget again. The newest drawing stays even when it alone is
    /// over the budget: dropping it would mean decoding it again on the next frame.
    pub fn insert(&mut self, key: PictureKey, rendered: Rendered) {
        let cost = cost(&key, &rendered);
        if let Some((_, (_, old))) = self.entries.push(key, (rendered, cost)) {
            // The same key's old drawing (an unbounded cache pushes nothing else out).
            self.bytes = self.bytes.saturating_sub(old);
        }
        self.bytes = self.bytes.saturating_add(cost);
        while self.bytes > self.budget && self.entries.len() > 1 {
            match self.entries.pop_lru() {
                Some((_, (_, dropped))) => self.bytes = self.bytes.saturating_sub(dropped),
                None => break,
            }
        }
    }

    /// The drawing for `key`, made by `render` and kept if it is not kept yet.
    pub fn get_or_insert_with(
        &mut self,
        key: PictureKey,
        render: impl FnOnce(&PictureKey) -> Rendered,
    ) -> Rendered {
        if let Some(rendered) = self.get(&key) {
            return rendered;
        }
        let rendered = render(&key);
        self.insert(key, rendered.clone());
        rendered
    }

    /// How many drawings are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// About how many bytes the kept drawings take.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

impl Default for PictureCache {
    fn default() -> Self {
        PictureCache::new(Self::DEFAULT_BUDGET)
    }
}

/// About how many bytes an entry takes: the key, the lines, their spans and text.
fn cost(key: &PictureKey, rendered: &Rendered) -> usize {
    let drawing = match rendered {
        Ok(lines) => lines
            .iter()
            .map(|line| {
                size_of::<Line<'static>>()
                    + line
                        .spans
                        .iter()
                        .map(|span| size_of::<Span<'static>>() + span.content.len())
                        .sum::<usize>()
            })
            .sum(),
        Err(error) => size_of::<PictureError>() + error.to_string().len(),
    };
    size_of::<PictureKey>() + key.path.as_os_str().len() + drawing
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::time::Duration;

    use ratatui::text::Line;

    use super::*;

    fn key(name: &str, columns: u16) -> PictureKey {
        PictureKey {
            path: PathBuf::from(name),
            modified: Some(SystemTime::UNIX_EPOCH),
            columns,
            max_rows: 24,
            background: [0, 0, 0],
        }
    }

    /// A drawing of `lines` lines of `width` cells each, all of one span.
    fn drawing(lines: usize, width: usize) -> Rendered {
        Ok(Arc::new(vec![Line::from("▀".repeat(width)); lines]))
    }

    #[test]
    fn a_picture_is_drawn_once_per_size() {
        let mut cache = PictureCache::default();
        let calls = Cell::new(0);
        let render = |_: &PictureKey| {
            calls.set(calls.get() + 1);
            drawing(2, 4)
        };
        let first = cache.get_or_insert_with(key("a.png", 40), render);
        let again = cache.get_or_insert_with(key("a.png", 40), render);
        assert_eq!(calls.get(), 1);
        assert!(Arc::ptr_eq(
            first.as_ref().unwrap(),
            again.as_ref().unwrap()
        ));
        let _ = cache.get_or_insert_with(key("a.png", 80), render);
        assert_eq!(calls.get(), 2, "another width is another drawing");
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn an_edited_picture_is_a_miss() {
        let mut cache = PictureCache::default();
        cache.insert(key("a.png", 40), drawing(1, 1));
        let mut edited = key("a.png", 40);
        edited.modified = Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1));
        assert!(cache.get(&edited).is_none());
        let mut other_background = key("a.png", 40);
        other_background.background = [255, 255, 255];
        assert!(cache.get(&other_background).is_none());
        assert!(cache.get(&key("a.png", 40)).is_some());
    }

    #[test]
    fn errors_are_kept_too() {
        let mut cache = PictureCache::default();
        let calls = Cell::new(0);
        for _ in 0..3 {
            let rendered = cache.get_or_insert_with(key("gone.png", 40), |_| {
                calls.set(calls.get() + 1);
                Err(Arc::new(PictureError::Missing))
            });
            assert_eq!(*rendered.unwrap_err(), PictureError::Missing);
        }
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn the_least_recently_used_drawing_goes_first() {
        let one = cost(&key("a.png", 40), &drawing(10, 40));
        let mut cache = PictureCache::new(one * 2 + one / 2);
        cache.insert(key("a.png", 40), drawing(10, 40));
        cache.insert(key("b.png", 40), drawing(10, 40));
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.bytes(), 2 * one);
        // `a` was seen last, so `b` is the least recently used.
        assert!(cache.get(&key("a.png", 40)).is_some());
        cache.insert(key("c.png", 40), drawing(10, 40));
        assert_eq!(cache.len(), 2);
        assert!(cache.get(&key("b.png", 40)).is_none());
        assert!(cache.get(&key("a.png", 40)).is_some());
        assert!(cache.get(&key("c.png", 40)).is_some());
        assert!(cache.bytes() <= one * 2 + one / 2);
    }

    #[test]
    fn replacing_an_entry_does_not_count_it_twice() {
        let mut cache = PictureCache::default();
        cache.insert(key("a.png", 40), drawing(10, 40));
        let once = cache.bytes();
        cache.insert(key("a.png", 40), drawing(10, 40));
        assert_eq!(cache.bytes(), once);
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_drawing_over_the_whole_budget_is_still_kept_alone() {
        let mut cache = PictureCache::new(100);
        cache.insert(key("a.png", 40), drawing(1, 1));
        cache.insert(key("huge.png", 200), drawing(60, 200));
        assert_eq!(cache.len(), 1);
        assert!(cache.get(&key("huge.png", 200)).is_some());
    }

    #[test]
    fn a_sample_picture_renders_through_the_cache() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("posts/sites/hugo-blog/static/images/mountains.png");
        let key = PictureKey::for_file(&path, 40, 100, [0, 0, 0]);
        assert!(key.modified.is_some());
        let mut cache = PictureCache::default();
        let limits = PictureLimits::default();
        let lines = cache
            .get_or_insert_with(key.clone(), |k| render(k, &limits))
            .unwrap();
        assert_eq!(lines.len(), 12);
        assert!(cache.get(&key).is_some());

        let gone = PictureKey::for_file(&path.with_file_name("gone.png"), 40, 100, [0, 0, 0]);
        assert!(gone.modified.is_none());
        assert_eq!(*render(&gone, &limits).unwrap_err(), PictureError::Missing);
    }
}
