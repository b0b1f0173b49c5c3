//! Full-text search over posts, tag counts and tag filters.
//!
//! # Queries
//!
//! A query is whitespace-separated terms; a post matches when **every** term occurs in its
//! title, tags, description or body (front matter is not part of `Post::body`; fenced code
//! blocks are skipped unless [`SearchOptions::include_code`] is set). Matching is by
//! substring on folded text (see [`super::normalize`]): NFC, Latin case-insensitive.
//!
//! A term starting with `#` (`#rust`) matches tags only.
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
//!     next syllable when a vowel follows (`팡` finds `파이`, `잇` finds `이스`, `닭` finds
//!     `달기`). Without this, results would vanish at every consonant typed mid-word.
//!
//!   [`Query::parse_finished`] turns these typing rules off.
//!
//! # Ranking
//!
//! Each term is credited with the best field it occurs in (title > tag > description >
//! body); the score compares the number of terms found in titles first, then in tags, then
//! descriptions, then bodies. Ties go to the more recent post (undated last), then the path.
//!
//! # Speed
//!
//! The index keeps, per post, the folded text of every field plus its 초성 projection at
//! the same byte offsets, so a keystroke is a handful of `memmem` scans with early exits:
//! the first occurrence in the best field settles a term for a post. Snippets, original
//! offsets and the rest of the presentation are computed only for the hits returned.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

use memchr::memmem::Finder;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern as FuzzyPattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::normalize::{
    self, compose_syllable, final_evolution, fold, fold_with_map, initial_consonant,
    initials_if_different, is_initial_consonant, syllable_parts,
};
use super::{Post, PostDate};
use crate::markdown::width::grapheme_width;

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
    /// (`#`, `>`, list bullets), `*`, backticks, fence lines and link targets removed, NFC;
    /// `…` where it was cut.
    pub text: String,
    /// Byte ranges in `text` to highlight: the match the snippet was cut around plus every
    /// other occurrence of a query term that is fully visible. Sorted, non-overlapping.
    pub highlights: Vec<Range<usize>>,
}

/// One post that matched a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// Index of the post in the slice the index was built from.
    pub post: usize,
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
    /// A compatibility jamo consonant, compared in the 초성 projection.
    Initial([u8; 3]),
    /// A syllable with initial+medial block `lv` and a final in the bit set `finals`.
    Syllable { lv: u32, finals: u32 },
}

impl Atom {
    fn len(&self) -> usize {
        match self {
            Atom::Lit(s) => s.len(),
            Atom::Initial(_) | Atom::Syllable { .. } => 3,
        }
    }
}

#[derive(Debug, Clone)]
struct BytePattern {
    atoms: Vec<Atom>,
    len: usize,
    /// Search the 초성 projection (`true`) or the folded text for `needle`.
    in_initials: bool,
    /// Byte offset of the needle from the start of the pattern.
    offset: usize,
    needle: Finder<'static>,
}

impl BytePattern {
    fn new(atoms: Vec<Atom>) -> Option<BytePattern> {
        let atoms = merge_atoms(atoms);
        if atoms.is_empty() {
            return None;
        }
        let len = atoms.iter().map(Atom::len).sum();
        // The longest literal makes the most selective needle in the folded text; a short
        // one (a Latin letter next to jamo) is worse than the whole pattern's projection.
        let mut best: Option<(usize, usize)> = None; // (offset, atom index)
        let mut offset = 0;
        for (i, a) in atoms.iter().enumerate() {
            if let Atom::Lit(s) = a
                && best.is_none_or(|(_, j)| atoms[j].len() < s.len())
            {
                best = Some((offset, i));
            }
            offset += a.len();
        }
        let (in_initials, offset, needle) = match best {
            Some((off, i)) if atoms[i].len() >= 3 || atoms.len() == 1 => {
                let Atom::Lit(s) = &atoms[i] else { return None };
                (false, off, s.clone().into_bytes())
            }
            _ => {
                let mut projection = String::with_capacity(len);
                for a in &atoms {
                    match a {
                        Atom::Lit(s) => projection.push_str(&normalize::initials(s)),
                        Atom::Initial(j) => {
                            projection.push_str(std::str::from_utf8(j).unwrap_or_default());
                        }
                        Atom::Syllable { lv, .. } => {
                            let c = compose_syllable(*lv, 0).and_then(initial_consonant);
                            projection.push(c.unwrap_or('\u{FFFD}'));
                        }
                    }
                }
                (true, 0, projection.into_bytes())
            }
        };
        Some(BytePattern {
            atoms,
            len,
            in_initials,
            offset,
            needle: Finder::new(&needle).into_owned(),
        })
    }

