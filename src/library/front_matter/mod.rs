//! Front matter: the metadata block at the very top of a post.
//!
//! Two syntaxes are recognised, both only when the block opens on the first line of the
//! file (after an optional UTF-8 byte order mark):
//!
//! - YAML between `---` lines (Jekyll, Hexo, most Korean blog exports). The closing line
//!   may also be `...`, as YAML allows.
//! - TOML between `+++` lines (Hugo).
//!
//! The block is parsed into a loose value tree, not a strict struct, because real blogs
//! carry many keys geul does not care about and write the ones it does care about in
//! several shapes (a tag list or one space-separated string, a number as a title, ...).
//! Only a block that is not valid YAML/TOML at all is an error, and even then the post is
//! kept: [`FrontMatter::error`] says why, the keys are read line by line as far as they
//! can be (a title with a quote left open is still the title), and [`FrontMatter::body`]
//! is the text after the closing line; only a block that never closes leaves the whole
//! text as the body.
//!
//! Everything here is pure: text in, [`FrontMatter`] out. Fallbacks that need the file
//! name (title from the file stem, date from a Jekyll file name) live in
//! [`super::scan`].

mod block;
mod date;
mod keys;
mod long_numbers;
mod loose;
mod salvage;
#[cfg(test)]
mod testing;
mod toml;
mod yaml;

pub use date::parse_date;

use std::borrow::Cow;

use crate::library::PostDate;
use block::{Block, normalize_newlines, split};
use loose::read_fields;
use salvage::salvage_fields;

/// The syntax a front-matter block was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// YAML between `---` lines.
    Yaml,
    /// TOML between `+++` lines.
    Toml,
}

/// The metadata geul reads from front matter. Every field is optional: a missing key, or a
/// key whose value has a shape that makes no sense for it, simply leaves the field empty.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// `title`, trimmed; `None` when missing or empty so the caller can fall back.
    pub title: Option<String>,
    /// `date`, as written (an RFC 3339 offset is dropped, the local time kept).
    pub date: Option<PostDate>,
    /// `category` then `categories`, in order, NFC-normalised, duplicates removed.
    pub categories: Vec<String>,
    /// `tags` then `tag`, without a leading `#`, NFC-normalised, duplicates removed.
    pub tags: Vec<String>,
    /// `description`, else `excerpt`.
    pub description: Option<String>,
    /// `thumbnail`, else `cover_image`, else `featuredImage`.
    pub thumbnail: Option<String>,
}

/// A post's text split into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter<'a> {
    /// The syntax of the block, `None` when the text has no front matter.
    pub format: Option<Format>,
    /// What was read from the block (line by line when it did not parse); empty when there
    /// is none.
    pub metadata: Metadata,
    /// The text after the closing line, or the whole text when there is no block or it
    /// never closes. Without a byte order mark, and with CRLF line endings turned into `\n`:
    /// borrowed from the text read unless it had CRLFs, since a body is most of a post and
    /// its one owned copy is made by whoever keeps it.
    pub body: Cow<'a, str>,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// Why the block could not be read, e.g.
    /// `front matter: YAML error at line 3, column 6: mapping values are not allowed in
    /// this context`. Line numbers count from the top of the file.
    pub error: Option<String>,
}

/// Splits `text` (a whole post file) into front matter and body and reads the metadata.
///
/// Never fails: problems are reported in [`FrontMatter::error`]. A block that opens but
/// never closes counts as unparseable, since guessing where it was meant to end would
/// silently swallow part of the post.
pub fn parse(text: &str) -> FrontMatter<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match normalize_newlines(text) {
        Cow::Borrowed(text) => parse_normalized(text),
        // The body is cut out of the normalised text, which dies here: it is copied.
        Cow::Owned(text) => {
            let parsed = parse_normalized(&text);
            FrontMatter {
                format: parsed.format,
                metadata: parsed.metadata,
                body: Cow::Owned(parsed.body.into_owned()),
                body_line: parsed.body_line,
                error: parsed.error,
            }
        }
    }
}

