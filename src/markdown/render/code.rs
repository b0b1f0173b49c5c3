//! Code blocks: a frame with the language, tabs expanded, highlighting by tui-markdown and
//! long lines broken with a continuation mark.

use ratatui::text::{Line, Span};

use super::Context;
use crate::styled::wrap::hard_wrap;
use crate::text::{display_text, graphemes, str_width};

impl Context<'_, '_> {
    pub(super) fn code(&mut self, index: u32, lang: Option<&str>, text: &str) {
        let theme = self.opts.theme;
        let expanded = expand_tabs(text);
        let source;
        let lines: Vec<Line<'_>> = match lang {
            Some(lang) => {
                let fence = "`".repeat(longest_backtick_run(&expanded).max(2) + 1);
                source = format!("{fence}{lang}\n{expanded}{fence}\n");
                self.markdown(&source, "")
            }
            None => expanded
                .lines()
                .map(|l| Line::from(Span::styled(display_text(l).into_owned(), theme.code)))
                .collect(),
        };
        let top = self.glyphs.code_top;
        let label = match lang {
            Some(lang) => format!("{top} {lang} "),
            None => top.to_string(),
        };
        let frame = theme.code_meta;
        self.push(
            index,
            0,
            Line::from(Span::styled(
                crate::styled::truncate(&label, self.width).into_owned(),
                frame,
            )),
        );
        let gutter = Span::styled(self.glyphs.code_gutter, frame);
        // The gutter takes two columns where there is room for it (wider than four).
        let inner = if self.width > 4 {
            self.width - 2
        } else {
            self.width.max(1)
        };
        let mark = Span::styled("↪ ", frame);
        for (n, line) in lines.into_iter().enumerate() {
            let spans: Vec<Span<'_>> = line
                .spans
                .iter()
                .map(|s| Span::styled(display_text(&s.content), s.style))
                .collect();
            for row in hard_wrap(&spans, inner, &mark) {
                let mut spans = if self.width > 4 {
                    vec![gutter.clone()]
                } else {
                    vec![]
                };
                spans.extend(row.spans);
                self.push(index, n as u32 + 1, Line::from(spans));
            }
        }
        self.push(
            index,
            u32::MAX - 1,
            Line::from(Span::styled(
                cut_to(self.glyphs.code_bottom, self.width),
                frame,
            )),
        );
    }
}

/// `glyph` cut to at most `width` columns (at least its first grapheme).
fn cut_to(glyph: &'static str, width: usize) -> String {
    let mut out = String::new();
    for g in graphemes(glyph) {
        if !out.is_empty() && str_width(&out) + str_width(g) > width {
            break;
        }
        out.push_str(g);
    }
    out
}

/// Expands tabs to the next multiple of four columns.
fn expand_tabs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut col = 0;
        for g in graphemes(line) {
            if g == "\t" {
                let n = 4 - col % 4;
                out.push_str(&" ".repeat(n));
                col += n;
            } else {
                out.push_str(g);
                col += str_width(g);
            }
        }
    }
    out
}

fn longest_backtick_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::super::test_support::text;

    #[test]
    fn code_blocks_are_framed_with_tabs_expanded_and_long_lines_marked() {
        let rows = text(
            "```python\nif x:\n\treturn 'a very long line that will not fit'\n```\n",
            30,
        );
        assert_eq!(rows[0], "╭─ python ");
        assert!(
            rows[2].starts_with("│     return"),
            "tab became four spaces: {rows:?}"
        );
        assert!(
            rows.iter().any(|r| r.starts_with("│ ↪ ")),
            "continuation mark: {rows:?}"
        );
        assert_eq!(rows.last().map(String::as_str), Some("╰─"));
    }
}
