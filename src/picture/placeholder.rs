//! The one line shown instead of a picture: `🖼 alt (reason)`. For a picture that is
//! missing, broken, too large, remote or of a format geul does not read, and for every
//! picture where no picture can be drawn (no colour, a wide-ambiguous terminal).

use ratatui::style::Style;
use ratatui::text::Line;

use crate::text::display_text;

/// The mark that starts a placeholder.
pub const PICTURE_MARK: &str = "🖼";

/// `🖼 alt (reason)` in `style` (the theme's dim text), one line: runs of white space in
/// `alt` (a Markdown alt text may span lines) become one space, and control characters
/// become visible pictures, so the text cannot drive the terminal. An empty `alt` reads
/// `picture`; no `reason` leaves the brackets out.
pub fn placeholder(alt: &str, reason: Option<&str>, style: Style) -> Line<'static> {
    let alt = one_line(alt);
    let alt = if alt.is_empty() { "picture" } else { &alt };
    let mut text = format!("{PICTURE_MARK} {}", display_text(alt));
    if let Some(reason) = reason.map(one_line).filter(|r| !r.is_empty()) {
        text.push_str(" (");
        text.push_str(&display_text(&reason));
        text.push(')');
    }
    Line::styled(text, style)
}

/// `text` with each run of white space made one space, trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;
    use crate::picture::PictureError;

    fn dim() -> Style {
        Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_alt_text_and_the_reason_in_the_given_style() {
        let reason = PictureError::TooBig {
            width: 100_000,
            height: 100_000,
        }
        .to_string();
        let line = placeholder("A sunset", Some(&reason), dim());
        assert_eq!(text(&line), "🖼 A sunset (too big: 100000×100000 pixels)");
        assert_eq!(line.style, dim());
    }

    #[test]
    fn no_reason_no_brackets_and_no_alt_reads_picture() {
        assert_eq!(text(&placeholder("Map", None, dim())), "🖼 Map");
        assert_eq!(
            text(&placeholder("  ", Some("not found"), dim())),
            "🖼 picture (not found)"
        );
        assert_eq!(text(&placeholder("", Some(""), dim())), "🖼 picture");
    }

    #[test]
    fn the_placeholder_is_one_line_with_no_control_characters() {
        let line = placeholder("two\nlines \u{1b}[31mred", Some("from\texample.com"), dim());
        let shown = text(&line);
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert!(shown.starts_with("🖼 two lines "), "{shown:?}");
        assert!(shown.ends_with("(from example.com)"), "{shown:?}");
    }

    #[test]
    fn korean_alt_text_is_kept() {
        assert_eq!(
            text(&placeholder("노을 사진", Some("not found"), dim())),
            "🖼 노을 사진 (not found)"
        );
    }
}
