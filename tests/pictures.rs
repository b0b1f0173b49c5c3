//! Pictures in the reader, half-block mode, driven through `App::handle` with the picture
//! work done on the calling thread (`perform`), and asserted on ratatui's TestBackend.

mod common;

use std::path::Path;

use common::app_screen::{frame, lined_rows};
use common::manifest_dir;
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Focus};
use geul::tui::perform;
use geul::tui::pictures::PictureSettings;
use geul::tui::pictures::encoder::Encoder;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

/// The blog at `root` read whole, pictures in half blocks, on a screen of `width` ×
/// `height`, with the newest post open.
fn reader_on(root: &Path, width: u16, height: u16) -> App {
    let settings = AppSettings {
        pictures: PictureSettings {
            encoder: Some(Encoder::Halfblocks),
            ..PictureSettings::default()
        },
        ..AppSettings::default()
    };
    let (mut app, read) =
        App::reading(root.to_path_buf(), settings, Rect::new(0, 0, width, height));
    geul::tui::perform_effect(&mut app, read);
    perform(&mut app, Action::Redraw);
    app
}

fn hugo() -> std::path::PathBuf {
    manifest_dir().join("posts/sites/hugo-blog")
}

fn jekyll() -> std::path::PathBuf {
    manifest_dir().join("posts/sites/jekyll-blog")
}

/// How many cells of row `y` from column `from_x` on are a half-block picture's: `▀` or
/// `▄` in two colours, or a blank of one colour (fore and background the same).
fn picture_cells(buffer: &Buffer, y: u16, from_x: u16) -> usize {
    (from_x..buffer.area.width)
        .filter(|x| {
            let cell = &buffer[(*x, y)];
            let coloured = matches!(cell.bg, Color::Rgb(..)) && matches!(cell.fg, Color::Rgb(..));
            coloured
                && (matches!(cell.symbol(), "▀" | "▄")
                    || (cell.symbol() == " " && cell.fg == cell.bg))
        })
        .count()
}

/// Opens the post whose title starts with `title`, focusing the article.
fn open(app: &mut App, title: &str) {
    for _ in 0..app.posts.len() + 3 {
        let open = app.reader.open.and_then(|id| app.posts.get(id));
        if open.is_some_and(|p| p.title.starts_with(title)) {
            perform(app, Action::Open);
            return;
        }
        perform(app, Action::Down);
    }
    panic!("no post titled {title}");
}

#[test]
fn a_posts_thumbnail_is_drawn_under_its_header_in_half_blocks() {
    let app = reader_on(&hugo(), 90, 24);
    let buffer = frame(&app);
    let shown = lined_rows(&buffer);
    let article = app.article().expect("a post is open");
    let [thumbnail, ..] = article.pictures[..] else {
        panic!("the thumbnail has its rows: {:?}", article.pictures);
    };
    // A third of the 23-row pane, 320 × 180 pixels enlarged to it: 7 rows, 25 columns.
    assert_eq!(
        (thumbnail.row, thumbnail.rows, thumbnail.columns),
        (5, 7, 25)
    );
    let pane_x = 36;
    for y in 5..5 + 7 {
        assert!(
            picture_cells(&buffer, y, pane_x) >= 24,
            "row {y} shows the picture: {:?}",
            shown[usize::from(y)]
        );
    }
    assert_eq!(
        picture_cells(&buffer, 12, pane_x),
        0,
        "the blank row after it"
    );
    insta::assert_snapshot!("hugo_post_with_its_thumbnail", shown.join("\n"));
}

#[test]
fn inline_pictures_are_drawn_above_their_captions_as_the_reader_scrolls_to_them() {
    let mut app = reader_on(&jekyll(), 100, 30);
    open(&mut app, "파이썬으로");
    assert_eq!(app.focus, Focus::Article);
    let article = app.article().expect("open").clone();
    assert_eq!(article.pictures.len(), 3, "{:?}", article.pictures);
    let terminal = article.pictures[1];
    let caption = article.row_text(terminal.row + usize::from(terminal.rows));
    assert_eq!(caption, "🖼 터미널에 찍힌 월별 막대");
    // Scroll until the picture's first row is the pane's top: its rows are all drawn.
    while app.reader.scroll < terminal.row {
        perform(&mut app, Action::Down);
    }
    assert_eq!(
        app.reader.scroll,
        terminal.row,
        "{:?}",
        app.article().map(|a| a.pictures.clone())
    );
    let buffer = frame(&app);
    let pane_x = 36;
    for y in 0..terminal.rows {
        assert!(
            picture_cells(&buffer, y, pane_x) >= 30,
            "row {y}: {:?}",
            lined_rows(&buffer)[usize::from(y)]
        );
    }
    // Two rows further, the first two are scrolled out: the rest is still drawn, from the
    // top of the pane, and the caption follows it.
    perform(&mut app, Action::Down);
    perform(&mut app, Action::Down);
    let cropped = frame(&app);
    for y in 0..terminal.rows - 2 {
        assert!(picture_cells(&cropped, y, pane_x) >= 30, "row {y}");
    }
    let y = terminal.rows - 2;
    assert!(lined_rows(&cropped)[usize::from(y)].contains("🖼 터미널에 찍힌 월별 막대"));
    assert_eq!(picture_cells(&cropped, y, pane_x), 0);
}

