//! Hashtags written in a post's body, the way Korean blogs end a post:
//!
//! ```text
//! ### # 해시태그
//!
//! #생성형AI #LLM
//! #업무자동화
//! ```
//!
//! or `해시태그: #a #b` / `Tags: #a #b` on one line.
//!
//! Only whole *hashtag lines* count, never a `#word` in the middle of a sentence: prose
//! uses `#` for too many other things (issue numbers, colours, C#, channel names) for a
//! token-by-token reading to be trusted. Lines inside code (fenced or indented blocks,
//! code spans) and HTML comments are skipped, which the parser, with the options the reader
//! uses (see [`dialect`]), tells us more reliably than tracking fences by hand.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Tag};
use unicode_normalization::UnicodeNormalization;

use crate::library::dialect;

/// Labels that may introduce a hashtag line, compared case-insensitively:
/// `해시태그: #a #b`, `Tags: #a`.
const LABELS: [&str; 6] = ["해시태그", "태그", "hashtags", "hashtag", "tags", "tag"];

/// The hashtags of a Markdown body, without the `#`, NFC-normalised, duplicates removed,
/// in order of first appearance.
///
/// A hashtag line is a line (outside code) whose tokens, separated by spaces or commas,
/// are all `#tag` tokens, optionally after a label such as `해시태그:`. A `#tag` is `#`
/// followed by letters, digits, `_` or `-` (any script), with at least one letter or
/// digit; so `# 해시태그` and `### # 해시태그` are headings, not tags. On such a line,
/// tokens that are pure numbers (`#1`, issue references) or hex colours (`#fff`,
/// `#ff0000`: 3, 4, 6 or 8 hex digits) are dropped.
pub fn extract(body: &str) -> Vec<String> {
    // Parsing is what costs, and most bodies have no hashtag line at all: find the
    // candidate lines first, by text alone, and parse only when there is one. Only a line
    // with tags can add a tag, so skipping the parse when there is none changes nothing.
    let candidates = hashtag_lines(body);
    if candidates.is_empty() {
        return Vec::new();
    }
    // Nor is the parse needed for a line that nothing around it can make code: posts
    // without code or comments are read without it.
    let first_marker = first_block_marker(body);
    let mut skipped: Option<Vec<Range<usize>>> = None;
    let mut runs = Runs::default();
    // A tag seen as written needs no second normalisation: the hashtag section of a long
    // article repeats the same few tags, and NFC is the costly part of taking one.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut tags: Vec<String> = Vec::new();
    for (line, line_tags) in candidates {
        let in_code = may_be_code(body, &line, first_marker, &mut runs)
            && skipped
                .get_or_insert_with(|| non_prose_ranges(body))
                .iter()
                .any(|range| range.start < line.end && line.start < range.end);
        if in_code {
            continue;
        }
        for tag in line_tags {
            if !seen.insert(tag) {
                continue;
            }
            let tag: String = tag.nfc().collect();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    tags
}

/// The lines of `body` (byte ranges, newline included) that [`line_tags`] finds tags on,
/// with those tags, in order; whether they are prose is not looked at yet.
fn hashtag_lines(body: &str) -> Vec<(Range<usize>, Vec<&str>)> {
    let bytes = body.as_bytes();
    let mut lines = Vec::new();
    // Every tag token starts with `#`, so only lines with one can have tags: jumping from
    // `#` to `#` skips the others without splitting the body into lines, and each line is
    // read once however many `#` it holds.
    let mut next_line = 0;
    for hash in memchr::memchr_iter(b'#', bytes) {
        if hash < next_line {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[next_line..hash])
            .map_or(next_line, |i| next_line + i + 1);
        let end = memchr::memchr(b'\n', &bytes[hash..]).map_or(bytes.len(), |i| hash + i + 1);
        let tags = line_tags(&body[start..end]);
        if !tags.is_empty() {
            lines.push((start..end, tags));
        }
        next_line = end;
    }
    lines
}

/// Where the first code fence (three backticks or tildes) or HTML comment of `body`
/// starts: the only blocks that can hold lines far from where they start.
fn first_block_marker(body: &str) -> usize {
    // One pass over the bytes that can start one, rather than a search per marker.
    let bytes = body.as_bytes();
    memchr::memchr3_iter(b'`', b'~', b'<', bytes)
        .find(|&i| {
            let rest = &bytes[i..];
            rest.starts_with(b"```") || rest.starts_with(b"~~~") || rest.starts_with(b"<!--")
        })
        .unwrap_or(body.len())
}

/// Whether the parse could find `line` (a hashtag line of `body`) inside code or a
/// comment. It cannot when the line is not indented (as every line of an indented code
/// block is, inside any container), no fence or comment starts before its end (those are
/// the blocks that reach across blank lines), and no backtick is in its run of non-blank
/// lines (a code span never leaves its block, and no block but those crosses a blank
/// line).
fn may_be_code(body: &str, line: &Range<usize>, first_marker: usize, runs: &mut Runs) -> bool {
    if body[line.clone()].starts_with([' ', '\t']) || first_marker < line.end {
        return true;
    }
    runs.has_backtick(body, line)
}

/// The run of non-blank lines around the last hashtag line looked at, and whether it holds
/// a backtick: the lines of a hashtag section share one run, read once for all of them.
#[derive(Default)]
struct Runs {
    last: Option<(Range<usize>, bool)>,
}

impl Runs {
    /// Whether the run of non-blank lines holding `line` has a backtick. A line counts as
    /// blank when it has nothing but ASCII spaces, tabs and line breaks: the blank lines
    /// of CommonMark, and never more, so no run is cut short of a code span.
    fn has_backtick(&mut self, body: &str, line: &Range<usize>) -> bool {
        if let Some((run, backtick)) = &self.last
            && run.start <= line.start
            && line.end <= run.end
        {
            return *backtick;
        }
        let bytes = body.as_bytes();
        let is_blank = |line: &[u8]| {
            line.iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        };
        let mut start = line.start;
        while start > 0 {
            let above = memchr::memrchr(b'\n', &bytes[..start - 1]).map_or(0, |i| i + 1);
            if is_blank(&bytes[above..start]) {
                break;
            }
            start = above;
        }
        let mut end = line.end;
        while end < bytes.len() {
            let below = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |i| end + i + 1);
            if is_blank(&bytes[end..below]) {
                break;
            }
            end = below;
        }
        let backtick = memchr::memchr(b'`', &bytes[start..end]).is_some();
        self.last = Some((start..end, backtick));
        backtick
    }
}

/// Byte ranges of code blocks, code spans and HTML comments: text a reader does not see
/// as prose, where a `#` is never a hashtag.
fn non_prose_ranges(body: &str) -> Vec<Range<usize>> {
    dialect::parse(body)
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => Some(range),
            Event::Start(Tag::HtmlBlock)
                if body
                    .get(range.clone())
                    .is_some_and(|html| html.trim_start().starts_with("<!--")) =>
            {
                Some(range)
            }
            Event::InlineHtml(html) if html.starts_with("<!--") => Some(range),
            _ => None,
        })
        .collect()
}

