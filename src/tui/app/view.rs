//! How the screen is shaped: its size, the sidebar hidden for full-width reading (`z`),
//! the outline pinned as a third pane (`O`, remembered), and the mouse on those panes.
//! Every change of shape that changes the article's width re-wraps it keeping the source
//! line at the top.

use std::sync::Arc;

use ratatui::layout::Rect;

use super::{App, Focus};
use crate::library::outline::{Heading, outline, section_at};
use crate::tui::layout::Shape;
use crate::tui::overlays::{FilteredPicker, Overlay};
use crate::tui::sidebar::SidebarRow;

/// What `O` says when the outline is pinned but the terminal is too narrow for it.
const OUTLINE_WAITS: &str = "the outline is pinned; it shows in a wider terminal";

impl App {
    /// What the panes are made of now, besides the terminal's size.
    pub fn shape(&self) -> Shape {
        Shape {
            sidebar_width: self.settings.sidebar_width,
            sidebar_hidden: self.sidebar_hidden,
            outline_pinned: self.memory.state.outline_pinned,
        }
    }

    /// The terminal changed size.
    pub(super) fn resize(&mut self, area: Rect) {
        self.reshape(|app| app.area = area);
        // A resize keeps the notice of the last key, unless the terminal just grew wide
        // enough to say otherwise.
        if self.notice.as_deref() == Some(OUTLINE_WAITS)
            && self.panes().is_some_and(|p| p.outline.is_some())
        {
            self.notice = None;
        }
        match &mut self.overlay {
            Some(Overlay::Tags(picker)) => picker.fit(area),
            Some(Overlay::Search(panel)) => panel.fit(area),
            Some(Overlay::Outline(picker)) => picker.fit(area),
            Some(Overlay::Links(picker)) => picker.fit(area),
            Some(Overlay::Bookmarks(list)) => list.fit(area),
            _ => {}
        }
    }

    /// `z`: hides the sidebar (the article takes the whole width) or shows it again.
    pub(super) fn toggle_sidebar(&mut self) {
        self.reshape(|app| app.sidebar_hidden = !app.sidebar_hidden);
        if self.sidebar_hidden {
            self.focus = Focus::Article;
        }
    }

    /// `O`: pins the outline on the right, or unpins it; remembered for the folder.
    pub(super) fn toggle_pinned_outline(&mut self) {
        self.reshape(|app| app.memory.state.outline_pinned = !app.memory.state.outline_pinned);
        if self.memory.state.outline_pinned && self.panes().is_some_and(|p| p.outline.is_none()) {
            self.notice = Some(OUTLINE_WAITS.into());
        }
        self.memory.touch();
    }

    /// Applies `change` to the shape of the screen, re-wrapping the article for its new
    /// width with the same source line at the top.
    pub(super) fn reshape(&mut self, change: impl FnOnce(&mut App)) {
        let old_width = self.panes().map(|p| p.article.width);
        let old_article = self.article().cloned();
        let anchor = self.reader.top_anchor(old_article.as_deref());
        let into_line = self.reader.rows_into_line(old_article.as_deref());
        change(self);
        self.ensure_rendered_through(anchor);
        let same_width = old_width == self.panes().map(|p| p.article.width);
        let article = self.article().cloned();
        let same_render =
            matches!((&old_article, &article), (Some(old), Some(new)) if Arc::ptr_eq(old, new));
        if !same_render {
            // Its cells are those of the render it was chosen in.
            self.reader.link = None;
        }
        let into_line = if same_width { into_line } else { 0 };
        self.reader
            .restore(anchor, article.as_deref(), same_render, into_line);
    }

    /// Keeps the pinned outline's headings those of the open post (read once per post,
    /// not per frame).
    pub(super) fn refresh_pinned_outline(&mut self) {
        let shown = self.panes().is_some_and(|p| p.outline.is_some());
        let open = self.reader.open.filter(|_| shown);
        match open {
            None => self.pinned_outline = None,
            Some(id) if self.pinned_outline.as_ref().is_some_and(|(p, _)| *p == id) => {}
            Some(id) => {
                let headings = self.posts.get(id).map(|p| outline(&p.body));
                self.pinned_outline = headings.map(|h| (id, h));
            }
        }
    }

    /// The post read again (edited or reloaded): its outline is read again too.
    pub(super) fn forget_pinned_outline(&mut self) {
        self.pinned_outline = None;
    }

    /// The pinned outline's headings and the one whose section is being read, when the
    /// outline is shown.
    pub fn pinned_outline(&self) -> Option<(&[Heading], Option<usize>)> {
        let (_, headings) = self.pinned_outline.as_ref()?;
        let reading = self
            .article()
            .and_then(|a| a.body_line(self.reader.scroll))
            .and_then(|line| section_at(headings, line));
        Some((headings, reading))
    }

    /// A click: on a post or category of the sidebar, into the article, or on a heading of
    /// the pinned outline (which becomes the top line).
    pub(super) fn click(&mut self, x: u16, y: u16) {
        let Some(panes) = self.panes() else { return };
        if panes.sidebar_list.contains((x, y).into()) {
            let row = self.sidebar.offset + usize::from(y - panes.sidebar_list.y);
            if row < self.sidebar.rows().len() {
                self.sidebar.selected = row;
                self.focus = Focus::Sidebar;
                match self.sidebar.selected_row() {
                    Some(SidebarRow::Category(_)) => self.sidebar.toggle_selected(),
                    Some(SidebarRow::Post(_, p)) => self.open_post(p),
                    None => {}
                }
            }
        } else if panes.article.contains((x, y).into()) {
            self.focus = Focus::Article;
            let row = self
                .reader
                .scroll
                .saturating_add(usize::from(y - panes.article.y));
            self.click_article_row(row);
        } else if let Some(pane) = panes.outline
            && pane.area.contains((x, y).into())
        {
            let height = usize::from(pane.area.height.saturating_sub(1));
            let line = self.pinned_outline().and_then(|(headings, reading)| {
                let first = outline_offset(headings.len(), reading, height);
                let row = usize::from(y - pane.area.y).checked_sub(1)?;
                headings.get(first + row).map(|h| h.body_line)
            });
            if let Some(line) = line {
                self.remember_history_place();
                self.scroll_to_body_line(line);
            }
        }
    }
}

/// The first heading the pinned outline shows in `height` rows when `count` headings are
/// listed: the one read is kept in view, a third of the way down.
pub fn outline_offset(count: usize, reading: Option<usize>, height: usize) -> usize {
    let reading = reading.unwrap_or(0);
    reading
        .saturating_sub(height / 3)
        .min(count.saturating_sub(height))
}
