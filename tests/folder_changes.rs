//! The folder changing under the reader: the open post truncated, replaced by a folder or
//! made unreadable, and the whole folder going away and coming back. Driven through the
//! same calls the event loop makes (`folder_changed`, then the effect it asks for, carried
//! out on this thread), asserted on the screen and the reader's state.

mod common;

use std::path::{Path, PathBuf};

use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings};
use geul::tui::perform_effect;
use ratatui::layout::Rect;

/// Three posts of forty paragraphs each, `p3.md` the newest.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 1..=3 {
        let mut text = format!("---\ntitle: 글 {i}\ndate: 2025-01-0{i}\ncategory: 일기\n---\n");
        for j in 1..=40 {
            text.push_str(&format!("{i}번 글의 {j}번째 문단입니다.\n\n"));
        }
        std::fs::write(dir.path().join(format!("p{i}.md")), text).expect("write a post");
    }
    dir
}

fn open_reader(root: &Path) -> App {
    let (mut app, effect) = App::reading(
        root.to_path_buf(),
        AppSettings::default(),
        Rect::new(0, 0, 100, 20),
    );
    perform_effect(&mut app, effect);
    app
}

/// The screen's text without white space, so Korean reads whole whatever the cells.
fn screen(app: &App) -> String {
    common::app_screen::screen(app).split_whitespace().collect()
}

/// What the watcher would report for `paths`, carried out.
fn changed(app: &mut App, paths: &[PathBuf]) {
    if let Some(effect) = app.folder_changed(paths) {
        perform_effect(app, effect);
    }
}

/// Opens `글 2` and reads a few pages into it; returns the paragraph at the top.
fn read_into_the_second_post(app: &mut App) -> String {
    app.handle(Action::Down);
    app.handle(Action::Open);
    for _ in 0..3 {
        app.handle(Action::PageDown);
    }
    let article = app.article().expect("a render");
    let top = (app.reader.scroll..article.lines.len())
        .map(|row| article.row_text(row))
        .find(|text| !text.trim().is_empty())
        .unwrap_or_default();
    assert!(top.starts_with("2번 글의"), "{top}");
    top
}

fn top_paragraph(app: &App) -> String {
    let Some(article) = app.article() else {
        return String::new();
    };
    (app.reader.scroll..article.lines.len())
        .map(|row| article.row_text(row))
        .find(|text| !text.trim().is_empty())
        .unwrap_or_default()
}

#[test]
fn the_open_post_truncated_to_nothing_shows_empty_and_the_reader_keeps_working() {
    let dir = folder();
    let mut app = open_reader(dir.path());
    read_into_the_second_post(&mut app);
    let path = dir.path().join("p2.md");
    std::fs::write(&path, "").expect("truncate");
    changed(&mut app, std::slice::from_ref(&path));
    let shown = screen(&app);
    assert!(shown.contains("p2"), "listed by its file name now: {shown}");
    assert_eq!(
        app.reader.scroll, 0,
        "an empty post has no place but its top"
    );
    app.handle(Action::PageDown);
    app.handle(Action::PreviousPost);
    let shown = screen(&app);
    assert!(
        shown.contains("번째문단입니다."),
        "another post opens: {shown}"
    );
}

#[test]
fn the_open_post_replaced_by_a_folder_is_gone_and_the_next_one_opens() {
    let dir = folder();
    let mut app = open_reader(dir.path());
    read_into_the_second_post(&mut app);
    let path = dir.path().join("p2.md");
    std::fs::remove_file(&path).expect("remove");
    std::fs::create_dir(&path).expect("a folder in its place");
    changed(&mut app, std::slice::from_ref(&path));
    let shown = screen(&app);
    assert!(shown.contains("“글2”isgonefromthefolder"), "{shown}");
    assert_eq!(app.posts.find(Path::new("p2.md")), None, "no longer listed");
    assert_eq!(app.posts.len(), 2);
    assert!(
        shown.contains("1번글의1번째문단입니다."),
        "the next one opens: {shown}"
    );
}

#[cfg(unix)]
#[test]
fn the_open_post_that_can_no_longer_be_read_says_so_and_comes_back_when_it_can() {
    // A FIFO in the post's place cannot be read as a post, even by root (for whom taking
    // the read permission away changes nothing), and reading it never blocks.
    let dir = folder();
    let mut app = open_reader(dir.path());
    read_into_the_second_post(&mut app);
    let path = dir.path().join("p2.md");
    let text = std::fs::read_to_string(&path).expect("the post");
    std::fs::remove_file(&path).expect("remove");
    let c_path = std::ffi::CString::new(path.to_string_lossy().as_bytes()).expect("a C path");
    // SAFETY: a valid NUL-terminated path and a mode.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0, "mkfifo");
    changed(&mut app, std::slice::from_ref(&path));
    let shown = screen(&app);
    assert!(shown.contains("cannotread"), "{shown}");
    assert!(shown.contains("1postcouldnotberead"), "{shown}");
    std::fs::remove_file(&path).expect("remove the FIFO");
    std::fs::write(&path, text).expect("the post again");
    changed(&mut app, std::slice::from_ref(&path));
    let shown = screen(&app);
    assert!(!shown.contains("couldnotberead"), "{shown}");
    assert!(shown.contains("2번글의1번째문단입니다."), "{shown}");
}

