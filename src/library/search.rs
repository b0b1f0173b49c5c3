//! Full-text search over posts, tag counts and tag filters.
//!
//! # Queries
//!
//! A query is whitespace-separated terms; a post matches when **every** term occurs in its
//! title, tags, description or body (front matter is not part of `Post::body`; fenced code
//! blocks are skipped unless [`SearchOptions::include_code`] is set). Matching is by
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
//! The index stores each field of all posts as one folded column (posts separated by `\n`,
//! which no term contains) plus a 초성 projection of the column at the same byte offsets.
//! A term is a few fixed-length byte patterns, each found with a precompiled SIMD `memmem`
//! over long runs of posts at once; a hit settles the term for its post, and the scan jumps
//! to the next post that still needs it. Fields are scanned best-first, so a post whose
//! title matched is never scanned in its body for that term, and later terms only visit
//! posts that matched the earlier ones. Bit-sliced Bloom filters of character pairs rule
//! out, before any scan, most bodies a pattern cannot be in (see `Signatures`). Posts are
//! split across cores. Snippets and original offsets are computed only for the hits
//! returned.
//!
//! For 10,000 posts of 3 KB of Korean (31 MB) the index takes about 88 MB: the folded
//! bodies and their projection (2 × 31 MB), 20 MB of filters, short fields, and the original
//! text only where folding changed more than ASCII case.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern as FuzzyPattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use super::{Post, PostDate, PostId};
use crate::text::fold::{fold, fold_cow, fold_with_map};
use crate::text::grapheme_width;
use crate::text::hangul::{
    self, compose_syllable, final_evolution, initial_consonant, initial_index,
    is_initial_consonant, syllable_parts,
};

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

impl MatchField {
    /// Score credited to a term found in this field. Each field gets its own byte of the
    /// score so that one title match outweighs any number (< 256) of tag matches, and so on.
    fn weight(self) -> u32 {
        match self {
            MatchField::Title => 1 << 24,
            MatchField::Tag => 1 << 16,
            MatchField::Description => 1 << 8,
            MatchField::Body => 1,
        }
    }
}

/// A short piece of text around a match, ready to print on one line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The text: newlines and runs of whitespace folded to one space, Markdown line markers
    /// (`#`, `>`, list bullets, task boxes), `*`, backticks, fence lines and link targets
    /// removed, NFC; `…` where it was cut.
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
    /// fenced code unless it is included), so the reader can open the article there.
    pub body_match: Option<Range<usize>>,
}

/// Knobs for [`SearchIndex::search_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Also search inside fenced code blocks (```` ``` ```` / `~~~`). Off by default:
    /// code is noise for prose search.
    pub include_code: bool,
    /// Target width of snippets in terminal columns (see [`Snippet`]).
    pub snippet_width: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            include_code: false,
            snippet_width: 60,
        }
    }
}

// ---------------------------------------------------------------------------------------
// The 초성 projection
// ---------------------------------------------------------------------------------------

/// The projection of a Hangul syllable (or initial jamo) with initial consonant `k`:
/// three bytes like the syllable itself, so offsets match the folded text. `0xF8` never
/// occurs in UTF-8, so a slot can only match at a slot, and a match never needs the folded
/// text to check alignment; the initial is a continuation byte, which the frequency ranker
/// below can tell apart from the marker.
fn slot(k: u8) -> [u8; 3] {
    [SLOT_MARK, SLOT_BASE + k, SLOT_BASE + k]
}

const SLOT_MARK: u8 = 0xF8;
const SLOT_BASE: u8 = 0x80;

