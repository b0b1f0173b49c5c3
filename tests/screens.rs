//! What the reader shows, asserted on ratatui's TestBackend, and how it behaves, driven
//! through `App::handle` without a terminal.

mod common;

use std::path::PathBuf;

use chrono::NaiveDate;
use common::app_screen::{frame, lined_rows};
use geul::library::{Post, PostId};
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Focus};
use geul::tui::overlays::Overlay;
use ratatui::layout::Rect;

fn date(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDateTime> {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(0, 0, 0))
}

fn post(title: &str, day: Option<chrono::NaiveDateTime>, category: &str, body: &str) -> Post {
    Post {
        path: PathBuf::from(format!("posts/{title}.md")),
        relative_path: PathBuf::from(format!("{title}.md")),
        title: title.to_string(),
        date: day,
        categories: if category.is_empty() {
            vec![]
        } else {
            vec![category.to_string()]
        },
        tags: vec!["생성형AI".into(), "LLM".into()],
        body: body.into(),
        body_line: 1,
        ..Post::default()
    }
}

const BODY: &str = "“생성형 AI가 글도 쓰고, 그림도 그려요.”\n말로 들으면 쉬운데,\n**“대체 어떻게?”** 싶은 순간이 옵니다. 🤔\n\n## 1. 한 줄 정의 ✅\n\n> **POINT** 💡\n> 생성형 AI는 **새 결과물**을 만드는 기술입니다.\n\n* 텍스트·이미지·음성\n* 영상까지\n\n1️⃣ **패턴 학습**\n\n### # 해시태그\n\n#생성형AI #LLM\n";

/// Newest first, as the library sorts them.
fn sample_posts() -> Vec<Post> {
    let mut long = String::new();
    for i in 1..=60 {
        long.push_str(&format!("{i}번째 문단입니다. 스크롤을 확인합니다.\n\n"));
    }
    vec![
        post(
            "생성형 AI란 무엇인가?",
            date(2025, 11, 20),
            "AI 정보 공유",
            BODY,
        ),
        post("제주 여행 기록", date(2025, 3, 2), "여행 & 일상", &long),
        post(
            "Reading in the terminal",
            date(2024, 5, 1),
            "Dev Notes",
            "# Hello\n\nPlain *English* text.\n",
        ),
        post("분류 없는 메모", None, "", "메모입니다.\n"),
    ]
}

fn app_with(posts: Vec<Post>, width: u16, height: u16) -> App {
    App::new(
        PathBuf::from("posts"),
        posts,
        AppSettings::default(),
        Rect::new(0, 0, width, height),
    )
}

fn screen(app: &App) -> String {
    lined_rows(&frame(app))
        .into_iter()
        .map(|row| row + "\n")
        .collect()
}

#[test]
fn the_main_screen_shows_categories_and_the_newest_post() {
    let app = app_with(sample_posts(), 90, 24);
    let screen = screen(&app);
    assert!(screen.contains("AI 정보 공유 1"));
    assert!(screen.contains("생성형 AI란 무엇인가?"));
    assert_eq!(app.focus, Focus::Sidebar);
    insta::assert_snapshot!("main_screen", screen);
}

#[test]
fn the_help_overlay_lists_every_binding() {
    // Tall enough for every binding; a shorter terminal scrolls the help (below).
    let mut app = app_with(sample_posts(), 90, 28);
    app.handle(Action::ToggleHelp);
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    let screen = screen(&app);
    for (keys, _) in geul::tui::keymap::BINDINGS {
        assert!(screen.contains(keys), "help is missing {keys}");
    }
    insta::assert_snapshot!("help_overlay", screen);
    app.handle(Action::Open);
    assert!(
        app.overlay.is_none(),
        "any key but scrolling closes the help"
    );
}

#[test]
fn in_a_short_terminal_the_help_scrolls_with_j_and_k() {
    let mut app = app_with(sample_posts(), 90, 12);
    app.handle(Action::ToggleHelp);
    let first = screen(&app);
    let bindings = geul::tui::keymap::BINDINGS;
    assert!(first.contains(bindings[0].0), "{first}");
    assert!(!first.contains(bindings[bindings.len() - 1].0), "{first}");
    assert!(
        first.contains("↓ j"),
        "the border says there is more below\n{first}"
    );
    app.handle(Action::Bottom);
    let last = screen(&app);
    assert!(last.contains(bindings[bindings.len() - 1].0), "{last}");
    assert!(!last.contains(bindings[0].0), "{last}");
    assert!(last.contains("↑ k"), "{last}");
    insta::assert_snapshot!("help_overlay_scrolled_to_the_end", last);
    app.handle(Action::Up);
    assert!(
        matches!(app.overlay, Some(Overlay::Help(_))),
        "scrolling keeps the help open"
    );
    app.handle(Action::NextPost);
    assert!(app.overlay.is_none(), "any other key closes it");
}

