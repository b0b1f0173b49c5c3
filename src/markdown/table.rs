//! GFM tables, laid out by geul from the parser's events.
//!
//! tui-markdown draws tables well in terminals that agree with unicode-width, but it sizes
//! columns with its own measure, so a table could not follow geul's width model (keycaps
//! drawn as digits, ambiguous characters drawn wide) nor keep the CJK-friendly emphasis
//! helpers until after layout. Tables are therefore the one block geul renders itself: the
//! same parser (pulldown-cmark, tui-markdown's options) gives the cells and their inline
//! styles, [`str_width`] sizes the columns, [`wrap_line`] wraps cells that do not fit, and
//! the borders come from the terminal's [`Glyphs`]. A pane too narrow for even two columns
//! per cell gets the table as records (`header: value` lines) instead of a torn grid.

use pulldown_cmark::{Alignment, Event, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::emphasis::strip_helpers;
use crate::library::dialect::parser_options;
use crate::styled::Theme;
use crate::styled::wrap::{line_width, wrap_line};
use crate::styled::{Glyphs, join_split_graphemes};
use crate::text::{display_text, str_width};

/// One line of a cell: a `<br>` in the source starts the next.
type CellLine = Vec<Span<'static>>;

/// A cell: one or more lines of styled text.
type Cell = Vec<CellLine>;

/// A parsed table: the header row first, then the body rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Alignment of each column, from the delimiter row.
    pub alignments: Vec<Alignment>,
    /// Rows of cells; row 0 is the header.
    pub rows: Vec<Vec<Cell>>,
}

/// A rendered row of a table and the source row it shows (0 the header, then 1, 2, ...).
pub type TableRow = (Line<'static>, u32);

/// The first table in `source` with its cells' inline styles, or `None` if there is none.
/// Emphasis helpers are removed from the text, and every grapheme is in display form.
pub fn parse(source: &str, theme: &Theme) -> Option<Table> {
    let mut table = Table::default();
    let mut seen = false;
    let mut in_head = false;
    let mut cell: Option<Cell> = None;
    let mut styles: Vec<Style> = Vec::new();
    for event in Parser::new_ext(source, parser_options()) {
        let style = styles.last().copied().unwrap_or_default();
        match event {
            Event::Start(Tag::Table(alignments)) => {
                seen = true;
                table.alignments = alignments;
            }
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead) => {
                in_head = true;
                table.rows.push(Vec::new());
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => table.rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                cell = Some(vec![Vec::new()]);
                let base = if in_head {
                    theme.headings[1]
                } else {
                    Style::new()
                };
                styles = vec![base];
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(done), Some(row)) = (cell.take(), table.rows.last_mut()) {
                    row.push(done.into_iter().map(display_line).collect());
                }
            }
            _ if !seen || cell.is_none() => {}
            Event::Start(tag) => {
                let inner = match tag {
                    Tag::Strong => style.add_modifier(Modifier::BOLD),
                    Tag::Emphasis => style.add_modifier(Modifier::ITALIC),
                    Tag::Strikethrough => style.add_modifier(Modifier::CROSSED_OUT),
                    Tag::Link { .. } => style.patch(theme.link),
                    Tag::Image { .. } => {
                        push_text(&mut cell, "🖼 ", style);
                        style.patch(theme.dim).add_modifier(Modifier::ITALIC)
                    }
                    _ => style,
                };
                styles.push(inner);
            }
            Event::End(_) => {
                styles.pop();
            }
            Event::Text(text) => push_text(&mut cell, &text, style),
            Event::Code(code) | Event::InlineMath(code) | Event::DisplayMath(code) => {
                push_text(&mut cell, &code, style.patch(theme.code));
            }
            Event::FootnoteReference(label) => {
                push_text(&mut cell, &format!("[{label}]"), theme.dim);
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                if is_line_break(&html) {
                    if let Some(lines) = cell.as_mut() {
                        lines.push(Vec::new());
                    }
                } else {
                    push_text(&mut cell, &html, theme.dim);
                }
            }
            Event::TaskListMarker(done) => {
                push_text(&mut cell, if done { "☑ " } else { "☐ " }, style);
            }
            Event::SoftBreak | Event::HardBreak => push_text(&mut cell, " ", style),
            Event::Rule => {}
        }
    }
    seen.then_some(table)
}

