//! Ranking: what a term is worth in each field, and the recency order that breaks ties.

use std::cmp::Reverse;
use std::path::PathBuf;

use super::MatchField;
use crate::library::{Post, PostDate};

impl MatchField {
    /// Score credited to a term found in this field. Each field gets its own byte of the
    /// score so that one title match outweighs any number (< 256) of tag matches, and so on.
    pub(super) fn weight(self) -> u32 {
        match self {
            MatchField::Title => 1 << 24,
            MatchField::Tag => 1 << 16,
            MatchField::Description => 1 << 8,
            MatchField::Body => 1,
        }
    }
}

/// Each post's rank by date (newest first, undated last), then path, then index.
pub(super) fn recency_order(posts: &[Post]) -> Vec<u32> {
    let mut by_recency: Vec<usize> = (0..posts.len()).collect();
    by_recency.sort_by(|&a, &b| {
        recency_key(&posts[a])
            .cmp(&recency_key(&posts[b]))
            .then(a.cmp(&b))
    });
    let mut order = vec![0u32; posts.len()];
    for (rank, &i) in by_recency.iter().enumerate() {
        order[i] = u32::try_from(rank).unwrap_or(u32::MAX);
    }
    order
}

/// How posts order among equals: newer first, undated last, then by path.
pub(crate) fn recency_key(post: &Post) -> (bool, Reverse<Option<PostDate>>, &PathBuf) {
    (post.date.is_none(), Reverse(post.date), &post.path)
}

/// The key hits are sorted by, ascending: higher score first, then earlier recency rank.
pub(super) fn sort_key(score: u32, recency: u32) -> u64 {
    (u64::from(u32::MAX - score) << 32) | u64::from(recency)
}

/// The score a [`sort_key`] was made from.
pub(super) fn score_of(key: u64) -> u32 {
    u32::MAX - (key >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::search::SearchIndex;
    use crate::library::search::testing::{date, hits, hits_limited, post, tagged};

    #[test]
    fn a_title_match_beats_a_tag_match_which_beats_a_body_match() {
        let posts = vec![
            post("잡담", "오늘은 러스트 이야기"),
            tagged("메모", &["러스트"]),
            post("러스트 입문", "본문"),
            Post {
                description: Some("러스트로 만든 도구".into()),
                ..post("도구", "")
            },
        ];
        let found = SearchIndex::build(&posts).search("러스트", 10);
        let order: Vec<(usize, MatchField)> =
            found.iter().map(|h| (h.post.index(), h.field)).collect();
        assert_eq!(
            order,
            vec![
                (2, MatchField::Title),
                (1, MatchField::Tag),
                (3, MatchField::Description),
                (0, MatchField::Body)
            ]
        );
        assert!(found.windows(2).all(|w| w[0].score > w[1].score));
    }

    #[test]
    fn among_equal_matches_the_more_recent_post_comes_first_and_undated_last() {
        let posts = vec![
            Post {
                date: date(2020, 1, 1),
                ..post("b 러스트", "")
            },
            Post {
                date: None,
                ..post("a 러스트", "")
            },
            Post {
                date: date(2024, 5, 1),
                ..post("c 러스트", "")
            },
            Post {
                date: date(2020, 1, 1),
                ..post("a 러스트", "")
            },
        ];
        assert_eq!(hits(&posts, "러스트"), vec![2, 3, 0, 1]);
    }

    #[test]
    fn a_small_limit_keeps_the_best_hits() {
        let posts: Vec<Post> = (1..=9)
            .map(|d| Post {
                date: date(2020, 1, d),
                ..post(&format!("러스트 {d}"), "")
            })
            .collect();
        assert_eq!(hits_limited(&posts, "러스트", 3), vec![8, 7, 6]);
    }
}