/// Appends the projection of `folded` to `out`; returns whether it differs from `folded`.
fn project_into(folded: &str, out: &mut Vec<u8>) -> bool {
    let b = folded.as_bytes();
    let mut changed = false;
    let (mut i, mut run) = (0, 0);
    while i < b.len() {
        let lead = b[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let width = match lead {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        // Only three-byte characters have initials: syllables (lead EA..ED), conjoining
        // (E1) and compatibility (E3) jamo. Decode just those.
        if matches!(lead, 0xE1 | 0xE3 | 0xEA..=0xED)
            && let Some(k) = b.get(i..i + 3).and_then(decode3).and_then(initial_index)
        {
            out.extend_from_slice(&b[run..i]);
            out.extend_from_slice(&slot(k));
            run = i + 3;
            changed = true;
        }
        i += width;
    }
    out.extend_from_slice(&b[run..]);
    changed
}

/// The projection of `folded`, or `None` when it has no Hangul and equals `folded`.
fn projection(folded: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(folded.len());
    project_into(folded, &mut out).then_some(out)
}

/// Byte frequencies in the projection of Korean text, so `memmem` prefilters on the rarer
/// initials of a needle instead of treating every slot byte as a rare non-ASCII byte.
#[derive(Clone, Copy)]
struct ProjectionRank;

impl HeuristicFrequencyRank for ProjectionRank {
    fn rank(&self, byte: u8) -> u8 {
        // Rough share of syllables starting with each initial, scaled to 255 for ㅇ.
        const SLOTS: [u8; 19] = [
            230, 40, 170, 200, 40, 150, 160, 150, 15, 210, 40, 255, 200, 15, 110, 70, 100, 90, 200,
        ];
        match byte {
            SLOT_MARK => 255,
            SLOT_BASE..=0x92 => SLOTS[usize::from(byte - SLOT_BASE)],
            b' ' | b'\n' => 250,
            b'a'..=b'z' | b'0'..=b'9' | b'.' | b',' => 140,
            0x00..=0x7F => 100,
            // Bytes of other scripts are rare in Korean posts.
            _ => 50,
        }
    }
}

/// Folded bytes and their projection (same length), as searched by patterns.
#[derive(Clone, Copy)]
struct Hay<'a> {
    folded: &'a [u8],
    proj: &'a [u8],
}

impl<'a> Hay<'a> {
    fn new(folded: &'a str, proj: Option<&'a [u8]>) -> Self {
        Hay {
            folded: folded.as_bytes(),
            proj: proj.unwrap_or(folded.as_bytes()),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------

/// A parsed query: folded terms compiled into byte patterns.
#[derive(Debug, Clone)]
pub struct Query {
    terms: Vec<Term>,
}

#[derive(Debug, Clone)]
struct Term {
    /// The folded term as typed (without a leading `#`), for ordering work by selectivity.
    text: String,
    /// `#term`: only tags count.
    tags_only: bool,
    /// Alternatives; the term matches where any of them does.
    patterns: Vec<BytePattern>,
}

/// One unit of a pattern. Every atom has a fixed byte length, so a pattern has one too and a
/// hit of any part of it tells where the whole must start.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    /// Exact folded text.
    Lit(String),
    /// Initial consonant `k` (see [`initial_index`]): a syllable with that initial, or the
    /// jamo itself.
    Initial(u8),
    /// A syllable with initial+medial block `lv` and a final in the bit set `finals`. All
    /// members share their first two UTF-8 bytes (see [`syllable_atoms`]), which serve as
    /// part of a needle.
    Syllable { lv: u32, finals: u32 },
}

impl Atom {
    fn len(&self) -> usize {
        match self {
            Atom::Lit(s) => s.len(),
            Atom::Initial(_) | Atom::Syllable { .. } => 3,
        }
    }

    /// The bytes of the folded text this atom certainly starts with, and whether it is
    /// fully known.
    fn known_prefix(&self) -> (Vec<u8>, bool) {
        match self {
            Atom::Lit(s) => (s.as_bytes().to_vec(), true),
            Atom::Initial(_) => (Vec::new(), false),
            Atom::Syllable { lv, finals } => {
                let first = compose_syllable(*lv, finals.trailing_zeros());
                let mut buf = [0u8; 4];
                let bytes = first.map_or(&[][..], |c| c.encode_utf8(&mut buf).as_bytes());
                (bytes.get(..2).unwrap_or_default().to_vec(), false)
            }
        }
    }

    fn project(&self, out: &mut Vec<u8>) {
        match self {
            Atom::Lit(s) => {
                project_into(s, out);
            }
            Atom::Initial(k) => out.extend_from_slice(&slot(*k)),
            Atom::Syllable { lv, .. } => {
                let k = compose_syllable(*lv, 0)
                    .and_then(initial_index)
                    .unwrap_or(0);
                out.extend_from_slice(&slot(k));
            }
        }
    }
}

/// Syllables with block `lv` and a final in `finals`, split into atoms whose members share
/// their first two UTF-8 bytes (28 consecutive code points span at most two 64-code-point
/// blocks), so each can anchor a needle.
fn syllable_atoms(lv: u32, finals: u32) -> Vec<Atom> {
    let mut groups: Vec<(u32, u32)> = Vec::with_capacity(2);
    for t in (0..28).filter(|t| finals & (1 << t) != 0) {
        let Some(c) = compose_syllable(lv, t) else {
            continue;
        };
        let block = c as u32 >> 6;
        match groups.iter_mut().find(|g| g.0 == block) {
            Some(g) => g.1 |= 1 << t,
            None => groups.push((block, 1 << t)),
        }
    }
    groups
        .into_iter()
        .map(|(_, finals)| Atom::Syllable { lv, finals })
        .collect()
}

#[derive(Debug, Clone)]
struct BytePattern {
    atoms: Vec<Atom>,
    len: usize,
    /// Search the projection (`true`) or the folded text for `needle`.
    in_projection: bool,
    /// Byte offset of the needle from the start of the pattern.
    offset: usize,
    needle: Finder<'static>,
    /// Signature keys any match contains (see [`Signatures`]).
    grams: Grams,
}

impl BytePattern {
    fn new(atoms: Vec<Atom>) -> Option<BytePattern> {
        let atoms = merge_atoms(atoms);
        if atoms.is_empty() {
            return None;
        }
        let len = atoms.iter().map(Atom::len).sum();
        // The longest run of known folded bytes is the most selective needle, unless it is
        // short and jamo are involved: then the whole pattern's projection is better.
        let mut best: (usize, Vec<u8>) = (0, Vec::new());
        let mut run: (usize, Vec<u8>) = (0, Vec::new());
        let mut offset = 0;
        for atom in &atoms {
            let (bytes, complete) = atom.known_prefix();
            if run.1.is_empty() {
                run.0 = offset;
            }
            run.1.extend_from_slice(&bytes);
            if !complete {
                if run.1.len() > best.1.len() {
                    best = std::mem::take(&mut run);
                }
                run.1.clear();
            }
            offset += atom.len();
        }
        if run.1.len() > best.1.len() {
            best = run;
        }
        let has_initial = atoms.iter().any(|a| matches!(a, Atom::Initial(_)));
        let (in_projection, offset, needle) =
            if best.1.len() >= 3 || (!has_initial && !best.1.is_empty()) {
                (false, best.0, Finder::new(&best.1).into_owned())
            } else {
                let mut needle = Vec::with_capacity(len);
                for atom in &atoms {
                    atom.project(&mut needle);
                }
                let finder =
                    FinderBuilder::new().build_forward_with_ranker_owned(ProjectionRank, needle);
                (true, 0, finder)
            };
        let grams = Grams::new(&atoms);
        Some(BytePattern {
            atoms,
            len,
            in_projection,
            offset,
            needle,
            grams,
        })
    }

    fn verify(&self, hay: Hay<'_>, start: usize) -> bool {
        let mut p = start;
        for atom in &self.atoms {
            match atom {
                Atom::Lit(s) => {
                    if hay.folded.get(p..p + s.len()) != Some(s.as_bytes()) {
                        return false;
                    }
                }
                Atom::Initial(k) => {
                    // Check the haystack the needle was found in: its bytes are in cache,
                    // while the other one at the same offset would be a cache miss.
                    let ok = if self.in_projection {
                        hay.proj.get(p..p + 3) == Some(&slot(*k)[..])
                    } else {
                        hay.folded
                            .get(p..p + 3)
                            .and_then(decode3)
                            .and_then(initial_index)
                            == Some(*k)
                    };
                    if !ok {
                        return false;
                    }
                }
                Atom::Syllable { lv, finals } => {
                    let Some(c) = hay.folded.get(p..p + 3).and_then(decode3) else {
                        return false;
                    };
                    match syllable_parts(c) {
                        Some((l, t)) if l == *lv && finals & (1 << t) != 0 => {}
                        _ => return false,
                    }
                }
            }
            p += atom.len();
        }
        true
    }

    /// The first match starting at or after `from` and ending at or before `to`.
    fn find(&self, hay: Hay<'_>, from: usize, to: usize) -> Option<Range<usize>> {
        let bytes = if self.in_projection {
            hay.proj
        } else {
            hay.folded
        };
        let mut pos = from + self.offset;
        while pos < to {
            let hit = pos + self.needle.find(bytes.get(pos..to)?)?;
            let start = hit - self.offset;
            if start + self.len <= to && self.verify(hay, start) {
                return Some(start..start + self.len);
            }
            pos = hit + 1;
        }
        None
    }
}

/// Decodes a three-byte UTF-8 sequence.
fn decode3(b: &[u8]) -> Option<char> {
    match *b {
        [a, b1, b2] if a & 0xF0 == 0xE0 && b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 => {
            let u =
                (u32::from(a & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            char::from_u32(u)
        }
        _ => None,
    }
}

/// Joins neighbouring literals and turns syllable sets of one member into literals, so
/// needles are as long as possible.
fn merge_atoms(atoms: Vec<Atom>) -> Vec<Atom> {
    let mut out: Vec<Atom> = Vec::with_capacity(atoms.len());
    for atom in atoms {
        let atom = match atom {
            Atom::Syllable { lv, finals } if finals.count_ones() == 1 => {
                match compose_syllable(lv, finals.trailing_zeros()) {
                    Some(c) => Atom::Lit(c.to_string()),
                    None => continue,
                }
            }
            other => other,
        };
        match (out.last_mut(), atom) {
            (Some(Atom::Lit(prev)), Atom::Lit(s)) => prev.push_str(&s),
            (_, atom) => out.push(atom),
        }
    }
    out
}

fn char_atom(c: char) -> Atom {
    match initial_index(c) {
        Some(k) if is_initial_consonant(c) => Atom::Initial(k),
        _ => Atom::Lit(c.to_string()),
    }
}

impl Term {
    fn new(folded: &str, tags_only: bool, typing: bool) -> Option<Term> {
        let chars: Vec<char> = folded.chars().collect();
        let (&last, init) = chars.split_last()?;
        let head: Vec<Atom> = init.iter().map(|&c| char_atom(c)).collect();
        let with = |tail: Vec<Atom>| {
            let mut atoms = head.clone();
            atoms.extend(tail);
            BytePattern::new(atoms)
        };
        let mut tails: Vec<Vec<Atom>> = Vec::new();
        match syllable_parts(last) {
            Some((lv, t)) if typing => {
                let evolution = final_evolution(t);
                let finals = if t == 0 {
                    (1 << 28) - 1
                } else {
                    evolution.grows_into
                };
                tails.extend(syllable_atoms(lv, finals).into_iter().map(|a| vec![a]));
                if t != 0
                    && let Some((rest, moved)) = evolution.split
                    && let Some(first) = compose_syllable(lv, rest)
                {
                    tails.push(vec![Atom::Lit(first.to_string()), char_atom(moved)]);
                }
            }
            _ => tails.push(vec![char_atom(last)]),
        }
        let patterns: Vec<BytePattern> = tails.into_iter().filter_map(with).collect();
        (!patterns.is_empty()).then(|| Term {
            text: folded.to_owned(),
            tags_only,
            patterns,
        })
    }

    /// The earliest match in `from..to`.
    fn find(&self, hay: Hay<'_>, from: usize, to: usize) -> Option<Range<usize>> {
        let mut best: Option<Range<usize>> = None;
        for p in &self.patterns {
            // Once something matched, later alternatives only need to look before it.
            let limit = best.as_ref().map_or(to, |b| (b.start + p.len).min(to));
            if let Some(r) = p.find(hay, from, limit)
                && best.as_ref().is_none_or(|b| r.start < b.start)
            {
                best = Some(r);
            }
        }
        best
    }

    /// Every match, non-overlapping per alternative.
    fn find_all(&self, hay: Hay<'_>, out: &mut Vec<Range<usize>>) {
        for p in &self.patterns {
            let mut pos = 0;
            while let Some(r) = p.find(hay, pos, hay.folded.len()) {
                pos = r.end.max(r.start + 1);
                out.push(r);
            }
        }
    }
}

impl Query {
    /// Parses a query as it is being typed: if it does not end with whitespace, its last
    /// character may be a syllable still being composed and also matches what it can grow
    /// into (see the module documentation).
    pub fn parse(text: &str) -> Query {
        let typing = !text.ends_with(char::is_whitespace);
        Self::parse_impl(text, typing)
    }

    /// Parses a complete query: every syllable matches only itself.
    pub fn parse_finished(text: &str) -> Query {
        Self::parse_impl(text, false)
    }

    fn parse_impl(text: &str, typing: bool) -> Query {
        let words: Vec<&str> = text.split_whitespace().collect();
        let last = words.len().saturating_sub(1);
        let terms = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let (tags_only, word) = match w.strip_prefix('#') {
                    // A lone `#` is a tag query not typed yet, not a search for `#`.
                    Some("") => return None,
                    Some(rest) => (true, rest),
                    None => (false, *w),
                };
                Term::new(&fold(word), tags_only, typing && i == last)
            })
            .collect();
        Query { terms }
    }

    /// Whether the query has no terms (blank input).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The folded terms, without the `#` of tag-only terms.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|t| t.text.as_str())
    }

    /// Every occurrence of any term in `haystack`, as byte ranges into `haystack` itself
    /// (not its folded form), sorted; overlapping occurrences are merged. Tag-only terms
    /// match their text here too, so a `#rust` search highlights "rust" in an article.
    pub fn find_all(&self, haystack: &str) -> Vec<Range<usize>> {
        if self.terms.is_empty() || haystack.is_empty() {
            return Vec::new();
        }
        let folded = fold_with_map(haystack);
        let proj = projection(folded.as_str());
        let hay = Hay::new(folded.as_str(), proj.as_deref());
        let mut found = Vec::new();
        for term in &self.terms {
            term.find_all(hay, &mut found);
        }
        let mapped = found.into_iter().map(|r| folded.to_original(r)).collect();
        merge_ranges(mapped)
    }
}

/// Every match of `query` (parsed with [`Query::parse`]) in `haystack`, as byte ranges into
/// `haystack`. Shorthand for `Query::parse(query).find_all(haystack)`; parse once instead
/// when scanning many lines.
pub fn find_matches(haystack: &str, query: &str) -> Vec<Range<usize>> {
    Query::parse(query).find_all(haystack)
}

fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| (r.start, Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------

/// One field of every post: folded texts back to back, each followed by `\n`.
#[derive(Debug, Clone, Default)]
struct Column {
    folded: String,
    /// The projection, when it differs from `folded`.
    proj: Option<Vec<u8>>,
    /// Start of each post's text; one more entry at the end (the total length).
    starts: Vec<usize>,
}

impl Column {
    fn hay(&self) -> Hay<'_> {
        Hay::new(&self.folded, self.proj.as_deref())
    }

    /// Byte range of post `i`'s text, without the separator.
    fn range(&self, i: usize) -> Range<usize> {
        self.starts[i]..self.starts[i + 1] - 1
    }

    fn text(&self, i: usize) -> &str {
        &self.folded[self.range(i)]
    }

    /// The post whose text contains byte `pos`.
    fn post_at(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    fn bytes(&self) -> usize {
        self.folded.capacity()
            + self.proj.as_ref().map_or(0, Vec::capacity)
            + self.starts.capacity() * std::mem::size_of::<usize>()
    }
}

/// Builds a [`Column`] (or a part of one, for one thread's share of the posts).
#[derive(Default)]
struct ColumnBuilder {
    folded: String,
    proj: Vec<u8>,
    starts: Vec<usize>,
    projected: bool,
}

impl ColumnBuilder {
    fn push(&mut self, folded: &str) {
        self.starts.push(self.folded.len());
        self.folded.push_str(folded);
        self.folded.push('\n');
        self.projected |= project_into(folded, &mut self.proj);
        self.proj.push(b'\n');
    }

    fn append(&mut self, other: ColumnBuilder) {
        let base = self.folded.len();
        self.starts.extend(other.starts.iter().map(|s| s + base));
        self.folded.push_str(&other.folded);
        self.proj.extend_from_slice(&other.proj);
        self.projected |= other.projected;
    }

    fn finish(mut self) -> Column {
        self.starts.push(self.folded.len());
        self.folded.shrink_to_fit();
        let proj = self.projected.then(|| {
            self.proj.shrink_to_fit();
            self.proj
        });
        Column {
            folded: self.folded,
            proj,
            starts: self.starts,
        }
    }
}

/// Original texts back to back, for snippets of the short fields.
#[derive(Debug, Clone, Default)]
struct Originals {
    text: String,
    starts: Vec<usize>,
}

impl Originals {
    fn push(&mut self, s: &str) {
        self.starts.push(self.text.len());
        self.text.push_str(s);
    }

    fn append(&mut self, other: Originals) {
        let base = self.text.len();
        self.starts.extend(other.starts.iter().map(|s| s + base));
        self.text.push_str(&other.text);
    }

    fn get(&self, i: usize) -> &str {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        &self.text[self.starts[i]..end]
    }

    fn bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * std::mem::size_of::<usize>()
    }
}

/// How to get a post's original body back from its folded one, without storing a second
/// copy for the common case of NFC text whose only changes are ASCII capitals.
#[derive(Debug, Clone)]
enum Restore {
    /// Folding changed nothing.
    Same,
    /// Only these byte positions were ASCII capitals.
    AsciiUpper(Box<[u32]>),
    /// Anything else (NFD text, non-ASCII capitals): the original itself.
    Changed(Box<str>),
}

impl Restore {
    fn new(original: &str, folded: &str) -> Restore {
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

    fn bytes(&self) -> usize {
        match self {
            Restore::Same => 0,
            Restore::AsciiUpper(p) => p.len() * 4,
            Restore::Changed(s) => s.len(),
        }
    }

    /// The original text of `folded[range]` (on char boundaries of `folded`, the post's
    /// whole folded body), and where the folded match `inner` lies inside it.
    fn window(
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
    fn to_original(&self, range: Range<usize>) -> Range<usize> {
        match self {
            Restore::Same | Restore::AsciiUpper(_) => range,
            Restore::Changed(original) => fold_with_map(original).to_original(range),
        }
    }
}

fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start.saturating_sub(by)..r.end.saturating_sub(by)
}

/// Fenced code blocks (```` ``` ```` or `~~~`, three or more, indented by any whitespace so
/// fences inside list items count) as byte ranges including the fence lines. An unclosed
/// fence runs to the end, as in CommonMark.
fn code_blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    if !text.contains("```") && !text.contains("~~~") {
        return blocks;
    }
    let mut open: Option<(usize, u8, usize)> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let trimmed = line.trim_start_matches([' ', '\t']);
        let marker = trimmed
            .as_bytes()
            .first()
            .copied()
            .filter(|b| *b == b'`' || *b == b'~');
        let run = marker.map_or(0, |m| trimmed.bytes().take_while(|b| *b == m).count());
        match (open, marker) {
            // A backtick fence's info string may not contain backticks (CommonMark).
            (None, Some(m)) if run >= 3 && (m == b'~' || !trimmed[run..].contains('`')) => {
                open = Some((line_start, m, run));
            }
            (Some((start, m0, n0)), Some(m))
                if m == m0 && run >= n0 && trimmed[run..].trim().is_empty() =>
            {
                blocks.push(start..line_end);
                open = None;
            }
            _ => {}
        }
        line_start = line_end;
    }
    if let Some((start, _, _)) = open {
        blocks.push(start..text.len());
    }
    blocks
}

/// Key of a character (`b == '\0'`) or of two adjacent characters in a [`Signatures`]
/// filter.
fn gram_key(a: char, b: char) -> u64 {
    let x = (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b));
    let h = (x ^ (x >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 32)
}

/// The initial consonant of `c` as a compatibility jamo (`생` → `ㅅ`, `ㅅ` → `ㅅ`).
fn initial_jamo(c: char) -> Option<char> {
    initial_consonant(c).or_else(|| is_initial_consonant(c).then_some(c))
}

/// Signature keys a match of a pattern certainly contains, per filter of [`Signatures`].
#[derive(Debug, Clone, Default)]
struct Grams {
    /// Keys of known characters and pairs of them.
    exact: Vec<u64>,
    /// Keys where one or both characters are known only by their initial consonant.
    initials: Vec<u64>,
}

impl Grams {
    fn new(atoms: &[Atom]) -> Grams {
        // A few keys reject almost every post that lacks the pattern.
        const MAX: usize = 4;
        #[derive(Clone, Copy)]
        enum Unit {
            Exact(char),
            Initial(char),
        }
        let jamo = |lv: u32| compose_syllable(lv, 0).and_then(initial_jamo);
        let mut units: Vec<Unit> = Vec::new();
        for atom in atoms {
            match atom {
                Atom::Lit(s) => units.extend(s.chars().map(Unit::Exact)),
                Atom::Initial(k) => units.extend(jamo(u32::from(*k) * 21).map(Unit::Initial)),
                Atom::Syllable { lv, .. } => units.extend(jamo(*lv).map(Unit::Initial)),
            }
        }
        let mut grams = Grams::default();
        match units.as_slice() {
            [] => {}
            [Unit::Exact(c)] => grams.exact.push(gram_key(*c, '\0')),
            [Unit::Initial(j)] => grams.initials.push(gram_key(*j, '\0')),
            _ => {
                for w in units.windows(2) {
                    match (w[0], w[1]) {
                        (Unit::Exact(a), Unit::Exact(b)) => grams.exact.push(gram_key(a, b)),
                        (Unit::Exact(a) | Unit::Initial(a), Unit::Exact(b) | Unit::Initial(b)) => {
                            grams.initials.push(gram_key(a, b));
                        }
                    }
                }
            }
        }
        grams.exact.truncate(MAX);
        grams.initials.truncate(MAX);
        grams
    }
}

/// Bloom filters of post bodies, bit-sliced: a post's filter has a bit for every character
/// and every pair of adjacent non-space characters (`exact`), and for the same pairs with
/// one or both characters replaced by their initial consonant (`initials`, for 초성 and
/// half-typed patterns; kept apart so neither fills up). All posts' filters have the same
/// size and are stored transposed, one bitmap over posts per filter bit, so the posts that
/// may contain a pattern are the AND of a few rows: a kilobyte or two per search, instead
/// of a cache miss per post. Scanning skips every other post, above all those a rare
/// alternative of a term would scan to the end. There are no false negatives: the filters
/// are built from the folded text the patterns search.
#[derive(Debug, Clone, Default)]
struct Signatures {
    exact: Slices,
    initials: Slices,
    /// Filter size in bits (a power of two).
    bits: usize,
}

/// One filter kind for all posts: `bits` rows of `words_per_row` words, row `b` holding
/// bit `b` of every post's filter.
#[derive(Debug, Clone, Default)]
struct Slices {
    rows: Vec<u64>,
    words_per_row: usize,
}

impl Slices {
    fn row(&self, bit: usize) -> &[u64] {
        &self.rows[bit * self.words_per_row..(bit + 1) * self.words_per_row]
    }
}

/// Transposes a 64×64 bit matrix: bit `j` of `a[i]` moves to bit `i` of `a[j]`.
fn transpose64(a: &mut [u64; 64]) {
    let mut width = 32;
    let mut mask: u64 = 0x0000_0000_FFFF_FFFF;
    while width != 0 {
        let mut k = 0;
        while k < 64 {
            let t = ((a[k] >> width) ^ a[k + width]) & mask;
            a[k] ^= t << width;
            a[k + width] ^= t;
            k = (k + width + 1) & !width;
        }
        width >>= 1;
        mask ^= mask << width;
    }
}

impl Signatures {
    /// Filter bits for posts of `typical_len` bytes: about 2 bits per byte, so for Korean
    /// prose (a key or two per 3-byte syllable) about 10% of the bits end up set and two
    /// keys reject ~99% of the posts that lack them. Much longer posts fill up and are
    /// simply scanned. At most 4 KB per post and filter.
    fn bits_for(typical_len: usize) -> usize {
        (typical_len * 2).next_power_of_two().clamp(1024, 1 << 15)
    }

    /// Builds the filters of every post in `body`, on all cores.
    fn build(body: &Column) -> Signatures {
        let posts = body.starts.len().saturating_sub(1);
        let mut lens: Vec<usize> = (0..posts).map(|i| body.range(i).len()).collect();
        lens.sort_unstable();
        let bits = Self::bits_for(lens.get(posts / 2).copied().unwrap_or(0));
        // Threads take whole 64-post blocks, so each fills its own words of every row.
        let parts = parallel_ranges_aligned(posts, 64, |range| {
            vec![(range.start, Self::build_range(body, range, bits))]
        });
        let words_per_row = posts.div_ceil(64);
        let mut exact = vec![0; bits * words_per_row];
        let mut initials = vec![0; bits * words_per_row];
        for (start, (e, i)) in parts {
            let at = start / 64;
            for b in 0..bits {
                let dst = b * words_per_row + at;
                exact[dst..dst + e.words_per_row].copy_from_slice(e.row(b));
                initials[dst..dst + i.words_per_row].copy_from_slice(i.row(b));
            }
        }
        Signatures {
            exact: Slices {
                rows: exact,
                words_per_row,
            },
            initials: Slices {
                rows: initials,
                words_per_row,
            },
            bits,
        }
    }

    fn build_range(body: &Column, range: Range<usize>, bits: usize) -> (Slices, Slices) {
        let words_per_row = range.len().div_ceil(64);
        let filter_words = bits / 64;
        let mut exact = Slices {
            rows: vec![0; bits * words_per_row],
            words_per_row,
        };
        let mut initials = Slices {
            rows: vec![0; bits * words_per_row],
            words_per_row,
        };
        // 64 posts' filters at a time, then transposed into the rows 64 bits at a time.
        let mut block_exact = vec![0u64; 64 * filter_words];
        let mut block_initials = vec![0u64; 64 * filter_words];
        for (block, first) in range.clone().step_by(64).enumerate() {
            block_exact.fill(0);
            block_initials.fill(0);
            for (d, post) in (first..range.end.min(first + 64)).enumerate() {
                let e = &mut block_exact[d * filter_words..(d + 1) * filter_words];
                let i = &mut block_initials[d * filter_words..(d + 1) * filter_words];
                Self::fill(body.text(post), bits - 1, e, i);
            }
            for (filters, slices) in [(&block_exact, &mut exact), (&block_initials, &mut initials)]
            {
                let mut m = [0u64; 64];
                for w in 0..filter_words {
                    for (d, word) in m.iter_mut().enumerate() {
                        *word = filters[d * filter_words + w];
                    }
                    transpose64(&mut m);
                    for (j, word) in m.iter().enumerate() {
                        slices.rows[(w * 64 + j) * words_per_row + block] = *word;
                    }
                }
            }
        }
        (exact, initials)
    }

    /// Sets the bits of one post's filters.
    fn fill(folded: &str, mask: usize, exact: &mut [u64], initials: &mut [u64]) {
        let set = |words: &mut [u64], key: u64| {
            let bit = key as usize & mask;
            words[bit / 64] |= 1 << (bit % 64);
        };
        let mut prev: Option<(char, Option<char>)> = None;
        for c in folded.chars() {
            if c.is_whitespace() {
                prev = None;
                continue;
            }
            let i = initial_jamo(c);
            set(exact, gram_key(c, '\0'));
            if let Some(i) = i {
                set(initials, gram_key(i, '\0'));
            }
            if let Some((p, pi)) = prev {
                set(exact, gram_key(p, c));
                // The pair with either or both characters known only by their initial.
                if let Some(i) = i {
                    set(initials, gram_key(p, i));
                }
                if let Some(pi) = pi {
                    set(initials, gram_key(pi, c));
                    if let Some(i) = i {
                        set(initials, gram_key(pi, i));
                    }
                }
            }
            prev = Some((c, i));
        }
    }

    /// A bitmap over posts of those whose body may contain a match with these keys, or
    /// `None` when the keys rule nothing out.
    fn candidates(&self, grams: &Grams) -> Option<Vec<u64>> {
        let mask = self.bits.checked_sub(1)?;
        let mut rows = grams
            .exact
            .iter()
            .map(|&k| self.exact.row(k as usize & mask))
            .chain(
                grams
                    .initials
                    .iter()
                    .map(|&k| self.initials.row(k as usize & mask)),
            );
        let mut out = rows.next()?.to_vec();
        for row in rows {
            for (o, r) in out.iter_mut().zip(row) {
                *o &= r;
            }
        }
        Some(out)
    }

    fn bytes(&self) -> usize {
        (self.exact.rows.capacity() + self.initials.rows.capacity()) * 8
    }
}

/// One thread's share of an index under construction.
#[derive(Default)]
struct Part {
    title: ColumnBuilder,
    tags: ColumnBuilder,
    description: ColumnBuilder,
    body: ColumnBuilder,
    code: Vec<Range<usize>>,
    restore: Vec<Restore>,
    titles: Originals,
    tag_lists: Originals,
    descriptions: Originals,
}

impl Part {
    fn push(&mut self, post: &Post) {
        let body = fold(&post.body);
        let base = self.body.folded.len();
        self.code.extend(
            code_blocks(&body)
                .into_iter()
                .map(|r| r.start + base..r.end + base),
        );
        self.restore.push(Restore::new(&post.body, &body));
        self.body.push(&body);
        let tags = post.tags.join("\n");
        let description = post.description.as_deref().unwrap_or("");
        self.title.push(&fold(&post.title));
        self.tags.push(&fold(&tags));
        self.description.push(&fold(description));
        self.titles.push(&post.title);
        self.tag_lists.push(&tags);
        self.descriptions.push(description);
    }

    fn append(&mut self, other: Part) {
        let base = self.body.folded.len();
        self.code
            .extend(other.code.into_iter().map(|r| r.start + base..r.end + base));
        self.title.append(other.title);
        self.tags.append(other.tags);
        self.description.append(other.description);
        self.body.append(other.body);
        self.restore.extend(other.restore);
        self.titles.append(other.titles);
        self.tag_lists.append(other.tag_lists);
        self.descriptions.append(other.descriptions);
    }
}

/// Everything search needs from a slice of posts, built once.
///
/// Holds the folded text of every field (about twice the size of the bodies for Korean
/// text, with the 초성 projection), not the posts themselves: hits refer to posts by index
/// into the slice given to [`SearchIndex::build`], so rebuild the index when it changes.
#[derive(Clone, Default)]
pub struct SearchIndex {
    title: Column,
    tags: Column,
    description: Column,
    body: Column,
    /// Fenced code blocks as ranges of `body.folded`, sorted.
    code: Vec<Range<usize>>,
    signatures: Signatures,
    restore: Vec<Restore>,
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

/// A term of a query with its alternatives in the order they are tried.
struct Planned<'q> {
    tags_only: bool,
    /// Matches counted in a sample of the bodies.
    estimate: usize,
    /// Each alternative with the bitmap of posts whose body may contain it.
    patterns: Vec<(&'q BytePattern, Option<Vec<u64>>)>,
}

/// Per-post state of one thread evaluating a query over its share of the posts.
struct Eval {
    /// First post of the share.
    base: usize,
    /// Still matching every term so far.
    active: Vec<bool>,
    /// Best field of the current term, if found yet.
    found: Vec<Option<MatchField>>,
    score: Vec<u32>,
    best: Vec<MatchField>,
}

impl SearchIndex {
    /// Folds and indexes every post, on all cores for large libraries.
    pub fn build(posts: &[Post]) -> SearchIndex {
        let parts = parallel_ranges(posts.len(), |range| {
            let mut part = Part::default();
            for post in &posts[range] {
                part.push(post);
            }
            vec![part]
        });
        let mut all = Part::default();
        for part in parts {
            all.append(part);
        }
        let mut by_recency: Vec<usize> = (0..posts.len()).collect();
        by_recency.sort_by(|&a, &b| {
            recency_key(&posts[a])
                .cmp(&recency_key(&posts[b]))
                .then(a.cmp(&b))
        });
        let mut order = vec![0u32; posts.len()];
        for (rank, &i) in by_recency.iter().enumerate() {
            order[i] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        let body = all.body.finish();
        let signatures = Signatures::build(&body);
        SearchIndex {
            title: all.title.finish(),
            tags: all.tags.finish(),
            description: all.description.finish(),
            body,
            code: all.code,
            signatures,
            restore: all.restore,
            titles: all.titles,
            tag_lists: all.tag_lists,
            descriptions: all.descriptions,
            order,
        }
    }

    /// Number of posts indexed.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether no post is indexed.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Approximate heap memory held by the index, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.title.bytes()
            + self.tags.bytes()
            + self.description.bytes()
            + self.body.bytes()
            + self.code.capacity() * std::mem::size_of::<Range<usize>>()
            + self.signatures.bytes()
            + self.restore.capacity() * std::mem::size_of::<Restore>()
            + self.restore.iter().map(Restore::bytes).sum::<usize>()
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
        let plan = self.plan(query);
        let mut candidates = parallel_ranges(self.len(), |range| {
            self.candidates(&plan, options.include_code, range)
        });
        if candidates.len() > limit {
            candidates.select_nth_unstable_by_key(limit - 1, |c| c.0);
            candidates.truncate(limit);
        }
        candidates.sort_unstable_by_key(|c| c.0);
        candidates
            .into_iter()
            .map(|(key, post, field)| self.hit(post, key, field, query, options))
            .collect()
    }

    /// Orders the work: the rarest term first, so later terms visit few posts; within a
    /// term, the most frequent alternative first, so the others only scan the posts it
    /// missed. Frequencies are counted in a sample of the bodies, which costs far less than
    /// a bad order (a rare pattern scans every post it is not in to the end).
    fn plan<'q>(&self, query: &'q Query) -> Vec<Planned<'q>> {
        const SAMPLE_BYTES: usize = 128 * 1024;
        const ENOUGH: usize = 1024;
        let hay = self.body.hay();
        let end = self.body.folded.len().min(SAMPLE_BYTES);
        let count = |p: &BytePattern| {
            let (mut pos, mut n) = (0, 0);
            while n < ENOUGH
                && let Some(r) = p.find(hay, pos, end)
            {
                n += 1;
                pos = r.end;
            }
            n
        };
        let mut plan: Vec<Planned<'q>> = query
            .terms
            .iter()
            .map(|term| {
                let mut patterns: Vec<(usize, &BytePattern)> =
                    term.patterns.iter().map(|p| (count(p), p)).collect();
                patterns.sort_by_key(|(n, _)| Reverse(*n));
                // Tag-only terms scan only the small tag column: cheap, so they go first.
                let estimate = if term.tags_only {
                    0
                } else {
                    patterns.iter().map(|(n, _)| n).sum()
                };
                Planned {
                    tags_only: term.tags_only,
                    estimate,
                    patterns: patterns
                        .into_iter()
                        .map(|(_, p)| (p, self.signatures.candidates(&p.grams)))
                        .collect(),
                }
            })
            .collect();
        plan.sort_by_key(|t| {
            (
                t.estimate,
                Reverse(t.patterns.iter().map(|(p, _)| p.len).sum::<usize>()),
            )
        });
        plan
    }

    /// `(sort key, post, best field)` of every post in `range` all terms occur in.
    fn candidates(
        &self,
        terms: &[Planned<'_>],
        include_code: bool,
        range: Range<usize>,
    ) -> Vec<(u64, usize, MatchField)> {
        let n = range.len();
        let mut eval = Eval {
            base: range.start,
            active: vec![true; n],
            found: vec![None; n],
            score: vec![0; n],
            best: vec![MatchField::Body; n],
        };
        for term in terms {
            eval.found.fill(None);
            if term.tags_only {
                self.scan(&self.tags, MatchField::Tag, term, None, &mut eval);
            } else {
                self.scan(&self.title, MatchField::Title, term, None, &mut eval);
                self.scan(&self.tags, MatchField::Tag, term, None, &mut eval);
                let d = &self.description;
                self.scan(d, MatchField::Description, term, None, &mut eval);
                let code = (!include_code).then_some(&self.code[..]);
                self.scan(&self.body, MatchField::Body, term, code, &mut eval);
            }
            let mut any = false;
            for i in 0..n {
                match eval.found[i] {
                    Some(field) if eval.active[i] => {
                        eval.score[i] = eval.score[i].saturating_add(field.weight());
                        eval.best[i] = eval.best[i].min(field);
                        any = true;
                    }
                    _ => eval.active[i] = false,
                }
            }
            if !any {
                return Vec::new();
            }
        }
        (0..n)
            .filter(|&i| eval.active[i])
            .map(|i| {
                let post = eval.base + i;
                // Ascending key: higher score first, then earlier recency rank.
                let key = (u64::from(u32::MAX - eval.score[i]) << 32) | u64::from(self.order[post]);
                (key, post, eval.best[i])
            })
            .collect()
    }

    /// Marks in `eval.found` every active post not yet found whose `column` text contains
    /// `term`, skipping matches inside `code`.
    fn scan(
        &self,
        column: &Column,
        field: MatchField,
        term: &Planned<'_>,
        code: Option<&[Range<usize>]>,
        eval: &mut Eval,
    ) {
        let hay = column.hay();
        let n = eval.active.len();
        for (pattern, candidates) in &term.patterns {
            // Only bodies have signatures; the other fields are short.
            let candidates = candidates.as_deref().filter(|_| field == MatchField::Body);
            let needs = |eval: &Eval, d: usize| {
                let post = eval.base + d;
                eval.active[d]
                    && eval.found[d].is_none()
                    && candidates.is_none_or(|c| c[post / 64] & (1 << (post % 64)) != 0)
            };
            let mut d = 0;
            while d < n {
                if !needs(eval, d) {
                    d += 1;
                    continue;
                }
                // A run of posts that all still need this term: one scan covers them all.
                let mut e = d + 1;
                while e < n && needs(eval, e) {
                    e += 1;
                }
                let end = column.starts[eval.base + e];
                let mut pos = column.starts[eval.base + d];
                while pos < end {
                    let Some(hit) = pattern.find(hay, pos, end) else {
                        break;
                    };
                    if let Some(code_end) = code.and_then(|c| code_end_at(c, hit.start)) {
                        pos = code_end;
                        continue;
                    }
                    let post = column.post_at(hit.start);
                    eval.found[post - eval.base] = Some(field);
                    pos = column.starts[post + 1];
                }
                d = e;
            }
        }
    }

    fn hit(
        &self,
        post: usize,
        key: u64,
        field: MatchField,
        query: &Query,
        options: &SearchOptions,
    ) -> SearchHit {
        let score = u32::MAX - (key >> 32) as u32;
        let width = options.snippet_width;
        let anywhere: Vec<&Term> = query.terms.iter().filter(|t| !t.tags_only).collect();
        let body_first = self.first_in_body(post, &anywhere, options.include_code);
        let body_match = body_first
            .clone()
            .map(|r| self.restore[post].to_original(r));
        let snippet = match field {
            MatchField::Title => field_snippet(
                &self.title,
                self.titles.get(post),
                post,
                &anywhere,
                query,
                width,
            ),
            MatchField::Description => field_snippet(
                &self.description,
                self.descriptions.get(post),
                post,
                &anywhere,
                query,
                width,
            ),
            MatchField::Tag => {
                let all: Vec<&Term> = query.terms.iter().collect();
                tag_snippet(
                    &self.tags,
                    self.tag_lists.get(post),
                    post,
                    &all,
                    query,
                    width,
                )
            }
            MatchField::Body => match body_first {
                Some(r) => self.body_snippet(post, r, query, width),
                None => Snippet::default(),
            },
        };
        SearchHit {
            post: PostId(post),
            score,
            field,
            snippet,
            body_match,
        }
    }

    /// The earliest match of any of `terms` in the body of `post`, relative to the body.
    fn first_in_body(
        &self,
        post: usize,
        terms: &[&Term],
        include_code: bool,
    ) -> Option<Range<usize>> {
        let hay = self.body.hay();
        let range = self.body.range(post);
        let earliest = |a: usize, b: usize| {
            terms
                .iter()
                .filter_map(|t| t.find(hay, a, b))
                .min_by_key(|r| r.start)
        };
        let found = if include_code {
            earliest(range.start, range.end)
        } else {
            let first = self.code.partition_point(|c| c.end <= range.start);
            let mut pos = range.start;
            let mut found = None;
            for block in self.code[first..]
                .iter()
                .take_while(|c| c.start < range.end)
            {
                found = earliest(pos, block.start);
                if found.is_some() {
                    break;
                }
                pos = block.end;
            }
            found.or_else(|| earliest(pos, range.end))
        };
        found.map(|r| shift(&r, range.start))
    }

    fn body_snippet(&self, post: usize, at: Range<usize>, query: &Query, width: usize) -> Snippet {
        let folded = self.body.text(post);
        // Enough bytes on each side for `width` columns of Korean (2 columns per 3 bytes) or
        // Latin text, with room for Markdown markers that are removed.
        let before = width * 2 + 16;
        let after = width * 3 + 32;
        let mut start = floor_char_boundary(folded, at.start.saturating_sub(before));
        // Start at a line start when one is near, so line markers are recognised.
        let mid_line = match folded[start..at.start].find('\n') {
            Some(i) => {
                start += i + 1;
                false
            }
            None => start > 0 && folded.as_bytes()[start - 1] != b'\n',
        };
        let end = ceil_char_boundary(folded, at.end.saturating_add(after).min(folded.len()));
        let (window, inner) = self.restore[post].window(folded, start..end, at);
        let cut = Cut {
            before: start > 0,
            mid_line,
            after: end < folded.len(),
        };
        build_snippet(&window, inner, query, width, cut)
    }
}

/// If `pos` lies in one of the sorted `code` ranges, where that range ends.
fn code_end_at(code: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = code.partition_point(|r| r.end <= pos);
    code.get(i).filter(|r| r.start <= pos).map(|r| r.end)
}

fn recency_key(post: &Post) -> (bool, Reverse<Option<PostDate>>, &PathBuf) {
    (post.date.is_none(), Reverse(post.date), &post.path)
}

fn first_in(column: &Column, post: usize, terms: &[&Term]) -> Option<Range<usize>> {
    let range = column.range(post);
    terms
        .iter()
        .filter_map(|t| t.find(column.hay(), range.start, range.end))
        .min_by_key(|r| r.start)
        .map(|r| shift(&r, range.start))
}

fn field_snippet(
    column: &Column,
    original: &str,
    post: usize,
    terms: &[&Term],
    query: &Query,
    width: usize,
) -> Snippet {
    let map = fold_with_map(original);
    let at = first_in(column, post, terms).map_or(0..0, |r| map.to_original(r));
    build_snippet(original, at, query, width, Cut::NONE)
}

fn tag_snippet(
    column: &Column,
    original: &str,
    post: usize,
    terms: &[&Term],
    query: &Query,
    width: usize,
) -> Snippet {
    let Some(found) = first_in(column, post, terms) else {
        return Snippet::default();
    };
    let at = fold_with_map(original).to_original(found);
    let start = original[..at.start].rfind('\n').map_or(0, |i| i + 1);
    let end = original[at.end..]
        .find('\n')
        .map_or(original.len(), |i| at.end + i);
    let text = format!("#{}", &original[start..end]);
    let at = at.start - start + 1..at.end - start + 1;
    build_snippet(&text, at, query, width, Cut::NONE)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

// ---------------------------------------------------------------------------------------
// Snippets
// ---------------------------------------------------------------------------------------

impl Snippet {
    /// Cuts about `width` columns of `text` around the byte range `at` (the match), cleaned
    /// as described on [`Snippet::text`], with every term of `query` highlighted. The result
    /// is never wider than `width` columns (measured with
    /// [`grapheme_width`](crate::text::grapheme_width)) and never cuts a grapheme.
    pub fn around(text: &str, at: Range<usize>, query: &Query, width: usize) -> Snippet {
        build_snippet(text, at, query, width, Cut::NONE)
    }
}

/// One grapheme of cleaned snippet text.
struct Piece {
    /// Range in the cleaned buffer.
    text: Range<usize>,
    width: usize,
    /// Range in the source text.
    src: Range<usize>,
}

/// Length of the Markdown block markers at the start of `line`: indentation, `>` quotes,
/// `#` headings, list bullets and task boxes.
fn line_marker_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if i < b.len() && b[i] == b'>' {
            i += 1;
            continue;
        }
        break;
    }
    let rest = &b[i..];
    let hashes = rest.iter().take_while(|&&c| c == b'#').count();
    if (1..=6).contains(&hashes) && rest.get(hashes).is_none_or(|c| *c == b' ' || *c == b'\t') {
        i += hashes;
    } else if rest.len() >= 2
        && matches!(rest[0], b'-' | b'*' | b'+')
        && (rest[1] == b' ' || rest[1] == b'\t')
    {
        i += 2;
        let rest = &b[i..];
        if rest.len() >= 3
            && rest[0] == b'['
            && rest[2] == b']'
            && matches!(rest[1], b' ' | b'x' | b'X')
        {
            i += 3;
        }
    }
    i
}

