//! The status line: where you are, and what keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::app::App;
use super::cells::put_line;
use crate::text::str_width;

/// Draws the status line for `app` into `area` (one row).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let (index, total) = app.position();
    let mut left = vec![Span::styled(format!(" {index}/{total} "), theme.status)];
    if app.open.is_some() {
        left.push(Span::styled(format!("· {}% ", app.percent()), theme.status));
    }
    if !app.tag_filter.is_empty() {
        let tags: Vec<String> = app.tag_filter.iter().map(|t| format!("#{t}")).collect();
        left.push(Span::styled(
            format!("· filter {} (Esc clears) ", tags.join(" + ")),
            theme.key.bg(theme.status.bg.unwrap_or_default()),
        ));
    }
    if let Some(search) = &app.article_search {
        let text = if search.matches.is_empty() {
            format!("· “{}” not in this post ", search.query)
        } else {
            format!("· match {}/{} ", search.current + 1, search.matches.len())
        };
        left.push(Span::styled(text, theme.status));
    }
    if let Some(notice) = &app.notice {
        left.push(Span::styled(format!("· {notice} "), theme.status));
    }
    let errors = app.load_errors();
    if errors > 0 {
        let noun = if errors == 1 { "post" } else { "posts" };
        left.push(Span::styled(
            format!("· {errors} {noun} failed to parse "),
            theme.error.bg(theme.status.bg.unwrap_or_default()),
        ));
    }
    let hints = [("?", "help"), ("/", "search"), ("#", "tags"), ("q", "quit")];
    let mut right = Vec::new();
    for (key, what) in hints {
        right.push(Span::styled(
            format!(" {key}"),
            theme.key.bg(theme.status.bg.unwrap_or_default()),
        ));
        right.push(Span::styled(format!(" {what}"), theme.status));
    }
    right.push(Span::styled(" ", theme.status));

    let left_w: usize = left.iter().map(|s| str_width(&s.content)).sum();
    let right_w: usize = right.iter().map(|s| str_width(&s.content)).sum();
    let width = usize::from(area.width);
    let mut spans = left;
    if left_w + right_w <= width {
        spans.push(Span::styled(
            " ".repeat(width - left_w - right_w),
            theme.status,
        ));
        spans.extend(right);
    } else {
        spans.push(Span::styled(
            " ".repeat(width.saturating_sub(left_w)),
            theme.status,
        ));
    }
    put_line(buf, area.x, area.y, area.width, &Line::from(spans));
}
