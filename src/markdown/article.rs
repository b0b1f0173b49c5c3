//! A whole post as the article pane shows it: a header, then the body.

use ratatui::text::{Line, Span};

use super::pictures::PictureSpot;
use super::progressive::ArticleRenderer;
use super::render::{Anchor, RenderOptions, Row};
use crate::library::Post;
use crate::library::outline::first_heading;
use crate::styled::Glyphs;
use crate::styled::wrap::wrap_line;
use crate::text::fold::fold;
use crate::text::spaces::starts_with_wide_space;
use crate::text::{display_text, str_width};

/// A post rendered for one pane width: the rows, where each came from, and where the
/// hashtag chips are. Computed once per (post, width) and cached; drawing only slices it.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The rows, none wider than `width`.
    pub lines: Vec<Line<'static>>,
    /// For each row, the source position it shows.
    pub anchors: Vec<Anchor>,
    /// Hashtag chips in reading order.
    pub chips: Vec<Chip>,
    /// The width the rows were laid out for.
    pub width: u16,
    /// The line of the body (0-based) each block of the body starts on: block `n` of the
    /// anchors is entry `n - 1` (block 0 is the header). Links rows to source lines.
    pub block_lines: Vec<usize>,
    /// The `<details>` that fold, in reading order (see [`super::folds`]); the rows of
    /// those folded are not among `lines`.
    pub folds: Vec<super::folds::Fold>,
    /// Where the post's pictures are drawn (blank rows kept for them), in row order; none
    /// when it was rendered without a picture plan.
    pub pictures: Vec<PictureSpot>,
}

/// A hashtag chip's place in the rendered article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    /// Row index.
    pub row: usize,
    /// First column.
    pub column: usize,
    /// Columns taken.
    pub width: usize,
    /// The tag without `#`.
    pub tag: String,
}

impl Article {
    /// The first row showing `anchor` or what follows it: where to scroll after a re-wrap.
    pub fn row_of(&self, anchor: Anchor) -> usize {
        self.anchors
            .partition_point(|a| *a < anchor)
            .min(self.lines.len().saturating_sub(1))
    }

    /// The line of the body (0-based) the block shown on `row` starts on; `None` for the
    /// header and the footnotes.
    pub fn body_line(&self, row: usize) -> Option<usize> {
        let block = self.anchors.get(row)?.block;
        let index = usize::try_from(block).ok()?.checked_sub(1)?;
        self.block_lines.get(index).copied()
    }

    /// The first row of the block that holds body line `line` (the last block starting at
    /// or before it): where a heading or a link on that line is shown.
    pub fn row_of_body_line(&self, line: usize) -> usize {
        self.row_of_body_line_at(line, None)
    }

    /// [`Article::row_of_body_line`], at rendered line `row` of that block (an anchor's
    /// `line`) when given: where a remembered place or a bookmark inside the block is.
    pub fn row_of_body_line_at(&self, line: usize, row: Option<u32>) -> usize {
        match self.block_lines.partition_point(|start| *start <= line) {
            0 => 0,
            n => self.row_of(Anchor {
                block: u32::try_from(n).unwrap_or(u32::MAX),
                line: row.unwrap_or(1),
            }),
        }
    }

    /// The body line of the block shown on `row` and which of its rendered lines that row
    /// is (see [`Article::row_of_body_line_at`]); `None` for the header and the footnotes.
    pub fn body_place(&self, row: usize) -> Option<(usize, u32)> {
        Some((self.body_line(row)?, self.anchors.get(row)?.line))
    }

    /// Plain text of a row, for search and tests.
    pub fn row_text(&self, row: usize) -> String {
        self.lines
            .get(row)
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .unwrap_or_default()
    }
}

/// Estimated minutes to read `body`: Hangul at about 500 syllables a minute, other words
/// at about 220 a minute, at least one minute.
pub fn reading_minutes(body: &str) -> usize {
    let (hangul, words) = syllables_and_words(body);
    let minutes = hangul as f64 / 500.0 + words as f64 / 220.0;
    (minutes.round() as usize).max(1)
}

