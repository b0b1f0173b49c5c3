//! The hashtag picker (`#`): the tags of the posts shown, filtered fuzzily as you type.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::filtered::{FilteredPicker, render_empty_note};
use super::prompt::{Prompt, render_prompt_popup};
use crate::library::tags;
use crate::library::{Post, PostId};
use crate::styled::{Theme, truncate};
use crate::text::fold::fold;
use crate::text::{display_text, str_width};
use crate::tui::cells::put_line;
use crate::tui::layout::{PromptPopup, tag_popup};
use crate::tui::list_cursor::ListCursor;
use crate::tui::panes::status::thousands;

/// The hashtag picker's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagPicker {
    /// What was typed.
    pub prompt: Prompt,
    /// Every tag of the posts shown (minus the active filter) with its count.
    pub tags: Vec<(String, usize)>,
    /// Indices into `tags` matching the prompt, best first.
    pub matches: Vec<usize>,
    /// Selection among `matches`.
    pub cursor: ListCursor,
    /// While the folder is still read: posts whose tags are counted, and posts there are.
    pub building: Option<(usize, usize)>,
}

impl TagPicker {
    /// A picker over `tags` (with their counts), every tag listed.
    pub fn new(tags: Vec<(String, usize)>) -> TagPicker {
        let mut picker = TagPicker {
            tags,
            ..TagPicker::default()
        };
        picker.filter();
        picker
    }

    /// A picker over the tags of the `shown` posts, without those of `filter` (already
    /// chosen).
    pub fn for_posts(posts: &[Post], shown: &[PostId], filter: &[String]) -> TagPicker {
        TagPicker::new(shown_tags(posts, shown, filter))
    }

    /// Counts the tags again for posts that arrived or changed, keeping what was typed
    /// and the selected place where the list still reaches it.
    pub fn retag(&mut self, posts: &[Post], shown: &[PostId], filter: &[String]) {
        let selected = self.cursor.selected;
        self.tags = shown_tags(posts, shown, filter);
        self.filter();
        if selected < self.matches.len() {
            self.cursor.selected = selected;
        }
    }
}

/// Every tag of the `shown` posts with its count, without those of `filter`.
fn shown_tags(posts: &[Post], shown: &[PostId], filter: &[String]) -> Vec<(String, usize)> {
    let shown = shown
        .iter()
        .filter_map(|p| posts.get(p.index()))
        .map(|p| p.tags.as_slice());
    let filter: Vec<String> = filter.iter().map(|t| fold(t)).collect();
    tags::tag_counts(shown)
        .into_iter()
        .filter(|(t, _)| !filter.contains(&fold(t)))
        .collect()
}

impl TagPicker {
    fn filter(&mut self) {
        self.matches = tags::fuzzy_tags(&self.tags, self.prompt.text());
        self.cursor = ListCursor::new(self.matches.len());
    }

    /// The selected tag.
    pub fn selected_tag(&self) -> Option<&str> {
        let i = *self.matches.get(self.cursor.selection()?)?;
        self.tags.get(i).map(|(tag, _)| tag.as_str())
    }

    /// Draws the picker centred in `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let at = tag_popup(area);
        let title = match self.building {
            Some((read, total)) => {
                format!("# tags · reading {}/{}…", thousands(read), thousands(total))
            }
            None => "# tags".to_string(),
        };
        render_prompt_popup(at, buf, theme, &title, "#", &self.prompt);
        let list = at.list;
        if self.matches.is_empty() {
            render_empty_note(list, buf, theme, "no tag matches");
        }
        let width = usize::from(list.width);
        for (row, i) in self.cursor.visible(usize::from(list.height)).enumerate() {
            let Some((tag, count)) = self.matches.get(i).and_then(|&t| self.tags.get(t)) else {
                continue;
            };
            let count = format!("{count} ");
            let room = width.saturating_sub(str_width(&count) + 2);
            let name = truncate(&display_text(&format!("#{tag}")), room).into_owned();
            let pad = width.saturating_sub(1 + str_width(&name) + str_width(&count));
            let selected = i == self.cursor.selected;
            let style = if selected {
                theme.selection_focused
            } else {
                theme.text
            };
            let line = Line::from(vec![
                Span::styled(" ", style),
                Span::styled(name, style),
                Span::styled(" ".repeat(pad), style),
                Span::styled(count, if selected { style } else { theme.dim }),
            ]);
            put_line(buf, list.x, list.y + row as u16, list.width, &line);
        }
    }
}

impl FilteredPicker for TagPicker {
    type Choice = String;

    fn prompt_and_cursor(&mut self) -> (&mut Prompt, &mut ListCursor) {
        (&mut self.prompt, &mut self.cursor)
    }

    fn choice(&self) -> Option<String> {
        self.selected_tag().map(str::to_string)
    }

    fn refilter(&mut self) {
        self.filter();
    }

    fn popup(area: Rect) -> PromptPopup {
        tag_popup(area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::cells::buffer_rows;
    use crate::tui::overlays::Outcome;

    fn typed(picker: &mut TagPicker, text: &str, area: Rect) {
        for c in text.chars() {
            picker.handle(Action::Input(c), area);
        }
    }

    #[test]
    fn typing_initial_consonants_finds_the_tag_and_enter_chooses_it() {
        let area = Rect::new(0, 0, 80, 20);
        let mut picker = TagPicker::new(vec![("파이썬".into(), 3), ("러스트".into(), 2)]);
        typed(&mut picker, "ㄹㅅ", area);
        assert_eq!(picker.selected_tag(), Some("러스트"));
        assert_eq!(
            picker.handle(Action::Open, area),
            Outcome::Chosen("러스트".into())
        );
    }

    #[test]
    fn the_selection_stays_in_view_as_it_moves_down_a_long_list() {
        let area = Rect::new(0, 0, 60, 12);
        let tags = (0..30).map(|i| (format!("tag{i:02}"), 30 - i)).collect();
        let mut picker = TagPicker::new(tags);
        let rows = usize::from(tag_popup(area).list.height);
        for _ in 0..20 {
            picker.handle(Action::Down, area);
        }
        assert_eq!(picker.cursor.selected, 20);
        assert_eq!(picker.cursor.offset, 21 - rows);
    }

    #[test]
    fn the_picker_draws_the_prompt_the_tags_and_their_counts() {
        // A 48 x 6 popup in the middle of a 48 x 10 screen: rows 2 to 7.
        let area = Rect::new(0, 0, 48, 10);
        let mut buf = Buffer::empty(area);
        let picker = TagPicker::new(vec![("생성형AI".into(), 12), ("LLM".into(), 3)]);
        picker.render(area, &mut buf, &Theme::default());
        let rows = buffer_rows(&buf);
        assert!(rows[2].starts_with("╭ # tags ─"), "{rows:#?}");
        assert!(rows[3].starts_with("│# ▏"), "{rows:#?}");
        assert_eq!(rows[5], format!("│ #생성형AI{}12 │", " ".repeat(33)));
        assert_eq!(rows[6], format!("│ #LLM{}3 │", " ".repeat(39)));
        assert!(rows[7].starts_with("╰─"), "{rows:#?}");
    }

    #[test]
    fn a_picker_for_posts_leaves_out_the_tags_already_chosen() {
        let posts = vec![
            Post {
                tags: vec!["Rust".into(), "cli".into()],
                ..Post::default()
            },
            Post {
                tags: vec!["rust".into()],
                ..Post::default()
            },
        ];
        let picker = TagPicker::for_posts(&posts, &[PostId(0), PostId(1)], &["RUST".into()]);
        assert_eq!(picker.tags, [("cli".to_string(), 1)]);
    }
}
