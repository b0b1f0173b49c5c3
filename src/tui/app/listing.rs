//! What the sidebar lists: the posts the tag filter lets through, grouped and ordered the
//! way chosen (`v`, `s`; by category, newest first until then), and which of them is
//! selected and open as posts arrive and change.

use std::collections::HashSet;

use super::{App, memory};
use crate::library::PostId;
use crate::library::grouping::{GroupBy, SortBy, default_grouping};
use crate::library::tags;
use crate::markdown::article::reading_minutes;
use crate::text::fold::fold;
use crate::tui::sidebar::Sidebar;

impl App {
    /// Selects and opens the newest post shown, if any.
    pub(super) fn open_newest(&mut self) {
        let shown: HashSet<PostId> = self.sidebar.post_order().iter().copied().collect();
        let newest = self
            .posts
            .newest_first()
            .iter()
            .copied()
            .find(|p| shown.contains(p));
        if let Some(newest) = newest {
            self.sidebar.select_post(newest);
            self.open_post(newest);
        }
    }

    /// Narrows the sidebar to posts that also carry `tag`.
    pub fn add_tag_filter(&mut self, tag: String) {
        if !self.tag_filter.iter().any(|t| fold(t) == fold(&tag)) {
            self.tag_filter.push(tag);
        }
        self.rebuild_sidebar();
    }

    /// The posts the tag filter lets through, newest first.
    pub(super) fn visible_posts(&self) -> Vec<PostId> {
        let order = self.posts.newest_first();
        if self.tag_filter.is_empty() {
            return order.to_vec();
        }
        let matching: HashSet<PostId> = tags::filter_by_tags(self.posts.slots(), &self.tag_filter)
            .into_iter()
            .collect();
        order
            .iter()
            .copied()
            .filter(|p| matching.contains(p))
            .collect()
    }

    /// Regroups the sidebar for the posts and the tag filter. When the filter hides the
    /// open post, the first matching post opens; while the folder streams in with nothing
    /// open yet, nothing opens and the selection stays on its row.
    pub(super) fn rebuild_sidebar(&mut self) {
        let visible = self.visible_posts();
        memory::note_collapsed(&mut self.memory.state.collapsed, &self.sidebar);
        let mut sidebar = Sidebar::grouped(
            self.posts.slots(),
            &visible,
            self.group_by(),
            self.sort_by(),
            |post| reading_minutes(&post.body),
        );
        sidebar.keep_expansion_or(&self.sidebar, self.remembered_collapsed());
        self.refresh_marks();
        let old = std::mem::replace(&mut self.sidebar, sidebar);
        self.sidebar_covers = self.posts.len();
        match self.reader.open {
            Some(open) if self.sidebar.select_post(open) => {}
            None if self.reading.is_some() => self.sidebar.keep_selection(&old),
            _ => match self.sidebar.post_order().first().copied() {
                Some(first) => {
                    self.sidebar.select_post(first);
                    self.open_post(first);
                }
                None => self.reader.close(),
            },
        }
    }

    /// How the sidebar groups the posts (by category until chosen otherwise).
    pub fn group_by(&self) -> GroupBy {
        self.memory.state.group_by.unwrap_or_default()
    }

    /// How the sidebar orders each group's posts (newest first until chosen otherwise).
    pub fn sort_by(&self) -> SortBy {
        self.memory.state.sort_by.unwrap_or_default()
    }

    /// `v`: the next way of grouping; remembered for the folder.
    pub(super) fn cycle_grouping(&mut self) {
        let by = self.group_by().next();
        self.memory.state.group_by = Some(by);
        self.regroup(format!("grouped by {}", by.name()));
    }

    /// `s`: the next order within groups; remembered for the folder.
    pub(super) fn cycle_sort(&mut self) {
        let sort = self.sort_by().next();
        self.memory.state.sort_by = Some(sort);
        self.regroup(format!("sorted by {}", sort.name()));
    }

    /// Groups the sidebar again (the open post stays selected), and says how.
    fn regroup(&mut self, notice: String) {
        self.rebuild_sidebar();
        self.notice = Some(notice);
        self.memory.touch();
    }

    /// On a first start, before the sidebar is first grouped: by category when most
    /// posts have one, else by folder or by month (and the status line says so).
    pub(super) fn choose_first_grouping(&mut self) {
        if self.memory.state.group_by.is_some() || self.posts.is_empty() {
            return;
        }
        let by = default_grouping(self.posts.slots());
        self.memory.state.group_by = Some(by);
        if by != GroupBy::Category {
            self.notice = Some(format!(
                "most posts have no category: grouped by {} (v changes it)",
                by.name()
            ));
        }
    }

    /// Whether the sidebar lags far enough behind the posts streaming in to be grouped
    /// again: by a quarter of what it shows (always when it shows nothing).
    pub(super) fn sidebar_lags(&self) -> bool {
        self.posts.len() * 4 >= self.sidebar_covers * 5 && self.posts.len() != self.sidebar_covers
    }

    /// Groups the sidebar again if posts came in since it was last grouped.
    pub(super) fn catch_up_sidebar(&mut self) {
        if self.posts.len() != self.sidebar_covers {
            self.rebuild_sidebar();
        }
    }

    /// `[` and `]`: the previous or next post in sidebar order.
    pub(super) fn step_post(&mut self, back: bool) {
        let order = self.sidebar.post_order();
        let current = self
            .reader
            .open
            .and_then(|o| order.iter().position(|p| *p == o));
        let target = match current {
            Some(i) if back => i.checked_sub(1),
            Some(i) => Some(i + 1).filter(|n| *n < order.len()),
            None => (!order.is_empty()).then_some(0),
        };
        if let Some(p) = target.and_then(|t| order.get(t).copied()) {
            self.sidebar.select_post(p);
            self.open_post(p);
        }
    }
}
