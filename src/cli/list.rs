//! `geul list`: the posts, newest first, optionally filtered by category or tag, grouped
//! as the sidebar groups them (`--group-by`) and ordered as it can order them (`--sort`).

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use super::Format;
use super::output::{ListedPost, display_path, write_json};
use crate::library::grouping::{GroupBy, SortBy, group_posts};
use crate::library::state::post_key;
use crate::library::tags;
use crate::library::{Library, Post, PostId};
use crate::markdown::article::reading_minutes;
use crate::text::display_text;

/// Which posts to list; `None` lets every post through.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    /// Only posts in this category (exact name).
    pub category: Option<&'a str>,
    /// Only posts carrying this tag, with or without `#` (the reader's own tag rule).
    pub tag: Option<&'a str>,
    /// Only posts not in this set of posts read (`--unread`; keys as the state keeps them).
    pub read: Option<&'a BTreeSet<String>>,
}

/// How the listed posts are arranged: grouped (under a heading line each, or as JSON
/// objects with a `group` and its `posts`) or as one list, in an order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Arrangement {
    /// Grouped this way; `None` (and `GroupBy::None`) lists the posts as one list.
    pub group_by: Option<GroupBy>,
    /// The order within a group, or of the one list.
    pub sort: SortBy,
}

/// A group of listed posts, as JSON.
#[derive(Debug, serde::Serialize)]
struct ListedGroup<'a> {
    group: &'a str,
    posts: Vec<ListedPost<'a>>,
}

/// Prints the posts of `library` that pass `filter`, arranged by `arrangement`.
pub fn run(
    library: &Library,
    filter: &Filter<'_>,
    arrangement: Arrangement,
    format: Format,
) -> anyhow::Result<ExitCode> {
    let ids = select_ids(library, filter);
    let by = arrangement.group_by.unwrap_or(GroupBy::None);
    let groups = group_posts(&library.posts, &ids, by, arrangement.sort, |post| {
        reading_minutes(&post.body)
    });
    let post = |id: &PostId| library.posts.get(id.index());
    // Buffered: pretty JSON is many short lines, and stdout alone writes each one.
    let mut out = BufWriter::new(std::io::stdout().lock());
    match (format, by) {
        (Format::Json, GroupBy::None) => {
            let items: Vec<ListedPost<'_>> = groups
                .iter()
                .flat_map(|g| g.posts.iter().filter_map(post))
                .map(ListedPost::new)
                .collect();
            write_json(&mut out, &items)?;
        }
        (Format::Json, _) => {
            let items: Vec<ListedGroup<'_>> = groups
                .iter()
                .map(|g| ListedGroup {
                    group: &g.label,
                    posts: g
                        .posts
                        .iter()
                        .filter_map(post)
                        .map(ListedPost::new)
                        .collect(),
                })
                .collect();
            write_json(&mut out, &items)?;
        }
        (Format::Text, GroupBy::None) => {
            for listed in groups.iter().flat_map(|g| g.posts.iter().filter_map(post)) {
                writeln!(out, "{}", text_line(listed))?;
            }
        }
        (Format::Text, _) => {
            for group in &groups {
                writeln!(
                    out,
                    "{} ({})",
                    display_text(&group.label),
                    group.posts.len()
                )?;
                for listed in group.posts.iter().filter_map(post) {
                    writeln!(out, "  {}", text_line(listed))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The posts that pass `filter`, in the library's order.
pub fn select<'a>(library: &'a Library, filter: &Filter<'_>) -> Vec<&'a Post> {
    select_ids(library, filter)
        .into_iter()
        .filter_map(|id| library.posts.get(id.index()))
        .collect()
}

/// The ids of the posts that pass `filter`, in the library's order.
fn select_ids(library: &Library, filter: &Filter<'_>) -> Vec<PostId> {
    // Ids of the posts carrying the tag, in order.
    let tagged = filter
        .tag
        .map(|t| tags::filter_by_tags(&library.posts, &[t.trim_start_matches('#').to_string()]));
    library
        .posts
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            filter
                .category
                .is_none_or(|c| p.categories.iter().any(|pc| pc == c))
                && tagged
                    .as_ref()
                    .is_none_or(|ids| ids.binary_search(&PostId(*i)).is_ok())
                && filter
                    .read
                    .is_none_or(|read| !read.contains(&post_key(&p.relative_path)))
        })
        .map(|(i, _)| PostId(i))
        .collect()
}

/// One post as a line: `date  category  title  (path)`, plus ` [error]` for a post that
/// did not parse. The date column is padded to the width of a date, so it lines up.
pub fn text_line(post: &Post) -> String {
    let mark = if post.error.is_some() { " [error]" } else { "" };
    format!(
        "{:<10}  {}  {}  ({}){mark}",
        post.date_label(),
        display_text(&post.category_label()),
        display_text(&post.title),
        display_path(&post.path)
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn a_post_without_date_or_category_shows_the_librarys_labels() {
        let post = Post {
            path: PathBuf::from("posts/x.md"),
            title: "X".into(),
            ..Post::default()
        };
        assert_eq!(
            text_line(&post),
            "undated     uncategorized  X  (posts/x.md)"
        );
    }

    #[test]
    fn a_hostile_file_name_stays_on_one_line_without_escape_bytes() {
        let post = Post {
            path: PathBuf::from("p/a\u{1b}]0;pwn\u{7}\nb.md"),
            title: "a\u{1b}]0;pwn\u{7}\nb".into(),
            categories: vec!["c".into()],
            error: Some("bad".into()),
            ..Post::default()
        };
        let line = text_line(&post);
        assert!(!line.contains(['\u{1b}', '\u{7}', '\n']), "{line:?}");
        assert!(
            line.ends_with(r"(p/a\x1b]0;pwn\x07\nb.md) [error]"),
            "{line}"
        );
    }

    #[test]
    fn posts_are_filtered_by_category_and_by_tag_with_or_without_hash() {
        let post = |name: &str, category: &str, tag: &str| Post {
            path: PathBuf::from(name),
            relative_path: PathBuf::from(name),
            categories: vec![category.into()],
            tags: vec![tag.into()],
            ..Post::default()
        };
        let library = Library {
            root: PathBuf::from("."),
            posts: vec![post("a", "개발", "rust"), post("b", "여행", "부산")],
        };
        let names = |filter: Filter<'_>| -> Vec<PathBuf> {
            select(&library, &filter)
                .iter()
                .map(|p| p.path.clone())
                .collect()
        };
        assert_eq!(names(Filter::default()).len(), 2);
        let travel = Filter {
            category: Some("여행"),
            ..Filter::default()
        };
        assert_eq!(names(travel), [PathBuf::from("b")]);
        let read = BTreeSet::from(["a".to_string()]);
        let unread = Filter {
            read: Some(&read),
            ..Filter::default()
        };
        assert_eq!(names(unread), [PathBuf::from("b")], "a was read");
        for tag in ["#rust", "rust"] {
            let tagged = Filter {
                tag: Some(tag),
                ..Filter::default()
            };
            assert_eq!(names(tagged), [PathBuf::from("a")]);
        }
    }
}
