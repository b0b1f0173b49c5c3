//! Rendering an article piece by piece: the first screen of a long post at once, the rest
//! when the reader asks for it or has time.
//!
//! ```
//! use geul::library::scan::post_from_text;
//! use geul::markdown::{ArticleRenderer, RenderOptions, SoftBreaks, render_post};
//! use geul::styled::Theme;
//!
//! let post = post_from_text("a.md".into(), "a.md".into(), &"# 제목\n\n문단입니다.\n\n".repeat(5000));
//! let theme = Theme::default();
//! let opts = RenderOptions { width: 80, soft_breaks: SoftBreaks::Auto, theme: &theme };
//! let mut renderer = ArticleRenderer::new(&post, &opts);
//! renderer.render_until(2 * 40);
//! assert!(renderer.article().lines.len() >= 80 && !renderer.is_complete());
//! let whole = renderer.finish();
//! assert_eq!(whole.lines, render_post(&post, &opts).lines);
//! ```

use std::sync::Arc;

use super::article::{Article, Chip, chips_in, error_banner, error_rows, header_rows};
use super::body::{Body, CHUNK_BYTES};
use super::parallel::map_in_order;
use super::render::{Anchor, ChunkRows, RenderOptions, Row, render_chunk, render_footnotes};
use super::softbreak::SoftBreaks;
use super::toc;
use crate::library::Post;
use crate::library::outline::{Heading, outline};
use crate::library::site_syntax::TOC_MARKER;
use crate::styled::Theme;

/// An article being rendered chunk by chunk (a chunk is about 16 KiB of source, whole
/// blocks). Its rows so far are exactly the first rows of [`super::render_post`]'s, and once
/// complete it is the same [`Article`].
///
/// Owns everything it needs (no borrow of the post or the theme), so it can be kept
/// between frames or sent to another thread.
#[derive(Debug)]
pub struct ArticleRenderer {
    theme: Theme,
    width: u16,
    soft_breaks: SoftBreaks,
    /// The body still to render; `None` for a post that did not parse (shown whole).
    body: Option<Body>,
    /// The next chunk to render.
    next_chunk: usize,
    /// The index the next chunk's first block gets.
    next_block: u32,
    /// Rows of the header, before the body's.
    header_rows: usize,
    /// Footnote definitions met so far; they are shown after the body.
    footnotes: Vec<String>,
    /// The line of the body the next chunk starts on.
    next_line: usize,
    complete: bool,
    article: Article,
    /// The headings a `[TOC]` line of the body shows, read once when it has one.
    toc: Option<Arc<Vec<Heading>>>,
}

impl ArticleRenderer {
    /// Starts rendering `post` for `opts.width` columns. The header is rendered at once;
    /// the body is read (display form, footnotes, blocks) but not yet rendered. Under
    /// [`SoftBreaks::Auto`] the first chunk also surveys the whole body, on every core,
    /// since whether soft breaks are kept depends on all of it.
    pub fn new(post: &Post, opts: &RenderOptions<'_>) -> ArticleRenderer {
        Self::with_body(post, opts, None)
    }

    /// [`ArticleRenderer::new`] with the body already read by [`ReadBody::new`], e.g. on
    /// another thread while the post was still being read. A body read from other text or
    /// under another soft-break policy than `post`'s and `opts`' is read again.
    pub fn with_body(
        post: &Post,
        opts: &RenderOptions<'_>,
        body: Option<ReadBody>,
    ) -> ArticleRenderer {
        let mut article = Article {
            width: opts.width,
            ..Article::default()
        };
        article.extend(header_rows(post, opts).into_iter(), opts.theme.tag_chip);
        let header_rows = article.lines.len();
        let body = match &post.error {
            // A block that never closed: where the body starts is not known, so the whole
            // text is shown as it is.
            Some(error) if post.body_line <= 1 => {
                article.extend(
                    error_rows(post, error, opts).into_iter(),
                    opts.theme.tag_chip,
                );
                None
            }
            error => Some({
                if let Some(error) = error {
                    let below = "The keys that could be read are used; the post is below.";
                    article.extend(
                        error_banner(error, below, opts).into_iter(),
                        opts.theme.tag_chip,
                    );
                }
                match body {
                    Some(read)
                        if read.text == post.body && read.soft_breaks == opts.soft_breaks =>
                    {
                        read.body
                    }
                    _ => Body::new(&post.body, opts.soft_breaks, CHUNK_BYTES),
                }
            }),
        };
        let toc = (body.is_some()
            && memchr::memmem::find(post.body.as_bytes(), TOC_MARKER.as_bytes()).is_some())
        .then(|| Arc::new(outline(&post.body)));
        ArticleRenderer {
            toc,
            theme: opts.theme.clone(),
            width: opts.width,
            soft_breaks: opts.soft_breaks,
            complete: body.is_none(),
            body,
            next_chunk: 0,
            next_block: 1,
            header_rows,
            footnotes: Vec::new(),
            next_line: 0,
            article,
        }
    }

