//! The inline pictures of a post's body, in reading order, read the way the article is
//! rendered ([`crate::library::dialect`]): a picture in a code block is no picture.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::library::dialect;

/// One `![alt](src)` of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    /// The alt text, without markup.
    pub alt: String,
    /// The source as written.
    pub src: String,
}

/// The pictures of `body` (a post's Markdown without front matter), in order.
pub fn body_images(body: &str) -> Vec<BodyImage> {
    let mut found = Vec::new();
    // Every picture, inline or by reference, is written with `![`: a body without one
    // (most of them) need not be parsed.
    if memchr::memmem::find(body.as_bytes(), b"![").is_none() {
        return found;
    }
    let mut open: Option<BodyImage> = None;
    for (event, _) in dialect::parse(body) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                open = Some(BodyImage {
                    alt: String::new(),
                    src: dest_url.to_string(),
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(image) = open.as_mut() {
                    image.alt.push_str(&text);
                }
            }
            Event::End(TagEnd::Image) => found.extend(open.take()),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_without_pictures_lists_none() {
        assert!(body_images("**굵게** [링크](a.png) ! [아님](b.png)\n\n[^1]: 주석\n").is_empty());
        assert_eq!(body_images("![참조][r]\n\n[r]: c.png\n")[0].src, "c.png");
    }

    #[test]
    fn pictures_are_listed_in_order_with_their_alt_text_and_code_is_passed_over() {
        let body = "앞 ![노을 *사진*](/img/a.png) 뒤\n\n```\n![코드](x.png)\n```\n\n[![링크 속 그림](b.jpg)](https://x.example)\n";
        assert_eq!(
            body_images(body),
            [
                BodyImage {
                    alt: "노을 사진".into(),
                    src: "/img/a.png".into()
                },
                BodyImage {
                    alt: "링크 속 그림".into(),
                    src: "b.jpg".into()
                },
            ]
        );
    }
}