#[test]
fn the_whole_folder_gone_is_said_and_back_it_opens_where_the_reader_was() {
    let dir = folder();
    let mut app = open_reader(dir.path());
    let top = read_into_the_second_post(&mut app);
    let moved = dir.path().with_extension("moved");
    std::fs::rename(dir.path(), &moved).expect("move the folder away");
    let paths: Vec<PathBuf> = (1..=3)
        .map(|i| dir.path().join(format!("p{i}.md")))
        .collect();
    changed(&mut app, &paths);
    assert!(app.folder_missing());
    let shown = screen(&app);
    assert!(shown.contains("isgone;itshowsagainwhenitisback"), "{shown}");
    app.handle(Action::Down);
    app.handle(Action::PageDown);
    std::fs::rename(&moved, dir.path()).expect("move it back");
    // The event loop sees it back and asks for it to be read again.
    let read = app.folder_back();
    perform_effect(&mut app, read);
    assert!(!app.folder_missing());
    let shown = screen(&app);
    assert!(shown.contains("thefolderisback"), "{shown}");
    assert_eq!(top_paragraph(&app), top, "the same post at the same place");
}

#[test]
fn a_folder_moved_away_and_back_while_watched_opens_where_the_reader_was() {
    let dir = folder();
    let mut app = open_reader(dir.path());
    let top = read_into_the_second_post(&mut app);
    let moved = dir.path().with_extension("away");
    let paths: Vec<PathBuf> = (1..=3)
        .map(|i| dir.path().join(format!("p{i}.md")))
        .collect();
    std::fs::rename(dir.path(), &moved).expect("move the folder away");
    changed(&mut app, &paths);
    assert!(app.folder_missing());
    std::fs::rename(&moved, dir.path()).expect("move it back");
    // The watch follows the folder, so it reports its posts before the event loop looks.
    changed(&mut app, &paths);
    assert!(!app.folder_missing());
    assert_eq!(top_paragraph(&app), top);
}

#[test]
fn the_open_post_moved_to_another_name_stays_open_at_its_place_and_read() {
    let dir = folder();
    let mut app = open_reader(dir.path());
    let top = read_into_the_second_post(&mut app);
    let from = dir.path().join("p2.md");
    std::fs::create_dir(dir.path().join("old")).expect("a subfolder");
    let to = dir.path().join("old/second.md");
    std::fs::rename(&from, &to).expect("mv");
    changed(&mut app, &[from, to]);
    let open = app.reader.open.and_then(|id| app.posts.get(id));
    assert_eq!(
        open.map(|p| p.relative_path.clone()),
        Some(PathBuf::from("old/second.md")),
        "the moved post is the open one"
    );
    assert_eq!(top_paragraph(&app), top, "at the same place");
    let shown = screen(&app);
    assert!(shown.contains("movedtoold/second.md"), "{shown}");
    assert!(!shown.contains("gone"), "{shown}");
    assert!(
        app.memory.state.is_read(Path::new("old/second.md")),
        "read, as it was"
    );
}

/// Deletes `p2.md` and writes `p9.md` with `text` in one change, as the watcher reports
/// them; returns the screen after it.
fn delete_the_second_post_and_write_another(app: &mut App, root: &Path, text: &str) -> String {
    let gone = root.join("p2.md");
    std::fs::remove_file(&gone).expect("rm");
    let new = root.join("p9.md");
    std::fs::write(&new, text).expect("write");
    changed(app, &[gone, new]);
    screen(app)
}

#[test]
fn a_deleted_post_and_a_new_one_with_other_text_are_not_taken_for_a_move() {
    let dir = folder();
    let mut app = open_reader(dir.path());
    read_into_the_second_post(&mut app);
    let shown = delete_the_second_post_and_write_another(
        &mut app,
        dir.path(),
        "---\ntitle: 새 글\n---\n다른 본문입니다.\n",
    );
    assert!(shown.contains("isgonefromthefolder"), "{shown}");
}

#[test]
fn an_empty_post_deleted_and_another_empty_one_made_are_not_taken_for_a_move() {
    let dir = folder();
    let mut app = open_reader(dir.path());
    read_into_the_second_post(&mut app);
    let empty = "---\ntitle: 빈 글\n---\n";
    let second = dir.path().join("p2.md");
    std::fs::write(&second, empty).expect("empty it");
    changed(&mut app, std::slice::from_ref(&second));
    let shown = delete_the_second_post_and_write_another(&mut app, dir.path(), empty);
    assert!(shown.contains("isgonefromthefolder"), "{shown}");
}

#[test]
fn a_post_moved_while_another_is_open_stays_read() {
    let dir = folder();
    let mut app = open_reader(dir.path());
    read_into_the_second_post(&mut app);
    app.handle(Action::NextPost);
    let open = app.reader.open;
    assert!(
        open.and_then(|id| app.posts.get(id))
            .is_some_and(|p| p.relative_path != Path::new("p2.md"))
    );
    let from = dir.path().join("p2.md");
    let to = dir.path().join("second.md");
    std::fs::rename(&from, &to).expect("mv");
    changed(&mut app, &[from, to]);
    assert_eq!(app.reader.open, open, "the open post stays the one open");
    assert!(app.memory.state.is_read(Path::new("second.md")));
    assert!(!app.memory.state.is_read(Path::new("p2.md")));
    let moved = app.posts.find(Path::new("second.md")).expect("listed");
    assert!(!app.memory.unread.contains(&moved), "not shown unread");
}
