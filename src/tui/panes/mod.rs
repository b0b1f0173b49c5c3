//! Drawing the whole screen: `impl Widget for &App` lays out the frame's own area and
//! hands each pane, then the open overlay, what it draws. Reads state, never changes it.

pub mod article;
pub mod outline;
pub mod post_row;
pub mod sidebar;
pub mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use self::article::ArticlePane;
use self::outline::OutlinePane;
use self::post_row::sidebar_row;
use self::sidebar::SidebarPane;
use self::status::StatusLine;
use super::app::{App, Focus};
use super::cells::put_line;
use super::layout::{MIN_HEIGHT, MIN_WIDTH, Panes, layout};
use super::overlays::Overlay;
use super::overlays::links::describe;
use super::reader::Stop;
use super::sidebar::SidebarRow;
use super::watch::WatchMode;
use crate::library::grouping::{GroupBy, SortBy};
use crate::styled::wrap::wrap_line;
use crate::styled::{Glyphs, Theme, truncate};
use crate::text::{display_text, str_width};

impl Widget for &App {
    /// Lays out `area`, the frame's own size, which may differ from [`App::area`] for the
    /// frame drawn just after the terminal changed size and before its resize event is
    /// handled: every pane then stays inside the buffer, showing the render it has.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.settings.theme;
        let Some(panes) = layout(area, self.shape()) else {
            too_small(area, buf, theme.dim);
            return;
        };
        self.render_sidebar(&panes, buf);
        let separator_style = if self.focus == Focus::Article {
            theme.border_focused
        } else {
            theme.border
        };
        vertical_line(buf, panes.separator, separator_style);
        if let Some(pane) = panes.outline {
            vertical_line(buf, pane.separator, theme.border);
            if let Some((headings, reading)) = self.pinned_outline() {
                OutlinePane {
                    headings,
                    reading,
                    theme,
                }
                .render(pane.area, buf);
            }
        }
        if self.posts.is_empty() && self.reading.is_some() {
            let line = Line::from(Span::styled(
                format!("Reading {}…", self.root.display()),
                theme.dim,
            ));
            for (y, row) in (panes.article.y + 1..panes.article.bottom()).zip(wrap_line(
                &line.spans,
                usize::from(panes.article.width),
                &[],
                &[],
            )) {
                put_line(buf, panes.article.x, y, panes.article.width, &row);
            }
        } else if self.posts.is_empty() {
            empty_folder(self, panes.article, buf, theme);
        } else if let Some(article) = self.article() {
            let pictures = self.shown_pictures(article, panes.article.height);
            ArticlePane {
                article,
                reader: &self.reader,
                scrollbar: panes.scrollbar,
                theme,
                hyperlinks: self.settings.hyperlinks,
                pictures: &pictures,
            }
            .render(panes.article, buf);
        }
        // While a link is chosen, in the picker or with Tab, the status line says where
        // it leads, unless the last key has something to say (`m` marking the place).
        let link_target = match &self.overlay {
            Some(Overlay::Links(picker)) => picker.selected_target(),
            Some(_) => None,
            None => self.reader.link.as_ref().map(|l| match &l.target {
                Stop::Link(target) => describe(target),
                Stop::Summary(fold) if fold.open => "Enter folds these details".to_string(),
                Stop::Summary(_) => "Enter unfolds these details".to_string(),
            }),
        };
        let cut_title = self.selected_title_if_cut(&panes);
        StatusLine {
            position: self.position(),
            percent: self.reader.open.map(|_| self.percent()),
            tag_filter: &self.tag_filter,
            search: self.reader.search.as_ref(),
            notice: self.notice.as_deref().or(link_target.as_deref()),
            full_title: cut_title.as_deref(),
            failures: self.posts.failures(),
            skipped: self.progress.skipped_count(),
            reading: self.reading.map(|_| {
                let progress = &self.progress;
                (progress.read(), progress.found(), progress.walked())
            }),
            indexing: self.indexing.map(|_| (self.index.len(), self.posts.len())),
            watch: match &self.watch {
                WatchMode::Polling => Some("watching by polling"),
                WatchMode::Failed(_) => Some("not watching (r reloads)"),
                WatchMode::Off | WatchMode::Events => None,
            },
            theme,
        }
        .render(panes.status, buf);
        match &self.overlay {
            Some(Overlay::Help(help)) => help.render(area, buf, theme),
            Some(Overlay::Tags(picker)) => picker.render(area, buf, theme),
            Some(Overlay::Search(panel)) => panel.render(self.posts.slots(), area, buf, theme),
            Some(Overlay::Outline(picker)) => picker.render(area, buf, theme),
            Some(Overlay::Links(picker)) => picker.render(area, buf, theme),
            Some(Overlay::Bookmarks(list)) => list.render(area, buf, theme),
            None => {}
        }
    }
}

