//! The reader draws before its folder is read: reading and indexing happen as an effect
//! (a worker thread in the event loop), and their answer is taken in by `App::folder_read`.

use std::path::Path;

use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Effect};
use geul::tui::worker::read_folder;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("write a post");
    };
    write("old.md", "---\ntitle: 옛 글\ndate: 2023-01-01\n---\n본문\n");
    write(
        "new.md",
        "---\ntitle: 새 글\ndate: 2025-01-01\n---\n생성형 AI 이야기\n",
    );
    dir
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("backend");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

fn reading(root: &Path) -> (App, Effect) {
    App::reading(
        root.to_path_buf(),
        AppSettings::default(),
        Rect::new(0, 0, 90, 20),
    )
}

/// A reader over `root` and the number of the read it asks for.
fn start(root: &Path) -> (App, u64) {
    match reading(root) {
        (app, Effect::ReadFolder(request)) => (app, request),
        (_, other) => panic!("the reader starts by reading the folder, not {other:?}"),
    }
}

#[test]
fn the_first_frame_says_the_folder_is_being_read_and_keys_work_meanwhile() {
    let dir = folder();
    let (mut app, effect) = reading(dir.path());
    assert_eq!(effect, Effect::ReadFolder(1));
    let first = screen(&app);
    assert!(first.contains("reading the folder…"), "{first}");
    assert!(first.contains("Reading "), "{first}");
    app.handle(Action::Down);
    app.handle(Action::ToggleHelp);
    app.handle(Action::Close);
    app.handle(Action::Quit);
    assert!(app.should_quit);
}

#[test]
fn when_the_folder_is_read_the_newest_post_opens() {
    let dir = folder();
    let (mut app, request) = start(dir.path());
    app.folder_read(read_folder(dir.path(), request));
    assert_eq!(app.reading, None);
    assert_eq!(app.posts.len(), 2);
    let shown = screen(&app);
    assert!(!shown.contains("reading the folder"), "{shown}");
    // Wide characters leave a blank second cell; compare without spaces.
    let squashed: String = shown.chars().filter(|c| *c != ' ').collect();
    assert!(squashed.contains("새글"), "{shown}");
    assert!(
        squashed.contains("생성형AI이야기"),
        "the newest post is open: {shown}"
    );
}

#[test]
fn an_answer_to_an_older_request_is_dropped() {
    let dir = folder();
    let (mut app, first) = start(dir.path());
    app.folder_read(read_folder(dir.path(), first));
    let effects = app.handle(Action::Reload);
    assert_eq!(effects, [Effect::ReadFolder(first + 1)]);
    std::fs::write(dir.path().join("third.md"), "# 셋째\n").expect("write");
    app.folder_read(read_folder(dir.path(), first));
    assert_eq!(app.posts.len(), 2, "a stale answer changes nothing");
    app.folder_read(read_folder(dir.path(), first + 1));
    assert_eq!(app.posts.len(), 3);
    assert!(screen(&app).contains("reloaded 3 posts"));
}

#[test]
fn reload_while_reading_says_it_is_still_reading() {
    let dir = folder();
    let (mut app, _) = reading(dir.path());
    assert!(app.handle(Action::Reload).is_empty());
    assert!(screen(&app).contains("still reading the folder"));
}

#[test]
fn a_folder_that_disappears_before_it_is_read_is_a_message() {
    let dir = folder();
    let root = dir.path().to_path_buf();
    let (mut app, request) = start(&root);
    drop(dir);
    app.folder_read(read_folder(&root, request));
    assert_eq!(app.reading, None);
    assert!(screen(&app).contains("reading the folder failed"));
}

#[test]
fn a_changed_post_is_read_again_and_the_place_in_it_is_kept() {
    let dir = folder();
    let long: String = (1..=80).map(|i| format!("{i}번째 문단.\n\n")).collect();
    std::fs::write(
        dir.path().join("new.md"),
        format!("---\ntitle: 새 글\ndate: 2025-01-01\n---\n{long}"),
    )
    .expect("write");
    let (mut app, request) = start(dir.path());
    app.folder_read(read_folder(dir.path(), request));
    app.handle(Action::ToggleFocus);
    for _ in 0..30 {
        app.handle(Action::Down);
    }
    let top = app.article().map(|a| a.row_text(app.reader.scroll));
    // An edit above the place: two lines added at the top of the body.
    std::fs::write(
        dir.path().join("new.md"),
        format!("---\ntitle: 새 글\ndate: 2025-01-01\n---\n머리말.\n\n{long}"),
    )
    .expect("write");
    let changed = app.folder_changed(&[dir.path().join("new.md")]);
    let Some(effect @ Effect::ReadPosts(_)) = changed else {
        panic!("a changed post is read again alone, not {changed:?}");
    };
    geul::tui::perform_effect(&mut app, effect);
    let shown = app.article().map(|a| a.row_text(app.reader.scroll));
    assert_eq!(shown, top, "the same source line is at the top");
    let rows = app.article().map_or(0, |a| a.lines.len());
    let has_preface = (0..rows).any(|r| {
        app.article()
            .is_some_and(|a| a.row_text(r).contains("머리말"))
    });
    assert!(has_preface, "the new render has the edit");
    assert!(app.notice.is_none(), "a watched change says nothing");
}

#[test]
fn changes_that_cannot_matter_are_ignored_and_changes_during_a_read_read_again() {
    let dir = folder();
    let (mut app, first) = start(dir.path());
    assert_eq!(
        app.folder_changed(&[dir.path().join("new.md")]),
        None,
        "reading already"
    );
    let again = app.folder_read(read_folder(dir.path(), first));
    assert_eq!(
        again,
        Some(Effect::ReadPosts(vec![dir.path().join("new.md")])),
        "the post is read once more"
    );
    assert_eq!(app.folder_changed(&[]), Some(Effect::ReadFolder(first + 1)));
    assert_eq!(
        app.folder_changed(&[]),
        None,
        "an unnamed change reads it all"
    );
    let again = app.folder_read(read_folder(dir.path(), first + 1));
    assert_eq!(again, Some(Effect::ReadFolder(first + 2)), "read once more");
    app.folder_read(read_folder(dir.path(), first + 2));
    assert_eq!(app.folder_changed(&[dir.path().join("picture.png")]), None);
    assert_eq!(app.folder_changed(&[dir.path().join(".git/index")]), None);
}

#[test]
fn when_the_open_post_is_deleted_another_opens_at_its_top_with_a_message() {
    let dir = folder();
    let long: String = (1..=80).map(|i| format!("{i}번째 문단.\n\n")).collect();
    std::fs::write(
        dir.path().join("old.md"),
        format!("---\ntitle: 옛 글\ndate: 2023-01-01\n---\n{long}"),
    )
    .expect("write");
    let (mut app, request) = start(dir.path());
    app.folder_read(read_folder(dir.path(), request));
    app.handle(Action::NextPost);
    app.handle(Action::ToggleFocus);
    app.handle(Action::Bottom);
    assert!(app.reader.scroll > 0);
    std::fs::remove_file(dir.path().join("old.md")).expect("remove");
    let Some(effect) = app.folder_changed(&[dir.path().join("old.md")]) else {
        panic!("a deleted post is a change");
    };
    geul::tui::perform_effect(&mut app, effect);
    assert_eq!(app.posts.len(), 1);
    assert_eq!(app.reader.scroll, 0, "the next post opens at its top");
    assert!(screen(&app).contains("is gone from the folder"));
}
