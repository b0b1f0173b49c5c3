use super::*;
use proptest::prelude::*;

fn text_of(lines: &[Line<'_>]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

#[test]
fn korean_wraps_at_spaces() {
    let rows = wrap_line(
        &[Span::raw("생성형 AI는 새로운 콘텐츠를 만듭니다")],
        12,
        &[],
        &[],
    );
    assert_eq!(
        text_of(&rows),
        ["생성형 AI는", "새로운", "콘텐츠를", "만듭니다"]
    );
}

#[test]
fn a_word_longer_than_the_row_is_broken_between_syllables() {
    let rows = wrap_line(&[Span::raw("가나다라마바사아자차")], 7, &[], &[]);
    assert_eq!(text_of(&rows), ["가나다", "라마바", "사아자", "차"]);
}

#[test]
fn a_link_address_too_wide_for_a_row_breaks_after_a_separator_not_inside_a_part() {
    let rows = wrap_line(
        &[Span::raw(
            "문서 (https://doc.rust-lang.org/book/getting-started.html)를",
        )],
        24,
        &[],
        &[],
    );
    assert_eq!(
        text_of(&rows),
        [
            "문서",
            "(https://doc.rust-lang.",
            "org/book/getting-",
            "started.html)를"
        ]
    );
}

#[test]
fn a_separator_leaves_a_short_row_rather_than_a_part_cut_in_two() {
    let rows = wrap_line(&[Span::raw("a/가나다라")], 4, &[], &[]);
    assert_eq!(text_of(&rows), ["a/", "가나", "다라"]);
}

#[test]
fn continuation_rows_hang_under_the_prefix() {
    let rows = wrap_line(
        &[Span::raw("one two three four")],
        10,
        &[Span::raw("• ")],
        &[Span::raw("  ")],
    );
    assert_eq!(text_of(&rows), ["• one two", "  three", "  four"]);
}

#[test]
fn styles_survive_wrapping() {
    let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
    let rows = wrap_line(
        &[Span::styled("굵은 글씨", bold), Span::raw(" 보통")],
        6,
        &[],
        &[],
    );
    assert_eq!(rows[0].spans[0].style, bold);
    assert_eq!(rows[1].spans[0].style, bold);
    assert_eq!(rows[2].spans[0].content, "보통");
}

#[test]
fn code_lines_break_anywhere_with_a_continuation_mark() {
    let rows = hard_wrap(&[Span::raw("abcdefghij")], 6, &Span::raw("↪ "));
    assert_eq!(text_of(&rows), ["abcdef", "↪ ghij"]);
}

fn arb_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "생성형",
        "AI",
        "는",
        " ",
        " ",
        "  ",
        "텍스트·이미지",
        "“인용”",
        "👩‍💻",
        "⚠️",
        "1️⃣",
        "supercalifragilistic",
        "가나다라마바사아자차카타파하",
        "🇰🇷",
        "x",
        ".",
        "👍🏽",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

#[test]
fn trailing_spaces_are_counted_as_graphemes() {
    for text in [
        "",
        " ",
        "   ",
        "가  ",
        "a ",
        "가",
        "\u{600} ",
        "\u{600}  ",
        " \u{301} ",
        "“ ",
    ] {
        let expected = text.graphemes(true).rev().take_while(|g| *g == " ").count();
        assert_eq!(trailing_space_graphemes(text), expected, "{text:?}");
    }
}

#[test]
fn indentation_wider_than_the_row_is_cut_to_the_row() {
    let rows = wrap_line(&[Span::raw("   ")], 2, &[], &[]);
    assert!(rows.iter().all(|r| line_width(r) <= 2), "{rows:?}");
    let rows = text_of(&wrap_line(&[Span::raw("      가나")], 4, &[], &[]));
    assert!(rows.iter().all(|r| str_width(r) <= 4), "{rows:?}");
    assert_eq!(rows.concat().trim(), "가나");
}

proptest! {
    #[test]
    fn no_row_is_wider_than_the_width(text in arb_text(), width in 2usize..60) {
        for row in wrap_line(&[Span::raw(text.clone())], width, &[], &[]) {
            prop_assert!(line_width(&row) <= width, "{:?} wider than {}", row, width);
        }
    }

    #[test]
    fn wrapping_keeps_every_character_in_order(text in arb_text(), width in 2usize..60) {
        let rows = wrap_line(&[Span::raw(text.clone())], width, &[Span::raw("> ")], &[Span::raw("  ")]);
        let joined: String = rows.iter().enumerate().map(|(i, r)| {
            let s: String = r.spans.iter().map(|s| s.content.as_ref()).collect();
            let prefix = if i == 0 { "> " } else { "  " };
            s.strip_prefix(prefix).map(str::to_string).unwrap_or(s)
        }).collect();
        let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        prop_assert_eq!(strip(&joined), strip(&text));
    }

    #[test]
    fn a_line_that_fits_is_the_row_the_general_path_makes(
        pieces in prop::collection::vec((arb_text(), 0usize..3), 0..4),
        extra in prop::sample::select(vec!["", " ", "  ", "\t", "\u{3000}", "\n", "\u{301}", "a\u{200D}"]),
        width in 1usize..120,
        prefix in prop::sample::select(vec!["", "• ", "│ │ "]),
    ) {
        let styles = [Style::new(), Style::new().fg(ratatui::style::Color::Red), Style::new().add_modifier(ratatui::style::Modifier::BOLD)];
        let mut content: Vec<Span<'_>> = pieces.iter().map(|(t, s)| Span::styled(t.clone(), styles[*s])).collect();
        content.push(Span::raw(extra));
        content.push(Span::styled(" ", styles[1]));
        let first = [Span::raw(prefix)];
        let rest = [Span::raw("  ")];
        prop_assert_eq!(
            wrap_line(&content, width, &first, &rest),
            wrap_cells(&content, width, &first, &rest)
        );
    }

    #[test]
    fn hard_wrapped_code_is_never_wider_and_loses_nothing(text in arb_text(), width in 4usize..60) {
        let rows = hard_wrap(&[Span::raw(text.clone())], width, &Span::raw("↪ "));
        for row in &rows {
            prop_assert!(line_width(row) <= width);
        }
        let joined: String = rows.iter().enumerate().map(|(i, r)| {
            let s: String = r.spans.iter().map(|s| s.content.as_ref()).collect();
            if i == 0 { s } else { s.strip_prefix("↪ ").map(str::to_string).unwrap_or(s) }
        }).collect();
        prop_assert_eq!(joined, text);
    }
}
