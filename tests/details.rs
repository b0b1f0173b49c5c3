//! `<details>` in the reader: a summary line folds its body, as in a browser. Tab chooses
//! a summary like a link and Enter expands or collapses it; a click on it does too; Enter
//! with nothing chosen toggles the first summary in the pane; a jump into a folded body
//! expands it. Driven through `App::handle` and checked on the drawn screen.

mod common;

use std::path::PathBuf;

use common::app_screen::{dated_post, screen};
use geul::library::Post;
use geul::library::site_syntax::normalize_reading_details;
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Focus};
use ratatui::layout::Rect;

const BODY: &str = "첫 문단입니다.\n\n\
    <details>\n<summary>장비 목록 보기</summary>\n\n\
    ## 숨은 제목\n\n- 작은 카메라\n- 단렌즈 하나\n\n</details>\n\n\
    뒤 문단입니다.\n";

/// A post whose body goes through the site syntax as a scanned post's does.
fn post_with(body: &str) -> Post {
    let (text, details) = normalize_reading_details(body);
    Post {
        details: details.into(),
        ..dated_post("details.md", "접는 글", 20, &text)
    }
}

fn app(body: &str) -> App {
    App::new(
        PathBuf::from("/blog"),
        vec![post_with(body)],
        AppSettings::default(),
        Rect::new(0, 0, 90, 24),
    )
}

/// Whether the screen shows `text` (compared without spaces: a wide character's second
/// cell is a blank).
fn shows(app: &App, text: &str) -> bool {
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    screen(app)
        .lines()
        .any(|l| squeeze(l).contains(&squeeze(text)))
}

/// The article's row at the top of the pane.
fn top_row(app: &App) -> String {
    app.article()
        .map(|a| a.row_text(app.reader.scroll))
        .unwrap_or_default()
}

#[test]
fn tab_chooses_the_summary_and_enter_expands_then_collapses_it() {
    let mut app = app(BODY);
    assert!(shows(&app, "▸ 장비 목록 보기"), "{}", screen(&app));
    assert!(
        !shows(&app, "작은 카메라"),
        "folded at first: {}",
        screen(&app)
    );
    assert!(shows(&app, "뒤 문단입니다."));
    app.handle(Action::TabForward);
    assert_eq!(app.focus, Focus::Article);
    app.handle(Action::TabForward);
    assert!(app.reader.link.is_some(), "the summary is a stop");
    let status = screen(&app).lines().last().unwrap_or_default().to_string();
    assert!(status.contains("Enter unfolds"), "{status}");
    app.handle(Action::Open);
    assert!(shows(&app, "▾ 장비 목록 보기"), "{}", screen(&app));
    assert!(shows(&app, "│ • 작은 카메라"), "{}", screen(&app));
    assert!(shows(&app, "│ 숨은 제목"), "{}", screen(&app));
    assert!(
        app.reader.link.is_some(),
        "still chosen, so Enter folds it again"
    );
    app.handle(Action::Open);
    assert!(shows(&app, "▸ 장비 목록 보기"), "{}", screen(&app));
    assert!(!shows(&app, "작은 카메라"), "{}", screen(&app));
    app.handle(Action::TabForward);
    assert_eq!(app.focus, Focus::Sidebar, "no more stops: back to the list");
}

#[test]
fn a_click_on_the_summary_line_toggles_it() {
    let mut app = app(BODY);
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    let y = screen(&app)
        .lines()
        .position(|l| squeeze(l).contains("▸장비목록보기"))
        .expect("the summary is drawn");
    let x = 60;
    app.handle(Action::Click {
        x: x as u16,
        y: y as u16,
    });
    assert!(shows(&app, "│ • 단렌즈 하나"), "{}", screen(&app));
    app.handle(Action::Click {
        x: x as u16,
        y: y as u16,
    });
    assert!(!shows(&app, "단렌즈 하나"), "{}", screen(&app));
}

/// [`BODY`] and enough paragraphs after it to scroll.
fn long_body() -> String {
    format!("{BODY}\n{}", "아래를 채우는 문단입니다.\n\n".repeat(40))
}

#[test]
fn enter_with_nothing_chosen_toggles_the_first_summary_in_the_pane() {
    let two = BODY.replace(
        "뒤 문단",
        "<details>\n<summary>둘째 요약</summary>\n\n둘째 속\n\n</details>\n\n뒤 문단",
    );
    let mut app = app(&two);
    app.handle(Action::TabForward);
    app.handle(Action::Open);
    assert!(shows(&app, "│ • 작은 카메라"), "{}", screen(&app));
    assert!(shows(&app, "▸ 둘째 요약"), "the second stays folded");
    app.handle(Action::Open);
    assert!(
        !shows(&app, "작은 카메라"),
        "Enter again folds it: {}",
        screen(&app)
    );
}

