//! Search benchmarks over a generated corpus of Korean blog posts (see `corpus/mod.rs`).
//!
//! `cargo bench --bench search` uses 10,000 posts (~30 MB); `cargo test --benches` runs every
//! benchmark once over 1,000 posts so it stays quick. `GEUL_BENCH_POSTS=n` overrides both.
//! The per-keystroke budget is 20 ms for a full `search` call. Measurement times are short
//! so the whole run takes well under a minute; `-- --quick` shortens it further.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use geul::library::dialect;
use geul::library::search::SearchIndex;
use geul::library::tags::{filter_by_tags, fuzzy_tags, tag_counts};

#[path = "corpus/mod.rs"]
mod corpus;

/// How many hits a search list asks for: more than a screen.
const LIMIT: usize = 200;

/// Queries as they appear in the search box, one keystroke at a time (2-set keyboard):
/// the syllable being typed changes shape (`생` → `생ㅅ` → `생서` → `생성`).
#[rustfmt::skip]
const TYPING: &[(&str, &[&str])] = &[
    ("생성형", &["ㅅ", "새", "생", "생ㅅ", "생서", "생성", "생성ㅎ", "생성혀", "생성형"]),
    ("ㅅㅅㅎ", &["ㅅ", "ㅅㅅ", "ㅅㅅㅎ"]),
    ("파이썬 자동화", &[
        "ㅍ", "파", "팡", "파이", "파있", "파이써", "파이썬", "파이썬 ", "파이썬 ㅈ", "파이썬 자",
        "파이썬 잗", "파이썬 자도", "파이썬 자동", "파이썬 자동ㅎ", "파이썬 자동화",
    ]),
    ("rust", &["r", "ru", "rus", "rust"]),
    ("#파이썬", &["#", "#ㅍ", "#파", "#팡", "#파이", "#파있", "#파이써", "#파이썬"]),
];

fn corpus_size() -> usize {
    if let Some(n) = std::env::var("GEUL_BENCH_POSTS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return n;
    }
    // Criterion benchmarks only with `--bench` (passed by `cargo bench`) and without `--test`.
    let args: Vec<String> = std::env::args().collect();
    let benchmarking = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
    if benchmarking { 10_000 } else { 1_000 }
}

fn benches(c: &mut Criterion) {
    let n = corpus_size();
    let started = Instant::now();
    let posts = corpus::posts(n);
    let bytes: usize = posts.iter().map(|p| p.body.len()).sum();
    let generated = started.elapsed();
    let started = Instant::now();
    let index = SearchIndex::build(&posts);
    eprintln!(
        "corpus: {n} posts, {:.1} MB of bodies (generated in {generated:.2?}); index built in {:.2?}, {:.1} MB",
        bytes as f64 / 1e6,
        started.elapsed(),
        index.heap_bytes() as f64 / 1e6,
    );

    let mut group = c.benchmark_group("index");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_secs(2));
    group.bench_function(BenchmarkId::new("build", n), |b| {
        b.iter(|| SearchIndex::build(black_box(&posts)))
    });
    // The share of the build spent finding code blocks with the Markdown parser, on one
    // thread (the build spreads it over all cores).
    group.bench_function(BenchmarkId::new("code_ranges", n), |b| {
        b.iter(|| {
            black_box(&posts)
                .iter()
                .map(|p| dialect::code_ranges(&p.body).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("search");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(500));
    for (word, keystrokes) in TYPING {
        for (k, query) in keystrokes.iter().enumerate() {
            let id = BenchmarkId::new(*word, format!("{:02} {query}", k + 1));
            group.bench_function(id, |b| b.iter(|| index.search(black_box(query), LIMIT)));
        }
    }
    group.finish();

    let mut group = c.benchmark_group("tags");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(500));
    group.bench_function("tag_counts", |b| {
        b.iter(|| tag_counts(black_box(&posts).iter().map(|p| p.tags.as_slice())))
    });
    let counts = tag_counts(posts.iter().map(|p| p.tags.as_slice()));
    let popular: Vec<String> = counts.iter().take(2).map(|(t, _)| t.clone()).collect();
    group.bench_function("filter_by_tags/1", |b| {
        b.iter(|| filter_by_tags(black_box(&posts), &popular[..1]))
    });
    group.bench_function("filter_by_tags/2", |b| {
        b.iter(|| filter_by_tags(black_box(&posts), &popular))
    });
    group.bench_function("fuzzy_tags/ㅍㅇ", |b| {
        b.iter(|| fuzzy_tags(black_box(&counts), "ㅍㅇ"))
    });
    group.bench_function("fuzzy_tags/py", |b| {
        b.iter(|| fuzzy_tags(black_box(&counts), "py"))
    });
    group.finish();
}

criterion_group!(search, benches);
criterion_main!(search);
