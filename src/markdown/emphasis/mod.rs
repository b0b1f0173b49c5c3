//! CJK-friendly emphasis on top of an unmodified CommonMark engine.
//!
//! CommonMark decides whether a `*`/`_` run may open or close emphasis from the characters
//! on either side of it (the left-/right-flanking rules; GFM strikethrough `~~` closes by
//! the same rule). Those rules misfire next to CJK text: in `**LLM(거대 언어 모델)**입니다`
//! the closing `**` follows punctuation and precedes a Hangul letter, so it is not
//! right-flanking and stays literal. The
//! [markdown-cjk-friendly](https://github.com/tats-u/markdown-cjk-friendly) amendment relaxes
//! the rules next to CJK characters; comrak implements it as
//! `options.extension.cjk_friendly_emphasis`.
//!
//! geul renders with `tui-markdown`, which only accepts a `&str` and parses it with
//! pulldown-cmark's standard rules. So instead of changing the engine we change its input:
//! [`prepare`] finds every emphasis delimiter run whose cjk-friendly verdict (may it open?
//! may it close?) differs from what pulldown-cmark will decide, and puts the
//! [`HELPER`] character next to it. [`HELPER`] is Unicode punctuation, which is exactly the
//! knob the standard flanking rules turn on, so pulldown-cmark then reaches the cjk-friendly
//! verdict by itself. After rendering, [`remove_helpers`] strips the helper from every span.
//!
//! The flanking rule mirrors comrak 0.59 (`parser/inlines.rs`, `scan_delims`) and the
//! character ranges its `parser/inlines/cjk.rs` takes from the specification's `ranges.md`.
//!
//! ```
//! use geul::markdown::emphasis::{prepare, remove_helpers};
//!
//! let prepared = prepare("**잡음(노이즈)**으로");
//! let mut text = tui_markdown::from_str(&prepared);
//! remove_helpers(&mut text);
//! assert_eq!(text.to_string(), "잡음(노이즈)으로");
//! ```
//!
//! Where geul still differs from comrak, it is pulldown-cmark's dialect, not the CJK rule:
//! - the text of a shortcut or collapsed reference link (`[**가)**나]`) is also its label,
//!   so it is left alone and keeps CommonMark's verdict;
//! - pulldown-cmark opens `~~` before anything but whitespace (`A~~(x)~~`), and reads `~`
//!   as subscript; a helper can only add flanking, never take it away;
//! - comrak looks through `~` for the neighbours of a run (`가**~~`); we judge a run by the
//!   neighbours pulldown-cmark sees.

mod cjk;
mod flanking;
mod scan;

use std::borrow::Cow;

use ratatui::text::Text;

use cjk::{is_cjk, is_ideographic_vs, is_non_emoji_general_purpose_vs};
use flanking::{Classes, cjk_friendly_flags, engine_flags};
use scan::{Context, runs, scan_inline};

/// The character [`prepare`] inserts next to delimiter runs, and [`remove_helpers`] /
/// [`strip_helpers`] take out again.
///
/// U+2E2C SQUARED FOUR DOT PUNCTUATION is an archaic editorial mark from Greek papyri
/// (Unicode 5.1, general category Po). It is Unicode punctuation for CommonMark, so it
/// flips the flanking rules the way [`prepare`] needs, it is not ASCII so pulldown-cmark
/// never treats it as syntax, and it does not occur in Korean prose. Anything that shows
/// raw prepared text (search snippets, copies) must strip it too.
pub const HELPER: char = '\u{2E2C}';

