//! Pictures in a real terminal session: geul on the Jekyll-like sample blog with half-block
//! pictures, in a pty, its output parsed by vt100. Scrolls through a post with a thumbnail
//! and two inline pictures and checks what the screen shows on the way.

mod common;

use std::time::Duration;

use common::{PtySession, manifest_dir};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// Cells of the screen drawn as a half-block picture: `▀` or `▄` in 24-bit colours.
fn picture_cells(screen: &vt100::Screen) -> usize {
    let (rows, cols) = screen.size();
    (0..rows.get())
        .flat_map(|row| (0..cols.get()).map(move |col| (row, col)))
        .filter_map(|(row, col)| screen.cell(row, col))
        .filter(|cell| {
            matches!(cell.contents(), "▀" | "▄")
                && matches!(cell.fgcolor(), vt100::Color::Rgb(..))
                && matches!(cell.bgcolor(), vt100::Color::Rgb(..))
        })
        .count()
}

/// The row of the screen showing `text`, if any.
fn row_of(screen: &vt100::Screen, text: &str) -> Option<u16> {
    screen
        .rows(0, COLS)
        .position(|row| row.contains(text))
        .and_then(|r| u16::try_from(r).ok())
}

#[test]
fn scrolling_through_a_post_with_pictures_draws_them_in_place_and_leaves_nothing_behind() {
    let blog = manifest_dir().join("posts/sites/jekyll-blog");
    let root = blog.to_str().expect("UTF-8 path");
    let args = [
        root,
        "--images",
        "halfblocks",
        "--no-state",
        "--no-watch",
        "--width-probe",
        "off",
    ];
    let mut session = PtySession::spawn(&args, COLS, ROWS);
    // The newest post opens with its thumbnail under the header.
    session.wait_until("the thumbnail", |screen| {
        screen.contents().contains("파이썬으로") && picture_cells(screen) > 100
    });
    session.send("\t");
    // Page down until the first inline picture's caption is in view, its picture above it.
    let caption = "🖼 터미널에 찍힌 월별 막대";
    for _ in 0..10 {
        if session.with_screen(|s| row_of(s, caption).is_some_and(|r| r > 12)) {
            break;
        }
        session.send(" ");
        session.settle();
    }
    session.wait_until("the inline picture above its caption", |screen| {
        let Some(caption_row) = row_of(screen, caption) else {
            return false;
        };
        let above = caption_row.saturating_sub(3);
        let cells = (0..COLS)
            .filter_map(|col| screen.cell(above, col))
            .filter(|cell| matches!(cell.bgcolor(), vt100::Color::Rgb(..)))
            .count();
        cells >= 20
    });
    // A line at a time past it: the picture goes up and out a row at a time, cropped.
    let mut seen = Vec::new();
    for _ in 0..14 {
        session.send("j");
        session.settle();
        seen.push(session.with_screen(picture_cells));
    }
    assert!(seen.iter().any(|n| *n > 0), "{seen:?}");
    // To the end of the post, where no picture is: none of them is left on the screen.
    session.send("G");
    session.wait_until("the end of the post, without pictures", |screen| {
        screen.contents().contains("100%") && picture_cells(screen) == 0
    });
    // And back to the top: the thumbnail is drawn again.
    session.send("g");
    session.wait_until("the thumbnail again", |screen| picture_cells(screen) > 100);
    session.send("q");
    let status = session
        .wait_exit(Duration::from_secs(5))
        .expect("geul exits within 5 s of q");
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn where_ambiguous_characters_are_wide_half_block_pictures_give_way_to_their_captions() {
    let blog = manifest_dir().join("posts/sites/jekyll-blog");
    let root = blog.to_str().expect("UTF-8 path");
    let args = [
        root,
        "--images",
        "halfblocks",
        "--ambiguous-width",
        "wide",
        "--no-state",
        "--no-watch",
        "--width-probe",
        "off",
    ];
    let mut session = PtySession::spawn(&args, COLS, ROWS);
    session.wait_for("the post", |text| text.contains("파이썬으로"));
    session.send("\t");
    session.send(" ");
    session.send(" ");
    session.wait_for("the first inline picture's caption", |text| {
        text.contains("🖼 터미널에 찍힌 월별 막대")
    });
    assert_eq!(
        session.with_screen(|screen| screen.contents().matches(['▀', '▄']).count()),
        0,
        "no half block: each would take two columns here"
    );
    session.send("q");
    let status = session
        .wait_exit(Duration::from_secs(5))
        .expect("geul exits within 5 s of q");
    assert!(status.success(), "exit status {status:?}");
}
