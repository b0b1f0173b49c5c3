//! Full-text search over posts.
//!
//! # Queries
//!
//! A query is whitespace-separated terms; a post matches when **every** term occurs in its
//! title, tags, description or body (front matter is not part of `Post::body`; code blocks,
//! fenced or indented as [`dialect::code_ranges`](crate::library::dialect::code_ranges)
//! finds them, are skipped unless [`SearchOptions::include_code`] is set). Matching is by
//! substring on folded text (see [`crate::text::fold`]): NFC, Latin case-insensitive.
//!
//! A term starting with `#` (`#rust`) matches tags only; a lone `#` is ignored (it is a
//! tag query about to be typed).
//!
//! Korean-specific rules, per character of a term:
//! - A compatibility jamo consonant (`ㄱ`..`ㅎ`, the 19 initials) matches a syllable with
//!   that initial consonant (초성), and the jamo itself: `ㅅㅅㅎ` finds `생성형`, `ㅎㅅ`
//!   finds `확산`. Syllables and jamo mix freely: `생성ㅎ` finds `생성형`, `ㅅ성ㅎ` too.
//! - A full syllable matches only itself, except the *last* character of the query while
//!   it may still be being typed (the query does not end with whitespace; see
//!   [`Query::parse`]):
//!   - a syllable without a final (받침) matches any syllable with the same initial and
//!     medial: `생서` finds `생성`, `파이써` finds `파이썬`;
//!   - a syllable with a final also matches the syllables the next keystroke can make of it:
//!     a final that grows into a double final (`달` finds `닭`), and the final moving to the
//!     next syllable when a vowel follows (`팡` finds `파이`, `파있` finds `파이썬`, `닭`
//!     finds `달기`). Without this, results would vanish at every consonant typed mid-word.
//!
//!   [`Query::parse_finished`] turns these typing rules off.
//!
//! # Ranking
//!
//! Each term is credited with the best field it occurs in (title > tag > description >
//! body); the score compares the number of terms found in titles first, then in tags, then
//! descriptions, then bodies. Ties go to the more recent post (undated last), then the path.
//!
//! # How it is fast
//!
//! The index stores each short field of all posts as one folded column (posts separated by
//! `\n`, which no term contains) plus a 초성 projection at the same byte offsets. Bodies are
//! not copied: each is searched in place, shared with its post, ASCII case ignored (a
//! folded copy is kept only where folding changes more than ASCII capitals), beside a
//! projection of one byte per character (mapped back to offsets). A term is a few
//! fixed-length byte patterns, each found with a precompiled SIMD `memmem` (or, for ASCII
//! letters in a body that has capitals, an ASCII-case-blind Aho-Corasick searcher) over a
//! whole short column or one body at a time; a hit settles the term for its post. Fields are scanned best-first, so a post whose
//! title matched is never scanned in its body for that term, and later terms only visit
//! posts that matched the earlier ones. Bit-sliced Bloom filters of character pairs rule
//! out, before any scan, most bodies a pattern cannot be in (see `Signatures`). Posts are
//! split across cores. Snippets and original offsets are computed only for the hits
//! returned.
//!
//! For 10,000 posts of 3 KB of Korean (31 MB) the index takes about 31 MB besides the
//! bodies it shares: their compact projection (16 MB, plus 2 MB of offset marks), 10 MB
//! of filters, the short fields, and folded copies only where folding changed more than
//! ASCII case.
//!
//! # Where things are
//!
//! `query` parses terms into the `pattern`s they may match; `projection` is the 초성 copy of
//! folded text those patterns search; `column` stores each short field of all posts,
//! `bodies` the bodies and the way back to their original text; `bloom` holds the filters; `build` makes the index, `eval`
//! finds the matching posts, `rank` orders them, and `hit` with `snippet` makes the hits
//! returned. `parallel` splits work on posts across cores. `segments` composes whole
//! indexes into one that grows and changes post by post, for a folder that is still being
//! read or is being watched.

use std::ops::Range;

use super::PostId;

mod bloom;
mod bodies;
mod build;
mod column;
mod eval;
mod hit;
mod pattern;
mod projection;
mod query;
mod rank;
pub mod reference;
mod segments;
mod snippet;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

pub use query::{Query, find_matches};
pub use segments::{MergeJob, Segments};

use bloom::Signatures;
use bodies::Bodies;
use column::{Column, Originals};