/// The Hangul syllables of `body`, and its words with a Latin letter.
fn syllables_and_words(body: &str) -> (usize, usize) {
    // One pass over the characters, looking at bytes only, in the order of how often they
    // come in a Korean post: a syllable is three bytes led by 0xEA..=0xED, then ASCII,
    // then the rest, skipped by its lead byte's length unless it is whitespace. Words are
    // counted as `split_whitespace` finds them, those with a Latin letter only.
    let bytes = body.as_bytes();
    let mut hangul = 0;
    let mut words = 0;
    let mut word_has_letter = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if (0xEA..=0xED).contains(&b) {
            hangul += usize::from(is_syllable(&bytes[i..]));
            i += 3;
            continue;
        }
        if b < 0x80 {
            if b == b' ' || (b'\t'..=b'\r').contains(&b) {
                words += usize::from(word_has_letter);
                word_has_letter = false;
            } else {
                word_has_letter |= b.is_ascii_alphabetic();
            }
            i += 1;
            continue;
        }
        if starts_with_wide_space(&bytes[i..]) {
            words += usize::from(word_has_letter);
            word_has_letter = false;
        }
        // A lead byte's leading ones are its character's length.
        i += b.leading_ones() as usize;
    }
    words += usize::from(word_has_letter);
    (hangul, words)
}

/// Whether the character `rest` starts with, led by 0xEA..=0xED, is a Hangul syllable
/// (U+AC00..=U+D7A3): all of those led by 0xEB and 0xEC, those from `EA B0` on, those up
/// to `ED 9E A3`.
fn is_syllable(rest: &[u8]) -> bool {
    match rest {
        [0xEB | 0xEC, ..] => true,
        [0xEA, second, ..] => *second >= 0xB0,
        [0xED, second, third, ..] => (*second, *third) <= (0x9E, 0xA3),
        _ => false,
    }
}

/// Renders `post` for `opts.width` columns: title, date · category · reading time, tags,
/// a rule, then the body (or, for a post that did not parse, the error and its raw text).
///
/// A long body is rendered on several cores; [`ArticleRenderer`] renders it piece by
/// piece instead, for a reader that wants the first screen before the rest.
pub fn render_post(post: &Post, opts: &RenderOptions<'_>) -> Article {
    ArticleRenderer::new(post, opts).finish()
}

/// The start of `body`, at most about `bytes` long, ending at a line break.
fn opening(body: &str, bytes: usize) -> &str {
    if body.len() <= bytes {
        return body;
    }
    let mut end = bytes;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body[..end]
        .rfind('\n')
        .map_or(&body[..end], |i| &body[..=i])
}

/// Whether a heading and a title say the same thing: compared without what trails the
/// last letter or digit (an emoji, a `?`, spaces) and without Latin case.
fn same_title(heading: &str, title: &str) -> bool {
    let core = |text: &str| {
        let end = text
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        fold(text[..end].trim())
    };
    let heading = core(heading);
    !heading.is_empty() && heading == core(title)
}

/// `spans` wrapped to `width` as rows of the header (block 0), source line `line`.
fn push_header_line(rows: &mut Vec<Row>, width: usize, line: u32, spans: Vec<Span<'static>>) {
    for row in wrap_line(&spans, width, &[], &[]) {
        rows.push((row, Anchor { block: 0, line }));
    }
}

