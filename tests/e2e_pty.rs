//! The real `geul` binary in a pseudo-terminal: what a person sees and types.
//!
//! Every test starts geul on the sample posts with `--width-probe off` (the virtual
//! terminal here does not answer cursor position reports) and an empty config home, feeds
//! everything it prints into a `vt100` screen, and polls that screen instead of sleeping.
//! The terminal's own life (signals, tiny windows, no terminal) is in `terminal_pty.rs`;
//! a folder changing under the reader in `live_pty.rs`.

mod common;

use std::time::Duration;

use common::sample_reader::*;
use common::{posts_dir, squash};

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
