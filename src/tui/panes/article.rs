//! The article pane: the visible slice of a cached render, its search matches and selected
//! chip, and its scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::markdown::Article;
use crate::styled::{Glyphs, Theme};
use crate::tui::cells::put_line;
use crate::tui::reader::Reader;

/// What the article pane draws: rows `reader.scroll..` of `article`.
#[derive(Debug, Clone, Copy)]
pub struct ArticlePane<'a> {
    /// The render for the pane's width.
    pub article: &'a Article,
    /// The scroll place, matches and chip.
    pub reader: &'a Reader,
    /// The scrollbar's column, right of the pane.
    pub scrollbar: Rect,
    /// Palette.
    pub theme: &'a Theme,
}

impl Widget for ArticlePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (article, scroll, theme) = (self.article, self.reader.scroll, self.theme);
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
                .render(self.scrollbar.intersection(buf.area), buf, &mut state);
        }
        self.highlight(area, buf);
    }
}

impl ArticlePane<'_> {
    /// Restyles the visible search matches (the current one stronger) and the selected chip.
    fn highlight(&self, area: Rect, buf: &mut Buffer) {
        let (theme, scroll) = (self.theme, self.reader.scroll);
        let visible = scroll..scroll + usize::from(area.height);
        let mut paint = |row: usize, columns: std::ops::Range<usize>, style: Style| {
            if !visible.contains(&row) {
                return;
            }
            let y = area.y + (row - scroll) as u16;
            for column in columns.take_while(|c| *c < usize::from(area.width)) {
                if let Some(cell) = buf.cell_mut((area.x + column as u16, y)) {
                    cell.set_style(style);
                }
            }
        };
        if let Some(search) = &self.reader.search {
            for (i, m) in search.matches.iter().enumerate() {
                let style = if i == search.current {
                    theme.search_match_current
                } else {
                    theme.search_match
                };
                paint(m.row, m.columns.clone(), style);
            }
        }
        if let Some(chip) = self.reader.chip.and_then(|c| self.article.chips.get(c)) {
            paint(
                chip.row,
                chip.column..chip.column + chip.width,
                theme.tag_chip_selected,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::cells::buffer_rows;
    use ratatui::text::Line;

    fn article(rows: usize) -> Article {
        Article {
            lines: (0..rows)
                .map(|i| Line::from(format!("{i}번째 줄")))
                .collect(),
            ..Article::default()
        }
    }

    /// The rows of a 12 x 4 pane with its scrollbar one column to the right.
    fn drawn(article: &Article, reader: &Reader) -> Vec<String> {
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 14, 4));
        ArticlePane {
            article,
            reader,
            scrollbar: Rect::new(13, 0, 1, 4),
            theme: &theme,
        }
        .render(Rect::new(0, 0, 12, 4), &mut buf);
        buffer_rows(&buf)
    }

    #[test]
    fn the_pane_shows_the_rows_from_the_scroll_place_and_a_scrollbar() {
        let mut reader = Reader::default();
        reader.scroll = 5;
        let rows = drawn(&article(20), &reader);
        assert_eq!(rows[0], "5번째 줄     │");
        assert_eq!(rows[3], "8번째 줄     │");
        assert!(rows.iter().any(|r| r.ends_with('█')), "{rows:#?}");
    }

    #[test]
    fn a_short_article_has_no_scrollbar() {
        let rows = drawn(&article(2), &Reader::default());
        assert_eq!(
            rows,
            [
                "0번째 줄      ",
                "1번째 줄      ",
                "              ",
                "              "
            ]
        );
    }
}
