//! The real `geul` binary in a pseudo-terminal: what a person sees and types.
//!
//! Every test starts geul on the sample posts with `--width-probe off` (the virtual
//! terminal here does not answer cursor position reports) and an empty config home, feeds
//! everything it prints into a `vt100` screen, and polls that screen instead of sleeping.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{
    ListedPost, PtySession, find_bytes, geul_command, list_posts, posts_dir, rfind_bytes, squash,
};

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// The reader on the sample posts in a 100x30 terminal.
fn open_reader() -> PtySession {
    let dir = posts_dir();
    PtySession::spawn(
        &[dir.to_str().expect("UTF-8 path"), "--width-probe", "off"],
        COLS,
        ROWS,
    )
}

/// The sample posts, newest first.
fn sample_posts() -> Vec<ListedPost> {
    let posts = list_posts(&posts_dir());
    assert!(posts.len() > 3, "expected the sample posts, got {posts:?}");
    posts
}

/// The column of the line between the sidebar and the article: the first column that
/// shows `│` on every row but the status line.
fn separator_column(screen: &vt100::Screen) -> Option<u16> {
    let (rows, cols) = screen.size();
    let body_rows = rows.get().saturating_sub(1);
    (0..cols.get()).find(|&col| {
        body_rows > 0
            && (0..body_rows).all(|row| screen.cell(row, col).is_some_and(|c| c.contents() == "│"))
    })
}

/// The text of the article pane, one string per row (between the separator and the
/// scrollbar column), without the status line.
fn article_rows(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    let Some(separator) = separator_column(screen) else {
        return Vec::new();
    };
    let start = separator + 1;
    let width = cols.get().saturating_sub(start + 1);
    screen
        .rows(start, width)
        .take(usize::from(rows.get() - 1))
        .collect()
}

/// The text of the sidebar, one string per row.
fn sidebar_rows(screen: &vt100::Screen) -> Vec<String> {
    let (rows, _) = screen.size();
    let Some(separator) = separator_column(screen) else {
        return Vec::new();
    };
    screen
        .rows(0, separator)
        .take(usize::from(rows.get() - 1))
        .collect()
}

/// The status line.
fn status_line(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .nth(usize::from(rows.get() - 1))
        .unwrap_or_default()
}

/// The sidebar row drawn as the selection bar: the one row whose background differs from
/// the background of most sidebar rows.
fn selected_sidebar_row(screen: &vt100::Screen) -> Option<String> {
    let rows = sidebar_rows(screen);
    let backgrounds: Vec<vt100::Color> = (0..rows.len() as u16)
        .map(|row| screen.cell(row, 1).map(|c| c.bgcolor()).unwrap_or_default())
        .collect();
    let odd: Vec<usize> = (0..backgrounds.len())
        .filter(|&i| backgrounds.iter().filter(|b| **b == backgrounds[i]).count() == 1)
        .collect();
    match odd.as_slice() {
        [only] => Some(rows[*only].clone()),
        _ => None,
    }
}

/// Whether the article pane (all rows joined, whitespace ignored) contains `title`.
fn article_shows(screen: &vt100::Screen, title: &str) -> bool {
    squash(&article_rows(screen).concat()).contains(&squash(title))
}

/// The listed title the article pane's top rows show, if any (the longest match, so a
/// title that is a prefix of another does not win).
fn shown_title<'a>(screen: &vt100::Screen, posts: &'a [ListedPost]) -> Option<&'a str> {
    let top = squash(
        &article_rows(screen)
            .iter()
            .take(4)
            .cloned()
            .collect::<String>(),
    );
    posts
        .iter()
        .map(|p| p.title.as_str())
        .filter(|t| !t.is_empty() && top.starts_with(&squash(t)))
        .max_by_key(|t| t.len())
}

/// Presses `q` and checks that geul exits, successfully, within 5 s.
fn quit_and_expect_success(session: &mut PtySession) {
    session.send("q");
    let status = session
        .wait_exit(Duration::from_secs(5))
        .expect("geul exits within 5 s of q");
    assert!(status.success(), "exit status {status:?}");
}

