//! The list of bookmarks across the folder's posts (`'`): each with its post's title, the
//! line marked and a few words of it. `Enter` goes there, `d` deletes one, `Esc` closes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Outcome;
use crate::styled::{Theme, truncate};
use crate::text::{display_text, str_width};
use crate::tui::action::Action;
use crate::tui::cells::{popup, put_line};
use crate::tui::layout::picker_popup;
use crate::tui::list_cursor::ListCursor;

/// One bookmark as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkRow {
    /// The title of its post (its path when the post is not in the folder now).
    pub title: String,
    /// The source line marked.
    pub line: usize,
    /// A few words of the line.
    pub label: String,
}

/// What the user chose in the list, by index into the bookmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookmarkChoice {
    /// Go to this bookmark (the list closes).
    Go(usize),
    /// Delete this bookmark (the list stays open, without it).
    Delete(usize),
}

/// The bookmark list's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookmarkList {
    /// The bookmarks, in the order they were made.
    pub rows: Vec<BookmarkRow>,
    /// The selection.
    pub cursor: ListCursor,
}

impl BookmarkList {
    /// A list of `rows`, the newest mark selected (it is the one most likely wanted).
    pub fn new(rows: Vec<BookmarkRow>) -> BookmarkList {
        let mut cursor = ListCursor::new(rows.len());
        cursor.selected = rows.len().saturating_sub(1);
        BookmarkList { rows, cursor }
    }

    /// Takes the bookmark at `index` out of the list, keeping the selection near it.
    pub fn remove(&mut self, index: usize) {
        if index < self.rows.len() {
            self.rows.remove(index);
        }
        let selected = self.cursor.selected.min(self.rows.len().saturating_sub(1));
        self.cursor = ListCursor {
            selected,
            offset: self.cursor.offset,
            len: self.rows.len(),
        };
    }

    /// Up and Down move, Enter goes to the selected mark, `d` deletes it, Esc closes.
    pub fn handle(&mut self, action: Action, area: Rect) -> Outcome<BookmarkChoice> {
        let choice = match action {
            Action::Close | Action::OpenBookmarks | Action::Back => return Outcome::Close,
            Action::Up => {
                self.cursor.move_by(-1);
                None
            }
            Action::Down => {
                self.cursor.move_by(1);
                None
            }
            Action::Top => {
                self.cursor.selected = 0;
                None
            }
            Action::Bottom => {
                self.cursor.move_by(isize::MAX);
                None
            }
            Action::Open => self.cursor.selection().map(BookmarkChoice::Go),
            Action::DeleteItem => self.cursor.selection().map(BookmarkChoice::Delete),
            _ => None,
        };
        self.fit(area);
        match choice {
            Some(choice) => Outcome::Chosen(choice),
            None => Outcome::Stay,
        }
    }

    /// Keeps the selection in view on a screen of `area`.
    pub fn fit(&mut self, area: Rect) {
        self.cursor
            .scroll_into_view(usize::from(picker_popup(area).list.height));
    }

    /// Draws the list centred in `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let at = picker_popup(area);
        popup(at.outer, buf, theme, "bookmarks");
        let hint = Line::from(Span::styled(
            "Enter go there · d delete · Esc close",
            theme.dim,
        ));
        if at.prompt.height > 0 {
            put_line(buf, at.prompt.x, at.prompt.y, at.prompt.width, &hint);
        }
        let list = at.list;
        if self.rows.is_empty() {
            let line = Line::from(Span::styled("no bookmarks yet: m marks a place", theme.dim));
            put_line(buf, list.x + 1, list.y, list.width.saturating_sub(1), &line);
            return;
        }
        let width = usize::from(list.width);
        for (row, i) in self.cursor.visible(usize::from(list.height)).enumerate() {
            let Some(mark) = self.rows.get(i) else {
                continue;
            };
            let style = if i == self.cursor.selected {
                theme.selection_focused
            } else {
                theme.text
            };
            // The title gets more room when the line has no words to show.
            let title_room = if mark.label.is_empty() {
                width.saturating_sub(12)
            } else {
                width * 3 / 5
            };
            let title = truncate(&display_text(&mark.title), title_room).into_owned();
            let line_no = format!(" :{} ", mark.line);
            let room = width.saturating_sub(1 + str_width(&title) + str_width(&line_no));
            let label = truncate(&display_text(&mark.label), room).into_owned();
            let used = 1 + str_width(&title) + str_width(&line_no) + str_width(&label);
            let line = Line::from(vec![
                Span::styled(" ", style),
                Span::styled(title, style),
                Span::styled(line_no, style.patch(theme.dim)),
                Span::styled(label, style),
                Span::styled(" ".repeat(width.saturating_sub(used)), style),
            ]);
            put_line(buf, list.x, list.y + row as u16, list.width, &line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::cells::buffer_rows;

    fn rows() -> Vec<BookmarkRow> {
        vec![
            BookmarkRow {
                title: "첫 글".into(),
                line: 12,
                label: "여기서부터 읽기".into(),
            },
            BookmarkRow {
                title: "안내서".into(),
                line: 40,
                label: "설치하기".into(),
            },
        ]
    }

    #[test]
    fn the_newest_mark_is_selected_and_enter_goes_to_the_one_selected() {
        let area = Rect::new(0, 0, 60, 12);
        let mut list = BookmarkList::new(rows());
        assert_eq!(
            list.handle(Action::Open, area),
            Outcome::Chosen(BookmarkChoice::Go(1))
        );
        list.handle(Action::Up, area);
        assert_eq!(
            list.handle(Action::Open, area),
            Outcome::Chosen(BookmarkChoice::Go(0))
        );
        assert_eq!(list.handle(Action::Close, area), Outcome::Close);
    }

    #[test]
    fn d_deletes_the_selected_mark_and_the_selection_stays_in_the_list() {
        let area = Rect::new(0, 0, 60, 12);
        let mut list = BookmarkList::new(rows());
        assert_eq!(
            list.handle(Action::DeleteItem, area),
            Outcome::Chosen(BookmarkChoice::Delete(1))
        );
        list.remove(1);
        assert_eq!(list.cursor.selection(), Some(0));
        list.remove(0);
        assert_eq!(list.cursor.selection(), None);
        assert_eq!(list.handle(Action::Open, area), Outcome::Stay);
    }

    #[test]
    fn each_mark_shows_its_post_line_and_words_within_the_popup() {
        let area = Rect::new(0, 0, 50, 10);
        let mut buf = Buffer::empty(area);
        BookmarkList::new(rows()).render(area, &mut buf, &Theme::default());
        let text = buffer_rows(&buf).join("\n");
        assert!(text.contains("첫 글 :12 여기서부터 읽기"), "{text}");
        assert!(text.contains("안내서 :40 설치하기"), "{text}");
    }
}
