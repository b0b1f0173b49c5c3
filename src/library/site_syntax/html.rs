//! HTML that blog posts carry inside Markdown, turned into what it means in text:
//! - `<script>`, `<style>` and their content are hidden; an `<iframe>` becomes a link to
//!   its `src` (`▶ https://www.youtube.com/embed/…`);
//! - `<img src alt>` becomes a Markdown image; `<a href>…</a>` a Markdown link;
//! - `<br>` at the end of a line is a hard line break (a backslash), inside a line a space
//!   (a line cannot be added: lines of the result are lines of the file);
//! - `<kbd>` text becomes a code span, `<sup>` and `<sub>` digits become superscript and
//!   subscript digits (`x<sup>2</sup>` is `x²`), else `^(…)` and `_(…)`;
//! - `<details>` is dropped and its `<summary>` becomes a bold line with a `▸`; where
//!   they are is recorded (see `details`) for the reader to fold the body;
//! - `<b>`/`<strong>` and `<i>`/`<em>` become `**` and `*`; every other known tag is
//!   dropped keeping its text.
//!
//! A tag is a `<` followed by a known HTML element name and then a space, `/` or `>`:
//! `<https://x>`, `<a@b.c>`, `a < b` and `<제목>` are left as they are.

use super::{Output, window};

/// How far a tag, or an element whose content is hidden, may run: further, it is not one.
const MAX_TAG: usize = 4000;

/// Elements hidden with their content.
const HIDDEN: [&str; 3] = ["script", "style", "noscript"];

/// Elements whose tags are dropped, keeping what is between them.
const DROPPED: [&str; 37] = [
    "abbr",
    "address",
    "article",
    "aside",
    "big",
    "blockquote",
    "center",
    "cite",
    "code",
    "dd",
    "del",
    "dfn",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "font",
    "footer",
    "header",
    "hr",
    "ins",
    "mark",
    "nav",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "span",
    "strike",
    "table",
    "tbody",
    "td",
    "th",
    "tr",
];

/// The tag at `start` (a `<`), written to `out` as what it means; the byte after what was
/// read, or `None` when there is no tag there.
pub(super) fn tag(body: &str, start: usize, out: &mut Output) -> Option<usize> {
    let tag = parse(body, start)?;
    let raw = &body[start..tag.end];
    let name = tag.name.as_str();
    if HIDDEN.contains(&name) && !tag.closing {
        // A style sheet or a script may be long: its end is looked for in all the rest,
        // and one that never ends hides the rest.
        let close = format!("</{name}");
        let after =
            find_ignoring_case(&body[tag.end..], &close).map_or(body.len(), |i| tag.end + i);
        let end = body[after..]
            .find('>')
            .map_or(body.len(), |i| after + i + 1);
        out.keep_lines_of(&body[start..end]);
        return Some(end);
    }
    let replacement = match (name, tag.closing) {
        // Named by its host, as the Hugo `youtube` shortcode's line is; the address
        // follows as the link's destination.
        ("iframe", false) => tag
            .attribute("src")
            .map(|src| format!("[▶ {}]({src})", host(src).unwrap_or("embedded page")))
            .unwrap_or_default(),
        ("img", _) => match tag.attribute("src") {
            Some(src) => format!("![{}]({src})", tag.attribute("alt").unwrap_or_default()),
            None => String::new(),
        },
        ("a", false) => return link(body, &tag, start, out),
        ("br", _) => {
            let line_ends = body[tag.end..]
                .split('\n')
                .next()
                .is_none_or(|rest| rest.trim().is_empty());
            if line_ends { "\\" } else { " " }.to_string()
        }
        ("kbd", _) => "`".to_string(),
        ("sup" | "sub", false) => return scripted(body, &tag, start, out),
        ("details", false) => {
            out.details.open(raw);
            String::new()
        }
        ("details", true) => {
            out.details.close(out.text.len());
            String::new()
        }
        ("summary", false) => {
            out.details.summary_start(out.text.len());
            "**▸ ".to_string()
        }
        ("summary", true) => {
            out.replace(raw, "**");
            out.details.summary_end(out.text.len());
            return Some(tag.end);
        }
        ("b" | "strong", _) => "**".to_string(),
        ("i" | "em", _) => "*".to_string(),
        ("iframe" | "a" | "sup" | "sub", true) => String::new(),
        (other, _) if DROPPED.contains(&other) => String::new(),
        _ => return None,
    };
    out.replace(raw, &replacement);
    Some(tag.end)
}