fn wait_for_title(session: &mut PtySession, title: &str) {
    session.wait_until(&format!("the article pane to show {title:?}"), |screen| {
        article_shows(screen, title)
    });
}

#[test]
fn opening_the_reader_shows_the_newest_post_and_the_sidebar() {
    let posts = sample_posts();
    let newest = &posts[0];
    let mut session = open_reader();
    wait_for_title(&mut session, &newest.title);

    session.with_screen(|screen| {
        let sidebar = sidebar_rows(screen).join("\n");
        assert!(
            sidebar.contains("AI 정보 공유"),
            "sidebar lacks the AI category:\n{sidebar}"
        );
        for category in &newest.categories {
            assert!(
                sidebar.contains(category.as_str()),
                "sidebar lacks {category:?}:\n{sidebar}"
            );
        }
        assert!(
            sidebar.contains(&format!("· {}", posts.len())),
            "sidebar title lacks the post count:\n{sidebar}"
        );
        assert_eq!(
            shown_title(screen, &posts),
            Some(newest.title.as_str()),
            "the newest post is not on top"
        );
        let status = status_line(screen);
        assert!(
            status.contains(&format!("1/{}", posts.len())),
            "status line: {status:?}"
        );
        assert!(
            status.contains("0%"),
            "a freshly opened post starts at the top: {status:?}"
        );
    });
}

#[test]
fn navigating_to_a_post_and_scrolling_changes_the_article() {
    let posts = sample_posts();
    let mut session = open_reader();
    wait_for_title(&mut session, &posts[0].title);
    session.settle();

    // Down the sidebar until another post is shown (the next row may be a category).
    let mut opened = None;
    for _ in 0..5 {
        let before = session.formatted();
        session.send("j");
        assert!(
            session.wait_for_change(&before, Duration::from_secs(3)),
            "j changed nothing:\n{}",
            session.contents()
        );
        let title = session
            .with_screen(|s| shown_title(s, &posts))
            .map(str::to_string);
        if title.as_deref().is_some_and(|t| t != posts[0].title) {
            opened = title;
            break;
        }
    }
    let opened =
        opened.unwrap_or_else(|| panic!("j never showed another post:\n{}", session.contents()));
    let selected = session
        .with_screen(selected_sidebar_row)
        .expect("one sidebar row is highlighted");
    let selected_text = selected
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim();
    let selected_text = selected_text.trim_end_matches('…');
    assert!(
        !selected_text.is_empty() && squash(&opened).starts_with(&squash(selected_text)),
        "the highlighted row {selected:?} is not the shown post {opened:?}"
    );

    // Enter opens it and focuses the article; the same post stays shown.
    let before = session.formatted();
    session.send("\r");
    session.wait_for_change(&before, Duration::from_secs(3));
    let top_before = session.with_screen(|s| article_rows(s)[0].clone());
    assert_eq!(
        session.with_screen(|s| shown_title(s, &posts)),
        Some(opened.as_str())
    );

    // Space pages down: the top of the pane changes, the status line moves off 0%.
    let before = session.formatted();
    session.send(" ");
    assert!(
        session.wait_for_change(&before, Duration::from_secs(3)),
        "Space did not scroll:\n{}",
        session.contents()
    );
    let (top_after, status) = session.with_screen(|s| (article_rows(s)[0].clone(), status_line(s)));
    assert_ne!(top_after, top_before, "the article did not scroll");
    assert!(
        !status.contains(" 0%"),
        "status still at 0% after a page down: {status:?}"
    );

    // g goes back to the top.
    let before = session.formatted();
    session.send("g");
    session.wait_for_change(&before, Duration::from_secs(3));
    let (top, status) = session.with_screen(|s| (article_rows(s)[0].clone(), status_line(s)));
    assert_eq!(top, top_before, "g did not return to the top");
    assert!(status.contains(" 0%"), "status after g: {status:?}");
}