#[test]
fn an_empty_folder_says_so() {
    let app = app_with(vec![], 80, 20);
    let screen = screen(&app);
    assert!(screen.contains("No posts here yet."));
    insta::assert_snapshot!("empty_folder", screen);
}

#[test]
fn a_post_that_did_not_parse_is_listed_marked_and_shows_its_error_above_the_text() {
    let mut broken = post(
        "깨진 글",
        None,
        "",
        "---\ntitle : \"깨진\n---\n본문은 읽힙니다.\n",
    );
    broken.error =
        Some("front matter: YAML error at line 2, column 9: found unexpected end of stream".into());
    let mut posts = sample_posts();
    posts.push(broken);
    let mut app = app_with(posts, 90, 24);
    app.handle(Action::Bottom);
    let screen = screen(&app);
    assert!(screen.contains("! 깨진 글"), "the sidebar marks the post");
    assert!(screen.contains("⚠ front matter: YAML error at line 2"));
    assert!(screen.contains("본문은 읽힙니다."));
    assert!(screen.contains("1 post failed to parse"));
    insta::assert_snapshot!("parse_error", screen);
}

#[test]
fn moving_in_the_sidebar_shows_the_selected_post() {
    let mut app = app_with(sample_posts(), 90, 24);
    // Rows: AI category, post 0, Dev Notes, post 2, 여행 category, post 1, ...
    app.handle(Action::Down);
    app.handle(Action::Down);
    assert!(screen(&app).contains("Plain English text."));
}

#[test]
fn enter_focuses_the_article_and_scrolling_moves_it() {
    let mut app = app_with(sample_posts(), 90, 24);
    app.handle(Action::NextPost);
    app.handle(Action::NextPost);
    assert_eq!(
        app.reader.open,
        Some(PostId(1)),
        "sidebar order: AI, Dev Notes, 여행, uncategorized"
    );
    app.handle(Action::Open);
    assert_eq!(
        app.focus,
        Focus::Article,
        "Enter on a post focuses the article"
    );
    let top = screen(&app);
    app.handle(Action::PageDown);
    assert!(app.reader.scroll > 0);
    assert_ne!(screen(&app), top);
    app.handle(Action::Bottom);
    assert!(screen(&app).contains("60번째 문단입니다."));
    app.handle(Action::Top);
    assert_eq!(app.reader.scroll, 0);
    app.handle(Action::Back);
    assert_eq!(app.focus, Focus::Sidebar);
}

#[test]
fn previous_and_next_follow_the_sidebar_order() {
    let mut app = app_with(sample_posts(), 90, 24);
    assert_eq!(app.reader.open, Some(PostId(0)));
    app.handle(Action::PreviousPost);
    assert_eq!(
        app.reader.open,
        Some(PostId(0)),
        "already at the first post"
    );
    app.handle(Action::NextPost);
    assert_eq!(app.reader.open, Some(PostId(2)));
}

#[test]
fn resizing_keeps_the_same_source_line_at_the_top() {
    let mut app = app_with(sample_posts(), 120, 30);
    app.handle(Action::NextPost);
    app.handle(Action::NextPost);
    app.handle(Action::ToggleFocus);
    for _ in 0..40 {
        app.handle(Action::Down);
    }
    let before = first_word_at_top(&app);
    assert_eq!(before, "19번째");
    app.handle(Action::Resize(60, 30));
    assert_eq!(first_word_at_top(&app), before);
    app.handle(Action::Resize(100, 40));
    assert_eq!(first_word_at_top(&app), before);
}

