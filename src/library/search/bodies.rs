//! How the index holds the bodies: each post's own text, shared with the post and searched
//! in place, plus a compact 초성 projection of it; a folded copy only where folding
//! changes more than ASCII capitals.
//!
//! Folding (NFC, lowercase) leaves nearly all text as it is, or changes only ASCII capitals.
//! Such a body is searched as it is, ASCII case ignored (see [`Hay::caseless`]), which
//! finds exactly what searching its folded form would, at the same offsets. Only a body in
//! NFD or with non-ASCII capitals keeps a folded copy here.

use std::ops::Range;

use super::projection::{Compact, Hay, Proj, compact_fill, compact_len, compact_marks, marks_len};
use crate::library::Body;
use crate::library::parallel::parallel_fill_runs;
use crate::text::fold::{fold_cow, fold_with_map};

/// A post's body as searched.
#[derive(Debug, Clone)]
enum Text {
    /// Folding changes at most ASCII capitals (`upper`: whether there are any), so the
    /// original is searched in place.
    Shared { body: Body, upper: bool },
    /// Folding changes more: its folded copy is searched, the original kept for snippets.
    Folded { original: Body, folded: Box<str> },
}

impl Text {
    fn new(body: &Body) -> Text {
        let folded = match fold_cow(body) {
            std::borrow::Cow::Borrowed(_) => {
                return Text::Shared {
                    body: body.clone(),
                    upper: false,
                };
            }
            std::borrow::Cow::Owned(folded) => folded,
        };
        if folded.len() == body.len() && folded.eq_ignore_ascii_case(body) {
            // Equal but for ASCII case, and the folded text has no capitals: only ASCII
            // capitals changed.
            return Text::Shared {
                body: body.clone(),
                upper: true,
            };
        }
        Text::Folded {
            original: body.clone(),
            folded: folded.into_boxed_str(),
        }
    }

    /// The text searched, and whether ASCII case is to be ignored in it.
    fn searched(&self) -> (&str, bool) {
        match self {
            Text::Shared { body, upper } => (body, *upper),
            Text::Folded { folded, .. } => (folded, false),
        }
    }
}

/// The bodies of all posts (see the module documentation).
#[derive(Debug, Clone, Default)]
pub(super) struct Bodies {
    texts: Vec<Text>,
    /// Where each post's text would start if all were back to back, each followed by
    /// `\n`; one more entry at the end. Code ranges are kept in these offsets.
    pub(super) starts: Vec<usize>,
    /// Each post's compact projection, back to back: post `i`'s is
    /// `compact[compact_starts[i]..compact_starts[i + 1]]`, empty when it has no Hangul.
    compact: Vec<u8>,
    compact_starts: Vec<usize>,
    /// Each post's compact marks (see [`Compact`]), back to back like `compact`.
    marks: Vec<u32>,
    mark_starts: Vec<usize>,
}

impl Bodies {
    /// Number of posts.
    pub(super) fn len(&self) -> usize {
        self.texts.len()
    }

