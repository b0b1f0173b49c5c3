//! File names that try to drive the terminal (escape sequences, C1 controls, bidi
//! overrides), break the one-line-per-result format (newlines, tabs) or are not UTF-8:
//! `geul list`, `search`, `tags` and `render` print them escaped in text and exactly in
//! JSON, and nothing raw reaches the terminal, errors included.
#![cfg(unix)]

mod common;

use common::{output_json, run_geul};

/// File names that try to drive the terminal or break the one-line-per-result format,
/// one that is not UTF-8, and an ordinary Korean one.
const HOSTILE_NAMES: [&[u8]; 6] = [
    b"esc\x1b[31mred\x1b]0;pwn\x07.md",
    b"new\nline\rcr.md",
    b"tab\there.md",
    "c1\u{9b}31m\u{85}bidi\u{202e}x\u{2066}y\u{200f}.md".as_bytes(),
    b"bad\xff.md",
    "한글 이름.md".as_bytes(),
];

/// A folder of posts named [`HOSTILE_NAMES`], each mentioning `needle` and a hashtag.
fn hostile_posts() -> tempfile::TempDir {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    for name in HOSTILE_NAMES {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(&path, "needle in the body\n\n#hostile\n").expect("write post");
    }
    dir
}

/// The exact bytes of every path a hostile folder holds.
fn hostile_paths(dir: &std::path::Path) -> Vec<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let mut paths: Vec<Vec<u8>> = HOSTILE_NAMES
        .iter()
        .map(|name| {
            dir.join(std::ffi::OsStr::from_bytes(name))
                .as_os_str()
                .as_bytes()
                .to_vec()
        })
        .collect();
    paths.sort();
    paths
}

/// Fails if `bytes` hold anything a terminal would act on, other than the line breaks
/// (and, where `tabs`, the tabs) the format itself uses.
fn assert_terminal_safe(what: &str, bytes: &[u8], tabs: bool) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && !(tabs && c == '\t'))
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(
        !bytes.contains(&0x1b) && !bytes.contains(&0x07) && bad.is_empty(),
        "{what} leaks {bad:?}:\n{text}"
    );
}

/// The exact path of each JSON item: `path_bytes` when present, else `path`.
fn json_paths(items: &serde_json::Value) -> Vec<Vec<u8>> {
    let mut paths: Vec<Vec<u8>> = items
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| match item.get("path_bytes") {
            Some(bytes) => {
                assert!(
                    item["path"]
                        .as_str()
                        .is_some_and(|p| p.contains('\u{FFFD}')),
                    "path_bytes only for a path that is not UTF-8: {item}"
                );
                bytes
                    .as_array()
                    .expect("path_bytes is an array")
                    .iter()
                    .map(|b| {
                        b.as_u64()
                            .and_then(|b| u8::try_from(b).ok())
                            .expect("a byte")
                    })
                    .collect()
            }
            None => item["path"].as_str().expect("path").as_bytes().to_vec(),
        })
        .collect();
    paths.sort();
    paths
}

#[test]
fn list_shows_hostile_file_names_escaped_one_line_per_post() {
    let dir = hostile_posts();
    let output = run_geul(&["list".as_ref(), dir.path().as_os_str()]);
    assert!(output.status.success());
    assert_terminal_safe("geul list", &output.stdout, false);
    let text = String::from_utf8(output.stdout).expect("text output is UTF-8");
    assert_eq!(text.lines().count(), HOSTILE_NAMES.len(), "{text}");
    for shown in [
        r"esc\x1b[31mred\x1b]0;pwn\x07.md)",
        r"new\nline\rcr.md)",
        r"tab\there.md)",
        r"c1\u{9b}31m\u{85}bidi\u{202e}x\u{2066}y\u{200f}.md)",
        r"bad\xff.md)",
        "한글 이름.md)",
    ] {
        assert!(
            text.lines().any(|line| line.ends_with(shown)),
            "{shown} in\n{text}"
        );
    }
}

