//! Blockquotes: quote bars per level, tip and warning boxes with a styled title, and GFM
//! alerts (which tui-markdown already turns into a bold label).

use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use super::list::split_list_marker;
use super::{Context, spaces};
use crate::styled::{Glyphs, Theme};

impl Context<'_, '_> {
    pub(super) fn quote(&mut self, index: u32, slice: &str, definitions: &str) {
        let theme = self.opts.theme;
        let lines = self.markdown(slice, definitions);
        let mut kind = BoxKind::Plain;
        let mut hang = 0;
        for (n, line) in lines.into_iter().enumerate() {
            let (depth, mut content) = strip_quote_prefix(line.spans);
            if n == 0
                && let Some((found, title, rest)) = split_box_title(&content)
            {
                kind = found;
                let bar = bars(depth.max(1), kind.bar_style(theme), self.glyphs);
                let style = kind.title_style(theme);
                let title: Vec<Span<'_>> =
                    title.into_iter().map(|s| s.patch_style(style)).collect();
                self.wrap(index, 0, &title, &bar, &bar);
                if rest.iter().all(|s| s.content.trim().is_empty()) {
                    continue;
                }
                content = rest;
            }
            let bar = bars(depth.max(1), kind.bar_style(theme), self.glyphs);
            if content.iter().all(|s| s.content.trim().is_empty()) {
                // A blank line inside the quote ends any list item before it.
                hang = 0;
            }
            let (marker, body, new_hang) = split_list_marker(content, theme, self.glyphs, hang);
            hang = new_hang;
            let mut first = bar.clone();
            if marker.is_empty() && hang > 0 {
                first.push(spaces(hang));
            }
            first.extend(marker);
            let mut rest = bar;
            if hang > 0 {
                rest.push(spaces(hang));
            }
            self.wrap(index, n as u32, &body, &first, &rest);
        }
    }
}

/// Tip, warning or plain blockquote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BoxKind {
    Plain,
    Tip,
    Warning,
}

impl BoxKind {
    fn bar_style(self, theme: &Theme) -> Style {
        match self {
            BoxKind::Warning => theme.warning_title.remove_modifier(Modifier::BOLD),
            _ => theme.quote_bar,
        }
    }
    fn title_style(self, theme: &Theme) -> Style {
        match self {
            BoxKind::Warning => theme.warning_title,
            _ => theme.tip_title,
        }
    }
}

/// Labels that make a leading bold run a box title.
const TIP_LABELS: &[&str] = &[
    "POINT",
    "TIP",
    "실전 TIP",
    "팁",
    "NOTE",
    "참고",
    "핵심",
    "요약",
    "IMPORTANT",
    "INFO",
    "HINT",
    "💡 TIP",
    "ℹ️ NOTE",
    "ℹ NOTE",
    "❗ IMPORTANT",
];
const WARNING_LABELS: &[&str] = &[
    "주의",
    "경고",
    "WARNING",
    "CAUTION",
    "⚠️ WARNING",
    "⚠ WARNING",
    "🔴 CAUTION",
];

/// If the quote's first line starts with a bold label, returns the box kind, the title
/// spans (label plus any emoji that follow it) and the remaining spans of the line.
fn split_box_title<'s>(content: &[Span<'s>]) -> Option<(BoxKind, Vec<Span<'s>>, Vec<Span<'s>>)> {
    let first = content.iter().position(|s| !s.content.trim().is_empty())?;
    let label_span = &content[first];
    if !label_span.style.add_modifier.contains(Modifier::BOLD) {
        return None;
    }
    let label = label_span
        .content
        .trim()
        .trim_end_matches(':')
        .to_uppercase();
    let kind = if TIP_LABELS.iter().any(|l| l.to_uppercase() == label) {
        BoxKind::Tip
    } else if WARNING_LABELS.iter().any(|l| l.to_uppercase() == label) {
        BoxKind::Warning
    } else {
        return None;
    };
    // The title runs on while the following spans hold no letters (emoji, spaces, colons).
    let mut end = first + 1;
    while end < content.len() && !content[end].content.chars().any(char::is_alphanumeric) {
        end += 1;
    }
    let mut title: Vec<Span<'s>> = content[first..end].to_vec();
    let has_emoji = title.iter().skip(1).any(|s| {
        s.content
            .chars()
            .any(|c| !c.is_ascii() && !c.is_alphanumeric())
    }) || label_span
        .content
        .chars()
        .any(|c| !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace());
    if !has_emoji {
        let icon = if kind == BoxKind::Warning {
            "⚠ "
        } else {
            "💡 "
        };
        title.insert(0, Span::styled(icon, label_span.style));
    }
    let rest: Vec<Span<'s>> = content[end..].to_vec();
    let rest = trim_leading_space(rest);
    Some((kind, title, rest))
}

