//! The adapter over tui-markdown: geul's style sheet, and a block's source turned into
//! owned lines in display form.

use std::borrow::Cow;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use tui_markdown::{AlertKind, StyleSheet};

use super::Context;
use crate::markdown::emphasis;
use crate::styled::wrap::line_width;
use crate::styled::{Theme, join_split_graphemes};

/// tui-markdown's style sheet for geul: final styles for what geul keeps as rendered, and
/// plain styles where geul restyles by block kind (headings, quotes).
///
/// tui-markdown clones its style sheet for every block it renders, and wants one that owns
/// what it holds: the theme is shared rather than copied each time.
#[derive(Debug, Clone)]
pub(super) struct Sheet {
    pub(super) theme: std::sync::Arc<Theme>,
}

impl StyleSheet for Sheet {
    fn heading(&self, _level: u8) -> Style {
        Style::new()
    }
    fn heading_marker(&self, _level: u8) -> &str {
        ""
    }
    fn code(&self) -> Style {
        self.theme.code
    }
    // No formula is typeset: math reads as code, which it is closest to.
    fn math_inline(&self) -> Style {
        self.theme.code
    }
    fn math_display(&self) -> Style {
        self.theme.code
    }
    fn link(&self) -> Style {
        self.theme.link
    }
    fn blockquote(&self) -> Style {
        Style::new()
    }
    fn code_block_fence(&self) -> &str {
        ""
    }
    fn html(&self) -> Style {
        self.theme.dim
    }
    fn footnote_ref(&self) -> Style {
        self.theme.dim
    }
    fn footnote_def(&self) -> Style {
        self.theme.dim
    }
    fn alert(&self, _kind: AlertKind) -> Style {
        Style::new()
    }
    fn table_header(&self) -> Style {
        self.theme.headings[1]
    }
    fn table_border(&self) -> Style {
        self.theme.rule
    }
    fn list_marker(&self) -> Style {
        self.theme.list_marker
    }
    fn image_alt(&self) -> Style {
        self.theme.dim.add_modifier(Modifier::ITALIC)
    }
}

impl Context<'_, '_> {
    /// Renders Markdown through tui-markdown into lines. Their text is what tui-markdown
    /// made of `source`: slices of it where it is the source's own text, so no span is
    /// copied before it is wrapped (which puts it in display form).
    pub(super) fn markdown<'s>(&self, source: &'s str, definitions: &str) -> Vec<Line<'s>> {
        let options = tui_markdown::Options::new(self.sheet.clone()).table_width(self.opts.width);
        if definitions.is_empty() {
            let helpers = source.contains(emphasis::HELPER);
            return self.adapt(
                tui_markdown::from_str_with_options(source, &options),
                helpers,
            );
        }
        // With the definitions appended the text is a copy: its spans are made owned.
        let joined = format!("{source}{definitions}");
        let text = tui_markdown::from_str_with_options(&joined, &options);
        let lines = text.lines.into_iter().map(|line| Line {
            spans: line
                .spans
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style))
                .collect(),
            style: line.style,
            alignment: line.alignment,
        });
        let text: Text<'static> = Text {
            lines: lines.collect(),
            style: text.style,
            alignment: text.alignment,
        };
        self.adapt(text, joined.contains(emphasis::HELPER))
    }

    /// geul's reading of tui-markdown's lines: helpers removed, images marked, borders in
    /// this terminal's glyphs, split graphemes joined, link addresses restyled, blank lines
    /// around trimmed. `helpers` says whether the source held any emphasis helper: most
    /// blocks have none, and then no span is searched for one.
    fn adapt<'s>(&self, mut text: Text<'s>, helpers: bool) -> Vec<Line<'s>> {
        let border = self.redrawn_border;
        if helpers {
            emphasis::remove_helpers(&mut text);
        }
        let mut lines: Vec<Line<'s>> = text
            .lines
            .into_iter()
            .map(|line| {
                let line_style = line.style;
                let spans = line
                    .spans
                    .into_iter()
                    .filter(|s| !s.content.is_empty())
                    .map(|s| {
                        let content: Cow<'s, str> = if s.content == "[img] " {
                            Cow::Borrowed("🖼 ")
                        } else if border == Some(s.style) {
                            Cow::Owned(self.glyphs.redraw_table_border(&s.content))
                        } else {
                            s.content
                        };
                        Span::styled(content, line_style.patch(s.style))
                    })
                    .collect::<Vec<_>>();
                // Before anything measures a span or rewrites it into display form.
                Line::from(join_split_graphemes(restyle_link_urls(spans, self.theme())))
            })
            .collect();
        while lines.first().is_some_and(is_blank) {
            lines.remove(0);
        }
        while lines.last().is_some_and(is_blank) {
            lines.pop();
        }
        lines
    }
}

