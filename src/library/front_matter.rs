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
//! kept: [`FrontMatter::error`] says why and [`FrontMatter::body`] is the whole text, so
//! the reader can still show it.
//!
//! Everything here is pure: text in, [`FrontMatter`] out. Fallbacks that need the file
//! name (title from the file stem, date from a Jekyll file name) live in
//! [`super::scan`].

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use unicode_normalization::UnicodeNormalization;

use super::PostDate;

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
pub struct FrontMatter {
    /// The syntax of the block, `None` when the text has no front matter.
    pub format: Option<Format>,
    /// What was read from the block; all empty when there is none or it did not parse.
    pub metadata: Metadata,
    /// The text after the closing line, or the whole text when there is no block or it did
    /// not parse. Without a byte order mark, and with CRLF line endings turned into `\n`.
    pub body: String,
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
pub fn parse(text: &str) -> FrontMatter {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = normalize_newlines(text);

    let whole_text = |format, error| FrontMatter {
        format,
        metadata: Metadata::default(),
        body: text.to_string(),
        body_line: 1,
        error,
    };

    match split(&text) {
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
                body: body.to_string(),
                body_line,
                error: None,
            },
            Err(error) => whole_text(Some(format), Some(error)),
        },
    }
}

/// Reads a publication date in any of the forms blogs write it, keeping the date and time
/// as written (a UTC offset is dropped, not applied: the author's wall clock is what the
/// reader expects to see).
///
/// Accepted: `2025-11-20`, `2025/11/20`, `2025.11.20`, `2020-07-14 09:48`,
/// `2020-07-14 09:48:00`, `2020-07-14T09:48:00.123`, RFC 3339 such as
/// `2024-05-01T08:30:00+09:00` or `...Z`, and Jekyll's `2024-05-01 08:30:00 +0900`.
/// A date alone gets midnight.
pub fn parse_date(value: &str) -> Option<PostDate> {
    let value = value.trim();
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(value) {
        return Some(with_offset.naive_local());
    }
    const WITH_OFFSET: [&str; 4] = [
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
    ];
    for form in WITH_OFFSET {
        if let Ok(with_offset) = DateTime::parse_from_str(value, form) {
            return Some(with_offset.naive_local());
        }
    }
    const LOCAL: [&str; 4] = [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ];
    for form in LOCAL {
        if let Ok(local) = NaiveDateTime::parse_from_str(value, form) {
            return Some(local);
        }
    }
    for form in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(value, form) {
            return Some(date.and_time(NaiveTime::MIN));
        }
    }
    None
}

/// Where the block is, found on text that has already lost its BOM and CRLFs.
enum Block<'a> {
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

fn split(text: &str) -> Block<'_> {
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

fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Yaml => "YAML",
        Format::Toml => "TOML",
    }
}

/// A front-matter value with only the distinctions geul needs, so YAML and TOML share one
/// reading of the keys.
#[derive(Debug, Clone, PartialEq)]
enum Loose {
    /// A string, or a number/boolean/date written where a string was expected.
    Text(String),
    List(Vec<Loose>),
    /// A nested table or a null: ignored.
    Other,
}

/// Top-level keys, lower-cased (blogs written by hand do use `Title:`), with their values.
type Fields = Vec<(String, Loose)>;

fn read_fields(format: Format, raw: &str) -> Result<Fields, String> {
    match format {
        Format::Yaml => read_yaml(raw),
        Format::Toml => read_toml(raw),
    }
}

/// The fence line is line 1 of the file, so the block's first line is line 2.
const FIRST_BLOCK_LINE: usize = 2;

fn read_yaml(raw: &str) -> Result<Fields, String> {
    // One leading newline stands in for the opening fence, so every line number serde_yaml
    // reports (including those inside its message, such as "while parsing a block mapping
    // at line 2 column 1") is already a line number of the file.
    let padded = format!("\n{raw}");
    let value: serde_yaml::Value = serde_yaml::from_str(&padded).map_err(|error| {
        let message = error.to_string();
        match error.location() {
            Some(at) => {
                let position = format!(" at line {} column {}", at.line(), at.column());
                let message = message.replacen(&position, "", 1);
                format!(
                    "front matter: YAML error at line {}, column {}: {message}",
                    at.line(),
                    at.column()
                )
            }
            None => format!(
                "front matter: YAML error in {}: {message}",
                block_lines(raw)
            ),
        }
    })?;
    match value {
        serde_yaml::Value::Mapping(mapping) => Ok(mapping
            .into_iter()
            .filter_map(|(key, value)| Some((key_name(&key)?, from_yaml(value))))
            .collect()),
        // An empty block, or one holding only comments.
        serde_yaml::Value::Null => Ok(Vec::new()),
        _ => Err(format!(
            "front matter: YAML error at line {FIRST_BLOCK_LINE}: expected `key: value` lines"
        )),
    }
}

