//! What geul remembers, in the real binary in a pseudo-terminal, with `XDG_STATE_HOME`
//! a temporary folder: quitting and starting again brings the post and the place back;
//! `--no-state` writes nothing; a damaged state file is said once and set aside; `geul
//! list --unread`; and `SIGKILL` at random moments never leaves a torn state file.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{PtySession, article_top, geul_command, status, write_post};
use geul::library::state::{FolderState, StateStore};

const COLS: u16 = 100;
const ROWS: u16 = 24;

/// A folder of two posts: `새 글` (newest, short) and `긴 글` (long, numbered paragraphs).
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_post(
        dir.path(),
        "new.md",
        "새 글",
        "2025-03-20",
        "짧은 글입니다.\n",
    );
    let long: String = (1..=120).map(|i| format!("문단 {i} 입니다.\n\n")).collect();
    write_post(dir.path(), "long.md", "긴 글", "2025-03-10", &long);
    dir
}

fn spawn(dir: &Path, state_home: &Path, extra: &[&str]) -> PtySession {
    let root = dir.to_str().expect("UTF-8 path");
    let state = state_home.to_str().expect("UTF-8 path");
    let mut args = vec![root, "--width-probe", "off", "--no-watch"];
    args.extend_from_slice(extra);
    PtySession::spawn_env(&args, COLS, ROWS, &[("XDG_STATE_HOME", Some(state))])
}

fn state_file(state_home: &Path, folder: &Path) -> PathBuf {
    let canonical = std::fs::canonicalize(folder).expect("canonical folder");
    StateStore::at(state_home.join("geul")).file_for(&canonical)
}

/// The names and contents of the files in `dir`.
fn folder_listing(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("list the folder")
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    files.sort();
    files
}

/// Opens the long post and reads a few pages into it; returns the article's top row.
fn read_into_the_long_post(session: &mut PtySession) -> String {
    session.wait_for("the posts", |s| {
        s.contains("긴 글") && s.contains("짧은 글")
    });
    session.send("]");
    session.wait_for("the long post", |s| s.contains("문단 1 입니다"));
    session.send("\t   ");
    session.wait_until("a few pages in", |_| true);
    let top = poll_top(session, |top| {
        top.contains("문단") && !top.contains("문단 1 ")
    });
    assert!(top.contains("문단"), "{}", session.contents());
    top
}

fn poll_top(session: &PtySession, check: impl Fn(&str) -> bool) -> String {
    common::poll(Duration::from_secs(10), || {
        let top = article_top(session);
        check(&top).then_some(top)
    })
    .unwrap_or_else(|| article_top(session))
}

#[test]
fn quitting_and_starting_again_brings_back_the_same_post_at_the_same_place() {
    let dir = library();
    let state = tempfile::tempdir().expect("state home");
    let before = folder_listing(dir.path());
    let mut first = spawn(dir.path(), state.path(), &[]);
    let top = read_into_the_long_post(&mut first);
    first.send("m");
    first.quit();
    assert!(state_file(state.path(), dir.path()).is_file());
    assert_eq!(
        folder_listing(dir.path()),
        before,
        "nothing written in the posts folder"
    );

    let mut again = spawn(dir.path(), state.path(), &[]);
    let back = poll_top(&again, |t| t == top);
    assert_eq!(back, top, "{}", again.contents());
    // The status line may lag the article by a frame on a loaded machine.
    let second = common::poll(Duration::from_secs(10), || {
        status(&again).contains("2/2").then_some(())
    });
    assert!(second.is_some(), "{}", status(&again));
    again.quit();

    // --fresh starts from the newest post; the place is still remembered for later.
    let mut fresh = spawn(dir.path(), state.path(), &["--fresh"]);
    fresh.wait_for("the newest post", |s| s.contains("짧은 글입니다"));
    assert!(status(&fresh).contains("1/2"), "{}", status(&fresh));
    fresh.quit();
}

#[test]
fn a_sigterm_or_a_closed_terminal_keeps_the_place_as_quitting_does() {
    let dir = library();
    let state = tempfile::tempdir().expect("state home");
    let mut first = spawn(dir.path(), state.path(), &[]);
    let top = read_into_the_long_post(&mut first);
    first.signal(libc::SIGTERM);
    assert!(first.wait_exit(Duration::from_secs(10)).is_some());

    let mut again = spawn(dir.path(), state.path(), &[]);
    let back = poll_top(&again, |t| t == top);
    assert_eq!(back, top, "{}", again.contents());
    again.quit();
}

