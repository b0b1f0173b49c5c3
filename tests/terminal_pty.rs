//! The real `geul` binary and its terminal, in a pseudo-terminal: quitting and every
//! signal restore the terminal; a tiny or shrinking window, a probe answered late or not at
//! all, no terminal at all, and a missing folder each end in a message, never a panic;
//! the `auto` theme follows the background the terminal reports.

mod common;

use std::path::Path;
use std::time::Duration;

use common::sample_reader::*;
use common::{PtySession, Vt100Terminal, find_bytes, geul_command, posts_dir, rfind_bytes, squash};
use geul::styled::{Background, Theme};
use ratatui::style::Color;

#[test]
fn quitting_restores_the_terminal() {
    let posts = sample_posts();
    let mut session = open_reader();
    wait_for_title(&mut session, &posts[0].title);
    session.quit();
    assert_terminal_restored(&session);
}

#[cfg(unix)]
#[test]
fn a_terminate_interrupt_or_hangup_signal_restores_the_terminal_too() {
    let posts = sample_posts();
    for (signal, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGINT, "SIGINT"),
        (libc::SIGHUP, "SIGHUP"),
    ] {
        let mut session = open_reader();
        wait_for_title(&mut session, &posts[0].title);
        session.signal(signal);
        let status = session
            .wait_exit(Duration::from_secs(5))
            .unwrap_or_else(|| panic!("geul exits within 5 s of {name}"));
        assert_eq!(
            status.exit_code(),
            128 + signal as u32,
            "{name}: the shell's code for a stop by signal"
        );
        assert_terminal_restored(&session);
    }
}

/// The alternate screen, mouse reporting and raw mode are all off, and the cursor shows.
fn assert_terminal_restored(session: &PtySession) {
    let raw = session.raw();
    let pairs: [(&str, &[u8], &[u8]); 3] = [
        ("the alternate screen", b"\x1b[?1049h", b"\x1b[?1049l"),
        ("mouse capture", b"\x1b[?1000h", b"\x1b[?1000l"),
        ("SGR mouse reports", b"\x1b[?1006h", b"\x1b[?1006l"),
    ];
    for (what, enter, leave) in pairs {
        let entered =
            find_bytes(&raw, enter, 0).unwrap_or_else(|| panic!("{what} was never entered"));
        assert!(
            find_bytes(&raw, leave, entered).is_some(),
            "{what} was entered but never left"
        );
        let last_enter = rfind_bytes(&raw, enter).unwrap_or(0);
        let last_leave = rfind_bytes(&raw, leave).unwrap_or(0);
        assert!(last_leave > last_enter, "{what} is left on at exit");
    }
    if let Some(hidden) = rfind_bytes(&raw, b"\x1b[?25l") {
        assert!(
            find_bytes(&raw, b"\x1b[?25h", hidden).is_some(),
            "the cursor is left hidden"
        );
    }
    #[cfg(unix)]
    {
        let modes = session.local_modes().expect("read the pty's modes");
        assert!(
            modes & libc::ICANON != 0,
            "raw mode left on: canonical input is off"
        );
        assert!(modes & libc::ECHO != 0, "raw mode left on: echo is off");
    }
    assert!(
        !session.with_screen(|s| s.alternate_screen()),
        "still in the alternate screen"
    );
}

#[test]
fn a_tiny_terminal_shows_a_message_instead_of_panicking() {
    let dir = posts_dir();
    let mut session = PtySession::spawn(&[dir.to_str().unwrap(), "--width-probe", "off"], 20, 4);
    let needs = |contents: &str| squash(contents).contains("needs40x6");
    session.wait_for("the too-small message at 20x4", needs);
    assert!(session.try_wait().is_none(), "geul exited at 20x4");

    // Down to a single cell: geul must draw something and stay alive.
    let written = session.raw().len();
    session.resize(1, 1);
    let redrawn = common::poll(common::TIMEOUT, || {
        (session.raw().len() > written).then_some(())
    });
    assert!(redrawn.is_some(), "nothing drawn after shrinking to 1x1");
    session.settle();
    assert!(
        session.try_wait().is_none(),
        "geul exited at 1x1: {:?}\n{}",
        session.try_wait(),
        String::from_utf8_lossy(&session.raw())
    );

    // And back: the message again.
    session.resize(20, 4);
    session.wait_for("the too-small message after growing back to 20x4", needs);
    assert!(
        session.try_wait().is_none(),
        "geul exited after the resizes"
    );

    session.quit();
}

#[test]
fn shrinking_the_window_while_keys_arrive_never_ends_geul() {
    // Each resize is followed at once by a key, so frames are drawn for a size whose
    // resize event has not been handled yet (geul used to index outside its buffer then).
    let mut session = open_reader();
    session.wait_for("the reader", |c| squash(c).contains("?help"));
    for round in 0..8 {
        for rows in [4, 20, 8, 20] {
            session.resize(COLS, rows);
            session.send("j");
        }
        assert!(
            session.try_wait().is_none(),
            "geul exited in round {round}: {:?}\n{}",
            session.try_wait(),
            String::from_utf8_lossy(&session.raw())
        );
    }
    session.settle();
    assert!(
        session.try_wait().is_none(),
        "geul exited after the resizes"
    );
    session.wait_for("the status line at 100x20", |c| squash(c).contains("?help"));
    session.quit();
}