#[test]
fn quitting_restores_the_terminal() {
    let posts = sample_posts();
    let mut session = open_reader();
    wait_for_title(&mut session, &posts[0].title);
    quit_and_expect_success(&mut session);
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

    quit_and_expect_success(&mut session);
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
    quit_and_expect_success(&mut session);
}

#[test]
fn help_lists_every_binding_on_question_mark() {
    let posts = sample_posts();
    let mut session = open_reader();
    wait_for_title(&mut session, &posts[0].title);
    session.settle();

    let before_help = session.contents();
    session.send("?");
    let help = session.wait_for("the help overlay", |s| s.contains("geul · keys"));
    for expected in [
        "j k",
        "Enter",
        "Tab",
        "Space",
        "page down",
        "page up",
        "Ctrl-l",
        "redraw the screen",
        "q Ctrl-c",
        "quit",
    ] {
        assert!(help.contains(expected), "help lacks {expected:?}:\n{help}");
    }

    // Any key closes it, even one bound to nothing, and does nothing else.
    session.send("x");
    session.wait_for("the help overlay to close after x", |s| {
        !s.contains("geul · keys")
    });
    let closed = session.contents();
    assert_eq!(
        squash(&closed),
        squash(&before_help),
        "closing help changed the screen"
    );
    assert!(session.try_wait().is_none(), "closing help ended geul");

    // A bound key closes it too without acting: `]` does not open the next post, and `j`
    // (which scrolls the help when it is taller than the screen) does not move the list.
    session.send("?");
    session.wait_for("the help overlay again", |s| s.contains("geul · keys"));
    session.send("j");
    session.settle();
    assert!(
        session.contents().contains("geul · keys"),
        "j closed the help"
    );
    session.send("]");
    session.wait_for("the help overlay to close after ]", |s| {
        !s.contains("geul · keys")
    });
    assert_eq!(
        squash(&session.contents()),
        squash(&before_help),
        "keys on the help overlay acted on the list"
    );
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

#[test]
fn a_hashtag_filters_the_sidebar_and_a_search_opens_the_article_at_the_match() {
    let posts = sample_posts();
    let tagged: Vec<String> = {
        let out = std::process::Command::new(common::geul_bin())
            .args([
                "list",
                posts_dir().to_str().expect("UTF-8 path"),
                "--tag",
                "파이썬",
                "--format",
                "json",
            ])
            .output()
            .expect("geul list runs");
        let items: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        items
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|i| i["title"].as_str().map(str::to_string))
            .collect()
    };
    assert!(!tagged.is_empty() && tagged.len() < posts.len());
    let mut session = open_reader();
    wait_for_title(&mut session, &posts[0].title);
    session.settle();

    // `#`, part of a tag typed through the keyboard as composed syllables, Enter.
    session.send("#");
    session.wait_for("the tag picker", |text| text.contains("# tags"));
    session.send("파이");
    session.wait_for("#파이썬 in the picker", |text| text.contains("#파이썬"));
    session.send("\r");
    session.wait_until("the filter in the status line", |screen| {
        status_line(screen).contains("filter #파이썬")
    });
    let sidebar = session.with_screen(sidebar_rows).join("\n");
    let shown = posts
        .iter()
        .filter(|p| squash(&sidebar).contains(&squash(truncated_prefix(&p.title))))
        .count();
    assert_eq!(
        shown,
        tagged.len(),
        "only the tagged posts are listed:\n{sidebar}"
    );
    assert!(
        session
            .with_screen(|s| shown_title(s, &posts))
            .is_some_and(|t| tagged.iter().any(|x| x == t))
    );

    // Esc clears the filter.
    session.send("\x1b");
    session.wait_until("the filter to clear", |screen| {
        !status_line(screen).contains("filter")
    });

    // `/`, a Korean word, Enter: the post opens with the match on screen.
    session.send("/");
    session.wait_for("the search overlay", |text| text.contains("/ search"));
    session.send("임베딩");
    session.wait_for("a result", |text| text.contains("벡터 데이터베이스"));
    session.send("\r");
    session.wait_until("the match counter", |screen| {
        status_line(screen).contains("match ")
    });
    let current = session.with_screen(|s| match_number(&status_line(s)));
    assert_eq!(current, Some(1), "the first match in the body is match 1");
    let rows = session.with_screen(article_rows).join("\n");
    assert!(
        rows.contains("임베딩이 무엇인지"),
        "the first match in the body is visible:\n{rows}"
    );
    assert!(
        session
            .with_screen(|s| shown_title(s, &posts))
            .is_some_and(|t| t.contains("벡터")),
        "{rows}"
    );
    session.send("n");
    session.wait_until("the next match", |screen| {
        match_number(&status_line(screen)) == current.map(|c| c + 1)
    });
    session.send("q");
    assert!(
        session
            .wait_exit(Duration::from_secs(5))
            .is_some_and(|s| s.success())
    );
}

