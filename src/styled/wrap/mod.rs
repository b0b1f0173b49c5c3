//! geul's own line wrapper for styled text.
//!
//! ratatui's `Paragraph::wrap` is not used: in ratatui 0.30 it drops characters of Korean
//! text (ratatui issue 2679), and it cannot give list items and quotes a hanging indent.
//! Here a line of styled spans is cut into words (a run of non-space graphemes and the
//! spaces after it), words wider than a row are broken at grapheme boundaries, and
//! textwrap's first-fit algorithm places them. Every width comes from
//! [`crate::text::grapheme_width`], the same function the cell writer uses.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::graphemes;
use crate::text::graphemes::surely_a_boundary;
use crate::text::spaces::holds_other_space;
use crate::text::width::{grapheme_width_in, model, str_width, str_width_in};

/// One grapheme with its style, measured width and place in the content.
#[derive(Debug, Clone)]
struct Cell<'a> {
    grapheme: &'a str,
    style: Style,
    width: usize,
    /// Index of the span the grapheme comes from.
    span: usize,
    /// Byte offset of the grapheme in that span.
    offset: usize,
}

/// A run of graphemes textwrap may place on a row: the word and the spaces after it.
#[derive(Debug)]
struct Word {
    /// Index of the first grapheme of the word.
    start: usize,
    /// Index one past the last non-space grapheme.
    end: usize,
    width: usize,
    space_width: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space_width as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wraps `content` into rows of at most `width` columns.
///
/// The first row starts with `first_prefix`, later rows with `rest_prefix` (a hanging
/// indent or a quote bar). Spaces where a row breaks are dropped; every other grapheme
/// appears exactly once, in order. If a prefix leaves no room, it is dropped rather than
/// letting a row overflow.
pub fn wrap_line(
    content: &[Span<'_>],
    width: usize,
    first_prefix: &[Span<'static>],
    rest_prefix: &[Span<'static>],
) -> Vec<Line<'static>> {
    let mut rows = Vec::new();
    wrap_line_into(&mut rows, content, width, first_prefix, rest_prefix);
    rows
}

/// [`wrap_line`], appending the rows to `rows`: a caller that wraps line after line keeps
/// one buffer rather than a new one for each line.
pub fn wrap_line_into(
    rows: &mut Vec<Line<'static>>,
    content: &[Span<'_>],
    width: usize,
    first_prefix: &[Span<'static>],
    rest_prefix: &[Span<'static>],
) {
    let width = width.max(1);
    let (prefix, first_w) = fitting_prefix(first_prefix, width);
    match one_row(content, width - first_w, prefix) {
        Some(row) => rows.push(row),
        None => rows.extend(wrap_cells(content, width, first_prefix, rest_prefix)),
    }
}

/// `prefix` and its width, or nothing when it leaves less than two columns (one wide
/// grapheme) for content in a row of `width`.
fn fitting_prefix<'p>(prefix: &'p [Span<'static>], width: usize) -> (&'p [Span<'static>], usize) {
    let w: usize = prefix.iter().map(|s| str_width(&s.content)).sum();
    if w + 2 > width { (&[], 0) } else { (prefix, w) }
}

/// The row [`wrap_line`] makes of `content` when it fits in `avail` columns after
/// `prefix`, the usual case, without cutting it into cells and words: `None` when it does
/// not fit, is only spaces, or holds whitespace other than spaces (which the general path
/// drops or treats apart).
fn one_row(content: &[Span<'_>], avail: usize, prefix: &[Span<'static>]) -> Option<Line<'static>> {
    let m = model();
    // Trailing spaces do not count, so a line may take up to that many more columns.
    let room = avail + trailing_space_bytes(content);
    let mut total = 0;
    for span in content {
        let text = span.content.as_ref();
        if holds_other_space(text) {
            return None;
        }
        total += str_width_in(text, m);
        if total > room {
            return None;
        }
    }
    // The spaces a row ends with are dropped, and do not count against the width: the
    // spans from `last` on are cut to `last_len` bytes, and nothing after it.
    let mut trailing = 0;
    let (mut last, mut last_len) = (0, 0);
    for (i, span) in content.iter().enumerate().rev() {
        let text = span.content.as_ref();
        let spaces = trailing_space_graphemes(text);
        trailing += spaces;
        (last, last_len) = (i, text.len() - spaces);
        if last_len > 0 {
            break;
        }
    }
    if total == trailing || total - trailing > avail {
        return None;
    }
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(prefix.len() + last + 1);
    spans.extend_from_slice(prefix);
    let mut run: Option<(Style, String)> = None;
    for (i, span) in content.iter().enumerate() {
        let text = match i.cmp(&last) {
            std::cmp::Ordering::Less => span.content.as_ref(),
            std::cmp::Ordering::Equal => &span.content[..last_len],
            std::cmp::Ordering::Greater => "",
        };
        if text.is_empty() {
            continue;
        }
        match &mut run {
            Some((style, joined)) if *style == span.style => joined.push_str(text),
            _ => {
                if let Some((style, joined)) = run.take() {
                    spans.push(Span::styled(joined, style));
                }
                run = Some((span.style, text.to_string()));
            }
        }
    }
    if let Some((style, joined)) = run {
        spans.push(Span::styled(joined, style));
    }
    Some(Line::from(spans))
}

/// How many space graphemes `text` ends with. Only the first space of the run could be
/// part of a grapheme before it (after a prepended mark), and not after a plain
/// character, the usual case, which is told without segmenting.
fn trailing_space_graphemes(text: &str) -> usize {
    let trimmed = text.trim_end_matches(' ');
    let spaces = text.len() - trimmed.len();
    match trimmed.chars().next_back() {
        Some(c) if spaces > 0 && !surely_a_boundary(c, ' ') => {
            text.graphemes(true).rev().take_while(|g| *g == " ").count()
        }
        _ => spaces,
    }
}

/// How many space bytes `content` ends with, across spans: at least as many as the
/// trailing space graphemes a row drops.
fn trailing_space_bytes(content: &[Span<'_>]) -> usize {
    let mut spaces = 0;
    for span in content.iter().rev() {
        let trimmed = span.content.trim_end_matches(' ');
        spaces += span.content.len() - trimmed.len();
        if !trimmed.is_empty() {
            break;
        }
    }
    spaces
}

/// [`wrap_line`] the general way: every grapheme a cell, cells into words, words into
/// rows.
fn wrap_cells(
    content: &[Span<'_>],
    width: usize,
    first_prefix: &[Span<'static>],
    rest_prefix: &[Span<'static>],
) -> Vec<Line<'static>> {
    let width = width.max(1);
    let m = model();
    // At most one cell per character (a byte that does not continue one): one allocation.
    let chars: usize = content
        .iter()
        .map(|s| s.content.bytes().filter(|b| b & 0xC0 != 0x80).count())
        .sum();
    let mut cells: Vec<Cell<'_>> = Vec::with_capacity(chars);
    for (index, span) in content.iter().enumerate() {
        let mut offset = 0;
        for g in graphemes(&span.content) {
            let cell = Cell {
                grapheme: g,
                style: span.style,
                width: grapheme_width_in(g, m),
                span: index,
                offset,
            };
            offset += g.len();
            if cell.width > 0 || !g.trim().is_empty() {
                cells.push(cell);
            }
        }
    }

    let prefix_for =
        |first: bool| fitting_prefix(if first { first_prefix } else { rest_prefix }, width);
    let (_, first_w) = prefix_for(true);
    let (_, rest_w) = prefix_for(false);
    let first_avail = width - first_w;
    let rest_avail = width - rest_w;
    let max_word = first_avail.min(rest_avail).max(1);

    let words = split_words(&cells, max_word);
    let line_widths = [first_avail as f64, rest_avail as f64];
    let rows = textwrap::wrap_algorithms::wrap_first_fit(&words, &line_widths);

    let mut out = Vec::with_capacity(rows.len().max(1));
    if rows.is_empty() {
        let (prefix, _) = prefix_for(true);
        out.push(Line::from(prefix.to_vec()));
        return out;
    }
    for (i, row) in rows.iter().enumerate() {
        let (prefix, _) = prefix_for(i == 0);
        let mut spans: Vec<Span<'static>> = prefix.to_vec();
        if let (Some(first), Some(last)) = (row.first(), row.last()) {
            // Inner words keep their trailing spaces; the row's last word drops them.
            push_cells(&mut spans, content, &cells[first.start..last.end]);
        }
        out.push(Line::from(spans));
    }
    out
}

/// Splits cells into words, breaking any word wider than `max_word` into pieces.
fn split_words(cells: &[Cell<'_>], max_word: usize) -> Vec<Word> {
    let is_space = |c: &Cell<'_>| c.grapheme == " ";
    let mut words = Vec::new();
    let mut i = 0;
    // Leading spaces (indentation) form a word of their own so they are kept.
    if cells.first().is_some_and(is_space) {
        let start = i;
        while i < cells.len() && is_space(&cells[i]) {
            i += 1;
        }
        // Indentation wider than a row keeps what fits; the rest counts as the spaces
        // after it, which a row break drops.
        let kept = (i - start).min(max_word);
        words.push(Word {
            start,
            end: start + kept,
            width: kept,
            space_width: i - start - kept,
        });
    }
    while i < cells.len() {
        let start = i;
        while i < cells.len() && !is_space(&cells[i]) {
            i += 1;
        }
        let end = i;
        while i < cells.len() && is_space(&cells[i]) {
            i += 1;
        }
        let space_width = i - end;
        // Break an over-long word into pieces that fit a row: after the last URL or path
        // separator that fits (so a link's address breaks between its parts, not inside
        // one of them), else at the last grapheme that fits.
        let mut piece_start = start;
        let mut piece_width = 0;
        for (j, cell) in cells.iter().enumerate().take(end).skip(start) {
            let w = cell.width;
            while piece_width + w > max_word && piece_width > 0 {
                // The rest after a separator may still leave no room for this grapheme:
                // then it is cut again, right before it.
                let cut = (piece_start + 1..j)
                    .rev()
                    .find(|&k| breaks_after(cells[k - 1].grapheme))
                    .filter(|&k| {
                        let rest: usize = cells[k..j].iter().map(|c| c.width).sum();
                        rest + w <= max_word
                    })
                    .unwrap_or(j);
                let cut_width: usize = cells[piece_start..cut].iter().map(|c| c.width).sum();
                words.push(Word {
                    start: piece_start,
                    end: cut,
                    width: cut_width,
                    space_width: 0,
                });
                piece_start = cut;
                piece_width -= cut_width;
            }
            piece_width += w;
        }
        words.push(Word {
            start: piece_start,
            end,
            width: piece_width,
            space_width,
        });
    }
    words
}

/// Whether a word too wide for a row may break after `grapheme`: the separators of URLs
/// and paths.
fn breaks_after(grapheme: &str) -> bool {
    matches!(
        grapheme,
        "/" | "?" | "&" | "=" | "#" | "-" | "_" | "." | "," | ";" | "("
    )
}

/// Appends cells as spans, merging neighbours of the same style. Graphemes that sit next
/// to each other in one span of `content` are copied as one slice.
fn push_cells(spans: &mut Vec<Span<'static>>, content: &[Span<'_>], cells: &[Cell<'_>]) {
    let mut text = String::new();
    let mut style: Option<Style> = None;
    let mut run: Option<(usize, Range<usize>)> = None;
    for cell in cells {
        if let Some((span, range)) = &mut run
            && *span == cell.span
            && range.end == cell.offset
        {
            range.end += cell.grapheme.len();
            continue;
        }
        if let Some((span, range)) = run.take() {
            text.push_str(&content[span].content[range]);
        }
        if style != Some(cell.style) {
            if let Some(style) = style {
                spans.push(Span::styled(std::mem::take(&mut text), style));
            }
            style = Some(cell.style);
        }
        run = Some((cell.span, cell.offset..cell.offset + cell.grapheme.len()));
    }
    if let Some((span, range)) = run {
        text.push_str(&content[span].content[range]);
    }
    if let Some(style) = style {
        spans.push(Span::styled(text, style));
    }
}

/// Breaks `content` into rows of at most `width` columns at any grapheme, for code: the
/// first row uses `width`, continuation rows start with `mark` (counted in the width).
pub fn hard_wrap(content: &[Span<'_>], width: usize, mark: &Span<'static>) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mark_w = str_width(&mark.content);
    let mark_fits = mark_w + 2 <= width;
    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    let mut pending: Vec<Cell<'_>> = Vec::new();
    let m = model();
    let flush = |rows: &mut Vec<Vec<Span<'static>>>, pending: &mut Vec<Cell<'_>>| {
        if let Some(row) = rows.last_mut() {
            push_cells(row, content, pending);
        }
        pending.clear();
    };
    for (index, span) in content.iter().enumerate() {
        let mut offset = 0;
        for g in graphemes(&span.content) {
            let w = grapheme_width_in(g, m);
            if used + w > width && used > 0 {
                flush(&mut rows, &mut pending);
                rows.push(Vec::new());
                used = 0;
                if mark_fits {
                    if let Some(row) = rows.last_mut() {
                        row.push(mark.clone());
                    }
                    used = mark_w;
                }
            }
            pending.push(Cell {
                grapheme: g,
                style: span.style,
                width: w,
                span: index,
                offset,
            });
            offset += g.len();
            used += w;
        }
    }
    flush(&mut rows, &mut pending);
    rows.into_iter().map(Line::from).collect()
}

/// Columns a line takes.
pub fn line_width(line: &Line<'_>) -> usize {
    line.spans.iter().map(|s| str_width(&s.content)).sum()
}

#[cfg(test)]
mod tests;