#[test]
fn i_turns_pictures_off_keeping_the_captions_and_on_again_and_is_remembered() {
    let mut app = reader_on(&jekyll(), 100, 30);
    open(&mut app, "파이썬으로");
    let with = app.article().expect("open").lines.len();
    perform(&mut app, Action::TogglePictures);
    assert!(app.memory.state.pictures_hidden);
    assert_eq!(app.notice.as_deref(), Some("pictures off"));
    let article = app.article().expect("open");
    assert!(article.pictures.is_empty());
    assert_eq!(
        with - article.lines.len(),
        9 + 9 + 9 + 1,
        "the rows kept for three pictures"
    );
    let buffer = frame(&app);
    assert!((0..29).all(|y| picture_cells(&buffer, y, 36) == 0));
    perform(&mut app, Action::TogglePictures);
    assert!(!app.memory.state.pictures_hidden);
    assert_eq!(app.article().expect("open").lines.len(), with);
}

#[test]
fn a_picture_that_cannot_be_shown_is_its_caption_and_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("static")).expect("static");
    std::fs::write(
        dir.path().join("static/broken.png"),
        b"\x89PNG\r\n\x1a\nnot really",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: 사진 없음\nthumbnail: https://img.example/t.png\n---\n\
         ![없는 그림](/gone.png)\n\n![깨진 그림](/broken.png)\n\n끝\n",
    )
    .expect("write");
    let app = reader_on(dir.path(), 90, 24);
    let shown = lined_rows(&frame(&app)).join("\n");
    assert!(
        shown.contains("🖼 thumbnail (on img.example, not fetched)"),
        "{shown}"
    );
    assert!(shown.contains("🖼 없는 그림\n"), "{shown}");
    assert!(shown.contains("(/gone.png not found)"), "{shown}");
    assert!(shown.contains("(broken data)"), "{shown}");
}

#[test]
fn in_a_kitty_without_placeholders_a_picture_is_sent_once_placed_from_its_first_cell_and_deleted_when_it_leaves()
 {
    let encoder = Encoder::new(ratatui_image::picker::ProtocolType::Kitty, (10, 20));
    let settings = AppSettings {
        pictures: PictureSettings {
            encoder: Some(encoder),
            placed_kitty: true,
            ..PictureSettings::default()
        },
        ..AppSettings::default()
    };
    let (mut app, read) = App::reading(jekyll(), settings, Rect::new(0, 0, 100, 30));
    geul::tui::perform_effect(&mut app, read);
    perform(&mut app, Action::Redraw);
    let sent = app.pictures.take_writes();
    assert!(!sent.is_empty() && sent.iter().all(|w| w.starts_with("\x1b_Ga=t,q=2,f=32,")));
    assert!(app.pictures.take_writes().is_empty(), "sent once");
    let buffer = frame(&app);
    let article = app.article().expect("open");
    let thumbnail = article.pictures[0];
    let first = &buffer[(36, u16::try_from(thumbnail.row).expect("small"))];
    assert!(
        first.symbol().starts_with("\x1b_Ga=p,q=2,"),
        "{:?}",
        first.symbol()
    );
    assert!(first.symbol().contains(",y=0,"), "whole, from its top");
    assert!(app.unplace_pictures().is_empty(), "in view");
    perform(&mut app, Action::TabForward);
    while app.reader.scroll < thumbnail.row + 2 {
        perform(&mut app, Action::Down);
    }
    let buffer = frame(&app);
    let first = &buffer[(36, 0)];
    assert!(
        first.symbol().contains(",y=40,"),
        "cropped by two rows: {:?}",
        first.symbol()
    );
    assert!(app.unplace_pictures().is_empty(), "still in view");
    perform(&mut app, Action::PageDown);
    let gone = app.unplace_pictures();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].starts_with("\x1b_Ga=d,q=2,d=i,"));
}

/// The text of the article pane's top row.
fn top_row(app: &App) -> String {
    let article = app.article().expect("a post is open");
    article.row_text(app.reader.scroll)
}

#[test]
fn the_text_read_stays_at_the_top_when_the_thumbnail_changes_height_or_pictures_go_off() {
    let mut app = reader_on(&hugo(), 90, 24);
    assert!(
        !app.article().expect("open").pictures.is_empty(),
        "the newest post has a thumbnail"
    );
    perform(&mut app, Action::Open);
    for _ in 0..20 {
        perform(&mut app, Action::Down);
    }
    let read = top_row(&app);
    assert!(!read.trim().is_empty(), "a line of the body: {read:?}");
    // A taller pane plans a taller thumbnail: every row of the body moves down.
    perform(&mut app, Action::Resize(90, 40));
    assert_eq!(top_row(&app), read, "after the pane grew");
    perform(&mut app, Action::Resize(90, 16));
    assert_eq!(top_row(&app), read, "after it shrank");
    perform(&mut app, Action::TogglePictures);
    assert_eq!(top_row(&app), read, "with pictures off");
    perform(&mut app, Action::TogglePictures);
    assert_eq!(top_row(&app), read, "with pictures on again");
}
