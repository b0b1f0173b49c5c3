//! The article pane: the visible slice of a cached render, and its scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::app::App;
use super::cells::put_line;
use crate::markdown::Article;
use crate::styled::Glyphs;
use crate::styled::Theme;

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
            .symbols(Glyphs::current().scrollbar.clone())
            .begin_symbol(None)
            .end_symbol(None)
            .track_style(theme.border)
            .thumb_style(theme.accent)
            .render(scrollbar, buf, &mut state);
    }
}

/// Restyles the visible search matches (the current one stronger) and the selected tag chip.
pub fn highlight(app: &App, article: &Article, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let visible = app.scroll..app.scroll + usize::from(area.height);
    let mut paint = |row: usize, columns: std::ops::Range<usize>, style: ratatui::style::Style| {
        if !visible.contains(&row) {
            return;
        }
        let y = area.y + (row - app.scroll) as u16;
        for column in columns {
            if column < usize::from(area.width) {
                buf[(area.x + column as u16, y)].set_style(style);
            }
        }
    };
    if let Some(search) = &app.article_search {
        for (i, m) in search.matches.iter().enumerate() {
            let style = if i == search.current {
                theme.search_match_current
            } else {
                theme.search_match
            };
            paint(m.row, m.columns.clone(), style);
        }
    }
    if let Some(chip) = app.chip.and_then(|c| article.chips.get(c)) {
        paint(
            chip.row,
            chip.column..chip.column + chip.width,
            theme.tag_chip_selected,
        );
    }
}
