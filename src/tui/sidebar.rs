//! The sidebar's state: posts grouped by category, which groups are open, and the
//! selection. Drawn by `panes::sidebar`.

use std::collections::BTreeSet;

use super::list_cursor::ListCursor;
use crate::library::grouping::{GroupBy, SortBy, group_posts};
use crate::library::{Post, PostId};

/// One category and its posts, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Category name.
    pub name: String,
    /// Its posts, newest first.
    pub posts: Vec<PostId>,
    /// Whether its posts are shown.
    pub expanded: bool,
}

/// A visible row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarRow {
    /// A category header (index into `groups`).
    Category(usize),
    /// A post (group index, the post).
    Post(usize, PostId),
}

/// Categories and posts with a selection, independent of any terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sidebar {
    /// The groups in display order.
    groups: Vec<Group>,
    /// The rows as shown; rebuilt whenever a group opens or closes, read on every frame
    /// and keystroke.
    rows: Vec<SidebarRow>,
    /// Index of the selected row in [`Sidebar::rows`].
    pub selected: usize,
    /// First row shown (kept so the selection stays visible).
    pub offset: usize,
    /// Posts in row order, each once; computed once, read on every frame.
    order: Vec<PostId>,
}

impl Sidebar {
    /// Groups the `visible` posts of `posts` (already newest first) by category.
    /// Categories sort in Unicode order (가나다 for Hangul); "uncategorized" comes last.
    /// A post with several categories is listed under each.
    pub fn new(posts: &[Post], visible: &[PostId]) -> Sidebar {
        Sidebar::grouped(posts, visible, GroupBy::Category, SortBy::Newest, |_| 0)
    }

    /// The posts `visible` of `posts` grouped by `by`, each group ordered by `sort`
    /// (`reading_minutes` measures a post for [`SortBy::ReadingTime`]).
    pub fn grouped(
        posts: &[Post],
        visible: &[PostId],
        by: GroupBy,
        sort: SortBy,
        reading_minutes: impl Fn(&Post) -> usize,
    ) -> Sidebar {
        // The same groups `geul categories` and `geul list --group-by` print: one notion
        // of grouping.
        let groups: Vec<Group> = group_posts(posts, visible, by, sort, reading_minutes)
            .into_iter()
            .map(|group| Group {
                name: group.label,
                posts: group.posts,
                expanded: true,
            })
            .collect();
        let mut seen = std::collections::HashSet::new();
        let order = groups
            .iter()
            .flat_map(|g| g.posts.iter().copied())
            .filter(|p| seen.insert(*p))
            .collect();
        let mut sidebar = Sidebar {
            groups,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            order,
        };
        sidebar.rebuild_rows();
        sidebar
    }

    /// The groups in display order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Opens or closes group `g`, keeping the rows in step.
    fn set_expanded(&mut self, g: usize, expanded: bool) {
        if let Some(group) = self.groups.get_mut(g)
            && group.expanded != expanded
        {
            group.expanded = expanded;
            self.rebuild_rows();
        }
    }

    fn rebuild_rows(&mut self) {
        self.rows.clear();
        for (g, group) in self.groups.iter().enumerate() {
            self.rows.push(SidebarRow::Category(g));
            if group.expanded {
                self.rows
                    .extend(group.posts.iter().map(|&p| SidebarRow::Post(g, p)));
            }
        }
    }

    /// Keeps the expanded/collapsed state of groups that exist in `previous`.
    pub fn keep_expansion(&mut self, previous: &Sidebar) {
        for group in &mut self.groups {
            if let Some(old) = previous.groups.iter().find(|g| g.name == group.name) {
                group.expanded = old.expanded;
            }
        }
        self.rebuild_rows();
    }

