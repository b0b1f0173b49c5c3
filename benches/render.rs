//! How long rendering an article and loading the sample folder take.
//!
//! `cargo bench --bench render`. Rendering happens once per (post, pane width); these numbers
//! bound the pause when opening a post or resizing.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use geul::library::Library;
use geul::library::scan::post_from_text;
use geul::markdown::{RenderOptions, SoftBreaks, render_post};
use geul::styled::Theme;

fn seed_like_post() -> geul::library::Post {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = manifest.join("posts/dev/markdown-cheatsheet-for-bloggers.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    post_from_text(path, PathBuf::from("cheatsheet.md"), &text)
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

criterion_group!(benches, render, load);
criterion_main!(benches);
