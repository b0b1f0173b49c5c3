//! Ways to group and order the posts of a folder for the sidebar and `geul list`: by
//! category (a post with several is under each), by folder, by year and month, by first
//! tag, or not at all; within a group newest or oldest first, by title in Korean order, or
//! by reading time.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;

use super::{Post, PostId, UNCATEGORIZED, UNDATED};
use crate::text::collation;

/// How posts are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    /// By category; posts without one under "uncategorized".
    #[default]
    Category,
    /// By the folder under the root a post is in.
    Folder,
    /// By year and month of the date; undated posts last.
    Month,
    /// By the first hashtag; untagged posts last.
    Tag,
    /// One flat list.
    None,
}

/// The group of posts without a tag.
pub const UNTAGGED: &str = "untagged";
/// The group of posts at the top of the folder.
pub const TOP_FOLDER: &str = "(top folder)";
/// The one group of a flat list.
pub const ALL_POSTS: &str = "all posts";

impl GroupBy {
    /// Every way, in the order a key cycles through them.
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Category,
        GroupBy::Folder,
        GroupBy::Month,
        GroupBy::Tag,
        GroupBy::None,
    ];

    /// The next way in [`GroupBy::ALL`], after the last the first.
    pub fn next(self) -> GroupBy {
        let at = GroupBy::ALL.iter().position(|g| *g == self).unwrap_or(0);
        GroupBy::ALL[(at + 1) % GroupBy::ALL.len()]
    }

    /// The name shown in the sidebar title and accepted by `--group-by`.
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Category => "category",
            GroupBy::Folder => "folder",
            GroupBy::Month => "month",
            GroupBy::Tag => "tag",
            GroupBy::None => "none",
        }
    }

    /// The labels of the groups `post` is in, borrowed from the post where they can be:
    /// the sidebar is grouped again as posts stream in, so this runs for every post often.
    fn labels(self, post: &Post) -> Vec<Cow<'_, str>> {
        match self {
            GroupBy::Category if post.categories.is_empty() => vec![Cow::Borrowed(UNCATEGORIZED)],
            GroupBy::Category => {
                let mut labels: Vec<Cow<'_, str>> = Vec::with_capacity(post.categories.len());
                for category in &post.categories {
                    if !labels.iter().any(|l| l == category) {
                        labels.push(Cow::Borrowed(category));
                    }
                }
                labels
            }
            GroupBy::Folder => vec![folder_label(&post.relative_path)],
            GroupBy::Month => vec![post.date.map_or(Cow::Borrowed(UNDATED), |d| {
                Cow::Owned(d.format("%Y-%m").to_string())
            })],
            GroupBy::Tag => vec![
                post.tags
                    .first()
                    .map_or(Cow::Borrowed(UNTAGGED), |t| Cow::Borrowed(t.as_str())),
            ],
            GroupBy::None => vec![Cow::Borrowed(ALL_POSTS)],
        }
    }

    /// How two group labels are ordered: months newest first, the rest in Unicode order
    /// (가나다 among Hangul), as the sidebar has always listed categories; the catch-all
    /// groups (uncategorized, undated, untagged) last and the top folder first.
    fn compare_labels(self, a: &str, b: &str) -> Ordering {
        let rank = |label: &str| match (self, label) {
            (GroupBy::Category, UNCATEGORIZED) | (GroupBy::Month, UNDATED) => 1,
            (GroupBy::Tag, UNTAGGED) => 1,
            (GroupBy::Folder, TOP_FOLDER) => -1,
            _ => 0,
        };
        rank(a).cmp(&rank(b)).then_with(|| match self {
            GroupBy::Month => b.cmp(a),
            _ => a.cmp(b),
        })
    }
}

impl std::str::FromStr for GroupBy {
    type Err = String;

    fn from_str(text: &str) -> Result<GroupBy, String> {
        GroupBy::ALL
            .into_iter()
            .find(|g| g.name() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = GroupBy::ALL.iter().map(|g| g.name()).collect();
                format!("unknown grouping {text:?}; one of {}", names.join(", "))
            })
    }
}

/// The folder of a post relative to the root, `/`-separated, or [`TOP_FOLDER`].
fn folder_label(relative_path: &Path) -> Cow<'static, str> {
    match relative_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            let parts: Vec<String> = parent
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            Cow::Owned(parts.join("/"))
        }
        _ => Cow::Borrowed(TOP_FOLDER),
    }
}