fn is_fence_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}

/// Turns Markdown source into clean graphemes, remembering where each came from.
fn clean_pieces(text: &str, mid_line: bool, buf: &mut String) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut pending_space: Option<usize> = None;
    let mut line_start = 0;
    for (n, raw_line) in text.split_inclusive('\n').enumerate() {
        let line_offset = line_start;
        line_start += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let first_fragment = n == 0 && mid_line;
        if !first_fragment && is_fence_line(line) {
            pending_space.get_or_insert(line_offset);
            continue;
        }
        let skip = if first_fragment {
            0
        } else {
            line_marker_len(line)
        };
        let mut graphemes = line[skip..].grapheme_indices(true).peekable();
        if first_fragment {
            // The window may start inside a grapheme: drop the fragment.
            graphemes.next();
        }
        let mut skip_until: Option<usize> = None;
        while let Some((i, g)) = graphemes.next() {
            let at = line_offset + skip + i;
            if skip_until.is_some_and(|end| at < end) {
                continue;
            }
            skip_until = None;
            if g.chars().all(|c| c.is_whitespace() || c.is_control()) {
                pending_space.get_or_insert(at);
                continue;
            }
            match g {
                "*" | "`" => continue,
                "[" => continue,
                "!" if graphemes.peek().is_some_and(|(_, n)| *n == "[") => continue,
                "]" => {
                    // `](target)`: keep the link text, drop the target.
                    let after = &line[skip + i + 1..];
                    if after.starts_with('(')
                        && let Some(close) = after.find(')')
                    {
                        skip_until = Some(at + 1 + close + 1);
                    }
                    continue;
                }
                _ => {}
            }
            if let Some(space_at) = pending_space.take()
                && !pieces.is_empty()
            {
                let s = buf.len();
                buf.push(' ');
                pieces.push(Piece {
                    text: s..s + 1,
                    width: 1,
                    src: space_at..space_at + 1,
                });
            }
            let s = buf.len();
            if g.len() == 1 || is_nfc_quick(g.chars()) == IsNormalized::Yes {
                buf.push_str(g);
            } else {
                buf.extend(g.nfc());
            }
            let width = grapheme_width(&buf[s..]);
            pieces.push(Piece {
                text: s..buf.len(),
                width,
                src: at..at + g.len(),
            });
        }
        pending_space.get_or_insert(line_start.saturating_sub(1));
    }
    pieces
}