/// The file lines a block spans, for errors the parser could not place on one line.
fn block_lines(raw: &str) -> String {
    let last = FIRST_BLOCK_LINE + raw.lines().count().saturating_sub(1);
    if last == FIRST_BLOCK_LINE {
        format!("line {FIRST_BLOCK_LINE}")
    } else {
        format!("lines {FIRST_BLOCK_LINE}-{last}")
    }
}

fn key_name(key: &serde_yaml::Value) -> Option<String> {
    match key {
        serde_yaml::Value::String(name) => Some(name.to_lowercase()),
        _ => None,
    }
}

fn from_yaml(value: serde_yaml::Value) -> Loose {
    use serde_yaml::Value;
    match value {
        Value::String(text) => Loose::Text(text),
        Value::Number(number) => Loose::Text(number.to_string()),
        Value::Bool(flag) => Loose::Text(flag.to_string()),
        Value::Sequence(items) => Loose::List(items.into_iter().map(from_yaml).collect()),
        // `!!str 2024-01-01` and friends: the tag says nothing geul needs.
        Value::Tagged(tagged) => from_yaml(tagged.value),
        Value::Null | Value::Mapping(_) => Loose::Other,
    }
}

fn read_toml(raw: &str) -> Result<Fields, String> {
    let table: toml::Table = toml::from_str(raw).map_err(|error| {
        // The message can span lines ("invalid string\nexpected ..."); the error is shown
        // on one status line.
        let message = error
            .message()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        match error.span() {
            Some(span) => {
                let before = raw.get(..span.start).unwrap_or(raw);
                let line = FIRST_BLOCK_LINE + before.matches('\n').count();
                format!("front matter: TOML error at line {line}: {message}")
            }
            None => format!(
                "front matter: TOML error in {}: {message}",
                block_lines(raw)
            ),
        }
    })?;
    Ok(table
        .into_iter()
        .map(|(key, value)| (key.to_lowercase(), from_toml(value)))
        .collect())
}

fn from_toml(value: toml::Value) -> Loose {
    use toml::Value;
    match value {
        Value::String(text) => Loose::Text(text),
        Value::Integer(number) => Loose::Text(number.to_string()),
        Value::Float(number) => Loose::Text(number.to_string()),
        Value::Boolean(flag) => Loose::Text(flag.to_string()),
        // Displayed in RFC 3339 form, which `parse_date` reads back.
        Value::Datetime(datetime) => Loose::Text(datetime.to_string()),
        Value::Array(items) => Loose::List(items.into_iter().map(from_toml).collect()),
        Value::Table(_) => Loose::Other,
    }
}

impl Metadata {
    fn from_fields(fields: &Fields) -> Metadata {
        let get = |key: &str| {
            fields
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value)
        };
        let first_text = |keys: &[&str]| keys.iter().filter_map(|key| text(get(key)?)).next();

        let mut categories = Vec::new();
        for key in ["category", "categories"] {
            if let Some(value) = get(key) {
                // A category is a phrase (`AI 정보 공유`), so a string is never split.
                for category in texts(value) {
                    push_unique(&mut categories, category);
                }
            }
        }

        let mut tags = Vec::new();
        for key in ["tags", "tag"] {
            if let Some(value) = get(key) {
                let items = match value {
                    // `tags: a b c` or `tags: a, b, c`: one string meant as several tags.
                    Loose::Text(line) => split_tag_string(line),
                    _ => texts(value),
                };
                for tag in items {
                    let tag = tag.trim_start_matches('#').trim();
                    if !tag.is_empty() {
                        push_unique(&mut tags, tag.to_string());
                    }
                }
            }
        }

        Metadata {
            title: first_text(&["title"]),
            date: get("date")
                .and_then(text)
                .and_then(|date| parse_date(&date)),
            categories,
            tags,
            description: first_text(&["description", "excerpt"]),
            thumbnail: first_text(&["thumbnail", "cover_image", "featuredimage"]),
        }
    }
}

/// A trimmed, non-empty string value.
fn text(value: &Loose) -> Option<String> {
    match value {
        Loose::Text(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
        _ => None,
    }
}

/// A list's string items, or a single string as a one-item list.
fn texts(value: &Loose) -> Vec<String> {
    match value {
        Loose::List(items) => items.iter().filter_map(text).collect(),
        single => text(single).into_iter().collect(),
    }
}

fn split_tag_string(line: &str) -> Vec<String> {
    line.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|tag| !tag.is_empty())
        .map(str::to_string)
        .collect()
}