#[test]
fn no_state_and_state_false_in_the_config_leave_the_state_folder_empty() {
    let dir = library();
    let state = tempfile::tempdir().expect("state home");
    let config = state.path().join("config.toml");
    std::fs::write(&config, "state = false\n").expect("write the config");
    let config = config.to_str().expect("UTF-8 path");
    for extra in [&["--no-state"][..], &["--config", config][..]] {
        let mut session = spawn(dir.path(), state.path(), extra);
        read_into_the_long_post(&mut session);
        session.send("m");
        session.quit();
        let left: Vec<_> = std::fs::read_dir(state.path())
            .expect("read the state home")
            .flatten()
            .map(|e| e.file_name())
            .filter(|name| name != "config.toml")
            .collect();
        assert!(left.is_empty(), "{extra:?}: {left:?}");
    }
}

#[test]
fn a_state_folder_that_cannot_be_written_is_a_message_not_a_crash() {
    let dir = library();
    let state = tempfile::tempdir().expect("state home");
    // A file where geul's state folder would be: nothing can be saved under it.
    std::fs::write(state.path().join("geul"), "not a folder").expect("write");
    let mut session = spawn(dir.path(), state.path(), &[]);
    session.wait_for("the posts", |s| {
        s.contains("긴 글") && s.contains("짧은 글")
    });
    session.send("]");
    session.wait_for("the failure said", |s| s.contains("cannot save the state"));
    session.send("j");
    assert!(session.try_wait().is_none(), "still running");
    session.quit();
}

#[test]
fn a_damaged_state_file_is_said_once_and_set_aside_and_the_reader_still_starts() {
    let dir = library();
    let state = tempfile::tempdir().expect("state home");
    let file = state_file(state.path(), dir.path());
    std::fs::create_dir_all(file.parent().expect("a folder")).expect("mkdir");
    std::fs::write(&file, "{\"version\": 1, \"read\": [").expect("write");
    let mut session = spawn(dir.path(), state.path(), &[]);
    session.wait_for("the damage said", |s| s.contains("damaged"));
    session.wait_for("the posts", |s| s.contains("긴 글"));
    session.quit();
    assert!(file.with_extension("json.corrupt").is_file());

    let mut again = spawn(dir.path(), state.path(), &[]);
    again.wait_for("the posts", |s| {
        s.contains("긴 글") && s.contains("짧은 글")
    });
    assert!(!again.contents().contains("damaged"), "said once only");
    again.quit();
}

#[test]
fn list_unread_lists_only_the_posts_not_read() {
    let dir = library();
    let config = tempfile::tempdir().expect("config home");
    let canonical = std::fs::canonicalize(dir.path()).expect("canonical");
    let mut remembered = FolderState::new(canonical);
    remembered.read.insert("long.md".into());
    StateStore::at(config.path().join("state").join("geul"))
        .save(&remembered)
        .expect("save");
    let output = geul_command(config.path())
        .args(["list", "--unread"])
        .arg(dir.path())
        .output()
        .expect("run geul list");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    assert!(text.contains("새 글") && !text.contains("긴 글"), "{text}");

    let off = geul_command(config.path())
        .args(["list", "--unread", "--no-state"])
        .arg(dir.path())
        .output()
        .expect("run geul list");
    assert!(!off.status.success(), "--unread without state is refused");
}

/// Issue 13: `SIGKILL` at random moments (while posts are switched, which saves) never
/// leaves the state file unparseable. 25 runs keep CI fast; the write is atomic (temp
/// file, fsync, rename), so one run would find a torn file as surely as 200 if it could.
#[test]
fn sigkill_at_random_moments_never_leaves_a_torn_state_file() {
    let dir = library();
    let state = tempfile::tempdir().expect("state home");
    let file = state_file(state.path(), dir.path());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.subsec_nanos());
    let mut seed = u64::from(nanos ^ std::process::id()) | 1;
    let mut random_ms = move |max: u64| {
        // xorshift: enough to spread the kills over the run.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % max
    };
    let runs = 25;
    let mut saved = 0;
    for run in 0..runs {
        let mut session = spawn(dir.path(), state.path(), &[]);
        // Switch posts and pause now and then: a switch is saved once the reader is idle
        // (a tenth of a second without keys), so the kill falls before, during or after
        // saves.
        let deadline = Instant::now() + Duration::from_millis(200 + random_ms(800));
        while Instant::now() < deadline {
            session.send("][j");
            std::thread::sleep(Duration::from_millis(random_ms(250)));
        }
        session.signal(libc::SIGKILL);
        assert!(session.wait_exit(Duration::from_secs(10)).is_some());
        if file.exists() {
            saved += 1;
            let text = std::fs::read(&file).expect("read the state");
            let parsed = serde_json::from_slice::<FolderState>(&text);
            assert!(parsed.is_ok(), "run {run}: torn state file: {parsed:?}");
        }
        let strays: Vec<_> = std::fs::read_dir(state.path().join("geul"))
            .map(|dir| dir.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(
            strays
                .iter()
                .all(|name| !name.to_string_lossy().ends_with(".corrupt")),
            "run {run}: {strays:?}"
        );
    }
    assert!(
        saved > 0,
        "no run got as far as saving: the test proved nothing"
    );
}
