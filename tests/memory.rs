//! What geul remembers between runs, driven through `App::handle` without a terminal: the
//! state a run saves (as an `Effect::SaveState`) is loaded by the next run, which opens
//! where the reader left off; read marks, new posts, bookmarks.

use std::path::Path;
use std::time::Duration;

use geul::library::state::{FolderState, Place};
use geul::library::{Library, PostId};
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Effect, Focus, Memory};
use geul::tui::overlays::Overlay;
use geul::tui::worker::{Loaded, PostsRead, read_folder};
use ratatui::layout::Rect;

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("write a post");
    };
    let long: String = (1..=80)
        .map(|i| format!("{i}번째 문단입니다.\n\n"))
        .collect();
    write(
        "long.md",
        &format!("---\ntitle: 긴 글\ndate: 2023-01-01\ncategories: [여행]\n---\n{long}"),
    );
    write(
        "new.md",
        "---\ntitle: 새 글\ndate: 2025-01-01\ncategories: [개발]\ntags: [rust]\n---\n생성형 AI 이야기\n",
    );
    dir
}

fn settings() -> AppSettings {
    AppSettings {
        watch: false,
        ..AppSettings::default()
    }
}

/// A reader over `root` remembering `state`, before its folder is read; and the read.
fn start(root: &Path, state: FolderState, fresh: bool, settings: AppSettings) -> (App, u64) {
    let (mut app, effect) = App::reading(root.to_path_buf(), settings, Rect::new(0, 0, 90, 20));
    app.remember(Memory::loaded(state, fresh), None);
    match effect {
        Effect::ReadFolder(request) => (app, request),
        other => panic!("the reader starts by reading the folder, not {other:?}"),
    }
}

/// A reader over `root` remembering `state`, its folder read whole.
fn run(root: &Path, state: FolderState) -> App {
    let (mut app, request) = start(root, state, false, settings());
    app.folder_read(read_folder(root, request));
    app
}

fn saved(effects: &[Effect]) -> Option<FolderState> {
    effects.iter().find_map(|effect| match effect {
        Effect::SaveState(state) => Some((**state).clone()),
        _ => None,
    })
}

fn open_title(app: &App) -> String {
    app.reader
        .open
        .and_then(|p| app.posts.get(p))
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

fn top_text(app: &App) -> String {
    app.article()
        .map(|a| a.row_text(app.reader.scroll))
        .unwrap_or_default()
}

/// Opens the long post and reads down a few pages; returns what the top row says.
fn read_into_the_long_post(app: &mut App) -> String {
    app.handle(Action::NextPost);
    assert_eq!(open_title(app), "긴 글");
    app.handle(Action::ToggleFocus);
    app.handle(Action::PageDown);
    app.handle(Action::PageDown);
    top_text(app)
}

#[test]
fn the_next_run_opens_the_last_post_at_the_same_place() {
    let dir = folder();
    let mut app = run(dir.path(), FolderState::new(dir.path().to_path_buf()));
    assert_eq!(
        open_title(&app),
        "새 글",
        "a first run opens the newest post"
    );
    let top = read_into_the_long_post(&mut app);
    assert!(top.contains("번째 문단"), "{top}");
    let state = saved(&app.handle(Action::Quit)).expect("quitting saves");
    assert_eq!(state.last_open.as_deref(), Some("long.md"));
    assert!(
        state
            .place(Path::new("long.md"))
            .is_some_and(|p| p.line > 5)
    );

    let again = run(dir.path(), state.clone());
    assert_eq!(open_title(&again), "긴 글");
    assert_eq!(top_text(&again), top);

    // Another width wraps the article otherwise; the same source line comes back.
    let (mut narrow, request) = start(dir.path(), state, false, settings());
    narrow.handle(Action::Resize(60, 30));
    narrow.folder_read(read_folder(dir.path(), request));
    assert_eq!(top_text(&narrow), top);
}

#[test]
fn a_place_or_a_bookmark_deep_in_a_long_list_comes_back_there_not_at_the_lists_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let items: String = (1..=60).map(|i| format!("- {i}번째 항목\n")).collect();
    std::fs::write(
        dir.path().join("list.md"),
        format!("---\ntitle: 목록\ndate: 2024-01-01\n---\n{items}"),
    )
    .expect("write");
    let mut app = run(dir.path(), FolderState::new(dir.path().to_path_buf()));
    app.handle(Action::ToggleFocus);
    app.handle(Action::PageDown);
    app.handle(Action::PageDown);
    let top = top_text(&app);
    assert!(
        top.contains("번째 항목") && !top.contains(" 1번째"),
        "{top}"
    );
    // A bookmark there goes there too, and is labelled with the item marked.
    let effects = app.handle(Action::Mark);
    let mark = saved(&effects)
        .and_then(|s| s.bookmarks.first().cloned())
        .expect("a mark");
    assert_eq!(
        mark.label,
        top.trim_start_matches(|c: char| !c.is_alphanumeric()),
        "labelled with the item at the top"
    );
    app.handle(Action::Top);
    app.handle(Action::OpenBookmarks);
    app.handle(Action::Open);
    assert_eq!(top_text(&app), top, "the bookmark");
    let state = saved(&app.handle(Action::Quit)).expect("quitting saves");
    let place = state.place(Path::new("list.md")).expect("a place");
    assert_eq!(
        place.line, 5,
        "the list is one block, from the body's first line"
    );
    let again = run(dir.path(), state);
    assert_eq!(top_text(&again), top);
}