impl App {
    /// The sidebar's title (the folder and how many posts it holds) and its list.
    /// The whole title of the post selected in the list, when its row had to cut it and
    /// the list has the keys: the status line shows it.
    fn selected_title_if_cut(&self, panes: &Panes) -> Option<String> {
        if self.focus != Focus::Sidebar || self.overlay.is_some() {
            return None;
        }
        let Some(SidebarRow::Post(group, id)) = self.sidebar.selected_row() else {
            return None;
        };
        let post = self.posts.get(id)?;
        let width = usize::from(panes.sidebar_list.width);
        sidebar_row(&self.sidebar, group, post, width)
            .cut
            .then(|| display_text(&post.title).into_owned())
    }

    fn render_sidebar(&self, panes: &Panes, buf: &mut Buffer) {
        if panes.sidebar_title.width == 0 {
            return;
        }
        let theme = &self.settings.theme;
        let folder = self
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let all = self.posts.len();
        let count = match self.tag_filter.is_empty() {
            true => all.to_string(),
            // The posts the tag filter lets through, of all of them.
            false => format!("{} of {all}", self.sidebar.post_order().len()),
        };
        let mut title = format!(" 글 {} · {count}", display_text(&folder));
        // How the list is grouped and ordered, when not the usual way.
        let mut how = Vec::new();
        if self.group_by() != GroupBy::Category {
            how.push(format!("by {}", self.group_by().name()));
        }
        if self.sort_by() != SortBy::Newest {
            how.push(self.sort_by().name().to_string());
        }
        if !how.is_empty() {
            title.push_str(&format!(" · {}", how.join(", ")));
        }
        let title = truncate(&title, usize::from(panes.sidebar_title.width)).into_owned();
        put_line(
            buf,
            panes.sidebar_title.x,
            panes.sidebar_title.y,
            panes.sidebar_title.width,
            &Line::from(Span::styled(title, theme.accent)),
        );
        SidebarPane {
            unread: &self.memory.unread,
            new: &self.memory.new,
            sidebar: &self.sidebar,
            posts: self.posts.slots(),
            theme,
            focused: self.focus == Focus::Sidebar && self.overlay.is_none(),
        }
        .render(panes.sidebar_list, buf);
    }
}

/// What the article pane says when the folder has no posts.
fn empty_folder(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let lines = [
        Line::from(Span::styled("No posts here yet.", theme.title)),
        Line::default(),
        Line::from(Span::styled(
            format!(
                "geul looked for .md and .markdown files in {}",
                app.root.display()
            ),
            theme.dim,
        )),
        Line::from(Span::styled(
            "and its subfolders (hidden folders are skipped).",
            theme.dim,
        )),
        Line::default(),
        Line::from(Span::styled(
            "Run `geul DIR` to open another folder. q quits.",
            theme.dim,
        )),
    ];
    let rows = lines
        .iter()
        .flat_map(|line| wrap_line(&line.spans, usize::from(area.width), &[], &[]));
    for (y, row) in (area.y + 1..area.bottom()).zip(rows) {
        put_line(buf, area.x, y, area.width, &row);
    }
}