fn trim_leading_space(mut spans: Vec<Span<'_>>) -> Vec<Span<'_>> {
    while let Some(first) = spans.first_mut() {
        let trimmed = first.content.trim_start();
        if trimmed.is_empty() {
            spans.remove(0);
        } else {
            if trimmed.len() != first.content.len() {
                first.content = trimmed.to_string().into();
            }
            break;
        }
    }
    spans
}

/// Quote bars for `depth` levels.
fn bars(depth: usize, style: Style, glyphs: &Glyphs) -> Vec<Span<'static>> {
    let bar = format!("{} ", glyphs.quote_bar);
    (0..depth)
        .map(|_| Span::styled(bar.clone(), style))
        .collect()
}

/// tui-markdown starts each blockquote line with one `>` span per level and a space.
fn strip_quote_prefix(spans: Vec<Span<'_>>) -> (usize, Vec<Span<'_>>) {
    let depth = spans.iter().take_while(|s| s.content == ">").count();
    let mut rest: Vec<Span<'_>> = spans.into_iter().skip(depth).collect();
    if depth > 0 && rest.first().is_some_and(|s| s.content == " ") {
        rest.remove(0);
    }
    (depth, rest)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{render, span_with, text};
    use crate::styled::Theme;

    #[test]
    fn a_tip_box_gets_a_bar_on_every_row_and_a_styled_title() {
        let theme = Theme::default();
        let lines = render(
            "> **POINT** 💡\n> 생성형 AI는 정답 찾기가 아니라 그럴듯한 결과물 만들기입니다.\n",
            30,
        );
        let rows = text(
            "> **POINT** 💡\n> 생성형 AI는 정답 찾기가 아니라 그럴듯한 결과물 만들기입니다.\n",
            30,
        );
        assert_eq!(rows[0], "▌ POINT 💡");
        assert!(rows.len() > 2, "the body wraps: {rows:?}");
        assert!(rows.iter().all(|r| r.starts_with("▌ ")), "{rows:?}");
        assert_eq!(span_with(&lines, "POINT").style, theme.tip_title);
    }

    #[test]
    fn a_warning_label_gets_the_warning_style_and_an_icon() {
        let theme = Theme::default();
        let lines = render("> **주의**\n> 원본은 꼭 백업하세요.\n", 40);
        assert_eq!(span_with(&lines, "주의").style, theme.warning_title);
        assert!(text("> **주의**\n> 원본은 꼭 백업하세요.\n", 40)[0].starts_with("▌ ⚠ 주의"));
    }

    #[test]
    fn gfm_alerts_become_titled_boxes() {
        let rows = text("> [!TIP]\n> 짧게 쓰세요.\n", 40);
        assert!(rows[0].contains("Tip"), "{rows:?}");
        assert!(rows.iter().all(|r| r.starts_with("▌ ")));
    }

    #[test]
    fn a_table_in_a_tip_has_one_column_borders_where_ambiguous_characters_are_wide() {
        use crate::text::width::{TerminalWidths, with_model};
        let wide = TerminalWidths::UNICODE.with_ambiguous(2);
        let rows = with_model(wide, || {
            text("> **TIP**\n> | a | 한글 |\n> |---|---|\n> | 1 | 둘 |\n", 40)
        });
        assert!(rows.contains(&"▐ +---+------+".to_string()), "{rows:?}");
        assert!(rows.contains(&"▐ | a | 한글 |".to_string()), "{rows:?}");
    }

    #[test]
    fn numbered_lines_inside_a_tip_keep_their_numbers() {
        let rows = text("> **실전 TIP**\n> 1. 먼저 백업\n> 2. 그다음 정리\n", 40);
        assert!(rows.contains(&"▌ 1. 먼저 백업".to_string()), "{rows:?}");
        assert!(rows.contains(&"▌ 2. 그다음 정리".to_string()), "{rows:?}");
    }

    #[test]
    fn task_items_inside_a_tip_show_boxes() {
        let rows = text("> **TIP**\n> - [x] 끝\n> - [ ] 할 일\n", 40);
        assert!(rows.contains(&"▌ ☑ 끝".to_string()), "{rows:?}");
        assert!(rows.contains(&"▌ ☐ 할 일".to_string()), "{rows:?}");
    }
}
