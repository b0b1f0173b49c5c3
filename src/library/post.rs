//! One Markdown article and the metadata read from it.

use std::borrow::Cow;
use std::path::PathBuf;

use super::Body;

/// The label of the group of posts that have no category.
pub const UNCATEGORIZED: &str = "uncategorized";

/// The label shown where a post has no date.
pub const UNDATED: &str = "undated";

/// Which post: its index in the slice or [`Posts`](super::Posts) it came from. In a
/// [`Library`](super::Library) that is newest first; in the reader's `Posts` it is the
/// order posts arrived in, which stays valid while more arrive or single posts change.
/// Reading the whole folder again makes new ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PostId(pub usize);

impl PostId {
    /// The index into the posts it came from.
    pub fn index(self) -> usize {
        self.0
    }
}

/// The publication date of a post, with an optional time of day used only for ordering.
pub type PostDate = chrono::NaiveDateTime;

/// A post as listed in the sidebar and searched: metadata plus its Markdown body.
///
/// A post that could not be read or parsed is still a `Post`: `error` says why, `body`
/// holds whatever text could be recovered (the raw file, with invalid UTF-8 replaced).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Post {
    /// Path of the file as found while scanning (the scan root joined with the relative path).
    pub path: PathBuf,
    /// Path relative to the scanned folder, for display and stable identity.
    pub relative_path: PathBuf,
    /// Title from front matter, else the first `#` heading, else the file name.
    pub title: String,
    /// Date from front matter, else a `YYYY-MM-DD-` file-name prefix, else `None`.
    pub date: Option<PostDate>,
    /// Categories in the order given; empty means "uncategorized".
    pub categories: Vec<String>,
    /// Hashtags without the leading `#`: front-matter tags first, then body hashtags,
    /// deduplicated, order kept.
    pub tags: Vec<String>,
    /// `description` or `excerpt` from front matter.
    pub description: Option<String>,
    /// `thumbnail`, `cover_image`, `featuredImage`, `image` or the first of `images` from
    /// front matter.
    pub thumbnail: Option<String>,
    /// The Markdown body with the front matter removed (the whole text when there is none
    /// or when it could not be parsed), shared with the search index.
    pub body: Body,
    /// 1-based line number in the file where `body` starts, so positions can be reported
    /// against the source.
    pub body_line: usize,
    /// Why the file could not be read or its front matter parsed, if so.
    pub error: Option<String>,
    /// The `<details>` elements of the body, by line, which the reader folds.
    pub details: Box<[crate::library::site_syntax::Details]>,
}

/// The most hashtags a post keeps: a real post has a handful; a crafted one with a
/// hundred thousand must not cost seconds to read or to list.
pub const MAX_TAGS: usize = 512;

/// How the error of a post that went wrong begins when the file could not be read at all
/// (as opposed to a front matter that did not parse).
pub const READ_ERROR: &str = "cannot read: ";

/// What went wrong with a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The file could not be read (permissions, a folder in its place, a read error).
    Unreadable,
    /// The file was read but its front matter did not parse.
    Unparsed,
}

impl Post {
    /// What went wrong with the post, if anything.
    pub fn failure(&self) -> Option<Failure> {
        let error = self.error.as_deref()?;
        Some(if error.starts_with(READ_ERROR) {
            Failure::Unreadable
        } else {
            Failure::Unparsed
        })
    }

    /// The date as `YYYY-MM-DD`, the form shown in lists and JSON output.
    pub fn date_string(&self) -> Option<String> {
        // Formatted from the numbers: chrono's `format` parses its format string on every
        // call, and `geul list` calls this once a post.
        self.date.map(|d| {
            use chrono::Datelike;
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        })
    }

    /// The date as `YYYY-MM-DD`, or [`UNDATED`].
    pub fn date_label(&self) -> Cow<'static, str> {
        self.date_string()
            .map_or(Cow::Borrowed(UNDATED), Cow::Owned)
    }

    /// The categories joined by `, `, or [`UNCATEGORIZED`].
    pub fn category_label(&self) -> Cow<'_, str> {
        if self.categories.is_empty() {
            Cow::Borrowed(UNCATEGORIZED)
        } else {
            Cow::Owned(self.categories.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_without_date_or_category_is_labelled_undated_and_uncategorized() {
        let post = Post::default();
        assert_eq!(post.date_label(), "undated");
        assert_eq!(post.category_label(), "uncategorized");
    }

    #[test]
    fn categories_are_joined_and_dates_shown_as_days() {
        let post = Post {
            categories: vec!["AI".into(), "개발".into()],
            date: chrono::NaiveDate::from_ymd_opt(2025, 1, 19)
                .and_then(|d| d.and_hms_opt(9, 30, 0)),
            ..Post::default()
        };
        assert_eq!(post.category_label(), "AI, 개발");
        assert_eq!(post.date_label(), "2025-01-19");
    }
}
