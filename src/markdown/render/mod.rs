//! Markdown body to wrapped, styled lines: the article pane's content.
//!
//! Pipeline (all of it runs once per post and pane width; the result is cached by the UI).
//! The body is put in display form, its footnotes numbered and it is cut into chunks of
//! whole blocks ([`super::body`]); then, chunk by chunk (on several cores for a long body,
//! or a few at a time for [`super::ArticleRenderer`]):
//! 1. [`super::emphasis::prepare`] lets bold/italic glued to Korean parse (cjk-friendly
//!    rules); the same parse finds the soft breaks and the top-level blocks
//!    ([`blocks::split`]'s);
//! 2. soft breaks are kept as line breaks unless the post is hard-wrapped prose;
//! 3. each block's source goes through tui-markdown (inline styles, highlighting), the
//!    graphemes it cut across two spans are joined ([`crate::styled::join_split_graphemes`]),
//!    its lines are rewritten into display form (width model, control characters),
//!    restyled by block kind and wrapped by [`wrap`] with the right prefix and hanging
//!    indent;
//!    tables are laid out by [`table`] from the same parser's events.

mod bars;
mod code;
mod heading;
mod inline;
mod list;
mod paragraph;
mod quote;
#[cfg(test)]
mod test_support;

use std::borrow::Cow;

use ratatui::text::{Line, Span};
use tui_markdown::StyleSheet;

use super::blocks::{self, Block, BlockKind};
use super::body::{Body, CHUNK_BYTES};
use super::folds::Nesting;
use super::softbreak::SoftBreaks;
use super::table;
use crate::styled::Glyphs;
use crate::styled::Theme;
use crate::styled::wrap::wrap_line_into;
use crate::text::display::{display_text_keeping, may_change};
use crate::text::display_text;
use bars::Bars;
use inline::Sheet;

/// How to render: pane width, soft-break policy and palette.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'t> {
    /// Columns available; no rendered line is wider.
    pub width: u16,
    /// What to do with the author's single line breaks.
    pub soft_breaks: SoftBreaks,
    /// Colours and styles.
    pub theme: &'t Theme,
}

/// Where a rendered row came from: the block and the unwrapped line inside it. Rows of
/// the same source line share an anchor, so after a resize the reader can find the row
/// that shows the same source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Anchor {
    /// Index of the block (0 is the article header).
    pub block: u32,
    /// Index of the unwrapped line within the block.
    pub line: u32,
}

