//! The subcommands scripts rely on: list, tags, search, config errors, help.

use std::path::Path;
use std::process::{Command, Output};

fn geul(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_geul"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("geul-cli-test-no-config"),
        )
        .output()
        .expect("geul runs")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn list_json_has_every_field_for_every_post_newest_first() {
    let list = json(&geul(&["list", "posts", "--format", "json"]));
    let items = list.as_array().expect("an array");
    assert!(items.len() >= 15);
    for item in items {
        for key in [
            "path",
            "title",
            "date",
            "categories",
            "tags",
            "description",
            "error",
        ] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    let dates: Vec<&str> = items.iter().filter_map(|i| i["date"].as_str()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    assert!(
        items.iter().any(|i| !i["error"].is_null()),
        "the broken sample post is listed with its error"
    );
    let first_undated = items.iter().position(|i| i["date"].is_null());
    assert!(
        first_undated.is_none_or(|at| items[at..].iter().all(|i| i["date"].is_null())),
        "undated posts come last"
    );
    let broken = items
        .iter()
        .find(|i| !i["error"].is_null())
        .expect("the broken sample post");
    assert_eq!(
        broken["date"], "2024-08-24",
        "a quote left open costs the post none of its other keys"
    );
    assert_eq!(broken["categories"][0], "여행 & 일상");
}

#[test]
fn list_filters_by_category_and_by_tag_with_or_without_hash() {
    let by_category = json(&geul(&[
        "list",
        "posts",
        "--category",
        "여행 & 일상",
        "--format",
        "json",
    ]));
    let items = by_category.as_array().expect("an array");
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| {
        i["categories"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c == "여행 & 일상"))
    }));
    let with_hash = json(&geul(&[
        "list",
        "posts",
        "--tag",
        "#파이썬",
        "--format",
        "json",
    ]));
    let without = json(&geul(&[
        "list",
        "posts",
        "--tag",
        "파이썬",
        "--format",
        "json",
    ]));
    assert_eq!(with_hash, without);
    assert!(with_hash.as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn tags_are_counted_most_used_first() {
    let tags = json(&geul(&["tags", "posts", "--format", "json"]));
    let counts: Vec<u64> = tags
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|t| t["count"].as_u64())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    assert!(tags[0]["tag"].is_string());
}

