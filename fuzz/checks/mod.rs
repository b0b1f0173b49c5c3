//! The invariants each fuzz target asserts, shared with `tests/fuzz_regressions.rs` so
//! every input a fuzzer once found is checked again by `cargo test` on stable.
//!
//! Each check takes the raw bytes the fuzzer made and panics when an invariant breaks.

use std::path::{Path, PathBuf};

use geul::library::images::{ImageSource, resolve_image};
use geul::library::links::{LinkTarget, resolve};
use geul::library::scan::post_from_text;
use geul::library::search::reference::naive_matches;
use geul::library::search::{Query, SearchIndex, SearchOptions};
use geul::library::{Post, site_syntax};
use geul::text::display::display_text;

/// Whether `c` would act on a terminal rather than show: C0 and C1 controls, DEL.
fn is_control(c: char) -> bool {
    c.is_control()
}

/// Reading a post from any bytes never panics, always yields a post, and its title is
/// display-safe once shown.
pub fn post(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let post = post_from_text(
        PathBuf::from("/blog/fuzz.md"),
        PathBuf::from("fuzz.md"),
        &text,
    );
    let shown = display_text(&post.title);
    assert!(
        !shown.chars().any(is_control),
        "a control character survives in the shown title {shown:?}"
    );
    assert!(post.body_line >= 1, "body lines count from 1");
    for tag in &post.tags {
        assert!(!tag.is_empty(), "an empty tag");
    }
}

/// Site syntax never changes the number of lines (places and editor jumps stay right).
pub fn site_syntax(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let normalized = site_syntax::normalize(&text);
    assert_eq!(
        normalized.matches('\n').count(),
        text.matches('\n').count(),
        "the line count changed"
    );
}

/// The posts a link may lead to in the links target.
fn link_posts() -> Vec<Post> {
    [
        "a.md",
        "dev/b.md",
        "dev/2025-01-19-c.md",
        "posts/bundle/index.md",
        "한글/글.md",
    ]
    .iter()
    .map(|path| Post {
        relative_path: PathBuf::from(path),
        title: path.to_string(),
        ..Post::default()
    })
    .collect()
}

/// A link never leads out of the folder: a post it names is one of the folder's, an
/// external URL has an opened scheme and no control or white space.
pub fn links(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (from, href) = text.split_once('\n').unwrap_or(("dev/b.md", &text));
    let posts = link_posts();
    match resolve(Path::new(from), href, &posts) {
        LinkTarget::Post { path, .. } => assert!(
            posts.iter().any(|p| p.relative_path == path),
            "{href:?} resolved to {path:?}, not a post of the folder"
        ),
        LinkTarget::External(url) => {
            let lower = url.to_ascii_lowercase();
            assert!(
                ["http:", "https:", "mailto:"]
                    .iter()
                    .any(|s| lower.starts_with(s)),
                "{url:?} is opened but its scheme is not allowed"
            );
            assert!(
                !url.chars().any(|c| c.is_control() || c.is_whitespace()),
                "{url:?} holds a control or a space"
            );
        }
        LinkTarget::Anchor(_) | LinkTarget::Refused(_) => {}
    }
}

/// A small site on disk for the images target: a root with a picture, a post folder, and a
/// picture outside the root that no `src` may reach.
fn image_site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let base = std::env::temp_dir().join(format!("geul-fuzz-site-{}", std::process::id()));
        let root = base.join("site");
        let made = std::fs::create_dir_all(root.join("_posts"))
            .and_then(|()| std::fs::create_dir_all(root.join("static/img")))
            .and_then(|()| std::fs::write(root.join("_config.yml"), b""))
            .and_then(|()| std::fs::write(root.join("static/img/a.png"), b"png"))
            .and_then(|()| std::fs::write(base.join("outside.png"), b"png"));
        if let Err(error) = made {
            panic!("cannot make the fuzz site in {}: {error}", base.display());
        }
        root
    })
}

/// A picture's `src` never resolves to a file outside the site root.
pub fn images(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    let root = image_site();
    let post = root.join("_posts/2025-01-19-a.md");
    if let ImageSource::File(path) = resolve_image(&src, &post, root) {
        let real = path
            .canonicalize()
            .unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let real_root = root
            .canonicalize()
            .unwrap_or_else(|e| panic!("{root:?}: {e}"));
        assert!(
            real.starts_with(&real_root),
            "{src:?} resolved to {real:?}, outside the site"
        );
    }
}

/// Search agrees with the reference scan: the bytes are a query (first line) and up to
/// eight posts (the rest, split at NUL bytes; a post's first line is its title, its second
/// its tags). Queries with `##` are left out: a tag-only term for the text `#x` is beyond
/// what the reference can say.
pub fn search(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (query, rest) = text.split_once('\n').unwrap_or((&text, ""));
    if query.split_whitespace().any(|w| w.starts_with("##")) {
        return;
    }
    let posts: Vec<Post> = rest
        .split('\0')
        .take(8)
        .enumerate()
        .map(|(i, chunk)| {
            let mut lines = chunk.splitn(3, '\n');
            let title = lines.next().unwrap_or("").to_string();
            let tags = lines
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            Post {
                path: PathBuf::from(format!("{i}.md")),
                relative_path: PathBuf::from(format!("{i}.md")),
                title,
                tags,
                body: lines.next().unwrap_or("").to_string(),
                ..Post::default()
            }
        })
        .collect();
    let index = SearchIndex::build(&posts);
    for include_code in [false, true] {
        let options = SearchOptions {
            include_code,
            ..SearchOptions::default()
        };
        let hits = index.search_with(&Query::parse(query), 100, &options);
        let mut found: Vec<usize> = hits.iter().map(|h| h.post.index()).collect();
        found.sort_unstable();
        let expected: Vec<usize> = if query.split_whitespace().all(|w| w == "#") {
            Vec::new()
        } else {
            (0..posts.len())
                .filter(|&i| naive_matches(&posts[i], query, include_code))
                .collect()
        };
        assert_eq!(
            found, expected,
            "query {query:?} (code included: {include_code}) over {posts:#?}"
        );
    }
}
