//! What the filtered pickers (tags, outline, links) share: a prompt that filters a list,
//! Up and Down to move, Enter to choose, Esc to close, and a note when nothing matches.
//! Each picker says what it lists and what choosing gives; the keys and the scrolling are
//! written once here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Outcome;
use super::prompt::Prompt;
use crate::styled::Theme;
use crate::tui::action::Action;
use crate::tui::cells::put_line;
use crate::tui::layout::PromptPopup;
use crate::tui::list_cursor::ListCursor;

/// A list filtered by what is typed in its prompt.
pub trait FilteredPicker {
    /// What choosing an item gives the app.
    type Choice;

    /// The prompt and the selection in the filtered list, to change together.
    fn prompt_and_cursor(&mut self) -> (&mut Prompt, &mut ListCursor);

    /// The selected item, as the app takes it.
    fn choice(&self) -> Option<Self::Choice>;

    /// Filters the list again after the prompt changed.
    fn refilter(&mut self);

    /// Where the picker sits on a screen of `area`.
    fn popup(area: Rect) -> PromptPopup;

    /// Typing filters, Up and Down move, Enter chooses the selected item, Esc closes.
    /// `area` is the screen, for how many items the list shows.
    fn handle(&mut self, action: Action, area: Rect) -> Outcome<Self::Choice> {
        let (prompt, cursor) = self.prompt_and_cursor();
        match action {
            Action::Close => return Outcome::Close,
            Action::Open => {
                return match self.choice() {
                    Some(choice) => Outcome::Chosen(choice),
                    None => Outcome::Close,
                };
            }
            Action::Input(c) => {
                prompt.push(c);
                self.refilter();
            }
            Action::DeleteChar => {
                prompt.backspace();
                self.refilter();
            }
            Action::Up => cursor.move_by(-1),
            Action::Down => cursor.move_by(1),
            _ => {}
        }
        self.fit(area);
        Outcome::Stay
    }

    /// Keeps the selection in view on a screen of `area`.
    fn fit(&mut self, area: Rect) {
        let height = usize::from(Self::popup(area).list.height);
        self.prompt_and_cursor().1.scroll_into_view(height);
    }
}

/// Writes `note` dim on the first row of an empty `list` ("no tag matches").
pub fn render_empty_note(list: Rect, buf: &mut Buffer, theme: &Theme, note: &str) {
    let line = Line::from(Span::styled(note, theme.dim));
    put_line(buf, list.x + 1, list.y, list.width.saturating_sub(1), &line);
}