/// Adds `item` in NFC form unless an equal one is already there. NFC because text typed on
/// macOS may arrive decomposed and would otherwise look like a different tag.
fn push_unique(items: &mut Vec<String>, item: String) {
    let item: String = item.nfc().collect();
    if !items.contains(&item) {
        items.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PostDate {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn metadata(text: &str) -> Metadata {
        let parsed = parse(text);
        assert_eq!(parsed.error, None, "unexpected error for {text:?}");
        parsed.metadata
    }

    // --- splitting ---------------------------------------------------------------------

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

    // --- YAML keys ----------------------------------------------------------------------

    #[test]
    fn keys_with_a_space_before_the_colon_are_read() {
        let meta = metadata(
            "---\ntitle : \"생성형 AI란 무엇인가?\"\ndate : \"2025-11-20\"\ncategory : \"AI 정보 공유\"\nthumbnail : \"/thumbnails/insight02.png\"\n---\n",
        );
        assert_eq!(meta.title.as_deref(), Some("생성형 AI란 무엇인가?"));
        assert_eq!(meta.date, Some(date("2025-11-20 00:00:00")));
        assert_eq!(meta.categories, ["AI 정보 공유"]);
        assert_eq!(meta.thumbnail.as_deref(), Some("/thumbnails/insight02.png"));
    }

    #[test]
    fn unknown_keys_and_nested_maps_are_ignored() {
        let meta = metadata(
            "---\nlayout: post\nauthor:\n  name: Kim\ntoc: true\nheader:\n  teaser: /x.png\ntitle: Kept\n---\n",
        );
        assert_eq!(meta.title.as_deref(), Some("Kept"));
    }

    #[test]
    fn capitalised_keys_are_read_too() {
        let meta = metadata("---\nTitle: Upper\nTags: [x]\n---\n");
        assert_eq!(meta.title.as_deref(), Some("Upper"));
        assert_eq!(meta.tags, ["x"]);
    }

    #[test]
    fn a_bare_title_is_read() {
        assert_eq!(
            metadata("---\ntitle: 그냥 제목\n---\n").title.as_deref(),
            Some("그냥 제목")
        );
    }

    #[test]
    fn a_number_title_becomes_its_text() {
        assert_eq!(
            metadata("---\ntitle: 2024\n---\n").title.as_deref(),
            Some("2024")
        );
        assert_eq!(
            metadata("---\ntitle: 3.5\n---\n").title.as_deref(),
            Some("3.5")
        );
    }

    #[test]
    fn an_empty_or_blank_title_is_treated_as_missing() {
        assert_eq!(metadata("---\ntitle: \"\"\n---\n").title, None);
        assert_eq!(metadata("---\ntitle:\n---\n").title, None);
        assert_eq!(metadata("---\ntitle: \"   \"\n---\n").title, None);
    }

    #[test]
    fn category_is_one_category_even_with_spaces_and_ampersands() {
        let meta = metadata("---\ncategory: 개발 & 도구\n---\n");
        assert_eq!(meta.categories, ["개발 & 도구"]);
    }

    #[test]
    fn categories_can_be_a_flow_list() {
        assert_eq!(
            metadata("---\ncategories: [AI, 개발]\n---\n").categories,
            ["AI", "개발"]
        );
    }

    #[test]
    fn categories_can_be_a_one_item_block_list() {
        assert_eq!(
            metadata("---\ncategories:\n  - 에세이\n---\n").categories,
            ["에세이"]
        );
    }

    #[test]
    fn categories_can_be_a_single_string() {
        assert_eq!(
            metadata("---\ncategories: 일상 기록\n---\n").categories,
            ["일상 기록"]
        );
    }

    #[test]
    fn category_and_categories_together_are_merged_without_duplicates() {
        let meta = metadata("---\ncategory: A\ncategories: [A, B]\n---\n");
        assert_eq!(meta.categories, ["A", "B"]);
    }

    #[test]
    fn no_category_leaves_categories_empty() {
        assert!(metadata("---\ntitle: x\n---\n").categories.is_empty());
    }

    #[test]
    fn tags_can_be_a_block_list() {
        assert_eq!(
            metadata("---\ntags:\n  - rust\n  - 터미널\n---\n").tags,
            ["rust", "터미널"]
        );
    }

    #[test]
    fn tags_can_be_a_flow_list() {
        assert_eq!(
            metadata("---\ntags: [rust, 터미널]\n---\n").tags,
            ["rust", "터미널"]
        );
    }

    #[test]
    fn tags_can_be_one_space_separated_string() {
        assert_eq!(
            metadata("---\ntags: rust 터미널 tui\n---\n").tags,
            ["rust", "터미널", "tui"]
        );
    }

    #[test]
    fn tags_can_be_one_comma_separated_string() {
        assert_eq!(
            metadata("---\ntags: \"rust, 터미널,tui\"\n---\n").tags,
            ["rust", "터미널", "tui"]
        );
    }

    #[test]
    fn the_singular_tag_key_is_read() {
        assert_eq!(metadata("---\ntag: 하나\n---\n").tags, ["하나"]);
    }

    #[test]
    fn a_leading_hash_is_stripped_from_tags() {
        let meta = metadata("---\ntags: [\"#생성형AI\", LLM]\n---\n");
        assert_eq!(meta.tags, ["생성형AI", "LLM"]);
        assert_eq!(metadata("---\ntags: \"#a #b\"\n---\n").tags, ["a", "b"]);
    }

    #[test]
    fn duplicate_tags_are_dropped_after_nfc_normalisation() {
        // "한" decomposed (U+1112 U+1161 U+11AB) and composed.
        let meta = metadata("---\ntags: [\"\u{1112}\u{1161}\u{11ab}\", 한, x, x]\n---\n");
        assert_eq!(meta.tags, ["한", "x"]);
    }

    #[test]
    fn number_tags_become_text() {
        assert_eq!(
            metadata("---\ntags: [2024, rust]\n---\n").tags,
            ["2024", "rust"]
        );
    }

    #[test]
    fn description_falls_back_to_excerpt() {
        assert_eq!(
            metadata("---\ndescription: D\nexcerpt: E\n---\n")
                .description
                .as_deref(),
            Some("D")
        );
        assert_eq!(
            metadata("---\nexcerpt: E\n---\n").description.as_deref(),
            Some("E")
        );
    }

    #[test]
    fn thumbnail_falls_back_to_cover_image_then_featured_image() {
        assert_eq!(
            metadata("---\ncover_image: /c.png\n---\n")
                .thumbnail
                .as_deref(),
            Some("/c.png")
        );
        assert_eq!(
            metadata("---\nfeaturedImage: /f.png\n---\n")
                .thumbnail
                .as_deref(),
            Some("/f.png")
        );
        assert_eq!(
            metadata("---\nfeaturedImage: /f.png\nthumbnail: /t.png\n---\n")
                .thumbnail
                .as_deref(),
            Some("/t.png")
        );
    }

    // --- dates --------------------------------------------------------------------------

    #[test]
    fn a_bare_date_is_read_as_midnight() {
        assert_eq!(
            metadata("---\ndate: 2025-11-20\n---\n").date,
            Some(date("2025-11-20 00:00:00"))
        );
    }

    #[test]
    fn a_quoted_date_is_read() {
        assert_eq!(
            metadata("---\ndate: '2025-11-20'\n---\n").date,
            Some(date("2025-11-20 00:00:00"))
        );
    }

    #[test]
    fn a_date_with_hours_and_minutes_is_read() {
        assert_eq!(
            metadata("---\ndate: 2020-07-14 09:48\n---\n").date,
            Some(date("2020-07-14 09:48:00"))
        );
    }

    #[test]
    fn a_date_with_seconds_is_read() {
        assert_eq!(
            metadata("---\ndate: 2020-07-14 09:48:31\n---\n").date,
            Some(date("2020-07-14 09:48:31"))
        );
    }

    #[test]
    fn an_rfc3339_date_keeps_the_local_time_as_written() {
        let meta = metadata("---\ndate: 2024-05-01T08:30:00+09:00\n---\n");
        assert_eq!(meta.date, Some(date("2024-05-01 08:30:00")));
        let utc = metadata("---\ndate: \"2024-05-01T23:30:00Z\"\n---\n");
        assert_eq!(utc.date, Some(date("2024-05-01 23:30:00")));
    }

    #[test]
    fn a_jekyll_date_with_a_numeric_offset_keeps_the_local_time() {
        let meta = metadata("---\ndate: 2019-03-02 10:15:00 +0900\n---\n");
        assert_eq!(meta.date, Some(date("2019-03-02 10:15:00")));
    }

    #[test]
    fn dates_with_slashes_or_dots_are_read() {
        assert_eq!(parse_date("2023/01/05"), Some(date("2023-01-05 00:00:00")));
        assert_eq!(parse_date("2023.01.05"), Some(date("2023-01-05 00:00:00")));
    }

    #[test]
    fn an_unreadable_date_is_left_empty_without_an_error() {
        let parsed = parse("---\ndate: someday\ntitle: x\n---\n");
        assert_eq!(parsed.error, None);
        assert_eq!(parsed.metadata.date, None);
        assert_eq!(parse_date("2023-02-30"), None);
    }

    // --- TOML ---------------------------------------------------------------------------

    #[test]
    fn toml_front_matter_between_plus_lines_is_read() {
        let parsed = parse(
            "+++\ntitle = \"Hugo post\"\ndate = 2024-05-01T08:30:00+09:00\ncategories = [\"Web\"]\ntags = [\"hugo\", \"#go\"]\ndescription = \"Summary\"\n+++\n\nBody\n",
        );
        assert_eq!(parsed.error, None);
        assert_eq!(parsed.format, Some(Format::Toml));
        let meta = parsed.metadata;
        assert_eq!(meta.title.as_deref(), Some("Hugo post"));
        assert_eq!(meta.date, Some(date("2024-05-01 08:30:00")));
        assert_eq!(meta.categories, ["Web"]);
        assert_eq!(meta.tags, ["hugo", "go"]);
        assert_eq!(meta.description.as_deref(), Some("Summary"));
        assert_eq!(parsed.body, "\nBody\n");
        assert_eq!(parsed.body_line, 8);
    }

    #[test]
    fn toml_local_dates_and_date_times_are_read() {
        assert_eq!(
            metadata("+++\ndate = 2023-04-05\n+++\n").date,
            Some(date("2023-04-05 00:00:00"))
        );
        assert_eq!(
            metadata("+++\ndate = 2023-04-05T06:07:08\n+++\n").date,
            Some(date("2023-04-05 06:07:08"))
        );
        assert_eq!(
            metadata("+++\ndate = \"2023-04-05 06:07\"\n+++\n").date,
            Some(date("2023-04-05 06:07:00"))
        );
    }

    #[test]
    fn a_toml_error_names_the_line_in_the_file() {
        let text = "+++\ntitle = \"ok\"\ntags = [\"a\",\n+++\nBody\n";
        let parsed = parse(text);
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: TOML error at line "),
            "{error}"
        );
        assert_eq!(parsed.body, text);
        assert_eq!(parsed.body_line, 1);
    }

    #[test]
    fn a_toml_error_on_a_given_line_reports_that_line() {
        let parsed = parse("+++\ntitle = \"ok\"\nthis is not toml\n+++\n");
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: TOML error at line 3:"),
            "{error}"
        );
    }

    // --- errors -------------------------------------------------------------------------

    #[test]
    fn a_yaml_error_keeps_the_whole_text_as_body_and_names_the_line() {
        let text = "---\ntitle: \"ok\"\ndate: [2024\n---\n# Heading\n";
        let parsed = parse(text);
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: YAML error at line "),
            "{error}"
        );
        assert_eq!(parsed.body, text);
        assert_eq!(parsed.body_line, 1);
        assert_eq!(parsed.metadata, Metadata::default());
    }

    #[test]
    fn a_yaml_error_line_counts_from_the_top_of_the_file() {
        // Line 3 of the file has a second colon inside a plain value.
        let parsed = parse("---\ntitle: fine\ndate: a: b\n---\n");
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: YAML error at line 3, column"),
            "{error}"
        );
        assert!(
            !error.contains(" at line 3 column"),
            "position said twice: {error}"
        );
    }

    #[test]
    fn a_yaml_error_with_crlf_and_bom_still_returns_the_text() {
        let parsed = parse("\u{feff}---\r\ntitle: [\r\n---\r\nBody\r\n");
        assert!(parsed.error.is_some());
        assert_eq!(parsed.body, "---\ntitle: [\n---\nBody\n");
    }

    #[test]
    fn a_yaml_error_without_a_position_names_the_block_lines() {
        let parsed = parse("---\n  bad: indent\nfoo: 1\n---\n");
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: YAML error in lines 2-3: "),
            "{error}"
        );
    }

    #[test]
    fn yaml_that_is_not_key_value_lines_is_an_error() {
        let parsed = parse("---\n- a\n- b\n---\nBody\n");
        assert_eq!(
            parsed.error.as_deref(),
            Some("front matter: YAML error at line 2: expected `key: value` lines")
        );
        assert_eq!(parsed.body, "---\n- a\n- b\n---\nBody\n");
    }

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

    #[test]
    fn an_unclosed_toml_block_is_an_error() {
        let parsed = parse("+++\ntitle = \"x\"\n");
        assert!(parsed.error.unwrap().contains("`+++`"));
    }
}
