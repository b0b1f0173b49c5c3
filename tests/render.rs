//! `geul render` output: the same code path as the article pane, checked as text.

mod common;

use std::path::{Path, PathBuf};

use common::run_geul;
use geul::library::scan::post_from_text;
use geul::markdown::{RenderOptions, SoftBreaks, render_post};
use geul::styled::Theme;
use geul::text::str_width;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn render_text(path: &Path, width: u16, soft_breaks: SoftBreaks) -> Vec<String> {
    let bytes = std::fs::read(path).expect("readable post");
    let text = String::from_utf8_lossy(&bytes);
    let post = post_from_text(path.to_path_buf(), PathBuf::from("x.md"), &text);
    let theme = Theme::default();
    let article = render_post(
        &post,
        &RenderOptions {
            width,
            soft_breaks,
            theme: &theme,
        },
    );
    (0..article.lines.len())
        .map(|row| article.row_text(row))
        .collect()
}

fn sample_posts() -> Vec<PathBuf> {
    common::post_files(&manifest().join("posts"))
}

/// Runs `geul render PATH --width WIDTH --color COLOR`.
fn geul_render(path: &str, width: &str, color: &str) -> std::process::Output {
    run_geul(&["render", path, "--width", width, "--color", color])
}

fn hangul(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c))
        .collect()
}

/// Whether `needle` appears in `haystack` in order (not necessarily contiguous).
fn is_subsequence(needle: &[char], haystack: &[char]) -> bool {
    let mut it = haystack.iter();
    needle.iter().all(|c| it.any(|h| h == c))
}

#[test]
fn no_rendered_line_is_wider_than_the_pane_at_any_width() {
    for path in sample_posts() {
        for width in [20u16, 33, 40, 57, 80, 101, 120] {
            for (i, line) in render_text(&path, width, SoftBreaks::Auto)
                .iter()
                .enumerate()
            {
                assert!(
                    str_width(line) <= usize::from(width),
                    "{} at width {width}, row {i} is {} wide: {line:?}",
                    path.display(),
                    str_width(line)
                );
            }
        }
    }
}

#[test]
fn in_a_terminal_drawing_ambiguous_characters_wide_no_line_overflows_and_tables_stay_square() {
    use geul::text::width::{TerminalWidths, with_model};
    use unicode_width::UnicodeWidthStr;
    let wide = TerminalWidths::UNICODE.with_ambiguous(2);
    for path in sample_posts() {
        for width in [33u16, 57, 80] {
            let lines = with_model(wide, || render_text(&path, width, SoftBreaks::Auto));
            let mut table_width = None;
            for (i, line) in lines.iter().enumerate() {
                // unicode-width's CJK measure is what such a terminal advances.
                let drawn = line.width_cjk();
                let at = format!("{} at width {width}, row {i}: {line:?}", path.display());
                assert!(drawn <= usize::from(width), "{at} is {drawn} columns");
                assert!(
                    !line.contains(['│', '─', '┌', '╭', '▌', '•']),
                    "{at} has a glyph such a terminal draws wide"
                );
                // Consecutive rows of a table (ASCII borders here) are all equally wide.
                if line.starts_with(['|', '+']) && line.ends_with(['|', '+']) {
                    let expected = *table_width.get_or_insert(drawn);
                    assert_eq!(drawn, expected, "{at}: table rows differ");
                } else {
                    table_width = None;
                }
            }
        }
    }
}