#[test]
fn the_last_post_opens_as_soon_as_it_streams_in() {
    let dir = folder();
    let mut state = FolderState::new(dir.path().to_path_buf());
    state.last_open = Some("long.md".into());
    state.remember_place(
        Path::new("long.md"),
        Place {
            line: 25,
            row: None,
        },
    );
    let (mut app, request) = start(dir.path(), state, false, settings());
    let library = Library::load(dir.path()).expect("read");
    app.folder_posts(PostsRead {
        request,
        posts: library.posts,
    });
    assert_eq!(open_title(&app), "긴 글", "open before the read ends");
    assert!(top_text(&app).contains("10번째 문단"), "{}", top_text(&app));
    app.folder_loaded(Loaded {
        request,
        result: Ok(()),
    });
    assert_eq!(open_title(&app), "긴 글", "the end of the read keeps it");
}

#[test]
fn a_selection_made_while_the_folder_streams_in_is_not_moved() {
    let dir = folder();
    let mut state = FolderState::new(dir.path().to_path_buf());
    state.last_open = Some("long.md".into());
    let (mut app, request) = start(dir.path(), state, false, settings());
    let mut posts = Library::load(dir.path()).expect("read").posts;
    let long = posts.iter().position(|p| p.title == "긴 글").expect("long");
    let later = posts.remove(long);
    app.folder_posts(PostsRead { request, posts });
    app.handle(Action::Down);
    let chosen = app.sidebar.selected;
    app.folder_posts(PostsRead {
        request,
        posts: vec![later],
    });
    app.folder_loaded(Loaded {
        request,
        result: Ok(()),
    });
    assert_ne!(open_title(&app), "긴 글");
    assert_eq!(app.sidebar.selected, chosen);
}

#[test]
fn switching_posts_saves_once_the_reader_is_idle_not_at_every_post() {
    let dir = folder();
    let mut app = run(dir.path(), FolderState::new(dir.path().to_path_buf()));
    assert!(saved(&app.handle(Action::NextPost)).is_none());
    assert!(saved(&app.handle(Action::PreviousPost)).is_none());
    let state = saved(&app.handle(Action::Tick)).expect("saved when idle");
    assert_eq!(state.last_open.as_deref(), Some("new.md"));
    assert!(saved(&app.handle(Action::Tick)).is_none(), "once");
}