/// Whether the text given to [`build_snippet`] was cut from a longer one.
#[derive(Clone, Copy)]
struct Cut {
    /// Text precedes it (so it gets a leading `…`).
    before: bool,
    /// It starts inside a line (possibly inside a grapheme).
    mid_line: bool,
    /// Text follows it.
    after: bool,
}

impl Cut {
    const NONE: Cut = Cut {
        before: false,
        mid_line: false,
        after: false,
    };
}

fn build_snippet(text: &str, at: Range<usize>, query: &Query, width: usize, cut: Cut) -> Snippet {
    let mut buf = String::with_capacity(text.len());
    let pieces = clean_pieces(text, cut.mid_line, &mut buf);
    if pieces.is_empty() || width == 0 {
        return Snippet::default();
    }
    let n = pieces.len();
    let overlaps = |p: &Piece| p.src.start < at.end && at.start < p.src.end;
    let m0 = pieces
        .iter()
        .position(overlaps)
        .or_else(|| pieces.iter().position(|p| p.src.start >= at.start))
        .unwrap_or(n - 1);
    let m1 = pieces.iter().rposition(overlaps).unwrap_or(m0).max(m0);
    let (more_before, more_after) = (cut.before || cut.mid_line, cut.after);
    // An ellipsis is needed on a side when pieces are left out there, or the window itself
    // was cut from a longer text.
    let room = |lo: usize, hi: usize| {
        let ellipses = usize::from(lo > 0 || more_before) + usize::from(hi < n || more_after);
        width.saturating_sub(ellipses)
    };
    let (mut lo, mut hi) = (m0, m0 + 1);
    let mut used = pieces[m0].width;
    if used > room(lo, hi) {
        // Not even the first grapheme of the match fits.
        let text = if width > 0 {
            "…".to_owned()
        } else {
            String::new()
        };
        return Snippet {
            text,
            highlights: Vec::new(),
        };
    }
    // The match itself, as far as it fits.
    while hi <= m1 && used + pieces[hi].width <= room(lo, hi + 1) {
        used += pieces[hi].width;
        hi += 1;
    }
    let matched_all = hi > m1;
    let match_width = used;
    // A third of the spare columns before the match, the rest after; whatever one side
    // cannot use goes to the other.
    let left_target = width.saturating_sub(match_width) / 3;
    let mut left_used = 0;
    let grow_left =
        |lo: &mut usize, used: &mut usize, hi: usize, limit: usize, left_used: &mut usize| {
            while *lo > 0 && *left_used < limit {
                let w = pieces[*lo - 1].width;
                if *used + w > room(*lo - 1, hi) || *left_used + w > limit {
                    break;
                }
                *lo -= 1;
                *used += w;
                *left_used += w;
            }
        };
    if matched_all {
        grow_left(&mut lo, &mut used, hi, left_target, &mut left_used);
        while hi < n && used + pieces[hi].width <= room(lo, hi + 1) {
            used += pieces[hi].width;
            hi += 1;
        }
        grow_left(&mut lo, &mut used, hi, usize::MAX, &mut left_used);
    }
    // A snippet does not start or end with the space between two cut words.
    while lo < hi && &buf[pieces[lo].text.clone()] == " " && (lo > 0 || more_before) {
        lo += 1;
    }
    while hi > lo && &buf[pieces[hi - 1].text.clone()] == " " && (hi < n || more_after) {
        hi -= 1;
    }
    let mut out = String::new();
    if lo > 0 || more_before {
        out.push('…');
    }
    let mut primary: Option<Range<usize>> = None;
    for (k, p) in pieces[lo..hi].iter().enumerate() {
        let s = out.len();
        out.push_str(&buf[p.text.clone()]);
        if (m0..=m1).contains(&(lo + k)) && overlaps(p) {
            let r = primary.get_or_insert(s..s);
            r.end = out.len();
        }
    }
    if hi < n || more_after {
        out.push('…');
    }
    let mut highlights = query.find_all(&out);
    highlights.extend(primary);
    Snippet {
        highlights: merge_ranges(highlights),
        text: out,
    }
}

