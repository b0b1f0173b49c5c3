//! How the index stores the short fields (title, tags, description): one column per field
//! with every post's folded text back to back, and the original texts beside it.

use std::ops::Range;

use super::projection::{Hay, project_into};

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
}

impl Column {
    pub(super) fn hay(&self) -> Hay<'_> {
        match &self.proj {
            Projection::Same => Hay::new(&self.folded, None),
            Projection::Stored(proj) => Hay::new(&self.folded, Some(proj)),
        }
    }

    /// Byte range of post `i`'s text, without the separator.
    pub(super) fn range(&self, i: usize) -> Range<usize> {
        self.starts[i]..self.starts[i + 1] - 1
    }

    /// The post whose text contains byte `pos`.
    pub(super) fn post_at(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    pub(super) fn bytes(&self) -> usize {
        let proj = match &self.proj {
            Projection::Stored(proj) => proj.len(),
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
}

impl ColumnBuilder {
    pub(super) fn push(&mut self, folded: &str) {
        self.starts.push(self.folded.len());
        self.folded.push_str(folded);
        self.folded.push('\n');
        self.projected |= project_into(folded, &mut self.proj);
        self.proj.push(b'\n');
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
        let proj = if self.projected {
            Projection::Stored(self.proj.into_boxed_slice())
        } else {
            Projection::Same
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