/// The first word of the first non-blank row at the top of the article pane: the same
/// source line shows the same first word at any width.
fn first_word_at_top(app: &App) -> String {
    first_article_line(app)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn first_article_line(app: &App) -> String {
    let article = app.article().expect("an article is open");
    let mut row = app.reader.scroll;
    while article.row_text(row).trim().is_empty() && row + 1 < article.lines.len() {
        row += 1;
    }
    article.row_text(row)
}

#[test]
fn tiny_terminals_never_panic_and_show_a_message() {
    let mut app = app_with(sample_posts(), 90, 24);
    for (w, h) in [(1, 1), (2, 1), (10, 3), (39, 5), (40, 6), (1, 40), (200, 1)] {
        app.handle(Action::Resize(w, h));
        let screen = screen(&app);
        if w < 40 || h < 6 {
            if w >= 20 && h >= 2 {
                assert!(screen.contains("geul needs 40x6"), "{w}x{h}: {screen}");
            }
        } else {
            assert!(screen.contains("글 posts"));
        }
        for action in [
            Action::Down,
            Action::PageDown,
            Action::Bottom,
            Action::Click { x: 0, y: 0 },
        ] {
            app.handle(action);
        }
    }
}

#[test]
fn an_article_is_rendered_once_per_width() {
    let mut app = app_with(sample_posts(), 90, 24);
    let cached = app.renders_cached();
    for _ in 0..5 {
        app.handle(Action::Resize(90, 24));
        let _ = screen(&app);
    }
    assert_eq!(app.renders_cached(), cached);
    app.handle(Action::Resize(100, 24));
    assert_eq!(app.renders_cached(), cached + 1);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_and_a_click_selects_a_post() {
    let mut app = app_with(sample_posts(), 90, 24);
    app.handle(Action::NextPost);
    app.handle(Action::NextPost);
    app.handle(Action::Scroll {
        x: 60,
        y: 10,
        delta: 3,
    });
    assert_eq!(app.reader.scroll, 3);
    // Row 1 of the screen is the sidebar's first row (a category), row 2 its first post.
    app.handle(Action::Click { x: 3, y: 2 });
    assert_eq!(app.reader.open, Some(PostId(0)));
}

#[test]
fn quit_and_redraw_are_flags_for_the_event_loop() {
    let mut app = app_with(sample_posts(), 90, 24);
    app.handle(Action::Redraw);
    assert!(app.full_redraw);
    app.handle(Action::Quit);
    assert!(app.should_quit);
}

#[test]
fn reload_picks_up_a_new_post_and_keeps_the_open_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: 첫 글\ndate: 2024-01-01\n---\n본문\n",
    )
    .expect("write");
    let library = geul::library::Library::load(dir.path()).expect("loads");
    let mut app = App::new(
        dir.path().to_path_buf(),
        library.posts,
        AppSettings::default(),
        Rect::new(0, 0, 90, 24),
    );
    assert_eq!(app.posts.len(), 1);
    std::fs::write(
        dir.path().join("b.md"),
        "---\ntitle: 둘째 글\ndate: 2023-01-01\n---\n본문\n",
    )
    .expect("write");
    // `r` asks the event loop to read the folder; `perform` is what the loop does.
    geul::tui::perform(&mut app, Action::Reload);
    assert_eq!(app.posts.len(), 2);
    assert_eq!(
        app.reader.open.map(|o| app.posts[o.index()].title.clone()),
        Some("첫 글".to_string())
    );
    assert!(screen(&app).contains("reloaded 2 posts"));
}

/// What a terminal that draws East Asian ambiguous characters wide shows for `app`, row
/// by row, or the first cell where that terminal and ratatui's buffer disagree on how far
/// the cursor moves (the cell after it would be drawn in the wrong column).
fn cjk_terminal_screen(app: &App) -> Result<String, String> {
    use ratatui::buffer::CellWidth;
    let buffer = frame(app);
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let cell = &buffer[(x, y)];
            let drawn = unicode_width::UnicodeWidthStr::width_cjk(cell.symbol()).max(1) as u16;
            if drawn != cell.cell_width().max(1) {
                return Err(format!(
                    "row {y} column {x}: {:?} takes {drawn} columns in the terminal, {} in the buffer\n{out}",
                    cell.symbol(),
                    cell.cell_width()
                ));
            }
            out.push_str(cell.symbol());
            x += drawn;
        }
        out.push('\n');
    }
    Ok(out)
}

#[test]
fn in_a_terminal_that_draws_ambiguous_characters_wide_every_cell_lands_where_the_buffer_expects() {
    use geul::text::width::{TerminalWidths, with_model};
    let body = "## 표 · “인용”\n\n| 요소 | 문법 |\n|---|:---:|\n| 굵게 | `**글자**` |\n| 점 | a·b… |\n\n> **TIP** 💡\n> * 목록·항목\n\n```rust\nfn main() {}\n```\n\n---\n\n#생성형AI #LLM\n";
    let mut posts = sample_posts();
    posts[0].body = body.into();
    posts[0].title = "생성형 AI란 무엇인가? 아주 긴 제목이라서 잘립니다".to_string();
    let wide = TerminalWidths::UNICODE.with_ambiguous(2);
    with_model(wide, || {
        let mut app = app_with(posts, 90, 30);
        let main = cjk_terminal_screen(&app).unwrap_or_else(|e| panic!("{e}"));
        // The pane separator and the table borders are ASCII, one column everywhere.
        assert!(main.contains("| 요소 |"), "{main}");
        assert!(!main.contains('│') && !main.contains('┌'), "{main}");
        insta::assert_snapshot!("cjk_wide_main_screen", main);
        for action in [Action::ToggleHelp, Action::Close, Action::OpenTagPicker] {
            app.handle(action);
            let screen = cjk_terminal_screen(&app).unwrap_or_else(|e| panic!("{e}"));
            assert!(!screen.contains('╭'), "{screen}");
        }
        app.handle(Action::Close);
        app.handle(Action::OpenSearch);
        cjk_terminal_screen(&app).unwrap_or_else(|e| panic!("{e}"));
    });
}