#[test]
fn every_hangul_syllable_of_every_sample_post_is_shown() {
    for path in sample_posts() {
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let body = source.splitn(3, "\n---").nth(2).unwrap_or(&source);
        // What the site generators' syntax hides on purpose (a kramdown comment, an
        // include) is not expected: the text after that is what the renderer must keep.
        let body = geul::library::site_syntax::normalize(body);
        for width in [30u16, 80] {
            let shown: Vec<char> = render_text(&path, width, SoftBreaks::Auto)
                .iter()
                .flat_map(|l| hangul(l))
                .collect();
            let mut expected = hangul(&body);
            let mut got = shown.clone();
            expected.sort_unstable();
            got.sort_unstable();
            // Every syllable of the body is shown (the header may repeat the title and tags).
            let mut missing = Vec::new();
            let mut it = got.iter().peekable();
            for c in &expected {
                while it.peek().is_some_and(|g| *g < c) {
                    it.next();
                }
                if it.peek() == Some(&c) {
                    it.next();
                } else {
                    missing.push(*c);
                }
            }
            assert!(
                missing.is_empty(),
                "{} at width {width} lost {missing:?}",
                path.display()
            );
        }
    }
}

#[test]
fn the_seed_article_renders_every_syllable_in_order_within_60_columns() {
    let seed = manifest().join("../shared/seed/what-is-generative-ai.md");
    if !seed.exists() {
        eprintln!("skipped: {} not present", seed.display());
        return;
    }
    let output = geul_render(seed.to_str().unwrap_or_default(), "60", "never");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    for line in text.lines() {
        assert!(str_width(line) <= 60, "too wide: {line:?}");
    }
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequences with --color never"
    );
    assert!(
        !text.contains("**"),
        "bold glued to Korean particles is bold, not literal stars"
    );
    let source = std::fs::read_to_string(&seed).unwrap_or_default();
    let body = source.splitn(3, "\n---").nth(2).unwrap_or(&source);
    assert!(
        is_subsequence(&hangul(body), &hangul(&text)),
        "a syllable is missing or out of order"
    );
}