/// The body of `text` exactly as [`parse`] gives it in [`FrontMatter::body`], without
/// reading the block's keys: for a reader that has the metadata already. Costs a search
/// for CRLFs and the lines of the block; the body is borrowed unless it had CRLFs.
pub fn body(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    fn body_of(text: &str) -> &str {
        match split(text) {
            Block::Closed { body, .. } => body,
            Block::Absent | Block::Unclosed(_) => text,
        }
    }
    match normalize_newlines(text) {
        Cow::Borrowed(text) => Cow::Borrowed(body_of(text)),
        Cow::Owned(text) => Cow::Owned(body_of(&text).to_string()),
    }
}

/// [`parse`] of text that has lost its BOM and CRLFs already.
fn parse_normalized(text: &str) -> FrontMatter<'_> {
    let whole_text = |format, error| FrontMatter {
        format,
        metadata: Metadata::default(),
        body: Cow::Borrowed(text),
        body_line: 1,
        error,
    };

    match split(text) {
        Block::Absent => whole_text(None, None),
        Block::Unclosed(format) => {
            let closing = match format {
                Format::Yaml => "`---` (or `...`)",
                Format::Toml => "`+++`",
            };
            let error = format!(
                "front matter: the {} block opened on line 1 has no closing {closing} line",
                format_name(format)
            );
            whole_text(Some(format), Some(error))
        }
        Block::Closed {
            format,
            raw,
            body,
            body_line,
        } => match read_fields(format, raw) {
            Ok(fields) => FrontMatter {
                format: Some(format),
                metadata: Metadata::from_fields(&fields),
                body: Cow::Borrowed(body),
                body_line,
                error: None,
            },
            // The block closed, so the body is known: it renders as Markdown, and the
            // keys that can still be read line by line are used.
            Err(error) => FrontMatter {
                format: Some(format),
                metadata: Metadata::from_fields(&salvage_fields(format, raw)),
                body: Cow::Borrowed(body),
                body_line,
                error: Some(error),
            },
        },
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Yaml => "YAML",
        Format::Toml => "TOML",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_block_is_an_error_and_keeps_the_whole_text() {
        let text = "---\ntitle: never closed\n\n# Body\n";
        let parsed = parse(text);
        let error = parsed.error.unwrap();
        assert!(error.contains("no closing"), "{error}");
        assert_eq!(parsed.body, text);
        assert_eq!(parsed.body_line, 1);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_parsed_without_panicking(text in "(---|\\+\\+\\+|\u{feff})?[a-z:=#\\[\\]\"' \r\n.+-]{0,60}(\n---|\n\\+\\+\\+)?[\r\n a#]{0,10}") {
            let parsed = parse(&text);
            proptest::prop_assert!(parsed.body_line >= 1);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_body_alone_is_the_body_parse_gives(text in "(---|\\+\\+\\+|\u{feff})?(\r?\n|[a-z:=#\\[\\]\"' .+-]|\r){0,60}(\r?\n---|\r?\n\\.\\.\\.|\n\\+\\+\\+)?(\r?\n|[ a#\r]){0,10}") {
            let parsed = parse(&text);
            proptest::prop_assert_eq!(&body(&text), &parsed.body);
        }
    }

    #[test]
    fn a_body_without_crlfs_is_borrowed_from_the_text() {
        let text = "---\ntitle: 빌린 글\n---\n본문\n";
        assert!(matches!(parse(text).body, Cow::Borrowed("본문\n")));
        assert!(matches!(body(text), Cow::Borrowed("본문\n")));
        assert!(matches!(parse("---\r\n---\r\n본문\r\n").body, Cow::Owned(b) if b == "본문\n"));
    }

    #[test]
    fn an_unclosed_toml_block_is_an_error() {
        let parsed = parse("+++\ntitle = \"x\"\n");
        assert!(parsed.error.unwrap().contains("`+++`"));
    }
}