#[test]
fn search_prints_ranked_results_with_path_title_score_and_snippet() {
    let output = geul(&["search", "파이썬", "posts"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let first = text.lines().next().expect("a result");
    let fields: Vec<&str> = first.split('\t').collect();
    assert_eq!(fields.len(), 4, "{first}");
    assert!(
        fields[1].contains("파이썬"),
        "a title match ranks first: {first}"
    );
    let results = json(&geul(&["search", "ㅍㅇㅆ", "posts", "--format", "json"]));
    assert_eq!(results[0]["field"], "title");
}

#[test]
fn a_search_without_results_exits_non_zero() {
    let output = geul(&["search", "zzzz없는말zzzz", "posts"]);
    assert!(!output.status.success());
}

#[cfg(unix)]
#[test]
fn places_the_walk_passes_over_are_said_on_stderr() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join("real.md"), "# 글\n").expect("write");
    std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("dangling.md")).expect("symlink");
    std::fs::create_dir(root.join("loop")).expect("mkdir");
    std::os::unix::fs::symlink(root.join("loop"), root.join("loop/again")).expect("symlink");
    let output = geul(&["list", root.to_str().expect("UTF-8 path")]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("real.md"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("skipped 2 places of the folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("dangling.md: a link to nothing"),
        "{stderr}"
    );
    assert!(stderr.contains("loops back"), "{stderr}");
}

#[test]
fn categories_lists_each_group_with_its_count_as_the_sidebar_orders_them() {
    let output = geul(&["categories", "posts"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() > 2, "{stdout}");
    assert_eq!(
        lines.last().map(|l| l.trim_start()),
        Some("2  uncategorized"),
        "{stdout}"
    );
    let counted: usize = lines
        .iter()
        .filter_map(|l| l.split_whitespace().next()?.parse::<usize>().ok())
        .sum();
    assert!(counted >= 21, "every sample post is in a group: {stdout}");
}

#[test]
fn categories_groups_by_month_in_json_and_names_the_choices_when_asked_wrongly() {
    let output = geul(&[
        "categories",
        "posts",
        "--group-by",
        "month",
        "--format",
        "json",
    ]);
    assert!(output.status.success());
    let groups: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("categories --format json is JSON");
    let first = &groups[0];
    assert!(
        first["group"]
            .as_str()
            .is_some_and(|g| g.len() == 7 && g.as_bytes()[4] == b'-'),
        "{groups}"
    );
    assert!(first["count"].as_u64().is_some_and(|c| c > 0), "{groups}");
    let wrong = geul(&["categories", "posts", "--group-by", "year"]);
    assert_eq!(wrong.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("category, folder, month, tag, none"),
        "{stderr}"
    );
}

#[test]
fn list_groups_as_categories_counts_them_and_sorts_titles_in_korean_order() {
    for by in ["category", "folder", "month", "tag"] {
        let listed = json(&geul(&[
            "list",
            "posts",
            "--group-by",
            by,
            "--format",
            "json",
        ]));
        let counted = json(&geul(&[
            "categories",
            "posts",
            "--group-by",
            by,
            "--format",
            "json",
        ]));
        let listed: Vec<(String, usize)> = listed
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| {
                let posts = g["posts"].as_array().map_or(0, Vec::len);
                (g["group"].as_str().unwrap_or_default().to_string(), posts)
            })
            .collect();
        let counted: Vec<(String, usize)> = counted
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| {
                let count = g["count"].as_u64().unwrap_or_default() as usize;
                (g["group"].as_str().unwrap_or_default().to_string(), count)
            })
            .collect();
        assert_eq!(
            listed, counted,
            "--group-by {by}: the same groups, the same counts"
        );
    }
    let sorted = json(&geul(&[
        "list", "posts", "--sort", "title", "--format", "json",
    ]));
    let titles: Vec<&str> = sorted
        .as_array()
        .expect("posts")
        .iter()
        .filter_map(|p| p["title"].as_str())
        .collect();
    let hangul_first = |t: &str| t.chars().next().is_some_and(|c| ('가'..='힣').contains(&c));
    let first_latin = titles
        .iter()
        .position(|t| !hangul_first(t))
        .unwrap_or(titles.len());
    assert!(
        titles[first_latin..].iter().all(|t| !hangul_first(t)),
        "가나다 first, then the rest: {titles:?}"
    );
    let korean = &titles[..first_latin];
    assert!(korean.len() > 3, "{titles:?}");
    assert!(
        korean.windows(2).all(|w| w[0] <= w[1]),
        "Hangul titles in 가나다 order: {titles:?}"
    );
    let text = String::from_utf8_lossy(&geul(&["list", "posts", "--group-by", "folder"]).stdout)
        .into_owned();
    assert!(text.lines().any(|l| l.starts_with("ai (")), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("  20")),
        "posts indented under: {text}"
    );
}

#[cfg(unix)]
#[test]
fn render_refuses_a_device_or_a_fifo_at_once_instead_of_reading_forever() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    for file in [Path::new("/dev/zero"), fifo.as_path()] {
        let output = geul(&["render", file.to_str().expect("UTF-8 path")]);
        assert!(!output.status.success(), "{file:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not a regular file"), "{file:?}: {stderr}");
    }
}

#[test]
fn a_search_limit_of_zero_is_refused_with_the_reason() {
    let output = geul(&["search", "글", "posts", "--limit", "0"]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--limit") && stderr.contains("at least 1"),
        "{stderr}"
    );
}

