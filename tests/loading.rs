//! The reader draws before its folder is read: reading and indexing happen as an effect
//! (a worker thread in the event loop), and their answer is taken in by `App::folder_read`.

mod common;

use std::path::Path;

use common::app_screen::screen;

use geul::library::search::SearchIndex;
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Effect};
use geul::tui::worker::{Indexed, Loaded, PostsRead, read_folder};
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
fn a_folder_that_disappears_before_it_is_read_is_said_to_be_gone_and_looked_for() {
    let dir = folder();
    let root = dir.path().to_path_buf();
    let (mut app, request) = start(&root);
    drop(dir);
    app.folder_read(read_folder(&root, request));
    assert_eq!(app.reading, None);
    let shown: String = screen(&app).split_whitespace().collect();
    assert!(shown.contains("isgone;itshowsagainwhenitisback"), "{shown}");
    assert!(app.folder_missing(), "the event loop looks for it");
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

/// `n` posts, one a day from 2020-01-01 (so the last is the newest), in two categories;
/// every third is about 생성형 AI.
fn many_posts(n: usize) -> Vec<geul::library::Post> {
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date");
    (0..n)
        .map(|i| {
            let day = start + chrono::Days::new(i as u64);
            let topic = if i % 3 == 0 { "생성형 AI" } else { "산책" };
            let category = if i % 2 == 0 { "짝" } else { "홀" };
            let text = format!(
                "---\ntitle: 글 {i:03}\ndate: {day}\ncategory: {category}\n---\n{topic} 이야기 {i}\n"
            );
            geul::library::scan::post_from_text(
                format!("/blog/{i:03}.md").into(),
                format!("{i:03}.md").into(),
                &text,
            )
        })
        .collect()
}

fn batch(request: u64, posts: &[geul::library::Post]) -> PostsRead {
    PostsRead {
        request,
        posts: posts.to_vec(),
    }
}

fn segment(request: u64, posts: &[geul::library::Post], first: usize, done: bool) -> Indexed {
    Indexed {
        request,
        first,
        index: SearchIndex::build(&posts[first..]),
        done,
    }
}

fn loaded(request: u64) -> Loaded {
    Loaded {
        request,
        result: Ok(()),
    }
}

fn squashed(app: &App) -> String {
    screen(app).chars().filter(|c| *c != ' ').collect()
}

#[test]
fn posts_stream_into_the_sidebar_before_the_read_ends_and_the_newest_opens_at_its_end() {
    let posts = many_posts(150);
    let (mut app, request) = start(Path::new("/blog"));
    assert!(app.streams());
    app.folder_posts(batch(request, &posts[..64]));
    let shown = squashed(&app);
    assert!(
        shown.contains("글062"),
        "the newest read so far is listed: {shown}"
    );
    assert!(
        shown.contains("·64"),
        "the sidebar counts what is read: {shown}"
    );
    assert!(shown.contains("reading"), "{shown}");
    assert_eq!(app.reader.open, None, "the newest post is not known yet");
    app.handle(Action::ToggleHelp);
    app.handle(Action::Close);
    assert_eq!(
        app.reader.open, None,
        "keys that choose nothing open nothing"
    );
    app.folder_posts(batch(request, &posts[64..]));
    app.folder_loaded(loaded(request));
    assert_eq!(app.reading, None);
    let shown = squashed(&app);
    assert!(
        shown.contains("산책이야기149"),
        "the newest post opens: {shown}"
    );
    assert!(!shown.contains("reading"), "{shown}");
    assert!(shown.contains("indexing0/150…"), "{shown}");
    app.folder_indexed(segment(request, &posts, 0, true));
    assert!(!squashed(&app).contains("indexing"));
}

#[test]
fn the_sidebar_is_grouped_again_as_posts_grow_by_a_quarter_and_lists_them_all_when_the_read_ends() {
    let posts = many_posts(150);
    let (mut app, request) = start(Path::new("/blog"));
    app.folder_posts(batch(request, &posts[..64]));
    assert!(
        squashed(&app).contains("·64"),
        "the first batch shows at once"
    );
    app.folder_posts(batch(request, &posts[64..72]));
    let shown = squashed(&app);
    assert!(
        shown.contains("글062") && !shown.contains("글070"),
        "8 more posts wait for more: {shown}"
    );
    app.folder_posts(batch(request, &posts[72..80]));
    let shown = squashed(&app);
    assert!(
        shown.contains("글078"),
        "a quarter more is grouped again: {shown}"
    );
    app.folder_posts(batch(request, &posts[80..90]));
    app.folder_loaded(loaded(request));
    let shown = squashed(&app);
    assert!(shown.contains("산책이야기89"), "the newest opens: {shown}");
    assert_eq!(
        app.sidebar.post_order().len(),
        90,
        "the end lists every post"
    );
}

#[test]
fn a_post_chosen_while_the_folder_streams_in_stays_open_when_the_read_ends() {
    let posts = many_posts(150);
    let (mut app, request) = start(Path::new("/blog"));
    app.folder_posts(batch(request, &posts[..64]));
    app.handle(Action::Down);
    app.handle(Action::Down);
    let chosen = app.reader.open.expect("moving onto a post opens it");
    let title = app.posts[chosen.index()].title.clone();
    app.folder_posts(batch(request, &posts[64..]));
    assert_eq!(app.reader.open, Some(chosen), "new posts do not move it");
    app.folder_loaded(loaded(request));
    assert_eq!(app.reader.open, Some(chosen));
    assert_eq!(
        app.sidebar.selected_post(),
        Some(chosen),
        "nor the selection"
    );
    assert_eq!(title, "글 060");
}

#[test]
fn search_while_indexing_says_so_and_its_results_grow_when_indexing_completes() {
    let posts = many_posts(150);
    let (mut app, request) = start(Path::new("/blog"));
    app.folder_posts(batch(request, &posts[..64]));
    app.handle(Action::OpenSearch);
    for c in "생성형".chars() {
        app.handle(Action::Input(c));
    }
    let shown = screen(&app);
    assert!(shown.contains("indexing 0/64…"), "{shown}");
    assert!(shown.contains("the index is still being built"), "{shown}");
    app.folder_indexed(segment(request, &posts[..64], 0, false));
    let shown = screen(&app);
    assert!(shown.contains("indexing 64/64…"), "{shown}");
    assert!(
        squashed(&app).contains("글063"),
        "found among what is indexed"
    );
    let Some(geul::tui::overlays::Overlay::Search(panel)) = &app.overlay else {
        panic!("the search stays open");
    };
    assert_eq!(panel.hits.len(), 22);
    app.folder_posts(batch(request, &posts[64..]));
    app.folder_loaded(loaded(request));
    app.folder_indexed(segment(request, &posts, 64, true));
    let shown = screen(&app);
    assert!(!shown.contains("indexing"), "{shown}");
    assert!(
        squashed(&app).contains("글147"),
        "the newest match now: {shown}"
    );
    let Some(geul::tui::overlays::Overlay::Search(panel)) = &app.overlay else {
        panic!("the search stays open");
    };
    assert_eq!(panel.hits.len(), 50, "as many as the overlay lists");
}

#[test]
fn a_watched_edit_updates_the_index_for_that_post_only_and_new_and_deleted_posts_follow() {
    let dir = folder();
    let (mut app, request) = start(dir.path());
    app.folder_read(read_folder(dir.path(), request));
    let segments = app.index.segment_count();
    std::fs::write(
        dir.path().join("old.md"),
        "---\ntitle: 옛 글\ndate: 2023-01-01\n---\n확산 모델 이야기\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("third.md"),
        "---\ntitle: 셋째 글\ndate: 2024-01-01\n---\n확산\n",
    )
    .expect("write");
    let paths = [dir.path().join("old.md"), dir.path().join("third.md")];
    let effect = app.folder_changed(&paths).expect("a change to read");
    assert_eq!(effect, Effect::ReadPosts(paths.to_vec()));
    geul::tui::perform_effect(&mut app, effect);
    assert_eq!(
        app.index.segment_count(),
        segments + 1,
        "one segment for the posts read, none rebuilt"
    );
    let found = |app: &App, query: &str| -> Vec<String> {
        app.index
            .search(app.posts.slots(), query, 10)
            .iter()
            .map(|hit| app.posts[hit.post.index()].title.clone())
            .collect()
    };
    assert_eq!(found(&app, "확산"), ["셋째 글", "옛 글"]);
    assert_eq!(
        found(&app, "본문"),
        Vec::<String>::new(),
        "the old text is gone"
    );
    assert!(squashed(&app).contains("셋째글"), "the new post is listed");
    std::fs::remove_file(dir.path().join("third.md")).expect("remove");
    let effect = app.folder_changed(&[dir.path().join("third.md")]);
    geul::tui::perform_effect(&mut app, effect.expect("a change"));
    assert_eq!(found(&app, "확산"), ["옛 글"]);
    assert!(
        !squashed(&app).contains("셋째글"),
        "the deleted post is gone"
    );
    assert_eq!(app.posts.len(), 2);
}

#[test]
fn segments_piled_up_by_posts_added_one_by_one_are_merged_and_search_still_finds_each() {
    let dir = folder();
    let (mut app, request) = start(dir.path());
    app.folder_read(read_folder(dir.path(), request));
    let mut merged = false;
    for n in 0..20 {
        let path = dir.path().join(format!("new-{n}.md"));
        std::fs::write(&path, format!("# 새 {n}\n\n확산 {n}\n")).expect("write");
        let effect = app.folder_changed(std::slice::from_ref(&path));
        let after = app.posts_reread(geul::tui::worker::reread_posts(dir.path(), &[path]));
        assert!(effect.is_some());
        if let Some(merge @ Effect::Merge(_)) = after {
            geul::tui::perform_effect(&mut app, merge);
            merged = true;
        }
        assert!(app.index.segment_count() <= 16, "merged when they pile up");
    }
    assert!(merged, "twenty posts added one by one make a merge");
    // One of them saved again after the merge: found by its new text only.
    let path = dir.path().join("new-3.md");
    std::fs::write(&path, "# 새 3\n\n고친 글\n").expect("write");
    app.posts_reread(geul::tui::worker::reread_posts(dir.path(), &[path]));
    let hits = |query: &str| app.index.search(app.posts.slots(), query, 100).len();
    assert_eq!(hits("확산"), 19);
    assert_eq!(hits("고친"), 1);
    assert_eq!(hits("생성형"), 1, "the posts read first are still found");
    assert_eq!(app.index.len(), 22);
    assert_eq!(app.posts.len(), 22);
}

#[test]
fn a_post_caught_half_written_shows_its_parse_error_and_the_next_save_recovers() {
    let dir = folder();
    let (mut app, request) = start(dir.path());
    app.folder_read(read_folder(dir.path(), request));
    // Esc: the status line's notice about the grouping chosen gives way.
    app.handle(Action::Close);
    let path = dir.path().join("new.md");
    let save = |app: &mut App, text: &str| {
        std::fs::write(&path, text).expect("write");
        let effect = app.folder_changed(std::slice::from_ref(&path));
        geul::tui::perform_effect(app, effect.expect("a change"));
    };
    save(&mut app, "---\ntitle: [새 글\ndate: 2025-01-01\n");
    let shown = screen(&app);
    assert!(shown.contains("⚠"), "the parse error is shown: {shown}");
    assert!(shown.contains("1 post failed to parse"), "{shown}");
    assert_eq!(app.posts.len(), 2, "nothing is lost");
    save(
        &mut app,
        "---\ntitle: 새 글\ndate: 2025-01-01\n---\n다시 쓴 이야기\n",
    );
    let shown = squashed(&app);
    assert!(!shown.contains("⚠"), "{shown}");
    assert!(
        shown.contains("다시쓴이야기"),
        "the next save recovers: {shown}"
    );
    assert_eq!(app.posts.len(), 2);
}

#[test]
fn the_tag_picker_while_reading_lists_the_tags_loaded_so_far_and_says_so() {
    let mut posts = many_posts(150);
    posts[10].tags = vec!["먼저".into()];
    posts[100].tags = vec!["나중".into()];
    let (mut app, request) = start(Path::new("/blog"));
    app.folder_posts(batch(request, &posts[..64]));
    app.handle(Action::OpenTagPicker);
    let shown = squashed(&app);
    assert!(shown.contains("reading64/64…"), "{shown}");
    assert!(shown.contains("먼저") && !shown.contains("나중"), "{shown}");
    app.folder_posts(batch(request, &posts[64..]));
    app.folder_loaded(loaded(request));
    let shown = squashed(&app);
    assert!(!shown.contains("reading"), "{shown}");
    assert!(shown.contains("먼저") && shown.contains("나중"), "{shown}");
}
