//! The article pane: the visible slice of a cached render, its search matches and selected
//! chip, and its scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use ratatui_image::sliced::{SignedPosition, SlicedImage};

use crate::markdown::links::{CellRun, links_in};
use crate::markdown::{Article, PictureSpot};
use crate::picture::PICTURE_MARK;
use crate::styled::{Glyphs, Theme};
use crate::text::display_text;
use crate::tui::cells::put_line;
use crate::tui::hyperlink::{link_cells, safe_uri};
use std::num::NonZeroU16;

use ratatui::buffer::CellDiffOption;

use crate::tui::pictures::{Drawn, DrawnPicture};
use crate::tui::reader::Reader;

/// What the article pane draws: rows `reader.scroll..` of `article`.
#[derive(Debug, Clone, Copy)]
pub struct ArticlePane<'a> {
    /// The render for the pane's width.
    pub article: &'a Article,
    /// The scroll place, matches and chip.
    pub reader: &'a Reader,
    /// The scrollbar's column, right of the pane.
    pub scrollbar: Rect,
    /// Palette.
    pub theme: &'a Theme,
    /// Whether links are drawn as OSC 8 terminal hyperlinks.
    pub hyperlinks: bool,
    /// The pictures in view and what is drawn of them so far.
    pub pictures: &'a [ShownPicture<'a>],
}

/// A picture of the article in view: where it goes, and its drawing when it is back from
/// the worker (until then its rows stay blank).
#[derive(Debug, Clone, Copy)]
pub struct ShownPicture<'a> {
    /// Where it goes in the article.
    pub spot: PictureSpot,
    /// Its drawing, or why it could not be drawn; `None` while it is being drawn.
    pub drawn: Option<&'a Drawn>,
}

/// Rows above and below the pane searched for the rest of a link partly in view: a link's
/// text and destination rarely take more.
const LINK_REACH: usize = 8;

impl Widget for ArticlePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (article, scroll, theme) = (self.article, self.reader.scroll, self.theme);
        for (i, line) in article
            .lines
            .iter()
            .skip(scroll)
            .take(usize::from(area.height))
            .enumerate()
        {
            put_line(buf, area.x, area.y + i as u16, area.width, line);
        }
        self.draw_pictures(area, buf);
        let height = usize::from(area.height);
        if article.lines.len() > height {
            let mut state = ScrollbarState::new(article.lines.len().saturating_sub(height))
                .position(scroll)
                .viewport_content_length(height);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .symbols(Glyphs::current().scrollbar.clone())
                .begin_symbol(None)
                .end_symbol(None)
                .track_style(theme.border)
                .thumb_style(theme.accent)
                .render(self.scrollbar.intersection(buf.area), buf, &mut state);
        }
        self.highlight(area, buf);
        self.links(area, buf);
    }
}

