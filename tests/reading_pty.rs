//! Reading like in a book, in the real binary in a pseudo-terminal: following a link and
//! coming back, the outline, and handing the post to an editor.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{PtySession, article_top, squash, status, write_post};

const COLS: u16 = 100;
const ROWS: u16 = 24;

/// A folder of two posts: `서재` (newest, long, linking to the other) and `안내서`
/// (headings far apart).
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let paragraphs = |from: usize, n: usize| -> String {
        (from..from + n)
            .map(|i| format!("문단 {i} 입니다.\n\n"))
            .collect()
    };
    let first = format!(
        "{}[안내서의 설치 절](guide.md#설치하기)을 보세요.\n\n{}",
        paragraphs(1, 20),
        paragraphs(21, 20)
    );
    write_post(dir.path(), "library.md", "서재", "2025-03-20", &first);
    let guide = format!(
        "## 시작하며\n\n{}## 설치하기\n\n{}## 사용법\n\n{}",
        paragraphs(101, 15),
        paragraphs(201, 15),
        paragraphs(301, 15)
    );
    write_post(dir.path(), "guide.md", "안내서", "2025-03-10", &guide);
    dir
}

fn spawn(dir: &Path, env: &[(&str, Option<&str>)]) -> PtySession {
    // Not watched: what the editor wrote shows because geul reads the post again when
    // the editor ends, not because a watcher saw the file change.
    let root = dir.to_str().expect("UTF-8 path");
    PtySession::spawn_env(
        &[root, "--width-probe", "off", "--no-watch"],
        COLS,
        ROWS,
        env,
    )
}

#[test]
fn following_a_relative_link_opens_the_heading_and_backspace_comes_back_to_the_place() {
    let dir = library();
    let mut session = spawn(dir.path(), &[]);
    session.wait_for("the newest post", |c| squash(c).contains("문단1입니다"));
    session.send("\t   ");
    session.wait_for("the article scrolled", |c| {
        !squash(c).contains("문단1입니다")
    });
    session.settle();
    let place = article_top(&session);

    session.send("f");
    session.wait_for("the link picker", |c| squash(c).contains("안내서의설치절"));
    session.settle();
    assert!(
        status(&session).contains("→guide.md#설치하기"),
        "the status line says where the link leads: {}",
        status(&session)
    );
    session.send("\r");
    session.wait_for("the heading at the top", |_| true);
    session.settle();
    assert_eq!(article_top(&session), "설치하기", "{}", session.contents());

    session.send("\x7f");
    session.wait_for("back in the first post", |c| squash(c).contains("서재"));
    session.settle();
    assert_eq!(article_top(&session), place, "{}", session.contents());

    session.send("\x0e");
    session.settle();
    assert_eq!(
        article_top(&session),
        "설치하기",
        "Ctrl-n goes forward again"
    );
    session.quit();
}

#[test]
fn tab_chooses_the_link_in_view_and_enter_follows_it() {
    let dir = library();
    let mut session = spawn(dir.path(), &[]);
    session.wait_for("the newest post", |c| squash(c).contains("문단1입니다"));
    // Into the article, down to the link, then Tab onto it.
    session.send("\t  \t");
    session.wait_for("the link chosen", |c| {
        squash(c).contains("→guide.md#설치하기")
    });
    session.send("\r");
    session.wait_for("the guide", |c| squash(c).contains("안내서"));
    session.settle();
    assert_eq!(article_top(&session), "설치하기", "{}", session.contents());
    session.quit();
}

