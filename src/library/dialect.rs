//! The one way geul reads Markdown: the parser options, and which parts of a body are code.
//!
//! Rendering, hashtag extraction, titles and search all parse with [`parser_options`], and
//! all of them agree on what is code through [`code_ranges`], so a `#` that the article
//! shows inside a code block is never a tag, never a search hit (unless code is asked for),
//! and a title is never read out of a code block.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The parser options geul reads every post with: the options tui-markdown (the inline
/// renderer) uses, all but the one below, so block boundaries found here agree with its
/// rendering.
///
/// YAML-style metadata blocks are off. geul reads a post's front matter itself and hands
/// the parser only the body, and pulldown-cmark takes a `---` line followed by text for
/// the start of a metadata block anywhere in a document, not only at its top (its issue
/// 1000): everything between two horizontal rules would vanish. tui-markdown keeps the
/// option for the blocks geul hands it one at a time, where it cannot take hold: a block
/// that starts with a `---` line is that line alone, a rule.
pub fn parser_options() -> Options {
    Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_MATH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
        | Options::ENABLE_TABLES
}

/// A parser over `source` with geul's options, yielding events with their byte ranges.
pub fn parse(
    source: &str,
) -> pulldown_cmark::OffsetIter<'_, pulldown_cmark::DefaultBrokenLinkCallback> {
    Parser::new_ext(source, parser_options()).into_offset_iter()
}

/// Byte ranges of the code blocks of `source`, fenced and indented, in order, as whole
/// lines (from the start of the first line to after the newline of the last). A fenced
/// block's range includes its fence lines; an unclosed fence runs to the end, as in
/// CommonMark.
pub fn code_ranges(source: &str) -> Vec<Range<usize>> {
    parse(source)
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::CodeBlock(_)) => Some(whole_lines(source, range)),
            _ => None,
        })
        .collect()
}

/// `range` widened to the lines it touches, the last one's newline included.
fn whole_lines(source: &str, range: Range<usize>) -> Range<usize> {
    let bytes = source.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..range.start]).map_or(0, |i| i + 1);
    let end = if range.end > range.start && bytes.get(range.end - 1) == Some(&b'\n') {
        range.end
    } else {
        memchr::memchr(b'\n', &bytes[range.end..]).map_or(source.len(), |i| range.end + i + 1)
    };
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fenced_and_indented_code_blocks_are_code() {
        let source = "text\n\n```rust\nlet a = 1;\n```\n\n    indented\n\nmore\n";
        let ranges = code_ranges(source);
        let code: Vec<&str> = ranges.iter().map(|r| &source[r.clone()]).collect();
        assert_eq!(code, ["```rust\nlet a = 1;\n```\n", "    indented\n"]);
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        let source = "intro\n\n~~~\n#not-a-tag\n";
        let ranges = code_ranges(source);
        assert_eq!(ranges, vec![7..source.len()]);
    }

    #[test]
    fn an_unclosed_fence_hides_the_rest_of_the_body() {
        assert_eq!(code_ranges("a\n```\ncode\n"), vec![2..11]);
        assert_eq!(code_ranges("a\n  ~~~~\nx\n~~~\n~~~~\nb"), vec![2..20]);
        assert!(code_ranges("inline ``` fence").is_empty());
    }

    #[test]
    fn a_fence_inside_a_list_item_is_code() {
        let source = "- item\n\n  ```\n  #x\n  ```\n";
        let ranges = code_ranges(source);
        assert_eq!(ranges.len(), 1);
        assert!(source[ranges[0].clone()].contains("#x"));
    }
}
