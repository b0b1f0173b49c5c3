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
use geul::markdown::{RenderOptions, SoftBreaks, render_post};
use geul::styled::Theme;
use geul::text::display::display_text;
use geul::text::width::{TerminalWidths, str_width, with_model};
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings};
use pulldown_cmark::{CodeBlockKind, Event, Tag};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

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

/// Pieces of Markdown the render target's bytes at 0x80 and above stand for, so the fuzzer
/// builds Korean text, emoji, keycaps and the markup that nests and emphasises.
const MARKDOWN_PIECES: [&str; 48] = [
    "가",
    "나",
    "한글",
    "생성형",
    "읽기",
    "ㅎ",
    "ㅏ",
    "\u{1100}\u{1161}",
    "🙂",
    "👍🏽",
    "1️⃣",
    "🇰🇷",
    "·",
    "…",
    "“",
    "”",
    "**",
    "__",
    "*",
    "_",
    "~~",
    "`",
    "```\n",
    "|",
    "| --- |",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "{",
    "}",
    "#",
    "## ",
    "\n",
    "\n\n",
    "> ",
    "- ",
    "1. ",
    "  ",
    "\t",
    "> 💡 ",
    "#태그 ",
    "![",
    "](",
    "\u{200b}",
    "\u{202e}",
];

/// The Markdown the render target's `data` stands for.
fn markdown_of(data: &[u8]) -> String {
    let mut text = String::new();
    for &b in data {
        match b {
            0x80.. => text.push_str(MARKDOWN_PIECES[usize::from(b - 0x80) % MARKDOWN_PIECES.len()]),
            _ => text.push(char::from(b)),
        }
    }
    text
}

/// Hangul syllables of `text`, in order.
fn syllables(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c))
        .collect()
}

/// Whether `text` holds what hides or moves text on purpose: HTML and site syntax (tags,
/// comments, shortcodes), footnotes (moved to the end), link reference definitions, and
/// tables (too narrow for a grid, each record repeats the header's words as labels). A
/// `---` block is not among them: the front matter is read before the body, and a body's
/// own `---` lines are rules and headings, shown.
fn hides_text(text: &str) -> bool {
    text.contains(['<', '{', '%', '|']) || text.contains("[^") || text.contains("]:")
}

/// `text` without the info strings of its fenced code blocks: their first word is the
/// block's label, cut to the width of its frame, and the words after it are not drawn.
fn without_info_strings(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    let mut at = 0;
    for (event, range) in geul::library::dialect::parse(text) {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) = event {
            let rest = &text[range.start..];
            let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
            let fence = line.len() - line.trim_start_matches([' ', '`', '~']).len();
            shown.push_str(&text[at..range.start + fence]);
            at = range.start + line.len();
        }
    }
    shown.push_str(&text[at..]);
    shown
}

/// Any Markdown renders, at any width from 1 to 200 and with either width model, into rows
/// no wider than the width by that model (but for a wide character alone at width 1), with no control character in them, and with
/// every Hangul syllable of the text in order (unless the text hides some on purpose).
pub fn render(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let width = u16::from(first % 200) + 1;
    render_markdown(&markdown_of(rest), width, first >= 200);
}

/// [`render`]'s invariants for the Markdown `text` at `width`, with ambiguous characters
/// one column wide or two.
pub fn render_markdown(text: &str, width: u16, ambiguous_wide: bool) {
    let post = Post {
        path: PathBuf::from("/blog/fuzz.md"),
        relative_path: PathBuf::from("fuzz.md"),
        title: "퍼징".into(),
        body: text.to_string().into(),
        body_line: 1,
        // The `<details>` the text would have once read as a post, so their bodies are
        // drawn behind bars (the text itself is rendered as it is).
        details: site_syntax::normalize_reading_details(text).1.into(),
        ..Post::default()
    };
    let theme = Theme::default();
    let model = if ambiguous_wide {
        TerminalWidths::UNICODE.with_ambiguous(2)
    } else {
        TerminalWidths::UNICODE
    };
    with_model(model, || {
        let options = RenderOptions {
            width,
            soft_breaks: SoftBreaks::Auto,
            theme: &theme,
        };
        let article = render_post(&post, &options);
        let mut shown = String::new();
        for line in &article.lines {
            let row: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            // A wide character alone (with nothing visible beside it) is the one thing
            // wider than a row of one column.
            let one_grapheme = geul::text::graphemes(&row)
                .filter(|g| str_width(g) > 0)
                .count()
                == 1;
            assert!(
                str_width(&row) <= usize::from(width) || one_grapheme,
                "a row wider than {width}: {row:?}"
            );
            assert!(
                !row.chars().any(is_control),
                "a control character in a row: {row:?}"
            );
            shown.push_str(&row);
        }
        if !hides_text(text) {
            let mut found = syllables(&shown).into_iter();
            let wanted = syllables(&without_info_strings(text));
            for (i, &syllable) in wanted.iter().enumerate() {
                let before: String = wanted[i.saturating_sub(12)..i].iter().collect();
                assert!(
                    found.any(|c| c == syllable),
                    "the syllable {syllable} after {before:?} went missing at width {width}"
                );
            }
        }
    });
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
                body: lines.next().unwrap_or("").into(),
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

/// The sample posts, read once (the app target's folder).
fn sample_posts() -> &'static [Post] {
    static POSTS: std::sync::OnceLock<Vec<Post>> = std::sync::OnceLock::new();
    POSTS.get_or_init(|| {
        // The fuzz crate sits one folder below the project; the tests at its root.
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = [manifest.join("posts"), manifest.join("../posts")]
            .into_iter()
            .find(|p| p.is_dir())
            .unwrap_or_else(|| panic!("no posts folder near {}", manifest.display()));
        match geul::library::Library::load(&root) {
            Ok(library) => library.posts,
            Err(error) => panic!("cannot read the sample posts: {error}"),
        }
    })
}

