//! The links of a post, in reading order, with their text and the body line they are on:
//! what the reader's link picker lists and follows. Markdown links and autolinks come from
//! the parser; `[[wiki links]]`, which CommonMark does not know, from its plain text.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::library::dialect;

/// One link of a post's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    /// The link's text, without markup (its destination when it has none).
    pub text: String,
    /// The destination as written; for a wiki link, what is inside `[[` `]]`.
    pub href: String,
    /// Whether it is a `[[wiki link]]` (resolved by title or file name).
    pub wiki: bool,
    /// The line of the body (0-based) the link starts on.
    pub body_line: usize,
}

/// The links of `body` (a post's Markdown without front matter), read the way the article
/// is rendered ([`dialect`]): a link in a code block is no link. Images are not listed.
pub fn body_links(body: &str) -> Vec<BodyLink> {
    // Links with the byte they start at; lines are counted once they are in order.
    let mut found: Vec<(usize, BodyLink)> = Vec::new();
    let mut open: Option<(usize, BodyLink)> = None;
    // Runs of plain text outside links and code, joined where the parser split them.
    let mut texts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut in_code = false;
    for (event, range) in dialect::parse(body) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) => {
                open = Some((
                    range.start,
                    BodyLink {
                        text: String::new(),
                        href: dest_url.to_string(),
                        wiki: false,
                        body_line: 0,
                    },
                ));
            }
            Event::Text(text) => match open.as_mut() {
                Some((_, link)) => link.text.push_str(&text),
                None if in_code => {}
                None => match texts.last_mut() {
                    Some(last) if last.end == range.start => last.end = range.end,
                    _ => texts.push(range),
                },
            },
            Event::Code(text) | Event::InlineMath(text) => {
                if let Some((_, link)) = open.as_mut() {
                    link.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, link)) = open.as_mut() {
                    link.text.push(' ');
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, mut link)) = open.take() {
                    link.text = link.text.trim().to_string();
                    if link.text.is_empty() {
                        link.text.clone_from(&link.href);
                    }
                    found.push((start, link));
                }
            }
            _ => {}
        }
    }
    for range in texts {
        if let Some(text) = body.get(range.clone()) {
            found.extend(
                wiki_links(text)
                    .into_iter()
                    .map(|(at, link)| (range.start + at, link)),
            );
        }
    }
    found.sort_by_key(|(start, _)| *start);
    let (mut line, mut counted) = (0, 0);
    found
        .into_iter()
        .map(|(start, mut link)| {
            let start = start.clamp(counted, body.len());
            line += memchr::memchr_iter(b'\n', &body.as_bytes()[counted..start]).count();
            counted = start;
            link.body_line = line;
            link
        })
        .collect()
}

/// The `[[name]]` and `[[name|shown text]]` links in `text`, with the byte each starts at.
fn wiki_links(text: &str) -> Vec<(usize, BodyLink)> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("[[").map(|i| from + i) {
        let inner_start = open + 2;
        let Some(close) = text[inner_start..].find("]]").map(|i| inner_start + i) else {
            break;
        };
        let inner = &text[inner_start..close];
        if !inner.trim().is_empty() && !inner.contains(['\n', '[']) {
            let shown = inner.split_once('|').map_or(inner, |(_, shown)| shown);
            links.push((
                open,
                BodyLink {
                    text: shown.trim().to_string(),
                    href: inner.to_string(),
                    wiki: true,
                    body_line: 0,
                },
            ));
        }
        from = close + 2;
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_come_in_order_with_text_destination_and_line() {
        let body = "첫 줄 [다음 글](../dev/foo.md#설치)\n\n```\n[코드](x.md)\n```\n\n\
                    <https://example.com> 그리고 [**굵은** 글](https://a.b/c)\n";
        let found: Vec<(String, String, usize)> = body_links(body)
            .into_iter()
            .map(|l| (l.text, l.href, l.body_line))
            .collect();
        assert_eq!(
            found,
            [
                ("다음 글".into(), "../dev/foo.md#설치".into(), 0),
                (
                    "https://example.com".into(),
                    "https://example.com".into(),
                    6
                ),
                ("굵은 글".into(), "https://a.b/c".into(), 6),
            ]
        );
    }

    #[test]
    fn wiki_links_are_listed_where_they_stand_but_not_in_code() {
        let body = "[첫](a.md) 그리고 [[생성형 AI란|AI 글]]\n\n`[[코드]]`\n\n```\n[[블록]]\n```\n\n[[메모]]\n";
        let found: Vec<(String, String, bool, usize)> = body_links(body)
            .into_iter()
            .map(|l| (l.text, l.href, l.wiki, l.body_line))
            .collect();
        assert_eq!(
            found,
            [
                ("첫".into(), "a.md".into(), false, 0),
                ("AI 글".into(), "생성형 AI란|AI 글".into(), true, 0),
                ("메모".into(), "메모".into(), true, 8),
            ]
        );
    }

    #[test]
    fn an_image_is_not_a_link() {
        assert!(body_links("![그림](a.png)\n").is_empty());
    }
}