/// `<br>`, `<br/>` or `<br />`: how authors break a line inside a table cell.
fn is_line_break(html: &str) -> bool {
    let inner: String = html
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    inner.eq_ignore_ascii_case("br")
}

/// Adds text to the cell's current line as the parser gave it (helpers removed); it is put
/// into display form when the cell is complete, see [`display_line`].
fn push_text(cell: &mut Option<Cell>, text: &str, style: Style) {
    let Some(line) = cell.as_mut().and_then(|lines| lines.last_mut()) else {
        return;
    };
    let text = strip_helpers(text).into_owned();
    if !text.is_empty() {
        line.push(Span::styled(text, style));
    }
}

/// A finished line of a cell in display form. The parser splits a grapheme whose base is
/// a delimiter (the keycap `*️⃣`) across two text events, so graphemes are joined first and
/// each is measured and rewritten whole.
fn display_line(line: CellLine) -> CellLine {
    join_split_graphemes(line)
        .into_iter()
        .map(|s| Span::styled(display_text(&s.content).into_owned(), s.style))
        .filter(|s| !s.content.is_empty())
        .collect()
}

impl Table {
    fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(self.alignments.len())
    }

    fn cell(&self, row: usize, column: usize) -> &[CellLine] {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Lays the table out in at most `width` columns with `glyphs` for its borders.
    pub fn layout(&self, width: usize, theme: &Theme, glyphs: &Glyphs) -> Vec<TableRow> {
        let columns = self.columns();
        if columns == 0 {
            return Vec::new();
        }
        let border_w = str_width(glyphs.table.vertical).max(1);
        let overhead = (columns + 1) * border_w + 2 * columns;
        match self.column_widths(width.saturating_sub(overhead)) {
            Some(widths) => self.grid(&widths, theme, glyphs),
            None => self.records(width, theme),
        }
    }

    /// Each column's width: its widest cell when everything fits in `room`; otherwise
    /// columns are narrowed, widest first, first down to their longest word and then down
    /// to two columns (one wide grapheme). `None` if even that does not fit.
    fn column_widths(&self, room: usize) -> Option<Vec<usize>> {
        let columns = self.columns();
        let mut natural = vec![0; columns];
        let mut longest_word = vec![0; columns];
        for row in 0..self.rows.len() {
            for (column, (nat, word)) in natural.iter_mut().zip(&mut longest_word).enumerate() {
                for line in self.cell(row, column) {
                    let text: String = line.iter().map(|s| s.content.as_ref()).collect();
                    *nat = (*nat).max(str_width(&text));
                    let widest = text.split_whitespace().map(str_width).max().unwrap_or(0);
                    *word = (*word).max(widest);
                }
            }
        }
        let floor: Vec<usize> = natural.iter().map(|&n| n.clamp(1, 2)).collect();
        if floor.iter().sum::<usize>() > room {
            return None;
        }
        let mut widths = natural;
        for limit in [&longest_word, &floor] {
            while widths.iter().sum::<usize>() > room {
                let widest = (0..columns)
                    .filter(|&c| widths[c] > limit[c].max(floor[c]))
                    .max_by_key(|&c| (widths[c], c));
                match widest {
                    Some(c) => widths[c] -= 1,
                    None => break,
                }
            }
        }
        Some(widths)
    }

    /// The box-drawn grid.
    fn grid(&self, widths: &[usize], theme: &Theme, glyphs: &Glyphs) -> Vec<TableRow> {
        let t = &glyphs.table;
        let border = theme.rule;
        let rule = |[left, joint, right]: [&str; 3]| -> Line<'static> {
            let mut text = left.to_string();
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    text.push_str(joint);
                }
                text.push_str(&Glyphs::fill(t.horizontal, w + 2));
            }
            text.push_str(right);
            Line::from(Span::styled(text, border))
        };
        let wrapped: Vec<Vec<Vec<Line<'static>>>> = (0..self.rows.len())
            .map(|row| {
                widths
                    .iter()
                    .enumerate()
                    .map(|(column, &w)| self.wrapped_cell(row, column, w))
                    .collect()
            })
            .collect();
        let tall_body = wrapped
            .iter()
            .skip(1)
            .any(|r| r.iter().any(|c| c.len() > 1));

        let mut out: Vec<TableRow> = vec![(rule(t.top), 0)];
        for (row, cells) in wrapped.iter().enumerate() {
            let source_row = row as u32;
            if row == 1 || (row > 1 && tall_body) {
                out.push((rule(t.middle), source_row));
            }
            let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for i in 0..height {
                let mut spans = vec![Span::styled(t.vertical, border)];
                for (column, lines) in cells.iter().enumerate() {
                    let content = lines.get(i).cloned().unwrap_or_default();
                    let free = widths[column].saturating_sub(line_width(&content));
                    let before = match self.alignments.get(column) {
                        Some(Alignment::Right) => free,
                        Some(Alignment::Center) => free / 2,
                        _ => 0,
                    };
                    spans.push(Span::raw(" ".repeat(before + 1)));
                    spans.extend(content.spans);
                    spans.push(Span::raw(" ".repeat(free - before + 1)));
                    spans.push(Span::styled(t.vertical, border));
                }
                out.push((Line::from(spans), source_row));
            }
        }
        let last = self.rows.len().saturating_sub(1) as u32;
        out.push((rule(t.bottom), last));
        out
    }

    fn wrapped_cell(&self, row: usize, column: usize, width: usize) -> Vec<Line<'static>> {
        self.cell(row, column)
            .iter()
            .flat_map(|line| {
                let rows = wrap_line(line, width, &[], &[]);
                if rows.is_empty() {
                    vec![Line::default()]
                } else {
                    rows
                }
            })
            .collect()
    }

    /// Each body row as `header: value` lines, for panes too narrow for the grid.
    fn records(&self, width: usize, theme: &Theme) -> Vec<TableRow> {
        let indent = [Span::raw("  ")];
        let mut out = Vec::new();
        let header: Vec<String> = (0..self.columns())
            .map(|c| {
                self.cell(0, c)
                    .iter()
                    .flatten()
                    .map(|s| s.content.as_ref())
                    .collect()
            })
            .collect();
        for row in 1..self.rows.len() {
            if row > 1 {
                out.push((Line::default(), row as u32));
            }
            for (column, name) in header.iter().enumerate() {
                let mut spans = vec![Span::styled(format!("{name}: "), theme.headings[1])];
                for (i, line) in self.cell(row, column).iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::raw(" "));
                    }
                    spans.extend(line.iter().cloned());
                }
                for line in wrap_line(&spans, width, &[], &indent) {
                    out.push((line, row as u32));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::{TerminalWidths, with_model};

    fn rows(source: &str, width: usize) -> Vec<String> {
        let theme = Theme::default();
        let table = parse(source, &theme).expect("a table");
        table
            .layout(width, &theme, Glyphs::current())
            .into_iter()
            .map(|(l, _)| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn widths(rows: &[String]) -> Vec<usize> {
        rows.iter().map(|r| str_width(r)).collect()
    }

    const KOREAN: &str = "| 요소 | 문법 | 자주 씀 |\n|:---|:---:|---:|\n| 굵게 | `**글자**` | ✅ |\n| 알림 상자 | `> [!TIP]` | ⚠️ |\n";

    #[test]
    fn korean_and_emoji_cells_line_up_under_a_box_drawn_header() {
        let rows = rows(KOREAN, 80);
        assert_eq!(rows[0], "┌───────────┬──────────┬─────────┐");
        assert_eq!(rows[1], "│ 요소      │   문법   │ 자주 씀 │");
        assert_eq!(rows[2], "├───────────┼──────────┼─────────┤");
        assert_eq!(rows[3], "│ 굵게      │ **글자** │      ✅ │");
        assert_eq!(rows[5], "└───────────┴──────────┴─────────┘");
        assert!(widths(&rows).iter().all(|&w| w == 34), "{rows:#?}");
    }

    #[test]
    fn a_table_wider_than_the_pane_wraps_its_cells_and_never_overflows() {
        let source = "| 항목 | 설명 |\n|---|---|\n| 벡터 | 문장을 숫자 목록으로 바꾼 것으로, 뜻이 비슷하면 가까이 놓입니다 |\n| 색인 | 빠르게 찾기 위한 구조 |\n";
        let rows = rows(source, 30);
        assert!(widths(&rows).iter().all(|&w| w == 30), "{rows:#?}");
        let text: String = rows
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(text.contains("문장을숫자"), "{rows:#?}");
        // Rows of several lines are separated so the reader sees where each ends.
        assert_eq!(rows.iter().filter(|r| r.starts_with('├')).count(), 2);
    }

    #[test]
    fn bold_glued_to_korean_is_bold_inside_a_table_cell() {
        let theme = Theme::default();
        let prepared = crate::markdown::emphasis::prepare(
            "| 말 |\n|---|\n| **LLM(거대 언어 모델)**입니다 |\n",
        );
        let table = parse(&prepared, &theme).expect("a table");
        let cell = &table.rows[1][0][0];
        let bold: String = cell
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::BOLD))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(bold, "LLM(거대 언어 모델)");
        let all: String = cell.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(all, "LLM(거대 언어 모델)입니다");
    }

    #[test]
    fn a_br_tag_starts_a_new_line_inside_the_cell() {
        let rows = rows("| a | b |\n|---|---|\n| 첫 줄<br>둘째 줄 | x |\n", 80);
        assert!(rows.contains(&"│ 첫 줄   │ x │".to_string()), "{rows:#?}");
        assert!(rows.contains(&"│ 둘째 줄 │   │".to_string()), "{rows:#?}");
    }

    #[test]
    fn a_pane_too_narrow_for_the_grid_gets_header_value_records() {
        let rows = rows(KOREAN, 12);
        assert!(rows.contains(&"요소: 굵게".to_string()), "{rows:#?}");
        assert!(rows.contains(&"자주 씀: ✅".to_string()), "{rows:#?}");
        assert!(widths(&rows).iter().all(|&w| w <= 12), "{rows:#?}");
    }

    #[test]
    fn in_a_terminal_drawing_ambiguous_characters_wide_borders_are_ascii_and_rows_align() {
        let wide = TerminalWidths::UNICODE.with_ambiguous(2);
        let rows = with_model(wide, || {
            rows("| 점 | 인용 |\n|---|---|\n| a·b | “말” |\n", 80)
        });
        assert_eq!(rows[0], "+------+--------+");
        // `·` and the quotes are two columns in such a terminal, and the cells say so.
        assert_eq!(rows[3], "| a·b | “말” |");
        let measured: Vec<usize> = with_model(wide, || widths(&rows));
        assert!(measured.iter().all(|&w| w == 17), "{rows:#?} {measured:?}");
    }

    #[test]
    fn missing_cells_are_blank_and_extra_text_is_kept() {
        let rows = rows("| a | b |\n|---|---|\n| 1 |\n", 80);
        assert_eq!(rows[3], "│ 1 │   │");
    }

    #[test]
    fn a_keycap_on_a_delimiter_is_one_grapheme_in_a_cell() {
        let source =
            "| 키 | 뜻 |\n|---|---|\n| *\u{FE0F}\u{20E3} | 별 |\n| #\u{FE0F}\u{20E3} | 샵 |\n";
        let narrow_keycaps = TerminalWidths {
            keycap: 1,
            ..TerminalWidths::UNICODE
        };
        for model in [
            TerminalWidths::UNICODE,
            TerminalWidths::UNICODE.with_ambiguous(2),
            narrow_keycaps,
        ] {
            let (rows, measured) = with_model(model, || {
                let rows = rows(source, 40);
                let measured = widths(&rows);
                (rows, measured)
            });
            assert!(
                measured.windows(2).all(|w| w[0] == w[1]),
                "{rows:#?} {measured:?}"
            );
            let text = rows.concat();
            if model == narrow_keycaps {
                assert!(!text.contains(['\u{FE0F}', '\u{20E3}']), "{rows:#?}");
            } else {
                assert!(text.contains("*\u{FE0F}\u{20E3}"), "{rows:#?}");
                assert!(text.contains("#\u{FE0F}\u{20E3}"), "{rows:#?}");
            }
        }
    }
}