/// The host of `url` (`www.youtube.com` of `https://www.youtube.com/embed/x`).
fn host(url: &str) -> Option<&str> {
    let rest = url
        .split_once("://")
        .map_or(url.strip_prefix("//"), |(_, r)| Some(r))?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

/// `<a href="x">text</a>` as `[text](x)`; a link without `href` keeps its text only.
fn link(body: &str, tag: &Tag, start: usize, out: &mut Output) -> Option<usize> {
    let rest = window(body, tag.end, MAX_TAG);
    let text_end = find_ignoring_case(rest, "</a>")?;
    let text = &rest[..text_end];
    let end = tag.end + text_end + "</a>".len();
    // What is inside may hold tags of its own (a badge's `<img>`); its line breaks stay.
    let inner = super::normalize(text);
    let replacement = match tag.attribute("href") {
        Some(href) => format!("[{}]({href})", inner.trim_matches(' ')),
        None => inner.into_owned(),
    };
    out.replace(&body[start..end], &replacement);
    Some(end)
}

/// `<sup>2</sup>` as `²`, `<sub>2</sub>` as `₂`; other text as `^(…)` and `_(…)`.
fn scripted(body: &str, tag: &Tag, start: usize, out: &mut Output) -> Option<usize> {
    let close = format!("</{}>", tag.name);
    let rest = window(body, tag.end, MAX_TAG);
    let text_end = find_ignoring_case(rest, &close)?;
    let text = &rest[..text_end];
    let end = tag.end + text_end + close.len();
    let digits = if tag.name == "sup" {
        "⁰¹²³⁴⁵⁶⁷⁸⁹"
    } else {
        "₀₁₂₃₄₅₆₇₈₉"
    };
    let mapped: Option<String> = text
        .chars()
        .map(|c| c.to_digit(10).and_then(|d| digits.chars().nth(d as usize)))
        .collect();
    let replacement = match mapped {
        Some(small) if !small.is_empty() => small,
        _ if tag.name == "sup" => format!("^({text})"),
        _ => format!("_({text})"),
    };
    out.replace(&body[start..end], &replacement);
    Some(end)
}

/// An HTML tag: its element name (lower-cased), whether it closes, its attributes, and the
/// byte after its `>`.
struct Tag {
    name: String,
    closing: bool,
    attributes: Vec<(String, String)>,
    end: usize,
}

impl Tag {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The tag at `start`, if it is one of an element this module knows.
fn parse(body: &str, start: usize) -> Option<Tag> {
    let text = window(body, start, MAX_TAG);
    let after_lt = text.strip_prefix('<')?;
    let (closing, after_slash) = match after_lt.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, after_lt),
    };
    let name_len = after_slash
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(after_slash.len());
    let name = after_slash[..name_len].to_ascii_lowercase();
    let follows = after_slash[name_len..].chars().next()?;
    if name.is_empty()
        || !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || !(follows.is_whitespace() || follows == '/' || follows == '>')
        || !known(&name)
    {
        return None;
    }
    let inside_start = 1 + usize::from(closing) + name_len;
    let gt = tag_end(text.get(inside_start..)?)? + inside_start;
    Some(Tag {
        attributes: attributes(&text[inside_start..gt]),
        name,
        closing,
        end: start + gt + 1,
    })
}

/// Where the `>` that ends a tag is in `inside` (the tag after its name): a `>` inside a
/// quoted attribute value does not end it.
fn tag_end(inside: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in inside.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, _) => {}
        }
    }
    None
}

fn known(name: &str) -> bool {
    HIDDEN.contains(&name)
        || DROPPED.contains(&name)
        || matches!(
            name,
            "iframe"
                | "img"
                | "a"
                | "br"
                | "kbd"
                | "sup"
                | "sub"
                | "summary"
                | "details"
                | "b"
                | "strong"
                | "i"
                | "em"
        )
}

/// `name="value"`, `name='value'` and `name=value` pairs, names lower-cased.
fn attributes(mut inside: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    loop {
        inside = inside.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let Some(eq) = inside.find('=') else { break };
        let name = inside[..eq].trim();
        let after = inside[eq + 1..].trim_start();
        let (value, rest) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &after[1..];
                match body.find(quote) {
                    Some(close) => (&body[..close], &body[close + 1..]),
                    None => (body, ""),
                }
            }
            _ => {
                let stop = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..stop], &after[stop..])
            }
        };
        // A name with spaces in it is a word before an attribute, not a name.
        let name = name.rsplit(char::is_whitespace).next().unwrap_or(name);
        // A value may be written twice (an iframe's link text and target): on one line,
        // so the result keeps the body's lines.
        let value = value.replace(['\n', '\r'], " ");
        found.push((name.to_ascii_lowercase(), value));
        inside = rest;
    }
    found
}

/// Where `needle` (ASCII) first occurs in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}
