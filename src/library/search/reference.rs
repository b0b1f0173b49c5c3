//! The reference the index is checked against: a slow, obvious scan of one post for a
//! query, written from the rules in the module documentation and nothing else. The
//! index's unit tests (a property test) and the `search` fuzz target both hold the index
//! to it; the reader never uses it.

use super::Query;
use crate::library::{Post, dialect};

/// Whether `post` matches `query` (as typed: the last word may still be being typed
/// unless the query ends with white space): every term found with [`Query::find_all`] in
/// some field, bodies with their code blocks (as the dialect finds them) removed unless
/// `include_code`; a `#term` in tags only; a lone `#` ignored.
pub fn naive_matches(post: &Post, query: &str, include_code: bool) -> bool {
    let words: Vec<&str> = query.split_whitespace().collect();
    let body = &post.body;
    let mut prose = String::new();
    let mut pos = 0;
    let blocks = if include_code {
        Vec::new()
    } else {
        dialect::code_ranges(body)
    };
    for block in blocks {
        prose.push_str(&body[pos..block.start]);
        prose.push('\n');
        pos = block.end;
    }
    prose.push_str(&body[pos..]);
    let typing = !query.ends_with(char::is_whitespace);
    // A lone `#` is ignored, but still ends the word before it.
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| **w != "#")
        .all(|(i, w)| {
            let last = typing && i + 1 == words.len();
            let one = |text: &str, word: &str| {
                let q = if last {
                    Query::parse(word)
                } else {
                    Query::parse_finished(word)
                };
                !q.find_all(text).is_empty()
            };
            let tags = post.tags.join("\n");
            match w.strip_prefix('#') {
                Some(tag) if !tag.is_empty() => one(&tags, tag),
                _ => [
                    post.title.as_str(),
                    &tags,
                    post.description.as_deref().unwrap_or(""),
                    &prose,
                ]
                .iter()
                .any(|t| one(t, w)),
            }
        })
}