/// The rows above the body: title, date · category · reading time (`minutes`, the
/// [`reading_minutes`] of its body), tags, a rule and a blank row, all in block 0.
pub(super) fn header_rows(post: &Post, opts: &RenderOptions<'_>, minutes: usize) -> Vec<Row> {
    let theme = opts.theme;
    let width = usize::from(opts.width.max(1));
    let mut rows: Vec<Row> = Vec::new();
    let push = |rows: &mut Vec<Row>, line: u32, spans: Vec<Span<'static>>| {
        push_header_line(rows, width, line, spans);
    };
    // A post that opens with its title as a heading would show the title twice, one under
    // the other: the heading in the body stays, the header's copy goes. A heading after an
    // introduction is not seen together with the header, which keeps the title then.
    // Only the start of the body is read for it: a long article's first screen must not
    // wait for it.
    let start = opening(&post.body, 4096);
    let repeated = first_heading(start).is_some_and(|h| {
        let opens_the_body = start
            .lines()
            .take(h.body_line)
            .all(|line| line.trim().is_empty());
        opens_the_body && same_title(&h.text, &post.title)
    });
    if !repeated {
        push(
            &mut rows,
            0,
            vec![Span::styled(
                display_text(&post.title).into_owned(),
                theme.title,
            )],
        );
    }
    let mut meta = vec![post.date_label().into_owned()];
    meta.push(post.category_label().into_owned());
    meta.push(format!("{minutes} min read"));
    push(
        &mut rows,
        1,
        vec![Span::styled(
            display_text(&meta.join(" · ")).into_owned(),
            theme.meta,
        )],
    );
    if !post.tags.is_empty() {
        let mut spans = Vec::new();
        for (i, tag) in post.tags.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(
                format!("#{}", display_text(tag)),
                theme.tag_chip,
            ));
        }
        push(&mut rows, 2, spans);
    }
    rows.push((
        Line::from(Span::styled(
            Glyphs::fill(Glyphs::current().rule, width),
            theme.rule,
        )),
        Anchor { block: 0, line: 3 },
    ));
    rows.push((Line::default(), Anchor { block: 0, line: 4 }));
    rows
}

/// The error line of a post that did not parse, and what is shown of it below, in the
/// header (block 0) after the title and its meta line.
pub(super) fn error_banner(error: &str, below: &str, opts: &RenderOptions<'_>) -> Vec<Row> {
    let theme = opts.theme;
    let width = usize::from(opts.width.max(1));
    let mut rows: Vec<Row> = Vec::new();
    let push = |rows: &mut Vec<Row>, line: u32, spans: Vec<Span<'static>>| {
        push_header_line(rows, width, line, spans);
    };
    push(
        &mut rows,
        5,
        vec![Span::styled(
            format!("⚠ {}", display_text(error)),
            theme.error,
        )],
    );
    push(
        &mut rows,
        6,
        vec![Span::styled(below.to_string(), theme.dim)],
    );
    rows
}

/// The rows for a post whose front matter never closed: the error, then its text as it
/// is.
pub(super) fn error_rows(post: &Post, error: &str, opts: &RenderOptions<'_>) -> Vec<Row> {
    let theme = opts.theme;
    let width = usize::from(opts.width.max(1));
    let mut rows = error_banner(error, "Shown as plain text below.", opts);
    rows.push((Line::default(), Anchor { block: 0, line: 7 }));
    for (n, line) in post.body.lines().enumerate() {
        let text = display_text(line).into_owned();
        for row in wrap_line(&[Span::styled(text, theme.text)], width, &[], &[]) {
            rows.push((
                row,
                Anchor {
                    block: 1,
                    line: n as u32,
                },
            ));
        }
    }
    rows
}

impl Article {
    /// Appends rows, finding the hashtag chips among them.
    pub(super) fn extend(
        &mut self,
        rows: impl ExactSizeIterator<Item = Row>,
        chip_style: ratatui::style::Style,
    ) {
        self.lines.reserve(rows.len());
        self.anchors.reserve(rows.len());
        for (line, anchor) in rows {
            find_chips(self.lines.len(), &line, chip_style, &mut self.chips);
            self.lines.push(line);
            self.anchors.push(anchor);
        }
    }
}

impl Article {
    /// Appends rows whose chips [`chips_in`] found already (on the thread that rendered
    /// them), numbered from the first of `rows`.
    pub(super) fn extend_found(
        &mut self,
        rows: impl ExactSizeIterator<Item = Row>,
        chips: Vec<Chip>,
    ) {
        let base = self.lines.len();
        self.chips.extend(chips.into_iter().map(|chip| Chip {
            row: base + chip.row,
            ..chip
        }));
        self.lines.reserve(rows.len());
        self.anchors.reserve(rows.len());
        for (line, anchor) in rows {
            self.lines.push(line);
            self.anchors.push(anchor);
        }
    }
}