/// The order of posts within a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SortBy {
    /// Newest first, undated last.
    #[default]
    Newest,
    /// Oldest first, undated last.
    Oldest,
    /// By title in Korean order (가나다, then Latin).
    Title,
    /// Shortest read first.
    ReadingTime,
}

impl SortBy {
    /// Every order, in the order a key cycles through them.
    pub const ALL: [SortBy; 4] = [
        SortBy::Newest,
        SortBy::Oldest,
        SortBy::Title,
        SortBy::ReadingTime,
    ];

    /// The next order in [`SortBy::ALL`], after the last the first.
    pub fn next(self) -> SortBy {
        let at = SortBy::ALL.iter().position(|s| *s == self).unwrap_or(0);
        SortBy::ALL[(at + 1) % SortBy::ALL.len()]
    }

    /// The name shown in the sidebar title and accepted by `--sort`.
    pub fn name(self) -> &'static str {
        match self {
            SortBy::Newest => "newest",
            SortBy::Oldest => "oldest",
            SortBy::Title => "title",
            SortBy::ReadingTime => "reading-time",
        }
    }
}

impl std::str::FromStr for SortBy {
    type Err = String;

    fn from_str(text: &str) -> Result<SortBy, String> {
        SortBy::ALL
            .into_iter()
            .find(|s| s.name() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = SortBy::ALL.iter().map(|s| s.name()).collect();
                format!("unknown order {text:?}; one of {}", names.join(", "))
            })
    }
}

/// One group: its label and its posts in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostGroup {
    /// What the group's posts share (a category, a folder, `2025-11`, a tag).
    pub label: String,
    /// Its posts, in the order asked for.
    pub posts: Vec<PostId>,
}

/// Groups the posts `ids` of `posts` by `by` and orders each group by `sort`;
/// `reading_minutes` measures a post for [`SortBy::ReadingTime`]. Ties keep the order of
/// `ids`.
pub fn group_posts(
    posts: &[Post],
    ids: &[PostId],
    by: GroupBy,
    sort: SortBy,
    reading_minutes: impl Fn(&Post) -> usize,
) -> Vec<PostGroup> {
    let mut groups: BTreeMap<Cow<'_, str>, Vec<PostId>> = BTreeMap::new();
    for &id in ids {
        if let Some(post) = posts.get(id.index()) {
            for label in by.labels(post) {
                groups.entry(label).or_default().push(id);
            }
        }
    }
    let mut groups: Vec<PostGroup> = groups
        .into_iter()
        .map(|(label, posts)| PostGroup {
            label: label.into_owned(),
            posts,
        })
        .collect();
    groups.sort_by(|a, b| by.compare_labels(&a.label, &b.label));
    for group in &mut groups {
        sort_posts(posts, &mut group.posts, sort, &reading_minutes);
    }
    groups
}

/// Orders `ids` by `sort` (stable).
fn sort_posts(
    posts: &[Post],
    ids: &mut [PostId],
    sort: SortBy,
    reading_minutes: &impl Fn(&Post) -> usize,
) {
    let post = |id: &PostId| posts.get(id.index());
    match sort {
        SortBy::Newest | SortBy::Oldest => ids.sort_by(|a, b| {
            let (a, b) = (post(a).and_then(|p| p.date), post(b).and_then(|p| p.date));
            match (a, b) {
                (Some(a), Some(b)) if sort == SortBy::Newest => b.cmp(&a),
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }),
        SortBy::Title => ids.sort_by(|a, b| {
            let title = |id| post(id).map_or("", |p: &Post| p.title.as_str());
            collation::compare(title(a), title(b))
        }),
        SortBy::ReadingTime => ids.sort_by_cached_key(|id| post(id).map_or(0, reading_minutes)),
    }
}

/// The grouping a first start uses: by category when at least half the posts have one;
/// else by folder when the posts are spread over folders; else by month.
pub fn default_grouping(posts: &[Post]) -> GroupBy {
    let categorized = posts.iter().filter(|p| !p.categories.is_empty()).count();
    if posts.is_empty() || categorized * 2 >= posts.len() {
        return GroupBy::Category;
    }
    let first_folder = posts.first().map(|p| folder_label(&p.relative_path));
    let spread = posts
        .iter()
        .any(|p| Some(folder_label(&p.relative_path)) != first_folder);
    if spread {
        GroupBy::Folder
    } else {
        GroupBy::Month
    }
}

#[cfg(test)]
mod tests;
