//! The subcommands scripts rely on: list, tags, search, config errors, help.

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
    assert!(
        items.last().is_some_and(|i| i["date"].is_null()),
        "undated posts come last"
    );
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
