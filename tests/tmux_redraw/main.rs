//! Zero stale cells in a real terminal.
//!
//! For every sample post (and the shared seed post, when it is there) geul runs inside a
//! detached 100x40 tmux session, with the width probe on (tmux answers the cursor position
//! reports). The article is stepped through a line at a time with `j`; after every step
//! the pane is captured, `Ctrl-l` forces a full redraw, and the pane is captured again. A
//! cell that differs between the two captures was left stale by the incremental redraw.
//!
//! tmux runs on its own socket (`-L geul-test-<pid>-<n>`, one a test) with its own config, so it never
//! touches a tmux server the user has running, and the server is killed at the end even
//! when the test fails. Without tmux on PATH the test says so and passes.

mod capture;
#[path = "../common/mod.rs"]
mod common;
mod reader;
mod tmux;
mod walk;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use capture::*;
use reader::*;
use tmux::*;
use walk::*;

use common::{geul_bin, list_posts, manifest_dir, poll, post_files, posts_dir, squash};

const COLS: u16 = 100;
const ROWS: u16 = 40;
/// At most this many `j` steps per post.
const MAX_STEPS: usize = 400;
/// How long to wait for the frame a key causes before deciding none is coming.
const REACTION: Duration = Duration::from_secs(5);
/// Separates the plain capture from the one with escapes in a single tmux call.
const MARK: &str = "==8<== geul capture ==8<==";
/// ratatui ends every frame by hiding the cursor.
const FRAME_END: &[u8] = b"\x1b[?25l";
/// `Ctrl-l` clears the whole screen before its frame.
const CLEAR: &[u8] = b"\x1b[2J";

#[test]
fn every_step_through_posts_with_pictures_in_half_blocks_matches_a_full_redraw() {
    let Some(tmux) = Tmux::start_if_installed() else {
        return;
    };
    let mut failures = Vec::new();
    // The newest post of each sample site: a thumbnail and inline pictures (Jekyll), a
    // thumbnail (Hugo).
    for (i, site) in ["jekyll-blog", "hugo-blog"].iter().enumerate() {
        let folder = manifest_dir().join("posts/sites").join(site);
        let args = ["--images", "halfblocks", "--no-state"];
        let walk = walk_newest(
            &tmux,
            100 + i,
            &folder,
            format!("{site} (pictures)"),
            &args,
            true,
        );
        eprintln!(
            "{}: {} steps, {} with a picture in view, {} stale, reached the end: {}",
            walk.post,
            walk.steps,
            walk.picture_frames,
            walk.stale.len(),
            walk.reached_end
        );
        assert!(
            walk.picture_frames > 0,
            "{}: no picture was ever in view",
            walk.post
        );
        failures.extend(report(&walk));
    }
    assert!(
        failures.is_empty(),
        "posts with pictures redraw differently after Ctrl-l:{}",
        failures.concat()
    );
}

#[test]
fn every_step_through_zwj_sequences_built_on_text_emoji_matches_a_full_redraw() {
    let Some(tmux) = Tmux::start_if_installed() else {
        return;
    };
    // tmux draws `🏳‍🌈` (VS16 dropped) in the first component's one cell, where Unicode
    // would add the rainbow's two: such sequences once left stale cells at every step.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("---\ntitle: 깃발\ndate: 2025-01-01\n---\n");
    for i in 0..30 {
        text.push_str(&format!("{i}번째 줄입니다.\n\n"));
    }
    text.push_str("| 기호 | 뜻 |\n|---|---|\n| 🏳️‍🌈 | 무지개 |\n| ❤️‍🔥 | 불꽃 |\n| 👁️‍🗨️ | 말풍선 |\n\n");
    text.push_str("무지개 🏳️‍🌈 하트 ❤️‍🔥 의사 🧑‍⚕️ 눈 👁️‍🗨️ 끝\n\n");
    for i in 0..30 {
        text.push_str(&format!("{i}번째 뒷줄입니다.\n\n"));
    }
    std::fs::write(dir.path().join("flag.md"), text).expect("write the post");
    let walk = walk_newest(
        &tmux,
        200,
        dir.path(),
        "ZWJ sequences".into(),
        &["--no-state"],
        false,
    );
    assert!(walk.reached_end, "walked to the end");
    if let Some(failure) = report(&walk) {
        panic!("ZWJ sequences redraw differently after Ctrl-l:{failure}");
    }
}

#[test]
fn every_step_through_every_post_matches_a_full_redraw() {
    let Some(tmux) = Tmux::start_if_installed() else {
        return;
    };
    let start = Instant::now();
    let mut failures = Vec::new();
    let posts = posts_to_walk();
    for (i, post) in posts.iter().enumerate() {
        let started = Instant::now();
        let walk = walk(&tmux, i, post);
        let end = if walk.reached_end {
            "to 100%"
        } else {
            "NOT to the end"
        };
        eprintln!(
            "{}: {} steps {end}, {} stale, {:.1} s",
            walk.post,
            walk.steps,
            walk.stale.len(),
            started.elapsed().as_secs_f64()
        );
        if let Some(note) = &walk.note {
            eprintln!("  note: {note}");
        }
        failures.extend(report(&walk));
    }
    eprintln!(
        "walked {} posts in {:.1} s",
        posts.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} posts redraw differently after Ctrl-l:{}",
        failures.len(),
        posts.len(),
        failures.concat()
    );
}
