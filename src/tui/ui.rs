//! Drawing: `impl Widget for &App`. Reads state, never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::{App, Focus, Mode};
use super::cells::put_line;
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::{article_pane, help, search_panel, status};
use crate::styled::{Glyphs, truncate};
use crate::text::{display_text, str_width};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.settings.theme;
        let Some(panes) = self.panes() else {
            too_small(area, buf, theme.dim);
            return;
        };
        // Sidebar title: the folder and how many posts it holds.
        let folder = self
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let title = format!(" 글 {} · {}", display_text(&folder), self.posts.len());
        let title = truncate(&title, usize::from(panes.sidebar_title.width)).into_owned();
        put_line(
            buf,
            panes.sidebar_title.x,
            panes.sidebar_title.y,
            panes.sidebar_title.width,
            &Line::from(Span::styled(title, theme.accent)),
        );
        let focused = self.focus == Focus::Sidebar && self.mode == Mode::Normal;
        self.sidebar
            .render(&self.posts, panes.sidebar_list, buf, theme, focused);

        let separator_style = if self.focus == Focus::Article {
            theme.border_focused
        } else {
            theme.border
        };
        for y in panes.separator.top()..panes.separator.bottom() {
            buf[(panes.separator.x, y)]
                .set_symbol(Glyphs::current().vertical)
                .set_style(separator_style);
        }

        if self.posts.is_empty() {
            let lines = [
                Line::from(Span::styled("No posts here yet.", theme.title)),
                Line::default(),
                Line::from(Span::styled(
                    format!(
                        "geul looked for .md and .markdown files in {}",
                        self.root.display()
                    ),
                    theme.dim,
                )),
                Line::from(Span::styled(
                    "and its subfolders (hidden folders are skipped).",
                    theme.dim,
                )),
                Line::default(),
                Line::from(Span::styled(
                    "Run `geul DIR` to open another folder. q quits.",
                    theme.dim,
                )),
            ];
            let mut y = panes.article.y + 1;
            for line in &lines {
                let width = usize::from(panes.article.width);
                for row in crate::styled::wrap::wrap_line(&line.spans, width, &[], &[]) {
                    if y >= panes.article.bottom() {
                        break;
                    }
                    put_line(buf, panes.article.x, y, panes.article.width, &row);
                    y += 1;
                }
            }
        } else if let Some(article) = self.article() {
            article_pane::render(
                article,
                self.scroll,
                panes.article,
                panes.scrollbar,
                buf,
                theme,
            );
            article_pane::highlight(self, article, panes.article, buf);
        }

        status::render(self, panes.status, buf);
        match &self.mode {
            Mode::Help => help::render(area, buf, theme, self.help_scroll),
            Mode::TagPicker(picker) => search_panel::render_tag_picker(picker, area, buf, theme),
            Mode::Search(panel) => search_panel::render_search(self, panel, area, buf, theme),
            Mode::Normal => {}
        }
    }
}

/// The message shown when the terminal is too small for the panes.
fn too_small(area: Rect, buf: &mut Buffer, style: ratatui::style::Style) {
    let message = format!("geul needs {MIN_WIDTH}x{MIN_HEIGHT} · q quits");
    let rows = crate::styled::wrap::wrap_line(
        &[Span::styled(message, style)],
        usize::from(area.width.max(1)),
        &[],
        &[],
    );
    let top = area.height.saturating_sub(rows.len() as u16) / 2;
    for (i, row) in rows.iter().enumerate() {
        let w = str_width(
            &row.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>(),
        ) as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        put_line(buf, x, area.y + top + i as u16, area.width, row);
    }
}
