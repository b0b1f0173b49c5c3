//! How the index stores text: one column per field with every post's folded text back to
//! back, the original short fields beside it, and the way back from a folded body to the
//! original.

use std::ops::Range;

use super::projection::{Compact, Hay, Proj, compact_into, project_into};
use crate::text::fold::fold_with_map;

/// One field of every post: folded texts back to back, each followed by `\n`.
#[derive(Debug, Clone, Default)]
pub(super) struct Column {
    pub(super) folded: String,
    proj: Projection,
    /// Start of each post's text; one more entry at the end (the total length).
    pub(super) starts: Vec<usize>,
}

/// A column's 초성 projection (see [`super::projection`]).
#[derive(Debug, Clone, Default)]
enum Projection {
    /// The column has no Hangul: the projection is `folded` itself.
    #[default]
    Same,
    Stored(Box<[u8]>),
    /// One byte per character: for the body column, where the full projection would cost
    /// as much memory as all the bodies.
    Compact(Compact),
}

impl Column {
    pub(super) fn hay(&self) -> Hay<'_> {
        match &self.proj {
            Projection::Same => Hay::new(&self.folded, None),
            Projection::Stored(proj) => Hay::new(&self.folded, Some(proj)),
            Projection::Compact(compact) => Hay {
                folded: self.folded.as_bytes(),
                proj: Proj::Compact(compact),
            },
        }
    }

    /// Byte range of post `i`'s text, without the separator.
    pub(super) fn range(&self, i: usize) -> Range<usize> {
        self.starts[i]..self.starts[i + 1] - 1
    }

    pub(super) fn text(&self, i: usize) -> &str {
        &self.folded[self.range(i)]
    }

    /// The post whose text contains byte `pos`.
    pub(super) fn post_at(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    pub(super) fn bytes(&self) -> usize {
        let proj = match &self.proj {
            Projection::Stored(proj) => proj.len(),
            Projection::Compact(compact) => compact.heap_bytes(),
            Projection::Same => 0,
        };
        self.folded.capacity() + proj + self.starts.capacity() * std::mem::size_of::<usize>()
    }
}

/// Builds a [`Column`] (or a part of one, for one thread's share of the posts).
#[derive(Default)]
pub(super) struct ColumnBuilder {
    pub(super) folded: String,
    proj: Vec<u8>,
    starts: Vec<usize>,
    projected: bool,
    /// Keep the compact projection instead of the full one.
    compact: bool,
}

impl ColumnBuilder {
    /// A builder of a column with a compact projection (see [`Compact`]), with room for
    /// `posts` texts of `bytes` in all, so the text never grows to twice what it needs.
    pub(super) fn compact(posts: usize, bytes: usize) -> ColumnBuilder {
        ColumnBuilder {
            folded: String::with_capacity(bytes + posts),
            // Korean text has about one character per two bytes.
            proj: Vec::with_capacity(bytes / 2 + posts),
            starts: Vec::with_capacity(posts + 1),
            compact: true,
            ..ColumnBuilder::default()
        }
    }

    pub(super) fn push(&mut self, folded: &str) {
        self.starts.push(self.folded.len());
        self.folded.push_str(folded);
        self.folded.push('\n');
        if self.compact {
            self.projected |= compact_into(folded, &mut self.proj);
        } else {
            self.projected |= project_into(folded, &mut self.proj);
        }
        self.proj.push(b'\n');
    }

    /// Room for `others` to be appended, taken exactly, so appending them grows nothing
    /// to twice its size.
    pub(super) fn reserve_for<'a>(&mut self, others: impl Iterator<Item = &'a ColumnBuilder>) {
        let (mut text, mut proj) = (0, 0);
        for other in others {
            text += other.folded.len();
            proj += other.proj.len();
        }
        self.folded.reserve_exact(text);
        self.proj.reserve_exact(proj);
    }

    pub(super) fn append(&mut self, other: ColumnBuilder) {
        let base = self.folded.len();
        self.starts.extend(other.starts.iter().map(|s| s + base));
        self.folded.push_str(&other.folded);
        self.proj.extend_from_slice(&other.proj);
        self.projected |= other.projected;
    }

    pub(super) fn finish(mut self) -> Column {
        self.starts.push(self.folded.len());
        self.starts.shrink_to_fit();
        self.folded.shrink_to_fit();
        let proj = if !self.projected {
            Projection::Same
        } else if self.compact {
            self.proj.shrink_to_fit();
            match Compact::new(self.proj, &self.folded) {
                Some(compact) => Projection::Compact(compact),
                None => {
                    let mut full = Vec::with_capacity(self.folded.len());
                    project_into(&self.folded, &mut full);
                    Projection::Stored(full.into_boxed_slice())
                }
            }
        } else {
            Projection::Stored(self.proj.into_boxed_slice())
        };
        Column {
            folded: self.folded,
            proj,
            starts: self.starts,
        }
    }
}