/// Where in a post a query matched best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchField {
    /// The title; ranks first.
    Title,
    /// One of the tags.
    Tag,
    /// The front-matter description.
    Description,
    /// The body text; ranks last.
    Body,
}

/// A short piece of text around a match, ready to print on one line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The text: newlines and runs of whitespace folded to one space, Markdown line markers
    /// (`#`, `>`, list bullets, task boxes), `*`, backticks, fence lines and link targets
    /// removed, NFC; [`SearchOptions::ellipsis`] where it was cut.
    pub text: String,
    /// Byte ranges in `text` to highlight: the match the snippet was cut around plus every
    /// other occurrence of a query term that is fully visible. Sorted, non-overlapping.
    pub highlights: Vec<Range<usize>>,
}

/// One post that matched a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The post, by its index in the slice the index was built from.
    pub post: PostId,
    /// Higher is better; see the module documentation for how it is made.
    pub score: u32,
    /// The best field any term was found in; the snippet is taken from it.
    pub field: MatchField,
    /// Text around the first match in `field` (for a tag, `#tag`).
    pub snippet: Snippet,
    /// Byte range in `Post::body` of the earliest match of any term in the body (outside
    /// code blocks unless they are included), so the reader can open the article there.
    pub body_match: Option<Range<usize>>,
}

/// Knobs for [`SearchIndex::search_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Also search inside code blocks, fenced and indented. Off by default: code is noise
    /// for prose search.
    pub include_code: bool,
    /// Target width of snippets in terminal columns (see [`Snippet`]).
    pub snippet_width: usize,
    /// What marks a snippet cut short, counted as wide as the terminal draws it: the
    /// reader passes its glyph set's (`⋯` where ambiguous characters are wide, as `…` is
    /// two columns there). The library draws nothing, so it takes the glyph as given.
    pub ellipsis: &'static str,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            include_code: false,
            snippet_width: 60,
            ellipsis: "…",
        }
    }
}

/// Everything search needs from a slice of posts, built once.
///
/// Holds the folded short fields, the bodies (shared with the posts, not copied) and their
/// 초성 projection and filters (about as much again as the bodies for Korean text): hits
/// refer to posts by index into the slice given to [`SearchIndex::build`], so rebuild the
/// index when it changes.
#[derive(Clone, Default)]
pub struct SearchIndex {
    title: Column,
    tags: Column,
    description: Column,
    body: Bodies,
    /// Code blocks as ranges in the offsets of `body.starts`, sorted and disjoint.
    code: Vec<Range<usize>>,
    signatures: Signatures,
    titles: Originals,
    /// Each post's tags joined by `\n`.
    tag_lists: Originals,
    descriptions: Originals,
    /// Rank of each post by date (newest first, undated last), then path.
    order: Vec<u32>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tens of megabytes of folded text are no use in a debug print.
        f.debug_struct("SearchIndex")
            .field("posts", &self.len())
            .field("heap_bytes", &self.heap_bytes())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Number of posts indexed.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether no post is indexed.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The bytes of the bodies the index searches in place: shared with the posts, so not
    /// part of [`SearchIndex::heap_bytes`].
    pub fn shared_bytes(&self) -> usize {
        self.body.shared_bytes()
    }

    /// Approximate heap memory held by the index, in bytes, not counting the bodies it
    /// shares with the posts.
    pub fn heap_bytes(&self) -> usize {
        self.title.bytes()
            + self.tags.bytes()
            + self.description.bytes()
            + self.body.heap_bytes()
            + self.code.capacity() * std::mem::size_of::<Range<usize>>()
            + self.signatures.bytes()
            + self.titles.bytes()
            + self.tag_lists.bytes()
            + self.descriptions.bytes()
            + self.order.capacity() * 4
    }

    /// The best `limit` posts for `query` (parsed with [`Query::parse`]) with default
    /// [`SearchOptions`]. A blank query gives no hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        self.search_with(&Query::parse(query), limit, &SearchOptions::default())
    }

    /// The best `limit` posts for a parsed query; see the module documentation for
    /// matching and ranking. Snippets are made only for the hits returned, so a small
    /// `limit` is cheaper.
    pub fn search_with(
        &self,
        query: &Query,
        limit: usize,
        options: &SearchOptions,
    ) -> Vec<SearchHit> {
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        self.best_matches(query, limit, options.include_code)
            .into_iter()
            .map(|(key, post, field)| self.hit(post, key, field, query, options))
            .collect()
    }
}