    /// Keeps the expanded/collapsed state of groups that exist in `previous`; a group new
    /// since then is collapsed if its name is in `collapsed` (remembered from the last run).
    pub fn keep_expansion_or(&mut self, previous: &Sidebar, collapsed: &BTreeSet<String>) {
        for group in &mut self.groups {
            group.expanded = match previous.groups.iter().find(|g| g.name == group.name) {
                Some(old) => old.expanded,
                None => !collapsed.contains(&group.name),
            };
        }
        self.rebuild_rows();
    }

    /// Selects the row `previous` had selected where it still is (the same post, or the
    /// category of the same name), else the first; keeps its scroll offset. For posts
    /// arriving while the user looks at the list.
    pub fn keep_selection(&mut self, previous: &Sidebar) {
        self.offset = previous.offset;
        let found = match previous.selected_row() {
            Some(SidebarRow::Post(_, post)) => self.select_post(post),
            Some(SidebarRow::Category(g)) => {
                let name = previous.groups.get(g).map(|group| group.name.as_str());
                let row = self.rows.iter().position(|row| {
                    matches!(row, SidebarRow::Category(i)
                        if self.groups.get(*i).map(|group| group.name.as_str()) == name)
                });
                self.selected = row.unwrap_or(0);
                row.is_some()
            }
            None => false,
        };
        if !found {
            self.selected = 0;
        }
    }

    /// The rows as shown: each category, then its posts when expanded.
    pub fn rows(&self) -> &[SidebarRow] {
        &self.rows
    }

    /// The selected row, if any.
    pub fn selected_row(&self) -> Option<SidebarRow> {
        self.rows().get(self.selected).copied()
    }

