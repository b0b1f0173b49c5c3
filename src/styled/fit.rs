//! Fitting text into a number of columns with geul's own ellipsis.

use std::borrow::Cow;

use super::glyphs::Glyphs;
use crate::text::truncate_with;

/// Truncates `text` (display form) to at most `max` columns, ending with the glyph set's
/// ellipsis (`…`, or `⋯` where ambiguous characters are wide) when cut. Never cuts through
/// a grapheme.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    truncate_with(text, max, Glyphs::current().ellipsis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::{TerminalWidths, str_width, with_model};

    #[test]
    fn truncation_ends_with_the_ellipsis_of_the_glyph_set_in_force() {
        assert_eq!(truncate("생성형 AI란", 6), "생성…");
        let wide = TerminalWidths::UNICODE.with_ambiguous(2);
        let cut = with_model(wide, || truncate("생성형 AI란", 6).into_owned());
        assert_eq!(cut, "생성⋯");
        assert!(with_model(wide, || str_width(&cut)) <= 6);
    }
}
