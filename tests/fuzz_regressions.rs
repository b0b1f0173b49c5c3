//! Every input a fuzzer found (minimised, under `tests/fuzz-regressions/TARGET/`) and the
//! seeds checked again on stable with the fuzz targets' own invariants
//! (`fuzz/checks/mod.rs`), so a fixed crash stays fixed without a nightly toolchain.

use std::path::Path;

#[path = "../fuzz/checks/mod.rs"]
mod checks;

/// Runs `check` on every file in `tests/fuzz-regressions/TARGET`, returning how many.
fn run_regressions(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        if path.file_name().is_some_and(|n| n == ".gitkeep") {
            continue;
        }
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(
            result.is_ok(),
            "regression input {} fails again",
            path.display()
        );
        count += 1;
    }
    count
}

/// The sample posts, as seeds every target should take without complaint.
fn sample_posts() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("posts");
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    found
}

#[test]
fn post_reading_regressions_and_the_sample_posts_hold_the_invariants() {
    run_regressions("post", checks::post);
    for post in sample_posts() {
        checks::post(&post);
    }
}

#[test]
fn site_syntax_regressions_and_the_sample_posts_keep_their_lines() {
    run_regressions("site_syntax", checks::site_syntax);
    for post in sample_posts() {
        checks::site_syntax(&post);
    }
}

#[test]
fn render_regressions_and_the_sample_posts_fit_their_width_and_keep_their_text() {
    run_regressions("render", checks::render);
    for post in sample_posts() {
        let text = String::from_utf8_lossy(&post);
        let body = geul::library::scan::post_from_text("s.md".into(), "s.md".into(), &text).body;
        for (width, wide) in [(1, false), (7, true), (40, false), (99, true), (200, false)] {
            checks::render_markdown(&body, width, wide);
        }
    }
    // Korean, emoji and nesting, through the pieces bytes above 0x80 stand for.
    let pieces: Vec<u8> = (0x80..=0xff).collect();
    for width in [1u8, 2, 3, 10, 60, 201] {
        let mut data = vec![width];
        data.extend_from_slice(&pieces);
        data.extend_from_slice(&pieces);
        checks::render(&data);
    }
}

#[test]
fn link_regressions_never_leave_the_folder() {
    run_regressions("links", checks::links);
    for href in [
        "../../etc/passwd",
        "dev/b.md\n../a.md",
        "javascript:x",
        "/2025/01/19/c/",
    ] {
        checks::links(href.as_bytes());
    }
}

#[test]
fn image_regressions_never_read_outside_the_site() {
    run_regressions("images", checks::images);
    for src in [
        "../../outside.png",
        "/../outside.png",
        "/img/a.png",
        "%2e%2e/%2e%2e/outside.png",
    ] {
        checks::images(src.as_bytes());
    }
}

#[test]
fn search_regressions_agree_with_the_reference_scan() {
    run_regressions("search", checks::search);
    for input in [
        "ㅅㅅㅎ\n생성형 AI\n#AI\n생성형 모델은 확산한다",
        "rust #파이썬\n러스트\n파이썬\n```\nrust\n```\n\0Rust 책\n\nrust 입문",
        "생서\n생성\n\n본문",
    ] {
        checks::search(input.as_bytes());
    }
}

#[test]
fn app_regressions_survive_and_stay_in_range() {
    run_regressions("app", checks::app);
    // Every action once, then resizes down to one cell and back, with a search typed.
    let mut every: Vec<u8> = vec![99, 29];
    every.extend(0..32u8);
    every.extend([
        13, 0, 0, 17, 18, 2, 18, 3, 6, 13, 255, 99, 5, 23, 6, 26, 6, 27,
    ]);
    checks::app(&every);
}
