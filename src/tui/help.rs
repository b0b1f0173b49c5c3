//! The help overlay: every key binding, from the same table the key map uses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::cells::{popup, put_line};
use super::keymap::BINDINGS;
use crate::markdown::width::str_width;
use crate::theme::Theme;

/// Draws the help box centred in `area`.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
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
    let height = (BINDINGS.len() + 4).min(usize::from(area.height)) as u16;
    let inner = popup(area, buf, theme, width, height, "geul · keys");
    for (i, (keys, what)) in BINDINGS.iter().enumerate() {
        let y = inner.y + 1 + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let pad = " ".repeat(keys_w - str_width(keys) + 2);
        let line = Line::from(vec![
            Span::styled(format!(" {keys}"), theme.key),
            Span::raw(pad),
            Span::styled(*what, theme.text),
        ]);
        put_line(buf, inner.x, y, inner.width, &line);
    }
}