/// The tags of one line (without `#`), or nothing when it is not a hashtag line: only
/// `#tag` tokens, optionally after a label such as `해시태그:` or `Tags:`. Colours and
/// numbers (`#fff`, `#1`) are left out.
pub fn line_tags(line: &str) -> Vec<&str> {
    let line = line.trim();
    let separator = |c: char| c.is_whitespace() || c == ',';
    // A line whose first token is a `#` token has no label (no label holds a `#`), and
    // one whose first token is not needs one: most lines are decided here, without
    // looking for a colon.
    let tokens = if line.trim_start_matches(separator).starts_with('#') {
        line
    } else {
        match strip_label(line) {
            Some(rest) => rest,
            None => return Vec::new(),
        }
    };
    let mut names = Vec::new();
    for token in tokens.split(separator).filter(|token| !token.is_empty()) {
        // One token that is not a tag makes the line prose: stop at it.
        let Some(name) = tag_name(token) else {
            return Vec::new();
        };
        if !is_number(name) && !is_hex_colour(name) {
            names.push(name);
        }
    }
    names
}

/// The rest of the line after a known label and its colon, e.g. `#a #b` for
/// `**해시태그:** #a #b`.
fn strip_label(line: &str) -> Option<&str> {
    let colon = line.find([':', '：'])?;
    let label = line[..colon].trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    if !LABELS.iter().any(|known| label.eq_ignore_ascii_case(known)) {
        return None;
    }
    let colon_len = line[colon..].chars().next().map_or(1, char::len_utf8);
    // Skip the closing emphasis of `**Tags:**`.
    Some(line[colon + colon_len..].trim_start_matches(['*', '_']))
}

/// `tag` for a `#tag` token, `None` for anything else.
fn tag_name(token: &str) -> Option<&str> {
    let name = token.strip_prefix('#')?;
    let mut has_word = false;
    for c in name.chars() {
        if is_letter_or_digit(c) {
            has_word = true;
        } else if c != '_' && c != '-' {
            return None;
        }
    }
    has_word.then_some(name)
}

/// [`char::is_alphanumeric`], answered without its tables for ASCII and Hangul syllables
/// (all of them letters): the table look-up is most of the cost of a Korean tag.
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{AC00}'..='\u{D7A3}').contains(&c) || c.is_alphanumeric()
}