/// The `k` of `match k/N` in the status line.
fn match_number(status: &str) -> Option<usize> {
    let rest = &status[status.find("match ")? + "match ".len()..];
    rest.split('/').next()?.parse().ok()
}

/// The part of a title the sidebar can show before truncating it.
fn truncated_prefix(title: &str) -> &str {
    let end = title.char_indices().nth(6).map_or(title.len(), |(i, _)| i);
    &title[..end]
}

#[test]
fn the_reader_follows_posts_saved_added_and_deleted_while_it_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let post = |title: &str, date: &str, body: &str| {
        format!("---\ntitle: {title}\ndate: {date}\ncategory: 메모\n---\n{body}\n")
    };
    std::fs::write(
        dir.path().join("a.md"),
        post("첫 글", "2025-01-02", "처음 본문"),
    )
    .expect("write");
    let root = dir.path().to_str().expect("UTF-8 path");
    let mut session = PtySession::spawn(&[root, "--width-probe", "off"], COLS, ROWS);
    session.wait_for("the first post", |c| squash(c).contains("처음본문"));
    // Reading the folder opens its files; that must not count as a change (it once read
    // the folder again and again).
    session.settle();
    let quiet = session.raw_len();
    std::thread::sleep(Duration::from_millis(1000));
    assert_eq!(
        session.raw_len(),
        quiet,
        "geul kept drawing with nothing changed"
    );

    // Saved as vim does: written to a temporary file, then renamed over the post.
    let temp = dir.path().join(".a.md.tmp");
    std::fs::write(&temp, post("첫 글", "2025-01-02", "고친 본문")).expect("write");
    std::fs::rename(&temp, dir.path().join("a.md")).expect("rename");
    session.wait_for("the edit, without r", |c| squash(c).contains("고친본문"));

    std::fs::write(
        dir.path().join("b.md"),
        post("새로 쓴 글", "2024-05-05", "둘째"),
    )
    .expect("write");
    session.wait_for("the new post in the sidebar", |c| {
        squash(c).contains("새로쓴글") && squash(c).contains("메모2")
    });

    std::fs::remove_file(dir.path().join("b.md")).expect("remove");
    session.wait_for("the deleted post gone", |c| {
        !squash(c).contains("새로쓴글") && squash(c).contains("메모1")
    });

    // Search follows too: the index took the edit in without `r`.
    session.send("/고친");
    session.wait_for("the edited post found by its new text", |c| {
        squash(c).contains("고친본문") && squash(c).contains("첫글·메모")
    });
    session.send("\x1b");
    session.wait_for("the search closed", |c| !squash(c).contains("/고친"));

    // The open post deleted: the next one opens, with a message.
    std::fs::write(
        dir.path().join("c.md"),
        post("셋째 글", "2024-03-03", "셋째 본문"),
    )
    .expect("write");
    session.wait_for("the third post listed", |c| squash(c).contains("메모2"));
    std::fs::remove_file(dir.path().join("a.md")).expect("remove");
    session.wait_until("the next post open, with a message", |screen| {
        article_shows(screen, "셋째 본문") && squash(&status_line(screen)).contains("isgone")
    });

    quit_and_expect_success(&mut session);
}

