//! Lists: geul's bullets and numbers, task boxes, and hanging indents for wrapped rows and
//! the author's own line breaks inside an item.

use ratatui::text::Span;

use super::{Context, spaces};
use crate::styled::{Glyphs, Theme};
use crate::text::str_width;

impl Context<'_, '_> {
    pub(super) fn list(&mut self, index: u32, slice: &str, definitions: &str) {
        let theme = self.opts.theme;
        let mut hang = 0;
        for (n, line) in self.markdown(slice, definitions).into_iter().enumerate() {
            let (marker, body, new_hang) = split_list_marker(line.spans, theme, self.glyphs, hang);
            hang = new_hang;
            let rest = if hang > 0 { vec![spaces(hang)] } else { vec![] };
            // A line of an item without a marker (the author's own line break) hangs too.
            let first = if marker.is_empty() {
                rest.clone()
            } else {
                marker
            };
            self.wrap(index, n as u32, &body, &first, &rest);
        }
    }
}

/// Recognises tui-markdown's list markers (`- `, `    - `, `1. `, `- [x] `) at the start of
/// a line and replaces them with geul's (`•`, `◦`, `▪`, numbers, `☐`/`☑`). Returns the
/// marker spans, the content spans and the hanging indent for continuation rows. A line
/// without a marker that starts with spaces hangs at that indentation; otherwise it keeps
/// the previous item's indent.
pub(super) fn split_list_marker<'s>(
    spans: Vec<Span<'s>>,
    theme: &Theme,
    glyphs: &Glyphs,
    previous_hang: usize,
) -> (Vec<Span<'static>>, Vec<Span<'s>>, usize) {
    let spans = normalize_task_marker(spans);
    let Some(first) = spans.first() else {
        return (vec![], spans, previous_hang);
    };
    // Most lines are text, not a marker: they are read in place, and only a marker's
    // token is copied.
    let text = first.content.as_ref();
    let indent = text.len() - text.trim_start_matches(' ').len();
    let token = text[indent..].trim_end();
    let is_bullet = token == "-" || token.starts_with("- [");
    let is_number = token.len() > 1
        && (token.ends_with('.') || token.ends_with(')'))
        && token[..token.len() - 1].chars().all(|c| c.is_ascii_digit());
    if !(text.ends_with(' ') && (is_bullet || is_number)) {
        if indent > 0 && token.is_empty() {
            // A continuation line tui-markdown indented itself.
            return (vec![], spans, indent);
        }
        return (vec![], spans, previous_hang);
    }
    let depth = indent / 4;
    let mut task = if token.starts_with("- [x]") || token.starts_with("- [X]") {
        Some(true)
    } else if token.starts_with("- [ ]") {
        Some(false)
    } else {
        None
    };
    // The marker is the indent, the symbol (a number is kept as written) and a space.
    let mut marker_text = " ".repeat(depth * 2);
    if is_number {
        marker_text.push_str(token);
    }
    let mut rest: Vec<Span<'s>> = spans.into_iter().skip(1).collect();
    if task.is_none()
        && let Some(next) = rest.first()
    {
        match next.content.as_ref() {
            "[x] " | "[X] " => task = Some(true),
            "[ ] " => task = Some(false),
            _ => {}
        }
        if task.is_some() {
            rest.remove(0);
        }
    }
    marker_text.push_str(match (task, is_number) {
        (Some(true), false) => "☑",
        (Some(false), false) => "☐",
        // The number is in already.
        (_, true) => "",
        (None, false) => glyphs.bullets[depth % 3],
    });
    marker_text.push(' ');
    if is_number && let Some(t) = task {
        marker_text.push_str(if t { "☑ " } else { "☐ " });
    }
    let hang = str_width(&marker_text);
    (
        vec![Span::styled(marker_text, theme.list_marker)],
        rest,
        hang,
    )
}

/// Inside a blockquote tui-markdown puts a task box before the bullet
/// (`[x] `, ` `, `- `); move it after the bullet, where the list code expects it.
fn normalize_task_marker(mut spans: Vec<Span<'_>>) -> Vec<Span<'_>> {
    let is_box = |s: &Span<'_>| matches!(s.content.as_ref(), "[x] " | "[X] " | "[ ] ");
    let misplaced = spans.len() >= 3
        && is_box(&spans[0])
        && spans[1].content == " "
        && spans[2].content.ends_with("- ");
    if misplaced {
        let task = spans.remove(0);
        spans.remove(0);
        spans.insert(1, task);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::super::test_support::text;

    #[test]
    fn bullets_nest_and_wrapped_rows_hang_under_the_text() {
        let rows = text(
            "* 첫째 항목은 꽤 길어서 줄이 바뀝니다\n  * 둘째\n    * 셋째\n",
            20,
        );
        assert!(rows[0].starts_with("• 첫째"));
        assert!(rows[1].starts_with("  "), "hanging indent: {rows:?}");
        assert!(rows.iter().any(|r| r.starts_with("  ◦ 둘째")), "{rows:?}");
        assert!(rows.iter().any(|r| r.starts_with("    ▪ 셋째")), "{rows:?}");
    }

    #[test]
    fn an_authors_line_break_inside_an_item_hangs_too() {
        let rows = text("* “이 메일은 스팸이다”\n  처럼 분류가 중심이었다면,\n", 60);
        assert_eq!(
            rows,
            ["• “이 메일은 스팸이다”", "  처럼 분류가 중심이었다면,"]
        );
    }

    #[test]
    fn a_loose_list_stays_a_list() {
        let rows = text("* 하나\n\n* 둘\n", 40);
        assert!(
            rows.iter().filter(|r| r.starts_with("• ")).count() == 2,
            "{rows:?}"
        );
    }

    #[test]
    fn task_items_show_boxes() {
        let rows = text("- [x] 끝\n- [ ] 할 일\n", 40);
        assert_eq!(rows, ["☑ 끝", "☐ 할 일"]);
    }
}
