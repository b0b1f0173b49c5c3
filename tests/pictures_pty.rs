//! Pictures in a real terminal session: geul on the Jekyll-like sample blog with half-block
//! pictures, in a pty, its output parsed by vt100. Scrolls through a post with a thumbnail
//! and two inline pictures and checks what the screen shows on the way. As if inside tmux,
//! checks that half blocks never run `tmux` (ratatui-image's picker would turn on the
//! pane's passthrough).

mod common;

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

/// geul on the Jekyll-like sample blog with half-block pictures and `extra` arguments,
/// remembering nothing, watching nothing, without the width probe.
fn jekyll_in_half_blocks(extra: &[&str]) -> PtySession {
    let blog = manifest_dir().join("posts/sites/jekyll-blog");
    let root = blog.to_str().expect("UTF-8 path");
    let mut args = vec![
        root,
        "--images",
        "halfblocks",
        "--no-state",
        "--no-watch",
        "--width-probe",
        "off",
    ];
    args.extend_from_slice(extra);
    PtySession::spawn(&args, COLS, ROWS)
}

#[test]
fn scrolling_through_a_post_with_pictures_draws_them_in_place_and_leaves_nothing_behind() {
    let mut session = jekyll_in_half_blocks(&[]);
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
    session.quit();
}

#[test]
fn where_ambiguous_characters_are_wide_half_block_pictures_give_way_to_their_captions() {
    let mut session = jekyll_in_half_blocks(&["--ambiguous-width", "wide"]);
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
    session.quit();
}

/// A folder holding a fake `tmux` that writes its arguments to `calls` in that folder.
fn fake_tmux() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let calls = dir.path().join("calls");
    let script = dir.path().join("tmux");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$@\" >> '{}'\n", calls.display()),
    )
    .expect("write the fake tmux");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
        .expect("make the fake tmux runnable");
    dir
}

/// geul on the sample blog as if inside tmux, with `images`, the fake `tmux` of `fake`
/// first on the PATH; quits once the post is shown, with its thumbnail in half blocks when
/// `images` is `auto`. What the fake tmux was asked.
fn tmux_calls_reading_with(images: &str, fake: &tempfile::TempDir) -> String {
    let blog = manifest_dir().join("posts/sites/jekyll-blog");
    let root = blog.to_str().expect("UTF-8 path");
    let args = [
        root,
        "--images",
        images,
        "--no-state",
        "--no-watch",
        "--width-probe",
        "off",
    ];
    let path = format!(
        "{}:{}",
        fake.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let env = [
        ("PATH", Some(path.as_str())),
        ("TERM", Some("tmux-256color")),
        ("TERM_PROGRAM", Some("tmux")),
        ("TMUX", Some("/tmp/tmux-0/default,1,0")),
    ];
    let mut session = PtySession::spawn_env(&args, COLS, ROWS, &env);
    session.wait_until("the post", |screen| {
        screen.contents().contains("파이썬으로")
            && (images != "auto" || picture_cells(screen) > 100)
    });
    session.quit();
    std::fs::read_to_string(fake.path().join("calls")).unwrap_or_default()
}

#[test]
fn inside_tmux_half_block_pictures_leave_the_panes_passthrough_alone() {
    let fake = fake_tmux();
    assert_eq!(tmux_calls_reading_with("auto", &fake), "");
    // A graphics protocol named by the user needs passthrough, which ratatui-image turns
    // on: the fake tmux is on the PATH and is heard when it is called.
    let calls = tmux_calls_reading_with("kitty", &fake);
    assert!(calls.contains("allow-passthrough on"), "{calls:?}");
}
