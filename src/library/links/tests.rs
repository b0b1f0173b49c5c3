use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::*;

fn post(path: &str, title: &str, date: Option<(i32, u32, u32)>) -> Post {
    Post {
        path: PathBuf::from("/blog").join(path),
        relative_path: PathBuf::from(path),
        title: title.to_string(),
        date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)?.and_hms_opt(9, 0, 0)),
        ..Post::default()
    }
}

fn blog() -> Vec<Post> {
    vec![
        post("dev/rust-tui.md", "터미널 앱 만들기", Some((2025, 3, 2))),
        post(
            "ai/2025-01-19-what-is-ai.md",
            "생성형 AI란?",
            Some((2025, 1, 19)),
        ),
        post(
            "ai/2024-05-01-what-is-ai.md",
            "AI란 (옛 글)",
            Some((2024, 5, 1)),
        ),
        post("notes/한글 메모.md", "메모", None),
        post("posts/hugo-bundle/index.md", "번들", Some((2023, 7, 7))),
        post("readme.md", "Read Me", None),
    ]
}

fn to_post(path: &str, anchor: Option<&str>) -> LinkTarget {
    LinkTarget::Post {
        path: PathBuf::from(path),
        anchor: anchor.map(str::to_string),
    }
}

fn from_dev(href: &str) -> LinkTarget {
    resolve(Path::new("dev/rust-tui.md"), href, &blog())
}

#[test]
fn a_relative_path_leads_to_the_post_beside_or_above() {
    assert_eq!(
        from_dev("../ai/2025-01-19-what-is-ai.md"),
        to_post("ai/2025-01-19-what-is-ai.md", None)
    );
    assert_eq!(from_dev("./rust-tui.md"), to_post("dev/rust-tui.md", None));
    assert_eq!(from_dev("../readme"), to_post("readme.md", None));
}

#[test]
fn a_relative_path_with_a_fragment_opens_the_post_at_that_heading() {
    assert_eq!(
        from_dev("../ai/2025-01-19-what-is-ai.md#%EC%A0%95%EB%A6%AC"),
        to_post("ai/2025-01-19-what-is-ai.md", Some("정리"))
    );
}

#[test]
fn a_percent_encoded_korean_file_name_is_found() {
    assert_eq!(
        from_dev("../notes/%ED%95%9C%EA%B8%80%20%EB%A9%94%EB%AA%A8.md"),
        to_post("notes/한글 메모.md", None)
    );
}

#[test]
fn a_fragment_alone_is_a_heading_of_the_same_post() {
    assert_eq!(from_dev("#설치하기"), LinkTarget::Anchor("설치하기".into()));
    assert_eq!(from_dev("#"), LinkTarget::Refused(Refusal::Empty));
}

#[test]
fn climbing_out_of_the_folder_opens_nothing() {
    assert_eq!(
        from_dev("../../etc/passwd"),
        LinkTarget::Refused(Refusal::OutsideFolder)
    );
    assert_eq!(
        from_dev("../ai/../../secret.md"),
        LinkTarget::Refused(Refusal::OutsideFolder)
    );
    assert_eq!(
        from_dev("/../../etc/passwd"),
        LinkTarget::Refused(Refusal::NoSuchPost("/../../etc/passwd".into()))
    );
}

#[test]
fn a_jekyll_permalink_is_matched_by_slug_and_date() {
    assert_eq!(
        from_dev("/2025/01/19/what-is-ai/"),
        to_post("ai/2025-01-19-what-is-ai.md", None)
    );
    assert_eq!(
        from_dev("/ai/2024/05/01/what-is-ai.html"),
        to_post("ai/2024-05-01-what-is-ai.md", None)
    );
    assert_eq!(
        from_dev("/2023/01/01/what-is-ai/"),
        LinkTarget::Refused(Refusal::NoSuchPost("/2023/01/01/what-is-ai/".into()))
    );
}