#[test]
fn enter_on_a_summary_scrolled_to_the_top_keeps_it_there() {
    let mut app = app(&long_body());
    app.handle(Action::TabForward);
    // Down to the summary's row: it is the top row of the pane.
    while !top_row(&app).contains("장비 목록 보기") {
        let before = app.reader.scroll;
        app.handle(Action::Down);
        assert_ne!(app.reader.scroll, before, "{}", screen(&app));
    }
    app.handle(Action::Open);
    assert!(shows(&app, "│ • 작은 카메라"), "{}", screen(&app));
    assert_eq!(top_row(&app), "▾ 장비 목록 보기", "the place is kept");
}

#[test]
fn an_outline_jump_into_a_folded_body_expands_it_and_lands_on_the_heading() {
    let mut app = app(&long_body());
    app.handle(Action::TabForward);
    app.handle(Action::OpenOutline);
    for c in "숨은".chars() {
        app.handle(Action::Input(c));
    }
    app.handle(Action::Open);
    assert_eq!(top_row(&app), "│ 숨은 제목", "{}", screen(&app));
    assert!(shows(&app, "▾ 장비 목록 보기") || shows(&app, "작은 카메라"));
}

#[test]
fn a_details_with_open_starts_expanded() {
    let app = app(&BODY.replace("<details>", "<details open>"));
    assert!(shows(&app, "▾ 장비 목록 보기"), "{}", screen(&app));
    assert!(shows(&app, "│ • 작은 카메라"), "{}", screen(&app));
}

#[test]
fn a_search_result_inside_a_folded_body_expands_it_and_shows_the_match() {
    let mut app = app(&long_body());
    app.handle(Action::OpenSearch);
    for c in "단렌즈".chars() {
        app.handle(Action::Input(c));
    }
    app.handle(Action::Open);
    let search = app
        .reader
        .search
        .as_ref()
        .expect("the query is highlighted");
    assert_eq!(search.matches.len(), 1, "the match in the body is found");
    assert!(shows(&app, "│ • 단렌즈 하나"), "{}", screen(&app));
    assert!(shows(&app, "▾ 장비 목록 보기"), "{}", screen(&app));
}

#[test]
fn the_next_heading_key_passes_over_a_heading_in_a_folded_body() {
    let body = format!(
        "{BODY}\n## 보이는 제목\n\n{}",
        "아래를 채우는 문단입니다.\n\n".repeat(40)
    );
    let mut app = app(&body);
    app.handle(Action::TabForward);
    app.handle(Action::NextHeading);
    assert_eq!(top_row(&app), "보이는 제목", "{}", screen(&app));
    app.handle(Action::Top);
    app.handle(Action::TabForward);
    app.handle(Action::Open);
    assert!(shows(&app, "▾ 장비 목록 보기"), "{}", screen(&app));
    app.handle(Action::Top);
    app.handle(Action::NextHeading);
    assert_eq!(top_row(&app), "│ 숨은 제목", "unfolded, it is a stop");
}

#[test]
fn a_summary_unfolded_at_the_bottom_of_the_pane_brings_its_body_into_view() {
    let body = format!("{}{}", "위를 채우는 문단입니다.\n\n".repeat(8), long_body());
    let mut app = app(&body);
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    let summary_y = |app: &App| {
        screen(app)
            .lines()
            .position(|l| squeeze(l).contains("장비목록보기"))
    };
    assert!(
        summary_y(&app).is_some_and(|y| y > 16),
        "near the bottom: {}",
        screen(&app)
    );
    app.handle(Action::TabForward);
    app.handle(Action::TabForward);
    app.handle(Action::Open);
    assert!(shows(&app, "│ • 단렌즈 하나"), "{}", screen(&app));
    assert!(shows(&app, "▾ 장비 목록 보기"), "{}", screen(&app));
}

#[test]
fn keys_and_clicks_after_g_in_a_terminal_too_small_for_the_panes_never_overflow_the_scroll() {
    // With no room for the panes there is no article to clamp the scroll to, so `G` leaves
    // it at "the end" (usize::MAX): every key that counts the pane's rows from it must not
    // overflow, and the reader is whole again once the terminal grows.
    for next in [
        Action::Open,
        Action::TabForward,
        Action::TabBack,
        Action::Click { x: 40, y: 0 },
        Action::Down,
    ] {
        let mut app = app(BODY);
        app.handle(Action::Open);
        app.handle(Action::Resize(46, 1));
        app.handle(Action::Bottom);
        app.handle(next);
        app.handle(Action::Resize(90, 24));
        assert!(
            shows(&app, "뒤 문단입니다"),
            "after {next:?}:\n{}",
            screen(&app)
        );
    }
}
