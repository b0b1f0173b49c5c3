//! The pinned outline (`O`): the open article's headings on the right, indented by level,
//! the section being read marked and kept in view as the article scrolls.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::library::outline::Heading;
use crate::styled::{Theme, truncate};
use crate::text::{display_text, str_width};
use crate::tui::app::outline_offset;
use crate::tui::cells::put_line;

/// What the pinned outline draws: a title row, then as many headings as fit.
#[derive(Debug, Clone, Copy)]
pub struct OutlinePane<'a> {
    /// The open article's headings.
    pub headings: &'a [Heading],
    /// The heading whose section is at the top of the article pane.
    pub reading: Option<usize>,
    /// Palette.
    pub theme: &'a Theme,
}

impl Widget for OutlinePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let width = usize::from(area.width);
        let title = Line::from(Span::styled(
            truncate(" outline", width).into_owned(),
            theme.dim,
        ));
        put_line(buf, area.x, area.y, area.width, &title);
        if self.headings.is_empty() {
            let line = Line::from(Span::styled(
                truncate(" no headings", width).into_owned(),
                theme.dim,
            ));
            put_line(buf, area.x, area.y + 1, area.width, &line);
            return;
        }
        let height = usize::from(area.height.saturating_sub(1));
        let first = outline_offset(self.headings.len(), self.reading, height);
        let top_level = self.headings.iter().map(|h| h.level).min().unwrap_or(1);
        for (row, (i, heading)) in self
            .headings
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .enumerate()
        {
            let reading = self.reading == Some(i);
            let (mark, style) = if reading {
                ("▸ ", theme.accent)
            } else {
                ("  ", theme.text)
            };
            let indent = " ".repeat(usize::from(heading.level.saturating_sub(top_level)));
            let room = width.saturating_sub(str_width(mark) + indent.len());
            let text = truncate(&display_text(&heading.text), room).into_owned();
            let line = Line::from(vec![
                Span::styled(mark, style),
                Span::raw(indent),
                Span::styled(text, style),
            ]);
            put_line(buf, area.x, area.y + 1 + row as u16, area.width, &line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::outline::outline;
    use crate::tui::cells::buffer_rows;

    fn drawn(body: &str, reading: Option<usize>, height: u16) -> Vec<String> {
        let headings = outline(body);
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, height));
        OutlinePane {
            headings: &headings,
            reading,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        buffer_rows(&buf)
    }

    #[test]
    fn headings_are_indented_by_level_and_the_section_read_is_marked() {
        let rows = drawn(
            "## 설치하기\n\n### 리눅스에서 설치하는 법\n\n## 예제\n",
            Some(1),
            5,
        );
        assert_eq!(
            rows,
            [
                " outline        ",
                "  설치하기      ",
                "▸  리눅스에서 … ",
                "  예제          ",
                "                ",
            ]
        );
    }

    #[test]
    fn in_a_long_outline_the_section_read_stays_in_view() {
        let body: String = (1..=30).map(|i| format!("## 절 {i}\n\n본문\n\n")).collect();
        let rows = drawn(&body, Some(24), 7);
        assert!(rows.iter().any(|r| r.starts_with("▸ 절 25")), "{rows:#?}");
        assert_eq!(rows[1].trim(), "절 23", "a third of the way down");
    }

    #[test]
    fn a_post_without_headings_says_so() {
        let rows = drawn("본문뿐\n", None, 3);
        assert_eq!(rows[1].trim(), "no headings");
    }
}
