//! The table of contents a post asks for with a `[TOC]` line (kramdown's `{:toc}` and
//! GitLab's `[[_TOC_]]` become one, see `library::site_syntax`): the article's headings, the
//! same ones the outline (`o`) lists, indented by level, in place of the marker.

use ratatui::text::{Line, Span};

use super::render::{Anchor, Row};
use crate::library::outline::Heading;
use crate::library::site_syntax::TOC_MARKER;
use crate::styled::{Glyphs, Theme, wrap::wrap_line};
use crate::text::display_text;

/// Whether `line` is a rendered `[TOC]` marker and nothing else.
pub(super) fn is_marker(line: &Line<'_>) -> bool {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    text.trim() == TOC_MARKER
}

/// `rows` with every `[TOC]` marker row replaced by the table of contents of `headings`.
pub(super) fn replace_markers(
    rows: Vec<Row>,
    headings: &[Heading],
    width: u16,
    theme: &Theme,
) -> Vec<Row> {
    if !rows.iter().any(|(line, _)| is_marker(line)) {
        return rows;
    }
    rows.into_iter()
        .flat_map(|(line, anchor)| {
            if is_marker(&line) {
                toc_rows(headings, width, theme, anchor)
            } else {
                vec![(line, anchor)]
            }
        })
        .collect()
}

/// The rows of the table of contents of `headings` for a pane `width` wide, anchored where
/// the marker was (`at`, the rows following it in its block).
pub(super) fn toc_rows(headings: &[Heading], width: u16, theme: &Theme, at: Anchor) -> Vec<Row> {
    let width = usize::from(width.max(1));
    let mut lines: Vec<Line<'static>> = vec![Line::from(Span::styled("목차", theme.dim))];
    let top = headings.iter().map(|h| h.level).min().unwrap_or(1);
    let bullets = Glyphs::current().bullets;
    for heading in headings {
        let depth = usize::from(heading.level.saturating_sub(top));
        let indent = "  ".repeat(depth);
        // The list bullets of the glyph set in force, by depth, as lists have them.
        let bullet = bullets[depth % bullets.len()];
        let first = [Span::styled(format!("{indent}{bullet} "), theme.dim)];
        let rest = [Span::raw(format!("{indent}  "))];
        let text = [Span::styled(
            display_text(&heading.text).into_owned(),
            theme.link,
        )];
        lines.extend(wrap_line(&text, width, &first, &rest));
    }
    if headings.is_empty() {
        lines.push(Line::from(Span::styled("(no headings)", theme.dim)));
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let anchor = Anchor {
                block: at.block,
                line: at.line + i as u32,
            };
            (line, anchor)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::outline::outline;

    fn text(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|(l, _)| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn the_headings_are_listed_indented_by_level_under_a_label() {
        let headings = outline("# 제목\n\n## 설치하기\n\n### 리눅스에서\n\n## 사용법\n");
        let rows = toc_rows(
            &headings,
            40,
            &Theme::default(),
            Anchor { block: 3, line: 0 },
        );
        assert_eq!(
            text(&rows),
            [
                "목차",
                "• 제목",
                "  ◦ 설치하기",
                "    ▪ 리눅스에서",
                "  ◦ 사용법"
            ]
        );
        assert!(rows.windows(2).all(|w| w[0].1 < w[1].1), "anchors in order");
    }

    #[test]
    fn a_long_heading_wraps_under_its_own_text() {
        let headings = outline("## 아주 긴 제목은 좁은 화면에서 다음 줄로 넘어갑니다\n");
        let rows = toc_rows(&headings, 16, &Theme::default(), Anchor::default());
        let shown = text(&rows);
        assert!(shown.len() > 2, "{shown:?}");
        assert!(shown[2].starts_with("  "), "{shown:?}");
    }
}
