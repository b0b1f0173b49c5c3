//! The crate's layers import one way (see the crate documentation in `src/lib.rs`):
//! `text` <- `styled` <- `markdown` <- `tui`, `text` <- `library` <- `markdown`, `library`
//! <- `picture` <- `markdown`, and `cli` on top. These tests read the sources and fail on
//! an import against the layers, so a shortcut through a higher layer cannot come back
//! unnoticed.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The lines of code (not comments) of the files of `layer` that name any of `forbidden`,
/// as `file:line: text`.
fn offending_lines(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&src().join(layer)) {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if forbidden.iter().any(|f| code.contains(f)) {
                let name = file
                    .strip_prefix(src())
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                found.push(format!("{name}:{}: {}", n + 1, code));
            }
        }
    }
    found
}

#[test]
fn text_knows_nothing_of_ratatui_markdown_posts_or_the_reader() {
    let found = offending_lines(
        "text",
        &[
            "ratatui",
            "pulldown_cmark",
            "tui_markdown",
            "crate::styled",
            "crate::library",
            "crate::markdown",
            "crate::tui",
            "crate::cli",
            "crate::config",
        ],
    );
    assert!(
        found.is_empty(),
        "text/ imports a higher layer:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_library_stands_on_text_only() {
    let found = offending_lines(
        "library",
        &[
            "ratatui",
            "tui_markdown",
            "crossterm",
            "crate::styled",
            "crate::markdown",
            "crate::tui",
            "crate::cli",
            "crate::config",
        ],
    );
    assert!(
        found.is_empty(),
        "library/ imports the UI or rendering:\n{}",
        found.join("\n")
    );
}

#[test]
fn styled_lines_know_nothing_of_posts_rendering_or_the_reader() {
    let found = offending_lines(
        "styled",
        &[
            "crossterm",
            "crate::library",
            "crate::markdown",
            "crate::tui",
            "crate::cli",
        ],
    );
    assert!(
        found.is_empty(),
        "styled/ imports a higher layer:\n{}",
        found.join("\n")
    );
}

#[test]
fn pictures_know_nothing_of_rendering_the_reader_or_the_command_line() {
    let found = offending_lines(
        "picture",
        &[
            "crossterm",
            "tui_markdown",
            "crate::markdown",
            "crate::tui",
            "crate::cli",
            "crate::config",
        ],
    );
    assert!(
        found.is_empty(),
        "picture/ imports a higher layer:\n{}",
        found.join("\n")
    );
}

#[test]
fn rendering_knows_nothing_of_the_reader_or_the_command_line() {
    let found = offending_lines("markdown", &["crossterm", "crate::tui", "crate::cli"]);
    assert!(
        found.is_empty(),
        "markdown/ imports a higher layer:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_reader_knows_nothing_of_the_command_line() {
    let found = offending_lines("tui", &["crate::cli"]);
    assert!(found.is_empty(), "tui/ imports cli/:\n{}", found.join("\n"));
}

#[test]
fn the_app_state_does_not_depend_on_the_key_map() {
    let text = fs::read_to_string(src().join("tui/app.rs")).unwrap_or_default();
    let imports: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("use ") && l.contains("keymap"))
        .collect();
    assert!(
        imports.is_empty(),
        "tui/app.rs imports the key map: {imports:?}"
    );
}

#[test]
fn no_source_file_is_much_longer_than_600_lines() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter_map(|file| {
            let lines = fs::read_to_string(&file).ok()?.lines().count();
            (lines > 650).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these into folders:\n{}",
        long.join("\n")
    );
}