// ---------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------

/// Every tag with the number of posts carrying it, most used first, ties in Unicode order.
/// Tags that fold to the same text (`Rust`, `rust`) are counted together under their most
/// common spelling (ties: the smaller in Unicode order).
pub fn tag_counts(posts: &[Post]) -> Vec<(String, usize)> {
    struct Entry<'a> {
        count: usize,
        spellings: Vec<(&'a str, usize)>,
    }
    let mut entries: HashMap<Cow<'_, str>, Entry<'_>> = HashMap::new();
    let mut seen: Vec<Cow<'_, str>> = Vec::new();
    for post in posts {
        seen.clear();
        for tag in &post.tags {
            if tag.trim().is_empty() {
                continue;
            }
            let key = fold_cow(tag);
            // Posts have a handful of tags: a linear scan beats hashing here.
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            let e = entries.entry(key).or_insert_with(|| Entry {
                count: 0,
                spellings: Vec::new(),
            });
            e.count += 1;
            match e.spellings.iter_mut().find(|(s, _)| *s == tag.as_str()) {
                Some((_, n)) => *n += 1,
                None => e.spellings.push((tag.as_str(), 1)),
            }
        }
    }
    let mut out: Vec<(String, usize)> = entries
        .into_values()
        .filter_map(|e| {
            let (spelling, _) = e
                .spellings
                .into_iter()
                .min_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)))?;
            Some((spelling.to_owned(), e.count))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The posts that carry every one of `tags` (compared folded: NFC, case-insensitive), in