fn is_number(name: &str) -> bool {
    name.chars().all(char::is_numeric)
}

fn is_hex_colour(name: &str) -> bool {
    matches!(name.len(), 3 | 4 | 6 | 8) && name.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashtag_section_gives_its_tags_in_order() {
        let body = "Text.\n\n### # 해시태그\n\n#생성형AI\n#LLM\n#업무자동화\n\n---\n";
        assert_eq!(extract(body), ["생성형AI", "LLM", "업무자동화"]);
    }

    #[test]
    fn several_tags_on_one_line_are_all_read() {
        assert_eq!(
            extract("#Seaborn #데이터시각화 #파이썬\n"),
            ["Seaborn", "데이터시각화", "파이썬"]
        );
    }

    #[test]
    fn tags_separated_by_commas_are_read() {
        assert_eq!(extract("#a, #b,#c\n"), ["a", "b", "c"]);
    }

    #[test]
    fn a_korean_label_line_is_read() {
        assert_eq!(extract("해시태그: #생성형AI #LLM\n"), ["생성형AI", "LLM"]);
        assert_eq!(extract("태그 : #하나\n"), ["하나"]);
    }

    #[test]
    fn an_english_label_line_is_read_in_any_case_and_in_bold() {
        assert_eq!(extract("Tags: #rust #tui\n"), ["rust", "tui"]);
        assert_eq!(extract("**TAGS:** #rust\n"), ["rust"]);
        assert_eq!(extract("**해시태그**: #a\n"), ["a"]);
    }

    #[test]
    fn a_label_followed_by_words_is_not_a_hashtag_line() {
        assert!(extract("Tags: rust #tui\n").is_empty());
        assert!(extract("Note: #a #b\n").is_empty());
    }

    #[test]
    fn tags_with_digits_underscores_and_hyphens_are_read() {
        assert_eq!(
            extract("#AI_2025 #gpt-4o #3D프린팅\n"),
            ["AI_2025", "gpt-4o", "3D프린팅"]
        );
    }

    #[test]
    fn duplicates_are_dropped_and_the_first_order_kept() {
        assert_eq!(extract("#b #a\n\n#a #c #b\n"), ["b", "a", "c"]);
    }

    #[test]
    fn decomposed_and_composed_korean_count_as_one_tag() {
        let decomposed = "#\u{1112}\u{1161}\u{11ab}\n#한\n";
        assert_eq!(extract(decomposed), ["한"]);
    }

    #[test]
    fn headings_are_not_hashtags() {
        assert!(extract("# 해시태그\n\n### # 해시태그\n\n## 제목 #1\n").is_empty());
    }

    #[test]
    fn hashtags_inside_a_prose_sentence_are_not_read() {
        assert!(extract("오늘은 #생성형AI 이야기를 합니다.\n").is_empty());
        assert!(extract("See issue #42 and #fix for details\n").is_empty());
    }

    #[test]
    fn hashtags_in_a_fenced_code_block_are_not_read() {
        let body = "```python\n#comment\n# another\n```\n\n~~~\n#tilde\n~~~\n";
        assert!(extract(body).is_empty());
    }

    #[test]
    fn hashtags_in_an_indented_code_block_are_not_read() {
        assert!(extract("Text\n\n    #include\n    #define\n\nAfter\n").is_empty());
    }

    #[test]
    fn hashtags_in_a_fence_inside_a_quote_are_not_read() {
        assert!(extract("> ```\n> #quoted\n> ```\n").is_empty());
    }

    #[test]
    fn hashtags_in_a_code_span_are_not_read() {
        assert!(extract("`#notatag`\n").is_empty());
        assert!(extract("`#a\n#b`\n").is_empty());
    }

    #[test]
    fn hashtags_in_an_html_comment_are_not_read() {
        assert!(extract("<!--\n#draft\n-->\n").is_empty());
        assert!(extract("앞\n\n<!--\n\n#draft\n\n-->\n").is_empty());
        assert!(extract("글 <!-- 주석\n#draft -->\n").is_empty());
    }

    #[test]
    fn code_far_from_a_hashtag_line_is_still_seen_by_the_parse() {
        assert!(extract("```\n앞\n\n#안\n```\n").is_empty());
        assert!(extract("- 목록\n\n      #안\n").is_empty());
        assert!(extract("`앞\n#안\n뒤`\n").is_empty());
        assert_eq!(extract("`코드`\n\n#밖\n"), ["밖"]);
        assert_eq!(extract("#밖\n\n```\n#안\n```\n"), ["밖"]);
    }

    #[test]
    fn url_fragments_are_not_hashtags() {
        assert!(extract("https://x.com/a#b\n").is_empty());
        assert!(extract("[link](#section)\n").is_empty());
    }

    #[test]
    fn css_colours_are_not_hashtags() {
        assert!(extract("#fff\n#ff0000 #FFAA00CC #abcd\n").is_empty());
        assert_eq!(extract("#fff #디자인\n"), ["디자인"]);
    }

    #[test]
    fn hex_looking_words_of_other_lengths_are_tags() {
        assert_eq!(extract("#faced #ab\n"), ["faced", "ab"]);
    }

    #[test]
    fn pure_numbers_are_not_hashtags() {
        assert!(extract("#1\n#2024\n").is_empty());
    }

    #[test]
    fn a_lone_hash_or_hyphens_are_not_tags() {
        assert!(extract("#\n#--\n").is_empty());
    }

    #[test]
    fn the_tag_section_after_a_code_block_is_still_read() {
        let body = "```\n#x\n```\n\n#진짜태그\n";
        assert_eq!(extract(body), ["진짜태그"]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panicking(body in "[#a-f0-9 `~:\n\\-가한<!>*]{0,80}") {
            let _ = extract(&body);
        }
    }

    /// What [`extract`] did before it looked for candidate lines first: parse every body,
    /// then read every line outside code.
    fn extract_parsing_every_body(body: &str) -> Vec<String> {
        let skipped = non_prose_ranges(body);
        let mut tags: Vec<String> = Vec::new();
        let mut start = 0;
        for line in body.split_inclusive('\n') {
            let end = start + line.len();
            let in_code = skipped
                .iter()
                .any(|range| range.start < end && start < range.end);
            start = end;
            if !in_code {
                for tag in line_tags(line) {
                    let tag: String = tag.nfc().collect();
                    if !tags.contains(&tag) {
                        tags.push(tag);
                    }
                }
            }
        }
        tags
    }

    proptest::proptest! {
        #[test]
        fn looking_for_candidate_lines_first_finds_the_same_tags(
            body in "([#a-f0-9 `~:,\n\t>*_\\-]|가|한|Tags|해시태그|<!--|-->|    |```){0,60}"
        ) {
            proptest::prop_assert_eq!(extract(&body), extract_parsing_every_body(&body));
        }
    }

    /// What [`line_tags`] did before it stopped at the first token that is not a tag:
    /// split the whole line, look for a label on every line.
    fn line_tags_reading_every_token(line: &str) -> Vec<&str> {
        let line = line.trim();
        let tokens = strip_label(line).unwrap_or(line);
        let tokens: Vec<&str> = tokens
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|token| !token.is_empty())
            .collect();
        let names: Option<Vec<&str>> = tokens.iter().map(|token| tag_name(token)).collect();
        names.map_or_else(Vec::new, |names| {
            names
                .into_iter()
                .filter(|name| !is_number(name) && !is_hex_colour(name))
                .collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn stopping_at_the_first_token_that_is_no_tag_finds_the_same_tags(
            line in "([#a-f0-9 ,:*_\t\\-]|가|\u{3000}|：|Tags|tag|해시태그|#한){0,16}"
        ) {
            proptest::prop_assert_eq!(line_tags(&line), line_tags_reading_every_token(&line));
        }

        #[test]
        fn the_same_tags_are_found_around_lines_blank_only_to_unicode(
            body in "([#a-f0-9 `\n\r\t>]|가|\u{3000}|\u{a0}|    |```){0,60}"
        ) {
            proptest::prop_assert_eq!(extract(&body), extract_parsing_every_body(&body));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_first_block_marker_is_the_first_of_a_search_per_marker(
            body in "([`~<!\\-a 가\n]|```|~~~|<!--){0,40}"
        ) {
            let searched = [&b"```"[..], b"~~~", b"<!--"]
                .iter()
                .filter_map(|marker| memchr::memmem::find(body.as_bytes(), marker))
                .min()
                .unwrap_or(body.len());
            proptest::prop_assert_eq!(first_block_marker(&body), searched);
        }
    }

    #[test]
    fn every_hangul_syllable_is_a_letter_as_the_tables_say() {
        for c in '\u{AC00}'..='\u{D7A3}' {
            assert!(c.is_alphanumeric(), "{c}");
        }
        for c in ['가', '힣', 'a', 'Z', '0', 'é', '中', '٣'] {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c}");
        }
        for c in ['_', '-', '#', ' ', '🤖', '\u{D7A4}', '\u{ABFF}', '·'] {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn a_body_without_a_hash_line_has_no_candidate_lines_so_no_parse() {
        assert!(hashtag_lines("plain text\n\n```\ncode\n```\n").is_empty());
        assert!(extract("plain text\n").is_empty());
    }

    #[test]
    fn crlf_lines_are_read() {
        assert_eq!(extract("#a\r\n#b\r\n"), ["a", "b"]);
    }
}