impl ArticlePane<'_> {
    /// Draws the part in view of each picture over the blank rows kept for it: a picture
    /// partly above or below the pane is cropped to its rows in view, so scrolling redraws
    /// only what moved, and rows that leave the pane take the text drawn there instead.
    fn draw_pictures(&self, area: Rect, buf: &mut Buffer) {
        let scroll = i64::try_from(self.reader.scroll).unwrap_or(i64::MAX);
        for shown in self.pictures {
            let spot = shown.spot;
            let top = i64::try_from(spot.row).unwrap_or(i64::MAX) - scroll;
            let bottom = top + i64::from(spot.rows);
            if bottom <= 0 || top >= i64::from(area.height) {
                continue;
            }
            let (Ok(x), Ok(y)) = (i16::try_from(spot.column), i16::try_from(top)) else {
                continue;
            };
            match shown.drawn {
                Some(Ok(DrawnPicture::Sliced(picture))) => {
                    SlicedImage::new(picture, SignedPosition { x, y }).render(area, buf);
                }
                Some(Ok(DrawnPicture::Placed(picture))) => {
                    // The command goes out with the first cell in view: the cursor is
                    // there when the terminal reads it.
                    let skip = u16::try_from(-top.min(0)).unwrap_or(u16::MAX);
                    let first = u16::try_from(top.max(0)).unwrap_or(0);
                    let shown = picture
                        .rows
                        .saturating_sub(skip)
                        .min(area.height.saturating_sub(first));
                    let place = picture.place(placement(&spot), skip, shown);
                    if shown > 0
                        && let Some(cell) = buf.cell_mut((area.x + spot.column, area.y + first))
                    {
                        cell.set_symbol(&format!("{place} "))
                            .set_diff_option(CellDiffOption::ForcedWidth(NonZeroU16::MIN));
                    }
                }
                Some(Err(why)) if top >= 0 => {
                    let line = ratatui::text::Line::styled(
                        format!("{PICTURE_MARK} {}", display_text(why)),
                        self.theme.dim,
                    );
                    let x = area.x + spot.column.min(area.width);
                    put_line(
                        buf,
                        x,
                        area.y + top as u16,
                        area.width - (x - area.x),
                        &line,
                    );
                }
                _ => {}
            }
        }
    }
}

/// The number of the direct kitty placement of the picture at `spot` (see
/// [`crate::tui::pictures::kitty`]): one a spot, so a picture shown twice is placed twice.
pub fn placement(spot: &PictureSpot) -> u32 {
    u32::try_from(spot.row % 0xFFFF_FFF0).unwrap_or(0) + 1
}

impl ArticlePane<'_> {
    /// Restyles the visible search matches (the current one stronger) and the selected chip.
    fn highlight(&self, area: Rect, buf: &mut Buffer) {
        let (theme, scroll) = (self.theme, self.reader.scroll);
        let visible = scroll..scroll.saturating_add(usize::from(area.height));
        let mut paint = |row: usize, columns: std::ops::Range<usize>, style: Style| {
            if !visible.contains(&row) {
                return;
            }
            let y = area.y + (row - scroll) as u16;
            for column in columns.take_while(|c| *c < usize::from(area.width)) {
                if let Some(cell) = buf.cell_mut((area.x + column as u16, y)) {
                    cell.set_style(style);
                }
            }
        };
        if let Some(search) = &self.reader.search {
            for (i, m) in search.matches.iter().enumerate() {
                let style = if i == search.current {
                    theme.search_match_current
                } else {
                    theme.search_match
                };
                paint(m.row, m.columns.clone(), style);
            }
        }
        if let Some(chip) = self.reader.chip.and_then(|c| self.article.chips.get(c)) {
            paint(
                chip.row,
                chip.column..chip.column + chip.width,
                theme.tag_chip_selected,
            );
        }
    }
}

impl ArticlePane<'_> {
    /// Highlights the link chosen with Tab and, when hyperlinks are on, makes every link in
    /// view a terminal hyperlink (web and mail links only; the URL made safe first).
    fn links(&self, area: Rect, buf: &mut Buffer) {
        if let Some(chosen) = &self.reader.link {
            for cells in self.on_screen(&chosen.spot.cells, area) {
                buf.set_style(cells, self.theme.link_chosen);
            }
        }
        if !self.hyperlinks {
            return;
        }
        let scroll = self.reader.scroll;
        let rows =
            scroll.saturating_sub(LINK_REACH)..scroll + usize::from(area.height) + LINK_REACH;
        for spot in links_in(&self.article.lines, rows, self.theme) {
            let Some(uri) = safe_uri(&spot.url) else {
                continue;
            };
            let id = link_id(&uri, spot.start());
            for cells in self.on_screen(&spot.cells, area) {
                link_cells(buf, cells.x, cells.y, cells.width, &uri, id);
            }
        }
    }

    /// Where the runs of cells of the article that are in view are on the screen, cut to
    /// the pane.
    fn on_screen(&self, runs: &[CellRun], area: Rect) -> Vec<Rect> {
        let scroll = self.reader.scroll;
        let visible = scroll..scroll.saturating_add(usize::from(area.height));
        runs.iter()
            .filter(|run| visible.contains(&run.row))
            .filter_map(|run| {
                let x = u16::try_from(run.column).ok().filter(|x| *x < area.width)?;
                let y = area.y + u16::try_from(run.row - scroll).ok()?;
                let width = u16::try_from(run.width)
                    .unwrap_or(u16::MAX)
                    .min(area.width - x);
                Some(Rect::new(area.x + x, y, width, 1))
            })
            .collect()
    }
}