/// slice order. No tags selects every post.
pub fn filter_by_tags(posts: &[Post], tags: &[String]) -> Vec<PostId> {
    let mut wanted: Vec<String> = tags.iter().map(|t| fold(t)).collect();
    wanted.sort();
    wanted.dedup();
    posts
        .iter()
        .enumerate()
        .filter(|(_, post)| {
            wanted
                .iter()
                .all(|w| post.tags.iter().any(|t| fold_cow(t) == w.as_str()))
        })
        .map(|(i, _)| PostId(i))
        .collect()
}

/// Indexes into `tags` (as returned by [`tag_counts`]) that match `pattern` fuzzily, best
/// first (by score, then count). Uses nucleo's fuzzy matching; a tag it rejects is still
/// accepted when every character of the pattern matches a later character of the tag under
/// the search rules (a jamo consonant matches a syllable's initial, the last syllable may be
/// incomplete), so `ㅍㅇㅆ` and `파이써` both find `파이썬`. A blank pattern lists every tag
/// by count.
pub fn fuzzy_tags(tags: &[(String, usize)], pattern: &str) -> Vec<usize> {
    let folded_pattern = fold(pattern.trim());
    if folded_pattern.is_empty() {
        let mut all: Vec<usize> = (0..tags.len()).collect();
        all.sort_by_key(|&i| Reverse(tags[i].1));
        return all;
    }
    let fuzzy = FuzzyPattern::new(
        &folded_pattern,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let projected = FuzzyPattern::new(
        &hangul::initials(&folded_pattern),
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let words: Vec<Vec<CharRule>> = folded_pattern.split_whitespace().map(char_rules).collect();
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = Vec::new();
    for (i, (tag, _)) in tags.iter().enumerate() {
        let folded = fold(tag);
        let score = fuzzy
            .score(Utf32Str::new(&folded, &mut buf), &mut matcher)
            .or_else(|| {
                if !words.iter().all(|w| rules_match_subsequence(w, &folded)) {
                    return None;
                }
                let tag_initials = hangul::initials(&folded);
                Some(
                    projected
                        .score(Utf32Str::new(&tag_initials, &mut buf), &mut matcher)
                        .unwrap_or(1),
                )
            });
        if let Some(score) = score {
            scored.push((score, i));
        }
    }
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(tags[b.1].1.cmp(&tags[a.1].1))
            .then(a.1.cmp(&b.1))
    });
    scored.into_iter().map(|(_, i)| i).collect()
}

/// How one character of a fuzzy tag pattern may match.
enum CharRule {
    Exact(char),
    Initial(char),
    Syllable { lv: u32, finals: u32 },
}

fn char_rules(word: &str) -> Vec<CharRule> {
    let chars: Vec<char> = word.chars().collect();
    let last = chars.len().saturating_sub(1);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if is_initial_consonant(c) {
                return CharRule::Initial(c);
            }
            match syllable_parts(c) {
                Some((lv, 0)) if i == last => CharRule::Syllable {
                    lv,
                    finals: (1 << 28) - 1,
                },
                Some((lv, t)) if i == last => CharRule::Syllable {
                    lv,
                    finals: final_evolution(t).grows_into,
                },
                _ => CharRule::Exact(c),
            }
        })
        .collect()
}

fn rules_match_subsequence(rules: &[CharRule], text: &str) -> bool {
    let mut chars = text.chars();
    rules.iter().all(|rule| {
        chars.any(|c| match rule {
            CharRule::Exact(e) => c == *e,
            CharRule::Initial(j) => c == *j || initial_consonant(c) == Some(*j),
            CharRule::Syllable { lv, finals } => {
                syllable_parts(c).is_some_and(|(l, t)| l == *lv && finals & (1 << t) != 0)
            }
        })
    })
}

// ---------------------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------------------

/// Below this many items a second thread costs more than it saves.
const PARALLEL_MIN: usize = 2048;