#[test]
fn list_json_gives_back_every_hostile_path_exactly() {
    let dir = hostile_posts();
    let output = run_geul(&[
        "list".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_terminal_safe("geul list --format json", &output.stdout, false);
    let items = output_json(&output);
    assert_eq!(json_paths(&items), hostile_paths(dir.path()));
    let with_bytes: Vec<&serde_json::Value> = items
        .as_array()
        .expect("an array")
        .iter()
        .filter(|item| item.get("path_bytes").is_some())
        .collect();
    assert_eq!(with_bytes.len(), 1, "only bad\\xff.md needs path_bytes");
    let keys: Vec<&str> = with_bytes[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "path",
            "path_bytes",
            "title",
            "date",
            "categories",
            "tags",
            "description",
            "error"
        ]
    );
}

#[test]
fn search_shows_hostile_file_names_escaped_with_four_fields_per_line() {
    let dir = hostile_posts();
    let output = run_geul(&["search".as_ref(), "needle".as_ref(), dir.path().as_os_str()]);
    assert!(output.status.success());
    assert_terminal_safe("geul search", &output.stdout, true);
    let text = String::from_utf8(output.stdout).expect("text output is UTF-8");
    assert_eq!(text.lines().count(), HOSTILE_NAMES.len(), "{text}");
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 4, "{line:?}");
    }
    assert!(text.contains(r"bad\xff.md"), "{text}");
    assert!(text.contains("한글 이름.md"), "{text}");
}

#[test]
fn search_json_gives_back_every_hostile_path_exactly() {
    let dir = hostile_posts();
    let output = run_geul(&[
        "search".as_ref(),
        "needle".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_terminal_safe("geul search --format json", &output.stdout, false);
    let items = output_json(&output);
    assert_eq!(json_paths(&items), hostile_paths(dir.path()));
    // Titles fall back to the file names: exact in JSON too.
    assert!(
        items
            .as_array()
            .expect("an array")
            .iter()
            .any(|i| i["title"] == "c1\u{9b}31m\u{85}bidi\u{202e}x\u{2066}y\u{200f}"),
        "{items}"
    );
}

#[test]
fn tags_of_a_folder_with_hostile_names_print_nothing_raw() {
    let dir = hostile_posts();
    for format in ["text", "json"] {
        let output = run_geul(&[
            "tags".as_ref(),
            dir.path().as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
        ]);
        assert!(output.status.success());
        assert_terminal_safe("geul tags", &output.stdout, false);
        assert_terminal_safe("geul tags (stderr)", &output.stderr, false);
        assert!(String::from_utf8_lossy(&output.stdout).contains("hostile"));
    }
}

#[test]
fn render_of_a_hostile_file_name_prints_nothing_raw_even_in_errors() {
    let dir = hostile_posts();
    for name in HOSTILE_NAMES {
        use std::os::unix::ffi::OsStrExt;
        let file = dir.path().join(std::ffi::OsStr::from_bytes(name));
        let output = run_geul(&[
            "render".as_ref(),
            file.as_os_str(),
            "--color".as_ref(),
            "never".as_ref(),
        ]);
        assert!(output.status.success(), "{}", file.display());
        assert_terminal_safe("geul render", &output.stdout, false);
        assert_terminal_safe("geul render (stderr)", &output.stderr, false);
    }
    let missing = dir.path().join("gone\u{1b}]0;pwn\u{7}\u{202e}.md");
    let output = run_geul(&["render".as_ref(), missing.as_os_str()]);
    assert!(!output.status.success());
    assert_terminal_safe("geul render's error", &output.stderr, false);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(r"gone\x1b]0;pwn\x07\u{202e}.md") && stderr.lines().count() == 1,
        "{stderr}"
    );
}

#[test]
fn errors_naming_hostile_paths_or_arguments_print_nothing_raw() {
    let dir = hostile_posts();
    let missing = dir.path().join("no\u{1b}]0;pwn\u{7}\nfolder");
    let output = run_geul(&["list".as_ref(), missing.as_os_str()]);
    assert!(!output.status.success());
    assert_terminal_safe("geul list's error", &output.stderr, false);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(r"no\x1b]0;pwn\x07\nfolder"), "{stderr}");

    // A shell glob can hand clap a hostile name it quotes in its own message.
    let first = dir.path().join("esc\u{1b}[31mred\u{1b}]0;pwn\u{7}.md");
    let output = run_geul(&["render".as_ref(), first.as_os_str(), first.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    assert_terminal_safe("clap's error", &output.stderr, false);
    assert!(String::from_utf8_lossy(&output.stderr).contains("Usage"));
}
