//! A fast reading of the one YAML shape nearly every post's front matter has: top-level
//! `key: value` lines whose values are quoted strings, plain strings, or one-line flow
//! lists of those.
//!
//! serde_yaml was half the cost of loading a folder, most of it setting up a parser per
//! post. This reader accepts only text whose meaning in YAML is beyond doubt and answers
//! `None` for anything else (escapes, comments, block lists, numbers, booleans, nested
//! maps, anchors, tabs, duplicate keys, ...), which then goes to serde_yaml as before. So
//! what it does read, it reads exactly as serde_yaml would; a proptest checks this against
//! serde_yaml on generated blocks.

use super::loose::{Fields, Loose};

/// The fields of `raw` (the text between the fences), or `None` when `raw` is not of the
/// simple shape.
pub(super) fn read_simple(raw: &str) -> Option<Fields> {
    let mut fields: Fields = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for line in raw.split('\n') {
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let (key, rest) = key_and_rest(line)?;
        // YAML rejects a mapping with a key twice; leave that error to serde_yaml.
        if keys.contains(&key) {
            return None;
        }
        keys.push(key);
        fields.push((key.to_lowercase(), value(rest)?));
    }
    Some(fields)
}

/// `title` and `"x"` for `title : "x"`: a key of ASCII letters, digits, `_` and `-` that
/// starts with a letter and is not one YAML reads as null or a boolean.
fn key_and_rest(line: &str) -> Option<(&str, &str)> {
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(line.len());
    let key = &line[..end];
    if !key.starts_with(|c: char| c.is_ascii_alphabetic()) || is_null_or_bool(key) {
        return None;
    }
    // libyaml looks for the `:` of a plain key at most 1024 characters on.
    if key.len() > 128 {
        return None;
    }
    let rest = line[end..].trim_start_matches(' ').strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim_matches(' ')))
}

/// The value after `key:`, already without surrounding spaces.
fn value(text: &str) -> Option<Loose> {
    if text.is_empty() {
        // `key:` with nothing after it, and no indented line under it (such a line would
        // have been refused as a key), is null.
        return Some(Loose::Other);
    }
    if let Some(list) = text.strip_prefix('[') {
        return flow_list(list).map(Loose::List);
    }
    let (item, rest) = scalar(text, false)?;
    rest.is_empty().then(|| Loose::Text(item.to_string()))
}

/// The items of a one-line flow list, given the text after its `[`.
fn flow_list(mut text: &str) -> Option<Vec<Loose>> {
    let mut items = Vec::new();
    text = text.trim_start_matches(' ');
    if let Some(rest) = text.strip_prefix(']') {
        return rest.is_empty().then_some(items);
    }
    loop {
        let (item, rest) = scalar(text, true)?;
        items.push(Loose::Text(item.to_string()));
        let rest = rest.trim_start_matches(' ');
        if let Some(rest) = rest.strip_prefix(',') {
            text = rest.trim_start_matches(' ');
        } else {
            let rest = rest.strip_prefix(']')?;
            return rest.is_empty().then_some(items);
        }
    }
}

/// One string scalar at the start of `text` and what follows it: `"..."` without escapes,
/// `'...'` without `''`, or a plain string that cannot be read as anything but a string.
/// In a flow list (`in_flow`) a plain item ends at `,` or `]`; elsewhere it runs to the
/// end of the line.
fn scalar(text: &str, in_flow: bool) -> Option<(&str, &str)> {
    let first = text.chars().next()?;
    if first == '"' || first == '\'' {
        let body = &text[1..];
        let close = body.find(first)?;
        let content = &body[..close];
        let rest = &body[close + 1..];
        if content.contains('\\') || rest.starts_with('\'') || !content.chars().all(is_plain_char) {
            return None;
        }
        return Some((content, rest));
    }
    let end = if in_flow {
        text.find([',', ']']).unwrap_or(text.len())
    } else {
        text.len()
    };
    let item = text[..end].trim_end_matches(' ');
    is_sure_plain_string(item, in_flow).then(|| (item, &text[end..]))
}

/// Whether `item` is a plain scalar that YAML (as serde_yaml resolves it) reads as this
/// very string: it starts with a letter or digit, holds no comment, no `: ` and nothing
/// that ends or breaks a line, and is not null, a boolean or a number.
fn is_sure_plain_string(item: &str, in_flow: bool) -> bool {
    let Some(first) = item.chars().next() else {
        return false;
    };
    let starts_well = first.is_ascii_alphanumeric() || (!first.is_ascii() && is_plain_char(first));
    let syntax_ok = starts_well
        && item.chars().all(is_plain_char)
        && !item.contains(" #")
        && !item.contains(": ")
        && !item.ends_with(':')
        && (!in_flow || !item.contains(['[', ']', '{', '}', ':', '#', '"', '\'']));
    syntax_ok && !could_be_null_bool_or_number(item)
}