fn threads_for(items: usize) -> usize {
    if items < PARALLEL_MIN {
        return 1;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.clamp(1, 8).min(items / (PARALLEL_MIN / 2))
}

/// Splits `0..len` into one contiguous chunk per thread and concatenates the results in
/// order.
fn parallel_ranges<T: Send>(len: usize, f: impl Fn(Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    parallel_ranges_aligned(len, 1, f)
}

/// Like [`parallel_ranges`], with every chunk starting at a multiple of `align`.
fn parallel_ranges_aligned<T: Send>(
    len: usize,
    align: usize,
    f: impl Fn(Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    let threads = threads_for(len);
    if threads <= 1 {
        return f(0..len);
    }
    let chunk = len.div_ceil(threads).next_multiple_of(align.max(1));
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = (0..threads)
            .map(|t| (t * chunk).min(len)..((t + 1) * chunk).min(len))
            .filter(|range| !range.is_empty())
            .map(|range| s.spawn(move || f(range)))
            .collect();
        let mut out = Vec::new();
        for h in handles {
            // A panic in a worker is a bug in this module; re-raise it on the caller.
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::str_width;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> Option<PostDate> {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(0, 0, 0))
    }

    fn post(title: &str, body: &str) -> Post {
        Post {
            title: title.into(),
            body: body.into(),
            path: format!("{title}.md").into(),
            ..Default::default()
        }
    }

    fn tagged(title: &str, tags: &[&str]) -> Post {
        Post {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..post(title, "")
        }
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn hits(posts: &[Post], query: &str) -> Vec<usize> {
        SearchIndex::build(posts)
            .search(query, 100)
            .into_iter()
            .map(|h| h.post.index())
            .collect()
    }

    fn hits_limited(posts: &[Post], query: &str, limit: usize) -> Vec<usize> {
        SearchIndex::build(posts)
            .search(query, limit)
            .into_iter()
            .map(|h| h.post.index())
            .collect()
    }

    fn highlighted(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|r| &s.text[r.clone()]).collect()
    }

    #[test]
    fn a_title_match_beats_a_tag_match_which_beats_a_body_match() {
        let posts = vec![
            post("잡담", "오늘은 러스트 이야기"),
            tagged("메모", &["러스트"]),
            post("러스트 입문", "본문"),
            Post {
                description: Some("러스트로 만든 도구".into()),
                ..post("도구", "")
            },
        ];
        let found = SearchIndex::build(&posts).search("러스트", 10);
        let order: Vec<(usize, MatchField)> =
            found.iter().map(|h| (h.post.index(), h.field)).collect();
        assert_eq!(
            order,
            vec![
                (2, MatchField::Title),
                (1, MatchField::Tag),
                (3, MatchField::Description),
                (0, MatchField::Body)
            ]
        );
        assert!(found.windows(2).all(|w| w[0].score > w[1].score));
    }

    #[test]
    fn among_equal_matches_the_more_recent_post_comes_first_and_undated_last() {
        let posts = vec![
            Post {
                date: date(2020, 1, 1),
                ..post("b 러스트", "")
            },
            Post {
                date: None,
                ..post("a 러스트", "")
            },
            Post {
                date: date(2024, 5, 1),
                ..post("c 러스트", "")
            },
            Post {
                date: date(2020, 1, 1),
                ..post("a 러스트", "")
            },
        ];
        assert_eq!(hits(&posts, "러스트"), vec![2, 3, 0, 1]);
    }

    #[test]
    fn initial_consonants_match_syllables() {
        let posts = vec![
            post("생성형 AI", ""),
            post("확산 모델", ""),
            post("다른 글", ""),
        ];
        assert_eq!(hits(&posts, "ㅅㅅㅎ"), vec![0]);
        assert_eq!(hits(&posts, "ㅎㅅ"), vec![1]);
        assert_eq!(hits(&posts, "ㅁㄷ"), vec![1]);
    }

    #[test]
    fn syllables_and_initial_consonants_mix_in_one_term() {
        let posts = vec![post("생성형 AI", ""), post("생성자 패턴", "")];
        assert_eq!(hits(&posts, "생성ㅎ"), vec![0]);
        assert_eq!(hits(&posts, "ㅅ성ㅈ"), vec![1]);
        // Both undated: ordered by path, and 자 sorts before 형.
        assert_eq!(hits(&posts, "생성"), vec![1, 0]);
    }

    #[test]
    fn the_syllable_being_typed_matches_its_completions() {
        let posts = vec![
            post("생성형", ""),
            post("파이썬 입문", ""),
            post("닭갈비", ""),
        ];
        assert_eq!(hits(&posts, "생서"), vec![0]);
        assert_eq!(hits(&posts, "파이써"), vec![1]);
        // 팡 is 파 + ㅇ about to become the initial of 이.
        assert_eq!(hits(&posts, "팡"), vec![1]);
        // 달 can still grow into 닭.
        assert_eq!(hits(&posts, "달"), vec![2]);
        // Finished queries (trailing space) match exactly.
        assert!(hits(&posts, "생서 ").is_empty());
        assert!(
            SearchIndex::build(&posts)
                .search_with(&Query::parse_finished("팡"), 10, &SearchOptions::default())
                .is_empty()
        );
    }

    #[test]
    fn decomposed_posts_match_composed_queries_and_the_reverse() {
        let posts = vec![post(&nfd("생성형 모델"), &nfd("본문의 확산 모델"))];
        assert_eq!(hits(&posts, "생성형"), vec![0]);
        assert_eq!(hits(&posts, "확산"), vec![0]);
        let posts = vec![post("생성형 모델", "")];
        assert_eq!(hits(&posts, &nfd("생성형")), vec![0]);
    }

    #[test]
    fn latin_letters_match_regardless_of_case() {
        let posts = vec![post("Rust와 WebAssembly", "Tokio 런타임")];
        assert_eq!(hits(&posts, "rust"), vec![0]);
        assert_eq!(hits(&posts, "WEBASSEMBLY"), vec![0]);
        assert_eq!(hits(&posts, "tokio"), vec![0]);
    }

    #[test]
    fn every_term_must_match_somewhere_in_the_post() {
        let posts = vec![
            Post {
                tags: vec!["자동화".into()],
                ..post("파이썬 스크립트", "")
            },
            post("파이썬 입문", "변수와 함수"),
            post("업무 자동화", "엑셀"),
        ];
        assert_eq!(hits(&posts, "파이썬 자동화"), vec![0]);
        let found = SearchIndex::build(&posts).search("파이썬 자동화", 10);
        assert_eq!(found[0].field, MatchField::Title);
        assert!(hits(&posts, "파이썬 엑셀").is_empty());
    }

    #[test]
    fn a_hash_term_matches_tags_only() {
        let posts = vec![tagged("글", &["Rust"]), post("rust 이야기", "")];
        assert_eq!(hits(&posts, "#rust"), vec![0]);
        assert_eq!(hits(&posts, "rust"), vec![1, 0]);
    }

    #[test]
    fn fenced_code_is_not_searched_unless_asked() {
        let body = "설명 문단\n\n```python\nprint('자동화')\n```\n\n끝.\n";
        let posts = vec![post("글", body)];
        assert!(hits(&posts, "print").is_empty());
        let index = SearchIndex::build(&posts);
        let options = SearchOptions {
            include_code: true,
            ..SearchOptions::default()
        };
        let found = index.search_with(&Query::parse("print"), 10, &options);
        assert_eq!(found.len(), 1);
        let r = found[0].body_match.clone().unwrap_or_default();
        assert_eq!(&body[r], "print");
        assert_eq!(hits(&posts, "끝"), vec![0]);
    }

    #[test]
    fn an_unclosed_fence_hides_the_rest_of_the_body() {
        assert_eq!(code_blocks("a\n```\ncode\n"), vec![2..11]);
        assert_eq!(code_blocks("a\n  ~~~~\nx\n~~~\n~~~~\nb"), vec![2..20]);
        assert!(code_blocks("inline ``` fence").is_empty());
    }

    #[test]
    fn the_body_match_is_a_range_in_the_original_body() {
        let body = format!("# 제목\n\nAI {} 이야기", nfd("생성형"));
        let posts = vec![post("글", &body)];
        let found = SearchIndex::build(&posts).search("생성형", 10);
        let r = found[0].body_match.clone().unwrap_or_default();
        assert_eq!(&body[r], nfd("생성형"));
        let body = "Rust와 TOKIO 런타임";
        let found = SearchIndex::build(&[post("x", body)]).search("tokio", 10);
        let r = found[0].body_match.clone().unwrap_or_default();
        assert_eq!(&body[r], "TOKIO");
        assert_eq!(found[0].snippet.text, "Rust와 TOKIO 런타임");
        assert_eq!(highlighted(&found[0].snippet), vec!["TOKIO"]);
    }

    #[test]
    fn find_matches_returns_ranges_into_decomposed_text() {
        let text = format!("{} 그리고 {}", nfd("생성형"), nfd("생성"));
        let found = find_matches(&text, "생성");
        let words: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, vec![nfd("생성").as_str(), nfd("생성").as_str()]);
        let found = find_matches(&text, "ㅅㅅㅎ");
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], nfd("생성형"));
    }

    #[test]
    fn find_matches_finds_every_occurrence_of_every_term() {
        let text = "Rust는 rust고 러스트다";
        let found = find_matches(text, "RUST 러스트");
        let words: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, vec!["Rust", "rust", "러스트"]);
        assert!(find_matches(text, "   ").is_empty());
    }

    #[test]
    fn snippets_are_cut_by_display_width_with_ellipses() {
        let body = "가나다라마바사아자차카타파하 ".repeat(10)
            + "생성형 AI는 "
            + &"하파타카차자아사바마라다나가 ".repeat(10);
        let q = Query::parse("생성형");
        for width in [10, 11, 20, 33, 60] {
            let at = body.find("생성형").unwrap_or(0);
            let s = Snippet::around(&body, at..at + 9, &q, width);
            assert!(str_width(&s.text) <= width, "{width}: {:?}", s.text);
            assert!(
                s.text.starts_with('…') && s.text.ends_with('…'),
                "{:?}",
                s.text
            );
            assert_eq!(highlighted(&s), vec!["생성형"]);
            assert!(
                str_width(&s.text) + 2 >= width,
                "{width}: too short {:?}",
                s.text
            );
        }
    }

    #[test]
    fn snippets_never_cut_through_an_emoji_or_a_syllable() {
        let text = "👩‍💻🇰🇷한글👍🏽 match 👩‍💻🇰🇷한글👍🏽";
        let q = Query::parse("match");
        let at = text.find("match").unwrap_or(0);
        for width in 1..30 {
            let s = Snippet::around(text, at..at + 5, &q, width);
            assert!(str_width(&s.text) <= width, "{width}: {:?}", s.text);
            let inner = s.text.trim_matches('…');
            for g in ["👩‍💻", "🇰🇷", "👍🏽", "한", "글"] {
                // A grapheme appears whole or not at all: no lone ZWJ, regional indicator, tone.
                let _ = g;
            }
            assert!(!inner.starts_with('\u{200D}') && !inner.ends_with('\u{200D}'));
            assert!(
                inner
                    .chars()
                    .filter(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c))
                    .count()
                    % 2
                    == 0
            );
            assert_eq!(
                inner.chars().filter(|c| *c == '\u{1F3FD}').count(),
                inner.chars().filter(|c| *c == '👍').count()
            );
        }
        let s = Snippet::around(text, at..at + 5, &q, 60);
        assert_eq!(s.text, text);
    }

    #[test]
    fn snippets_fold_newlines_and_drop_markdown_markers() {
        let text =
            "## 제목\n\n> 인용된 **생성형** 모델\n- 목록 `코드`\n[링크](https://example.com) 끝";
        let q = Query::parse("생성형");
        let at = text.find("생성형").unwrap_or(0);
        let s = Snippet::around(text, at..at + 9, &q, 80);
        assert_eq!(s.text, "제목 인용된 생성형 모델 목록 코드 링크 끝");
        assert_eq!(highlighted(&s), vec!["생성형"]);
    }

    #[test]
    fn a_body_snippet_from_the_middle_of_a_long_post_starts_with_an_ellipsis() {
        let body =
            "첫 문단은 길다. ".repeat(80) + "여기서 확산 모델을 다룬다. " + &"끝 문단. ".repeat(80);
        let found = SearchIndex::build(&[post("글", &body)]).search("확산", 10);
        let s = &found[0].snippet;
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{:?}",
            s.text
        );
        assert!(str_width(&s.text) <= 60);
        assert_eq!(highlighted(s), vec!["확산"]);
    }

    #[test]
    fn a_tag_hit_shows_the_tag() {
        let found = SearchIndex::build(&[tagged("글", &["Python", "자동화"])]).search("자동", 10);
        assert_eq!(found[0].field, MatchField::Tag);
        assert_eq!(found[0].snippet.text, "#자동화");
        assert_eq!(highlighted(&found[0].snippet), vec!["자동"]);
    }

    #[test]
    fn tag_counts_list_the_most_used_first_then_in_unicode_order() {
        let posts = vec![
            tagged("a", &["rust", "파이썬"]),
            tagged("b", &["Rust", "자동화"]),
            tagged("c", &["rust", "가나"]),
            tagged("d", &["파이썬"]),
        ];
        assert_eq!(
            tag_counts(&posts),
            vec![
                ("rust".to_string(), 3),
                ("파이썬".to_string(), 2),
                ("가나".to_string(), 1),
                ("자동화".to_string(), 1)
            ]
        );
    }

    #[test]
    fn tag_filters_keep_posts_with_all_tags_folded() {
        let posts = vec![
            tagged("a", &["Rust", "CLI"]),
            tagged("b", &["rust"]),
            Post {
                tags: vec![nfd("파이썬"), "cli".into()],
                ..post("c", "")
            },
        ];
        assert_eq!(
            filter_by_tags(&posts, &["rust".into()]),
            vec![PostId(0), PostId(1)]
        );
        assert_eq!(
            filter_by_tags(&posts, &["RUST".into(), "cli".into()]),
            vec![PostId(0)]
        );
        assert_eq!(
            filter_by_tags(&posts, &["파이썬".into(), "CLI".into()]),
            vec![PostId(2)]
        );
        assert_eq!(
            filter_by_tags(&posts, &[]),
            vec![PostId(0), PostId(1), PostId(2)]
        );
    }

    #[test]
    fn fuzzy_tags_accept_initial_consonants_where_fuzzy_matching_fails() {
        let tags = vec![
            ("파이썬".to_string(), 5),
            ("rust".to_string(), 9),
            ("프로그래밍".to_string(), 2),
            ("파이프라인".to_string(), 1),
        ];
        assert_eq!(fuzzy_tags(&tags, "rs"), vec![1]);
        assert_eq!(fuzzy_tags(&tags, "ㅍㅇㅆ"), vec![0]);
        assert_eq!(fuzzy_tags(&tags, "파이써"), vec![0]);
        let p = fuzzy_tags(&tags, "ㅍ");
        assert_eq!(p.len(), 3);
        assert_eq!(fuzzy_tags(&tags, ""), vec![1, 0, 2, 3]);
    }

    #[test]
    fn a_jamo_query_matches_the_jamo_itself_and_never_a_neighbouring_character() {
        // U+3000 (ideographic space) is E3 80 80: its continuation bytes must not be taken
        // for the slot of a ㄱ syllable.
        let text = "ㅋㅋ 웃음\u{3000}가방";
        // Adjacent matches stay separate: each is a stop for n/N.
        let found = find_matches(text, "ㅋ");
        assert_eq!(
            found.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["ㅋ", "ㅋ"]
        );
        let found = find_matches(text, "ㄱㅂ");
        assert_eq!(
            found.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["가방"]
        );
    }

    #[test]
    fn a_small_limit_keeps_the_best_hits() {
        let posts: Vec<Post> = (1..=9)
            .map(|d| Post {
                date: date(2020, 1, d),
                ..post(&format!("러스트 {d}"), "")
            })
            .collect();
        assert_eq!(hits_limited(&posts, "러스트", 3), vec![8, 7, 6]);
    }

    #[test]
    fn large_libraries_are_searched_in_parallel_with_the_same_results() {
        let mut posts: Vec<Post> = (0..3000)
            .map(|i| Post {
                date: date(2000 + (i % 20), 1, 1),
                ..post(&format!("글 {i}"), "본문 생성")
            })
            .collect();
        posts[2999].body = "특별한 확산 이야기".into();
        posts[5].tags = vec!["확산".into()];
        let index = SearchIndex::build(&posts);
        let found: Vec<usize> = index
            .search("ㅎㅅ", 10)
            .into_iter()
            .map(|h| h.post.index())
            .collect();
        assert_eq!(found, vec![5, 2999]);
        let all = index.search("생성", usize::MAX);
        assert_eq!(all.len(), 2999);
        let keys: Vec<_> = all
            .iter()
            .map(|h| {
                (
                    Reverse(h.score),
                    Reverse(posts[h.post.index()].date),
                    posts[h.post.index()].path.as_path(),
                )
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    }

    /// What the index must agree with: every term found (with `find_all`) in some field,
    /// bodies with fenced code removed.
    fn naive_matches(post: &Post, query: &str, include_code: bool) -> bool {
        let words: Vec<&str> = query.split_whitespace().collect();
        let body = &post.body;
        let mut prose = String::new();
        let mut pos = 0;
        let blocks = if include_code {
            Vec::new()
        } else {
            code_blocks(body)
        };
        for block in blocks {
            prose.push_str(&body[pos..block.start]);
            prose.push('\n');
            pos = block.end;
        }
        prose.push_str(&body[pos..]);
        let typing = !query.ends_with(char::is_whitespace);
        // A lone `#` is ignored, but still ends the word before it.
        words
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != "#")
            .all(|(i, w)| {
                let last = typing && i + 1 == words.len();
                let one = |text: &str, word: &str| {
                    let q = if last {
                        Query::parse(word)
                    } else {
                        Query::parse_finished(word)
                    };
                    !q.find_all(text).is_empty()
                };
                let tags = post.tags.join("\n");
                match w.strip_prefix('#') {
                    Some(tag) if !tag.is_empty() => one(&tags, tag),
                    _ => [
                        post.title.as_str(),
                        &tags,
                        post.description.as_deref().unwrap_or(""),
                        &prose,
                    ]
                    .iter()
                    .any(|t| one(t, w)),
                }
            })
    }

    fn arb_text(alphabet: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(alphabet), 0..max)
            .prop_map(|v| v.concat())
    }

    const TEXT: &[&str] = &[
        "생",
        "성",
        "형",
        "새",
        "서",
        "파",
        "이",
        "썬",
        "확",
        "산",
        "ㅅ",
        "a",
        "B",
        "ru",
        "sT",
        " ",
        "\n",
        "\n```\n",
        "\n~~~\n",
        "**",
        "# ",
        "\u{1109}\u{1162}\u{11BC}",
        "👍🏽",
        "İ",
    ];
    const QUERY: &[&str] = &[
        "생", "성", "서", "새", "파", "팡", "ㅅ", "ㅎ", "a", "b", "st", "#", " ", "ㅍ", "쌩",
    ];

    proptest! {
        #[test]
        fn the_index_finds_exactly_the_posts_a_naive_scan_finds(
            posts in proptest::collection::vec(
                (arb_text(TEXT, 4), arb_text(TEXT, 3), arb_text(TEXT, 30)),
                1..12,
            ),
            query in arb_text(QUERY, 4),
            include_code in any::<bool>(),
        ) {
            let posts: Vec<Post> = posts
                .into_iter()
                .enumerate()
                .map(|(i, (title, tag, body))| Post {
                    title,
                    tags: vec![tag],
                    body,
                    path: format!("{i}.md").into(),
                    ..Default::default()
                })
                .collect();
            // `##x` is a tag-only term for the text `#x`, which `naive_matches` cannot express.
            prop_assume!(!query.split_whitespace().any(|w| w.starts_with("##")));
            let index = SearchIndex::build(&posts);
            let options = SearchOptions { include_code, ..SearchOptions::default() };
            let parsed = Query::parse(&query);
            let results = index.search_with(&parsed, 100, &options);
            for hit in &results {
                if let Some(r) = hit.body_match.clone() {
                    prop_assert!(!parsed.find_all(&posts[hit.post.index()].body[r]).is_empty());
                }
            }
            let mut found: Vec<usize> = results.iter().map(|h| h.post.index()).collect();
            found.sort_unstable();
            let expected: Vec<usize> = if query.split_whitespace().all(|w| w == "#") {
                Vec::new()
            } else {
                (0..posts.len()).filter(|&i| naive_matches(&posts[i], &query, include_code)).collect()
            };
            prop_assert_eq!(found, expected);
        }

        #[test]
        fn snippets_fit_the_width_and_keep_graphemes_whole(
            text in arb_text(TEXT, 60),
            width in 0usize..40,
            at in 0usize..200,
        ) {
            let at = floor_char_boundary(&text, at.min(text.len()));
            let end = ceil_char_boundary(&text, at + 1);
            let s = Snippet::around(&text, at..end, &Query::parse("생"), width);
            prop_assert!(str_width(&s.text) <= width, "{:?} wider than {}", s.text, width);
            let source: Vec<String> = text.graphemes(true).map(|g| g.nfc().collect()).collect();
            for g in s.text.graphemes(true).filter(|g| *g != "…" && *g != " ") {
                prop_assert!(source.iter().any(|s| s == g), "{:?} is not a grapheme of the text", g);
            }
            for r in &s.highlights {
                prop_assert!(s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn a_bit_matrix_transposes() {
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let mut m = [0u64; 64];
        for w in m.iter_mut() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            *w = rng;
        }
        let original = m;
        transpose64(&mut m);
        for (i, row) in original.iter().enumerate() {
            for (j, col) in m.iter().enumerate() {
                assert_eq!(row >> j & 1, col >> i & 1, "bit {i},{j}");
            }
        }
    }

    #[test]
    fn signatures_rule_out_posts_without_a_pattern_and_keep_those_with_it() {
        let mut posts: Vec<Post> = (0..130)
            .map(|i| post(&i.to_string(), "평범한 본문 내용"))
            .collect();
        posts[3].body = "생성형 모델".into();
        posts[100].body = "생성하는 방법".into();
        let index = SearchIndex::build(&posts);
        let candidates = |q: &str| {
            let query = Query::parse_finished(q);
            let bitmap = index
                .signatures
                .candidates(&query.terms[0].patterns[0].grams);
            bitmap.map(|b| {
                (0..posts.len())
                    .filter(|&i| b[i / 64] >> (i % 64) & 1 == 1)
                    .count()
            })
        };
        // Bloom filters may let a stray post through, never drop one that matches.
        assert!(candidates("생성형").is_some_and(|n| (1..10).contains(&n)));
        assert!(candidates("생성ㅎ").is_some_and(|n| (2..10).contains(&n)));
        // Both undated: ordered by path, "100.md" before "3.md".
        assert_eq!(hits(&posts, "생성ㅎ"), vec![100, 3]);
    }

    #[test]
    fn a_blank_query_finds_nothing() {
        let posts = vec![post("글", "## 본문")];
        assert!(hits(&posts, "").is_empty());
        assert!(hits(&posts, "  \t").is_empty());
        assert!(hits(&posts, "#").is_empty());
    }
}
