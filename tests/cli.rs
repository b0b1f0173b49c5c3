//! The subcommands scripts rely on: list, tags, search, config errors, help.

mod common;

use std::path::Path;
use std::process::Command;

use common::{output_json, run_geul};

#[test]
fn list_json_has_every_field_for_every_post_newest_first() {
    let list = output_json(&run_geul(&["list", "posts", "--format", "json"]));
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
    let by_category = output_json(&run_geul(&[
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
    let with_hash = output_json(&run_geul(&[
        "list",
        "posts",
        "--tag",
        "#파이썬",
        "--format",
        "json",
    ]));
    let without = output_json(&run_geul(&[
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
    let tags = output_json(&run_geul(&["tags", "posts", "--format", "json"]));
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
    let output = run_geul(&["search", "파이썬", "posts"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let first = text.lines().next().expect("a result");
    let fields: Vec<&str> = first.split('\t').collect();
    assert_eq!(fields.len(), 4, "{first}");
    assert!(
        fields[1].contains("파이썬"),
        "a title match ranks first: {first}"
    );
    let results = output_json(&run_geul(&[
        "search",
        "ㅍㅇㅆ",
        "posts",
        "--format",
        "json",
    ]));
    assert_eq!(results[0]["field"], "title");
}

#[test]
fn a_search_without_results_exits_non_zero() {
    let output = run_geul(&["search", "zzzz없는말zzzz", "posts"]);
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
    let output = run_geul(&["list", root.to_str().expect("UTF-8 path")]);
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
    let output = run_geul(&["categories", "posts"]);
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
    let output = run_geul(&[
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
    let wrong = run_geul(&["categories", "posts", "--group-by", "year"]);
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
        let listed = output_json(&run_geul(&[
            "list",
            "posts",
            "--group-by",
            by,
            "--format",
            "json",
        ]));
        let counted = output_json(&run_geul(&[
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
    let sorted = output_json(&run_geul(&[
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
    let text =
        String::from_utf8_lossy(&run_geul(&["list", "posts", "--group-by", "folder"]).stdout)
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
        let output = run_geul(&["render", file.to_str().expect("UTF-8 path")]);
        assert!(!output.status.success(), "{file:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not a regular file"), "{file:?}: {stderr}");
    }
}

#[test]
fn a_search_limit_of_zero_is_refused_with_the_reason() {
    let output = run_geul(&["search", "글", "posts", "--limit", "0"]);
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
    let output = run_geul(&[
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
    let output = run_geul(&["--help"]);
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
    let render = String::from_utf8_lossy(&run_geul(&["render", "--help"]).stdout).into_owned();
    assert!(render.contains("--width") && render.contains("--color"));
}

#[test]
fn code_blocks_are_searched_only_when_asked() {
    // `rglob` appears only inside a fenced code block of the cheat-sheet post.
    assert!(!run_geul(&["search", "rglob", "posts"]).status.success());
    let asked = run_geul(&["search", "rglob", "posts", "--include-code"]);
    assert!(String::from_utf8_lossy(&asked.stdout).contains("markdown-cheatsheet-for-bloggers"));
}

#[test]
fn render_for_a_terminal_drawing_ambiguous_characters_wide_uses_one_column_borders() {
    let post = "posts/dev/markdown-cheatsheet-for-bloggers.md";
    let render = |extra: &[&str]| {
        let mut args = vec!["render", post, "--width", "60", "--color", "never"];
        args.extend_from_slice(extra);
        let output = run_geul(&args);
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

#[test]
fn render_draws_the_thumbnail_and_inline_pictures_as_half_blocks_when_colour_is_on() {
    let post = "posts/sites/jekyll-blog/_posts/2025-09-14-hangang-sunset-walk.md";
    let drawn = run_geul(&["render", post, "--width", "40", "--color", "always"]);
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
        let plain = run_geul(&["render", post, "--width", "40", args[0], args[1]]);
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
        let out = run_geul(&[
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
    let out = run_geul(&[
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
