//! The sidebar pane: the visible rows of the category list, the selection as a bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use std::collections::HashSet;

use ratatui::style::Modifier;

use crate::library::{Post, PostId};
use crate::styled::{Theme, truncate};
use crate::text::{display_text, str_width};
use crate::tui::cells::{put_line, selection_bar};
use crate::tui::panes::post_row::sidebar_row;
use crate::tui::sidebar::{Sidebar, SidebarRow};

/// What the sidebar pane draws.
#[derive(Debug, Clone, Copy)]
pub struct SidebarPane<'a> {
    /// Groups, rows, selection and offset.
    pub sidebar: &'a Sidebar,
    /// The library's posts, for titles and dates.
    pub posts: &'a [Post],
    /// Palette.
    pub theme: &'a Theme,
    /// Whether keys move this pane's selection (the bar is brighter then).
    pub focused: bool,
    /// Posts not read: their titles are bold, and each category counts them.
    pub unread: &'a HashSet<PostId>,
    /// Posts new since the last visit: marked with a dot.
    pub new: &'a HashSet<PostId>,
}

impl SidebarPane<'_> {
    fn category_line(&self, g: usize, width: usize) -> Option<Line<'static>> {
        let theme = self.theme;
        let group = self.sidebar.groups().get(g)?;
        let arrow = if group.expanded { "▾ " } else { "▸ " };
        let unread = group
            .posts
            .iter()
            .filter(|p| self.unread.contains(p))
            .count();
        // Unread posts are counted before the total, as `3/10`.
        let unread = if unread > 0 {
            format!(" {unread}/")
        } else {
            " ".to_string()
        };
        let count = group.posts.len().to_string();
        let name_room = width.saturating_sub(2 + str_width(&unread) + str_width(&count));
        let name = display_text(&group.name);
        Some(Line::from(vec![
            Span::styled(arrow, theme.category),
            Span::styled(truncate(&name, name_room).into_owned(), theme.category),
            Span::styled(unread, theme.accent),
            Span::styled(count, theme.dim),
        ]))
    }

    fn post_line(&self, group: usize, id: PostId, post: &Post, width: usize) -> Line<'static> {
        let theme = self.theme;
        let (mark, mark_style) = if post.error.is_some() {
            ("! ", theme.error)
        } else if self.new.contains(&id) {
            ("* ", theme.accent)
        } else {
            ("  ", theme.dim)
        };
        let title_style = if self.unread.contains(&id) {
            theme.text.add_modifier(Modifier::BOLD)
        } else {
            theme.text
        };
        let row = sidebar_row(self.sidebar, group, post, width);
        Line::from(vec![
            Span::styled(mark, mark_style),
            Span::styled(row.prefix, theme.dim),
            Span::styled(row.title, title_style),
            Span::raw(" ".repeat(row.pad)),
            Span::styled(row.date, theme.dim),
        ])
    }
}

