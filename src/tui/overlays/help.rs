//! The help overlay: every key binding, from the same table the key map uses. Movement
//! keys scroll it in a short terminal; any other key closes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Outcome;
use crate::styled::Theme;
use crate::styled::fit::truncate;
use crate::text::str_width;
use crate::tui::action::Action;
use crate::tui::cells::{popup, put_line};
use crate::tui::keymap::BINDINGS;
use crate::tui::layout::{help_popup, help_rows};

/// The help overlay's state: the first binding shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpOverlay {
    /// First binding shown, when the list is taller than the screen.
    pub scroll: usize,
}

/// Columns of the widest key column.
fn keys_width() -> usize {
    BINDINGS
        .iter()
        .map(|(k, _)| str_width(k))
        .max()
        .unwrap_or(0)
}

/// Columns of a whole line: a space, the keys, two spaces, the text, a space.
fn line_width() -> usize {
    let text = BINDINGS
        .iter()
        .map(|(_, d)| str_width(d))
        .max()
        .unwrap_or(0);
    keys_width() + text + 5
}

impl HelpOverlay {
    /// Scrolls on movement keys (on a screen of `area`); any other action closes the help.
    pub fn handle(&mut self, action: Action, area: Rect) -> Outcome<()> {
        let rows = help_rows(area, BINDINGS.len());
        let last = BINDINGS.len().saturating_sub(rows);
        let page = rows.max(1);
        let scroll = self.scroll;
        self.scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll + 1,
            Action::PageUp => scroll.saturating_sub(page),
            Action::PageDown => scroll + page,
            Action::Top => 0,
            Action::Bottom => last,
            _ => return Outcome::Close,
        }
        .min(last);
        Outcome::Stay
    }

    /// Draws the help box centred in `area`; when it is taller than the screen the bottom
    /// border says which way there is more.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let keys_w = keys_width();
        let rows = help_rows(area, BINDINGS.len());
        let inner = popup(
            help_popup(area, BINDINGS.len(), line_width()),
            buf,
            theme,
            "geul · keys",
        );
        let scroll = self.scroll.min(BINDINGS.len().saturating_sub(rows));
        // What a binding does gets the columns left after the keys; in a box narrower than
        // the longest line it ends with an ellipsis rather than a word cut off.
        let room = usize::from(inner.width).saturating_sub(keys_w + 4);
        for (i, (keys, what)) in BINDINGS.iter().skip(scroll).take(rows).enumerate() {
            let y = inner.y + 1 + i as u16;
            let pad = " ".repeat(keys_w - str_width(keys) + 2);
            let line = Line::from(vec![
                Span::styled(format!(" {keys}"), theme.key),
                Span::raw(pad),
                Span::styled(truncate(what, room), theme.text),
            ]);
            put_line(buf, inner.x, y, inner.width, &line);
        }
        let more = match (scroll > 0, scroll + rows < BINDINGS.len()) {
            (true, true) => " ↑↓ j k ",
            (false, true) => " ↓ j ",
            (true, false) => " ↑ k ",
            (false, false) => "",
        };
        if !more.is_empty() && inner.height > 0 {
            let w = str_width(more) as u16;
            let x = (inner.right()).saturating_sub(w + 1).max(inner.x);
            put_line(
                buf,
                x,
                inner.bottom(),
                inner.width,
                &Line::from(Span::styled(more, theme.accent)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_of(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn the_help_lists_the_first_bindings_in_a_short_terminal_and_says_there_is_more() {
        let area = Rect::new(0, 0, 80, 8);
        let mut buf = Buffer::empty(area);
        HelpOverlay::default().render(area, &mut buf, &Theme::default());
        let rows = rows_of(&buf);
        assert!(rows[0].contains("geul · keys"), "{rows:#?}");
        assert!(rows[2].contains("j k  ↓ ↑"), "{rows:#?}");
        assert!(rows[5].contains("Tab"), "{rows:#?}");
        assert!(rows[7].contains("↓ j"), "{rows:#?}");
    }

    #[test]
    fn movement_scrolls_the_help_and_stops_at_the_last_binding() {
        let area = Rect::new(0, 0, 80, 8);
        let mut help = HelpOverlay::default();
        assert_eq!(help.handle(Action::Bottom, area), Outcome::Stay);
        assert_eq!(help.scroll, BINDINGS.len() - 4);
        help.handle(Action::Down, area);
        assert_eq!(help.scroll, BINDINGS.len() - 4);
        let mut buf = Buffer::empty(area);
        help.render(area, &mut buf, &Theme::default());
        let rows = rows_of(&buf);
        assert!(rows[4].contains("q Ctrl-c"), "{rows:#?}");
        assert!(rows[5].contains("Korean input method"), "{rows:#?}");
        assert!(rows[7].contains("↑ k"), "{rows:#?}");
    }

    #[test]
    fn in_a_narrow_terminal_what_a_key_does_ends_with_an_ellipsis_inside_the_box() {
        let area = Rect::new(0, 0, 48, 40);
        let mut buf = Buffer::empty(area);
        HelpOverlay::default().render(area, &mut buf, &Theme::default());
        let rows = rows_of(&buf);
        let first = rows
            .iter()
            .find(|r| r.contains("j k  ↓ ↑"))
            .expect("first binding");
        assert!(
            first.contains("move in the list · scrol… │"),
            "the text is cut with an ellipsis before the border: {rows:#?}"
        );
    }

    #[test]
    fn any_other_action_closes_the_help() {
        let area = Rect::new(0, 0, 80, 40);
        assert_eq!(
            HelpOverlay::default().handle(Action::NextPost, area),
            Outcome::Close
        );
        assert_eq!(
            HelpOverlay::default().handle(Action::ToggleHelp, area),
            Outcome::Close
        );
    }
}
