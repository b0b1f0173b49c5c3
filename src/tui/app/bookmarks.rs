//! Bookmarks: `m` marks the place being read (its source line and a few words of it),
//! `'` lists the marks across posts; going to one opens its post there.

use std::path::PathBuf;

use super::App;
use crate::library::state::{Bookmark, post_key};
use crate::tui::action::Action;
use crate::tui::overlays::bookmarks::{BookmarkChoice, BookmarkRow};
use crate::tui::overlays::{BookmarkList, Outcome, Overlay};

/// Words of the marked line kept as its label.
const LABEL_WORDS: usize = 8;

/// Lines looked at, from the marked one down, for words to label the mark with.
const LABEL_LOOKAHEAD: usize = 6;

/// A few words of a Markdown source line, without its block markers (`#`, `>`, `-`, …),
/// to recognise the place in a list.
pub fn label_of(line: &str) -> String {
    let text = line
        .trim()
        .trim_start_matches(['#', '>', '-', '*', '+', '_', '=', '`', '|', ' ', '\t']);
    text.split_whitespace()
        .take(LABEL_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A few words of a rendered row, without the bullets, numbers' frames and bars drawn
/// before its text.
fn label_of_row(row: &str) -> String {
    let text = row.trim_start_matches(|c: char| !c.is_alphanumeric());
    text.split_whitespace()
        .take(LABEL_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

impl App {
    /// `m`: marks the source line at the top of the pane in the open post.
    pub(super) fn mark_place(&mut self) {
        let Some(post) = self.reader.open.and_then(|o| self.posts.get(o)) else {
            self.notice = Some("no post is open".into());
            return;
        };
        let (body, row) = self
            .article()
            .and_then(|a| a.body_place(self.reader.scroll))
            .map_or((0, None), |(body, row)| (body, Some(row)));
        let line = post.body_line.max(1) + body;
        // A rule or a blank line says nothing: the first words below it do. Deeper in a
        // block than its first line (an item down a long list), the rows shown say where.
        let from_rows = row.is_some_and(|row| row > 1);
        let label = match self.article().filter(|_| from_rows) {
            Some(article) => (self.reader.scroll..article.lines.len())
                .take(LABEL_LOOKAHEAD)
                .map(|row| label_of_row(&article.row_text(row)))
                .find(|label| !label.is_empty()),
            None => post
                .body
                .lines()
                .skip(body)
                .take(LABEL_LOOKAHEAD)
                .map(label_of)
                .find(|label| !label.is_empty()),
        }
        .unwrap_or_default();
        let key = post_key(&post.relative_path);
        let marks = &mut self.memory.state.bookmarks;
        if marks
            .iter()
            .any(|m| m.post == key && m.line == line && m.row == row)
        {
            self.notice = Some(format!("line {line} is marked already (' lists the marks)"));
            return;
        }
        marks.push(Bookmark {
            post: key,
            line,
            row,
            label,
        });
        self.memory.touch();
        self.notice = Some(format!("marked line {line} (' lists the marks)"));
    }

    fn bookmark_rows(&self) -> Vec<BookmarkRow> {
        self.memory
            .state
            .bookmarks
            .iter()
            .map(|mark| {
                let title = self
                    .posts
                    .find(&PathBuf::from(&mark.post))
                    .and_then(|id| self.posts.get(id))
                    .map_or_else(|| mark.post.clone(), |p| p.title.clone());
                BookmarkRow {
                    title,
                    line: mark.line,
                    label: mark.label.clone(),
                }
            })
            .collect()
    }

    /// `'`: the list of bookmarks.
    pub(super) fn open_bookmarks(&mut self) {
        let mut list = BookmarkList::new(self.bookmark_rows());
        list.fit(self.area);
        self.overlay = Some(Overlay::Bookmarks(list));
    }

    /// Gives `action` to the bookmark list and carries out what it chose.
    pub(super) fn handle_bookmarks(&mut self, action: Action) {
        let area = self.area;
        let Some(Overlay::Bookmarks(list)) = &mut self.overlay else {
            return;
        };
        match list.handle(action, area) {
            Outcome::Stay => {}
            Outcome::Close => self.overlay = None,
            Outcome::Chosen(BookmarkChoice::Delete(i)) => {
                list.remove(i);
                if i < self.memory.state.bookmarks.len() {
                    self.memory.state.bookmarks.remove(i);
                    self.memory.touch();
                }
            }
            Outcome::Chosen(BookmarkChoice::Go(i)) => {
                self.overlay = None;
                self.go_to_bookmark(i);
            }
        }
    }

    fn go_to_bookmark(&mut self, i: usize) {
        let Some(mark) = self.memory.state.bookmarks.get(i).cloned() else {
            return;
        };
        let Some(post) = self.posts.find(&PathBuf::from(&mark.post)) else {
            self.notice = Some(format!("{} is no longer in the folder", mark.post));
            return;
        };
        self.remember_history_place();
        self.show_post(post);
        if let Some(body_line) = self
            .posts
            .get(post)
            .map(|p| mark.line.saturating_sub(p.body_line.max(1)))
        {
            self.scroll_to_body_line_at(body_line, mark.row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_the_first_words_of_the_line_without_block_markers() {
        assert_eq!(label_of("## 설치하기  "), "설치하기");
        assert_eq!(label_of("> - 인용 속 목록"), "인용 속 목록");
        assert_eq!(label_of("---"), "", "a rule has no words");
        assert_eq!(
            label_of("one two three four five six seven eight nine ten"),
            "one two three four five six seven eight"
        );
    }
}
