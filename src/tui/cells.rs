//! Writing styled text into the buffer with geul's width model.
//!
//! ratatui measures a symbol with unicode-width when it diffs buffers. Where the terminal
//! advances a different number of columns (an ambiguous-width `·` drawn wide, say) the
//! cell gets a forced width, so buffer, diff and terminal agree and no cell goes stale.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::styled::Glyphs;
use crate::styled::Theme;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::{display_form, grapheme_width, str_width};

/// Draws `line` at (`x`, `y`), at most `max_width` columns, clipped to the buffer. Returns
/// the column after the last grapheme drawn. A grapheme that does not fit whole is not
/// drawn (never half a syllable).
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, max_width: u16, line: &Line<'_>) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x >= area.right() {
        return x;
    }
    let right = area.right().min(x.saturating_add(max_width));
    let mut col = x;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for g in span.content.graphemes(true) {
            let form = display_form(g);
            let w = grapheme_width(&form);
            if w == 0 {
                continue;
            }
            let Ok(w16) = u16::try_from(w) else { continue };
            if col.saturating_add(w16) > right {
                return col;
            }
            let cell = &mut buf[(col, y)];
            cell.set_symbol(&form).set_style(style);
            if form.width() != w
                && let Some(forced) = NonZeroU16::new(w16)
            {
                cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
            }
            for trailing in 1..w16 {
                buf[(col + trailing, y)].reset();
            }
            col += w16;
        }
    }
    col
}

/// Blanks `area` for a popup. A wide character just left of the area whose second half
/// lies inside is blanked too: otherwise the terminal keeps drawing it over the popup's
/// border, and the diff (which skips a wide character's trailing cell) never repairs it.
pub fn clear_area(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        if area.x > buf.area.x {
            let left = &mut buf[(area.x - 1, y)];
            // A hyperlinked cell's symbol holds its escape sequences: its forced width is
            // what it takes on screen.
            let drawn = match left.diff_option {
                CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
                _ => left.symbol().width(),
            };
            if drawn > 1 {
                left.reset();
            }
        }
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
    }
}

/// `spans` restyled with `style` and padded to `width` columns, so a selected row reads as
/// a bar across the whole list.
pub fn selection_bar(spans: Vec<Span<'static>>, width: usize, style: Style) -> Line<'static> {
    let used: usize = spans.iter().map(|s| str_width(&s.content)).sum();
    let mut spans: Vec<Span<'static>> = spans.into_iter().map(|s| s.patch_style(style)).collect();
    spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    Line::from(spans)
}

/// A bordered popup at `rect` (see `layout`) with a title; returns its inner area.
pub fn popup(rect: Rect, buf: &mut Buffer, theme: &Theme, title: &str) -> Rect {
    let rect = rect.intersection(buf.area);
    clear_area(buf, rect);
    let block = Block::bordered()
        .border_set(Glyphs::current().border)
        .border_style(theme.border_focused)
        .style(theme.popup);
    let inner = block.inner(rect);
    block.render(rect, buf);
    // The title goes through the width model too (a `·` in it may be two columns wide).
    let title = Line::from(Span::styled(format!(" {title} "), theme.accent));
    put_line(
        buf,
        rect.x + 1,
        rect.y,
        rect.width.saturating_sub(2),
        &title,
    );
    inner
}

/// The rows of `buf` as text, each wide character once (its trailing cells skipped), for
/// tests that read a drawn buffer as a person reads the screen.
#[cfg(test)]
pub fn buffer_rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buf[(x, y)].symbol();
                skip = symbol.width().saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_text_fills_two_cells_per_syllable_and_is_clipped_whole() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let end = put_line(&mut buf, 0, 0, 5, &Line::from("한글 테스트"));
        assert_eq!(end, 5);
        assert_eq!(buf[(0, 0)].symbol(), "한");
        assert_eq!(buf[(2, 0)].symbol(), "글");
        assert_eq!(buf[(4, 0)].symbol(), " ");
    }

    #[test]
    fn a_hyperlinked_narrow_cell_left_of_a_popup_is_kept() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        put_line(&mut buf, 0, 0, 6, &Line::from("a한bc"));
        crate::tui::hyperlink::link_cells(&mut buf, 0, 0, 1, "https://x.example", 1);
        crate::tui::hyperlink::link_cells(&mut buf, 1, 0, 2, "https://x.example", 1);
        clear_area(&mut buf, Rect::new(1, 0, 5, 1));
        assert!(
            buf[(0, 0)].symbol().contains('a'),
            "a narrow linked cell stays"
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        put_line(&mut buf, 0, 0, 6, &Line::from("한bc"));
        crate::tui::hyperlink::link_cells(&mut buf, 0, 0, 2, "https://x.example", 1);
        clear_area(&mut buf, Rect::new(1, 0, 5, 1));
        assert_eq!(
            buf[(0, 0)].symbol(),
            " ",
            "a wide one half under the popup goes"
        );
    }

    #[test]
    fn drawing_outside_the_buffer_is_a_no_op() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 1, 1));
        put_line(&mut buf, 3, 3, 10, &Line::from("abc"));
        put_line(&mut buf, 0, 0, 10, &Line::from("한"));
        assert_eq!(buf[(0, 0)].symbol(), " ");
    }

    #[test]
    fn a_selection_bar_spans_the_whole_row_in_the_selection_style() {
        let style = Style::new().reversed();
        let bar = selection_bar(vec![Span::raw("글"), Span::raw("a")], 6, style);
        let text: String = bar.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "글a   ");
        assert!(bar.spans.iter().all(|s| s.style == style));
    }
}

#[cfg(test)]
mod clear_tests {
    use super::*;

    #[test]
    fn a_popup_edge_through_a_syllable_blanks_the_whole_syllable() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        put_line(&mut buf, 0, 0, 6, &Line::from("한글한"));
        clear_area(&mut buf, Rect::new(3, 0, 3, 1));
        assert_eq!(buf[(2, 0)].symbol(), " ");
        assert_eq!(buf[(0, 0)].symbol(), "한");
    }
}
