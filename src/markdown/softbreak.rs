//! Soft line breaks: keep the author's lines, or join them as CommonMark does.
//!
//! Korean blog posts are written line by line (“…만들어요.” / 말로 들으면 알 것 같은데,),
//! and a tip's `> **POINT** 💡` line is a title, so by default geul keeps soft breaks.
//! Hard-wrapped prose (lines cut near one fixed column, as text wrapped at 72–80) reads
//! better joined and re-wrapped to the pane, so `auto` detects it.

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::library::dialect::parser_options;
use crate::text::str_width;

/// What to do with single newlines inside paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum SoftBreaks {
    /// Keep the author's line breaks unless the post is hard-wrapped prose.
    #[default]
    Auto,
    /// Always keep them.
    Keep,
    /// Always join lines with a space (plain CommonMark).
    Join,
}

impl SoftBreaks {
    /// Whether breaks are kept for `source` under this policy.
    pub fn keeps_breaks(self, source: &str) -> bool {
        match self {
            SoftBreaks::Keep => true,
            SoftBreaks::Join => false,
            SoftBreaks::Auto => !is_hard_wrapped(source),
        }
    }

    /// `source` with its soft breaks made hard where this policy keeps them: the same as
    /// [`keep_breaks`] when [`Self::keeps_breaks`], else `source`, from one parse.
    pub fn apply(self, source: &str) -> Cow<'_, str> {
        match self {
            SoftBreaks::Join => Cow::Borrowed(source),
            SoftBreaks::Keep => keep_breaks(source),
            SoftBreaks::Auto => {
                let survey = survey(source, true);
                if looks_hard_wrapped(&survey.line_widths) {
                    Cow::Borrowed(source)
                } else {
                    insert_breaks(source, &survey.breaks)
                }
            }
        }
    }
}

impl SoftBreaks {
    /// Whether the policy needs the paragraph line widths of the whole body (its verdict
    /// depends on every paragraph, so a body rendered in pieces surveys them all first).
    pub(crate) fn measures(self) -> bool {
        self == SoftBreaks::Auto
    }

    /// Whether breaks are kept, given the line widths of the whole body's survey.
    pub(crate) fn keeps_breaks_for(self, line_widths: &[usize]) -> bool {
        match self {
            SoftBreaks::Keep => true,
            SoftBreaks::Join => false,
            SoftBreaks::Auto => !looks_hard_wrapped(line_widths),
        }
    }
}

/// What one parse of a source says about its soft breaks.
#[derive(Debug, Default)]
pub(crate) struct Survey {
    /// Byte offsets of the newline of every soft break.
    pub(crate) breaks: Vec<usize>,
    /// Widths of the lines (the last one excepted) of paragraphs of three or more lines.
    pub(crate) line_widths: Vec<usize>,
}

/// Parses `source` once, measuring paragraph lines only when `measure` is set.
pub(crate) fn survey(source: &str, measure: bool) -> Survey {
    let mut found = SurveyCollector::default();
    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        found.event(source, &event, &range);
    }
    Survey {
        line_widths: if measure {
            paragraph_line_widths(source, found.paragraphs.iter().cloned())
        } else {
            Vec::new()
        },
        breaks: found.breaks,
    }
}

/// The soft breaks and paragraphs in the events of a parse, as they come, so a pass that
/// parses the document for something else surveys it too.
#[derive(Debug, Default)]
pub(crate) struct SurveyCollector {
    /// Byte offsets of the newline of every soft break.
    pub(crate) breaks: Vec<usize>,
    /// The byte ranges of the paragraphs.
    pub(crate) paragraphs: Vec<std::ops::Range<usize>>,
    paragraph_start: Option<usize>,
}

impl SurveyCollector {
    /// Takes the next event of the parse of `source` and its byte range.
    pub(crate) fn event(
        &mut self,
        source: &str,
        event: &Event<'_>,
        range: &std::ops::Range<usize>,
    ) {
        match event {
            Event::SoftBreak => {
                if let Some(nl) = source[range.start..].find('\n') {
                    self.breaks.push(range.start + nl);
                }
            }
            Event::Start(Tag::Paragraph) => self.paragraph_start = Some(range.start),
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = self.paragraph_start.take() {
                    self.paragraphs.push(start..range.end);
                }
            }
            _ => {}
        }
    }
}

/// The widths of the lines (the last one excepted) of the paragraphs of three or more lines
/// among `paragraphs` of `source`: what the hard-wrap verdict looks at.
pub(crate) fn paragraph_line_widths(
    source: &str,
    paragraphs: impl Iterator<Item = std::ops::Range<usize>>,
) -> Vec<usize> {
    let mut widths = Vec::new();
    for paragraph in paragraphs {
        let lines: Vec<&str> = source[paragraph].lines().collect();
        if lines.len() >= 3 {
            // The last line of a paragraph is naturally short.
            widths.extend(
                lines[..lines.len() - 1]
                    .iter()
                    .map(|l| str_width(l.trim_end())),
            );
        }
    }
    widths
}

/// Turns every soft break of `source` into a hard break (two trailing spaces), so the
/// renderer starts a new line where the author did.
pub fn keep_breaks(source: &str) -> Cow<'_, str> {
    insert_breaks(source, &survey(source, false).breaks)
}

/// Where the bytes of `source` move to when [`insert_breaks`] makes the breaks at
/// `positions` hard: for each break, its position and how far everything after it has
/// moved in all (the line's trailing whitespace out, two spaces in).
pub(crate) fn break_shifts(source: &str, positions: &[usize]) -> Vec<(usize, isize)> {
    let mut shifts = Vec::with_capacity(positions.len());
    let mut moved = 0isize;
    let mut last = 0;
    for &pos in positions {
        let line = &source[last..pos];
        let trimmed = line.len() - line.trim_end_matches([' ', '\t', '\r']).len();
        moved += HARD_BREAK.len() as isize - trimmed as isize;
        shifts.push((pos, moved));
        last = pos;
    }
    shifts
}

