//! Room for pictures in an article: the rows a post's thumbnail and inline pictures take,
//! kept blank in the render so that every row number (scrolling, search matches, chips,
//! links) already counts them, and drawn over by the reader.
//!
//! The reader plans the pictures (how many cells each takes, from its size read off its
//! header; or why it cannot be shown) and hands the plan to the renderer
//! ([`super::ArticleRenderer::with_pictures`]). The renderer keeps the thumbnail's rows
//! under the header, and each inline picture's rows above its `🖼 alt` line, which stays as
//! its caption. A picture that cannot be shown gets one dim line with the reason under its
//! caption instead. An article rendered without a plan has neither.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::render::{Anchor, Row};
use crate::picture::{PICTURE_MARK, placeholder};
use crate::styled::truncate;
use crate::text::str_width;

/// The pictures of one post, as the reader plans them for one pane size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PicturePlan {
    /// The front-matter thumbnail, if the post names one.
    pub thumbnail: Option<PlannedPicture>,
    /// The inline pictures of the body, in reading order.
    pub inline: Vec<PlannedPicture>,
}

/// One picture of a [`PicturePlan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPicture {
    /// The alt text (empty for a thumbnail): how its caption line is recognised.
    pub alt: String,
    /// The source as written: an alt-less picture's caption shows it.
    pub src: String,
    /// The room it takes, or why it is not shown.
    pub space: Space,
}

/// The room a picture takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Space {
    /// At most this many cells.
    Cells {
        /// Columns.
        columns: u16,
        /// Rows.
        rows: u16,
    },
    /// Not shown, and why (for the placeholder).
    Unavailable(String),
}

/// Which picture of the plan a [`PictureSpot`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PictureRef {
    /// The thumbnail.
    Thumbnail,
    /// The inline picture of this index.
    Inline(usize),
}

/// Where a picture is drawn in a rendered article: the blank rows kept for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureSpot {
    /// The first row kept.
    pub row: usize,
    /// Rows kept.
    pub rows: u16,
    /// The first column.
    pub column: u16,
    /// Columns it may take.
    pub columns: u16,
    /// Which picture.
    pub picture: PictureRef,
}

/// How many pictures ahead of the next one a caption may match: an image the article does
/// not show as a caption (in a table cell) is skipped rather than stopping the rest.
const LOOK_AHEAD: usize = 4;

/// The thumbnail's rows under the header (its spot starting at `first_row`), and a blank
/// row after them; or its placeholder line.
pub(super) fn thumbnail_rows(
    plan: &PicturePlan,
    first_row: usize,
    width: u16,
    anchor: Anchor,
    dim: Style,
    spots: &mut Vec<PictureSpot>,
) -> Vec<Row> {
    let Some(thumbnail) = &plan.thumbnail else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    match &thumbnail.space {
        Space::Cells { columns, rows: n } => {
            spots.push(PictureSpot {
                row: first_row,
                rows: *n,
                column: 0,
                columns: (*columns).min(width),
                picture: PictureRef::Thumbnail,
            });
            rows.extend((0..*n).map(|_| (Line::default(), anchor)));
        }
        Space::Unavailable(why) => {
            let line = placeholder("thumbnail", Some(why), dim);
            rows.push((fit(line, width), anchor));
        }
    }
    rows.push((Line::default(), anchor));
    rows
}

/// Places the plan's inline pictures among `rows` (rendered rows that will start at row
/// `first_row` of the article): the rows each takes above its caption, or a reason line
/// under it. `next` is the plan's next inline picture, carried from chunk to chunk.
pub(super) fn place_inline(
    rows: Vec<Row>,
    plan: &PicturePlan,
    next: &mut usize,
    first_row: usize,
    width: u16,
    dim: Style,
    spots: &mut Vec<PictureSpot>,
) -> Vec<Row> {
    if *next >= plan.inline.len() {
        return rows;
    }
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for (line, anchor) in rows {
        let Some((column, caption)) = caption_of(&line) else {
            out.push((line, anchor));
            continue;
        };
        let found = plan
            .inline
            .iter()
            .enumerate()
            .skip(*next)
            .take(LOOK_AHEAD)
            .find(|(_, picture)| {
                let name = if picture.alt.trim().is_empty() {
                    &picture.src
                } else {
                    &picture.alt
                };
                starts_alike(&caption, name)
            })
            .map(|(i, picture)| (i, picture.space.clone()));
        let Some((index, space)) = found else {
            out.push((line, anchor));
            continue;
        };
        *next = index + 1;
        match space {
            Space::Cells { columns, rows: n } => {
                spots.push(PictureSpot {
                    row: first_row + out.len(),
                    rows: n,
                    column,
                    columns: columns.min(width.saturating_sub(column)),
                    picture: PictureRef::Inline(index),
                });
                out.extend((0..n).map(|_| (Line::default(), anchor)));
                out.push((line, anchor));
            }
            Space::Unavailable(why) => {
                out.push((line, anchor));
                let indent = " ".repeat(usize::from(column) + 2);
                let reason = Line::from(Span::styled(format!("{indent}({why})"), dim));
                out.push((fit(reason, width), anchor));
            }
        }
    }
    out
}