    fn verify(&self, folded: &[u8], initials: &[u8], start: usize) -> bool {
        let mut p = start;
        for atom in &self.atoms {
            match atom {
                Atom::Lit(s) => {
                    if folded.get(p..p + s.len()) != Some(s.as_bytes()) {
                        return false;
                    }
                }
                Atom::Initial(j) => {
                    if initials.get(p..p + 3) != Some(&j[..]) {
                        return false;
                    }
                }
                Atom::Syllable { lv, finals } => {
                    let Some(c) = folded.get(p..p + 3).and_then(decode3) else {
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
    fn find(&self, text: &IndexedText<'_>, from: usize, to: usize) -> Option<Range<usize>> {
        let hay = if self.in_initials {
            text.initials
        } else {
            text.folded
        };
        let mut pos = from + self.offset;
        while pos < to {
            let hit = pos + self.needle.find(hay.get(pos..to)?)?;
            let start = hit - self.offset;
            if start + self.len <= to && self.verify(text.folded, text.initials, start) {
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
    if is_initial_consonant(c) {
        let mut buf = [0u8; 3];
        c.encode_utf8(&mut buf);
        Atom::Initial(buf)
    } else {
        Atom::Lit(c.to_string())
    }
}

impl Term {
    fn new(folded: &str, tags_only: bool, typing: bool) -> Option<Term> {
        let chars: Vec<char> = folded.chars().collect();
        let (&last, init) = chars.split_last()?;
        let head: Vec<Atom> = init.iter().map(|&c| char_atom(c)).collect();
        let with = |tail: &[Atom]| {
            let mut atoms = head.clone();
            atoms.extend_from_slice(tail);
            BytePattern::new(atoms)
        };
        let mut patterns = Vec::new();
        match syllable_parts(last) {
            Some((lv, 0)) if typing => {
                patterns.extend(with(&[Atom::Syllable {
                    lv,
                    finals: (1 << 28) - 1,
                }]));
            }
            Some((lv, t)) if typing => {
                let evolution = final_evolution(t);
                patterns.extend(with(&[Atom::Syllable {
                    lv,
                    finals: evolution.grows_into,
                }]));
                if let Some((rest, moved)) = evolution.split
                    && let Some(first) = compose_syllable(lv, rest)
                {
                    patterns.extend(with(&[Atom::Lit(first.to_string()), char_atom(moved)]));
                }
            }
            _ => patterns.extend(with(&[char_atom(last)])),
        }
        (!patterns.is_empty()).then(|| Term {
            text: folded.to_owned(),
            tags_only,
            patterns,
        })
    }

    fn find(&self, text: &IndexedText<'_>, from: usize, to: usize) -> Option<Range<usize>> {
        let mut best: Option<Range<usize>> = None;
        for p in &self.patterns {
            // Once something matched, later alternatives only need to look before it.
            let limit = best.as_ref().map_or(to, |b| (b.start + p.len).min(to));
            if let Some(r) = p.find(text, from, limit)
                && best.as_ref().is_none_or(|b| r.start < b.start)
            {
                best = Some(r);
            }
        }
        best
    }

    fn is_in(&self, text: &IndexedText<'_>, from: usize, to: usize) -> bool {
        self.patterns
            .iter()
            .any(|p| p.find(text, from, to).is_some())
    }

    /// Every match in `text[from..to]`, non-overlapping per alternative.
    fn find_all(&self, text: &IndexedText<'_>, out: &mut Vec<Range<usize>>) {
        for p in &self.patterns {
            let mut pos = 0;
            while let Some(r) = p.find(text, pos, text.folded.len()) {
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
                    Some(rest) if !rest.is_empty() => (true, rest),
                    _ => (false, *w),
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
        let projection = initials_if_different(folded.as_str());
        let text = IndexedText::new(folded.as_str(), projection.as_deref());
        let mut found = Vec::new();
        for term in &self.terms {
            term.find_all(&text, &mut found);
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

/// A borrowed view of folded text and its 초성 projection (same byte offsets).
struct IndexedText<'a> {
    folded: &'a [u8],
    initials: &'a [u8],
}

impl<'a> IndexedText<'a> {
    fn new(folded: &'a str, initials: Option<&'a str>) -> Self {
        IndexedText {
            folded: folded.as_bytes(),
            initials: initials.unwrap_or(folded).as_bytes(),
        }
    }
}

/// Folded text plus its 초성 projection, stored only when it differs (text with Hangul).
#[derive(Debug, Clone, Default)]
struct FoldedText {
    folded: Box<str>,
    initials: Option<Box<str>>,
}

impl FoldedText {
    fn new(folded: String) -> Self {
        let initials = initials_if_different(&folded).map(String::into_boxed_str);
        FoldedText {
            folded: folded.into_boxed_str(),
            initials,
        }
    }

    fn view(&self) -> IndexedText<'_> {
        IndexedText::new(&self.folded, self.initials.as_deref())
    }

    fn bytes(&self) -> usize {
        self.folded.len() + self.initials.as_ref().map_or(0, |s| s.len())
    }
}

/// A short field (title, tags, description): small enough to keep the original as well.
#[derive(Debug, Clone, Default)]
struct Field {
    original: Box<str>,
    text: FoldedText,
}

impl Field {
    fn new(original: &str) -> Self {
        Field {
            original: original.into(),
            text: FoldedText::new(fold(original)),
        }
    }
}

/// How to get the original body back from the folded one, without storing a second 3 KB
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
}

#[derive(Debug, Clone)]
struct Body {
    text: FoldedText,
    /// Byte ranges of fenced code blocks (fence lines included), sorted.
    code: Box<[Range<usize>]>,
    restore: Restore,
}

impl Body {
    /// Calls `f` with each searchable range of the body until it returns `Some`.
    fn first_in_ranges<T>(
        &self,
        include_code: bool,
        mut f: impl FnMut(usize, usize) -> Option<T>,
    ) -> Option<T> {
        let len = self.text.folded.len();
        if include_code || self.code.is_empty() {
            return f(0, len);
        }
        let mut pos = 0;
        for block in self.code.iter() {
            if pos < block.start
                && let Some(t) = f(pos, block.start)
            {
                return Some(t);
            }
            pos = block.end;
        }
        if pos < len { f(pos, len) } else { None }
    }

    /// The original text of the folded window `range` (on folded char boundaries), and
    /// where the folded match `inner` lies inside it.
    fn original_window(&self, range: Range<usize>, inner: Range<usize>) -> (String, Range<usize>) {
        let folded = &*self.text.folded;
        match &self.restore {
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

    /// Maps a folded range to `Post::body`.
    fn to_original(&self, range: Range<usize>) -> Range<usize> {
        match &self.restore {
            Restore::Same | Restore::AsciiUpper(_) => range,
            Restore::Changed(original) => fold_with_map(original).to_original(range),
        }
    }
}

fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start.saturating_sub(by)..r.end.saturating_sub(by)
}

#[derive(Debug, Clone)]
struct Doc {
    title: Field,
    /// Tags joined by `\n`, which no term can contain, so one scan covers them all.
    tags: Field,
    description: Field,
    body: Body,
}

impl Doc {
    fn new(post: &Post) -> Doc {
        let folded_body = fold(&post.body);
        let code = code_blocks(&folded_body).into_boxed_slice();
        let restore = Restore::new(&post.body, &folded_body);
        Doc {
            title: Field::new(&post.title),
            tags: Field::new(&post.tags.join("\n")),
            description: Field::new(post.description.as_deref().unwrap_or("")),
            body: Body {
                text: FoldedText::new(folded_body),
                code,
                restore,
            },
        }
    }

    /// The best field `term` occurs in, checked best-first so a title hit costs no body scan.
    fn best_field(&self, term: &Term, include_code: bool) -> Option<MatchField> {
        let short = |f: &Field| {
            let v = f.text.view();
            term.is_in(&v, 0, v.folded.len())
        };
        if term.tags_only {
            return short(&self.tags).then_some(MatchField::Tag);
        }
        if short(&self.title) {
            return Some(MatchField::Title);
        }
        if short(&self.tags) {
            return Some(MatchField::Tag);
        }
        if short(&self.description) {
            return Some(MatchField::Description);
        }
        let v = self.body.text.view();
        self.body
            .first_in_ranges(include_code, |a, b| term.is_in(&v, a, b).then_some(()))
            .map(|()| MatchField::Body)
    }

    fn first_in_body(&self, terms: &[&Term], include_code: bool) -> Option<Range<usize>> {
        let v = self.body.text.view();
        self.body.first_in_ranges(include_code, |a, b| {
            terms
                .iter()
                .filter_map(|t| t.find(&v, a, b))
                .min_by_key(|r| r.start)
        })
    }

    fn heap_bytes(&self) -> usize {
        let field = |f: &Field| f.original.len() + f.text.bytes();
        field(&self.title)
            + field(&self.tags)
            + field(&self.description)
            + self.body.text.bytes()
            + self.body.code.len() * std::mem::size_of::<Range<usize>>()
            + self.body.restore.bytes()
    }
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
            (None, Some(m)) if run >= 3 => {
                // A backtick fence's info string may not contain backticks (CommonMark).
                if m == b'~' || !trimmed[run..].contains('`') {
                    open = Some((line_start, m, run));
                }
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

/// Everything search needs from a slice of posts, built once.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Rank of each post by date (newest first, undated last), then path.
    order: Vec<u32>,
}

impl SearchIndex {
    /// Folds and indexes every post. Runs on all cores for large libraries.
    pub fn build(posts: &[Post]) -> SearchIndex {
        let docs = parallel_map(posts, Doc::new);
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
        SearchIndex { docs, order }
    }

    /// Number of posts indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no post is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Approximate heap memory held by the index, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.docs.iter().map(Doc::heap_bytes).sum::<usize>()
            + self.docs.capacity() * std::mem::size_of::<Doc>()
            + self.order.capacity() * 4
    }

    /// The best `limit` posts for `query` (parsed with [`Query::parse`]) with default
    /// [`SearchOptions`]. A blank query gives no hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        self.search_with(&Query::parse(query), limit, &SearchOptions::default())
    }

    /// The best `limit` posts for a parsed query; see the module documentation for
    /// matching and ranking.
    pub fn search_with(
        &self,
        query: &Query,
        limit: usize,
        options: &SearchOptions,
    ) -> Vec<SearchHit> {
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Long terms are rarer: trying them first rejects most posts with one scan.
        let mut terms: Vec<&Term> = query.terms.iter().collect();
        terms.sort_by_key(|t| Reverse(t.text.len()));
        let mut candidates = self.candidates(&terms, options.include_code);
        if candidates.len() > limit {
            candidates.select_nth_unstable_by_key(limit - 1, |c| c.0);
            candidates.truncate(limit);
        }
        candidates.sort_unstable_by_key(|c| c.0);
        candidates
            .into_iter()
            .map(|(key, post, field)| self.hit(post as usize, key, field, query, options))
            .collect()
    }

    /// `(sort key, post, best field)` of every post all terms occur in.
    fn candidates(&self, terms: &[&Term], include_code: bool) -> Vec<(u64, u32, MatchField)> {
        let scan = |range: Range<usize>| {
            let mut out = Vec::new();
            'docs: for i in range {
                let doc = &self.docs[i];
                let mut score = 0u32;
                let mut best = MatchField::Body;
                for term in terms {
                    let Some(field) = doc.best_field(term, include_code) else {
                        continue 'docs;
                    };
                    score = score.saturating_add(field.weight());
                    best = best.min(field);
                }
                // Ascending key: higher score first, then earlier recency rank.
                let key = (u64::from(u32::MAX - score) << 32) | u64::from(self.order[i]);
                out.push((key, i as u32, best));
            }
            out
        };
        parallel_ranges(self.docs.len(), scan)
    }

    fn hit(
        &self,
        post: usize,
        key: u64,
        field: MatchField,
        query: &Query,
        options: &SearchOptions,
    ) -> SearchHit {
        let doc = &self.docs[post];
        let score = u32::MAX - (key >> 32) as u32;
        let width = options.snippet_width;
        let all_terms: Vec<&Term> = query.terms.iter().filter(|t| !t.tags_only).collect();
        let body_first = doc.first_in_body(&all_terms, options.include_code);
        let body_match = body_first.clone().map(|r| doc.body.to_original(r));
        let snippet = match field {
            MatchField::Title => field_snippet(&doc.title, &all_terms, query, width),
            MatchField::Description => field_snippet(&doc.description, &all_terms, query, width),
            MatchField::Tag => {
                let terms: Vec<&Term> = query.terms.iter().collect();
                tag_snippet(&doc.tags, &terms, query, width)
            }
            MatchField::Body => match body_first {
                Some(r) => body_snippet(&doc.body, r, query, width),
                None => Snippet::default(),
            },
        };
        SearchHit {
            post,
            score,
            field,
            snippet,
            body_match,
        }
    }
}

fn recency_key(post: &Post) -> (bool, Reverse<Option<PostDate>>, &PathBuf) {
    (post.date.is_none(), Reverse(post.date), &post.path)
}

fn first_in_field(field: &Field, terms: &[&Term]) -> Option<Range<usize>> {
    let v = field.text.view();
    terms
        .iter()
        .filter_map(|t| t.find(&v, 0, v.folded.len()))
        .min_by_key(|r| r.start)
}

fn field_snippet(field: &Field, terms: &[&Term], query: &Query, width: usize) -> Snippet {
    let map = fold_with_map(&field.original);
    let at = first_in_field(field, terms).map_or(0..0, |r| map.to_original(r));
    build_snippet(&field.original, at, query, width, Cut::NONE)
}

fn tag_snippet(tags: &Field, terms: &[&Term], query: &Query, width: usize) -> Snippet {
    let Some(found) = first_in_field(tags, terms) else {
        return Snippet::default();
    };
    let at = fold_with_map(&tags.original).to_original(found);
    let original = &*tags.original;
    let start = original[..at.start].rfind('\n').map_or(0, |i| i + 1);
    let end = original[at.end..]
        .find('\n')
        .map_or(original.len(), |i| at.end + i);
    let text = format!("#{}", &original[start..end]);
    build_snippet(
        &text,
        at.start - start + 1..at.end - start + 1,
        query,
        width,
        Cut::NONE,
    )
}

fn body_snippet(body: &Body, at: Range<usize>, query: &Query, width: usize) -> Snippet {
    let folded = &*body.text.folded;
    // Enough bytes on each side for `width` columns even after Markdown markers are removed.
    let before = width * 4 + 32;
    let after = width * 6 + 64;
    let mut start = floor_char_boundary(folded, at.start.saturating_sub(before));
    // Start at a line start when one is near, so line markers are recognised and removed.
    let mid_line = match folded[start..at.start].find('\n') {
        Some(i) => {
            start += i + 1;
            false
        }
        None => start > 0 && folded.as_bytes()[start - 1] != b'\n',
    };
    let end = ceil_char_boundary(folded, at.end.saturating_add(after).min(folded.len()));
    let (window, inner) = body.original_window(start..end, at);
    let cut = Cut {
        before: start > 0,
        mid_line,
        after: end < folded.len(),
    };
    build_snippet(&window, inner, query, width, cut)
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
    /// [`grapheme_width`](crate::markdown::width::grapheme_width)) and never cuts a grapheme.
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
            buf.extend(g.nfc());
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
/// common spelling.
pub fn tag_counts(posts: &[Post]) -> Vec<(String, usize)> {
    struct Entry<'a> {
        count: usize,
        spellings: HashMap<&'a str, usize>,
    }
    let mut entries: HashMap<String, Entry<'_>> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    for post in posts {
        seen.clear();
        for tag in &post.tags {
            if tag.trim().is_empty() {
                continue;
            }
            let key = fold(tag);
            if !seen.insert(key.clone()) {
                continue;
            }
            let e = entries.entry(key).or_insert_with(|| Entry {
                count: 0,
                spellings: HashMap::new(),
            });
            e.count += 1;
            *e.spellings.entry(tag.as_str()).or_insert(0) += 1;
        }
    }
    let mut out: Vec<(String, usize)> = entries
        .into_values()
        .filter_map(|e| {
            let spelling = e
                .spellings
                .into_iter()
                .min_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)))?;
            Some((spelling.0.to_owned(), e.count))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Whether `raw` folds to `folded`, without allocating for ASCII tags.
fn folds_to(raw: &str, folded: &str) -> bool {
    if raw.is_ascii() {
        raw.len() == folded.len()
            && raw
                .bytes()
                .zip(folded.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        fold(raw) == folded
    }
}

/// Indexes of the posts that carry every one of `tags` (compared folded: NFC,
/// case-insensitive), in slice order. No tags selects every post.
pub fn filter_by_tags(posts: &[Post], tags: &[String]) -> Vec<usize> {
    let mut wanted: Vec<String> = tags.iter().map(|t| fold(t)).collect();
    wanted.sort();
    wanted.dedup();
    posts
        .iter()
        .enumerate()
        .filter(|(_, post)| {
            wanted
                .iter()
                .all(|w| post.tags.iter().any(|t| folds_to(t, w)))
        })
        .map(|(i, _)| i)
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
        &normalize::initials(&folded_pattern),
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
                let tag_initials = normalize::initials(&folded);
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
    let threads = threads_for(len);
    if threads <= 1 {
        return f(0..len);
    }
    let chunk = len.div_ceil(threads);
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(len)..((t + 1) * chunk).min(len);
                s.spawn(move || f(range))
            })
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

fn parallel_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    parallel_ranges(items.len(), |r| items[r].iter().map(&f).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::width::str_width;
    use chrono::NaiveDate;

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
            .map(|h| h.post)
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
        let order: Vec<(usize, MatchField)> = found.iter().map(|h| (h.post, h.field)).collect();
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
        assert_eq!(filter_by_tags(&posts, &["rust".into()]), vec![0, 1]);
        assert_eq!(
            filter_by_tags(&posts, &["RUST".into(), "cli".into()]),
            vec![0]
        );
        assert_eq!(
            filter_by_tags(&posts, &["파이썬".into(), "CLI".into()]),
            vec![2]
        );
        assert_eq!(filter_by_tags(&posts, &[]), vec![0, 1, 2]);
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
    fn a_blank_query_finds_nothing() {
        let posts = vec![post("글", "본문")];
        assert!(hits(&posts, "").is_empty());
        assert!(hits(&posts, "  \t").is_empty());
    }
}