    /// The rows rendered so far (all of them once [`Self::is_complete`]).
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// Whether the whole article is rendered.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Renders chunks until at least `rows` rows exist or the article is complete, e.g.
    /// `render_until(top + 2 * height)` before drawing rows `top..top + height`.
    pub fn render_until(&mut self, rows: usize) -> &Article {
        while !self.complete && self.article.lines.len() < rows {
            self.render_next();
        }
        &self.article
    }

    /// Renders chunks until the row showing `anchor` (see [`Article::row_of`]) and `after`
    /// rows below it exist, or the article is complete: where a reader that re-renders for
    /// a new width finds its place again without rendering the whole article first.
    pub fn render_through(&mut self, anchor: Anchor, after: usize) -> &Article {
        while !self.complete
            && self
                .article
                .anchors
                .last()
                .is_none_or(|last| *last < anchor)
        {
            self.render_next();
        }
        let row = self.article.row_of(anchor);
        self.render_until(row.saturating_add(after).saturating_add(1))
    }

    /// Renders the next chunk (after the last one, the footnotes). Returns whether
    /// anything is left to render.
    pub fn render_next(&mut self) -> bool {
        let Some(body) = self.body.as_mut() else {
            self.complete = true;
            return false;
        };
        let k = self.next_chunk;
        if k >= body.chunks() {
            self.finish_footnotes();
            return false;
        }
        body.prepare(k..k + 1);
        let rows_before = self.article.lines.len() > self.header_rows;
        let theme = &self.theme;
        let opts = options(self.width, self.soft_breaks, theme);
        let (source, blocks) = body.final_source(k);
        let chunk = render_chunk(&source, &blocks, body.definitions(), &opts, 0, rows_before);
        self.push_chunk(chunk, None);
        self.next_chunk += 1;
        true
    }

    /// Renders everything left, the chunks on every core, and returns the article.
    pub fn finish(mut self) -> Article {
        if let Some(mut body) = self.body.take() {
            body.prepare(self.next_chunk..body.chunks());
            let theme = self.theme.clone();
            let opts = options(self.width, self.soft_breaks, &theme);
            // Anything rendered above counts only once known; a chunk that guessed wrong
            // (every chunk before it rendered nothing, so its first block needs no blank
            // row above it) is rendered again below.
            // Preparing may have joined chunks whose cut did not hold.
            let chunks: Vec<usize> = (self.next_chunk..body.chunks()).collect();
            let first = self.next_chunk;
            let rows_before = self.article.lines.len() > self.header_rows;
            let chip_style = theme.tag_chip;
            let rendered = map_in_order(&chunks, |&k| {
                let (source, blocks) = body.final_source(k);
                let before = rows_before || k > first;
                let rows = render_chunk(&source, &blocks, body.definitions(), &opts, 0, before);
                let chips = chips_in(&rows.rows, chip_style);
                (before, rows, chips)
            });
            for (&k, (guessed, chunk, chips)) in chunks.iter().zip(rendered) {
                let before = self.article.lines.len() > self.header_rows;
                if guessed == before {
                    self.push_chunk(chunk, Some(chips));
                } else {
                    let (source, blocks) = body.final_source(k);
                    let chunk =
                        render_chunk(&source, &blocks, body.definitions(), &opts, 0, before);
                    self.push_chunk(chunk, None);
                }
            }
            self.next_chunk = body.chunks();
            self.body = Some(body);
        }
        self.finish_footnotes();
        self.article
    }

