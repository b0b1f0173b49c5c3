//! The links of a post, in reading order, with their text and the body line they are on:
//! what the reader's link picker lists and follows.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::library::dialect;

/// One link of a post's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    /// The link's text, without markup (its destination when it has none).
    pub text: String,
    /// The destination as written.
    pub href: String,
    /// The line of the body (0-based) the link starts on.
    pub body_line: usize,
}

/// The links of `body` (a post's Markdown without front matter), read the way the article
/// is rendered ([`dialect`]): a link in a code block is no link. Images are not listed.
pub fn body_links(body: &str) -> Vec<BodyLink> {
    let mut links = Vec::new();
    let mut open: Option<BodyLink> = None;
    let mut line = 0;
    let mut counted = 0;
    for (event, range) in dialect::parse(body) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let start = range.start.clamp(counted, body.len());
                line += memchr::memchr_iter(b'\n', &body.as_bytes()[counted..start]).count();
                counted = start;
                open = Some(BodyLink {
                    text: String::new(),
                    href: dest_url.to_string(),
                    body_line: line,
                });
            }
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                if let Some(link) = open.as_mut() {
                    link.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(link) = open.as_mut() {
                    link.text.push(' ');
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(mut link) = open.take() {
                    link.text = link.text.trim().to_string();
                    if link.text.is_empty() {
                        link.text.clone_from(&link.href);
                    }
                    links.push(link);
                }
            }
            _ => {}
        }
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
    fn an_image_is_not_a_link() {
        assert!(body_links("![그림](a.png)\n").is_empty());
    }
}