#[test]
fn a_hugo_permalink_finds_a_post_or_a_page_bundle() {
    assert_eq!(
        from_dev("/posts/rust-tui/"),
        to_post("dev/rust-tui.md", None)
    );
    assert_eq!(
        from_dev("/posts/hugo-bundle/"),
        to_post("posts/hugo-bundle/index.md", None)
    );
}

#[test]
fn a_site_rooted_path_to_the_file_itself_is_found() {
    assert_eq!(
        from_dev("/dev/rust-tui.md"),
        to_post("dev/rust-tui.md", None)
    );
}

#[test]
fn jekyll_post_url_names_the_file_without_its_extension() {
    assert_eq!(
        from_dev("{% post_url 2024-05-01-what-is-ai %}"),
        to_post("ai/2024-05-01-what-is-ai.md", None)
    );
    assert_eq!(
        post_url("ai/2025-01-19-what-is-ai", &blog()),
        to_post("ai/2025-01-19-what-is-ai.md", None)
    );
    assert_eq!(
        post_url("2020-01-01-nothing", &blog()),
        LinkTarget::Refused(Refusal::NoSuchPost("2020-01-01-nothing".into()))
    );
}

#[test]
fn wiki_links_find_a_post_by_title_first_then_by_file_name() {
    let posts = blog();
    assert_eq!(
        resolve_wiki("생성형 AI란?", &posts),
        to_post("ai/2025-01-19-what-is-ai.md", None)
    );
    assert_eq!(resolve_wiki("read me", &posts), to_post("readme.md", None));
    assert_eq!(
        resolve_wiki("rust-tui|the TUI post", &posts),
        to_post("dev/rust-tui.md", None)
    );
    assert_eq!(
        resolve_wiki("메모#할 일", &posts),
        to_post("notes/한글 메모.md", Some("할-일"))
    );
    assert_eq!(
        resolve_wiki("메모#할 일|오늘 할 일", &posts),
        to_post("notes/한글 메모.md", Some("할-일")),
        "the shown text is not part of the heading"
    );
    assert_eq!(
        resolve_wiki("없는 글", &posts),
        LinkTarget::Refused(Refusal::NoSuchPost("[[없는 글]]".into()))
    );
}

#[test]
fn web_and_mail_links_go_to_the_system_opener() {
    assert_eq!(
        from_dev("https://example.com/a?b=1#c"),
        LinkTarget::External("https://example.com/a?b=1#c".into())
    );
    assert_eq!(
        from_dev("HTTP://example.com"),
        LinkTarget::External("HTTP://example.com".into())
    );
    assert_eq!(
        from_dev("mailto:me@example.com"),
        LinkTarget::External("mailto:me@example.com".into())
    );
    assert_eq!(
        from_dev("//example.com/x"),
        LinkTarget::External("https://example.com/x".into())
    );
}

#[test]
fn other_schemes_and_urls_with_controls_are_refused() {
    assert_eq!(
        from_dev("javascript:alert(1)"),
        LinkTarget::Refused(Refusal::Scheme("javascript".into()))
    );
    assert_eq!(
        from_dev("file:///etc/passwd"),
        LinkTarget::Refused(Refusal::Scheme("file".into()))
    );
    assert_eq!(
        from_dev("https://example.com/\u{1b}]8;;evil\u{7}"),
        LinkTarget::Refused(Refusal::Malformed)
    );
}

#[test]
fn a_link_to_no_post_says_what_was_not_found() {
    assert_eq!(
        from_dev("missing.md"),
        LinkTarget::Refused(Refusal::NoSuchPost("missing.md".into()))
    );
    assert_eq!(from_dev("   "), LinkTarget::Refused(Refusal::Empty));
}

#[test]
fn the_slug_of_a_post_drops_the_date_prefix_or_names_the_bundle() {
    assert_eq!(
        post_slug(Path::new("a/2025-01-19-what-is-ai.md")).as_deref(),
        Some("what-is-ai")
    );
    assert_eq!(
        post_slug(Path::new("posts/bundle/_index.md")).as_deref(),
        Some("bundle")
    );
    assert_eq!(
        post_slug(Path::new("2025-01-19.md")).as_deref(),
        Some("2025-01-19")
    );
}