/// Whether a line takes no columns. A printable ASCII character always takes one, so a
/// line with one is not measured.
fn is_blank(line: &Line<'_>) -> bool {
    let has_printable_ascii = line
        .spans
        .iter()
        .any(|s| s.content.bytes().any(|b| (0x20..0x7F).contains(&b)));
    !has_printable_ascii && line_width(line) == 0
}

/// Keeps link destinations (the span after ` (`) dim instead of link-styled, and shows an
/// autolink's address once: `<https://x>` is its own text, not `https://x (https://x)`.
fn restyle_link_urls<'s>(mut spans: Vec<Span<'s>>, theme: &Theme) -> Vec<Span<'s>> {
    let mut i = 1;
    while i < spans.len() {
        // The link style alone, or with a heading's or emphasis's on top.
        let is_link = |style: Style| {
            style.fg == theme.link.fg && style.add_modifier.contains(theme.link.add_modifier)
        };
        if spans[i - 1].content == " ("
            && is_link(spans[i].style)
            && spans.get(i + 1).is_some_and(|s| s.content == ")")
        {
            let repeats_text =
                i >= 2 && is_link(spans[i - 2].style) && spans[i - 2].content == spans[i].content;
            if repeats_text {
                spans.drain(i - 1..=i + 1);
                continue;
            }
            for span in &mut spans[i - 1..=i + 1] {
                span.style = theme.link_url;
            }
        }
        i += 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{render, span_with, text};
    use crate::styled::Theme;

    #[test]
    fn math_is_shown_as_written_in_the_code_style_and_never_read_as_emphasis() {
        let theme = Theme::default();
        let lines = render("식 $a_1 * b_2 * c$ 끝\n", 80);
        assert_eq!(span_with(&lines, "$a_1 * b_2 * c$").style, theme.code);
    }

    #[test]
    fn an_autolink_shows_its_address_once() {
        assert_eq!(
            text("주소 <https://a.example/x> 끝\n", 80),
            ["주소 https://a.example/x 끝"]
        );
    }

    #[test]
    fn links_show_their_text_styled_and_the_url_dimmed() {
        let theme = Theme::default();
        let lines = render("[가이드](https://example.com/page#section)를 보세요.\n", 80);
        assert_eq!(span_with(&lines, "가이드").style, theme.link);
        assert_eq!(
            span_with(&lines, "https://example.com").style,
            theme.link_url
        );
    }

    #[test]
    fn images_show_their_alt_text() {
        assert_eq!(text("![노트북 화면](/x.png)\n", 40)[0], "🖼 노트북 화면");
    }

    #[test]
    fn stars_inside_code_are_left_alone() {
        let rows = text("`**굵게**` 그대로\n", 40);
        assert_eq!(rows[0], "**굵게** 그대로");
    }

    #[test]
    fn keycaps_on_delimiters_are_measured_whole_in_every_width_model() {
        use crate::text::str_width;
        use crate::text::width::{TerminalWidths, with_model};
        let source = "키캡 #\u{FE0F}\u{20E3} *\u{FE0F}\u{20E3} 0\u{FE0F}\u{20E3}\n\n*\u{FE0F}\u{20E3} 별표 #\u{FE0F}\u{20E3}\n";
        let narrow_keycaps = TerminalWidths {
            keycap: 1,
            ..TerminalWidths::UNICODE
        };
        for (model, keycaps) in [
            (
                TerminalWidths::UNICODE,
                [
                    "#\u{FE0F}\u{20E3}",
                    "*\u{FE0F}\u{20E3}",
                    "0\u{FE0F}\u{20E3}",
                ],
            ),
            (
                TerminalWidths::UNICODE.with_ambiguous(2),
                [
                    "#\u{FE0F}\u{20E3}",
                    "*\u{FE0F}\u{20E3}",
                    "0\u{FE0F}\u{20E3}",
                ],
            ),
            (narrow_keycaps, ["키캡 # * 0", "* 별표 #", "* 별표 #"]),
        ] {
            let rows = with_model(model, || {
                let rows = text(source, 12);
                for row in &rows {
                    assert!(
                        str_width(row) <= 12,
                        "{model:?}: {row:?} is {} wide",
                        str_width(row)
                    );
                }
                rows
            });
            let joined = rows.join("\n");
            for keycap in keycaps {
                assert!(
                    joined.contains(keycap),
                    "{model:?}: {keycap:?} missing from {rows:?}"
                );
            }
            // No half of a keycap is left behind where the terminal draws keycaps narrow.
            if model == narrow_keycaps {
                assert!(!joined.contains(['\u{FE0F}', '\u{20E3}']), "{rows:?}");
            }
        }
    }
}