    /// The post under the selection, if the selection is on a post.
    pub fn selected_post(&self) -> Option<PostId> {
        match self.selected_row()? {
            SidebarRow::Post(_, p) => Some(p),
            SidebarRow::Category(_) => None,
        }
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows().len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Selects the first row.
    pub fn select_first(&mut self) {
        self.selected = 0;
    }

    /// Selects the last row.
    pub fn select_last(&mut self) {
        self.selected = self.rows().len().saturating_sub(1);
    }

    /// Selects `post` (its first occurrence), expanding its group if needed.
    pub fn select_post(&mut self, post: PostId) -> bool {
        let Some(g) = self.groups.iter().position(|g| g.posts.contains(&post)) else {
            return false;
        };
        self.set_expanded(g, true);
        if let Some(i) = self
            .rows()
            .iter()
            .position(|r| *r == SidebarRow::Post(g, post))
        {
            self.selected = i;
            return true;
        }
        false
    }

    /// Expands the selected category. Returns false if the selection is not a category.
    pub fn expand_selected(&mut self) -> bool {
        if let Some(SidebarRow::Category(g)) = self.selected_row() {
            self.set_expanded(g, true);
            return true;
        }
        false
    }

    /// Toggles the selected category open or closed.
    pub fn toggle_selected(&mut self) {
        if let Some(SidebarRow::Category(g)) = self.selected_row() {
            let expanded = self.groups[g].expanded;
            self.set_expanded(g, !expanded);
        }
    }

    /// On a post: selects its category. On a category: collapses it.
    pub fn collapse_or_parent(&mut self) {
        match self.selected_row() {
            Some(SidebarRow::Post(g, _)) => {
                if let Some(i) = self
                    .rows()
                    .iter()
                    .position(|r| *r == SidebarRow::Category(g))
                {
                    self.selected = i;
                }
            }
            Some(SidebarRow::Category(g)) => self.set_expanded(g, false),
            None => {}
        }
    }

    /// Posts in row order (each once), for previous/next navigation.
    pub fn post_order(&self) -> &[PostId] {
        &self.order
    }

    /// Adjusts `offset` so the selection is within `height` visible rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let len = self.rows().len();
        let mut picker = ListCursor {
            selected: self.selected,
            offset: self.offset,
            len,
        };
        picker.scroll_into_view(height);
        self.offset = picker.offset.min(len.saturating_sub(height.max(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::UNCATEGORIZED;

    fn post(title: &str, categories: &[&str]) -> Post {
        Post {
            title: title.to_string(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            ..Post::default()
        }
    }

    fn sample() -> (Vec<Post>, Sidebar) {
        let posts = vec![
            post("새 글", &["여행"]),
            post("AI 글", &["AI 정보 공유"]),
            post("분류 없음", &[]),
            post("옛 여행", &["여행"]),
            post("둘 다", &["개발", "여행"]),
        ];
        let visible: Vec<PostId> = (0..posts.len()).map(PostId).collect();
        let sidebar = Sidebar::new(&posts, &visible);
        (posts, sidebar)
    }

    #[test]
    fn categories_are_in_unicode_order_with_uncategorized_last() {
        let (_, sidebar) = sample();
        let names: Vec<&str> = sidebar.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["AI 정보 공유", "개발", "여행", UNCATEGORIZED]);
    }

    #[test]
    fn posts_keep_library_order_and_appear_under_each_category() {
        let (_, sidebar) = sample();
        assert_eq!(sidebar.groups[2].posts, [PostId(0), PostId(3), PostId(4)]);
        assert_eq!(sidebar.groups[1].posts, [PostId(4)]);
    }

    #[test]
    fn collapsing_hides_posts_and_h_on_a_post_goes_to_its_category() {
        let (_, mut sidebar) = sample();
        assert!(sidebar.select_post(PostId(3)));
        sidebar.collapse_or_parent();
        assert_eq!(sidebar.selected_row(), Some(SidebarRow::Category(2)));
        sidebar.collapse_or_parent();
        assert!(!sidebar.rows().contains(&SidebarRow::Post(2, PostId(3))));
        sidebar.toggle_selected();
        assert!(sidebar.rows().contains(&SidebarRow::Post(2, PostId(3))));
    }

    #[test]
    fn a_selected_category_stays_selected_when_posts_arrive_above_it() {
        let (posts, mut sidebar) = sample();
        sidebar.move_by(2);
        assert_eq!(sidebar.selected_row(), Some(SidebarRow::Category(1)));
        let mut more = posts.clone();
        more.push(post("새 AI 글", &["AI 정보 공유"]));
        let visible: Vec<PostId> = (0..more.len()).map(PostId).collect();
        let mut grown = Sidebar::new(&more, &visible);
        grown.keep_selection(&sidebar);
        assert_eq!(grown.selected_row(), Some(SidebarRow::Category(1)));
        assert_eq!(grown.selected, 3, "one row further down");
    }

    #[test]
    fn a_category_collapsed_last_time_arrives_collapsed_but_one_seen_keeps_its_state() {
        let (posts, mut sidebar) = sample();
        let collapsed = BTreeSet::from(["여행".to_string(), "개발".to_string()]);
        let empty = Sidebar::new(&posts, &[]);
        let mut grown = sidebar.clone();
        grown.keep_expansion_or(&empty, &collapsed);
        let expanded: Vec<bool> = grown.groups.iter().map(|g| g.expanded).collect();
        assert_eq!(expanded, [true, false, false, true]);
        sidebar.keep_expansion_or(&grown, &BTreeSet::new());
        assert!(!sidebar.groups[2].expanded, "seen before: stays as it was");
    }

    #[test]
    fn selection_moves_within_bounds() {
        let (_, mut sidebar) = sample();
        sidebar.move_by(-5);
        assert_eq!(sidebar.selected, 0);
        sidebar.move_by(100);
        assert_eq!(sidebar.selected, sidebar.rows().len() - 1);
    }

    #[test]
    fn scrolling_keeps_the_selection_visible() {
        let (_, mut sidebar) = sample();
        sidebar.select_last();
        sidebar.scroll_into_view(3);
        assert!(sidebar.selected >= sidebar.offset && sidebar.selected < sidebar.offset + 3);
    }
}
