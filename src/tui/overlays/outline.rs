//! The outline of the open article (`o`): its headings indented by level, the section
//! being read marked, filtered as you type (초성 too), `Enter` jumps to the heading.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::filtered::{FilteredPicker, render_empty_note};
use super::prompt::{Prompt, render_prompt_popup};
use crate::library::outline::Heading;
use crate::library::tags::fuzzy_tags;
use crate::styled::{Theme, truncate};
use crate::text::{display_text, str_width};
use crate::tui::cells::put_line;
use crate::tui::layout::{PromptPopup, picker_popup};
use crate::tui::list_cursor::ListCursor;

/// The outline overlay's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutlinePicker {
    /// What was typed.
    pub prompt: Prompt,
    /// The article's headings, in order.
    pub headings: Vec<Heading>,
    /// Indices into `headings` matching the prompt, in reading order.
    pub matches: Vec<usize>,
    /// Selection among `matches`.
    pub cursor: ListCursor,
    /// The heading of the section being read, if the view is past the first one.
    pub reading: Option<usize>,
}

impl OutlinePicker {
    /// An outline of `headings`, the one at `reading` (the section being read) selected.
    pub fn new(headings: Vec<Heading>, reading: Option<usize>) -> OutlinePicker {
        let mut picker = OutlinePicker {
            headings,
            reading,
            ..OutlinePicker::default()
        };
        picker.filter();
        picker
    }

    /// Marks the section being read (it follows the article's scroll).
    pub fn set_reading(&mut self, reading: Option<usize>) {
        self.reading = reading;
    }

    fn filter(&mut self) {
        let texts: Vec<(String, usize)> =
            self.headings.iter().map(|h| (h.text.clone(), 0)).collect();
        let mut matches = fuzzy_tags(&texts, self.prompt.text());
        // An outline reads top to bottom: matches keep the article's order.
        matches.sort_unstable();
        self.matches = matches;
        self.cursor = ListCursor::new(self.matches.len());
        // Start on the section being read, or the first match after it.
        if let Some(reading) = self.reading
            && let Some(at) = self.matches.iter().position(|&m| m >= reading)
        {
            self.cursor.selected = at;
        }
    }

    /// The selected heading.
    pub fn selected(&self) -> Option<&Heading> {
        let i = *self.matches.get(self.cursor.selection()?)?;
        self.headings.get(i)
    }

    /// Draws the outline centred in `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let at = picker_popup(area);
        render_prompt_popup(at, buf, theme, "outline", "≡", &self.prompt);
        let list = at.list;
        if self.matches.is_empty() {
            let text = if self.headings.is_empty() {
                "this post has no headings"
            } else {
                "no heading matches"
            };
            render_empty_note(list, buf, theme, text);
        }
        let width = usize::from(list.width);
        let top_level = self.headings.iter().map(|h| h.level).min().unwrap_or(1);
        for (row, i) in self.cursor.visible(usize::from(list.height)).enumerate() {
            let Some((index, heading)) = self
                .matches
                .get(i)
                .and_then(|&h| Some((h, self.headings.get(h)?)))
            else {
                continue;
            };
            let selected = i == self.cursor.selected;
            let reading = self.reading == Some(index);
            let style = match (selected, reading) {
                (true, _) => theme.selection_focused,
                (false, true) => theme.accent,
                (false, false) => theme.text,
            };
            let mark = if reading { "▸ " } else { "  " };
            let indent = "  ".repeat(usize::from(heading.level.saturating_sub(top_level)));
            let room = width.saturating_sub(str_width(mark) + indent.len() + 1);
            let text = truncate(&display_text(&heading.text), room).into_owned();
            let pad = width.saturating_sub(str_width(mark) + indent.len() + str_width(&text));
            let line = Line::from(vec![
                Span::styled(mark, style),
                Span::styled(indent, style),
                Span::styled(text, style),
                Span::styled(" ".repeat(pad), style),
            ]);
            put_line(buf, list.x, list.y + row as u16, list.width, &line);
        }
    }
}

impl FilteredPicker for OutlinePicker {
    type Choice = usize;

    fn prompt_and_cursor(&mut self) -> (&mut Prompt, &mut ListCursor) {
        (&mut self.prompt, &mut self.cursor)
    }

    fn choice(&self) -> Option<usize> {
        self.selected().map(|heading| heading.body_line)
    }

    fn refilter(&mut self) {
        self.filter();
    }

    fn popup(area: Rect) -> PromptPopup {
        picker_popup(area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::outline::outline;
    use crate::tui::action::Action;
    use crate::tui::cells::buffer_rows;
    use crate::tui::overlays::Outcome;

    const BODY: &str = "# 시작\n\n## 설치하기\n\n본문\n\n### 리눅스\n\n## 예제\n";

    #[test]
    fn the_outline_opens_on_the_section_being_read() {
        let picker = OutlinePicker::new(outline(BODY), Some(2));
        assert_eq!(picker.selected().map(|h| h.text.as_str()), Some("리눅스"));
    }

    #[test]
    fn typing_initial_consonants_filters_and_enter_gives_the_heading_line() {
        let area = Rect::new(0, 0, 80, 20);
        let mut picker = OutlinePicker::new(outline(BODY), None);
        for c in "ㅇㅈ".chars() {
            picker.handle(Action::Input(c), area);
        }
        assert_eq!(picker.selected().map(|h| h.text.as_str()), Some("예제"));
        assert_eq!(picker.handle(Action::Open, area), Outcome::Chosen(8));
        assert_eq!(picker.handle(Action::Close, area), Outcome::Close);
    }

    #[test]
    fn headings_are_indented_by_level_and_the_section_read_is_marked() {
        let area = Rect::new(0, 0, 40, 12);
        let mut buf = Buffer::empty(area);
        let picker = OutlinePicker::new(outline(BODY), Some(1));
        picker.render(area, &mut buf, &Theme::default());
        let rows = buffer_rows(&buf);
        let list: Vec<&str> = rows.iter().map(|r| r.trim()).collect();
        assert!(list.iter().any(|r| r.starts_with("│  시작")), "{rows:#?}");
        assert!(
            list.iter().any(|r| r.starts_with("│▸   설치하기")),
            "{rows:#?}"
        );
        assert!(
            list.iter().any(|r| r.starts_with("│      리눅스")),
            "{rows:#?}"
        );
    }
}