/// The hashtag chips of `rows`, their row numbers counted from the first of them.
pub(super) fn chips_in(rows: &[Row], chip_style: ratatui::style::Style) -> Vec<Chip> {
    let mut chips = Vec::new();
    for (row, (line, _)) in rows.iter().enumerate() {
        find_chips(row, line, chip_style, &mut chips);
    }
    chips
}

/// The hashtag chips of row `row`, appended to `chips`.
fn find_chips(
    row: usize,
    line: &Line<'_>,
    chip_style: ratatui::style::Style,
    chips: &mut Vec<Chip>,
) {
    let is_chip = |span: &Span<'_>| span.style == chip_style && span.content.starts_with('#');
    // Columns are only needed on rows that hold a chip.
    if !line.spans.iter().any(is_chip) {
        return;
    }
    let mut column = 0;
    for span in &line.spans {
        let w = str_width(&span.content);
        if span.style == chip_style
            && let Some(tag) = span.content.strip_prefix('#')
        {
            chips.push(Chip {
                row,
                column,
                width: w,
                tag: tag.to_string(),
            });
        }
        column += w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join_options(theme: &crate::styled::Theme) -> RenderOptions<'_> {
        RenderOptions {
            width: 40,
            soft_breaks: crate::markdown::SoftBreaks::Join,
            theme,
        }
    }

    #[test]
    fn rows_and_body_lines_map_both_ways_block_by_block() {
        let post = Post {
            title: "제목".into(),
            body: "첫 문단.\n\n## 둘째 절\n\n둘째 문단이\n두 줄.\n".into(),
            ..Post::default()
        };
        let theme = crate::styled::Theme::default();
        let article = render_post(&post, &join_options(&theme));
        assert_eq!(article.block_lines, [0, 2, 4]);
        let heading = article.row_of_body_line(2);
        assert_eq!(article.row_text(heading), "둘째 절");
        assert_eq!(article.body_line(heading), Some(2));
        assert_eq!(article.row_of_body_line(5), article.row_of_body_line(4));
        assert_eq!(
            article.body_line(0),
            None,
            "the header is no line of the body"
        );
    }

    #[test]
    fn every_heading_of_a_long_article_rendered_in_chunks_is_found_by_its_line() {
        let mut body = String::new();
        for i in 0..1000 {
            body.push_str(&format!(
                "## 절 {i}\n\n긴 글의 {i}번째 문단입니다. 여러 조각으로 나뉘어 그려집니다.\n\n- 항목\n- 항목\n\n"
            ));
        }
        assert!(body.len() > 64 * 1024, "long enough for several chunks");
        let post = Post {
            title: "긴 글".into(),
            body: body.into(),
            ..Post::default()
        };
        let theme = crate::styled::Theme::default();
        let article = render_post(&post, &join_options(&theme));
        for heading in crate::library::outline::outline(&post.body) {
            let row = article.row_of_body_line(heading.body_line);
            assert_eq!(article.row_text(row), heading.text, "{heading:?}");
            assert_eq!(article.body_line(row), Some(heading.body_line));
        }
    }

    #[test]
    fn a_first_heading_that_repeats_the_title_is_not_shown_twice() {
        let theme = crate::styled::Theme::default();
        let render = |title: &str, body: &str| {
            let post = Post {
                title: title.into(),
                body: body.into(),
                ..Post::default()
            };
            let article = render_post(&post, &join_options(&theme));
            (0..article.lines.len())
                .map(|row| article.row_text(row))
                .collect::<Vec<_>>()
        };
        let rows = render("Plain Text, Forever", "# Plain Text, Forever 📜\n\n본문\n");
        assert_eq!(
            rows.iter()
                .filter(|r| r.contains("Plain Text, Forever"))
                .count(),
            1,
            "{rows:#?}"
        );
        let rows = render("생성형 AI란?", "# 생성형 AI란? 🤖\n\n본문\n");
        assert_eq!(
            rows.iter().filter(|r| r.contains("생성형 AI란")).count(),
            1,
            "{rows:#?}"
        );
        let rows = render(
            "제주 여행 기록 – 억새와 바다",
            "# 제주 여행 기록 🍊\n\n본문\n",
        );
        assert_eq!(
            rows.iter().filter(|r| r.contains("제주 여행 기록")).count(),
            2,
            "a heading that says less keeps the title: {rows:#?}"
        );
        let rows = render(
            "생성형 AI란?",
            "소개 문단입니다.\n\n---\n\n# 생성형 AI란? 🤖\n\n본문\n",
        );
        assert_eq!(
            rows.first().map(String::as_str),
            Some("생성형 AI란?"),
            "a heading after an introduction leaves the title on top: {rows:#?}"
        );
        assert_eq!(rows.iter().filter(|r| r.contains("생성형 AI란")).count(), 2);
    }

    /// What [`syllables_and_words`] counts, counted on decoded characters.
    fn syllables_and_words_by_chars(body: &str) -> (usize, usize) {
        let hangul = body
            .chars()
            .filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c))
            .count();
        let words = body
            .split_whitespace()
            .filter(|w| w.bytes().any(|b| b.is_ascii_alphabetic()))
            .count();
        (hangul, words)
    }

    proptest::proptest! {
        #[test]
        fn any_text_has_the_syllables_and_words_its_characters_have(
            body in "(\\PC|\\s|[가-힣]|[a-z0-9 ]|\u{3000}|\u{a0}|\u{2028}|\u{85}){0,200}"
        ) {
            proptest::prop_assert_eq!(
                syllables_and_words(&body),
                syllables_and_words_by_chars(&body)
            );
        }
    }

    #[test]
    fn syllables_are_told_by_their_bytes_as_by_their_characters() {
        for c in '\u{80}'..=char::MAX {
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            assert_eq!(
                is_syllable(bytes),
                ('\u{AC00}'..='\u{D7A3}').contains(&c),
                "{c:?}"
            );
            assert_eq!(bytes[0].leading_ones() as usize, bytes.len(), "{c:?}");
        }
    }

    #[test]
    fn reading_time_counts_syllables_and_latin_words() {
        let korean = "가".repeat(1500);
        assert_eq!(reading_minutes(&korean), 3);
        assert_eq!(reading_minutes(&"word ".repeat(440)), 2);
        assert_eq!(reading_minutes("짧은 글"), 1);
        assert_eq!(reading_minutes(&"힣ퟀ中 1234 ".repeat(500)), 1);
        // Words split at any Unicode whitespace, as `split_whitespace` splits them.
        let spaced = "a\u{3000}b\u{A0}c\u{2003}d\u{1680}e\u{85}f\u{B}g ".repeat(40);
        assert_eq!(reading_minutes(&spaced), 1);
        assert_eq!(reading_minutes(&spaced.repeat(2)), 3, "560 words");
        assert_eq!(reading_minutes(&"ab\u{3001}cd ".repeat(440)), 2);
        // The same as counting on decoded characters, whatever the lengths of the others.
        let by_chars = |body: &str| {
            let (hangul, words) = syllables_and_words_by_chars(body);
            let minutes = hangul as f64 / 500.0 + words as f64 / 220.0;
            (minutes.round() as usize).max(1)
        };
        for piece in [
            "é 가 😀a ꙮ b\u{2028}c ",
            "x\u{A0}y 🇰🇷z 中文 ",
            "ab 각 \u{1F469}\u{200D}x ",
        ] {
            for n in [1, 97, 400, 1300] {
                let body = piece.repeat(n);
                assert_eq!(reading_minutes(&body), by_chars(&body), "{piece:?} x {n}");
            }
        }
    }
}