#[test]
fn fresh_and_tilde_start_from_the_newest_post_without_the_tag_filter() {
    let dir = folder();
    let mut state = FolderState::new(dir.path().to_path_buf());
    state.last_open = Some("long.md".into());
    state.tag_filter = vec!["nothing-has-this".into()];
    let (mut app, request) = start(dir.path(), state.clone(), true, settings());
    app.folder_read(read_folder(dir.path(), request));
    assert_eq!(open_title(&app), "새 글");
    assert!(app.tag_filter.is_empty());

    let mut app = run(dir.path(), state);
    assert_eq!(open_title(&app), "긴 글");
    app.handle(Action::StartFresh);
    assert_eq!(open_title(&app), "새 글");
    assert_eq!(app.reader.scroll, 0);
}

#[test]
fn the_tag_filter_and_collapsed_categories_come_back() {
    let dir = folder();
    let mut app = run(dir.path(), FolderState::new(dir.path().to_path_buf()));
    // Rows: 개발, 새 글, 여행, 긴 글: collapse 여행.
    app.handle(Action::Top);
    app.handle(Action::Down);
    app.handle(Action::Down);
    app.handle(Action::Back);
    assert!(!app.sidebar.groups()[1].expanded);
    app.add_tag_filter("rust".into());
    let state = saved(&app.handle(Action::Quit)).expect("saved");
    assert_eq!(state.tag_filter, ["rust"]);
    assert!(
        state.collapsed.contains("여행"),
        "hidden by the filter, still remembered: {:?}",
        state.collapsed
    );

    let mut again = run(dir.path(), state);
    assert_eq!(again.tag_filter, ["rust"]);
    assert_eq!(again.sidebar.groups().len(), 1);
    again.handle(Action::Close);
    let travel = again
        .sidebar
        .groups()
        .iter()
        .find(|g| g.name == "여행")
        .expect("여행 is back without the filter");
    assert!(!travel.expanded, "and still collapsed");
}

#[test]
fn a_post_open_a_few_seconds_or_scrolled_is_read_and_u_toggles_it() {
    let dir = folder();
    let quick = AppSettings {
        read_after: Duration::ZERO,
        ..settings()
    };
    let (mut app, request) = start(
        dir.path(),
        FolderState::new(dir.path().into()),
        false,
        quick,
    );
    app.folder_read(read_folder(dir.path(), request));
    assert_eq!(app.memory.unread.len(), 2, "nothing read on a first visit");
    app.handle(Action::Tick);
    assert_eq!(
        app.memory.unread.len(),
        1,
        "the newest post was open long enough"
    );
    assert!(app.memory.state.is_read(Path::new("new.md")));

    let mut slow = run(dir.path(), FolderState::new(dir.path().into()));
    slow.handle(Action::Tick);
    assert_eq!(
        slow.memory.unread.len(),
        2,
        "not yet: three seconds by default"
    );
    read_into_the_long_post(&mut slow);
    assert!(slow.memory.state.is_read(Path::new("long.md")), "scrolled");
    let effects = slow.handle(Action::ToggleRead);
    assert!(!slow.memory.state.is_read(Path::new("long.md")));
    assert_eq!(slow.notice.as_deref(), Some("marked unread"));
    let state = saved(&effects).expect("a toggle is saved at once");
    assert!(!state.read.contains("long.md"));
}

#[test]
fn posts_unknown_at_the_last_visit_are_new() {
    let dir = folder();
    let mut state = FolderState::new(dir.path().to_path_buf());
    state.known.insert("long.md".into());
    let app = run(dir.path(), state);
    let new: Vec<String> = app
        .memory
        .new
        .iter()
        .filter_map(|&p: &PostId| app.posts.get(p).map(|p| p.title.clone()))
        .collect();
    assert_eq!(new, ["새 글"]);
}

