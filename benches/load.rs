//! Loading a folder, at 1,000, 10,000 and (by hand) 100,000 generated posts, the way the
//! reader does it: posts streamed in batches from the worker while an indexing thread
//! builds the search index behind them.
//!
//! - `first_posts`: from start until a frame shows the first posts read (the reader's
//!   very first frame, drawn before anything is read, is `first_frame`);
//! - `full_load`: from start until every post is in the app and the index covers them all;
//! - `read_and_index`: the same work without the app, reading then indexing in one go (what
//!   `geul search` does).
//!
//! `cargo bench --bench load` measures 1,000 and 10,000 posts; `GEUL_BENCH_LARGE=1` adds
//! 100,000 (about 330 MB written once under the temporary folder). `cargo test --benches`
//! runs each benchmark once over 200 posts. The folders are written by
//! `corpus::folder::cached_folder` and kept for later runs.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use geul::library::search::SearchIndex;
use geul::library::{Library, LoadProgress};
use geul::tui::app::{App, AppSettings};
use geul::tui::worker::{Message, stream_folder};
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

fn terminal() -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(100, 30)) {
        Ok(terminal) => terminal,
        Err(error) => panic!("a test backend: {error}"),
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    let drawn = terminal.draw(|frame| frame.render_widget(app, frame.area()));
    black_box(drawn.is_ok());
}

/// A reader on `root` as the event loop starts it, with its folder streaming in on a
/// worker thread; the messages arrive on the receiver.
fn start(root: &Path) -> (App, Receiver<Message>, std::thread::JoinHandle<()>) {
    let (app, _read) = App::reading(
        root.to_path_buf(),
        AppSettings::default(),
        Rect::new(0, 0, 100, 30),
    );
    let (sender, receiver) = channel();
    let job_root = root.to_path_buf();
    let request = app.reading.unwrap_or(1);
    let job = std::thread::spawn(move || {
        stream_folder(&job_root, request, &LoadProgress::default(), &sender);
    });
    (app, receiver, job)
}

/// Hands `message` to the app as the event loop does; whether loading and indexing are
/// both over.
fn take(app: &mut App, message: Message) -> bool {
    match message {
        Message::Posts(batch) => app.folder_posts(batch),
        Message::Indexed(indexed) => {
            let _ = app.folder_indexed(*indexed);
        }
        Message::Loaded(loaded) => {
            let _ = app.folder_loaded(loaded);
        }
        Message::FolderRead(read) => {
            let _ = app.folder_read(*read);
        }
        _ => {}
    }
    app.reading.is_none() && app.indexing.is_none()
}

/// Waits for the rest of a load, untimed, so the next measurement starts on a quiet
/// machine.
fn finish(mut app: App, receiver: Receiver<Message>, job: std::thread::JoinHandle<()>) {
    while let Ok(message) = receiver.recv() {
        if take(&mut app, message) {
            break;
        }
    }
    let _ = job.join();
    while receiver.try_recv().is_ok() {}
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_millis(500));
    let mut terminal = terminal();
    for count in sizes() {
        let root = folder(count);
        group.bench_with_input(BenchmarkId::new("first_frame", count), &root, |b, root| {
            b.iter(|| {
                let (app, _read) = App::reading(
                    root.clone(),
                    AppSettings::default(),
                    Rect::new(0, 0, 100, 30),
                );
                draw(&mut terminal, &app);
            })
        });
        group.bench_with_input(BenchmarkId::new("first_posts", count), &root, |b, root| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let started = Instant::now();
                    let (mut app, receiver, job) = start(root);
                    draw(&mut terminal, &app);
                    while let Ok(message) = receiver.recv() {
                        let posts = matches!(message, Message::Posts(_));
                        take(&mut app, message);
                        if posts {
                            draw(&mut terminal, &app);
                            break;
                        }
                    }
                    total += started.elapsed();
                    finish(app, receiver, job);
                }
                total
            })
        });
        group.bench_with_input(BenchmarkId::new("full_load", count), &root, |b, root| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let started = Instant::now();
                    let (mut app, receiver, job) = start(root);
                    while let Ok(message) = receiver.recv() {
                        if take(&mut app, message) {
                            break;
                        }
                    }
                    draw(&mut terminal, &app);
                    total += started.elapsed();
                    finish(app, receiver, job);
                }
                total
            })
        });
        group.bench_with_input(
            BenchmarkId::new("read_and_index", count),
            &root,
            |b, root| {
                b.iter(|| match Library::load(root) {
                    Ok(library) => SearchIndex::build(&library.posts).len(),
                    Err(error) => panic!("cannot read {}: {error}", root.display()),
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