/// Original texts back to back, for snippets of the short fields.
#[derive(Debug, Clone, Default)]
pub(super) struct Originals {
    text: String,
    starts: Vec<usize>,
}

impl Originals {
    pub(super) fn push(&mut self, s: &str) {
        self.starts.push(self.text.len());
        self.text.push_str(s);
    }

    pub(super) fn append(&mut self, other: Originals) {
        let base = self.text.len();
        self.starts.extend(other.starts.iter().map(|s| s + base));
        self.text.push_str(&other.text);
    }

    pub(super) fn get(&self, i: usize) -> &str {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        &self.text[self.starts[i]..end]
    }

    pub(super) fn bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * std::mem::size_of::<usize>()
    }

    /// Gives back the room left over from building.
    pub(super) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

/// How to get a post's original body back from its folded one, without storing a second
/// copy for the common case of NFC text whose only changes are ASCII capitals.
#[derive(Debug, Clone)]
pub(super) enum Restore {
    /// Folding changed nothing.
    Same,
    /// Only these byte positions were ASCII capitals.
    AsciiUpper(Box<[u32]>),
    /// Anything else (NFD text, non-ASCII capitals): the original itself.
    Changed(Box<str>),
}

impl Restore {
    pub(super) fn new(original: &str, folded: &str) -> Restore {
        if original == folded {
            return Restore::Same;
        }
        if original.len() == folded.len() {
            let mut upper = Vec::new();
            let ok = original
                .bytes()
                .zip(folded.bytes())
                .enumerate()
                .all(|(i, (o, f))| {
                    if o == f {
                        return true;
                    }
                    let fits = o.is_ascii_uppercase() && o.to_ascii_lowercase() == f;
                    fits && u32::try_from(i).map(|i| upper.push(i)).is_ok()
                });
            // Many capitals (an English post in SHOUTING) are cheaper stored as text.
            if ok && upper.len() * 4 < original.len() {
                return Restore::AsciiUpper(upper.into_boxed_slice());
            }
        }
        Restore::Changed(original.into())
    }

    pub(super) fn bytes(&self) -> usize {
        match self {
            Restore::Same => 0,
            Restore::AsciiUpper(p) => p.len() * 4,
            Restore::Changed(s) => s.len(),
        }
    }

    /// The original text of `folded[range]` (on char boundaries of `folded`, the post's
    /// whole folded body), and where the folded match `inner` lies inside it.
    pub(super) fn window(
        &self,
        folded: &str,
        range: Range<usize>,
        inner: Range<usize>,
    ) -> (String, Range<usize>) {
        match self {
            Restore::Same => (folded[range.clone()].to_owned(), shift(&inner, range.start)),
            Restore::AsciiUpper(positions) => {
                let mut bytes = folded.as_bytes()[range.clone()].to_vec();
                let first = positions.partition_point(|&p| (p as usize) < range.start);
                for &p in positions[first..]
                    .iter()
                    .take_while(|&&p| (p as usize) < range.end)
                {
                    let i = p as usize - range.start;
                    bytes[i] = bytes[i].to_ascii_uppercase();
                }
                // Uppercasing ASCII letters keeps UTF-8 valid; the fallback is unreachable.
                let text =
                    String::from_utf8(bytes).unwrap_or_else(|_| folded[range.clone()].to_owned());
                (text, shift(&inner, range.start))
            }
            Restore::Changed(original) => {
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

    /// Maps a range of the folded body to `Post::body`.
    pub(super) fn to_original(&self, range: Range<usize>) -> Range<usize> {
        match self {
            Restore::Same | Restore::AsciiUpper(_) => range,
            Restore::Changed(original) => fold_with_map(original).to_original(range),
        }
    }
}

pub(super) fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start.saturating_sub(by)..r.end.saturating_sub(by)
}
