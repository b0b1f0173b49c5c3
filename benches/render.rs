//! How long rendering an article and loading the sample folder take.
//!
//! `cargo bench --bench render`. Rendering happens once per (post, pane width); these numbers
//! bound the pause when opening a post or resizing; the 2 MB one is the worst case `geul render`
//! is compared with mdcat on (see `scripts/compare-render.sh`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use geul::library::Library;
use geul::library::scan::post_from_text;
use geul::markdown::{ArticleRenderer, RenderOptions, SoftBreaks, render_post};
use geul::styled::Theme;

fn seed_like_post() -> geul::library::Post {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = manifest.join("posts/dev/markdown-cheatsheet-for-bloggers.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    post_from_text(path, PathBuf::from("cheatsheet.md"), &text)
}

/// About 2 MB of Markdown: a sample post's body repeated under one front matter. The seed
/// article `scripts/compare-render.sh` uses cannot be committed; the prose post is the
/// closest committed stand-in (Korean prose, lists, quotes, emphasis, emoji), and the
/// cheatsheet adds tables, highlighted code and footnotes.
fn two_megabyte_post(sample: &str) -> geul::library::Post {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(sample);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let body = text
        .strip_prefix("---")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(text.as_str(), |(_, body)| body);
    let copies = (2_000_000 / body.len().max(1)).max(1);
    let mut big = String::from("---\ntitle: \"a sample post, repeated\"\n---\n");
    for _ in 0..copies {
        big.push_str(body);
        big.push('\n');
    }
    post_from_text(path, PathBuf::from("big.md"), &big)
}

fn render_large(c: &mut Criterion) {
    let theme = Theme::default();
    let mut group = c.benchmark_group("render");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    for (name, sample) in [
        ("prose", "posts/ai/vector-database-basics.md"),
        (
            "cheatsheet",
            "posts/dev/markdown-cheatsheet-for-bloggers.md",
        ),
    ] {
        let post = two_megabyte_post(sample);
        let options = RenderOptions {
            width: 100,
            soft_breaks: SoftBreaks::Auto,
            theme: &theme,
        };
        group.bench_function(format!("two_megabyte_{name}_width_100"), |b| {
            b.iter(|| black_box(render_post(black_box(&post), &options)))
        });
        // What `geul render` does: the rows handed over chunk by chunk on the threads
        // that render them (it encodes them there) and dropped there, no article kept.
        group.bench_function(format!("two_megabyte_{name}_each_chunk_width_100"), |b| {
            b.iter(|| {
                let renderer = ArticleRenderer::new(black_box(&post), &options);
                black_box(renderer.finish_each(|rows| rows.len()))
            })
        });
        // What opening the post costs the reader before its first frame: two screens of
        // a 100x50 pane (the rest is rendered later).
        group.bench_function(format!("two_megabyte_{name}_first_screen_width_100"), |b| {
            b.iter(|| {
                let mut renderer = ArticleRenderer::new(black_box(&post), &options);
                renderer.render_until(2 * 50);
                black_box(renderer)
            })
        });
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let post = seed_like_post();
    let theme = Theme::default();
    let mut group = c.benchmark_group("render");
    group
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    for width in [40u16, 80, 120] {
        group.bench_function(format!("cheatsheet_post_width_{width}"), |b| {
            b.iter(|| {
                let options = RenderOptions {
                    width,
                    soft_breaks: SoftBreaks::Auto,
                    theme: &theme,
                };
                black_box(render_post(black_box(&post), &options))
            })
        });
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    let posts = Path::new(env!("CARGO_MANIFEST_DIR")).join("posts");
    let mut group = c.benchmark_group("library");
    group
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    group.bench_function("load_sample_posts", |b| {
        b.iter(|| black_box(Library::load(&posts)))
    });
    group.finish();
}

criterion_group!(benches, render, render_large, load);
criterion_main!(benches);
