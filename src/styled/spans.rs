//! Spans cut along grapheme boundaries.
//!
//! A parser may end a span in the middle of a grapheme: pulldown-cmark gives the `*` of the
//! keycap `*️⃣` (`*`, VS16, U+20E3) a text event of its own because `*` is a delimiter, so
//! tui-markdown returns `*` and `\u{FE0F}\u{20E3}` as two spans. Measured span by span
//! that is 1 + 0 columns for a grapheme the terminal draws 2 wide, and a display form
//! chosen for the half-grapheme is wrong. Everything that measures or rewrites spans one
//! grapheme at a time ([`crate::styled::wrap`], [`crate::text::display_text`]) needs the
//! graphemes whole, so lines are passed through [`join_split_graphemes`] first.

use std::borrow::Cow;

use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::graphemes::surely_a_boundary;

/// Moves the continuation of every grapheme cut by a span boundary into the span where
/// the grapheme starts, so that no grapheme straddles two spans. The moved text takes that
/// span's style. Spans emptied by the move are dropped; spans that were empty to begin
/// with are kept. Text, order and every other boundary are unchanged.
pub fn join_split_graphemes<'a>(spans: Vec<Span<'a>>) -> Vec<Span<'a>> {
    // Most lines have no grapheme cut: then they are given back as they are, unallocated.
    let mut owner: Option<&str> = None;
    let any_cut = spans.iter().any(|span| {
        let cut = owner.is_some_and(|before| continuation_len(before, &span.content) > 0);
        if !span.content.is_empty() {
            owner = Some(&span.content);
        }
        cut
    });
    if !any_cut {
        return spans;
    }
    let mut out: Vec<Span<'a>> = Vec::with_capacity(spans.len());
    for mut span in spans {
        if let Some(owner) = out.iter_mut().rev().find(|s| !s.content.is_empty()) {
            let moved = continuation_len(&owner.content, &span.content);
            if moved > 0 {
                owner.content.to_mut().push_str(&span.content[..moved]);
                span.content = drop_prefix(span.content, moved);
                if span.content.is_empty() {
                    continue;
                }
            }
        }
        out.push(span);
    }
    out
}

/// How many leading bytes of `after` belong to the grapheme that `before` ends with.
fn continuation_len(before: &str, after: &str) -> usize {
    let (Some(last_char), Some(first_char)) = (before.chars().next_back(), after.chars().next())
    else {
        return 0;
    };
    // Between two ASCII characters there is always a boundary, except inside CR LF; this
    // keeps the common case free of allocation.
    if last_char.is_ascii() && first_char.is_ascii() && !(last_char == '\r' && first_char == '\n') {
        return 0;
    }
    // Likewise between Hangul, punctuation and ASCII, the usual neighbours in a post.
    if surely_a_boundary(last_char, first_char) {
        return 0;
    }
    let Some(last) = before.graphemes(true).next_back() else {
        return 0;
    };
    let joined = format!("{last}{after}");
    let whole = joined.graphemes(true).next().map_or(0, str::len);
    whole.saturating_sub(last.len()).min(after.len())
}

/// `text` without its first `n` bytes (`n` on a character boundary).
fn drop_prefix(text: Cow<'_, str>, n: usize) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(&s[n..]),
        Cow::Owned(mut s) => {
            s.drain(..n);
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Modifier, Style};

    use super::*;
    use crate::text::str_width;

    fn contents(spans: &[Span<'_>]) -> Vec<String> {
        spans.iter().map(|s| s.content.to_string()).collect()
    }

    #[test]
    fn a_keycap_cut_after_its_base_is_joined_into_the_span_where_it_starts() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let spans = join_split_graphemes(vec![
            Span::raw("키캡 #\u{FE0F}\u{20E3} "),
            Span::styled("*", bold),
            Span::raw("\u{FE0F}\u{20E3} 0\u{FE0F}\u{20E3}"),
        ]);
        assert_eq!(
            contents(&spans),
            [
                "키캡 #\u{FE0F}\u{20E3} ",
                "*\u{FE0F}\u{20E3}",
                " 0\u{FE0F}\u{20E3}"
            ]
        );
        assert_eq!(spans[1].style, bold);
        let measured: usize = spans.iter().map(|s| str_width(&s.content)).sum();
        assert_eq!(
            measured,
            str_width("키캡 #\u{FE0F}\u{20E3} *\u{FE0F}\u{20E3} 0\u{FE0F}\u{20E3}")
        );
    }

    #[test]
    fn a_grapheme_cut_across_three_spans_ends_up_in_the_first() {
        let spans = join_split_graphemes(vec![
            Span::raw("*"),
            Span::raw("\u{FE0F}"),
            Span::raw("\u{20E3}"),
            Span::raw("다음"),
        ]);
        assert_eq!(contents(&spans), ["*\u{FE0F}\u{20E3}", "다음"]);
    }

    #[test]
    fn a_zwj_sequence_cut_at_the_joiner_is_made_whole() {
        let spans = join_split_graphemes(vec![Span::raw("👩"), Span::raw("\u{200D}💻 코딩")]);
        assert_eq!(contents(&spans), ["👩\u{200D}💻", " 코딩"]);
    }

    #[test]
    fn spans_that_end_on_grapheme_boundaries_are_left_as_they_are() {
        let input = vec![
            Span::raw("plain "),
            Span::raw(""),
            Span::raw("1\u{FE0F}\u{20E3}"),
            Span::raw("🇰🇷"),
            Span::raw("🇯🇵"),
            Span::raw("한글"),
        ];
        let spans = join_split_graphemes(input.clone());
        assert_eq!(spans, input);
        assert!(matches!(spans[0].content, Cow::Borrowed(_)));
    }

    #[test]
    fn an_empty_span_between_the_halves_does_not_keep_them_apart() {
        let spans = join_split_graphemes(vec![
            Span::raw("#"),
            Span::raw(""),
            Span::raw("\u{FE0F}\u{20E3}"),
        ]);
        assert_eq!(contents(&spans), ["#\u{FE0F}\u{20E3}", ""]);
    }
}
