//! Helpers shared by the search tests.

use chrono::NaiveDate;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::{SearchIndex, Snippet};
use crate::library::{Post, PostDate};

pub(crate) fn date(y: i32, m: u32, d: u32) -> Option<PostDate> {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(0, 0, 0))
}

pub(crate) fn post(title: &str, body: &str) -> Post {
    Post {
        title: title.into(),
        body: body.into(),
        path: format!("{title}.md").into(),
        ..Default::default()
    }
}

pub(crate) fn tagged(title: &str, tags: &[&str]) -> Post {
    Post {
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..post(title, "")
    }
}

pub(crate) fn nfd(s: &str) -> String {
    s.nfd().collect()
}

pub(crate) fn hits(posts: &[Post], query: &str) -> Vec<usize> {
    SearchIndex::build(posts)
        .search(query, 100)
        .into_iter()
        .map(|h| h.post.index())
        .collect()
}

pub(crate) fn hits_limited(posts: &[Post], query: &str, limit: usize) -> Vec<usize> {
    SearchIndex::build(posts)
        .search(query, limit)
        .into_iter()
        .map(|h| h.post.index())
        .collect()
}

pub(crate) fn highlighted(s: &Snippet) -> Vec<&str> {
    s.highlights.iter().map(|r| &s.text[r.clone()]).collect()
}

pub(crate) fn arb_text(
    alphabet: &'static [&'static str],
    max: usize,
) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(alphabet), 0..max).prop_map(|v| v.concat())
}

pub(super) const TEXT: &[&str] = &[
    "생",
    "성",
    "형",
    "새",
    "서",
    "파",
    "이",
    "썬",
    "확",
    "산",
    "ㅅ",
    "a",
    "B",
    "ru",
    "sT",
    " ",
    "\n",
    "\n```\n",
    "\n~~~\n",
    "**",
    "# ",
    "\u{1109}\u{1162}\u{11BC}",
    "👍🏽",
    "İ",
];