impl Widget for SidebarPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let sidebar = self.sidebar;
        for (i, row) in sidebar
            .rows()
            .iter()
            .enumerate()
            .skip(sidebar.offset)
            .take(usize::from(area.height))
        {
            let y = area.y + (i - sidebar.offset) as u16;
            let line = match *row {
                SidebarRow::Category(g) => self.category_line(g, width),
                SidebarRow::Post(g, id) => self
                    .posts
                    .get(id.index())
                    .map(|p| self.post_line(g, id, p, width)),
            };
            let Some(line) = line else { continue };
            let line = if i == sidebar.selected {
                let style = if self.focused {
                    self.theme.selection_focused
                } else {
                    self.theme.selection_unfocused
                };
                selection_bar(line.spans, width, style)
            } else {
                line
            };
            put_line(buf, area.x, y, area.width, &line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::PostId;

    fn post(title: &str, category: &str, error: bool) -> Post {
        Post {
            title: title.into(),
            categories: vec![category.into()],
            date: chrono::NaiveDate::from_ymd_opt(2025, 11, 20)
                .and_then(|d| d.and_hms_opt(0, 0, 0)),
            error: error.then(|| "broken".to_string()),
            ..Post::default()
        }
    }

    /// The pane's rows at `width` for one LangChain post in the LangChain category.
    fn rows_at(width: u16) -> Vec<String> {
        let posts = vec![post(
            "[LangChain] 에이전트로 검색 도구 만들기",
            "LangChain",
            false,
        )];
        let sidebar = Sidebar::new(&posts, &[PostId(0)]);
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 2));
        SidebarPane {
            sidebar: &sidebar,
            posts: &posts,
            theme: &theme,
            focused: false,
            unread: &HashSet::new(),
            new: &HashSet::new(),
        }
        .render(buf.area, &mut buf);
        crate::tui::cells::buffer_rows(&buf)
    }

    #[test]
    fn a_row_gives_the_title_the_room_at_16_24_34_and_50_columns() {
        assert_eq!(
            rows_at(50)[1],
            "  [LangChain] 에이전트로 검색 도구 만들기 25.11.20"
        );
        assert_eq!(rows_at(34)[1], "  에이전트로 검색 도구 …  25.11.20");
        assert_eq!(rows_at(24)[1], "  에이전트로 …  25.11.20");
        assert_eq!(rows_at(16)[1], "  에이전트로 검…");
    }

    #[test]
    fn categories_show_their_counts_and_posts_their_dates() {
        let posts = vec![
            post("생성형 AI란", "AI", false),
            post("깨진 글", "AI", true),
        ];
        let sidebar = Sidebar::new(&posts, &[PostId(0), PostId(1)]);
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 4));
        let pane = SidebarPane {
            sidebar: &sidebar,
            posts: &posts,
            theme: &theme,
            focused: true,
            unread: &HashSet::new(),
            new: &HashSet::new(),
        };
        pane.render(buf.area, &mut buf);
        let mut expected = Buffer::with_lines([
            "▾ AI 2                  ",
            "  생성형 AI란   25.11.20",
            "! 깨진 글       25.11.20",
            "                        ",
        ]);
        // Only the symbols are compared: the styles are the theme's business.
        expected.set_style(expected.area, ratatui::style::Style::reset());
        buf.set_style(buf.area, ratatui::style::Style::reset());
        assert_eq!(buf, expected);
    }

    #[test]
    fn unread_posts_are_bold_and_counted_and_new_ones_marked_without_changing_widths() {
        let posts = vec![
            post("새 글", "AI", false),
            post("읽은 글", "AI", false),
            post("안 읽은 글", "AI", false),
        ];
        let sidebar = Sidebar::new(&posts, &[PostId(0), PostId(1), PostId(2)]);
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 4));
        SidebarPane {
            sidebar: &sidebar,
            posts: &posts,
            theme: &theme,
            focused: false,
            unread: &HashSet::from([PostId(0), PostId(2)]),
            new: &HashSet::from([PostId(0)]),
        }
        .render(buf.area, &mut buf);
        let mut plain = buf.clone();
        plain.set_style(plain.area, ratatui::style::Style::reset());
        let mut expected = Buffer::with_lines([
            "▾ AI 2/3                ",
            "* 새 글         25.11.20",
            "  읽은 글       25.11.20",
            "  안 읽은 글    25.11.20",
        ]);
        expected.set_style(expected.area, ratatui::style::Style::reset());
        assert_eq!(plain, expected);
        let bold = |y| buf[(2, y)].modifier.contains(Modifier::BOLD);
        assert!(bold(1) && !bold(2) && bold(3));
    }

    #[test]
    fn the_selected_row_is_a_bar_across_the_pane() {
        let posts = vec![post("글", "AI", false)];
        let sidebar = Sidebar::new(&posts, &[PostId(0)]);
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 2));
        SidebarPane {
            sidebar: &sidebar,
            posts: &posts,
            theme: &theme,
            focused: true,
            unread: &HashSet::new(),
            new: &HashSet::new(),
        }
        .render(buf.area, &mut buf);
        for x in 0..20 {
            assert_eq!(
                buf[(x, 0)].bg,
                theme.selection_focused.bg.unwrap_or_default(),
                "column {x}"
            );
        }
        assert_ne!(
            buf[(0, 1)].bg,
            theme.selection_focused.bg.unwrap_or_default()
        );
    }
}