/// What [`insert_breaks`] ends a line with to make its break hard: two spaces rather than a
/// backslash, which would be text of the line. After a table, `|` on a line of its own
/// starts a paragraph while `|\` is one more row: the break must not change what the
/// blocks are (the chunks were cut and surveyed before it).
const HARD_BREAK: &str = "  ";

/// `source` with each line that ends at one of `positions` (ascending newline offsets)
/// ending in [`HARD_BREAK`] instead of its own trailing whitespace.
pub(crate) fn insert_breaks<'s>(source: &'s str, positions: &[usize]) -> Cow<'s, str> {
    if positions.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len() + HARD_BREAK.len() * positions.len());
    let mut last = 0;
    for &pos in positions {
        let line = source[last..pos].trim_end_matches([' ', '\t', '\r']);
        out.push_str(line);
        out.push_str(HARD_BREAK);
        last = pos;
    }
    out.push_str(&source[last..]);
    Cow::Owned(out)
}

/// Whether `source` looks hard-wrapped: in its paragraphs of three or more lines, most
/// lines except the last end within a few columns of one common right margin.
pub fn is_hard_wrapped(source: &str) -> bool {
    looks_hard_wrapped(&survey(source, true).line_widths)
}

/// The hard-wrap verdict from the paragraph line widths [`survey`] measured.
fn looks_hard_wrapped(line_widths: &[usize]) -> bool {
    if line_widths.len() < 6 {
        return false;
    }
    let mut sorted = line_widths.to_vec();
    sorted.sort_unstable();
    let margin = sorted[sorted.len() * 9 / 10];
    if margin < 40 {
        return false;
    }
    let near = line_widths
        .iter()
        .filter(|w| **w + 12 >= margin && **w <= margin)
        .count();
    near * 10 >= line_widths.len() * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_breaks_become_hard_breaks() {
        assert_eq!(keep_breaks("첫 줄\n둘째 줄\n"), "첫 줄  \n둘째 줄\n");
        assert_eq!(keep_breaks("첫 줄 \n둘째 줄\n"), "첫 줄  \n둘째 줄\n");
    }

    #[test]
    fn making_a_break_hard_never_changes_the_blocks() {
        // After a table, `|` alone is a paragraph; `|\` would be one more row of it.
        let source = "| a |\n|---|\n|\n|\n";
        let kept = keep_breaks(source);
        // Each block's kind and the line it starts on.
        let blocks = |text: &str| -> Vec<_> {
            let (blocks, _) = crate::markdown::blocks::split(text);
            let line = |at: usize| text[..at].matches('\n').count();
            blocks
                .into_iter()
                .map(|b| (b.kind, line(b.range.start)))
                .collect()
        };
        assert_ne!(kept, source, "the paragraph's break is made hard");
        assert_eq!(blocks(&kept), blocks(source));
        let shifts = break_shifts(source, &survey(source, false).breaks);
        assert_eq!(shifts.last().map(|&(_, moved)| moved), Some(2));
    }

    #[test]
    fn text_without_soft_breaks_is_borrowed() {
        assert!(matches!(
            keep_breaks("한 줄\n\n다른 문단\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn code_blocks_are_left_alone() {
        let src = "```\na\nb\n```\n";
        assert_eq!(keep_breaks(src), src);
    }

    #[test]
    fn a_chatty_korean_post_is_not_hard_wrapped() {
        let src = "“생성형 AI가 글도 쓰고 그림도 그려요.”\n말로 들으면 쉬운데,\n**“대체 어떻게?”** 싶은 순간이 옵니다.\n\n오늘은\n그 원리를\n차근차근 살펴볼게요.\n\n짧은 줄\n조금 더 긴 줄이 여기에\n끝.\n";
        assert!(!is_hard_wrapped(src));
        assert!(SoftBreaks::Auto.keeps_breaks(src));
    }

    #[test]
    fn prose_wrapped_at_72_columns_is_hard_wrapped() {
        let para = "The quick brown fox jumps over the lazy dog and keeps running far away\n\
                    until the evening comes and the whole field is quiet again, so that\n\
                    nobody could tell where the fox went or why it ran so fast that day.\n\
                    End.\n";
        let src = format!("{para}\n{para}\n{para}");
        assert!(is_hard_wrapped(&src));
        assert!(!SoftBreaks::Auto.keeps_breaks(&src));
        assert!(SoftBreaks::Keep.keeps_breaks(&src));
    }

    #[test]
    fn applying_a_policy_keeps_breaks_exactly_where_it_says_it_does() {
        let chatty = "첫 줄\n둘째 줄\n\n```\na\nb\n```\n";
        let para = "The quick brown fox jumps over the lazy dog and keeps running far away\n\
                    until the evening comes and the whole field is quiet again, so that\n\
                    nobody could tell where the fox went or why it ran so fast that day.\n\
                    End.\n";
        let wrapped = format!("{para}\n{para}\n{para}");
        for src in [chatty, wrapped.as_str()] {
            for policy in [SoftBreaks::Auto, SoftBreaks::Keep, SoftBreaks::Join] {
                let expected = if policy.keeps_breaks(src) {
                    keep_breaks(src)
                } else {
                    Cow::Borrowed(src)
                };
                assert_eq!(policy.apply(src), expected, "{policy:?} {src:?}");
            }
        }
    }
}
