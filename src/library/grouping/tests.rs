use std::path::PathBuf;

use chrono::NaiveDate;

use super::*;

fn post(
    path: &str,
    title: &str,
    date: Option<(i32, u32, u32)>,
    categories: &[&str],
    tags: &[&str],
) -> Post {
    Post {
        relative_path: PathBuf::from(path),
        title: title.into(),
        date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)?.and_hms_opt(0, 0, 0)),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        body: "본문 ".repeat(title.len()).into(),
        ..Post::default()
    }
}

fn blog() -> Vec<Post> {
    vec![
        post(
            "2025/b.md",
            "나비 관찰",
            Some((2025, 11, 20)),
            &["자연"],
            &["나비", "곤충"],
        ),
        post(
            "2025/a.md",
            "Rust 입문",
            Some((2025, 11, 2)),
            &["Dev", "자연"],
            &["rust"],
        ),
        post("2024/c.md", "가을 여행", Some((2024, 10, 1)), &[], &[]),
        post("memo.md", "메모", None, &[], &["나비"]),
    ]
}

fn groups(by: GroupBy, sort: SortBy) -> Vec<(String, Vec<usize>)> {
    let posts = blog();
    let ids: Vec<PostId> = (0..posts.len()).map(PostId).collect();
    group_posts(&posts, &ids, by, sort, |p| p.body.len())
        .into_iter()
        .map(|g| (g.label, g.posts.iter().map(|p| p.index()).collect()))
        .collect()
}

fn labelled(pairs: &[(&str, &[usize])]) -> Vec<(String, Vec<usize>)> {
    pairs
        .iter()
        .map(|(l, p)| (l.to_string(), p.to_vec()))
        .collect()
}

#[test]
fn by_category_a_post_is_under_each_and_uncategorized_comes_last() {
    assert_eq!(
        groups(GroupBy::Category, SortBy::Newest),
        labelled(&[("Dev", &[1]), ("자연", &[0, 1]), ("uncategorized", &[2, 3])])
    );
}

#[test]
fn by_folder_the_top_folder_comes_first() {
    assert_eq!(
        groups(GroupBy::Folder, SortBy::Newest),
        labelled(&[("(top folder)", &[3]), ("2024", &[2]), ("2025", &[0, 1])])
    );
}

#[test]
fn by_month_the_newest_month_comes_first_and_undated_last() {
    assert_eq!(
        groups(GroupBy::Month, SortBy::Newest),
        labelled(&[("2025-11", &[0, 1]), ("2024-10", &[2]), ("undated", &[3])])
    );
}

#[test]
fn by_tag_the_first_tag_decides_and_untagged_comes_last() {
    assert_eq!(
        groups(GroupBy::Tag, SortBy::Newest),
        labelled(&[("rust", &[1]), ("나비", &[0, 3]), ("untagged", &[2])])
    );
}

#[test]
fn none_is_one_flat_list() {
    assert_eq!(
        groups(GroupBy::None, SortBy::Oldest),
        labelled(&[("all posts", &[2, 1, 0, 3])])
    );
}

#[test]
fn titles_sort_in_korean_order_and_reading_time_shortest_first() {
    assert_eq!(
        groups(GroupBy::None, SortBy::Title),
        labelled(&[("all posts", &[2, 0, 3, 1])])
    );
    assert_eq!(
        // Bodies as long as the titles: 메모 < Rust 입문 < 나비 관찰 = 가을 여행 (a tie
        // keeps the order given).
        groups(GroupBy::None, SortBy::ReadingTime),
        labelled(&[("all posts", &[3, 1, 0, 2])])
    );
}

#[test]
fn keys_cycle_through_every_way_and_back() {
    let mut by = GroupBy::Category;
    let mut seen = Vec::new();
    for _ in 0..GroupBy::ALL.len() {
        seen.push(by);
        by = by.next();
    }
    assert_eq!(seen, GroupBy::ALL);
    assert_eq!(by, GroupBy::Category);
    assert_eq!(SortBy::ReadingTime.next(), SortBy::Newest);
}

#[test]
fn names_parse_back_and_unknown_ones_list_the_choices() {
    for by in GroupBy::ALL {
        assert_eq!(by.name().parse::<GroupBy>(), Ok(by));
    }
    for sort in SortBy::ALL {
        assert_eq!(sort.name().parse::<SortBy>(), Ok(sort));
    }
    let error = "year".parse::<GroupBy>().expect_err("unknown");
    assert!(
        error.contains("category, folder, month, tag, none"),
        "{error}"
    );
}

#[test]
fn a_folder_mostly_without_categories_is_grouped_by_folder_or_month() {
    let mut posts = blog();
    assert_eq!(default_grouping(&posts), GroupBy::Category);
    for p in &mut posts {
        p.categories.clear();
    }
    assert_eq!(default_grouping(&posts), GroupBy::Folder);
    for p in &mut posts {
        p.relative_path =
            PathBuf::from("_posts").join(p.relative_path.file_name().unwrap_or_default());
    }
    assert_eq!(default_grouping(&posts), GroupBy::Month);
}