/// The message shown when the terminal is too small for the panes.
fn too_small(area: Rect, buf: &mut Buffer, style: Style) {
    let message = format!("geul needs {MIN_WIDTH}x{MIN_HEIGHT} · q quits");
    let rows = wrap_line(
        &[Span::styled(message, style)],
        usize::from(area.width.max(1)),
        &[],
        &[],
    );
    let top = area.height.saturating_sub(rows.len() as u16) / 2;
    for (i, row) in rows.iter().enumerate() {
        let w = str_width(
            &row.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>(),
        ) as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        put_line(buf, x, area.y + top + i as u16, area.width, row);
    }
}

/// A vertical line down `rect` (nothing when it has no columns).
fn vertical_line(buf: &mut Buffer, rect: Rect, style: Style) {
    if rect.width == 0 {
        return;
    }
    for y in rect.top()..rect.bottom() {
        if let Some(cell) = buf.cell_mut((rect.x, y)) {
            cell.set_symbol(Glyphs::current().vertical).set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Post;
    use crate::tui::action::Action;
    use crate::tui::app::AppSettings;
    use std::path::PathBuf;

    fn app(width: u16, height: u16) -> App {
        let posts = (0..30)
            .map(|i| Post {
                title: format!("{i}번째 글"),
                relative_path: PathBuf::from(format!("{i}.md")),
                categories: vec!["분류".into()],
                body: "본문 줄입니다.\n\n".repeat(40).into(),
                ..Post::default()
            })
            .collect();
        App::new(
            PathBuf::from("posts"),
            posts,
            AppSettings::default(),
            Rect::new(0, 0, width, height),
        )
    }

    #[test]
    fn a_frame_smaller_than_the_last_resize_is_drawn_inside_its_buffer() {
        let mut app = app(100, 20);
        app.handle(Action::ToggleFocus);
        app.handle(Action::Down);
        for (w, h) in [(100, 4), (100, 8), (39, 20), (1, 1), (60, 6)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            (&app).render(buf.area, &mut buf);
            let rows = crate::tui::cells::buffer_rows(&buf);
            assert_eq!(rows.len(), usize::from(h));
        }
    }

    #[test]
    fn a_frame_larger_than_the_last_resize_fills_its_buffer_with_the_panes() {
        let app = app(60, 10);
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 30));
        (&app).render(buf.area, &mut buf);
        let rows = crate::tui::cells::buffer_rows(&buf);
        assert!(
            rows[29].contains("? help"),
            "the status line is on the last row"
        );
        assert!(rows[0].contains("글 posts · 30"), "{rows:#?}");
    }

    #[test]
    fn under_a_tag_filter_the_lists_title_says_how_many_posts_of_all_it_shows() {
        let posts = (0..30)
            .map(|i| Post {
                title: format!("{i}번째 글"),
                relative_path: PathBuf::from(format!("{i}.md")),
                tags: if i == 3 {
                    vec!["러스트".into()]
                } else {
                    vec![]
                },
                ..Post::default()
            })
            .collect();
        let mut app = App::new(
            PathBuf::from("posts"),
            posts,
            AppSettings::default(),
            Rect::new(0, 0, 100, 20),
        );
        app.add_tag_filter("러스트".into());
        let mut buf = Buffer::empty(Rect::new(0, 0, 100, 20));
        (&app).render(buf.area, &mut buf);
        let rows = crate::tui::cells::buffer_rows(&buf);
        assert!(rows[0].contains("글 posts · 1 of 30"), "{rows:#?}");
    }

    #[test]
    fn a_terminal_too_small_says_what_geul_needs() {
        let app = app(30, 4);
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 4));
        (&app).render(buf.area, &mut buf);
        let rows = crate::tui::cells::buffer_rows(&buf);
        assert!(
            rows.iter().any(|r| r.contains("geul needs 40x6")),
            "{rows:#?}"
        );
    }
}