#[test]
fn a_bad_config_file_is_an_error_naming_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "theme = \"dark\"\nsoft-breaks = \"sometimes\"\n").expect("write config");
    let output = geul(&[
        "--config",
        path.to_str().unwrap_or_default(),
        "list",
        "posts",
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
}

#[test]
fn help_documents_every_subcommand() {
    let output = geul(&["--help"]);
    let text = String::from_utf8_lossy(&output.stdout);
    for word in [
        "render",
        "list",
        "tags",
        "search",
        "--config",
        "--theme",
        "--soft-breaks",
        "--width-probe",
    ] {
        assert!(text.contains(word), "--help lacks {word}");
    }
    let render = String::from_utf8_lossy(&geul(&["render", "--help"]).stdout).into_owned();
    assert!(render.contains("--width") && render.contains("--color"));
}

#[test]
fn code_blocks_are_searched_only_when_asked() {
    // `rglob` appears only inside a fenced code block of the cheat-sheet post.
    assert!(!geul(&["search", "rglob", "posts"]).status.success());
    let asked = geul(&["search", "rglob", "posts", "--include-code"]);
    assert!(String::from_utf8_lossy(&asked.stdout).contains("markdown-cheatsheet-for-bloggers"));
}

#[test]
fn render_for_a_terminal_drawing_ambiguous_characters_wide_uses_one_column_borders() {
    let post = "posts/dev/markdown-cheatsheet-for-bloggers.md";
    let render = |extra: &[&str]| {
        let mut args = vec!["render", post, "--width", "60", "--color", "never"];
        args.extend_from_slice(extra);
        let output = geul(&args);
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let narrow = render(&[]);
    let wide = render(&["--ambiguous-width", "wide"]);
    assert!(
        narrow.contains("┌") && narrow.contains("│ 요소"),
        "{narrow}"
    );
    assert!(wide.contains("| 요소") && !wide.contains('│'), "{wide}");
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "ambiguous-width = \"wide\"\n").expect("write config");
    let from_config = render(&["--config", config.to_str().unwrap_or_default()]);
    assert_eq!(from_config, wide);
}

/// File names that try to drive the terminal or break the one-line-per-result format,
/// one that is not UTF-8, and an ordinary Korean one.
#[cfg(unix)]
const HOSTILE_NAMES: [&[u8]; 6] = [
    b"esc\x1b[31mred\x1b]0;pwn\x07.md",
    b"new\nline\rcr.md",
    b"tab\there.md",
    "c1\u{9b}31m\u{85}bidi\u{202e}x\u{2066}y\u{200f}.md".as_bytes(),
    b"bad\xff.md",
    "한글 이름.md".as_bytes(),
];

/// A folder of posts named [`HOSTILE_NAMES`], each mentioning `needle` and a hashtag.
#[cfg(unix)]
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
#[cfg(unix)]
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

fn geul_os(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_geul"))
        .args(args)
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("geul-cli-test-no-config"),
        )
        .output()
        .expect("geul runs")
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

#[cfg(unix)]
#[test]
fn list_shows_hostile_file_names_escaped_one_line_per_post() {
    let dir = hostile_posts();
    let output = geul_os(&["list".as_ref(), dir.path().as_os_str()]);
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

#[cfg(unix)]
#[test]
fn list_json_gives_back_every_hostile_path_exactly() {
    let dir = hostile_posts();
    let output = geul_os(&[
        "list".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_terminal_safe("geul list --format json", &output.stdout, false);
    let items = json(&output);
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

#[cfg(unix)]
#[test]
fn search_shows_hostile_file_names_escaped_with_four_fields_per_line() {
    let dir = hostile_posts();
    let output = geul_os(&["search".as_ref(), "needle".as_ref(), dir.path().as_os_str()]);
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

#[cfg(unix)]
#[test]
fn search_json_gives_back_every_hostile_path_exactly() {
    let dir = hostile_posts();
    let output = geul_os(&[
        "search".as_ref(),
        "needle".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_terminal_safe("geul search --format json", &output.stdout, false);
    let items = json(&output);
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

#[cfg(unix)]
#[test]
fn tags_of_a_folder_with_hostile_names_print_nothing_raw() {
    let dir = hostile_posts();
    for format in ["text", "json"] {
        let output = geul_os(&[
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

#[cfg(unix)]
#[test]
fn render_of_a_hostile_file_name_prints_nothing_raw_even_in_errors() {
    let dir = hostile_posts();
    for name in HOSTILE_NAMES {
        use std::os::unix::ffi::OsStrExt;
        let file = dir.path().join(std::ffi::OsStr::from_bytes(name));
        let output = geul_os(&[
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
    let output = geul_os(&["render".as_ref(), missing.as_os_str()]);
    assert!(!output.status.success());
    assert_terminal_safe("geul render's error", &output.stderr, false);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(r"gone\x1b]0;pwn\x07\u{202e}.md") && stderr.lines().count() == 1,
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn errors_naming_hostile_paths_or_arguments_print_nothing_raw() {
    let dir = hostile_posts();
    let missing = dir.path().join("no\u{1b}]0;pwn\u{7}\nfolder");
    let output = geul_os(&["list".as_ref(), missing.as_os_str()]);
    assert!(!output.status.success());
    assert_terminal_safe("geul list's error", &output.stderr, false);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(r"no\x1b]0;pwn\x07\nfolder"), "{stderr}");

    // A shell glob can hand clap a hostile name it quotes in its own message.
    let first = dir.path().join("esc\u{1b}[31mred\u{1b}]0;pwn\u{7}.md");
    let output = geul_os(&["render".as_ref(), first.as_os_str(), first.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    assert_terminal_safe("clap's error", &output.stderr, false);
    assert!(String::from_utf8_lossy(&output.stderr).contains("Usage"));
}

#[test]
fn render_draws_the_thumbnail_and_inline_pictures_as_half_blocks_when_colour_is_on() {
    let post = "posts/sites/jekyll-blog/_posts/2025-09-14-hangang-sunset-walk.md";
    let drawn = geul(&["render", post, "--width", "40", "--color", "always"]);
    assert!(drawn.status.success());
    let text = String::from_utf8_lossy(&drawn.stdout).into_owned();
    let rows: Vec<&str> = text.lines().collect();
    let first_picture = rows.iter().position(|r| r.contains('▀'));
    let first_paragraph = rows.iter().position(|r| r.contains("회사에서 나와"));
    assert!(
        first_picture.is_some() && first_picture < first_paragraph,
        "the thumbnail comes under the header, before the body: {first_picture:?} {first_paragraph:?}"
    );
    assert!(text.contains("\u{1b}[48;2;"), "in 24-bit colour");
    assert!(
        rows.iter().filter(|r| r.contains('▀')).count() > 12,
        "the inline pictures too"
    );
    for args in [["--color", "never"], ["--images", "off"]] {
        let plain = geul(&["render", post, "--width", "40", args[0], args[1]]);
        let plain = String::from_utf8_lossy(&plain.stdout).into_owned();
        assert!(!plain.contains('▀'), "{args:?}: captions only");
        assert!(plain.contains("🖼 한강 위로 지는 해"), "{args:?}");
    }
}

#[test]
fn render_puts_a_thumbnail_without_inline_pictures_under_the_header_of_a_long_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let post = dir.path().join("post.md");
    let body = "긴 글의 문단입니다. **굵게(괄호)**도 있습니다.\n\n- 항목\n\n".repeat(4000);
    std::fs::write(
        &post,
        format!("---\ntitle: 긴 글\nthumbnail: missing.png\n---\n{body}"),
    )
    .expect("write");
    let render = |color: &str| {
        let out = geul_os(&[
            "render".as_ref(),
            post.as_os_str(),
            "--color".as_ref(),
            color.as_ref(),
        ]);
        assert!(out.status.success());
        strip_ansi(&String::from_utf8_lossy(&out.stdout))
    };
    let coloured = render("always");
    let plain = render("never");
    let rows: Vec<&str> = coloured.lines().collect();
    let rule = rows
        .iter()
        .position(|r| r.starts_with('─'))
        .expect("the rule");
    assert_eq!(rows[rule + 1], "");
    assert!(
        rows[rule + 2].starts_with("🖼 thumbnail (") && rows[rule + 2].contains("not found"),
        "{:?}",
        &rows[..rule + 4]
    );
    assert_eq!(rows[rule + 3], "");
    // Otherwise the rows are the plain render's, the body's many chunks in order.
    let mut without: Vec<&str> = rows.clone();
    without.drain(rule + 2..rule + 4);
    assert_eq!(without, plain.lines().collect::<Vec<_>>());
    assert_eq!(plain.matches("굵게(괄호)도").count(), 4000);
}

/// `text` without its SGR sequences (`ESC [ ... m`), the only escapes `geul render` writes.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        rest = after.find('m').map_or("", |end| &after[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[test]
fn render_says_why_a_picture_is_not_drawn() {
    let dir = tempfile::tempdir().expect("temp dir");
    let post = dir.path().join("post.md");
    std::fs::write(
        &post,
        "---\ntitle: 그림들\n---\n![없는 그림](missing.png)\n\n![먼 그림](https://img.example/a.png)\n",
    )
    .expect("write");
    let out = geul_os(&[
        "render".as_ref(),
        post.as_os_str(),
        "--color".as_ref(),
        "always".as_ref(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("없는 그림") && text.contains("not found"),
        "{text}"
    );
    assert!(text.contains("on img.example, not fetched"), "{text}");
}