/// A rendered row with its anchor.
pub type Row = (Line<'static>, Anchor);

/// Renders a Markdown body into rows at most `opts.width` wide. Block indices start at
/// `first_block` so a header can take the ones before.
pub fn render_body(body: &str, opts: &RenderOptions<'_>, first_block: u32) -> Vec<Row> {
    render_body_in_chunks(body, opts, first_block, CHUNK_BYTES)
}

/// [`render_body`], cutting the body into chunks of about `chunk_bytes` (the rows do not
/// depend on it; tests check that they do not).
pub(crate) fn render_body_in_chunks(
    body: &str,
    opts: &RenderOptions<'_>,
    first_block: u32,
    chunk_bytes: usize,
) -> Vec<Row> {
    let mut body = Body::new(body, opts.soft_breaks, chunk_bytes);
    body.prepare(0..body.chunks());
    let nesting = Nesting::default();
    let mut rows: Vec<Row> = Vec::new();
    let mut footnotes = Vec::new();
    let mut index = first_block;
    for k in 0..body.chunks() {
        let source = body.final_source(k);
        let chunk = render_chunk(
            &source.text,
            &source.blocks,
            source.definitions,
            opts,
            (index, 0, &nesting),
            !rows.is_empty(),
        );
        rows.extend(chunk.rows);
        footnotes.extend(chunk.footnotes);
        index += chunk.blocks;
    }
    let rows_before = !rows.is_empty();
    rows.extend(render_footnotes(
        &footnotes,
        body.definitions(),
        opts,
        index,
        rows_before,
    ));
    rows
}

/// The rows of one chunk of a body, and what the rest of the body needs from it.
#[derive(Debug, Default)]
pub(crate) struct ChunkRows {
    /// The rows of its blocks, footnotes left out.
    pub(crate) rows: Vec<Row>,
    /// How many blocks it has, footnotes included: block indices go on from there.
    pub(crate) blocks: u32,
    /// The source of its footnote definitions, which are shown after the whole body.
    pub(crate) footnotes: Vec<String>,
    /// The line of the chunk (0-based) each of its blocks starts on.
    pub(crate) block_lines: Vec<usize>,
    /// For each of its blocks, whether it starts with the summary of a `<details>` whose
    /// summary is on its first line (such a block can fold what follows).
    pub(crate) summaries: Vec<bool>,
    /// How many line breaks the chunk holds: where the next chunk's lines start.
    pub(crate) lines: usize,
}

/// Renders `blocks`, the top-level blocks of `source` (one chunk of a body, see
/// [`super::body`]). `place` is the index of the first block, the body line the chunk
/// starts on and the details of the body, whose bodies are drawn behind bars. `rows_before`
/// says whether anything was rendered above, so the first block is set off from it.
pub(crate) fn render_chunk(
    source: &str,
    blocks: &[Block],
    definitions: &str,
    opts: &RenderOptions<'_>,
    place: (u32, usize, &Nesting),
    rows_before: bool,
) -> ChunkRows {
    let (first_block, first_line, nesting) = place;
    // The blocks come from a parse of the text before its last rewrites, moved along.
    debug_assert_eq!(blocks, blocks::split(source).0, "{source:?}");
    // Every rewrite of the source keeps its line breaks, so a line of the chunk is a line
    // of the body.
    let mut block_lines = Vec::with_capacity(blocks.len());
    let (mut line, mut counted) = (0, 0);
    for block in blocks {
        let start = block.range.start.clamp(counted, source.len());
        line += memchr::memchr_iter(b'\n', &source.as_bytes()[counted..start]).count();
        counted = start;
        block_lines.push(line);
    }
    let lines = line + memchr::memchr_iter(b'\n', &source.as_bytes()[counted..]).count();
    let mut ctx = Context::new(opts, rows_before);
    let mut footnotes = Vec::new();
    let mut summaries = vec![false; blocks.len()];
    for (i, block) in blocks.iter().enumerate() {
        let index = first_block + i as u32;
        let slice = &source[block.range.clone()];
        if block.kind == BlockKind::Footnote {
            footnotes.push(slice.to_string());
            continue;
        }
        let line = first_line + block_lines[i];
        let full = ctx.width;
        let bars = if nesting.is_empty() {
            Bars::default()
        } else {
            summaries[i] = nesting.summary_on(line) && starts_with_summary(slice);
            Bars::of(nesting, line, slice, summaries[i]).fitting(full)
        };
        let from = ctx.rows.len();
        ctx.width = full.saturating_sub(2 * bars.most()).max(1);
        ctx.separate(index);
        ctx.block(index, block, slice, definitions);
        ctx.width = full;
        ctx.draw_bars(from, &bars);
    }
    ChunkRows {
        rows: ctx.rows,
        blocks: blocks.len() as u32,
        footnotes,
        block_lines,
        lines,
        summaries,
    }
}

/// Whether a block's source starts with a `<details>` summary as the site syntax writes it
/// (`**▸ …**`).
fn starts_with_summary(slice: &str) -> bool {
    slice
        .trim_start_matches([' ', '\t'])
        .strip_prefix("**")
        .is_some_and(|rest| rest.starts_with(super::folds::FOLDED))
}

/// The footnote definitions of a body, shown after it under a rule. `after` is the index
/// after the body's last block: footnotes are shown last, so their anchors must sort after
/// every other block's, or a resize could not find its place again.
pub(crate) fn render_footnotes(
    footnotes: &[String],
    definitions: &str,
    opts: &RenderOptions<'_>,
    after: u32,
    rows_before: bool,
) -> Vec<Row> {
    if footnotes.is_empty() {
        return Vec::new();
    }
    let mut ctx = Context::new(opts, rows_before);
    ctx.separate(after);
    ctx.rule(after);
    for (i, slice) in footnotes.iter().enumerate() {
        let index = after + 1 + i as u32;
        for (n, line) in ctx.markdown(slice, definitions).into_iter().enumerate() {
            ctx.wrap(index, n as u32, &line.spans, &[], &[]);
        }
    }
    ctx.rows
}

/// One render in progress: the options, the rows so far and what the next block needs to
/// know about the previous one.
struct Context<'o, 't> {
    opts: &'o RenderOptions<'t>,
    sheet: Sheet,
    width: usize,
    rows: Vec<Row>,
    /// geul's own glyphs for this terminal.
    glyphs: &'static Glyphs,
    /// The style of tui-markdown's table borders when they are redrawn in `glyphs`, told
    /// once rather than for every block.
    redrawn_border: Option<ratatui::style::Style>,
    /// The paragraph after a `메타 설명` heading is the post's summary.
    summary_next: bool,
    /// Whether rows were rendered above the first of `rows`.
    rows_before: bool,
    /// The rows of the line being wrapped, kept empty between lines so that its memory
    /// serves every line.
    wrapped: Vec<Line<'static>>,
}

impl<'o, 't> Context<'o, 't> {
    fn new(opts: &'o RenderOptions<'t>, rows_before: bool) -> Self {
        let sheet = Sheet {
            theme: std::sync::Arc::new(opts.theme.clone()),
        };
        let glyphs = Glyphs::current();
        Context {
            opts,
            // A table nested in a quote or list is tui-markdown's: its border spans (the
            // only ones with the table-border style) are redrawn in this terminal's glyphs.
            redrawn_border: (glyphs != &Glyphs::UNICODE).then(|| sheet.table_border()),
            sheet,
            width: usize::from(opts.width.max(1)),
            rows: Vec::new(),
            glyphs,
            summary_next: false,
            rows_before,
            wrapped: Vec::new(),
        }
    }

    fn theme(&self) -> &Theme {
        self.opts.theme
    }

    /// One blank row between blocks.
    fn separate(&mut self, index: u32) {
        if self.rows_before || !self.rows.is_empty() {
            self.rows.push((
                Line::default(),
                Anchor {
                    block: index,
                    line: 0,
                },
            ));
        }
    }

    fn push(&mut self, index: u32, line: u32, row: Line<'static>) {
        self.rows.push((
            row,
            Anchor {
                block: index,
                line: line + 1,
            },
        ));
    }

    fn wrap(
        &mut self,
        index: u32,
        line: u32,
        spans: &[Span<'_>],
        first: &[Span<'static>],
        rest: &[Span<'static>],
    ) {
        // Most lines are in display form already (see `display_source`): those are
        // wrapped as they are, without a copy of their spans.
        let displayed: Vec<Span<'_>>;
        let spans = if spans.iter().any(|s| may_change(&s.content)) {
            displayed = spans
                .iter()
                .map(|s| Span::styled(display_text(&s.content), s.style))
                .collect();
            &displayed
        } else {
            spans
        };
        let mut wrapped = std::mem::take(&mut self.wrapped);
        wrap_line_into(&mut wrapped, spans, self.width, first, rest);
        for row in wrapped.drain(..) {
            self.push(index, line, row);
        }
        self.wrapped = wrapped;
    }

    fn rule(&mut self, index: u32) {
        let rule = Line::from(Span::styled(
            Glyphs::fill(self.glyphs.rule, self.width),
            self.theme().rule,
        ));
        self.push(index, 0, rule);
    }

    fn block(&mut self, index: u32, block: &Block, slice: &str, definitions: &str) {
        let summary = std::mem::take(&mut self.summary_next);
        match &block.kind {
            BlockKind::Heading(level) => self.heading(index, *level, slice, definitions),
            BlockKind::Paragraph => {
                for (n, line) in self.markdown(slice, definitions).into_iter().enumerate() {
                    self.paragraph_line(index, n as u32, line, summary);
                }
            }
            BlockKind::Quote => self.quote(index, slice, definitions),
            BlockKind::List => self.list(index, slice, definitions),
            BlockKind::Code { lang, text } => self.code(index, lang.as_deref(), text),
            BlockKind::Table => match table::parse(slice, self.theme()) {
                Some(table) => {
                    for (line, row) in table.layout(self.width, self.theme(), self.glyphs) {
                        self.push(index, row, line);
                    }
                }
                None => {
                    for (n, line) in self.markdown(slice, definitions).into_iter().enumerate() {
                        self.wrap(index, n as u32, &line.spans, &[], &[]);
                    }
                }
            },
            BlockKind::Rule => self.rule(index),
            BlockKind::Html | BlockKind::Other | BlockKind::Footnote => {
                for (n, line) in self.markdown(slice, definitions).into_iter().enumerate() {
                    self.wrap(index, n as u32, &line.spans, &[], &[]);
                }
            }
        }
    }
}

/// `n` spaces, a hanging indent: borrowed for the usual widths, so the rows that start
/// with it share it rather than each copying it.
fn spaces(n: usize) -> Span<'static> {
    const SPACES: &str = "                                ";
    match SPACES.get(..n) {
        Some(spaces) => Span::raw(spaces),
        None => Span::raw(" ".repeat(n)),
    }
}

/// Rewrites the source into display form before parsing, so every block (and the code
/// highlighter) sees the text as it will be drawn. Line breaks and tabs are structure and
/// stay; keycaps stay so step lines can still be recognised (they are rewritten when
/// wrapped).
pub(crate) fn display_source(source: &str) -> Cow<'_, str> {
    // Nothing is copied until the first line whose form differs.
    let mut out: Option<String> = None;
    let mut done = 0;
    // A line feed always ends a grapheme, so lines are rewritten one by one.
    let ends = memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1);
    let mut start = 0;
    for end in ends.chain((!source.ends_with('\n')).then_some(source.len())) {
        let line = &source[start..end];
        start = end;
        let keep = |g: &str| matches!(g, "\n" | "\r\n" | "\r" | "\t") || g.ends_with('\u{20E3}');
        // Containers nested too deep on one line are shown flat (see `nesting`).
        let form = match super::nesting::cap_nesting(line) {
            // The line break is kept: most lines need no more than this byte scan.
            Cow::Borrowed(line) if !may_change(line.strip_suffix('\n').unwrap_or(line)) => {
                Cow::Borrowed(line)
            }
            Cow::Borrowed(line) => display_text_keeping(line, keep),
            Cow::Owned(capped) => Cow::Owned(display_text_keeping(&capped, keep).into_owned()),
        };
        match (&mut out, form) {
            (Some(out), form) => out.push_str(&form),
            (None, Cow::Owned(form)) => {
                let mut owned = String::with_capacity(source.len() + form.len());
                owned.push_str(&source[..done]);
                owned.push_str(&form);
                out = Some(owned);
            }
            (None, Cow::Borrowed(_)) => {}
        }
        done += line.len();
    }
    out.map_or(Cow::Borrowed(source), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::test_support::text;
    use crate::text::str_width;

    #[test]
    fn emphasis_in_a_table_keeps_its_columns_aligned() {
        let rows = text(
            "| 항목 | 설명 |\n|---|---|\n| 일반 | **“인용”**입니다 |\n| 1️⃣ | 둘 |\n",
            60,
        );
        let widths: Vec<usize> = rows.iter().map(|r| str_width(r)).collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "{rows:?} {widths:?}"
        );
    }

    #[test]
    fn a_rule_spans_the_pane() {
        let rows = text("위\n\n---\n\n아래\n", 33);
        assert!(rows.contains(&"─".repeat(33)));
    }

    #[test]
    fn tables_are_box_drawn_and_fit_the_pane() {
        let rows = text(
            "| 항목 | 설명 |\n|:---|---:|\n| 가 | 아주 긴 설명이 들어가는 칸입니다 |\n",
            24,
        );
        assert!(rows[0].starts_with('┌'));
        assert!(rows.iter().all(|r| str_width(r) <= 24), "{rows:?}");
    }
}
