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

use super::article::{
    Article, Chip, chips_in, error_banner, error_rows, header_rows, reading_minutes,
};
use super::body::{Body, CHUNK_BYTES, ChunkSource};
use super::folds::{Folding, Folds, Nesting};
use super::pictures::{PicturePlan, place_inline, thumbnail_rows};
use super::render::{Anchor, ChunkRows, RenderOptions, Row, render_chunk, render_footnotes};
use super::softbreak::SoftBreaks;
use super::toc;
use crate::library::outline::{Heading, outline};
use crate::library::site_syntax::TOC_MARKER;
use crate::library::{Body as PostText, Post};
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
    /// How deep in `<details>` bodies each line of the body is.
    nesting: Nesting,
    /// Leaves the folded `<details>` bodies out of the rows.
    folds: Folds,
    /// The pictures to keep rows for, if any.
    pictures: Option<Arc<PicturePlan>>,
    /// The plan's next inline picture.
    next_picture: usize,
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
        Self::with_pictures(post, opts, body, None)
    }

    /// [`ArticleRenderer::with_body`], keeping rows for the pictures of `pictures` (see
    /// [`super::pictures`]): the thumbnail's under the header, each inline picture's
    /// above its caption.
    pub fn with_pictures(
        post: &Post,
        opts: &RenderOptions<'_>,
        body: Option<ReadBody>,
        pictures: Option<Arc<PicturePlan>>,
    ) -> ArticleRenderer {
        let mut article = Article {
            width: opts.width,
            ..Article::default()
        };
        // A body read ahead is used only when it is this post's, read under these options.
        let body =
            body.filter(|read| read.text == post.body && read.soft_breaks == opts.soft_breaks);
        let minutes = body
            .as_ref()
            .map_or_else(|| reading_minutes(&post.body), |read| read.reading_minutes);
        article.extend(
            header_rows(post, opts, minutes).into_iter(),
            opts.theme.tag_chip,
        );
        if let Some(plan) = &pictures {
            let anchor = article.anchors.last().copied().unwrap_or_default();
            let first = article.lines.len();
            let rows = thumbnail_rows(
                plan,
                first,
                opts.width,
                anchor,
                opts.theme.dim,
                &mut article.pictures,
            );
            article.extend(rows.into_iter(), opts.theme.tag_chip);
        }
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
                    Some(read) => read.body,
                    None => Body::sharing(&post.body, opts.soft_breaks, CHUNK_BYTES),
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
            nesting: Nesting::new(&post.details),
            folds: Folds::new(&post.details, Folding::AllOpen),
            pictures,
            next_picture: 0,
        }
    }

    /// Shows the post's `<details>` as `folding` says (they are all open unless told):
    /// to be called before any of the body is rendered.
    pub fn folded(mut self, folding: Folding) -> ArticleRenderer {
        debug_assert_eq!(self.next_chunk, 0, "folding set after rendering began");
        self.folds.set_folding(folding);
        self
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
        let chunk = render_body_chunk(&body.final_source(k), &opts, &self.nesting, rows_before);
        self.push_chunk(chunk, None);
        self.next_chunk += 1;
        true
    }

    /// Renders everything left, the chunks on every core, and returns the article.
    pub fn finish(mut self) -> Article {
        if let Some(mut body) = self.body.take() {
            let theme = self.theme.clone();
            let opts = options(self.width, self.soft_breaks, &theme);
            // Anything rendered above counts only once known; a chunk that guessed wrong
            // (every chunk before it rendered nothing, so its first block needs no blank
            // row above it) is rendered again below.
            let first = self.next_chunk;
            let rows_before = self.article.lines.len() > self.header_rows;
            let chip_style = theme.tag_chip;
            let nesting = &self.nesting;
            let rendered = body.render_rest(first, |k, source| {
                let before = rows_before || k > first;
                let rows = render_body_chunk(&source, &opts, nesting, before);
                let chips = chips_in(&rows.rows, chip_style);
                (before, rows, chips)
            });
            // Rendering may have joined chunks whose cut did not hold: `k` counts the
            // chunks as they are now.
            for (k, (guessed, chunk, chips)) in (first..).zip(rendered) {
                let before = self.article.lines.len() > self.header_rows;
                if guessed == before {
                    self.push_chunk(chunk, Some(chips));
                } else {
                    let chunk =
                        render_body_chunk(&body.final_source(k), &opts, &self.nesting, before);
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
        // Folded details hide rows by what came before them: the article is rendered whole.
        let Some(open_folds) = self.folds.all_open() else {
            let article = self.finish();
            let rows = article.lines.into_iter().zip(article.anchors).collect();
            return (rows, Vec::new());
        };
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
        let opts = options(self.width, self.soft_breaks, &self.theme);
        let toc = self.toc.as_deref();
        let nesting = &self.nesting;
        let render = |source: &ChunkSource<'_>, rows_before: bool| {
            let mut chunk = render_body_chunk(source, &opts, nesting, rows_before);
            if let Some(headings) = toc {
                let rows = std::mem::take(&mut chunk.rows);
                chunk.rows = toc::replace_markers(rows, headings, self.width, &self.theme);
            }
            if let Some(mut folds) = open_folds.all_open().filter(|f| !f.is_empty()) {
                // Nothing is hidden: this marks the open summaries `▾`.
                let lines: Vec<usize> = chunk
                    .block_lines
                    .iter()
                    .map(|line| source.first_line + line)
                    .collect();
                folds.place(
                    &mut chunk.rows,
                    0,
                    (&lines, &chunk.summaries),
                    &mut Vec::new(),
                );
            }
            let done = each(&chunk.rows);
            (!chunk.rows.is_empty(), chunk.blocks, chunk.footnotes, done)
        };
        // As in `finish`: a chunk that guessed wrong whether rows come above it is
        // rendered again.
        let first = self.next_chunk;
        let rows_before = any_body_rows;
        let rendered = body.render_rest(first, |k, source| {
            let guessed = rows_before || k > first;
            (guessed, render(&source, guessed))
        });
        for (k, (guessed, piece)) in (first..).zip(rendered) {
            let (has_rows, blocks, footnotes, done) = if guessed == any_body_rows {
                piece
            } else {
                render(&body.final_source(k), any_body_rows)
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
        for (_, anchor) in &mut rows {
            anchor.block += base;
        }
        if !self.folds.is_empty() {
            let lines: Vec<usize> = chunk
                .block_lines
                .iter()
                .map(|line| self.next_line + line)
                .collect();
            if self.folds.place(
                &mut rows,
                base,
                (&lines, &chunk.summaries),
                &mut self.article.folds,
            ) {
                // Rows left out: the chips' rows moved.
                chips = None;
            }
        }
        // After the folds: a picture's rows are kept only when its caption is shown, and
        // its spot counts the rows that are.
        if let Some(plan) = &self.pictures {
            let before = rows.len();
            rows = place_inline(
                rows,
                plan,
                &mut self.next_picture,
                self.article.lines.len(),
                self.width,
                self.theme.dim,
                &mut self.article.pictures,
            );
            if rows.len() != before {
                // The rows moved: the chips are found again below.
                chips = None;
            }
        }
        let rows = rows.into_iter();
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

/// A post's body read for rendering (display form, footnote numbers, block structure,
/// reading time), as [`ArticleRenderer::with_body`] takes it.
#[derive(Debug)]
pub struct ReadBody {
    /// The text read, shared with the post it came from.
    text: PostText,
    soft_breaks: SoftBreaks,
    body: Body,
    /// The reading time the header shows.
    reading_minutes: usize,
}

impl ReadBody {
    /// Reads `body`, a post's body as [`Post::body`] holds it, for rendering under
    /// `soft_breaks`. A long body's reading time is counted on a core of its own
    /// meanwhile: the header waits for it.
    pub fn new(body: &PostText, soft_breaks: SoftBreaks) -> ReadBody {
        /// Below this a second thread would cost more than it saves.
        const COUNT_APART_FROM: usize = 256 * 1024;
        let read = || Body::sharing(body, soft_breaks, CHUNK_BYTES);
        let (read, reading_minutes) = if body.len() < COUNT_APART_FROM {
            (read(), reading_minutes(body))
        } else {
            std::thread::scope(|s| {
                let minutes = s.spawn(|| reading_minutes(body));
                let read = read();
                // Should the thread have failed, the time is counted here.
                let minutes = minutes.join().unwrap_or_else(|_| reading_minutes(body));
                (read, minutes)
            })
        };
        ReadBody {
            text: body.clone(),
            soft_breaks,
            body: read,
            reading_minutes,
        }
    }

    /// [`ReadBody::new`] cut into chunks of about `chunk_bytes` (the rows do not depend on
    /// it; tests check that they do not).
    #[cfg(test)]
    pub(crate) fn in_chunks(body: &str, soft_breaks: SoftBreaks, chunk_bytes: usize) -> ReadBody {
        ReadBody {
            text: body.into(),
            soft_breaks,
            body: Body::new(body, soft_breaks, chunk_bytes),
            reading_minutes: reading_minutes(body),
        }
    }
}

fn options(width: u16, soft_breaks: SoftBreaks, theme: &Theme) -> RenderOptions<'_> {
    RenderOptions {
        width,
        soft_breaks,
        theme,
    }
}

/// Renders one chunk of a body, its block indices from 0; `nesting` is the details' (for
/// their bars).
fn render_body_chunk(
    source: &ChunkSource<'_>,
    opts: &RenderOptions<'_>,
    nesting: &Nesting,
    rows_before: bool,
) -> ChunkRows {
    let place = (0, source.first_line, nesting);
    render_chunk(
        &source.text,
        &source.blocks,
        source.definitions,
        opts,
        place,
        rows_before,
    )
}

#[cfg(test)]
mod tests;