#[test]
fn color_always_emits_styles_and_never_emits_none() {
    let post = manifest().join("posts/ai/prompt-writing-tips.md");
    let run = |color: &str| {
        let out = geul_render(post.to_str().unwrap_or_default(), "70", color);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(run("always").contains("\u{1b}["));
    assert!(!run("never").contains('\u{1b}'));
    // `auto` with a pipe for stdout means no colour.
    assert!(!run("auto").contains('\u{1b}'));
}

#[test]
fn no_byte_of_a_hostile_post_can_drive_the_terminal() {
    let path = manifest().join("tests/fixtures/hostile.md");
    let output = geul_render(path.to_str().unwrap_or_default(), "60", "never");
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    for c in text.chars() {
        assert!(
            c == '\n' || !c.is_control(),
            "control character {c:?} reached the output"
        );
    }
    assert!(text.contains('\u{241B}'), "ESC is shown as a visible ␛");
    assert!(text.contains('\u{2407}'), "BEL is shown as a visible ␇");
}

#[test]
fn the_authors_line_breaks_are_kept_in_a_chatty_korean_post() {
    let lines = render_text(
        &manifest().join("posts/ai/prompt-writing-tips.md"),
        100,
        SoftBreaks::Auto,
    );
    let source = std::fs::read_to_string(manifest().join("posts/ai/prompt-writing-tips.md"))
        .unwrap_or_default();
    let first_body_line = source
        .lines()
        .find(|l| l.starts_with('“'))
        .unwrap_or_default();
    assert!(
        lines.iter().any(|l| l == first_body_line),
        "the opening line stands on its own: {first_body_line}"
    );
}

#[test]
fn hard_wrapped_prose_is_joined_and_rewrapped_to_the_pane() {
    let path = manifest().join("posts/en/plain-text-forever.md");
    let wide = render_text(&path, 120, SoftBreaks::Auto);
    let kept = render_text(&path, 120, SoftBreaks::Keep);
    let widest = |lines: &[String]| lines.iter().map(|l| str_width(l)).max().unwrap_or(0);
    assert!(widest(&wide) > 100, "joined paragraphs fill a wide pane");
    assert!(
        wide.len() < kept.len(),
        "joining makes fewer rows than keeping the 72-column breaks"
    );
    assert!(widest(&kept) <= 120);
}

#[test]
fn a_file_that_cannot_be_read_is_an_error_on_stderr() {
    let output = run_geul(&["render", "/nonexistent/post.md"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read /nonexistent/post.md"));
}

#[test]
fn sample_posts_render_the_same_at_40_80_and_120_columns() {
    for name in [
        "ai/prompt-writing-tips.md",
        "ai/vector-database-basics.md",
        "dev/markdown-cheatsheet-for-bloggers.md",
    ] {
        for width in [40u16, 80, 120] {
            let text = render_text(
                &manifest().join("posts").join(name),
                width,
                SoftBreaks::Auto,
            )
            .join("\n");
            let snapshot = format!("{}_{width}", name.replace(['/', '.'], "_"));
            insta::assert_snapshot!(snapshot, text);
        }
    }
}

#[test]
fn jekyll_and_hugo_sample_posts_render_their_site_syntax_as_what_it_stands_for() {
    for name in [
        "sites/jekyll-blog/_posts/2025-09-14-hangang-sunset-walk.md",
        "sites/jekyll-blog/_posts/2025-10-02-photo-log-with-python.md",
        "sites/hugo-blog/content/posts/sokcho-walking-trip.md",
        "sites/hugo-blog/content/posts/go-walk-log-cli.md",
    ] {
        let lines = render_text(&manifest().join("posts").join(name), 80, SoftBreaks::Auto);
        let text = lines.join("\n");
        // (`{{ not liquid }}` inside `{% raw %}` is the text the author wants shown.)
        for raw in [
            "{%", "%}", "{{<", ">}}", "{{%", "{:", "<!--", "<details", "<kbd", "<iframe", "[TOC]",
        ] {
            assert!(!text.contains(raw), "{name} shows {raw:?} raw:\n{text}");
        }
        let source =
            std::fs::read_to_string(manifest().join("posts").join(name)).unwrap_or_default();
        if source.contains("{:toc}") || source.contains("[TOC]") {
            assert!(
                lines.iter().any(|l| l == "목차"),
                "{name} has its table of contents"
            );
        }
        let snapshot = name.rsplit('/').next().unwrap_or(name).replace('.', "_");
        insta::assert_snapshot!(snapshot, text);
    }
}

#[test]
fn keycaps_on_markdown_delimiters_fit_the_width_and_stay_whole() {
    use geul::text::width::{TerminalWidths, with_model};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("keycaps.md");
    let keycaps = [
        "#\u{FE0F}\u{20E3}",
        "*\u{FE0F}\u{20E3}",
        "0\u{FE0F}\u{20E3}",
    ];
    std::fs::write(&path, format!("키캡 {}\n", keycaps.join(" "))).expect("writable temp dir");
    for (ambiguous, model) in [
        ("narrow", TerminalWidths::UNICODE),
        ("wide", TerminalWidths::UNICODE.with_ambiguous(2)),
    ] {
        let output = run_geul(&[
            "render".as_ref(),
            path.as_os_str(),
            "--width".as_ref(),
            "12".as_ref(),
            "--color".as_ref(),
            "never".as_ref(),
            "--ambiguous-width".as_ref(),
            ambiguous.as_ref(),
        ]);
        assert!(output.status.success(), "{output:?}");
        let text = String::from_utf8(output.stdout).expect("UTF-8 output");
        with_model(model, || {
            for line in text.lines() {
                assert!(
                    str_width(line) <= 12,
                    "{ambiguous}: {line:?} is {} wide",
                    str_width(line)
                );
            }
        });
        for keycap in keycaps {
            assert!(
                text.contains(keycap),
                "{ambiguous}: {keycap:?} missing in {text:?}"
            );
        }
    }
}

/// The foreground sequence of `colour` as `geul render --color always` writes it.
fn foreground(colour: ratatui::style::Color) -> String {
    match colour {
        ratatui::style::Color::Rgb(r, g, b) => format!("\x1b[38;2;{r};{g};{b}m"),
        other => panic!("the palettes are in RGB: {other:?}"),
    }
}

#[test]
fn the_auto_theme_of_geul_render_follows_colorfgbg_and_is_dark_without_it() {
    use geul::styled::Background;
    let light = foreground(Theme::new(Background::Light).accent.fg.expect("accent"));
    let dark = foreground(Theme::new(Background::Dark).accent.fg.expect("accent"));
    let render = |colorfgbg: Option<&str>, theme: &str| {
        let mut command = common::geul_command(&std::env::temp_dir().join("geul-theme-test"));
        command.args([
            "render",
            "posts/neighborhood-library.md",
            "--width",
            "60",
            "--color",
            "always",
            "--theme",
            theme,
        ]);
        if let Some(value) = colorfgbg {
            command.env("COLORFGBG", value);
        }
        let output = command.output().expect("geul runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    for (colorfgbg, theme, expected) in [
        (Some("0;15"), "auto", &light),
        (Some("0;default;7"), "auto", &light),
        (Some("15;0"), "auto", &dark),
        (None, "auto", &dark),
        (Some("0;15"), "dark", &dark),
        (Some("15;0"), "light", &light),
    ] {
        let printed = render(colorfgbg, theme);
        let unexpected = if expected == &light { &dark } else { &light };
        assert!(
            printed.contains(expected.as_str()) && !printed.contains(unexpected.as_str()),
            "COLORFGBG={colorfgbg:?} --theme {theme}: the accent should be {expected:?}"
        );
    }
}

#[test]
fn a_section_between_two_rules_is_shown_not_taken_for_front_matter() {
    // pulldown-cmark would read `---` followed by text as the start of a metadata block
    // anywhere in a body (its issue 1000), hiding everything up to the next rule.
    let text = "---\ntitle: 두 줄 사이\ntags: [글]\n---\n\n첫 문단입니다.\n\n---\n## 둘째 절\n\n본문 내용이 여기에.\n\n#태그 #둘째절\n\n---\n\n마지막 문단.\n";
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.md");
    std::fs::write(&path, text).expect("written");
    let shown = render_text(&path, 60, SoftBreaks::Auto).join("\n");
    for words in [
        "첫 문단입니다.",
        "둘째 절",
        "본문 내용이 여기에",
        "마지막 문단.",
    ] {
        assert!(shown.contains(words), "{words:?} is missing from:\n{shown}");
    }
    let post = post_from_text(path.clone(), PathBuf::from("rules.md"), text);
    assert!(post.tags.iter().any(|t| t == "태그"), "{:?}", post.tags);
}

#[test]
fn a_long_article_rendered_on_mimalloc_shows_the_rows_the_pane_shows() {
    // From 512 KiB on (`MIMALLOC_MIN_FILE_LEN` in src/allocator.rs), `geul render` runs on
    // mimalloc; the rows must be those the library renders in this process, on the system
    // allocator.
    let bodies: Vec<String> = sample_posts()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("readable sample post");
            post_from_text(path.clone(), PathBuf::from("x.md"), &text)
                .body
                .to_string()
        })
        .collect();
    let mut body = String::new();
    while body.len() < 700 * 1024 {
        for text in &bodies {
            body.push_str(text);
            body.push_str("\n\n");
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.md");
    std::fs::write(&path, format!("---\ntitle: 아주 긴 글\n---\n{body}")).expect("write");
    let len = std::fs::metadata(&path).expect("written").len();
    assert!(
        len >= 512 * 1024,
        "the article must be long enough for mimalloc: {len}"
    );
    let output = geul_render(path.to_str().expect("UTF-8 path"), "80", "never");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8(output.stdout).expect("UTF-8 output");
    let expected = render_text(&path, 80, SoftBreaks::Auto);
    assert!(expected.len() > 10_000, "{} rows", expected.len());
    assert_eq!(printed.lines().collect::<Vec<_>>(), expected);
}
