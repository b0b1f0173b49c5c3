//! The real `geul` binary in a pseudo-terminal while its folder changes: posts saved,
//! added and deleted while it runs, a large folder streaming in, and `--no-watch`.

mod common;

use std::time::Duration;

use common::sample_reader::*;
use common::{PtySession, squash};

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

    session.quit();
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
    session.quit();
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