    /// Renders everything left, as [`Self::finish`] does, but hands the rows to `each` piece
    /// by piece instead of keeping them: each chunk's, on the thread that rendered it, then
    /// the footnotes'. Returns the rows rendered before (the header at least) and `each`'s
    /// results in reading order: those rows, then the pieces' one after the other, are
    /// [`Self::finish`]'s article's rows. The anchors' block indices count from each
    /// piece's first block.
    ///
    /// For output that needs each row once (`geul render`): no article is assembled, and a
    /// chunk's rows are dropped on the thread that rendered them as soon as `each` is done.
    pub fn finish_each<T: Send>(mut self, each: impl Fn(&[Row]) -> T + Sync) -> (Vec<Row>, Vec<T>) {
        let so_far: Vec<Row> = std::mem::take(&mut self.article.lines)
            .into_iter()
            .zip(std::mem::take(&mut self.article.anchors))
            .collect();
        let mut any_body_rows = so_far.len() > self.header_rows;
        let mut out = Vec::new();
        // Complete already: the footnotes are among the rows so far.
        let Some(mut body) = self.body.take().filter(|_| !self.complete) else {
            return (so_far, out);
        };
        body.prepare(self.next_chunk..body.chunks());
        let opts = options(self.width, self.soft_breaks, &self.theme);
        let toc = self.toc.as_deref();
        let render = |k: usize, rows_before: bool| {
            let (source, blocks) = body.final_source(k);
            let mut chunk =
                render_chunk(&source, &blocks, body.definitions(), &opts, 0, rows_before);
            if let Some(headings) = toc {
                let rows = std::mem::take(&mut chunk.rows);
                chunk.rows = toc::replace_markers(rows, headings, self.width, &self.theme);
            }
            let done = each(&chunk.rows);
            (!chunk.rows.is_empty(), chunk.blocks, chunk.footnotes, done)
        };
        // As in `finish`: a chunk that guessed wrong whether rows come above it is
        // rendered again.
        let chunks: Vec<usize> = (self.next_chunk..body.chunks()).collect();
        let first = self.next_chunk;
        let rows_before = any_body_rows;
        let rendered = map_in_order(&chunks, |&k| {
            let guessed = rows_before || k > first;
            (guessed, render(k, guessed))
        });
        for (&k, (guessed, piece)) in chunks.iter().zip(rendered) {
            let (has_rows, blocks, footnotes, done) = if guessed == any_body_rows {
                piece
            } else {
                render(k, any_body_rows)
            };
            any_body_rows |= has_rows;
            out.push(done);
            self.next_block += blocks;
            self.footnotes.extend(footnotes);
        }
        let rows = render_footnotes(
            &self.footnotes,
            body.definitions(),
            &opts,
            self.next_block,
            any_body_rows,
        );
        out.push(each(&rows));
        (so_far, out)
    }

    /// Appends a chunk's rows, its block indices shifted to follow the blocks before it,
    /// and its chips: `chips` when they were found already, else found here.
    fn push_chunk(&mut self, chunk: ChunkRows, chips: Option<Vec<Chip>>) {
        let base = self.next_block;
        let mut rows = chunk.rows;
        let mut chips = chips;
        if let Some(headings) = &self.toc
            && rows.iter().any(|(line, _)| toc::is_marker(line))
        {
            rows = toc::replace_markers(rows, headings, self.width, &self.theme);
            // The rows moved: the chips are found again below.
            chips = None;
        }
        let rows = rows.into_iter().map(|(line, mut anchor)| {
            anchor.block += base;
            (line, anchor)
        });
        match chips {
            Some(chips) => self.article.extend_found(rows, chips),
            None => self.article.extend(rows, self.theme.tag_chip),
        }
        self.next_block += chunk.blocks;
        self.footnotes.extend(chunk.footnotes);
        let base = self.next_line;
        self.article
            .block_lines
            .extend(chunk.block_lines.iter().map(|line| base + line));
        self.next_line += chunk.lines;
    }

    fn finish_footnotes(&mut self) {
        if self.complete {
            return;
        }
        self.complete = true;
        let Some(body) = &self.body else { return };
        let opts = options(self.width, self.soft_breaks, &self.theme);
        let rows_before = self.article.lines.len() > self.header_rows;
        let footnotes = std::mem::take(&mut self.footnotes);
        let rows = render_footnotes(
            &footnotes,
            body.definitions(),
            &opts,
            self.next_block,
            rows_before,
        );
        self.article.extend(rows.into_iter(), self.theme.tag_chip);
    }
}

/// A post's body read for rendering (display form, footnote numbers, block structure), as
/// [`ArticleRenderer::with_body`] takes it.
#[derive(Debug)]
pub struct ReadBody {
    text: String,
    soft_breaks: SoftBreaks,
    body: Body,
}