/// One number for the cells of one link, so a terminal can underline it whole on hover.
fn link_id(uri: &str, start: (usize, usize)) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (uri, start).hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::cells::buffer_rows;
    use ratatui::text::Line;

    fn article(rows: usize) -> Article {
        Article {
            lines: (0..rows)
                .map(|i| Line::from(format!("{i}번째 줄")))
                .collect(),
            ..Article::default()
        }
    }

    /// The rows of a 12 x 4 pane with its scrollbar one column to the right.
    fn drawn(article: &Article, reader: &Reader) -> Vec<String> {
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 14, 4));
        ArticlePane {
            article,
            reader,
            scrollbar: Rect::new(13, 0, 1, 4),
            theme: &theme,
            hyperlinks: false,
            pictures: &[],
        }
        .render(Rect::new(0, 0, 12, 4), &mut buf);
        buffer_rows(&buf)
    }

    #[test]
    fn the_pane_shows_the_rows_from_the_scroll_place_and_a_scrollbar() {
        let mut reader = Reader::default();
        reader.scroll = 5;
        let rows = drawn(&article(20), &reader);
        assert_eq!(rows[0], "5번째 줄     │");
        assert_eq!(rows[3], "8번째 줄     │");
        assert!(rows.iter().any(|r| r.ends_with('█')), "{rows:#?}");
    }

    #[test]
    fn a_short_article_has_no_scrollbar() {
        let rows = drawn(&article(2), &Reader::default());
        assert_eq!(
            rows,
            [
                "0번째 줄      ",
                "1번째 줄      ",
                "              ",
                "              "
            ]
        );
    }

    fn linked_article(width: u16) -> Article {
        let theme = Theme::default();
        let post = crate::library::scan::post_from_text(
            "/blog/a.md".into(),
            "a.md".into(),
            "---\ntitle: 링크\n---\n앞 [문서](https://x.example/가?q=1) 뒤\n",
        );
        crate::markdown::render_post(
            &post,
            &crate::markdown::RenderOptions {
                width,
                soft_breaks: crate::markdown::SoftBreaks::Join,
                theme: &theme,
            },
        )
    }

    #[test]
    fn with_hyperlinks_on_a_links_cells_are_wrapped_in_osc_8_and_keep_their_widths() {
        let article = linked_article(40);
        let row = (0..article.lines.len())
            .find(|r| article.row_text(*r).starts_with("앞"))
            .expect("the paragraph");
        let theme = Theme::default();
        let mut reader = Reader::default();
        reader.scroll = row;
        let mut buf = Buffer::empty(Rect::new(0, 0, 41, 1));
        ArticlePane {
            article: &article,
            reader: &reader,
            scrollbar: Rect::new(40, 0, 1, 1),
            theme: &theme,
            hyperlinks: true,
            pictures: &[],
        }
        .render(Rect::new(0, 0, 40, 1), &mut buf);
        let open = "\u{1b}]8;id=g";
        // `앞 ` is not linked; `문` (two columns) is, and the cell after it is its half.
        assert_eq!(buf[(0, 0)].symbol(), "앞");
        let linked = buf[(3, 0)].symbol();
        assert!(linked.starts_with(open), "{linked:?}");
        assert!(
            linked.ends_with(";https://x.example/%EA%B0%80?q=1\u{1b}\\문\u{1b}]8;;\u{1b}\\"),
            "the URL is percent-encoded: {linked:?}"
        );
        assert_eq!(
            buf[(3, 0)].diff_option,
            ratatui::buffer::CellDiffOption::ForcedWidth(
                std::num::NonZeroU16::MIN.saturating_add(1)
            )
        );
        assert!(!buf[(4, 0)].symbol().contains('\u{1b}'), "the covered half");
        let linked_cells = (0..40)
            .filter(|x| buf[(*x, 0)].symbol().starts_with(open))
            .count();
        let shown = "문서 (https://x.example/가?q=1)";
        let graphemes = shown.chars().count();
        assert_eq!(
            linked_cells, graphemes,
            "text and destination, each grapheme once"
        );
        assert!(
            buf[(39, 0)].symbol() == " ",
            "after the link: nothing linked"
        );
    }

    #[test]
    fn with_hyperlinks_off_nothing_but_text_is_written() {
        let article = linked_article(40);
        let rows = drawn(&article, &Reader::default());
        assert!(rows.iter().all(|r| !r.contains('\u{1b}')), "{rows:?}");
    }

    /// A 4 × 3 cell picture whose rows are red, green and blue, drawn for half blocks.
    fn banded() -> crate::tui::pictures::DrawnPicture {
        use image::{Rgba, RgbaImage};
        let bands = [[200, 0, 0], [0, 200, 0], [0, 0, 200]];
        // 10 × 20 pixels a cell, ratatui-image's cell for half blocks.
        let image = RgbaImage::from_fn(40, 60, |_, y| {
            let [r, g, b] = bands[(y / 20) as usize];
            Rgba([r, g, b, 255])
        });
        let sliced = crate::tui::pictures::encoder::Encoder::Halfblocks
            .encode(image.into(), ratatui::layout::Size::new(4, 3))
            .expect("encoded");
        crate::tui::pictures::DrawnPicture::Sliced(sliced)
    }

    /// [`banded`]'s picture encoded as sixel, for a 10 × 20 pixel cell.
    fn banded_sixel() -> crate::tui::pictures::DrawnPicture {
        use image::{Rgba, RgbaImage};
        #[allow(deprecated)]
        let mut picker =
            ratatui_image::picker::Picker::from_fontsize(ratatui_image::FontSize::new(10, 20));
        picker.set_protocol_type(ratatui_image::picker::ProtocolType::Sixel);
        let image = RgbaImage::from_fn(40, 60, |_, y| Rgba([0, (y * 4) as u8, 0, 255]));
        let sliced = ratatui_image::sliced::SlicedProtocol::new_with_resize(
            &picker,
            image.into(),
            ratatui::layout::Size::new(4, 3),
            ratatui_image::Resize::Fit(None),
        )
        .expect("encoded");
        crate::tui::pictures::DrawnPicture::Sliced(sliced)
    }

    /// The picture's spot in [`with_picture`]'s article: rows 1 to 3.
    const SPOT: PictureSpot = PictureSpot {
        row: 1,
        rows: 3,
        column: 2,
        columns: 4,
        picture: crate::markdown::PictureRef::Inline(0),
    };

    /// An article of a line, three rows kept for a picture, then its caption and more.
    fn with_picture() -> Article {
        let lines = ["위", "", "", "", "🖼 그림", "아래", "끝"];
        Article {
            lines: lines.iter().map(|l| Line::from(*l)).collect(),
            pictures: vec![SPOT],
            ..Article::default()
        }
    }

    /// The 12 × 4 pane of `article` at `scroll` with `drawn` as its picture.
    fn drawn_with_picture(scroll: usize, drawn: &Drawn) -> Buffer {
        let theme = Theme::default();
        let article = with_picture();
        let mut reader = Reader::default();
        reader.scroll = scroll;
        let mut buf = Buffer::empty(Rect::new(0, 0, 14, 4));
        let shown = [ShownPicture {
            spot: SPOT,
            drawn: Some(drawn),
        }];
        ArticlePane {
            article: &article,
            reader: &reader,
            scrollbar: Rect::new(13, 0, 1, 4),
            theme: &theme,
            hyperlinks: false,
            pictures: &shown,
        }
        .render(Rect::new(0, 0, 12, 4), &mut buf);
        buf
    }

    /// The cells of row `y`, columns 2 to 5, as (symbol, background).
    fn picture_row(buf: &Buffer, y: u16) -> Vec<(String, ratatui::style::Color)> {
        (2..6)
            .map(|x| (buf[(x, y)].symbol().to_string(), buf[(x, y)].bg))
            .collect()
    }

    #[test]
    fn a_picture_is_drawn_over_the_rows_kept_for_it() {
        let drawn: Drawn = Ok(banded());
        let buf = drawn_with_picture(0, &drawn);
        let rows = buffer_rows(&buf);
        assert!(rows[0].starts_with("위"), "{rows:?}");
        for y in 1..4 {
            let row = picture_row(&buf, y);
            assert!(
                row.iter()
                    .all(|(_, bg)| matches!(bg, ratatui::style::Color::Rgb(..))),
                "row {y} is the picture's: {row:?}"
            );
        }
        assert_ne!(picture_row(&buf, 1), picture_row(&buf, 3), "bands differ");
        assert_eq!(buf[(0, 1)].symbol(), " ", "left of the picture: blank");
    }

    #[test]
    fn a_picture_partly_scrolled_out_at_the_top_is_cropped_to_its_rows_in_view() {
        let drawn: Drawn = Ok(banded());
        let whole = drawn_with_picture(0, &drawn);
        let cropped = drawn_with_picture(2, &drawn);
        // Rows 2 and 3 of the article are the picture's second and third rows.
        assert_eq!(picture_row(&cropped, 0), picture_row(&whole, 2));
        assert_eq!(picture_row(&cropped, 1), picture_row(&whole, 3));
        let rows = buffer_rows(&cropped);
        assert!(rows[2].starts_with("🖼 그림"), "{rows:?}");
        assert!(rows[3].starts_with("아래"), "{rows:?}");
        // Scrolled past it: nothing of it is left.
        let past = drawn_with_picture(4, &drawn);
        assert!(
            (0..4).all(|y| picture_row(&past, y)
                .iter()
                .all(|(_, bg)| *bg == ratatui::style::Color::Reset)),
            "{:?}",
            buffer_rows(&past)
        );
    }

    #[test]
    fn a_picture_that_could_not_be_drawn_says_why_on_its_first_row() {
        let drawn: Drawn = Err("broken data".into());
        let rows = buffer_rows(&drawn_with_picture(0, &drawn));
        assert!(rows[1].starts_with("  🖼 broken d"), "{rows:?}");
    }

    #[test]
    fn a_sixel_picture_is_sent_from_its_first_cell_and_the_row_above_keeps_its_text() {
        let drawn: Drawn = Ok(banded_sixel());
        let buf = drawn_with_picture(0, &drawn);
        let first = buf[(2, 1)].symbol();
        assert!(
            first.contains("\u{1b}P"),
            "the sixel is in the first cell: {first:?}"
        );
        let with_sixel = (0..4)
            .flat_map(|y| (0..14).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].symbol().contains("\u{1b}P"))
            .count();
        assert_eq!(with_sixel, 1, "one sixel, in one cell");
        assert_eq!(buf[(0, 0)].symbol(), "위", "the row above is the text's");
        // Scrolled a row into the picture, it is sent from the pane's first row, cropped.
        let cropped = drawn_with_picture(2, &drawn);
        let top = cropped[(2, 0)].symbol();
        assert!(top.contains("\u{1b}P"), "{top:?}");
        assert!(top.len() < first.len(), "a row of the picture is left out");
    }
}
