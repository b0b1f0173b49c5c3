//! The help overlay: every key binding, from the same table the key map uses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::cells::{popup, put_line};
use super::keymap::BINDINGS;
use super::layout::help_rows;
use crate::styled::Theme;
use crate::text::str_width;

/// Draws the help box centred in `area`, its list starting at binding `scroll` when it is
/// taller than the screen (the bottom border then says which way there is more).
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, scroll: usize) {
    let keys_w = BINDINGS
        .iter()
        .map(|(k, _)| str_width(k))
        .max()
        .unwrap_or(0);
    let text_w = BINDINGS
        .iter()
        .map(|(_, d)| str_width(d))
        .max()
        .unwrap_or(0);
    let width = (keys_w + text_w + 7).min(usize::from(area.width)) as u16;
    let rows = help_rows(area, BINDINGS.len());
    let height = (rows + 4).min(usize::from(area.height)) as u16;
    let inner = popup(area, buf, theme, width, height, "geul · keys");
    let scroll = scroll.min(BINDINGS.len().saturating_sub(rows));
    for (i, (keys, what)) in BINDINGS.iter().skip(scroll).take(rows).enumerate() {
        let y = inner.y + 1 + i as u16;
        let pad = " ".repeat(keys_w - str_width(keys) + 2);
        let line = Line::from(vec![
            Span::styled(format!(" {keys}"), theme.key),
            Span::raw(pad),
            Span::styled(*what, theme.text),
        ]);
        put_line(buf, inner.x, y, inner.width, &line);
    }
    let more = match (scroll > 0, scroll + rows < BINDINGS.len()) {
        (true, true) => " ↑↓ j k ",
        (false, true) => " ↓ j ",
        (true, false) => " ↑ k ",
        (false, false) => "",
    };
    if !more.is_empty() && inner.height > 0 {
        let w = str_width(more) as u16;
        let x = (inner.right()).saturating_sub(w + 1).max(inner.x);
        put_line(
            buf,
            x,
            inner.bottom(),
            inner.width,
            &Line::from(Span::styled(more, theme.accent)),
        );
    }
}
