//! Reading like in a book, driven through `App::handle` and asserted on ratatui's
//! TestBackend: the outline, heading jumps, links, back and forward, the editor.

mod common;

use std::path::PathBuf;

use common::app_screen::{dated_post, frame, row_text};
use geul::library::Post;
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Effect};
use geul::tui::overlays::Overlay;
use ratatui::layout::Rect;

fn post(name: &str, title: &str, day: u32, body: String) -> Post {
    dated_post(name, title, day, &body)
}

fn filler(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("{i}번째 문단입니다.\n\n"))
        .collect()
}

/// The newest post links to the other, which has headings and a long body.
fn blog() -> Vec<Post> {
    let guide = format!(
        "# 안내\n\n{}## 설치하기\n\n{}## 사용법\n\n{}### 고급\n\n{}",
        filler(1, 10),
        filler(11, 10),
        filler(21, 10),
        filler(31, 10)
    );
    let first = format!(
        "머리말.\n\n{}[설치 안내](guide.md#설치하기) 와 [웹](https://example.com) 그리고 \
         [위험](javascript:alert(1)) 과 [밖](../../etc/passwd.md) 과 [[안내서#사용법|쓰는 법]]\n\n{}",
        filler(100, 10),
        filler(200, 5)
    );
    vec![
        post("first.md", "첫 글", 20, first),
        post("guide.md", "안내서", 10, guide),
    ]
}

fn app() -> App {
    App::new(
        PathBuf::from("/blog"),
        blog(),
        AppSettings::default(),
        Rect::new(0, 0, 100, 24),
    )
}

/// The top line of the article pane as drawn.
fn article_top(app: &App) -> String {
    let panes = app.panes().expect("panes");
    let area = panes.article;
    row_text(&frame(app), area.y, area.x, area.right())
        .trim()
        .to_string()
}

fn screen(app: &App) -> String {
    let buffer = frame(app);
    (0..app.area.height)
        .map(|y| row_text(&buffer, y, 0, app.area.width) + "\n")
        .collect()
}

fn status(app: &App) -> String {
    let buffer = frame(app);
    row_text(&buffer, app.area.height - 1, 0, app.area.width)
}

fn open_guide(app: &mut App) {
    app.handle(Action::NextPost);
    assert!(screen(app).contains("안내서"));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle(Action::Input(c));
    }
}

#[test]
fn the_outline_lists_the_headings_and_enter_puts_the_chosen_one_at_the_top() {
    let mut app = app();
    open_guide(&mut app);
    app.handle(Action::OpenOutline);
    let shown = screen(&app);
    assert!(shown.contains("outline"), "{shown}");
    for heading in ["안내", "설치하기", "사용법", "고급"] {
        assert!(shown.contains(heading), "{heading} missing:\n{shown}");
    }
    type_text(&mut app, "ㅅㅇ");
    app.handle(Action::Open);
    assert!(app.overlay.is_none());
    assert_eq!(article_top(&app), "사용법");
}

#[test]
fn the_outline_marks_the_section_being_read() {
    let mut app = app();
    open_guide(&mut app);
    app.handle(Action::NextHeading);
    app.handle(Action::NextHeading);
    assert_eq!(article_top(&app), "설치하기");
    app.handle(Action::Down);
    app.handle(Action::Down);
    app.handle(Action::Down);
    app.handle(Action::OpenOutline);
    let shown = screen(&app);
    assert!(shown.contains("▸   설치하기"), "{shown}");
    app.handle(Action::Close);
    assert!(app.overlay.is_none());
}

#[test]
fn braces_step_from_heading_to_heading_and_say_when_there_is_none() {
    let mut app = app();
    open_guide(&mut app);
    app.handle(Action::NextHeading);
    assert_eq!(article_top(&app), "안내");
    app.handle(Action::NextHeading);
    app.handle(Action::NextHeading);
    assert_eq!(article_top(&app), "사용법");
    app.handle(Action::PreviousHeading);
    assert_eq!(article_top(&app), "설치하기");
    app.handle(Action::PreviousHeading);
    app.handle(Action::PreviousHeading);
    assert!(
        status(&app).contains("no heading above"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_relative_link_opens_the_post_at_its_heading_and_back_returns_to_the_place() {
    let mut app = app();
    for _ in 0..5 {
        app.handle(Action::PageDown);
    }
    let before = article_top(&app);
    app.handle(Action::OpenLinks);
    assert!(matches!(app.overlay, Some(Overlay::Links(_))));
    assert!(screen(&app).contains("설치 안내"));
    assert!(
        status(&app).contains("→ guide.md#설치하기"),
        "{}",
        status(&app)
    );
    app.handle(Action::Open);
    assert!(screen(&app).contains("안내서"));
    assert_eq!(article_top(&app), "설치하기");
    assert_eq!(app.sidebar.selected_post(), app.reader.open);

    app.handle(Action::HistoryBack);
    assert_eq!(article_top(&app), before);
    assert!(screen(&app).contains("첫 글"));
    assert_eq!(app.sidebar.selected_post(), app.reader.open);

    app.handle(Action::HistoryForward);
    assert_eq!(article_top(&app), "설치하기");
    app.handle(Action::HistoryForward);
    assert!(status(&app).contains("nothing to go forward to"));
}

#[test]
fn a_web_link_is_an_effect_for_the_event_loop_and_other_schemes_are_refused() {
    let mut app = app();
    app.handle(Action::OpenLinks);
    app.handle(Action::Down);
    assert!(status(&app).contains("opens https://example.com"));
    let effects = app.handle(Action::Open);
    assert_eq!(effects, [Effect::OpenUrl("https://example.com".into())]);

    app.handle(Action::OpenLinks);
    type_text(&mut app, "위험");
    assert!(app.handle(Action::Open).is_empty());
    assert!(status(&app).contains("not followed"), "{}", status(&app));

    app.handle(Action::OpenLinks);
    type_text(&mut app, "밖");
    assert!(app.handle(Action::Open).is_empty());
    assert!(
        status(&app).contains("out of the folder"),
        "{}",
        status(&app)
    );
    assert!(screen(&app).contains("첫 글"), "nothing else opened");
}

#[test]
fn edit_asks_for_the_editor_at_the_source_line_at_the_top() {
    let mut app = app();
    open_guide(&mut app);
    app.handle(Action::NextHeading);
    app.handle(Action::NextHeading);
    assert_eq!(article_top(&app), "설치하기");
    let effects = app.handle(Action::Edit);
    // The body starts on line 5 of the file and `## 설치하기` is its 22nd line (0-based).
    assert_eq!(
        effects,
        [Effect::Edit {
            file: PathBuf::from("/blog/guide.md"),
            line: 27
        }]
    );
}

#[test]
fn a_wiki_link_opens_the_post_it_names_by_title() {
    let mut app = app();
    app.handle(Action::OpenLinks);
    type_text(&mut app, "쓰는");
    assert!(screen(&app).contains("[[안내서#사용법|쓰는 법]]"));
    assert!(
        status(&app).contains("→ guide.md#사용법"),
        "{}",
        status(&app)
    );
    app.handle(Action::Open);
    assert!(screen(&app).contains("안내서"));
    assert_eq!(article_top(&app), "사용법");
}