impl ReadBody {
    /// Reads `body`, a post's body as [`Post::body`] holds it, for rendering under
    /// `soft_breaks`.
    pub fn new(body: &str, soft_breaks: SoftBreaks) -> ReadBody {
        ReadBody {
            text: body.to_string(),
            soft_breaks,
            body: Body::new(body, soft_breaks, CHUNK_BYTES),
        }
    }

    /// Prepares every chunk for rendering now (the emphasis pass and the soft-break
    /// survey, on every core), for a caller that will render the whole body and has cores
    /// to spare while it reads the rest of the post.
    pub fn prepare_all(&mut self) {
        let chunks = self.body.chunks();
        self.body.prepare(0..chunks);
    }
}

fn options(width: u16, soft_breaks: SoftBreaks, theme: &Theme) -> RenderOptions<'_> {
    RenderOptions {
        width,
        soft_breaks,
        theme,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::library::scan::post_from_text;
    use crate::markdown::render_post;

    /// A post of many chunks: a sample post's body repeated, with a footnote at the end.
    fn long_post() -> Post {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let sample = manifest.join("posts/dev/markdown-cheatsheet-for-bloggers.md");
        let text = std::fs::read_to_string(sample).unwrap_or_default();
        let body = text.split_once("\n---\n").map_or(text.as_str(), |(_, b)| b);
        let long = format!("---\ntitle: 긴 글\n---\n{}", body.repeat(12));
        post_from_text(PathBuf::from("long.md"), PathBuf::from("long.md"), &long)
    }

    fn opts(theme: &Theme) -> RenderOptions<'_> {
        RenderOptions {
            width: 72,
            soft_breaks: SoftBreaks::Auto,
            theme,
        }
    }

    #[test]
    fn the_first_screen_is_the_first_rows_of_the_whole_article() {
        let post = long_post();
        let theme = Theme::default();
        let whole = render_post(&post, &opts(&theme));
        let mut renderer = ArticleRenderer::new(&post, &opts(&theme));
        let first = renderer.render_until(80);
        assert!(first.lines.len() >= 80 && first.lines.len() < whole.lines.len());
        assert_eq!(first.lines[..], whole.lines[..first.lines.len()]);
        assert_eq!(first.anchors[..], whole.anchors[..first.lines.len()]);
        assert!(!renderer.is_complete());
    }

    #[test]
    fn finishing_after_some_chunks_gives_the_same_article_as_rendering_at_once() {
        let post = long_post();
        let theme = Theme::default();
        let whole = render_post(&post, &opts(&theme));
        for steps in [0, 1, 3] {
            let mut renderer = ArticleRenderer::new(&post, &opts(&theme));
            for _ in 0..steps {
                renderer.render_next();
            }
            let finished = renderer.finish();
            assert!(finished.lines == whole.lines, "after {steps} chunks");
            assert_eq!(finished.anchors, whole.anchors);
            assert_eq!(finished.chips, whole.chips);
        }
        let mut renderer = ArticleRenderer::new(&post, &opts(&theme));
        while renderer.render_next() {}
        assert!(renderer.is_complete());
        assert!(renderer.article().lines == whole.lines);
        assert_eq!(renderer.article().chips, whole.chips);
    }

    #[test]
    fn a_body_read_ahead_is_used_only_when_it_is_the_posts() {
        let post = long_post();
        let theme = Theme::default();
        let whole = render_post(&post, &opts(&theme));
        let read = ReadBody::new(&post.body, SoftBreaks::Auto);
        let ahead = ArticleRenderer::with_body(&post, &opts(&theme), Some(read)).finish();
        assert!(ahead.lines == whole.lines);
        let mut read = ReadBody::new(&post.body, SoftBreaks::Keep);
        read.prepare_all();
        let keep = RenderOptions {
            soft_breaks: SoftBreaks::Keep,
            ..opts(&theme)
        };
        let prepared = ArticleRenderer::with_body(&post, &keep, Some(read)).finish();
        assert!(prepared.lines == render_post(&post, &keep).lines);
        let other = ReadBody::new("# 다른 글\n", SoftBreaks::Auto);
        let fallback = ArticleRenderer::with_body(&post, &opts(&theme), Some(other)).finish();
        assert!(fallback.lines == whole.lines);
    }

    #[test]
    fn a_place_found_again_at_another_width_is_the_full_renders() {
        let post = long_post();
        let theme = Theme::default();
        let wide = render_post(&post, &opts(&theme));
        let place = wide.anchors[wide.anchors.len() * 2 / 3];
        let narrow = RenderOptions {
            width: 40,
            ..opts(&theme)
        };
        let whole = render_post(&post, &narrow);
        let mut renderer = ArticleRenderer::new(&post, &narrow);
        let partial = renderer.render_through(place, 30);
        let row = partial.row_of(place);
        assert_eq!(row, whole.row_of(place));
        assert!(partial.lines.len() > row + 30);
        assert!(!renderer.is_complete());
    }

    #[test]
    fn rows_handed_over_piece_by_piece_are_the_finished_articles() {
        let long = long_post();
        let toc = format!("---\ntitle: 목차\n---\n머리말.\n\n[TOC]\n\n{}", long.body);
        let toc = post_from_text(PathBuf::from("toc.md"), PathBuf::from("toc.md"), &toc);
        let mut broken = long_post();
        broken.error = Some("front matter: bad".into());
        broken.body_line = 1;
        let theme = Theme::default();
        for post in [&long, &toc, &broken] {
            let whole = render_post(post, &opts(&theme));
            for steps in [0, 2, usize::MAX] {
                let mut renderer = ArticleRenderer::new(post, &opts(&theme));
                for _ in 0..steps {
                    if !renderer.render_next() {
                        break;
                    }
                }
                let (head, pieces) = renderer.finish_each(|rows| rows.to_vec());
                let lines: Vec<_> = head
                    .into_iter()
                    .chain(pieces.into_iter().flatten())
                    .map(|(line, _)| line)
                    .collect();
                assert!(lines == whole.lines, "{} after {steps} chunks", post.title);
            }
        }
    }

    #[test]
    fn a_renderer_can_be_sent_to_another_thread() {
        fn send<T: Send + 'static>(_: &T) {}
        let theme = Theme::default();
        send(&ArticleRenderer::new(&long_post(), &opts(&theme)));
    }

    #[test]
    fn a_post_whose_front_matter_never_closed_is_complete_at_once() {
        let mut post = long_post();
        post.error = Some("front matter: bad".into());
        post.body_line = 1;
        let theme = Theme::default();
        let renderer = ArticleRenderer::new(&post, &opts(&theme));
        assert!(renderer.is_complete());
        assert!(renderer.article().lines == render_post(&post, &opts(&theme)).lines);
    }

    #[test]
    fn a_post_whose_front_matter_closed_but_did_not_parse_renders_its_body_under_the_error() {
        let mut post = long_post();
        post.error = Some("front matter: bad".into());
        post.body_line = 5;
        let theme = Theme::default();
        let article = render_post(&post, &opts(&theme));
        let text: Vec<String> = (0..article.lines.len())
            .map(|r| article.row_text(r))
            .collect();
        let error = text
            .iter()
            .position(|r| r.starts_with("⚠ front matter: bad"));
        assert!(error.is_some(), "{text:#?}");
        assert!(
            text.iter().all(|r| !r.starts_with("## ")),
            "the body is Markdown rendered, not its source: {text:#?}"
        );
        assert!(text.iter().any(|r| r.starts_with("1. 강조")), "{text:#?}");
    }

    #[test]
    fn a_toc_line_shows_the_headings_in_its_place_rendered_at_once_or_chunk_by_chunk() {
        let long = long_post();
        let body = format!("머리말입니다.\n\n[TOC]\n\n{}", long.body);
        let text = format!("---\ntitle: 목차 있는 글\n---\n{body}");
        let post = post_from_text(PathBuf::from("toc.md"), PathBuf::from("toc.md"), &text);
        let theme = Theme::default();
        let whole = render_post(&post, &opts(&theme));
        let rows: Vec<String> = (0..whole.lines.len()).map(|r| whole.row_text(r)).collect();
        let label = rows
            .iter()
            .position(|r| r == "목차")
            .expect("the TOC's label");
        assert!(
            rows[label + 1].starts_with("• "),
            "{:?}",
            &rows[label..label + 4]
        );
        assert!(
            !rows.iter().any(|r| r.contains("[TOC]")),
            "the marker is gone"
        );
        assert!(
            whole.anchors.windows(2).all(|w| w[0] <= w[1]),
            "anchors in order"
        );
        let mut renderer = ArticleRenderer::new(&post, &opts(&theme));
        renderer.render_until(10);
        let piecewise = renderer.finish();
        assert!(piecewise.lines == whole.lines);
        assert_eq!(piecewise.chips, whole.chips);
    }
}