#[test]
fn with_the_probe_off_the_reader_needs_no_cursor_reports() {
    let posts = sample_posts();
    let dir = posts_dir();
    let args = [dir.to_str().unwrap(), "--width-probe", "off"];
    let mut session = PtySession::spawn_with(&args, COLS, ROWS, false);
    wait_for_title(&mut session, &posts[0].title);
    session.send("q");
    let status = session.wait_exit(Duration::from_secs(5));
    assert!(
        status.as_ref().is_some_and(|s| s.success()),
        "exit: {status:?}"
    );
}

#[test]
fn a_q_typed_while_the_terminal_is_probed_still_quits() {
    let dir = posts_dir();
    let args = [dir.to_str().expect("UTF-8 path"), "--width-probe", "auto"];
    // A terminal that never answers keeps the probe waiting for its whole deadline; the
    // key is typed while it waits, and used to be read as noise and lost.
    let mut session = PtySession::spawn_with(&args, COLS, ROWS, false);
    assert!(
        session.wait_for_output(b"\x1b[6n", 0, Duration::from_secs(10)),
        "geul never probed the terminal"
    );
    session.send("q");
    let status = session.wait_exit(Duration::from_secs(5));
    assert!(
        status.as_ref().is_some_and(|s| s.success()),
        "the q typed during the probe did not quit: {status:?}"
    );
}

#[test]
fn without_a_terminal_the_reader_says_to_use_subcommands() {
    let config = tempfile::tempdir().unwrap();
    let output = geul_command(config.path())
        .arg("posts")
        .output()
        .expect("run geul");
    assert!(
        !output.status.success(),
        "geul posts without a terminal succeeded"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("render") && stderr.contains("list"),
        "stderr does not point to the subcommands: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "geul panicked: {stderr}");
}

#[test]
fn a_missing_folder_is_a_clear_error() {
    let missing = Path::new("/nonexistent/folder");
    let expect_not_found = |text: &str| {
        let lower = text.to_lowercase();
        assert!(
            lower.contains("not found") && text.contains("/nonexistent/folder"),
            "unclear error: {text}"
        );
        assert!(!text.contains("panicked"), "geul panicked: {text}");
    };

    // For scripts.
    let config = tempfile::tempdir().unwrap();
    let output = geul_command(config.path())
        .arg("list")
        .arg(missing)
        .output()
        .expect("run geul list");
    assert!(
        !output.status.success(),
        "geul list on a missing folder succeeded"
    );
    expect_not_found(&String::from_utf8_lossy(&output.stderr));

    // And the reader, which only checks for a terminal first.
    let mut session =
        PtySession::spawn(&["/nonexistent/folder", "--width-probe", "off"], COLS, ROWS);
    let status = session
        .wait_exit(Duration::from_secs(5))
        .expect("geul exits on a missing folder");
    assert!(!status.success(), "geul on a missing folder exited 0");
    expect_not_found(&String::from_utf8_lossy(&session.raw()));
}

/// Whether the status line is drawn on the background `background`'s palette gives it,
/// and nowhere on the other palette's.
fn status_line_is_in_palette(screen: &vt100::Screen, background: Background) -> bool {
    let status_bg = |background| match Theme::new(background).status.bg {
        Some(Color::Rgb(r, g, b)) => vt100::Color::Rgb(r, g, b),
        other => panic!("the status line has an RGB background: {other:?}"),
    };
    let other = match background {
        Background::Dark => Background::Light,
        Background::Light => Background::Dark,
    };
    let colours: Vec<_> = (0..COLS)
        .filter_map(|col| screen.cell(ROWS - 1, col).map(vt100::Cell::bgcolor))
        .collect();
    colours.contains(&status_bg(background)) && !colours.contains(&status_bg(other))
}

#[test]
fn the_auto_theme_is_light_on_a_white_terminal_and_dark_on_a_black_one() {
    let posts = sample_posts();
    let dir = posts_dir();
    let dir = dir.to_str().expect("UTF-8 path");
    let probed = |rgb: &str| {
        (
            Vt100Terminal::new(COLS, ROWS, true).with_background(rgb),
            vec![dir],
        )
    };
    let cases = [
        (
            "a white answer",
            probed("ffff/ffff/ffff"),
            None,
            Background::Light,
        ),
        (
            "a black answer",
            probed("0000/0000/0000"),
            None,
            Background::Dark,
        ),
        // The answer wins over COLORFGBG, which may be stale (set by an outer terminal).
        (
            "a black answer and COLORFGBG 0;15",
            probed("0/0/0"),
            Some("0;15"),
            Background::Dark,
        ),
        (
            "no answer, COLORFGBG 0;15",
            (Vt100Terminal::new(COLS, ROWS, true), vec![dir]),
            Some("0;15"),
            Background::Light,
        ),
        (
            "no probe, COLORFGBG 0;15",
            (
                Vt100Terminal::new(COLS, ROWS, true).with_background("0/0/0"),
                vec![dir, "--width-probe", "off"],
            ),
            Some("0;15"),
            Background::Light,
        ),
        (
            "no answer, no COLORFGBG",
            (Vt100Terminal::new(COLS, ROWS, true), vec![dir]),
            None,
            Background::Dark,
        ),
    ];
    for (what, (terminal, args), colorfgbg, background) in cases {
        let env = [("COLORFGBG", colorfgbg)];
        let mut session = PtySession::start_env(terminal, &args, COLS, ROWS, &env);
        wait_for_title(&mut session, &posts[0].title);
        session.wait_until(what, |screen| status_line_is_in_palette(screen, background));
        session.quit();
    }
}
