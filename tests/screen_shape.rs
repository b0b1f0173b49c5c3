//! The shape of the screen changed from the keyboard: `z` hides the list so the article
//! takes the whole width, `O` pins the outline on the right. Both re-wrap the article
//! keeping the source line at the top. Driven through `App::handle`, asserted on the
//! screen ratatui's TestBackend holds.

mod common;

use std::path::PathBuf;

use common::app_screen::{dated_post, frame};
use geul::library::Post;
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Focus};
use ratatui::layout::Rect;

fn post(name: &str, title: &str, day: u32, body: String) -> Post {
    dated_post(name, title, day, &body)
}

/// A long post of three sections, each of long paragraphs that wrap differently at each
/// width.
fn long_post() -> Post {
    let paragraph = |i: usize| {
        format!(
            "{i}번 문단은 폭이 바뀌면 다르게 접히도록 충분히 길게 쓴 문장입니다. 같은 자리가 맨 위에 남아야 합니다.\n\n"
        )
    };
    let mut body = String::new();
    for (section, name) in ["시작하기", "설치하기", "마무리"].iter().enumerate() {
        body.push_str(&format!("## {name}\n\n"));
        for i in 0..12 {
            body.push_str(&paragraph(section * 100 + i));
        }
    }
    post("long.md", "긴 글", 20, body)
}

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(
        PathBuf::from("/blog"),
        vec![
            long_post(),
            post("short.md", "짧은 글", 1, "짧다.\n".into()),
        ],
        AppSettings::default(),
        Rect::new(0, 0, width, height),
    );
    app.handle(Action::Open);
    app
}

