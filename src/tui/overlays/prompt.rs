//! Text typed into a picker or search prompt, and the popup it is typed in.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::styled::{Glyphs, Theme};
use crate::text::{display_text, str_width};
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
    let glyphs = Glyphs::current();
    let lead = format!("{sigil} ");
    // The end of what is typed, where the cursor is, always shows: a query longer than
    // the box loses its start behind an ellipsis.
    let room =
        usize::from(at.prompt.width).saturating_sub(str_width(&lead) + str_width(glyphs.caret));
    let shown = tail_fitting(&display_text(prompt.text()), room, glyphs.ellipsis);
    let line = Line::from(vec![
        Span::styled(lead, theme.key),
        Span::styled(shown, theme.text),
        Span::styled(glyphs.caret, theme.accent),
    ]);
    if at.prompt.height > 0 {
        put_line(buf, at.prompt.x, at.prompt.y, at.prompt.width, &line);
    }
}

/// The end of `text` that fits in `max` columns: all of it when it fits, else
/// `ellipsis` and as many whole graphemes from the end as fit after it.
fn tail_fitting(text: &str, max: usize, ellipsis: &str) -> String {
    if str_width(text) <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(str_width(ellipsis));
    let mut start = text.len();
    let mut used = 0;
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        let width = str_width(grapheme);
        if used + width > room {
            break;
        }
        used += width;
        start = at;
    }
    if max < str_width(ellipsis) {
        return String::new();
    }
    format!("{ellipsis}{}", &text[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_longer_than_the_box_shows_its_end_after_an_ellipsis() {
        assert_eq!(
            tail_fitting("생성형 AI 파이썬 자동화", 10, "…"),
            "…썬 자동화"
        );
        assert_eq!(tail_fitting("짧은 글", 10, "…"), "짧은 글");
        assert!(str_width(&tail_fitting("가나다라마바사", 7, "…")) <= 7);
        assert_eq!(tail_fitting("abc", 0, "…"), "");
    }

    #[test]
    fn the_prompt_row_keeps_the_cursor_in_the_box_however_long_the_query() {
        let area = ratatui::layout::Rect::new(0, 0, 30, 5);
        let at = PromptPopup {
            outer: area,
            prompt: ratatui::layout::Rect::new(1, 1, 20, 1),
            list: ratatui::layout::Rect::new(1, 2, 20, 2),
        };
        let mut prompt = Prompt::default();
        for c in "아주 긴 검색어를 끝까지 입력하면 커서가 보여야 한다".chars()
        {
            prompt.push(c);
        }
        let mut buf = Buffer::empty(area);
        render_prompt_popup(at, &mut buf, &Theme::default(), "search", "/", &prompt);
        let row: String = (1..21).map(|x| buf[(x, 1)].symbol()).collect();
        assert!(row.starts_with("/ …"), "{row:?}");
        // Wide characters leave a blank continuation cell behind them.
        let squashed = row.replace(' ', "");
        assert!(
            squashed.contains("보여야한다"),
            "the end of the query shows: {row:?}"
        );
        assert!(
            row.contains(Glyphs::current().caret),
            "the cursor shows: {row:?}"
        );
    }

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
