//! Counting tags across posts and keeping the posts that carry chosen ones.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::library::{Post, PostId};
use crate::text::fold::{fold, fold_cow};

/// Every tag with the number of posts carrying it, most used first, ties in Unicode order,
/// given each post's tags (`Post::tags`). Tags that fold to the same text (`Rust`, `rust`)
/// are counted together under their most common spelling (ties: the smaller in Unicode
/// order).
pub fn tag_counts<'a>(tag_lists: impl IntoIterator<Item = &'a [String]>) -> Vec<(String, usize)> {
    struct Entry<'a> {
        count: usize,
        spellings: Vec<(&'a str, usize)>,
    }
    let mut entries: HashMap<Cow<'a, str>, Entry<'a>> = HashMap::new();
    let mut seen: Vec<Cow<'a, str>> = Vec::new();
    for tags in tag_lists {
        seen.clear();
        for tag in tags {
            if tag.trim().is_empty() {
                continue;
            }
            let key = fold_cow(tag);
            // Posts have a handful of tags: a linear scan beats hashing here.
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            let e = entries.entry(key).or_insert_with(|| Entry {
                count: 0,
                spellings: Vec::new(),
            });
            e.count += 1;
            match e.spellings.iter_mut().find(|(s, _)| *s == tag.as_str()) {
                Some((_, n)) => *n += 1,
                None => e.spellings.push((tag.as_str(), 1)),
            }
        }
    }
    let mut out: Vec<(String, usize)> = entries
        .into_values()
        .filter_map(|e| {
            let (spelling, _) = e
                .spellings
                .into_iter()
                .min_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)))?;
            Some((spelling.to_owned(), e.count))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The posts that carry every one of `tags` (compared folded: NFC, case-insensitive), in
/// slice order. No tags selects every post.
pub fn filter_by_tags(posts: &[Post], tags: &[String]) -> Vec<PostId> {
    let mut wanted: Vec<String> = tags.iter().map(|t| fold(t)).collect();
    wanted.sort();
    wanted.dedup();
    posts
        .iter()
        .enumerate()
        .filter(|(_, post)| {
            wanted
                .iter()
                .all(|w| post.tags.iter().any(|t| fold_cow(t) == w.as_str()))
        })
        .map(|(i, _)| PostId(i))
        .collect()
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn tagged(title: &str, tags: &[&str]) -> Post {
        Post {
            title: title.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Post::default()
        }
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn tag_lists(posts: &[Post]) -> impl Iterator<Item = &[String]> {
        posts.iter().map(|p| p.tags.as_slice())
    }

    #[test]
    fn tag_counts_list_the_most_used_first_then_in_unicode_order() {
        let posts = vec![
            tagged("a", &["rust", "파이썬"]),
            tagged("b", &["Rust", "자동화"]),
            tagged("c", &["rust", "가나"]),
            tagged("d", &["파이썬"]),
        ];
        assert_eq!(
            tag_counts(tag_lists(&posts)),
            vec![
                ("rust".to_string(), 3),
                ("파이썬".to_string(), 2),
                ("가나".to_string(), 1),
                ("자동화".to_string(), 1)
            ]
        );
    }

    #[test]
    fn tag_filters_keep_posts_with_all_tags_folded() {
        let posts = vec![
            tagged("a", &["Rust", "CLI"]),
            tagged("b", &["rust"]),
            Post {
                tags: vec![nfd("파이썬"), "cli".into()],
                ..tagged("c", &[])
            },
        ];
        assert_eq!(
            filter_by_tags(&posts, &["rust".into()]),
            vec![PostId(0), PostId(1)]
        );
        assert_eq!(
            filter_by_tags(&posts, &["RUST".into(), "cli".into()]),
            vec![PostId(0)]
        );
        assert_eq!(
            filter_by_tags(&posts, &["파이썬".into(), "CLI".into()]),
            vec![PostId(2)]
        );
        assert_eq!(
            filter_by_tags(&posts, &[]),
            vec![PostId(0), PostId(1), PostId(2)]
        );
    }
}
