//! A long article is shown before it is all rendered: opening it renders its first
//! screens, the rest comes a piece at a time while the reader waits for keys, and whatever
//! needs the whole article (the last row, search, chips) gets it at once.

use std::path::{Path, PathBuf};

use geul::library::scan::post_from_text;
use geul::markdown::{RenderOptions, render_post};
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings};
use ratatui::layout::Rect;

/// A post of about 2 MB: a sample post's body repeated.
fn long_post() -> geul::library::Post {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("posts/dev/markdown-cheatsheet-for-bloggers.md");
    let text = std::fs::read_to_string(&path).expect("the cheatsheet sample post");
    let split = text.find("\n---").map_or(0, |i| i + 4);
    let (front, body) = text.split_at(split);
    let text = format!("{front}{}", body.repeat(300));
    post_from_text(path, PathBuf::from("long.md"), &text)
}

fn reader(post: geul::library::Post) -> App {
    App::new(
        PathBuf::from("posts"),
        vec![post],
        AppSettings::default(),
        Rect::new(0, 0, 100, 30),
    )
}

#[test]
fn opening_a_long_article_renders_its_first_screens_and_the_rest_while_idle() {
    let post = long_post();
    let settings = AppSettings::default();
    let whole = render_post(
        &post,
        &RenderOptions {
            width: reader(post.clone()).panes().map_or(0, |p| p.article.width),
            soft_breaks: settings.soft_breaks,
            theme: &settings.theme,
        },
    );
    let mut app = reader(post);
    let first = app.article().map_or(0, |a| a.lines.len());
    assert!(first >= 60, "two screens are there at once: {first} rows");
    assert!(
        first < whole.lines.len() / 4,
        "not the whole article: {first} of {} rows",
        whole.lines.len()
    );
    assert!(app.rendering());
    while app.render_more() {}
    let done = app.article().expect("an article");
    assert_eq!(
        done.lines, whole.lines,
        "the pieces add up to the whole render"
    );
    assert_eq!(done.anchors, whole.anchors);
    assert_eq!(done.chips, whole.chips);
    assert_eq!(done.block_lines, whole.block_lines);
}

#[test]
fn going_to_the_bottom_renders_the_rest_at_once() {
    let mut app = reader(long_post());
    app.handle(Action::ToggleFocus);
    app.handle(Action::Bottom);
    assert!(!app.rendering(), "the whole article is there");
    assert_eq!(app.percent(), 100);
}

#[test]
fn scrolling_down_never_runs_out_of_rows() {
    let mut app = reader(long_post());
    app.handle(Action::ToggleFocus);
    for _ in 0..50 {
        app.handle(Action::PageDown);
    }
    let rows = app.article().map_or(0, |a| a.lines.len());
    assert!(
        rows > app.reader.scroll + 30,
        "rows stay rendered a screen ahead of the place: {rows} at {}",
        app.reader.scroll
    );
    assert!(
        app.reader.scroll >= 50 * 20,
        "every page moved: {}",
        app.reader.scroll
    );
}