#[test]
fn a_large_folder_streams_into_the_sidebar_with_its_progress_before_it_is_read() {
    const POSTS: usize = 20_000;
    let dir = tempfile::tempdir().expect("temp dir");
    for folder in 0..20 {
        std::fs::create_dir(dir.path().join(format!("{folder:02}"))).expect("mkdir");
    }
    for i in 0..POSTS {
        let text = format!(
            "---\ntitle: 글 {i:05}\ndate: 2000-01-01\ncategory: 분류{}\n---\n본문 {i}\n",
            i % 7
        );
        let path = dir.path().join(format!("{:02}/{i:05}.md", i % 20));
        std::fs::write(path, text).expect("write a post");
    }
    let root = dir.path().to_str().expect("UTF-8 path");
    let mut session = PtySession::spawn(&[root, "--width-probe", "off", "--no-watch"], COLS, ROWS);
    // Looked at as it is drawn, without waiting for the screen to settle: while posts
    // stream in, it changes every frame.
    let streaming = common::poll(Duration::from_secs(60), || {
        session.with_screen(|screen| {
            let status = status_line(screen);
            let titles = sidebar_rows(screen)
                .iter()
                .filter(|row| row.trim_start().starts_with("글 "))
                .count();
            (status.contains("reading ") && status.contains("/20,000") && titles >= 3)
                .then(|| screen.contents())
        })
    });
    let Some(streaming) = streaming else {
        panic!(
            "no frame showed posts and the progress while reading:\n{}",
            session.contents()
        );
    };
    let read_so_far = streaming
        .lines()
        .last()
        .and_then(|status| status.split("reading ").nth(1))
        .and_then(|rest| rest.split('/').next())
        .map(|n| n.replace(',', ""))
        .and_then(|n| n.parse::<usize>().ok());
    assert!(
        read_so_far.is_some_and(|n| n < POSTS),
        "the frame came before the read ended: {streaming}"
    );
    // Keys work meanwhile: `j` selects the first post listed and opens it.
    session.send("jj");
    let mut chosen = String::new();
    session.wait_until("a post opened while the folder is still read", |screen| {
        let title = article_rows(screen).first().cloned().unwrap_or_default();
        chosen = title.trim().to_string();
        chosen.starts_with("글 ") && status_line(screen).contains("reading")
    });
    assert_ne!(chosen, "글 00000", "the second post listed, not the newest");
    // When the read ends, the newest post does not take the place of the one chosen.
    session.wait_until("the read to end", |screen| {
        !status_line(screen).contains("reading")
    });
    session.with_screen(|screen| {
        assert!(
            article_shows(screen, &chosen),
            "{chosen} stays open:\n{}",
            screen.contents()
        );
    });
    quit_and_expect_success(&mut session);
}

#[test]
fn with_no_watch_the_reader_waits_for_r() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.md"), "# 제목\n\n처음 본문\n").expect("write");
    let root = dir.path().to_str().expect("UTF-8 path");
    let mut session = PtySession::spawn(&[root, "--width-probe", "off", "--no-watch"], COLS, ROWS);
    session.wait_for("the post", |c| squash(c).contains("처음본문"));
    std::fs::write(dir.path().join("a.md"), "# 제목\n\n고친 본문\n").expect("write");
    // Longer than the watcher's debounce and a read: nothing may change by itself.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        squash(&session.contents()).contains("처음본문"),
        "changed without r"
    );
    session.send("r");
    session.wait_for("the edit after r", |c| squash(c).contains("고친본문"));
    session.send("q");
    assert!(session.wait_exit(Duration::from_secs(5)).is_some());
}
