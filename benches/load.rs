//! Loading a folder, at 1,000, 10,000 and (by hand) 100,000 generated posts: the first
//! frame of the reader, and the full read of the folder with its search index.
//!
//! `cargo bench --bench load` measures 1,000 and 10,000 posts; `GEUL_BENCH_LARGE=1` adds
//! 100,000 (about 330 MB written once under the temporary folder, several minutes).
//! `cargo test --benches` runs each benchmark once over 200 posts. The folders are written
//! by `corpus::folder::cached_folder` and kept for later runs.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use geul::library::Library;
use geul::library::search::SearchIndex;
use geul::tui::app::{App, AppSettings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[path = "corpus/mod.rs"]
#[allow(dead_code)]
mod corpus;

/// The folder sizes to measure.
fn sizes() -> Vec<usize> {
    let args: Vec<String> = std::env::args().collect();
    let benchmarking = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
    if !benchmarking {
        return vec![200];
    }
    let mut sizes = vec![1_000, 10_000];
    if std::env::var_os("GEUL_BENCH_LARGE").is_some() {
        sizes.push(100_000);
    }
    sizes
}

fn folder(count: usize) -> PathBuf {
    match corpus::folder::cached_folder(count) {
        Ok(dir) => dir,
        Err(error) => panic!("cannot write a corpus of {count} posts: {error}"),
    }
}

/// The reader's first frame: the app is made and drawn before the folder is read.
fn first_frame(root: &Path, terminal: &mut Terminal<TestBackend>) -> bool {
    let (app, effect) = App::reading(
        root.to_path_buf(),
        AppSettings::default(),
        Rect::new(0, 0, 100, 30),
    );
    black_box(effect);
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .is_ok()
}

/// Everything the reader waits for before the folder is complete: reading every post and
/// building the search index.
fn read_and_index(root: &Path) -> usize {
    match Library::load(root) {
        Ok(library) => SearchIndex::build(&library.posts).len(),
        Err(error) => panic!("cannot read {}: {error}", root.display()),
    }
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_millis(500));
    let mut terminal = match Terminal::new(TestBackend::new(100, 30)) {
        Ok(terminal) => terminal,
        Err(error) => panic!("a test backend: {error}"),
    };
    for count in sizes() {
        let root = folder(count);
        group.bench_with_input(BenchmarkId::new("first_frame", count), &root, |b, root| {
            b.iter(|| first_frame(root, &mut terminal))
        });
        group.bench_with_input(
            BenchmarkId::new("read_and_index", count),
            &root,
            |b, root| b.iter(|| read_and_index(root)),
        );
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
