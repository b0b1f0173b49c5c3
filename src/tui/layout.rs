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
    /// The sidebar's title row (no columns while the sidebar is hidden).
    pub sidebar_title: Rect,
    /// The sidebar's list rows (no columns while the sidebar is hidden).
    pub sidebar_list: Rect,
    /// The vertical line between sidebar and article (none while the sidebar is hidden).
    pub separator: Rect,
    /// The article text.
    pub article: Rect,
    /// The article's scrollbar column.
    pub scrollbar: Rect,
    /// The pinned outline on the right with the line left of it, when pinned and there is
    /// room.
    pub outline: Option<OutlinePane>,
    /// The status line.
    pub status: Rect,
}

/// Where the pinned outline goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlinePane {
    /// The line between the scrollbar and the outline.
    pub separator: Rect,
    /// The outline's rows: a title row, then the headings.
    pub area: Rect,
}

/// What the panes are made of besides the terminal's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Preferred sidebar width (at most two fifths of the screen is used).
    pub sidebar_width: u16,
    /// Whether the sidebar is hidden (`z`): the article takes the whole width.
    pub sidebar_hidden: bool,
    /// Whether the outline is pinned on the right (shown where the article keeps at least
    /// [`MIN_ARTICLE_BESIDE_OUTLINE`] columns).
    pub outline_pinned: bool,
}

impl Shape {
    /// A sidebar of `sidebar_width`, shown, and no pinned outline.
    pub fn with_sidebar(sidebar_width: u16) -> Shape {
        Shape {
            sidebar_width,
            sidebar_hidden: false,
            outline_pinned: false,
        }
    }
}

/// The narrowest article the pinned outline leaves: below it the outline is not shown.
pub const MIN_ARTICLE_BESIDE_OUTLINE: u16 = 60;

/// Lays out `area` for `shape`. `None` when the terminal is smaller than [`MIN_WIDTH`] x
/// [`MIN_HEIGHT`].
pub fn layout(area: Rect, shape: Shape) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let body_height = area.height - 1;
    let sidebar = if shape.sidebar_hidden {
        0
    } else {
        let two_fifths = u16::try_from(u32::from(area.width) * 2 / 5).unwrap_or(u16::MAX);
        shape.sidebar_width.min(two_fifths).max(16)
    };
    // The separator, when there is a sidebar, then one column of padding.
    let article_x = if sidebar == 0 {
        area.x + 1
    } else {
        area.x + sidebar + 2
    };
    // Padding before the scrollbar, and the scrollbar.
    let mut right = area.right();
    let mut article_width = right - article_x - 2;
    let outline_width = (area.width / 5).clamp(24, 36);
    let outline = (shape.outline_pinned
        && article_width > MIN_ARTICLE_BESIDE_OUTLINE + outline_width)
        .then(|| {
            right -= outline_width + 1;
            article_width -= outline_width + 1;
            OutlinePane {
                separator: Rect::new(right, area.y, 1, body_height),
                area: Rect::new(right + 1, area.y, outline_width, body_height),
            }
        });
    Some(Panes {
        sidebar_title: Rect::new(area.x, area.y, sidebar, 1),
        sidebar_list: Rect::new(area.x, area.y + 1, sidebar, body_height - 1),
        separator: Rect::new(
            area.x + sidebar,
            area.y,
            u16::from(sidebar > 0),
            body_height,
        ),
        article: Rect::new(article_x, area.y, article_width, body_height),
        scrollbar: Rect::new(right - 1, area.y, 1, body_height),
        outline,
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
        let panes = layout(Rect::new(0, 0, 100, 30), Shape::with_sidebar(34)).expect("big enough");
        assert_eq!(panes.sidebar_list.right(), panes.separator.x);
        assert_eq!(panes.article.x, panes.separator.x + 2);
        assert_eq!(panes.article.right() + 1, panes.scrollbar.x);
        assert_eq!(panes.scrollbar.right(), 100);
        assert_eq!(panes.status.y, 29);
        assert_eq!(panes.article.height, 29);
        assert_eq!(panes.outline, None);
    }

    #[test]
    fn a_hidden_sidebar_gives_the_article_the_whole_width() {
        let shape = Shape {
            sidebar_hidden: true,
            ..Shape::with_sidebar(34)
        };
        let panes = layout(Rect::new(0, 0, 100, 30), shape).expect("big enough");
        assert_eq!(panes.sidebar_list.width, 0);
        assert_eq!(panes.separator.width, 0);
        assert_eq!((panes.article.x, panes.article.width), (1, 97));
        assert_eq!(panes.scrollbar.x, 99);
    }

    #[test]
    fn a_pinned_outline_takes_the_right_where_the_article_keeps_sixty_columns() {
        let pinned = Shape {
            outline_pinned: true,
            ..Shape::with_sidebar(34)
        };
        let wide = layout(Rect::new(0, 0, 160, 40), pinned).expect("big enough");
        let outline = wide.outline.expect("room for the outline");
        assert_eq!(outline.area.right(), 160);
        assert_eq!(outline.area.width, 32);
        assert_eq!(outline.separator.x + 1, outline.area.x);
        assert_eq!(wide.scrollbar.x + 1, outline.separator.x);
        assert_eq!(wide.article.right() + 1, wide.scrollbar.x);
        assert!(wide.article.width >= MIN_ARTICLE_BESIDE_OUTLINE);
        let narrow = layout(Rect::new(0, 0, 100, 30), pinned).expect("big enough");
        assert_eq!(narrow.outline, None, "no room: the article keeps its width");
    }

    #[test]
    fn tiny_terminals_get_no_panes() {
        let shape = Shape::with_sidebar(34);
        assert!(layout(Rect::new(0, 0, 1, 1), shape).is_none());
        assert!(layout(Rect::new(0, 0, 39, 30), shape).is_none());
        assert!(layout(Rect::new(0, 0, 40, 6), shape).is_some());
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
