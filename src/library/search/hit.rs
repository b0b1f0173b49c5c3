//! Turning a matching post into a [`SearchHit`]: its score, the snippet of its best field
//! and where the body matched. Done only for the hits returned.

use std::ops::Range;

use super::bodies::shift;
use super::column::Column;
use super::query::Term;
use super::rank::score_of;
use super::snippet::{Cut, build_snippet};
use super::{MatchField, Query, SearchHit, SearchIndex, SearchOptions, Snippet};
use crate::library::PostId;
use crate::text::fold::fold_with_map;

impl SearchIndex {
    pub(super) fn hit(
        &self,
        post: usize,
        key: u64,
        field: MatchField,
        query: &Query,
        options: &SearchOptions,
    ) -> SearchHit {
        let score = score_of(key);
        let anywhere: Vec<&Term> = query.terms.iter().filter(|t| !t.tags_only).collect();
        let body_first = self.first_in_body(post, &anywhere, options.include_code);
        let body_match = body_first.clone().map(|r| self.body.to_original(post, r));
        let snippet = match field {
            MatchField::Title => field_snippet(
                &self.title,
                self.titles.get(post),
                post,
                &anywhere,
                query,
                options,
            ),
            MatchField::Description => field_snippet(
                &self.description,
                self.descriptions.get(post),
                post,
                &anywhere,
                query,
                options,
            ),
            MatchField::Tag => {
                let all: Vec<&Term> = query.terms.iter().collect();
                tag_snippet(
                    &self.tags,
                    self.tag_lists.get(post),
                    post,
                    &all,
                    query,
                    options,
                )
            }
            MatchField::Body => match body_first {
                Some(r) => self.body_snippet(post, r, query, options),
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
        let hay = self.body.hay(post);
        // Code ranges are in the offsets of `body.starts`; the hay in the post's own.
        let base = self.body.starts[post];
        let end = hay.folded.len();
        let earliest = |a: usize, b: usize| {
            terms
                .iter()
                .filter_map(|t| t.find(hay, a, b))
                .min_by_key(|r| r.start)
        };
        if include_code {
            return earliest(0, end);
        }
        let first = self.code.partition_point(|c| c.end <= base);
        let mut pos = 0;
        for block in self.code[first..]
            .iter()
            .take_while(|c| c.start < base + end)
        {
            let found = earliest(pos, block.start.saturating_sub(base));
            if found.is_some() {
                return found;
            }
            pos = block.end.saturating_sub(base);
        }
        earliest(pos, end)
    }

    fn body_snippet(
        &self,
        post: usize,
        at: Range<usize>,
        query: &Query,
        options: &SearchOptions,
    ) -> Snippet {
        let width = options.snippet_width;
        let (folded, _) = self.body.text(post);
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
        let (window, inner) = self.body.window(post, start..end, at);
        let cut = Cut {
            before: start > 0,
            mid_line,
            after: end < folded.len(),
        };
        build_snippet(&window, inner, query, options, cut)
    }
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
    options: &SearchOptions,
) -> Snippet {
    let map = fold_with_map(original);
    let at = first_in(column, post, terms).map_or(0..0, |r| map.to_original(r));
    build_snippet(original, at, query, options, Cut::NONE)
}

fn tag_snippet(
    column: &Column,
    original: &str,
    post: usize,
    terms: &[&Term],
    query: &Query,
    options: &SearchOptions,
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
    build_snippet(&text, at, query, options, Cut::NONE)
}

pub(super) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::search::testing::{highlighted, nfd, post, tagged};
    use crate::text::str_width;

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
}