/// Characters typed into prompts: jamo, syllables, Latin, `#`, a space.
const TYPED: [char; 12] = [
    'ㅅ', 'ㅎ', '생', '성', '형', 'a', 'r', '#', ' ', '가', '🙂', '\u{1b}',
];

/// The action byte `b` stands for; the bytes after it give a size or a place when needed.
fn action(b: u8, rest: &mut impl Iterator<Item = u8>) -> Action {
    let mut next = || rest.next().unwrap_or(0);
    match b % 38 {
        0 => Action::Up,
        1 => Action::Down,
        2 => Action::PageUp,
        3 => Action::PageDown,
        4 => Action::Top,
        5 => Action::Bottom,
        6 => Action::Open,
        7 => Action::Back,
        8 => Action::ToggleFocus,
        9 => Action::PreviousPost,
        10 => Action::NextPost,
        11 => Action::ToggleHelp,
        12 => Action::Close,
        13 => Action::Resize(u16::from(next()) + 1, u16::from(next() % 100) + 1),
        14 => Action::Scroll {
            x: u16::from(next()),
            y: u16::from(next()),
            delta: i16::from(next() as i8),
        },
        15 => Action::Click {
            x: u16::from(next()),
            y: u16::from(next()),
        },
        16 => Action::OpenTagPicker,
        17 => Action::OpenSearch,
        18 => Action::Input(TYPED[usize::from(next()) % TYPED.len()]),
        19 => Action::DeleteChar,
        20 => Action::NextMatch,
        21 => Action::PreviousMatch,
        22 => Action::NextChip,
        23 => Action::OpenOutline,
        24 => Action::PreviousHeading,
        25 => Action::NextHeading,
        26 => Action::OpenLinks,
        27 => Action::HistoryBack,
        28 => Action::HistoryForward,
        29 => Action::Mark,
        30 => Action::OpenBookmarks,
        31 => Action::ToggleRead,
        32 => Action::TabForward,
        33 => Action::TabBack,
        34 => Action::ToggleSidebar,
        35 => Action::TogglePinnedOutline,
        36 => Action::CycleGrouping,
        _ => Action::CycleSort,
    }
}

/// A test terminal of `area`'s size.
fn terminal_of(area: Rect) -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(area.width, area.height)) {
        Ok(terminal) => terminal,
        Err(error) => panic!("a test backend: {error}"),
    }
}

/// The reader survives any sequence of actions and terminal sizes (1x1 to 256x100) over
/// the sample posts: no panic, every frame drawn into a buffer of the terminal's size, the
/// selection on a row of the sidebar and the scroll place within the article. Effects (a
/// read of the folder, the editor, a browser, saving) are not carried out.
pub fn app(data: &[u8]) {
    let mut bytes = data.iter().copied();
    let width = u16::from(bytes.next().unwrap_or(99)) + 1;
    let height = u16::from(bytes.next().unwrap_or(29) % 100) + 1;
    let settings = AppSettings::default();
    let mut app = App::new(
        PathBuf::from("posts"),
        sample_posts().to_vec(),
        settings,
        Rect::new(0, 0, width, height),
    );
    let mut terminal = terminal_of(app.area);
    let mut steps = 0;
    while let Some(b) = bytes.next() {
        steps += 1;
        if steps > 64 {
            break;
        }
        let action = action(b, &mut bytes);
        let _effects = app.handle(action);
        while app.rendering() && steps % 3 == 0 {
            if !app.render_more() {
                break;
            }
        }
        if terminal.backend().buffer().area != app.area {
            terminal = terminal_of(app.area);
        }
        let drawn = terminal.draw(|frame| frame.render_widget(&app, frame.area()));
        assert!(drawn.is_ok(), "drawing failed after {action:?}");
        let rows = app.sidebar.rows().len();
        assert!(
            rows == 0 || app.sidebar.selected < rows,
            "selection {} outside {rows} sidebar rows after {action:?}",
            app.sidebar.selected
        );
        if let Some(article) = app.article() {
            assert!(
                app.reader.scroll <= article.lines.len(),
                "scroll {} past {} rows after {action:?}",
                app.reader.scroll,
                article.lines.len()
            );
        }
    }
}