/// Row `y` of the screen from column `from` to `to`, each wide character once.
fn cells(app: &App, y: u16, from: u16, to: u16) -> String {
    let buffer = frame(app);
    let mut row = String::new();
    let mut skip = 0;
    for x in from..to.min(buffer.area.width) {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let symbol = buffer[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        row.push_str(symbol);
    }
    row.trim_end().to_string()
}

fn screen(app: &App) -> Vec<String> {
    (0..app.area.height)
        .map(|y| cells(app, y, 0, app.area.width))
        .collect()
}

/// The first two words of the article's top row.
fn top_words(app: &App) -> String {
    let article = app.panes().expect("panes").article;
    cells(app, article.y, article.x, article.right())
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn z_hides_the_list_for_full_width_reading_keeping_the_place_and_brings_it_back() {
    let mut app = app(100, 24);
    for _ in 0..30 {
        app.handle(Action::Down);
    }
    while top_words(&app).is_empty() {
        app.handle(Action::Down);
    }
    let before = top_words(&app);
    assert!(before.contains("번 문단은"), "{before}");
    let width = app.panes().expect("panes").article.width;
    app.handle(Action::ToggleSidebar);
    let wide = app.panes().expect("panes").article.width;
    assert_eq!(wide, 97, "the article takes the width ({width} before)");
    let rows = screen(&app);
    assert!(!rows.iter().any(|r| r.contains("짧은 글")), "{rows:#?}");
    assert_eq!(top_words(&app), before, "the same paragraph is at the top");
    assert_eq!(app.focus, Focus::Article);
    app.handle(Action::ToggleSidebar);
    assert!(screen(&app).iter().any(|r| r.contains("짧은 글")));
    assert_eq!(top_words(&app), before);
}

#[test]
fn h_in_the_article_brings_a_hidden_list_back_and_moves_into_it() {
    let mut app = app(100, 24);
    app.handle(Action::ToggleSidebar);
    app.handle(Action::Back);
    assert!(!app.sidebar_hidden);
    assert_eq!(app.focus, Focus::Sidebar);
}

#[test]
fn a_pinned_outline_lists_the_headings_on_the_right_and_marks_the_section_being_read() {
    let mut app = app(160, 30);
    app.handle(Action::TogglePinnedOutline);
    assert!(app.memory.state.outline_pinned, "remembered for the folder");
    let outline = app.panes().and_then(|p| p.outline).expect("room for it");
    let right = |app: &App, y: u16| cells(app, y, outline.area.x, app.area.width);
    assert_eq!(right(&app, 0), " outline");
    assert_eq!(
        right(&app, 1),
        "  시작하기",
        "the header is at the top: no section yet"
    );
    assert_eq!(right(&app, 2), "  설치하기");
    app.handle(Action::NextHeading);
    assert_eq!(right(&app, 1), "▸ 시작하기");
    app.handle(Action::NextHeading);
    assert_eq!(right(&app, 1), "  시작하기");
    assert_eq!(right(&app, 2), "▸ 설치하기", "the mark follows the scroll");
    app.handle(Action::Click {
        x: outline.area.x + 3,
        y: outline.area.y + 3,
    });
    assert_eq!(right(&app, 3), "▸ 마무리", "a click jumps to a heading");
    assert!(
        app.article()
            .expect("render")
            .row_text(app.reader.scroll)
            .contains("마무리"),
        "the heading is the top line"
    );
    app.handle(Action::TogglePinnedOutline);
    assert_eq!(app.panes().and_then(|p| p.outline), None);
    assert!(!app.memory.state.outline_pinned);
}

#[test]
fn pinning_the_outline_in_a_narrow_terminal_says_it_shows_when_there_is_room() {
    let mut app = app(100, 24);
    let width = app.panes().expect("panes").article.width;
    app.handle(Action::TogglePinnedOutline);
    assert_eq!(app.panes().and_then(|p| p.outline), None);
    assert_eq!(app.panes().expect("panes").article.width, width);
    let rows = screen(&app);
    assert!(
        rows.last()
            .is_some_and(|r| r.contains("shows in a wider terminal")),
        "{rows:#?}"
    );
    app.handle(Action::Resize(160, 30));
    assert!(app.panes().and_then(|p| p.outline).is_some());
    let rows = screen(&app);
    assert!(
        rows.last()
            .is_some_and(|r| !r.contains("shows in a wider terminal")),
        "the outline shows now: {rows:#?}"
    );
}

#[test]
fn a_title_cut_in_the_list_is_shown_whole_in_the_status_line_while_it_is_selected() {
    let long_title = "[글] 긴 제목은 목록에서 잘려도 상태 줄에 다 보입니다";
    let mut app = App::new(
        PathBuf::from("/blog"),
        vec![
            post("long.md", long_title, 20, "본문\n".into()),
            post("short.md", "짧은 글", 1, "짧다.\n".into()),
        ],
        AppSettings::default(),
        Rect::new(0, 0, 100, 24),
    );
    let rows = screen(&app);
    let status = rows.last().cloned().unwrap_or_default();
    assert!(
        status.contains("[글] 긴 제목은 목록에서 잘려도 상태 줄에 다 보입니다"),
        "{rows:#?}"
    );
    assert!(status.contains("q quit"), "the key hints stay: {status}");
    let listed = rows
        .iter()
        .find(|r| r.contains("25.03.20"))
        .cloned()
        .unwrap_or_default();
    assert!(
        listed.contains("…") && listed.contains("25.03.20") && !listed.contains("[글]"),
        "the list cuts it, drops the prefix that repeats the group, keeps the date: {listed}"
    );
    app.handle(Action::Down);
    let status = screen(&app).last().cloned().unwrap_or_default();
    assert!(
        !status.contains("긴 제목"),
        "a title that fits is not repeated: {status}"
    );
}

fn blog_in_folders() -> Vec<Post> {
    let mut posts = vec![
        post("dev/rust.md", "러스트 이야기", 20, "러스트\n".repeat(400)),
        post("dev/go.md", "Go 이야기", 10, "고\n".into()),
        post("daily/walk.md", "가을 산책", 15, "산책\n".into()),
    ];
    for p in &mut posts {
        p.categories.clear();
    }
    posts
}

#[test]
fn a_blog_without_categories_is_grouped_by_folder_on_a_first_start_and_says_so() {
    let (mut app, effect) = App::reading(
        PathBuf::from("/blog"),
        AppSettings::default(),
        Rect::new(0, 0, 100, 24),
    );
    let geul::tui::app::Effect::ReadFolder(request) = effect else {
        panic!("a read first: {effect:?}");
    };
    app.folder_posts(geul::tui::worker::PostsRead {
        request,
        posts: blog_in_folders(),
    });
    // Chosen once every post is known, not from the first batch.
    assert_eq!(app.memory.state.group_by, None);
    app.folder_loaded(geul::tui::worker::Loaded {
        request,
        result: Ok(()),
    });
    let rows = screen(&app);
    assert!(rows[0].contains("by folder"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("▾ dev")), "{rows:#?}");
    assert!(
        rows.last().is_some_and(|r| r.contains("grouped by folder")),
        "{rows:#?}"
    );
}

#[test]
fn v_cycles_the_grouping_and_s_the_order_and_both_are_remembered() {
    let mut app = App::new(
        PathBuf::from("/blog"),
        blog_in_folders(),
        AppSettings::default(),
        Rect::new(0, 0, 100, 24),
    );
    let groups = |app: &App| -> Vec<String> {
        app.sidebar
            .groups()
            .iter()
            .map(|g| g.name.clone())
            .collect()
    };
    assert_eq!(groups(&app), ["uncategorized"]);
    app.handle(Action::CycleGrouping);
    assert_eq!(groups(&app), ["daily", "dev"]);
    assert_eq!(
        app.memory.state.group_by,
        Some(geul::library::grouping::GroupBy::Folder)
    );
    app.handle(Action::CycleGrouping);
    assert_eq!(groups(&app), ["2025-03"]);
    let titles = |app: &App| -> Vec<String> {
        app.sidebar
            .post_order()
            .iter()
            .map(|id| app.posts[id.index()].title.clone())
            .collect()
    };
    assert_eq!(titles(&app), ["러스트 이야기", "가을 산책", "Go 이야기"]);
    app.handle(Action::CycleSort);
    assert_eq!(
        titles(&app),
        ["Go 이야기", "가을 산책", "러스트 이야기"],
        "oldest"
    );
    app.handle(Action::CycleSort);
    assert_eq!(
        titles(&app),
        ["가을 산책", "러스트 이야기", "Go 이야기"],
        "가나다, then Latin"
    );
    app.handle(Action::CycleSort);
    assert_eq!(
        titles(&app).last().map(String::as_str),
        Some("러스트 이야기"),
        "longest last"
    );
    assert!(
        screen(&app)[0].contains("by month, readi"),
        "the title says how, cut to fit"
    );
    assert_eq!(
        app.memory.state.sort_by,
        Some(geul::library::grouping::SortBy::ReadingTime)
    );
}