/// Rewrites Markdown so that pulldown-cmark (with the options `tui-markdown` uses) parses
/// emphasis the way the markdown-cjk-friendly amendment does.
///
/// Helper characters ([`HELPER`]) are inserted next to the `*`, `_` and `~~` delimiter
/// runs that need them; nothing else changes. Text without CJK characters (or variation
/// selectors) is returned borrowed and byte-identical. Code spans, code blocks, HTML,
/// math, link destinations, autolinks, the labels of shortcut/collapsed reference links
/// and escaped delimiters are never touched. Render the result, then call
/// [`remove_helpers`] on the rendered text.
pub fn prepare(source: &str) -> Cow<'_, str> {
    if !source.bytes().any(is_delimiter) || !source.chars().any(may_matter) {
        return Cow::Borrowed(source);
    }
    let insertions = helper_positions(source, &mut |_, _| {});
    insert_helpers(source, &insertions)
}

/// Where [`prepare`] puts its helpers in `source` (byte offsets, ascending), from one parse
/// whose every event is shown to `also` too: a caller that needs to read the document
/// anyway does not parse it twice. The document is parsed even when no helper can be
/// needed.
pub(crate) fn helpers_observing(
    source: &str,
    also: &mut dyn FnMut(&pulldown_cmark::Event<'_>, &std::ops::Range<usize>),
) -> Vec<usize> {
    if !source.bytes().any(is_delimiter) || !source.chars().any(may_matter) {
        for (event, range) in crate::library::dialect::parse(source) {
            also(&event, &range);
        }
        return Vec::new();
    }
    helper_positions(source, also)
}

/// `source` with a [`HELPER`] inserted at each of `insertions` (ascending byte offsets).
pub(crate) fn insert_helpers<'s>(source: &'s str, insertions: &[usize]) -> Cow<'s, str> {
    if insertions.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len() + insertions.len() * HELPER.len_utf8());
    let mut from = 0;
    for &at in insertions {
        out.push_str(&source[from..at]);
        out.push(HELPER);
        from = at;
    }
    out.push_str(&source[from..]);
    Cow::Owned(out)
}

/// Removes every [`HELPER`] from rendered text, dropping spans that only held helpers.
///
/// Spans that were empty before (tui-markdown emits some on purpose) are kept, and line
/// styles and alignment are untouched.
pub fn remove_helpers(text: &mut Text<'_>) {
    for line in &mut text.lines {
        line.spans.retain_mut(|span| {
            if !span.content.contains(HELPER) {
                return true;
            }
            let stripped: String = span.content.chars().filter(|&c| c != HELPER).collect();
            if stripped.is_empty() {
                return false;
            }
            span.content = Cow::Owned(stripped);
            true
        });
    }
}