#[test]
fn the_keys_of_a_korean_input_method_move_and_quit_as_the_keys_at_their_place() {
    let dir = library();
    let mut session = spawn(dir.path(), &[]);
    session.wait_for("the newest post", |c| squash(c).contains("문단1입니다"));
    session.send("ㅓ");
    session.wait_for("the next post shown by ㅓ (j)", |c| {
        squash(c).contains("문단101입니다")
    });
    session.send("ㅏ");
    session.wait_for("back by ㅏ (k)", |c| squash(c).contains("문단1입니다"));
    session.send("ㅂ");
    let status = session
        .wait_exit(Duration::from_secs(5))
        .expect("ㅂ (q) quits within 5 s");
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn v_regroups_the_list_and_z_hides_it_for_full_width_reading() {
    let dir = library();
    let mut session = spawn(dir.path(), &[]);
    session.wait_for("the newest post", |c| squash(c).contains("문단1입니다"));
    session.send("v");
    session.wait_for("grouped by folder", |c| squash(c).contains("byfolder"));
    session.send("v");
    // The group's row, not the date in the article's header.
    session.wait_for("grouped by month", |c| squash(c).contains("▾2025-03"));
    session.send("z");
    session.wait_for("the list hidden", |c| !squash(c).contains("▾2025-03"));
    session.settle();
    let wide = session.contents();
    assert!(
        squash(&wide).contains("문단1입니다"),
        "the article stays: {wide}"
    );
    session.send("z");
    session.wait_for("the list back", |c| squash(c).contains("▾2025-03"));
    session.quit();
}

#[test]
fn the_outline_jumps_to_a_heading_and_braces_step_through_them() {
    let dir = library();
    let mut session = spawn(dir.path(), &[]);
    session.wait_for("the newest post", |c| squash(c).contains("문단1입니다"));
    session.send("]");
    session.wait_for("the guide", |c| squash(c).contains("문단101입니다"));
    session.send("o");
    session.wait_for("the outline", |c| {
        let c = squash(c);
        c.contains("outline") && c.contains("사용법")
    });
    session.send("ㅅㅇ\r");
    session.wait_for("the outline closed", |c| !squash(c).contains("outline"));
    session.settle();
    assert_eq!(article_top(&session), "사용법", "{}", session.contents());

    session.send("{");
    session.settle();
    assert_eq!(article_top(&session), "설치하기");
    session.send("}");
    session.settle();
    assert_eq!(article_top(&session), "사용법");
    session.quit();
}

#[test]
fn e_hands_the_post_to_the_editor_and_shows_what_it_wrote() {
    let dir = library();
    // Named `vi`, so geul passes the line as vi understands it: `vi +N FILE`.
    let bin = dir.path().join(".bin");
    std::fs::create_dir(&bin).expect("make a folder for the editor");
    let script = bin.join("vi");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '%s\\n' \"$1\" > \"$(dirname \"$0\")/line\"\nprintf '\\n편집기에서 더한 줄\\n' >> \"$2\"\n",
    )
    .expect("write the editor script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .expect("make it executable");
    }
    write_post(
        dir.path(),
        "short.md",
        "짧은 글",
        "2025-04-01",
        "## 메모\n\n한 줄 메모.\n",
    );
    let editor = script.to_str().expect("UTF-8 path");
    let mut session = spawn(dir.path(), &[("EDITOR", Some(editor)), ("VISUAL", None)]);
    session.wait_for("the short post", |c| squash(c).contains("한줄메모"));
    session.settle();
    session.send("e");
    session.wait_for("the appended line on screen", |c| {
        squash(c).contains("편집기에서더한줄")
    });
    assert!(session.try_wait().is_none(), "geul still runs");
    // The body starts on line 6 of the file (after five lines of front matter), and the
    // top of the pane (the header) is before it.
    let line = std::fs::read_to_string(bin.join("line")).expect("the editor ran");
    assert_eq!(line.trim(), "+6");
    session.settle();
    assert!(
        squash(&session.contents()).contains("짧은글"),
        "the reader is drawn again"
    );
    session.quit();
}

#[test]
fn a_missing_editor_is_a_message_not_a_crash() {
    let dir = library();
    let mut session = spawn(
        dir.path(),
        &[("EDITOR", Some("/nonexistent/editor")), ("VISUAL", None)],
    );
    session.wait_for("the newest post", |c| squash(c).contains("문단1입니다"));
    session.send("e");
    session.wait_until("the message", |screen| {
        let (rows, cols) = screen.size();
        let last = screen.rows(0, cols.get()).nth(usize::from(rows.get() - 1));
        squash(&last.unwrap_or_default()).contains("noeditor")
    });
    session.settle();
    assert!(session.contents().contains("서재"), "the reader is back");
    session.quit();
}
