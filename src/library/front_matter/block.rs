//! Finding the front-matter block at the top of a post.

use std::borrow::Cow;

use super::Format;

/// Where the block is, found on text that has already lost its BOM and CRLFs.
pub(super) enum Block<'a> {
    /// The first line opens no block.
    Absent,
    /// The first line opens a block that no later line closes.
    Unclosed(Format),
    /// A complete block: `raw` is the text between the fence lines.
    Closed {
        format: Format,
        raw: &'a str,
        body: &'a str,
        body_line: usize,
    },
}

pub(super) fn split(text: &str) -> Block<'_> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Block::Absent;
    };
    // Trailing spaces after a fence are invisible and common in hand-edited files.
    let format = match first.trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return Block::Absent,
    };
    let raw_start = first.len();
    let mut offset = raw_start;
    for (index, line) in lines.enumerate() {
        let fence = line.trim_end();
        let closes = match format {
            Format::Yaml => fence == "---" || fence == "...",
            Format::Toml => fence == "+++",
        };
        if closes {
            // The first line is line 1 and `index` counts from line 2.
            let closing_line = index + 2;
            return Block::Closed {
                format,
                raw: &text[raw_start..offset],
                body: &text[offset + line.len()..],
                body_line: closing_line + 1,
            };
        }
        offset += line.len();
    }
    Block::Unclosed(format)
}

pub(super) fn normalize_newlines(text: &str) -> Cow<'_, str> {
    // The whole post is searched, and memchr's search is several times cheaper than
    // `str::contains` on a long one.
    if memchr::memmem::find(text.as_bytes(), b"\r\n").is_some() {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use crate::library::front_matter::{Format, Metadata, parse};

    #[test]
    fn text_without_front_matter_is_all_body_from_line_one() {
        let parsed = parse("# Hello\n\nworld\n");
        assert_eq!(parsed.format, None);
        assert_eq!(parsed.body, "# Hello\n\nworld\n");
        assert_eq!(parsed.body_line, 1);
        assert_eq!(parsed.error, None);
        assert_eq!(parsed.metadata, Metadata::default());
    }

    #[test]
    fn empty_text_is_an_empty_body() {
        let parsed = parse("");
        assert_eq!(parsed.body, "");
        assert_eq!(parsed.body_line, 1);
        assert_eq!(parsed.error, None);
    }

    #[test]
    fn yaml_block_is_removed_from_the_body_and_body_line_points_after_it() {
        let parsed = parse("---\ntitle: Hi\n---\n\nText\n");
        assert_eq!(parsed.format, Some(Format::Yaml));
        assert_eq!(parsed.metadata.title.as_deref(), Some("Hi"));
        assert_eq!(parsed.body, "\nText\n");
        assert_eq!(parsed.body_line, 4);
    }

    #[test]
    fn yaml_block_may_close_with_three_dots() {
        let parsed = parse("---\ntitle: Dots\n...\nBody\n");
        assert_eq!(parsed.metadata.title.as_deref(), Some("Dots"));
        assert_eq!(parsed.body, "Body\n");
        assert_eq!(parsed.body_line, 4);
    }

    #[test]
    fn fence_lines_may_carry_trailing_spaces() {
        let parsed = parse("--- \ntitle: Spaces\n---  \nBody");
        assert_eq!(parsed.metadata.title.as_deref(), Some("Spaces"));
        assert_eq!(parsed.body, "Body");
    }

    #[test]
    fn a_post_that_is_only_front_matter_has_an_empty_body() {
        let parsed = parse("---\ntitle: Only\n---");
        assert_eq!(parsed.error, None);
        assert_eq!(parsed.body, "");
        assert_eq!(parsed.body_line, 4);
    }

    #[test]
    fn an_empty_yaml_block_is_no_error() {
        let parsed = parse("---\n---\nBody\n");
        assert_eq!(parsed.error, None);
        assert_eq!(parsed.metadata, Metadata::default());
        assert_eq!(parsed.body, "Body\n");
        assert_eq!(parsed.body_line, 3);
    }

    #[test]
    fn a_byte_order_mark_is_stripped_before_looking_for_the_block() {
        let parsed = parse("\u{feff}---\ntitle: BOM\n---\nBody\n");
        assert_eq!(parsed.metadata.title.as_deref(), Some("BOM"));
        assert_eq!(parsed.body, "Body\n");
    }

    #[test]
    fn crlf_line_endings_are_read_and_the_body_gets_plain_newlines() {
        let parsed =
            parse("---\r\ntitle: Windows\r\ntags: [a, b]\r\n---\r\nLine one\r\nLine two\r\n");
        assert_eq!(parsed.error, None);
        assert_eq!(parsed.metadata.title.as_deref(), Some("Windows"));
        assert_eq!(parsed.metadata.tags, ["a", "b"]);
        assert_eq!(parsed.body, "Line one\nLine two\n");
        assert_eq!(parsed.body_line, 5);
    }

    #[test]
    fn a_horizontal_rule_later_in_the_text_is_not_front_matter() {
        let parsed = parse("Intro\n---\nMore\n");
        assert_eq!(parsed.format, None);
        assert_eq!(parsed.body, "Intro\n---\nMore\n");
    }
}