#[test]
fn m_marks_the_place_and_the_list_goes_there_or_deletes_it() {
    let dir = folder();
    let mut app = run(dir.path(), FolderState::new(dir.path().to_path_buf()));
    let top = read_into_the_long_post(&mut app);
    let effects = app.handle(Action::Mark);
    let state = saved(&effects).expect("a mark is saved at once");
    let mark = state.bookmarks.first().expect("a bookmark").clone();
    assert_eq!(mark.post, "long.md");
    assert!(mark.label.contains("번째 문단입니다."), "{mark:?}");
    app.handle(Action::StartFresh);
    assert_eq!(open_title(&app), "새 글");

    app.handle(Action::OpenBookmarks);
    assert!(matches!(app.overlay, Some(Overlay::Bookmarks(_))));
    app.handle(Action::Open);
    assert!(app.overlay.is_none());
    assert_eq!(open_title(&app), "긴 글");
    assert_eq!(top_text(&app), top);
    assert_eq!(app.focus, Focus::Article);

    app.handle(Action::OpenBookmarks);
    let effects = app.handle(Action::DeleteItem);
    assert!(
        matches!(app.overlay, Some(Overlay::Bookmarks(_))),
        "stays open"
    );
    assert!(saved(&effects).expect("saved").bookmarks.is_empty());
}

#[test]
fn without_remembering_nothing_is_saved_or_marked() {
    let dir = folder();
    let (mut app, request) = App::reading(
        dir.path().to_path_buf(),
        settings(),
        Rect::new(0, 0, 90, 20),
    )
    .clone_request();
    app.folder_read(read_folder(dir.path(), request));
    assert!(app.memory.unread.is_empty());
    app.handle(Action::Mark);
    assert!(saved(&app.handle(Action::Quit)).is_none());
}

trait CloneRequest {
    fn clone_request(self) -> (App, u64);
}

impl CloneRequest for (App, Effect) {
    fn clone_request(self) -> (App, u64) {
        match self {
            (app, Effect::ReadFolder(request)) => (app, request),
            (_, other) => panic!("expected a read, got {other:?}"),
        }
    }
}

#[test]
fn an_unfolded_details_stays_unfolded_in_the_next_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("details.md"),
        "---\ntitle: 접는 글\ndate: 2025-02-01\n---\n앞 문단\n\n<details>\n<summary>더 보기</summary>\n\n숨은 문단\n\n</details>\n",
    )
    .expect("write a post");
    let shown = |app: &App| {
        app.article()
            .map(|a| {
                (0..a.lines.len())
                    .map(|r| a.row_text(r))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let mut app = run(dir.path(), FolderState::new(dir.path().to_path_buf()));
    assert!(
        shown(&app).contains(&"▸ 더 보기".to_string()),
        "{:?}",
        shown(&app)
    );
    app.handle(Action::TabForward);
    app.handle(Action::TabForward);
    app.handle(Action::Open);
    assert!(
        shown(&app).contains(&"│ 숨은 문단".to_string()),
        "{:?}",
        shown(&app)
    );
    let state = saved(&app.handle(Action::Quit)).expect("quitting saves");
    assert_eq!(
        state.toggled_details.len(),
        1,
        "{:?}",
        state.toggled_details
    );

    let again = run(dir.path(), state);
    assert!(
        shown(&again).contains(&"▾ 더 보기".to_string()),
        "{:?}",
        shown(&again)
    );
    assert!(shown(&again).contains(&"│ 숨은 문단".to_string()));
}

#[test]
fn a_post_moved_while_the_reader_runs_is_not_marked_new() {
    let dir = folder();
    let mut state = FolderState::new(dir.path().to_path_buf());
    state.known.insert("long.md".into());
    state.known.insert("new.md".into());
    let mut app = run(dir.path(), state);
    assert!(app.memory.new.is_empty(), "both known at the last visit");
    let from = dir.path().join("long.md");
    let to = dir.path().join("moved.md");
    std::fs::rename(&from, &to).expect("mv");
    if let Some(effect) = app.folder_changed(&[from, to]) {
        geul::tui::perform_effect(&mut app, effect);
    }
    let moved = app.posts.find(Path::new("moved.md")).expect("listed");
    assert!(!app.memory.new.contains(&moved), "not new: it was known");
    assert!(app.memory.state.known.contains("moved.md"));
}
