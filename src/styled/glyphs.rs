//! The characters geul draws itself: rules, frames, table borders, list markers, pane
//! chrome. Content comes from the post; these come from here.
//!
//! Box drawing, `•`, `…`, `▌` and `█` are East Asian *ambiguous* characters: a terminal set
//! to draw ambiguous characters wide (common among Korean, Chinese and Japanese users)
//! advances two columns for each. Characters of a post can be given two cells (see
//! `tui::cells`), but frames cannot: a one-column scrollbar or a popup border has no second
//! cell, and a box of double-width lines no longer meets its corners. So geul keeps two
//! sets and picks one from the width model: the Unicode set, and a set in which every
//! glyph is one column in every terminal (ASCII lines and corners, neutral-width markers).

use ratatui::symbols::{border, scrollbar};

use crate::text::width;

/// The corners, joints and lines of a box-drawn table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableGlyphs {
    /// `─`: a horizontal line.
    pub horizontal: &'static str,
    /// `│`: a vertical line between and around cells.
    pub vertical: &'static str,
    /// `┌`, `┬`, `┐`: the top edge's left corner, joint and right corner.
    pub top: [&'static str; 3],
    /// `├`, `┼`, `┤`: a separator's left end, crossing and right end.
    pub middle: [&'static str; 3],
    /// `└`, `┴`, `┘`: the bottom edge's left corner, joint and right corner.
    pub bottom: [&'static str; 3],
}

/// One complete set of geul's own glyphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyphs {
    /// A horizontal rule (`---`, heading underlines of level 2, the header's rule).
    pub rule: &'static str,
    /// The underline of a level-1 heading.
    pub heavy_rule: &'static str,
    /// The pane separator and the scrollbar track.
    pub vertical: &'static str,
    /// The bar left of every line of a tip box or quote.
    pub quote_bar: &'static str,
    /// Bullets of nested list levels 1, 2 and 3 (then repeating).
    pub bullets: [&'static str; 3],
    /// Ends a title or label cut to fit.
    pub ellipsis: &'static str,
    /// A code frame's top-left corner with its line, its left gutter and its bottom.
    pub code_top: &'static str,
    /// The gutter left of every code line.
    pub code_gutter: &'static str,
    /// The bottom-left corner closing a code frame.
    pub code_bottom: &'static str,
    /// The text cursor of a prompt.
    pub caret: &'static str,
    /// Table borders.
    pub table: TableGlyphs,
    /// Popup borders.
    pub border: border::Set<'static>,
    /// The article's scrollbar.
    pub scrollbar: scrollbar::Set<'static>,
}

impl Glyphs {
    /// Box drawing and typographic marks, for terminals that draw ambiguous characters
    /// narrow (the default of nearly every terminal).
    pub const UNICODE: Glyphs = Glyphs {
        rule: "─",
        heavy_rule: "━",
        vertical: "│",
        quote_bar: "▌",
        bullets: ["•", "◦", "▪"],
        ellipsis: "…",
        code_top: "╭─",
        code_gutter: "│ ",
        code_bottom: "╰─",
        caret: "▏",
        table: TableGlyphs {
            horizontal: "─",
            vertical: "│",
            top: ["┌", "┬", "┐"],
            middle: ["├", "┼", "┤"],
            bottom: ["└", "┴", "┘"],
        },
        border: border::ROUNDED,
        scrollbar: scrollbar::Set {
            track: "│",
            thumb: "█",
            begin: "↑",
            end: "↓",
        },
    };

    /// One column in every terminal: for terminals that draw ambiguous characters wide.
    pub const NARROW: Glyphs = Glyphs {
        rule: "-",
        heavy_rule: "=",
        vertical: "|",
        quote_bar: "▐",
        bullets: ["▪", "◦", "▫"],
        ellipsis: "⋯",
        code_top: "+-",
        code_gutter: "| ",
        code_bottom: "+-",
        caret: "_",
        table: TableGlyphs {
            horizontal: "-",
            vertical: "|",
            top: ["+", "+", "+"],
            middle: ["+", "+", "+"],
            bottom: ["+", "+", "+"],
        },
        border: border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        },
        scrollbar: scrollbar::Set {
            track: "|",
            thumb: "#",
            begin: "^",
            end: "v",
        },
    };

    /// The set for the width model in force: [`Glyphs::NARROW`] where the terminal draws
    /// ambiguous characters wide, else [`Glyphs::UNICODE`].
    pub fn current() -> &'static Glyphs {
        Self::for_ambiguous_width(width::model().ambiguous)
    }

    /// The set for a terminal that advances `ambiguous` columns for an ambiguous character.
    pub fn for_ambiguous_width(ambiguous: u8) -> &'static Glyphs {
        if ambiguous >= 2 {
            &Self::NARROW
        } else {
            &Self::UNICODE
        }
    }

    /// Box-drawn table border text (`┌──┬──┐`, `│`) in this set's table glyphs, for tables
    /// another renderer drew (tui-markdown draws the tables nested in quotes and lists).
    pub fn redraw_table_border(&self, text: &str) -> String {
        let t = &self.table;
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            let glyph = match c {
                '─' => t.horizontal,
                '│' => t.vertical,
                '┌' => t.top[0],
                '┬' => t.top[1],
                '┐' => t.top[2],
                '├' => t.middle[0],
                '┼' => t.middle[1],
                '┤' => t.middle[2],
                '└' => t.bottom[0],
                '┴' => t.bottom[1],
                '┘' => t.bottom[2],
                _ => {
                    out.push(c);
                    continue;
                }
            };
            out.push_str(glyph);
        }
        out
    }

    /// `glyph` repeated to fill `width` columns (fewer if its width does not divide it).
    pub fn fill(glyph: &str, width: usize) -> String {
        let each = width::str_width(glyph).max(1);
        glyph.repeat(width / each)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn every_glyph(g: &Glyphs) -> Vec<&'static str> {
        let t = g.table;
        let b = g.border;
        let s = &g.scrollbar;
        let mut all = vec![
            g.rule,
            g.heavy_rule,
            g.vertical,
            g.quote_bar,
            g.ellipsis,
            g.code_top,
            g.code_gutter,
            g.code_bottom,
            g.caret,
            t.horizontal,
            t.vertical,
            b.top_left,
            b.top_right,
            b.bottom_left,
            b.bottom_right,
            b.vertical_left,
            b.vertical_right,
            b.horizontal_top,
            b.horizontal_bottom,
            s.track,
            s.thumb,
            s.begin,
            s.end,
        ];
        all.extend(g.bullets);
        all.extend(t.top);
        all.extend(t.middle);
        all.extend(t.bottom);
        all
    }

    #[test]
    fn the_narrow_set_is_as_wide_in_a_cjk_terminal_as_in_any_other() {
        for glyph in every_glyph(&Glyphs::NARROW) {
            assert_eq!(glyph.width(), glyph.width_cjk(), "{glyph:?} is ambiguous");
        }
    }

    #[test]
    fn a_terminal_drawing_ambiguous_characters_wide_gets_the_narrow_set() {
        assert_eq!(Glyphs::for_ambiguous_width(2), &Glyphs::NARROW);
        assert_eq!(Glyphs::for_ambiguous_width(1), &Glyphs::UNICODE);
    }

    #[test]
    fn a_box_drawn_border_is_redrawn_in_the_sets_table_glyphs() {
        assert_eq!(Glyphs::NARROW.redraw_table_border("┌─┬─┐ │"), "+-+-+ |");
        assert_eq!(Glyphs::UNICODE.redraw_table_border("├─┼─┤"), "├─┼─┤");
    }

    #[test]
    fn a_fill_never_exceeds_its_width() {
        assert_eq!(Glyphs::fill("-", 3), "---");
        assert_eq!(Glyphs::fill("한", 5), "한한");
    }
}
