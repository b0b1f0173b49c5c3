//! Paragraph lines: a line of hashtags becomes chips, a line starting with a keycap reads as
//! a step heading, and the paragraph after the meta-description heading is the summary.

use ratatui::text::{Line, Span};

use super::Context;
use crate::text::graphemes;

impl Context<'_, '_> {
    pub(super) fn paragraph_line(&mut self, index: u32, n: u32, line: Line<'_>, summary: bool) {
        let theme = self.opts.theme;
        if let Some(tags) = hashtag_line(&line) {
            let mut spans = Vec::new();
            for (i, tag) in tags.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw("  "));
                }
                spans.push(Span::styled(format!("#{tag}"), theme.tag_chip));
            }
            self.wrap(index, n, &spans, &[], &[]);
            return;
        }
        let first = line.spans.first().map(|s| s.content.as_ref()).unwrap_or("");
        let style = if starts_with_keycap(first) {
            Some(theme.step)
        } else if summary {
            Some(theme.summary)
        } else {
            None
        };
        let spans: Vec<Span<'_>> = match style {
            Some(style) => line
                .spans
                .into_iter()
                .map(|s| s.patch_style(style))
                .collect(),
            None => line.spans,
        };
        self.wrap(index, n, &spans, &[], &[]);
    }
}

/// The tags of a line made only of `#tag` tokens, if it is one.
fn hashtag_line(line: &Line<'_>) -> Option<Vec<String>> {
    // Most lines hold no `#` at all, and without one nothing is a tag.
    if !line.spans.iter().any(|s| s.content.contains('#')) {
        return None;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    // The library's rule for what a hashtag line is, so chips and a post's tags agree.
    let tags = crate::library::tags::line_tags(&text);
    // A token it drops (a colour such as `#fff`) would vanish from the chips: keep such a
    // line as text.
    let hash_tokens = text.split_whitespace().filter(|t| t.contains('#')).count();
    (!tags.is_empty() && tags.len() == hash_tokens)
        .then(|| tags.into_iter().map(str::to_string).collect())
}

fn starts_with_keycap(text: &str) -> bool {
    graphemes(text)
        .next()
        .is_some_and(|g| g.ends_with('\u{20E3}'))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{render, span_with, text};
    use crate::styled::Theme;

    #[test]
    fn keycap_lines_read_as_step_headings() {
        let theme = Theme::default();
        let lines = render("1️⃣ **패턴 학습**\n", 40);
        assert!(
            lines[0].spans.iter().all(|s| s.style.fg == theme.step.fg),
            "{:?}",
            lines[0]
        );
    }

    #[test]
    fn the_hashtag_section_becomes_chips() {
        let theme = Theme::default();
        let lines = render("### # 해시태그\n\n#생성형AI #LLM\n#확산모델\n", 40);
        assert_eq!(span_with(&lines, "#생성형AI").style, theme.tag_chip);
        assert_eq!(span_with(&lines, "#확산모델").style, theme.tag_chip);
        assert!(
            text("### # 해시태그\n\n#생성형AI #LLM\n", 40)[0] == "# 해시태그",
            "the heading keeps its text"
        );
    }

    #[test]
    fn a_line_with_a_colour_token_stays_text_so_nothing_is_dropped() {
        assert_eq!(text("#fff #디자인\n", 40), ["#fff #디자인"]);
    }

    #[test]
    fn the_meta_description_is_a_dim_summary() {
        let theme = Theme::default();
        let lines = render(
            "### 📝 메타 설명\n\n이 글은 생성형 AI의 원리를 정리합니다.\n",
            60,
        );
        assert_eq!(span_with(&lines, "원리를").style, theme.summary);
    }
}
