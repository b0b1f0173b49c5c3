//! Permalinks: the site-rooted URLs a site generator gives posts (`/2025/01/19/foo/`,
//! `/dev/2025/01/19/foo.html`, `/posts/foo/`), matched back to the post by its slug and,
//! where the URL has one, its date.

use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::library::Post;
use crate::text::fold::fold;

/// The slug a site generator gives the post at `relative_path` (relative to the folder):
/// its file stem without a Jekyll `YYYY-MM-DD-` prefix; for a page bundle (`index.md`,
/// `_index.md`) the name of its folder.
pub fn post_slug(relative_path: &Path) -> Option<String> {
    let stem = relative_path.file_stem()?.to_str()?;
    let stem = if stem == "index" || stem == "_index" {
        relative_path.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    Some(without_date_prefix(stem).to_string())
}

/// `2025-01-19-foo` without `2025-01-19-`.
fn without_date_prefix(stem: &str) -> &str {
    split_date_prefix(stem).map_or(stem, |(_, slug)| slug)
}

/// A Jekyll post's name split into its date and its slug: `2025-01-19-foo` gives
/// (`2025-01-19`, `foo`); `None` for a name without the date.
pub(crate) fn split_date_prefix(stem: &str) -> Option<(&str, &str)> {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && bytes[10] == b'-';
    dated.then(|| (&stem[..10], &stem[11..]))
}

/// The date a permalink names, as far as it names one: year, then month, then day.
#[derive(Debug, Default, PartialEq, Eq)]
struct UrlDate {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

impl UrlDate {
    /// The first run of `YYYY/MM/DD` segments (month and day optional).
    fn of(segments: &[&str]) -> UrlDate {
        let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        for (i, segment) in segments.iter().enumerate() {
            let Some(year) = number(segment, 4..=4).filter(|y| (1900..=2200).contains(y)) else {
                continue;
            };
            let month = segments
                .get(i + 1)
                .and_then(|s| number(s, 1..=2))
                .filter(|m| (1..=12).contains(m));
            let day = month
                .and(segments.get(i + 2))
                .and_then(|s| number(s, 1..=2))
                .filter(|d| (1..=31).contains(d));
            return UrlDate {
                year: i32::try_from(year).ok(),
                month,
                day,
            };
        }
        UrlDate::default()
    }

    fn admits(&self, post: &Post) -> bool {
        if self.year.is_none() {
            return true;
        }
        let Some(date) = post.date else {
            return false;
        };
        self.year.is_none_or(|y| y == date.year())
            && self.month.is_none_or(|m| m == date.month())
            && self.day.is_none_or(|d| d == date.day())
    }
}

/// The post whose permalink is `url_path` (without the leading `/`): the last segment, less
/// an `.html` or Markdown extension, is the slug; date segments narrow the match.
pub(super) fn find<'a>(
    url_path: &str,
    posts: impl IntoIterator<Item = &'a Post>,
) -> Option<PathBuf> {
    let mut segments: Vec<&str> = url_path.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .last()
        .is_some_and(|last| last.starts_with("index."))
    {
        segments.pop();
    }
    let last = segments.last()?;
    let slug = [".html", ".htm", ".md", ".markdown"]
        .iter()
        .find_map(|ext| last.strip_suffix(ext))
        .unwrap_or(last);
    let wanted = fold(without_date_prefix(slug));
    let date = UrlDate::of(&segments[..segments.len() - 1]);
    posts
        .into_iter()
        .find(|post| {
            post_slug(&post.relative_path).is_some_and(|s| fold(&s) == wanted) && date.admits(post)
        })
        .map(|post| post.relative_path.clone())
}
