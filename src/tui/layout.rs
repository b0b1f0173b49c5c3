//! Where each pane goes for a terminal size. Used by state changes (to know the article
//! width) and by drawing, so both always agree.

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
}

/// Rows of the help overlay's list that fit in `area` when it holds `entries` bindings:
/// the popup is the list plus two borders and a blank row above and below.
pub fn help_rows(area: Rect, entries: usize) -> usize {
    usize::from(area.height).min(entries + 4).saturating_sub(4)
}

#[cfg(test)]
mod help_tests {
    use super::*;

    #[test]
    fn the_help_list_is_cut_to_the_rows_a_short_terminal_has() {
        assert_eq!(help_rows(Rect::new(0, 0, 80, 40), 19), 19);
        assert_eq!(help_rows(Rect::new(0, 0, 80, 12), 19), 8);
        assert_eq!(help_rows(Rect::new(0, 0, 80, 3), 19), 0);
    }
}
