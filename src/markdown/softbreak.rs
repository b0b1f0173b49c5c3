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
}

/// Turns every soft break of `source` into a hard break (a trailing backslash), so the
/// renderer starts a new line where the author did.
pub fn keep_breaks(source: &str) -> Cow<'_, str> {
    let mut positions = Vec::new();
    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        if let Event::SoftBreak = event
            && let Some(nl) = source[range.start..].find('\n')
        {
            positions.push(range.start + nl);
        }
    }
    if positions.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len() + positions.len());
    let mut last = 0;
    for pos in positions {
        // Trailing spaces before the break would make the backslash part of the text.
        let line = source[last..pos].trim_end_matches([' ', '\t', '\r']);
        out.push_str(line);
        out.push('\\');
        last = pos;
    }
    out.push_str(&source[last..]);
    Cow::Owned(out)
}

/// Whether `source` looks hard-wrapped: in its paragraphs of three or more lines, most
/// lines except the last end within a few columns of one common right margin.
pub fn is_hard_wrapped(source: &str) -> bool {
    let mut line_widths: Vec<usize> = Vec::new();
    let mut para_start = None;
    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => para_start = Some(range.start),
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = para_start.take() {
                    let lines: Vec<&str> = source[start..range.end].lines().collect();
                    if lines.len() >= 3 {
                        // The last line of a paragraph is naturally short.
                        line_widths.extend(
                            lines[..lines.len() - 1]
                                .iter()
                                .map(|l| str_width(l.trim_end())),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    if line_widths.len() < 6 {
        return false;
    }
    let mut sorted = line_widths.clone();
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
        assert_eq!(keep_breaks("첫 줄\n둘째 줄\n"), "첫 줄\\\n둘째 줄\n");
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
}
