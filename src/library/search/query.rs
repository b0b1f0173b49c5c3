//! Queries: whitespace-separated terms, folded, each compiled into the byte patterns of
//! what it may match (see the module documentation of [`super`] for the rules).

use std::cmp::Reverse;
use std::ops::Range;

use super::pattern::{Atom, BytePattern, char_atom, syllable_atoms};
use super::projection::{Hay, projection};
use crate::text::fold::{fold, fold_with_map};
use crate::text::hangul::{compose_syllable, final_evolution, syllable_parts};

/// A parsed query: folded terms compiled into byte patterns.
#[derive(Debug, Clone)]
pub struct Query {
    pub(super) terms: Vec<Term>,
}

#[derive(Debug, Clone)]
pub(super) struct Term {
    /// The folded term as typed (without a leading `#`), for ordering work by selectivity.
    text: String,
    /// `#term`: only tags count.
    pub(super) tags_only: bool,
    /// Alternatives; the term matches where any of them does.
    pub(super) patterns: Vec<BytePattern>,
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
    pub(super) fn find(&self, hay: Hay<'_>, from: usize, to: usize) -> Option<Range<usize>> {
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

pub(super) fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::search::testing::nfd;

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
}
