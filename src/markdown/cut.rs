//! Where a body may be cut into chunks that each parse as they do inside the whole body
//! (see [`super::body`] for what the chunks are for).
//!
//! A chunk starts at the line of a top-level block with nothing but blank lines since the
//! block before; never after a heading or a footnote (a heading can make the next
//! paragraph the summary), and never at a line starting with `-` or `+`, which could open a
//! metadata block there.
//!
//! Two ways to find such places:
//! - [`by_blocks`], from the blocks of a parse of the whole body, exact by construction;
//! - [`by_text`], from the text alone, without parsing: a line that starts with a letter
//!   (or any character that opens no Markdown construct) after a blank line. Such a line
//!   ends every block still open after the blank line (list items, footnotes and indented
//!   code need indentation to go on, quotes a `>`, paragraphs and tables a line without a
//!   blank before) except a fenced code block or an HTML block that is waiting for its end
//!   marker. Whether one is waiting, and whether the block before is a heading, is only
//!   known once the chunk before has been parsed: [`holds`] checks that on its blocks, and
//!   a cut that does not hold is dropped.

use std::ops::Range;

use super::blocks::{Block, BlockKind};

/// Ranges of about `target` bytes covering `source`, each starting at the line of a
/// top-level block that reads the same with or without what comes before, from the
/// blocks of a parse of the whole of `source`.
pub(super) fn by_blocks(source: &str, blocks: &[Block], target: usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for pair in blocks.windows(2) {
        let [previous, block] = pair else { continue };
        let line_start = source[..block.range.start]
            .rfind('\n')
            .map_or(0, |nl| nl + 1);
        let cuttable = line_start >= start + target.max(1)
            && !matches!(previous.kind, BlockKind::Heading(_) | BlockKind::Footnote)
            && previous.range.end <= line_start
            && source[previous.range.end..line_start].trim().is_empty()
            && !source[line_start..].starts_with(['-', '+']);
        if cuttable {
            ranges.push(start..line_start);
            start = line_start;
        }
    }
    ranges.push(start..source.len());
    ranges
}

/// Ranges of about `target` bytes covering `source`, each after the first starting at a
/// line that may start a top-level block (see the module documentation), found without
/// parsing. Each cut must then be checked with [`holds`] on the blocks of the chunk before.
///
/// Only for a source without link reference definitions: a chunk parsed alone would not
/// resolve a reference to one defined in another chunk.
pub(super) fn by_text(source: &str, target: usize) -> Vec<Range<usize>> {
    let bytes = source.as_bytes();
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut at = start + target.max(1);
    while at < bytes.len() {
        // The next line start at or after `at` that follows a blank line.
        let Some(cut) = next_cut(bytes, at) else {
            break;
        };
        ranges.push(start..cut);
        start = cut;
        at = start + target.max(1);
    }
    ranges.push(start..source.len());
    ranges
}

/// The first line start at or after `from` that follows a blank line and begins with a
/// byte that opens no block construct.
fn next_cut(bytes: &[u8], from: usize) -> Option<usize> {
    let mut line = memchr::memrchr(b'\n', &bytes[..from]).map_or(0, |nl| nl + 1);
    if line < from {
        line = memchr::memchr(b'\n', &bytes[from..]).map(|nl| from + nl + 1)?;
    }
    // Whether the line before `line` is blank (there is none before the first).
    let mut previous_blank = line.checked_sub(1).is_some_and(|nl| {
        let start = memchr::memrchr(b'\n', &bytes[..nl]).map_or(0, |i| i + 1);
        is_blank(&bytes[start..nl])
    });
    // Whether the last line with text looked like a heading, after which a cut cannot
    // hold; only a guess to save a check, [`holds`] decides.
    let mut after_heading = false;
    while line < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[line..]).map_or(bytes.len(), |nl| line + nl);
        let text = &bytes[line..end];
        if previous_blank && !after_heading && text.first().is_some_and(|&b| opens_nothing(b)) {
            return Some(line);
        }
        previous_blank = is_blank(text);
        if !previous_blank {
            after_heading = text.first() == Some(&b'#')
                || text
                    .iter()
                    .all(|b| matches!(b, b'-' | b'=' | b' ' | b'\t' | b'\r'));
        }
        line = end + 1;
    }
    None
}

/// Whether a line holds only spaces, tabs or a carriage return.
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// Whether a line starting with `byte` (after a blank line, at column 0) can only start a
/// paragraph or a table: a letter or any non-ASCII character, never whitespace, a digit
/// (ordered list) or ASCII punctuation (every other construct starts with one).
fn opens_nothing(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || !byte.is_ascii()
}

/// Whether a cut found by [`by_text`] right after a chunk holds, given `blocks`, the
/// top-level blocks of that chunk's `text` parsed alone: its last block is not a heading,
/// a footnote or something without a kind of its own (a definition list could go on past
/// a blank line), and, if it is a code or HTML block, it ended before the blank line the
/// cut follows: one still waiting for its closing fence or end marker takes that line in.
/// A list or a quote is closed by the line the cut is at, with whatever it holds.
pub(super) fn holds(text: &str, blocks: &[Block]) -> bool {
    let Some(last) = blocks.last() else {
        return false;
    };
    match last.kind {
        BlockKind::Heading(_) | BlockKind::Footnote | BlockKind::Other => false,
        BlockKind::Code { .. } | BlockKind::Html => {
            // The chunk ends with a line feed and a blank line before it; that line starts
            // after the line feed before the last one.
            let bytes = text.as_bytes();
            let Some(last_feed) = bytes.len().checked_sub(1) else {
                return false;
            };
            let blank_line = memchr::memrchr(b'\n', &bytes[..last_feed]).map_or(0, |nl| nl + 1);
            last.range.end <= blank_line
        }
        BlockKind::Paragraph
        | BlockKind::Quote
        | BlockKind::List
        | BlockKind::Table
        | BlockKind::Rule => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(source: &str, target: usize) -> Vec<&str> {
        by_text(source, target)
            .into_iter()
            .map(|r| &source[r])
            .collect()
    }

    #[test]
    fn text_cuts_fall_after_a_blank_line_before_a_letter() {
        let source = "가\n\n- 목록\n\n  들여쓴\n\n1. 하나\n\n> 인용\n\n나\n\nabc\n";
        assert_eq!(
            pieces(source, 1),
            [
                "가\n\n- 목록\n\n  들여쓴\n\n1. 하나\n\n> 인용\n\n",
                "나\n\n",
                "abc\n"
            ]
        );
        assert_eq!(pieces(source, 1).concat(), source);
        assert_eq!(pieces("가\n나\n", 1), ["가\n나\n"]);
    }

    #[test]
    fn a_cut_holds_only_after_a_closed_block_that_is_no_heading() {
        let check = |text: &str| holds(text, &super::super::blocks::split(text).0);
        assert!(check("문단\n\n"));
        assert!(check("```\ncode\n```\n\n"));
        assert!(!check("```\ncode\n\n"), "an open fence");
        assert!(check("- 목록\n\n"), "a list, closed by the line after");
        assert!(
            check("- ```\n  열린\n\n"),
            "a fence in a list, closed with it"
        );
        assert!(!check("<!--\n주석\n\n"), "an open comment");
        assert!(!check("## 제목\n\n"), "a heading");
        assert!(!check("[^1]: 각주\n\n"), "a footnote");
        assert!(!check("용어\n: 정의\n\n"), "a definition list");
        assert!(!check(""));
    }
}
