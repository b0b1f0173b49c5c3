//! The outline of a post: its headings, in order, with their level, their text, the anchor
//! a link names them by, and the line of the body they stand on. The reader's outline
//! overlay, its heading jumps and a `{:toc}` table of contents are all made of this.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::dialect;
use super::slug::Slugger;

/// One heading of a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 6 for `######`.
    pub level: u8,
    /// The heading's text, without its markup.
    pub text: String,
    /// Its anchor, GitHub-style and numbered where repeated (see [`crate::library::slug`]).
    pub slug: String,
    /// The line of the body it starts on, counting from 0.
    pub body_line: usize,
}

/// The headings of `body` (a post's Markdown without its front matter), read the one way
/// Markdown is read ([`dialect`]): a `#` in a code block is not a heading. An explicit id
/// (`## Title {#custom}`) is its anchor.
pub fn outline(body: &str) -> Vec<Heading> {
    headings(body, usize::MAX)
}

/// The first heading of `body`, read no further than it.
pub fn first_heading(body: &str) -> Option<Heading> {
    headings(body, 1).pop()
}

/// The first `most` headings of `body`.
fn headings(body: &str, most: usize) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut slugger = Slugger::default();
    let mut open: Option<(u8, Option<String>, usize, String)> = None;
    let mut line = 0;
    let mut counted_to = 0;
    for (event, range) in dialect::parse(body) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                line +=
                    memchr::memchr_iter(b'\n', &body.as_bytes()[counted_to..range.start]).count();
                counted_to = range.start;
                open = Some((
                    level_number(level),
                    id.map(|id| id.to_string()),
                    line,
                    String::new(),
                ));
            }
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                if let Some((_, _, _, heading)) = open.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, _, heading)) = open.as_mut() {
                    heading.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, body_line, text)) = open.take() {
                    let text = text.trim().to_string();
                    let slug = match id {
                        Some(id) => id,
                        None => slugger.next(&text),
                    };
                    headings.push(Heading {
                        level,
                        text,
                        slug,
                        body_line,
                    });
                    if headings.len() >= most {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    headings
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The heading a reader at body line `line` is in: the last heading at or above it.
pub fn section_at(headings: &[Heading], line: usize) -> Option<usize> {
    headings.iter().rposition(|h| h.body_line <= line)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "\
# 생성형 AI란?

들어가며.

## 설치하기

```sh
# 주석은 제목이 아니다
```

## 예제

### 예제

## 예제

Setext 제목
---

## Custom {#my-id}
";

    #[test]
    fn headings_come_in_order_with_level_text_anchor_and_line() {
        let headings = outline(POST);
        let summary: Vec<(u8, &str, &str, usize)> = headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.slug.as_str(), h.body_line))
            .collect();
        assert_eq!(
            summary,
            [
                (1, "생성형 AI란?", "생성형-ai란", 0),
                (2, "설치하기", "설치하기", 4),
                (2, "예제", "예제", 10),
                (3, "예제", "예제-1", 12),
                (2, "예제", "예제-2", 14),
                (2, "Setext 제목", "setext-제목", 16),
                (2, "Custom", "my-id", 19),
            ]
        );
    }

    #[test]
    fn the_first_heading_is_read_without_the_rest() {
        let first = first_heading(POST).expect("a heading");
        assert_eq!((first.level, first.text.as_str()), (1, "생성형 AI란?"));
        assert_eq!(first_heading("문단만 있다.\n"), None);
    }

    #[test]
    fn a_hash_in_a_code_block_is_not_a_heading() {
        assert!(outline(POST).iter().all(|h| !h.text.contains("주석")));
    }

    #[test]
    fn the_section_being_read_is_the_last_heading_above() {
        let headings = outline(POST);
        assert_eq!(section_at(&headings, 0), Some(0));
        assert_eq!(section_at(&headings, 7), Some(1));
        assert_eq!(section_at(&headings, 13), Some(3));
        assert_eq!(section_at(&[], 3), None);
    }

    #[test]
    fn inline_code_and_emphasis_keep_their_text_in_a_heading() {
        let headings = outline("## `cargo` 로 **빌드**하기\n");
        assert_eq!(headings[0].text, "cargo 로 빌드하기");
    }
}
