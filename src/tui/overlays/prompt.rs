//! Text typed into a picker or search prompt, and the popup it is typed in.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::styled::{Glyphs, Theme};
use crate::text::display_text;
use crate::tui::cells::{popup, put_line};
use crate::tui::layout::PromptPopup;

/// A one-line input. Characters arrive one key event at a time, including composed Hangul
/// syllables from an IME; Backspace removes the last grapheme (a whole syllable, even one
/// stored decomposed), never a byte or a lone jamo of a composed syllable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    text: String,
}

impl Prompt {
    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Appends a typed character. Control characters are ignored.
    pub fn push(&mut self, c: char) {
        if !c.is_control() {
            self.text.push(c);
        }
    }

    /// Removes the last grapheme. Returns whether anything was removed.
    pub fn backspace(&mut self) -> bool {
        match self.text.grapheme_indices(true).next_back() {
            Some((start, _)) => {
                self.text.truncate(start);
                true
            }
            None => false,
        }
    }
}

/// Draws a popup at `at` with `title`, and on its prompt row `sigil`, the text typed and
/// a cursor.
pub fn render_prompt_popup(
    at: PromptPopup,
    buf: &mut Buffer,
    theme: &Theme,
    title: &str,
    sigil: &str,
    prompt: &Prompt,
) {
    popup(at.outer, buf, theme, title);
    let line = Line::from(vec![
        Span::styled(format!("{sigil} "), theme.key),
        Span::styled(display_text(prompt.text()).into_owned(), theme.text),
        Span::styled(Glyphs::current().caret, theme.accent),
    ]);
    if at.prompt.height > 0 {
        put_line(buf, at.prompt.x, at.prompt.y, at.prompt.width, &line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_removes_a_whole_syllable() {
        let mut prompt = Prompt::default();
        for c in "생성형".chars() {
            prompt.push(c);
        }
        prompt.backspace();
        assert_eq!(prompt.text(), "생성");
    }

    #[test]
    fn backspace_removes_a_decomposed_syllable_at_once() {
        let mut prompt = Prompt::default();
        // 한 as three conjoining jamo (NFD).
        for c in "a\u{1112}\u{1161}\u{11AB}".chars() {
            prompt.push(c);
        }
        prompt.backspace();
        assert_eq!(prompt.text(), "a");
        assert!(prompt.backspace());
        assert!(!prompt.backspace());
    }

    #[test]
    fn control_characters_are_not_typed() {
        let mut prompt = Prompt::default();
        prompt.push('\u{1b}');
        prompt.push('가');
        assert_eq!(prompt.text(), "가");
    }
}
