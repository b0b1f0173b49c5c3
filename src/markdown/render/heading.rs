//! Headings: restyled by level, level one and two underlined, and the heading that makes
//! the next paragraph the post's summary.

use ratatui::text::{Line, Span};

use super::Context;
use crate::styled::Glyphs;
use crate::styled::wrap::{line_width, wrap_line};

impl Context<'_, '_> {
    pub(super) fn heading(&mut self, index: u32, level: u8, slice: &str, definitions: &str) {
        let theme = self.opts.theme;
        let style = theme.headings[usize::from(level.clamp(1, 4)) - 1];
        let lines = self.markdown(slice, definitions);
        let plain: String = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.as_ref()))
            .collect();
        self.summary_next = plain.contains("메타 설명") || plain.eq_ignore_ascii_case("summary");
        let mut widest = 0;
        for (n, line) in lines.into_iter().enumerate() {
            let spans: Vec<Span<'_>> = line
                .spans
                .into_iter()
                .map(|s| s.patch_style(style))
                .collect();
            for row in wrap_line(&spans, self.width, &[], &[]) {
                widest = widest.max(line_width(&row));
                self.push(index, n as u32, row);
            }
        }
        let underline = match level {
            1 => Some((self.glyphs.heavy_rule, theme.headings[0])),
            2 => Some((self.glyphs.rule, theme.rule)),
            _ => None,
        };
        if let Some((glyph, style)) = underline {
            self.push(
                index,
                u32::MAX - 1,
                Line::from(Span::styled(
                    Glyphs::fill(glyph, widest.min(self.width).max(1)),
                    style,
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::text;

    #[test]
    fn headings_have_no_hash_marks_and_level_one_is_underlined() {
        let rows = text("# 생성형 AI 🤖\n\n본문\n", 40);
        assert_eq!(rows[0], "생성형 AI 🤖");
        assert!(rows[1].chars().all(|c| c == '━'));
    }
}
