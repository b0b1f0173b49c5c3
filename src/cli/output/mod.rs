//! What the subcommands print: one `Serialize` struct per JSON item, the JSON writer, and
//! the display-safe text forms.
//!
//! Nothing from a post or a file name reaches the terminal raw. In text output titles, tags
//! and snippets go through [`crate::text::display_text`] and paths through
//! [`text::display_path`]; JSON keeps every string exact but escapes what a terminal would
//! act on ([`json`]).

pub mod json;
pub mod text;

use std::path::Path;

use serde::Serialize;

use crate::library::Post;
use crate::library::search::SearchHit;

pub use self::json::write_json;
pub use self::text::{display_path, safe_lines, safe_message};

/// A path in JSON: `path` is the path itself when it is UTF-8. A path that is not UTF-8
/// (possible on Unix) has `path` with U+FFFD for the bad bytes, plus `path_bytes`, the
/// exact bytes, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonPath {
    /// The path, exact when UTF-8, else with U+FFFD for the bytes that are not.
    pub path: String,
    /// The path's bytes, only when the path is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
}

impl JsonPath {
    /// The JSON form of `path`.
    pub fn new(path: &Path) -> JsonPath {
        match path.to_str() {
            Some(utf8) => JsonPath {
                path: utf8.to_string(),
                path_bytes: None,
            },
            None => JsonPath {
                path: path.to_string_lossy().into_owned(),
                path_bytes: Some(path_bytes(path)),
            },
        }
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

/// Elsewhere a path that is not Unicode has no byte form of its own; the lossy one is all
/// there is.
#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// One post in `geul list --format json`.
#[derive(Debug, Serialize)]
pub struct ListedPost<'a> {
    /// Where the post is.
    #[serde(flatten)]
    pub path: JsonPath,
    /// Its title.
    pub title: &'a str,
    /// `YYYY-MM-DD`, or null.
    pub date: Option<String>,
    /// Its categories, in order.
    pub categories: &'a [String],
    /// Its hashtags, without `#`.
    pub tags: &'a [String],
    /// The front-matter description, or null.
    pub description: Option<&'a str>,
    /// Why the post could not be read or parsed, or null.
    pub error: Option<&'a str>,
}

impl<'a> ListedPost<'a> {
    /// The listing of `post`.
    pub fn new(post: &'a Post) -> ListedPost<'a> {
        ListedPost {
            path: JsonPath::new(&post.path),
            title: &post.title,
            date: post.date_string(),
            categories: &post.categories,
            tags: &post.tags,
            description: post.description.as_deref(),
            error: post.error.as_deref(),
        }
    }
}

/// One result of `geul search --format json`.
#[derive(Debug, Serialize)]
pub struct SearchResult<'a> {
    /// Where the post is.
    #[serde(flatten)]
    pub path: JsonPath,
    /// Its title.
    pub title: &'a str,
    /// Higher is better.
    pub score: u32,
    /// The best field a term was found in: `title`, `tag`, `description` or `body`.
    pub field: String,
    /// Text around the match.
    pub snippet: &'a str,
}

impl<'a> SearchResult<'a> {
    /// The result for `hit`, which matched `post`.
    pub fn new(post: &'a Post, hit: &'a SearchHit) -> SearchResult<'a> {
        SearchResult {
            path: JsonPath::new(&post.path),
            title: &post.title,
            score: hit.score,
            field: format!("{:?}", hit.field).to_lowercase(),
            snippet: &hit.snippet.text,
        }
    }
}

/// One hashtag of `geul tags --format json`.
#[derive(Debug, Serialize)]
pub struct TagCount<'a> {
    /// The tag, without `#`.
    pub tag: &'a str,
    /// How many posts carry it.
    pub count: usize,
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn to_json(value: &impl Serialize) -> String {
        serde_json::to_string(value).expect("serializes")
    }

    #[test]
    fn a_listed_post_keeps_the_fields_and_their_order() {
        let post = Post {
            path: PathBuf::from("posts/a.md"),
            title: "제목".into(),
            tags: vec!["태그".into()],
            ..Post::default()
        };
        assert_eq!(
            to_json(&ListedPost::new(&post)),
            r#"{"path":"posts/a.md","title":"제목","date":null,"categories":[],"tags":["태그"],"description":null,"error":null}"#
        );
    }

    #[test]
    fn a_tag_count_is_tag_then_count() {
        let tag = TagCount {
            tag: "rust",
            count: 3,
        };
        assert_eq!(to_json(&tag), r#"{"tag":"rust","count":3}"#);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_carries_its_bytes_right_after_the_lossy_path() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;

        let path = Path::new(OsStr::from_bytes(b"bad\xff.md"));
        let json = to_json(&JsonPath::new(path));
        assert_eq!(
            json,
            r#"{"path":"bad�.md","path_bytes":[98,97,100,255,46,109,100]}"#
        );
    }

    #[test]
    fn a_utf8_path_is_the_string_itself_without_bytes() {
        let json = to_json(&JsonPath::new(Path::new("여행/부산\n.md")));
        assert_eq!(json, r#"{"path":"여행/부산\n.md"}"#);
    }
}
