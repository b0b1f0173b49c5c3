//! The two search popups: the hashtag picker (`#`) and full-text search (`/`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::app::{App, SearchPanel, TagPicker};
use super::cells::{popup, put_line};
use crate::styled::Theme;
use crate::styled::{Glyphs, truncate};
use crate::text::{display_text, str_width};

/// The prompt line: a sigil, the text, and a cursor block.
fn prompt_line(sigil: &str, text: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{sigil} "), theme.key),
        Span::styled(display_text(text).into_owned(), theme.text),
        Span::styled(Glyphs::current().caret, theme.accent),
    ])
}

/// A popup of `size` with a prompt on its first row; its inner area, if it has any.
fn prompt_popup(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    size: (u16, u16),
    title: &str,
    sigil: &str,
    text: &str,
) -> Option<Rect> {
    let inner = popup(area, buf, theme, size.0, size.1, title);
    if inner.height == 0 {
        return None;
    }
    put_line(
        buf,
        inner.x,
        inner.y,
        inner.width,
        &prompt_line(sigil, text, theme),
    );
    Some(inner)
}

/// Draws the hashtag picker.
pub fn render_tag_picker(picker: &TagPicker, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let size = (48, area.height.saturating_sub(4).max(6));
    let Some(inner) = prompt_popup(area, buf, theme, size, "# tags", "#", picker.prompt.text())
    else {
        return;
    };
    let rows = usize::from(inner.height.saturating_sub(2));
    let mut view = picker.picker;
    view.scroll_into_view(rows);
    if picker.matches.is_empty() {
        let line = Line::from(Span::styled("no tag matches", theme.dim));
        put_line(
            buf,
            inner.x + 1,
            inner.y + 2,
            inner.width.saturating_sub(1),
            &line,
        );
    }
    for (i, &tag_index) in picker
        .matches
        .iter()
        .enumerate()
        .skip(view.offset)
        .take(rows)
    {
        let Some((tag, count)) = picker.tags.get(tag_index) else {
            continue;
        };
        let y = inner.y + 2 + (i - view.offset) as u16;
        let count = format!("{count} ");
        let room = usize::from(inner.width).saturating_sub(str_width(&count) + 2);
        let name = truncate(&display_text(&format!("#{tag}")), room).into_owned();
        let pad = usize::from(inner.width).saturating_sub(1 + str_width(&name) + str_width(&count));
        let selected = i == view.selected;
        let style = if selected {
            theme.selection_focused
        } else {
            theme.text
        };
        let line = Line::from(vec![
            Span::styled(" ", style),
            Span::styled(name, style),
            Span::styled(" ".repeat(pad), style),
            Span::styled(count, if selected { style } else { theme.dim }),
        ]);
        put_line(buf, inner.x, y, inner.width, &line);
    }
}

/// Draws the search overlay: the prompt, then two rows per result (title line, snippet).
pub fn render_search(app: &App, panel: &SearchPanel, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let size = (
        area.width.saturating_sub(6).max(20),
        area.height.saturating_sub(2).max(6),
    );
    let Some(inner) = prompt_popup(area, buf, theme, size, "/ search", "/", panel.prompt.text())
    else {
        return;
    };
    let width = usize::from(inner.width);
    if panel.hits.is_empty() {
        let hint = if panel.prompt.text().trim().is_empty() {
            "titles, tags, descriptions and text · 초성 (ㅅㅅㅎ) and #tag work"
        } else {
            "no matches"
        };
        put_line(
            buf,
            inner.x + 1,
            inner.y + 2,
            inner.width.saturating_sub(1),
            &Line::from(Span::styled(hint, theme.dim)),
        );
        return;
    }
    let slots = usize::from(inner.height.saturating_sub(2)) / 2;
    let mut view = panel.picker;
    view.scroll_into_view(slots.max(1));
    for (i, hit) in panel.hits.iter().enumerate().skip(view.offset).take(slots) {
        let Some(post) = app.posts.get(hit.post.index()) else {
            continue;
        };
        let y = inner.y + 2 + ((i - view.offset) * 2) as u16;
        let selected = i == view.selected;
        let base = if selected {
            theme.selection_focused
        } else {
            theme.title
        };
        let meta = format!(" · {} · {}", post.category_label(), post.date_label());
        let meta = display_text(&meta).into_owned();
        let title_room = width.saturating_sub(1 + str_width(&meta).min(width / 2));
        let title = truncate(&display_text(&post.title), title_room).into_owned();
        let meta_room = width.saturating_sub(1 + str_width(&title));
        let mut spans = vec![Span::styled(" ", base), Span::styled(title, base)];
        spans.push(Span::styled(
            truncate(&meta, meta_room).into_owned(),
            if selected { base } else { theme.dim },
        ));
        if selected {
            let used: usize = spans.iter().map(|s| str_width(&s.content)).sum();
            spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
        }
        put_line(buf, inner.x, y, inner.width, &Line::from(spans));
        let snippet = snippet_line(
            &hit.snippet.text,
            &hit.snippet.highlights,
            theme.dim,
            theme.search_match,
        );
        put_line(
            buf,
            inner.x + 3,
            y + 1,
            inner.width.saturating_sub(3),
            &snippet,
        );
    }
}

/// A snippet with its highlighted ranges styled.
fn snippet_line(
    text: &str,
    highlights: &[std::ops::Range<usize>],
    base: Style,
    mark: Style,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut last = 0;
    for range in highlights {
        let (Some(before), Some(hit)) = (text.get(last..range.start), text.get(range.clone()))
        else {
            continue;
        };
        spans.push(Span::styled(display_text(before).into_owned(), base));
        spans.push(Span::styled(display_text(hit).into_owned(), mark));
        last = range.end;
    }
    spans.push(Span::styled(
        display_text(text.get(last..).unwrap_or_default()).into_owned(),
        base,
    ));
    Line::from(spans)
}
