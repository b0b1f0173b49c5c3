//! What one frame costs: drawing the reader on a `TestBackend`, for a short article and for
//! a 2 MB one scrolled to its middle, the second also with its links drawn as OSC 8
//! hyperlinks (the rows in view are scanned for links each frame). A frame only slices
//! cached lines, so they should cost about the same.
//!
//! `cargo bench --bench frame`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use geul::library::scan::post_from_text;
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// A reader at 100x30 on one post made of `copies` copies of the cheatsheet sample,
/// scrolled to the middle of the article.
fn reader(copies: usize, hyperlinks: bool) -> App {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = manifest.join("posts/dev/markdown-cheatsheet-for-bloggers.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (front, body) = text.split_at(text.find("\n---").map_or(0, |i| i + 4));
    let text = format!("{front}{}", body.repeat(copies));
    let post = post_from_text(path, PathBuf::from("cheatsheet.md"), &text);
    let mut app = App::new(
        PathBuf::from("posts"),
        vec![post],
        AppSettings {
            hyperlinks,
            ..AppSettings::default()
        },
        Rect::new(0, 0, 100, 30),
    );
    app.handle(Action::ToggleFocus);
    // A long article is rendered a piece at a time while the reader is idle; a frame is
    // measured on the whole of it.
    while app.render_more() {}
    let rows = app.article().map_or(0, |a| a.lines.len());
    for _ in 0..rows / 2 / 28 {
        app.handle(Action::PageDown);
    }
    app
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    // About 9 KB and about 2 MB of Markdown.
    for (name, copies, hyperlinks) in [
        ("short", 1, false),
        ("2MB", 330, false),
        ("2MB_hyperlinks", 330, true),
    ] {
        let app = reader(copies, hyperlinks);
        let mut terminal = match Terminal::new(TestBackend::new(100, 30)) {
            Ok(terminal) => terminal,
            Err(error) => panic!("a test backend: {error}"),
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let drawn = terminal.draw(|f| f.render_widget(black_box(&app), f.area()));
                black_box(drawn.is_ok())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