/// Printable, on one line, not a tab, and not a character libyaml treats specially
/// (line and paragraph separators, NEL, the byte order mark, non-characters).
fn is_plain_char(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Whether serde_yaml might resolve the plain scalar `item` to something other than a
/// string. Numbers are written only with ASCII letters, digits, `+`, `-` and `.`, so an
/// item with any other character is a string (except `~`, which is null); an item of
/// letters only is a string unless it is a null or boolean word (`inf` and `nan` parse as
/// floats that serde_yaml refuses as not finite); so is an item with a letter no number
/// is written with (`my-post`); and `YYYY-MM-DD` is a string.
fn could_be_null_bool_or_number(item: &str) -> bool {
    if item == "~" {
        return true;
    }
    if !item
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return false;
    }
    if item.bytes().all(|b| b.is_ascii_alphabetic()) {
        return is_null_or_bool(item);
    }
    // Letters a number can hold: hex digits, the `e` of an exponent, the `x`, `o`, `b` of
    // a radix prefix, and `inf`, `infinity`, `nan`.
    let number_letters = |b: u8| b"abcdefinotxy".contains(&b.to_ascii_lowercase());
    if item
        .bytes()
        .any(|b| b.is_ascii_alphabetic() && !number_letters(b))
    {
        return false;
    }
    !is_iso_date(item)
}

fn is_null_or_bool(word: &str) -> bool {
    matches!(
        word,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// `2024-05-01`: digits at every place but the two dashes.
fn is_iso_date(item: &str) -> bool {
    item.len() == 10
        && item.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::front_matter::yaml::read_yaml_with_serde;

    #[test]
    fn the_generated_corpus_shape_is_read_without_serde_yaml() {
        let raw = "title: \"때 데이터\"\ndate: 2019-08-29 20:36\ncategories: [\"인공지능\"]\ntags: [\"취업\", \"python\"]\ndescription: \"보통 생성형에 화면을.\"\n";
        let fields = read_simple(raw).expect("simple");
        assert_eq!(Ok(fields), read_yaml_with_serde(raw));
    }

    #[test]
    fn the_seed_shape_with_spaces_before_colons_is_read() {
        let raw = "title : \"생성형 AI란 무엇인가?\"\ndate : \"2025-11-20\"\ncategory : \"AI 정보 공유\"\nthumbnail : \"/thumbnails/insight02.png\"\n";
        let fields = read_simple(raw).expect("simple");
        assert_eq!(Ok(fields), read_yaml_with_serde(raw));
    }

    #[test]
    fn plain_words_lists_and_dates_are_read() {
        let raw = "layout: post\ntitle: 그냥 제목, 쉼표도\ndate: 2024-01-01\ntags: [AI, 개발, 'a b']\nempty:\nnone: []\n";
        let fields = read_simple(raw).expect("simple");
        assert_eq!(Ok(fields), read_yaml_with_serde(raw));
    }

    #[test]
    fn shapes_whose_meaning_needs_yaml_go_to_serde_yaml() {
        for raw in [
            "toc: true\n",
            "title: 2024\n",
            "title: 3.5\n",
            "title: ~\n",
            "title: \"a\\tb\"\n",
            "title: 'it''s'\n",
            "title: a # comment\n",
            "tags:\n  - a\n",
            "author:\n  name: Kim\n",
            "a: 1\na: 2\n",
            "# comment\ntitle: x\n",
            "title: &x y\n",
            "title: a: b\n",
            "title: \"unterminated\n",
            "tags: [a, [b]]\n",
            "tags: [a,]\n",
            "title:\tx\n",
            "null: x\n",
        ] {
            assert_eq!(read_simple(raw), None, "{raw:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn what_is_read_simply_is_what_serde_yaml_reads(
            lines in proptest::collection::vec(
                (
                    "(title|Title|tags|date|a-b|x_1|null|true|y|no)",
                    "( ?: ?| : |:)",
                    "(\"[a-z 한#:,\\]'\\\\-]{0,6}\"|'[a-z 한#:,\"-]{0,6}'|[a-z0-9 한~#:,.+\\-\\[\\]{}&*!|>%@`\"']{0,10}|\\[([a-z0-9 한\"',.+~-]{0,5}(, ?)?){0,3}\\] ?)",
                ),
                0..5,
            ),
            blank in "( |\n)?",
        ) {
            let mut raw = String::new();
            for (key, colon, value) in &lines {
                raw.push_str(&format!("{key}{colon}{value}\n{blank}"));
            }
            if let Some(fields) = read_simple(&raw) {
                proptest::prop_assert_eq!(Ok(fields), read_yaml_with_serde(&raw), "{:?}", raw);
            }
        }
    }
}
