//! Tag filter and full-text search in the reader, driven through `App::handle`.

use std::path::PathBuf;

use chrono::NaiveDate;
use geul::library::{Post, PostId};
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Focus};
use geul::tui::overlays::Overlay;
use ratatui::layout::Rect;

fn post(title: &str, day: u32, category: &str, tags: &[&str], body: &str) -> Post {
    Post {
        path: PathBuf::from(format!("posts/{day}.md")),
        relative_path: PathBuf::from(format!("{day}.md")),
        title: title.to_string(),
        date: NaiveDate::from_ymd_opt(2025, 1, day).and_then(|d| d.and_hms_opt(0, 0, 0)),
        categories: vec![category.to_string()],
        tags: tags.iter().map(|t| t.to_string()).collect(),
        body: body.into(),
        body_line: 1,
        ..Post::default()
    }
}

/// Newest first.
fn posts() -> Vec<Post> {
    let mut long = String::from("도입부입니다.\n\n");
    for i in 0..40 {
        long.push_str(&format!("{i}번 문단은 채우기용입니다.\n\n"));
    }
    long.push_str("여기서 확산 모델이 처음 나옵니다.\n\n그리고 확산 모델을 다시 말합니다.\n");
    vec![
        post(
            "생성형 AI 입문",
            30,
            "AI",
            &["AI", "생성형AI"],
            "생성형 AI는 새 콘텐츠를 만듭니다.\n",
        ),
        post("이미지 생성의 원리", 20, "AI", &["AI", "이미지"], &long),
        post(
            "파이썬 자동화",
            10,
            "개발",
            &["파이썬", "AI"],
            "파이썬으로 파일을 정리합니다.\n",
        ),
        post("제주 여행", 5, "여행", &["여행"], "바다를 봤습니다.\n"),
    ]
}

fn app() -> App {
    App::new(
        PathBuf::from("posts"),
        posts(),
        AppSettings::default(),
        Rect::new(0, 0, 100, 30),
    )
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle(Action::Input(c));
    }
}

#[test]
fn picking_a_tag_filters_the_sidebar_and_keeps_categories() {
    let mut app = app();
    app.handle(Action::OpenTagPicker);
    let Some(Overlay::Tags(picker)) = &app.overlay else {
        panic!("picker is open")
    };
    assert_eq!(
        picker.tags[picker.matches[0]],
        ("AI".to_string(), 3),
        "most used first"
    );
    type_text(&mut app, "이미");
    app.handle(Action::Open);
    assert!(app.overlay.is_none());
    assert_eq!(app.tag_filter, vec!["이미지".to_string()]);
    assert_eq!(app.sidebar.post_order(), [PostId(1)]);
    assert_eq!(
        app.reader.open,
        Some(PostId(1)),
        "the filter hid the open post, so the first match opened"
    );
    let names: Vec<&str> = app
        .sidebar
        .groups()
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(names, ["AI"]);
}

#[test]
fn a_second_tag_narrows_further_and_esc_clears_the_filter() {
    let mut app = app();
    app.handle(Action::OpenTagPicker);
    type_text(&mut app, "AI");
    app.handle(Action::Open);
    assert_eq!(app.sidebar.post_order(), [PostId(0), PostId(1), PostId(2)]);
    app.handle(Action::OpenTagPicker);
    let Some(Overlay::Tags(picker)) = &app.overlay else {
        panic!("picker is open")
    };
    assert!(
        picker.tags.iter().all(|(t, _)| t != "AI"),
        "the active tag is not offered again"
    );
    assert!(
        picker.tags.iter().all(|(t, _)| t != "여행"),
        "only tags of the shown posts are offered"
    );
    type_text(&mut app, "파이");
    app.handle(Action::Open);
    assert_eq!(app.tag_filter, vec!["AI".to_string(), "파이썬".to_string()]);
    assert_eq!(app.sidebar.post_order(), [PostId(2)]);
    app.handle(Action::Close);
    assert!(app.tag_filter.is_empty());
    assert_eq!(app.sidebar.post_order().len(), 4);
}

#[test]
fn searching_opens_the_post_scrolled_to_the_first_match() {
    let mut app = app();
    app.handle(Action::OpenSearch);
    type_text(&mut app, "확산");
    let Some(Overlay::Search(panel)) = &app.overlay else {
        panic!("search is open")
    };
    assert_eq!(panel.hits[0].post, PostId(1));
    app.handle(Action::Open);
    assert_eq!(app.reader.open, Some(PostId(1)));
    assert_eq!(app.focus, Focus::Article);
    let search = app.reader.search.clone().expect("matches are highlighted");
    assert_eq!(search.matches.len(), 2);
    let article = app.article().expect("open");
    let row = search.matches[search.current].row;
    assert!(article.row_text(row).contains("확산 모델이 처음"));
    assert!(
        row >= app.reader.scroll && row < app.reader.scroll + 29,
        "the match is on screen"
    );
    app.handle(Action::NextMatch);
    assert_eq!(app.reader.search.as_ref().map(|s| s.current), Some(1));
    app.handle(Action::NextMatch);
    assert_eq!(
        app.reader.search.as_ref().map(|s| s.current),
        Some(0),
        "n wraps around"
    );
}

#[test]
fn initial_consonants_find_korean_words() {
    let mut app = app();
    app.handle(Action::OpenSearch);
    type_text(&mut app, "ㅅㅅㅎ");
    let Some(Overlay::Search(panel)) = &app.overlay else {
        panic!("search is open")
    };
    assert_eq!(panel.hits.first().map(|h| h.post), Some(PostId(0)));
}

#[test]
fn backspace_in_the_prompt_removes_a_syllable() {
    let mut app = app();
    app.handle(Action::OpenSearch);
    type_text(&mut app, "파이썬");
    app.handle(Action::DeleteChar);
    let Some(Overlay::Search(panel)) = &app.overlay else {
        panic!("search is open")
    };
    assert_eq!(panel.prompt.text(), "파이");
    app.handle(Action::Close);
    assert!(app.overlay.is_none());
}

#[test]
fn t_cycles_tag_chips_and_enter_filters_by_the_chip() {
    let mut app = app();
    app.handle(Action::NextChip);
    assert_eq!(app.reader.chip, Some(0));
    assert_eq!(app.focus, Focus::Article);
    app.handle(Action::NextChip);
    app.handle(Action::Open);
    assert_eq!(app.tag_filter, vec!["생성형AI".to_string()]);
    assert_eq!(app.sidebar.post_order(), [PostId(0)]);
}