    /// Post `i`'s body as searched: its text, its projection, and whether to ignore case.
    pub(super) fn hay(&self, i: usize) -> Hay<'_> {
        let (text, caseless) = self.texts[i].searched();
        let compact = &self.compact[self.compact_starts[i]..self.compact_starts[i + 1]];
        let proj = if compact.is_empty() {
            // No Hangul: no projection pattern (they all hold a 초성 slot) can match, and
            // the text itself has no slot bytes.
            Proj::Full(text.as_bytes())
        } else {
            Proj::Compact(Compact::new(
                compact,
                &self.marks[self.mark_starts[i]..self.mark_starts[i + 1]],
            ))
        };
        Hay {
            folded: text.as_bytes(),
            proj,
            caseless,
        }
    }

    /// Post `i`'s body as searched, and whether ASCII case is to be ignored in it.
    pub(super) fn text(&self, i: usize) -> (&str, bool) {
        self.texts[i].searched()
    }

    /// The original text of `range` of post `i`'s searched text (on its char boundaries),
    /// and where `inner`, a range inside it, lies in that text.
    pub(super) fn window(
        &self,
        i: usize,
        range: Range<usize>,
        inner: Range<usize>,
    ) -> (String, Range<usize>) {
        match &self.texts[i] {
            Text::Shared { body, .. } => {
                (body[range.clone()].to_owned(), shift(&inner, range.start))
            }
            Text::Folded { original, .. } => {
                let map = fold_with_map(original);
                let outer = map.to_original(range);
                let inner = map.to_original(inner);
                (
                    original[outer.clone()].to_owned(),
                    shift(&inner, outer.start),
                )
            }
        }
    }

    /// Maps a range of post `i`'s searched text to its `Post::body`.
    pub(super) fn to_original(&self, i: usize, range: Range<usize>) -> Range<usize> {
        match &self.texts[i] {
            Text::Shared { .. } => range,
            Text::Folded { original, .. } => fold_with_map(original).to_original(range),
        }
    }

    /// Heap memory held here, not counting the shared bodies.
    pub(super) fn heap_bytes(&self) -> usize {
        let folded: usize = self
            .texts
            .iter()
            .map(|t| match t {
                Text::Folded { folded, .. } => folded.len(),
                Text::Shared { .. } => 0,
            })
            .sum();
        folded
            + self.texts.capacity() * std::mem::size_of::<Text>()
            + self.compact.capacity()
            + self.marks.capacity() * 4
            + (self.starts.capacity()
                + self.compact_starts.capacity()
                + self.mark_starts.capacity())
                * std::mem::size_of::<usize>()
    }

    /// The bytes of the shared bodies, which the posts hold too.
    pub(super) fn shared_bytes(&self) -> usize {
        self.texts
            .iter()
            .map(|t| match t {
                Text::Shared { body, .. } => body.len(),
                Text::Folded { original, .. } => original.len(),
            })
            .sum()
    }

    /// Adds a post's body; returns where its text starts in the offsets of
    /// [`Bodies::starts`], and whether a folded copy is searched instead of the original.
    /// Its compact projection is only measured here: [`Bodies::project`] makes all of
    /// them at once.
    pub(super) fn push(&mut self, body: &Body) -> (usize, bool) {
        if self.starts.is_empty() {
            self.starts.push(0);
            self.compact_starts.push(0);
            self.mark_starts.push(0);
        }
        let text = Text::new(body);
        let (searched, _) = text.searched();
        let base = self.starts[self.starts.len() - 1];
        self.starts.push(base + searched.len() + 1);
        let compact = compact_len(searched);
        let marks = if compact == 0 {
            0
        } else {
            marks_len(searched.len())
        };
        let ends = |starts: &[usize], len| starts.last().copied().unwrap_or(0) + len;
        self.compact_starts
            .push(ends(&self.compact_starts, compact));
        self.mark_starts.push(ends(&self.mark_starts, marks));
        let folded = matches!(text, Text::Folded { .. });
        self.texts.push(text);
        (base, folded)
    }

    /// Appends `other` (not yet projected), whose code ranges shift by the returned
    /// offset.
    pub(super) fn append(&mut self, other: Bodies) -> usize {
        if other.texts.is_empty() {
            return self.starts.last().copied().unwrap_or(0);
        }
        if self.starts.is_empty() {
            *self = other;
            return 0;
        }
        let base = self.starts[self.starts.len() - 1];
        let compact = self.compact_starts.last().copied().unwrap_or(0);
        let marks = self.mark_starts.last().copied().unwrap_or(0);
        self.starts
            .extend(other.starts[1..].iter().map(|s| s + base));
        self.compact_starts
            .extend(other.compact_starts[1..].iter().map(|s| s + compact));
        self.mark_starts
            .extend(other.mark_starts[1..].iter().map(|s| s + marks));
        self.texts.extend(other.texts);
        base
    }

    /// Makes every body's compact projection and marks, measured by [`Bodies::push`], in
    /// one buffer each of the exact size, filled in place on all cores: building them per
    /// thread and joining the parts would hold the parts and the whole at once.
    pub(super) fn project(&mut self) {
        let texts = &self.texts;
        let total = |starts: &[usize]| starts.last().copied().unwrap_or(0);
        // Zeroed, so the allocator maps fresh pages rather than writing them twice.
        let mut compact = vec![0u8; total(&self.compact_starts)];
        parallel_fill_runs(&mut compact, &self.compact_starts, |i, out| {
            if !out.is_empty() {
                compact_fill(texts[i].searched().0, out);
            }
        });
        let mut marks = vec![0u32; total(&self.mark_starts)];
        parallel_fill_runs(&mut marks, &self.mark_starts, |i, out| {
            if !out.is_empty() {
                compact_marks(texts[i].searched().0, out);
            }
        });
        self.compact = compact;
        self.marks = marks;
    }

    /// Gives back the room left over from building.
    pub(super) fn shrink_to_fit(&mut self) {
        if self.starts.is_empty() {
            self.starts.push(0);
            self.compact_starts.push(0);
            self.mark_starts.push(0);
        }
        self.texts.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.compact.shrink_to_fit();
        self.compact_starts.shrink_to_fit();
        self.marks.shrink_to_fit();
        self.mark_starts.shrink_to_fit();
    }
}

/// `r` moved back by `by`.
pub(super) fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start.saturating_sub(by)..r.end.saturating_sub(by)
}
