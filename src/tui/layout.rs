//! Every rectangle of the screen for a terminal size: the panes and the overlays.
//!
//! State changes (to know the article width, a page, how many rows a list shows) and
//! drawing both ask here, so the two always agree. Drawing lays out from the frame's own
//! area, never from a size remembered earlier: a frame drawn just after the terminal
//! shrank, before its resize event was handled, still stays inside its buffer.

use ratatui::layout::Rect;

/// The smallest terminal geul lays out panes in; below it a short message is shown.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 6;

/// The rectangles of every pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// The sidebar's title row.
    pub sidebar_title: Rect,
    /// The sidebar's list rows.
    pub sidebar_list: Rect,
    /// The vertical line between sidebar and article.
    pub separator: Rect,
    /// The article text.
    pub article: Rect,
    /// The article's scrollbar column.
    pub scrollbar: Rect,
    /// The status line.
    pub status: Rect,
}

/// Lays out `area` with a sidebar of about `sidebar_width` columns (at most two fifths of
/// the screen). `None` when the terminal is smaller than [`MIN_WIDTH`] x [`MIN_HEIGHT`].
pub fn layout(area: Rect, sidebar_width: u16) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let body_height = area.height - 1;
    let two_fifths = u16::try_from(u32::from(area.width) * 2 / 5).unwrap_or(u16::MAX);
    let sidebar = sidebar_width.min(two_fifths).max(16);
    let article_x = area.x + sidebar + 2;
    // One column of padding after the separator, one before the scrollbar.
    let article_width = area.width - sidebar - 4;
    Some(Panes {
        sidebar_title: Rect::new(area.x, area.y, sidebar, 1),
        sidebar_list: Rect::new(area.x, area.y + 1, sidebar, body_height - 1),
        separator: Rect::new(area.x + sidebar, area.y, 1, body_height),
        article: Rect::new(article_x, area.y, article_width, body_height),
        scrollbar: Rect::new(area.right() - 1, area.y, 1, body_height),
        status: Rect::new(area.x, area.bottom() - 1, area.width, 1),
    })
}

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The inside of a bordered popup at `outer`.
pub fn inner(outer: Rect) -> Rect {
    Rect::new(
        outer.x.saturating_add(1),
        outer.y.saturating_add(1),
        outer.width.saturating_sub(2),
        outer.height.saturating_sub(2),
    )
}

/// Rows of the help overlay's list that fit in `area` when it holds `entries` bindings:
/// the popup is the list plus two borders and a blank row above and below.
pub fn help_rows(area: Rect, entries: usize) -> usize {
    usize::from(area.height).min(entries + 4).saturating_sub(4)
}

/// The help popup for `entries` bindings whose widest line is `line_width` columns.
pub fn help_popup(area: Rect, entries: usize, line_width: usize) -> Rect {
    let width = u16::try_from(line_width + 2).unwrap_or(u16::MAX);
    let height = u16::try_from(help_rows(area, entries) + 4).unwrap_or(u16::MAX);
    centered(area, width, height)
}

/// A popup with a prompt: its first inner row is the prompt, the second is blank, and the
/// list starts on the third.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromptPopup {
    /// The whole popup, borders included.
    pub outer: Rect,
    /// The prompt row.
    pub prompt: Rect,
    /// The rows of the list under the prompt.
    pub list: Rect,
}

impl PromptPopup {
    fn new(outer: Rect) -> PromptPopup {
        let inside = inner(outer);
        PromptPopup {
            outer,
            prompt: Rect::new(inside.x, inside.y, inside.width, inside.height.min(1)),
            list: Rect::new(
                inside.x,
                inside.y.saturating_add(2),
                inside.width,
                inside.height.saturating_sub(2),
            ),
        }
    }
}

/// The hashtag picker: 48 columns, nearly the screen's height.
pub fn tag_popup(area: Rect) -> PromptPopup {
    PromptPopup::new(centered(area, 48, area.height.saturating_sub(4).max(6)))
}

/// The outline and link pickers: up to 72 columns, nearly the screen's height.
pub fn picker_popup(area: Rect) -> PromptPopup {
    PromptPopup::new(centered(
        area,
        72.min(area.width.saturating_sub(4)).max(20),
        area.height.saturating_sub(4).max(6),
    ))
}

/// The search overlay: nearly the whole screen.
pub fn search_popup(area: Rect) -> PromptPopup {
    PromptPopup::new(centered(
        area,
        area.width.saturating_sub(6).max(20),
        area.height.saturating_sub(2).max(6),
    ))
}

/// Columns a search result's snippet is indented by under its title.
pub const SNIPPET_INDENT: u16 = 3;

/// Rows each search result takes: its title line and its snippet.
pub const SEARCH_RESULT_ROWS: usize = 2;

/// Columns a snippet gets in the search overlay on a screen of `area`: the list's width
/// after the indent, at least 10 (so a snippet says something even when it is cut by the
/// screen) and at most 100 (a longer line of context is harder to read at a glance).
pub fn search_snippet_width(area: Rect) -> usize {
    usize::from(search_popup(area).list.width.saturating_sub(SNIPPET_INDENT)).clamp(10, 100)
}

/// Search results the overlay shows at once on a screen of `area`.
pub fn search_slots(area: Rect) -> usize {
    usize::from(search_popup(area).list.height) / SEARCH_RESULT_ROWS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        let panes = layout(Rect::new(0, 0, 100, 30), 34).expect("big enough");
        assert_eq!(panes.sidebar_list.right(), panes.separator.x);
        assert!(panes.article.right() < panes.scrollbar.x + 1);
        assert_eq!(panes.status.y, 29);
        assert_eq!(panes.article.height, 29);
    }

    #[test]
    fn tiny_terminals_get_no_panes() {
        assert!(layout(Rect::new(0, 0, 1, 1), 34).is_none());
        assert!(layout(Rect::new(0, 0, 39, 30), 34).is_none());
        assert!(layout(Rect::new(0, 0, 40, 6), 34).is_some());
    }

    #[test]
    fn the_help_list_is_cut_to_the_rows_a_short_terminal_has() {
        assert_eq!(help_rows(Rect::new(0, 0, 80, 40), 19), 19);
        assert_eq!(help_rows(Rect::new(0, 0, 80, 12), 19), 8);
        assert_eq!(help_rows(Rect::new(0, 0, 80, 3), 19), 0);
    }

    #[test]
    fn a_snippet_fills_the_search_popup_inside_its_borders_and_indent() {
        // 100 columns: the popup is 94 wide, 92 inside its borders, 89 after the indent.
        assert_eq!(search_snippet_width(Rect::new(0, 0, 100, 30)), 89);
        let popup = search_popup(Rect::new(0, 0, 100, 30));
        assert_eq!(popup.outer.width, 94);
        assert_eq!(popup.list.y, popup.prompt.y + 2);
    }

    #[test]
    fn popups_never_leave_the_screen() {
        for (w, h) in [(1, 1), (10, 3), (40, 6), (300, 100)] {
            let area = Rect::new(0, 0, w, h);
            for outer in [
                tag_popup(area).outer,
                search_popup(area).outer,
                help_popup(area, 19, 70),
            ] {
                assert_eq!(outer.intersection(area), outer, "{w}x{h}");
            }
        }
    }
}
