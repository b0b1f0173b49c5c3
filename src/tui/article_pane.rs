//! The article pane: the visible slice of a cached render, and its scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::cells::put_line;
use crate::markdown::Article;
use crate::theme::Theme;

/// Draws rows `scroll..scroll + area.height` of `article` and a scrollbar.
pub fn render(
    article: &Article,
    scroll: usize,
    area: Rect,
    scrollbar: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    for (i, line) in article
        .lines
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        put_line(buf, area.x, area.y + i as u16, area.width, line);
    }
    let height = usize::from(area.height);
    if article.lines.len() > height {
        let mut state = ScrollbarState::new(article.lines.len().saturating_sub(height))
            .position(scroll)
            .viewport_content_length(height);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .track_style(theme.border)
            .thumb_style(theme.accent)
            .render(scrollbar, buf, &mut state);
    }
}