/// Removes every [`HELPER`] from a plain string, borrowing when there is none.
pub fn strip_helpers(text: &str) -> Cow<'_, str> {
    if text.contains(HELPER) {
        Cow::Owned(text.chars().filter(|&c| c != HELPER).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The bytes that form the delimiter runs we adjust.
fn is_delimiter(byte: u8) -> bool {
    matches!(byte, b'*' | b'_' | b'~')
}

/// Whether a character can make the cjk-friendly rule disagree with CommonMark's. Without
/// any of them in the document the answer is the same everywhere, and we skip parsing.
fn may_matter(c: char) -> bool {
    is_cjk(c) || is_ideographic_vs(c) || is_non_emoji_general_purpose_vs(c)
}

/// Byte offsets in `source` where a [`HELPER`] must go, ascending and without duplicates.
fn helper_positions(
    source: &str,
    also: &mut dyn FnMut(&pulldown_cmark::Event<'_>, &std::ops::Range<usize>),
) -> Vec<usize> {
    let scan = scan_inline(source, also);
    let mut classes = Classes::default();
    let mut positions = Vec::new();
    for run in runs(source, &scan.delimiters) {
        // pulldown-cmark only treats `~~` as strikethrough; `~` is subscript there and
        // longer runs are text, so those are not ours to adjust.
        if run.delim == b'~' && run.end - run.start != 2 {
            continue;
        }
        let context = Context::of(source, &run, &scan);
        if !context.involves_cjk() {
            continue;
        }
        let engine = |before: char, after: char, classes: &mut Classes| {
            engine_flags(run.delim, before, after, classes)
        };
        let current = engine(context.before, context.after, &mut classes);
        let mut wanted = cjk_friendly_flags(run.delim, &context, &mut classes);
        if run.delim == b'~' {
            // pulldown-cmark lets `~~` open before anything but whitespace, more freely
            // than CommonMark flanking; that is its own choice, not a CJK matter, and a
            // helper could not take it back. Only the closing side is adjusted.
            wanted.0 = current.0;
        }
        if current == wanted {
            continue;
        }
        // Inserting the helper on one side makes that neighbour punctuation for the
        // engine; try the smallest change first. Helpers on both sides make any run
        // both-flanking, and the one-sided variants cover the other verdicts the
        // cjk-friendly rule can reach; should none fit, the engine's verdict stands.
        let options = [(false, true), (true, false), (true, true)];
        let choice = options.into_iter().find(|&(before, after)| {
            let b = if before { HELPER } else { context.before };
            let a = if after { HELPER } else { context.after };
            engine(b, a, &mut classes) == wanted
        });
        if let Some((before, after)) = choice {
            if before {
                positions.push(run.start);
            }
            if after {
                positions.push(run.end);
            }
        }
    }
    positions.sort_unstable();
    positions.dedup();
    positions
}

#[cfg(test)]
mod tests {
    use ratatui::style::Modifier;

    use super::*;

    /// How a piece of rendered text looks.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Look {
        Plain,
        Bold,
        Italic,
        BoldItalic,
    }
    use Look::*;

    /// Renders like geul does and returns each line's text pieces with their look,
    /// adjacent pieces of the same look merged.
    fn rendered(source: &str) -> Vec<Vec<(String, Look)>> {
        let prepared = prepare(source);
        let mut text = tui_markdown::from_str(&prepared);
        remove_helpers(&mut text);
        text.lines
            .iter()
            .map(|line| {
                let mut pieces: Vec<(String, Look)> = Vec::new();
                for span in &line.spans {
                    let modifier = span.style.add_modifier;
                    let look = match (
                        modifier.contains(Modifier::BOLD),
                        modifier.contains(Modifier::ITALIC),
                    ) {
                        (true, true) => BoldItalic,
                        (true, false) => Bold,
                        (false, true) => Italic,
                        (false, false) => Plain,
                    };
                    match pieces.last_mut() {
                        Some((text, last)) if *last == look => text.push_str(&span.content),
                        _ => pieces.push((span.content.to_string(), look)),
                    }
                }
                pieces
            })
            .collect()
    }

    /// The one-line rendering of a one-paragraph document.
    fn line(source: &str) -> Vec<(String, Look)> {
        let mut lines = rendered(source);
        assert_eq!(lines.len(), 1, "{source:?} rendered as {lines:?}");
        lines.remove(0)
    }

    fn pieces(expected: &[(&str, Look)]) -> Vec<(String, Look)> {
        expected
            .iter()
            .map(|&(text, look)| (text.to_string(), look))
            .collect()
    }

    fn visible(source: &str) -> String {
        rendered(source)
            .iter()
            .map(|line| {
                line.iter()
                    .map(|(text, _)| text.as_str())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn bold_closes_after_a_parenthesis_before_a_particle() {
        assert_eq!(
            line("**LLM(거대 언어 모델)**입니다"),
            pieces(&[("LLM(거대 언어 모델)", Bold), ("입니다", Plain)])
        );
    }

    #[test]
    fn bold_closes_after_a_latin_parenthetical_before_a_particle() {
        assert_eq!(
            line("**확산 모델(diffusion model)**입니다"),
            pieces(&[("확산 모델(diffusion model)", Bold), ("입니다", Plain)])
        );
    }

    #[test]
    fn bold_closes_after_a_curly_quote_before_a_particle() {
        assert_eq!(
            line("**“공간 + 시간 + 물리 법칙”**을"),
            pieces(&[("“공간 + 시간 + 물리 법칙”", Bold), ("을", Plain)])
        );
    }

    #[test]
    fn bold_closes_after_a_parenthesis_before_a_two_syllable_particle() {
        assert_eq!(
            line("**잡음(노이즈)**으로"),
            pieces(&[("잡음(노이즈)", Bold), ("으로", Plain)])
        );
    }

    #[test]
    fn plain_commonmark_leaves_the_four_examples_literal_so_they_need_helpers() {
        for source in [
            "**LLM(거대 언어 모델)**입니다",
            "**확산 모델(diffusion model)**입니다",
            "**“공간 + 시간 + 물리 법칙”**을",
            "**잡음(노이즈)**으로",
        ] {
            assert!(tui_markdown::from_str(source).to_string().contains("**"));
            assert!(matches!(prepare(source), Cow::Owned(_)), "{source}");
        }
    }

    #[test]
    fn bold_in_the_middle_of_a_sentence_closes_before_a_particle() {
        assert_eq!(
            line("오늘은 **트랜스포머(Transformer)**를 다룹니다."),
            pieces(&[
                ("오늘은 ", Plain),
                ("트랜스포머(Transformer)", Bold),
                ("를 다룹니다.", Plain),
            ])
        );
    }

    #[test]
    fn italic_opens_after_a_hangul_letter_before_punctuation() {
        assert_eq!(
            line("모델은*(예시)*처럼"),
            pieces(&[("모델은", Plain), ("(예시)", Italic), ("처럼", Plain)])
        );
    }

    #[test]
    fn triple_stars_give_bold_italic_before_a_particle() {
        assert_eq!(
            line("***핵심(core)***입니다"),
            pieces(&[("핵심(core)", BoldItalic), ("입니다", Plain)])
        );
    }

    #[test]
    fn italic_nested_in_bold_closes_before_a_particle() {
        assert_eq!(
            line("**굵게 *기울임(italic)*이 섞인 문장**입니다."),
            pieces(&[
                ("굵게 ", Bold),
                ("기울임(italic)", BoldItalic),
                ("이 섞인 문장", Bold),
                ("입니다.", Plain),
            ])
        );
    }

    #[test]
    fn underscores_close_after_cjk_punctuation_but_stay_literal_between_letters() {
        assert_eq!(
            line("__주의__：확인"),
            pieces(&[("주의", Bold), ("：확인", Plain)])
        );
        assert_eq!(line("가_나_다"), pieces(&[("가_나_다", Plain)]));
    }

    #[test]
    fn emphasis_works_in_blockquotes_list_items_and_across_soft_breaks() {
        let quote = rendered("> **잡음(노이즈)**으로");
        assert!(
            quote[0].contains(&("잡음(노이즈)".to_string(), Bold)),
            "{quote:?}"
        );
        let item = rendered("- **잡음(노이즈)**으로");
        assert!(
            item[0].contains(&("잡음(노이즈)".to_string(), Bold)),
            "{item:?}"
        );
        // tui-markdown renders a soft break as an unstyled space.
        let broken = line("**확산\n모델(diffusion)**입니다");
        assert_eq!(
            broken,
            pieces(&[
                ("확산", Bold),
                (" ", Plain),
                ("모델(diffusion)", Bold),
                ("입니다", Plain),
            ])
        );
    }

    #[test]
    fn emphasis_works_inside_table_cells() {
        let source = "| 용어 | 설명 |\n|---|---|\n| **잡음(노이즈)**으로 | 값 |\n";
        let lines = rendered(source);
        assert!(
            lines
                .iter()
                .flatten()
                .any(|(text, look)| text.contains("잡음(노이즈)") && *look == Bold),
            "{lines:?}"
        );
        assert!(!visible(source).contains("**"));
    }

    #[test]
    fn strikethrough_closes_after_a_parenthesis_before_a_particle() {
        assert_eq!(visible("~~취소(cancel)~~된 일정"), "취소(cancel)된 일정");
    }

    #[test]
    fn the_label_of_a_shortcut_reference_link_is_left_alone_so_it_still_resolves() {
        let source = "[**잡음(노이즈)**으로]\n\n[**잡음(노이즈)**으로]: https://example.com\n";
        assert!(prepare(source).starts_with("[**잡음(노이즈)**으로]\n"));
        assert!(visible(source).contains("(https://example.com)"));
    }

    #[test]
    fn latin_only_markdown_is_borrowed_unchanged() {
        let source = "# Title\n\nSome **bold (text)**and *more*. a_b_c **x**y\n\n- item *one*\n";
        assert!(matches!(prepare(source), Cow::Borrowed(s) if s == source));
    }

    #[test]
    fn korean_text_that_already_parses_is_borrowed_unchanged() {
        let source = "이것은 **굵은 글씨**입니다. 그리고 *기울임*도 있습니다.";
        assert!(matches!(prepare(source), Cow::Borrowed(s) if s == source));
    }

    #[test]
    fn code_spans_are_untouched() {
        let source = "`**모델(model)**입니다` 그리고 **모델(model)**입니다";
        assert!(prepare(source).starts_with("`**모델(model)**입니다` "));
        assert_eq!(
            line(source),
            pieces(&[
                ("**모델(model)**입니다 그리고 ", Plain),
                ("모델(model)", Bold),
                ("입니다", Plain),
            ])
        );
    }

    #[test]
    fn fenced_code_is_untouched() {
        let source = "```\n**잡음(노이즈)**으로\n```\n\n**잡음(노이즈)**으로\n";
        assert!(prepare(source).starts_with("```\n**잡음(노이즈)**으로\n```\n"));
        let lines = rendered(source);
        assert!(
            lines
                .iter()
                .flatten()
                .any(|(text, _)| text == "**잡음(노이즈)**으로"),
            "{lines:?}"
        );
        assert_eq!(
            lines.last(),
            Some(&pieces(&[("잡음(노이즈)", Bold), ("으로", Plain)]))
        );
    }

    #[test]
    fn an_escaped_star_stays_literal() {
        for source in [r"\*잡음(노이즈)*으로", r"*잡음(노이즈)\*으로"] {
            assert!(prepare(source).contains(r"\*"), "{source}");
            assert_eq!(
                line(source),
                pieces(&[("*잡음(노이즈)*으로", Plain)]),
                "{source}"
            );
        }
    }

    #[test]
    fn link_destinations_and_autolinks_are_untouched() {
        let source = "[**문서(doc)**](https://example.com/a**b)를 <https://example.com/**가)**나>";
        let prepared = prepare(source);
        assert!(prepared.contains("(https://example.com/a**b)"));
        assert!(prepared.contains("<https://example.com/**가)**나>"));
    }

    #[test]
    fn helpers_never_appear_in_rendered_output() {
        let source =
            "**LLM(거대 언어 모델)**입니다\n\n> **잡음(노이즈)**으로\n\n- *“인용”*을 **가)\n";
        assert!(prepare(source).contains(HELPER));
        assert_eq!(
            visible(source),
            "LLM(거대 언어 모델)입니다\n\n> 잡음(노이즈)으로\n\n- “인용”을 **가)"
        );
    }

    #[test]
    fn helper_spans_that_become_empty_are_dropped() {
        let mut text = Text::from(ratatui::text::Line::from(vec![
            ratatui::text::Span::raw("가"),
            ratatui::text::Span::raw(HELPER.to_string()),
            ratatui::text::Span::raw(""),
        ]));
        remove_helpers(&mut text);
        assert_eq!(text.lines[0].spans.len(), 2);
        assert_eq!(strip_helpers(&format!("가{HELPER}나")), "가나");
        assert!(matches!(strip_helpers("가나"), Cow::Borrowed("가나")));
    }

    #[test]
    fn the_helper_is_punctuation_for_the_engine() {
        assert!(Classes::default().is_punctuation(HELPER));
        assert!(!HELPER.is_whitespace());
        assert!(!may_matter(HELPER));
    }
}
