//! Writing styled text into the buffer with geul's width model.
//!
//! ratatui measures a symbol with unicode-width when it diffs buffers. Where the terminal
//! advances a different number of columns (an ambiguous-width `·` drawn wide, say) the
//! cell gets a forced width, so buffer, diff and terminal agree and no cell goes stale.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::styled::Glyphs;
use crate::styled::Theme;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::{display_form, grapheme_width};

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
            if left.symbol().width() > 1 {
                left.reset();
            }
        }
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
    }
}

/// A centred popup of at most `width` x `height` with a title; returns its inner area.
pub fn popup(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    width: u16,
    height: u16,
    title: &str,
) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
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
    fn drawing_outside_the_buffer_is_a_no_op() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 1, 1));
        put_line(&mut buf, 3, 3, 10, &Line::from("abc"));
        put_line(&mut buf, 0, 0, 10, &Line::from("한"));
        assert_eq!(buf[(0, 0)].symbol(), " ");
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