/// The column of a picture's caption on `line` and the text after its mark, when the
/// line shows one (a span starting with [`PICTURE_MARK`]).
fn caption_of(line: &Line<'_>) -> Option<(u16, String)> {
    let mut column = 0;
    for (i, span) in line.spans.iter().enumerate() {
        if let Some(rest) = span.content.strip_prefix(PICTURE_MARK) {
            let mut caption = rest.to_string();
            for after in &line.spans[i + 1..] {
                caption.push_str(&after.content);
            }
            return Some((u16::try_from(column).unwrap_or(u16::MAX), caption));
        }
        column += str_width(&span.content);
    }
    None
}

/// Whether a caption (cut or wrapped, perhaps) shows the start of `name`.
fn starts_alike(caption: &str, name: &str) -> bool {
    let caption: String = caption.split_whitespace().collect();
    let name: String = name.split_whitespace().collect();
    if name.is_empty() {
        return caption.is_empty();
    }
    let shared = caption
        .chars()
        .zip(name.chars())
        .take_while(|(a, b)| a == b)
        .count();
    shared > 0 && shared >= name.chars().count().min(caption.chars().count()).min(6)
}

/// `line` cut to `width` columns (one span: a placeholder or a reason).
fn fit(line: Line<'static>, width: u16) -> Line<'static> {
    let style = line.style;
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let span_style = line.spans.first().map(|s| s.style).unwrap_or_default();
    let text = truncate(&text, usize::from(width)).into_owned();
    Line::from(Span::styled(text, span_style)).style(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(columns: u16, rows: u16) -> Space {
        Space::Cells { columns, rows }
    }

    fn picture(alt: &str, space: Space) -> PlannedPicture {
        PlannedPicture {
            alt: alt.into(),
            src: format!("/{alt}.png"),
            space,
        }
    }

    fn row(text: &str) -> Row {
        (Line::from(text.to_string()), Anchor::default())
    }

    fn captioned(before: &str, alt: &str) -> Row {
        (
            Line::from(vec![
                Span::raw(before.to_string()),
                Span::raw(format!("{PICTURE_MARK} ")),
                Span::raw(alt.to_string()),
            ]),
            Anchor::default(),
        )
    }

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|(line, _)| line.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    /// `text` (a whole post) rendered 30 columns wide with `plan`, its details as
    /// `folding` says: the article and its rows as text.
    fn rendered(
        text: &str,
        plan: &PicturePlan,
        folding: crate::markdown::Folding,
    ) -> (crate::markdown::Article, Vec<String>) {
        let post = crate::library::scan::post_from_text("/blog/a.md".into(), "a.md".into(), text);
        let theme = crate::styled::Theme::default();
        let opts = crate::markdown::RenderOptions {
            width: 30,
            soft_breaks: crate::markdown::SoftBreaks::Join,
            theme: &theme,
        };
        let article = crate::markdown::ArticleRenderer::with_pictures(
            &post,
            &opts,
            None,
            Some(std::sync::Arc::new(plan.clone())),
        )
        .folded(folding)
        .finish();
        let rows = (0..article.lines.len())
            .map(|r| article.row_text(r))
            .collect();
        (article, rows)
    }

    #[test]
    fn a_picture_takes_its_rows_above_its_caption() {
        let plan = PicturePlan {
            thumbnail: None,
            inline: vec![picture("노을", cells(10, 3))],
        };
        let rows = vec![row("앞 문단"), captioned("  ", "노을"), row("뒤 문단")];
        let (mut next, mut spots) = (0, Vec::new());
        let placed = place_inline(rows, &plan, &mut next, 40, 30, Style::new(), &mut spots);
        assert_eq!(
            texts(&placed),
            ["앞 문단", "", "", "", "  🖼 노을", "뒤 문단"]
        );
        assert_eq!(
            spots,
            [PictureSpot {
                row: 41,
                rows: 3,
                column: 2,
                columns: 10,
                picture: PictureRef::Inline(0),
            }]
        );
        assert_eq!(next, 1);
    }

    #[test]
    fn a_picture_that_cannot_be_shown_says_why_under_its_caption() {
        let plan = PicturePlan {
            thumbnail: None,
            inline: vec![picture("지도", Space::Unavailable("not found".into()))],
        };
        let (mut next, mut spots) = (0, Vec::new());
        let placed = place_inline(
            vec![captioned("", "지도")],
            &plan,
            &mut next,
            0,
            30,
            Style::new(),
            &mut spots,
        );
        assert_eq!(texts(&placed), ["🖼 지도", "  (not found)"]);
        assert!(spots.is_empty());
    }

    #[test]
    fn a_caption_that_matches_no_picture_is_left_alone_and_a_skipped_one_does_not_stop_the_rest() {
        let plan = PicturePlan {
            thumbnail: None,
            inline: vec![picture("표 안", cells(4, 1)), picture("산", cells(4, 2))],
        };
        let (mut next, mut spots) = (0, Vec::new());
        let placed = place_inline(
            vec![captioned("", "다른 것"), captioned("", "산")],
            &plan,
            &mut next,
            0,
            30,
            Style::new(),
            &mut spots,
        );
        assert_eq!(texts(&placed), ["🖼 다른 것", "", "", "🖼 산"]);
        assert_eq!(spots.len(), 1);
        assert_eq!(spots[0].picture, PictureRef::Inline(1));
        assert_eq!(next, 2);
    }

    #[test]
    fn the_thumbnail_takes_its_rows_and_a_blank_one_or_says_why() {
        let mut spots = Vec::new();
        let plan = PicturePlan {
            thumbnail: Some(picture("", cells(20, 2))),
            inline: Vec::new(),
        };
        let rows = thumbnail_rows(&plan, 5, 30, Anchor::default(), Style::new(), &mut spots);
        assert_eq!(texts(&rows), ["", "", ""]);
        assert_eq!((spots[0].row, spots[0].rows, spots[0].columns), (5, 2, 20));

        let plan = PicturePlan {
            thumbnail: Some(picture(
                "",
                Space::Unavailable("on example.com, not fetched".into()),
            )),
            inline: Vec::new(),
        };
        let rows = thumbnail_rows(&plan, 5, 30, Anchor::default(), Style::new(), &mut spots);
        assert_eq!(texts(&rows), ["🖼 thumbnail (on example.com, …", ""]);
    }

    #[test]
    fn a_picture_in_a_folded_details_keeps_no_rows_and_the_next_picture_still_finds_its_caption() {
        let text = "---\ntitle: 접힌 사진\n---\n<details>\n<summary>더 보기</summary>\n\n![숨은 사진](/h.png)\n\n</details>\n\n![바다](/s.png)\n\n끝\n";
        let plan = PicturePlan {
            thumbnail: None,
            inline: vec![
                picture("숨은 사진", cells(12, 2)),
                picture("바다", cells(12, 3)),
            ],
        };
        let folding = crate::markdown::Folding::Toggled(Default::default());
        let (folded, rows) = rendered(text, &plan, folding);
        assert!(!rows.iter().any(|r| r.contains("숨은 사진")), "{rows:#?}");
        let [sea] = folded.pictures[..] else {
            panic!("one spot: {:?}", folded.pictures);
        };
        assert_eq!(sea.picture, PictureRef::Inline(1));
        assert!(rows[sea.row..sea.row + 3].iter().all(String::is_empty));
        assert_eq!(rows[sea.row + 3], "🖼 바다", "{rows:#?}");
        let (open, _) = rendered(text, &plan, crate::markdown::Folding::AllOpen);
        assert_eq!(open.pictures.len(), 2, "{:?}", open.pictures);
    }

    #[test]
    fn a_rendered_post_keeps_rows_for_its_thumbnail_and_pictures() {
        let text = "---\ntitle: 사진\nthumbnail: /t.png\n---\n앞 문단\n\n![산 풍경](/a.png)\n\n- 목록 ![지도](b.png)\n\n끝\n";
        let plan = PicturePlan {
            thumbnail: Some(picture("", cells(20, 2))),
            inline: vec![
                picture("산 풍경", cells(12, 3)),
                picture("지도", Space::Unavailable("not found".into())),
            ],
        };
        let (article, rows) = rendered(text, &plan, crate::markdown::Folding::AllOpen);
        let [thumbnail, inline] = article.pictures[..] else {
            panic!("two spots: {:?}", article.pictures);
        };
        assert_eq!(thumbnail.picture, PictureRef::Thumbnail);
        assert!(
            rows[thumbnail.row..thumbnail.row + 3]
                .iter()
                .all(String::is_empty)
        );
        assert!(rows[thumbnail.row + 3].starts_with("앞 문단"), "{rows:#?}");
        assert_eq!(inline.picture, PictureRef::Inline(0));
        assert!(
            rows[inline.row..inline.row + 3]
                .iter()
                .all(String::is_empty)
        );
        assert_eq!(rows[inline.row + 3], "🖼 산 풍경");
        let map = rows
            .iter()
            .position(|r| r.contains("🖼 지도"))
            .expect("caption");
        assert!(
            rows[map + 1].trim_start().starts_with("(not found)"),
            "{rows:#?}"
        );
        assert_eq!(rows.len(), article.anchors.len());
    }
}
