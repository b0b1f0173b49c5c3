//! A picture drawn with text: each terminal cell shows two pixels stacked, the upper half
//! block `▀` in the top pixel's colour over a background of the bottom pixel's colour. Any
//! terminal with 24-bit colour shows it, so it is what `geul render` prints and what the
//! reader falls back to without a graphics protocol.
//!
//! `▀` is an East Asian *ambiguous* character: a terminal set to draw those wide advances
//! two columns for it, so callers use these lines only where the width model draws
//! ambiguous characters narrow, and a placeholder elsewhere.

use image::imageops::FilterType;
use image::{DynamicImage, GenericImageView, Rgba};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

/// The glyph of one cell: its foreground is the top pixel, its background the bottom one.
pub const UPPER_HALF: &str = "▀";

/// The size a `width` × `height` picture is drawn at within `max_columns` × `max_rows`
/// cells, as (columns, pixel rows); the cells it takes are `columns` × `⌈pixel rows / 2⌉`.
///
/// The aspect ratio is kept, and a picture is never enlarged: one picture pixel is at
/// least one half-block pixel, so a tiny icon stays tiny instead of turning into blocks.
/// The side that does not fill its limit is rounded to the nearest pixel, halves up: a
/// 320 × 180 picture in 40 columns is 22.5 → 23 pixel rows, which is 12 cells, the last
/// with its bottom half blank. Either side is at least 1 unless a limit is 0.
pub fn fitted_size(width: u32, height: u32, max_columns: u16, max_rows: u16) -> (u32, u32) {
    let max_width = u64::from(max_columns);
    let max_height = 2 * u64::from(max_rows);
    let (width, height) = (u64::from(width), u64::from(height));
    if max_width == 0 || max_height == 0 || width == 0 || height == 0 {
        return (0, 0);
    }
    let (columns, pixel_rows) = if width <= max_width && height <= max_height {
        (width, height)
    } else if width * max_height >= height * max_width {
        // Wider than the box: the width fills it.
        (max_width, ((height * max_width + width / 2) / width).max(1))
    } else {
        (
            ((width * max_height + height / 2) / height).max(1),
            max_height,
        )
    };
    // Both are at most the limits, which fit in a u32 (2 × u16::MAX).
    (
        u32::try_from(columns).unwrap_or(u32::MAX),
        u32::try_from(pixel_rows).unwrap_or(u32::MAX),
    )
}

/// `image` as lines of half blocks, fitted into `max_columns` × `max_rows` cells (see
/// [`fitted_size`]). Transparent pixels are blended over `background` (the pane's colour),
/// as is the blank bottom half of a last row with no pixel row of its own. Neighbouring
/// cells of the same two colours share one span, which keeps a flat picture a few spans a
/// line.
pub fn half_blocks(
    image: &DynamicImage,
    max_columns: u16,
    max_rows: u16,
    background: [u8; 3],
) -> Vec<Line<'static>> {
    let (columns, pixel_rows) = fitted_size(image.width(), image.height(), max_columns, max_rows);
    if columns == 0 || pixel_rows == 0 {
        return Vec::new();
    }
    // Scaled first and converted after, so only the small picture is copied into RGBA.
    let pixels = if (columns, pixel_rows) == image.dimensions() {
        image.to_rgba8()
    } else {
        image
            .resize_exact(columns, pixel_rows, FilterType::Triangle)
            .to_rgba8()
    };
    let mut lines = Vec::with_capacity(pixel_rows.div_ceil(2) as usize);
    for top in (0..pixel_rows).step_by(2) {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut run: Option<Run> = None;
        for x in 0..columns {
            let upper = blend(*pixels.get_pixel(x, top), background);
            let lower = if top + 1 < pixel_rows {
                blend(*pixels.get_pixel(x, top + 1), background)
            } else {
                (background[0], background[1], background[2])
            };
            run = match run {
                Some((fg, bg, count)) if fg == upper && bg == lower => Some((fg, bg, count + 1)),
                Some(done) => {
                    spans.push(cells(done));
                    Some((upper, lower, 1))
                }
                None => Some((upper, lower, 1)),
            };
        }
        if let Some(done) = run {
            spans.push(cells(done));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// An RGB colour.
type Rgb = (u8, u8, u8);

/// Neighbouring cells of one top and one bottom colour: (top, bottom, how many).
type Run = (Rgb, Rgb, usize);

/// `count` cells with the top colour `fg` over the bottom colour `bg`.
fn cells((fg, bg, count): Run) -> Span<'static> {
    Span::styled(
        UPPER_HALF.repeat(count),
        Style::new()
            .fg(Color::Rgb(fg.0, fg.1, fg.2))
            .bg(Color::Rgb(bg.0, bg.1, bg.2)),
    )
}

/// `pixel` over `background`, by its alpha, rounded to the nearest value.
fn blend(pixel: Rgba<u8>, background: [u8; 3]) -> Rgb {
    let [r, g, b, a] = pixel.0;
    let over = |c: u8, under: u8| {
        let a = u16::from(a);
        let mixed = (u16::from(c) * a + u16::from(under) * (255 - a) + 127) / 255;
        // At most 255 by construction.
        u8::try_from(mixed).unwrap_or(u8::MAX)
    };
    (
        over(r, background[0]),
        over(g, background[1]),
        over(b, background[2]),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::Instant;

    use image::RgbaImage;

    use super::*;

    const BG: [u8; 3] = [10, 20, 30];

    fn width(line: &Line<'_>) -> usize {
        line.spans.iter().map(|s| s.content.chars().count()).sum()
    }

    fn colours(span: &Span<'_>) -> (Option<Color>, Option<Color>) {
        (span.style.fg, span.style.bg)
    }

    fn flat(width: u32, height: u32, colour: [u8; 4]) -> DynamicImage {
        DynamicImage::ImageRgba8(RgbaImage::from_pixel(width, height, Rgba(colour)))
    }

    #[test]
    fn a_wide_picture_fills_the_columns_and_rounds_its_rows_half_up() {
        // 180 × 40 / 320 = 22.5 pixel rows → 23 → 12 cells.
        assert_eq!(fitted_size(320, 180, 40, 100), (40, 23));
        let lines = half_blocks(&flat(320, 180, [200, 100, 50, 255]), 40, 100, BG);
        assert_eq!(lines.len(), 12);
        assert!(lines.iter().all(|l| width(l) == 40));
    }

    #[test]
    fn a_tall_box_limits_the_rows_and_the_width_follows() {
        // 5 rows are 10 pixels: 320 × 10 / 180 = 17.8 → 18 columns.
        assert_eq!(fitted_size(320, 180, 80, 5), (18, 10));
        let lines = half_blocks(&flat(320, 180, [0, 0, 0, 255]), 80, 5, BG);
        assert_eq!(lines.len(), 5);
        assert!(lines.iter().all(|l| width(l) == 18));
    }

    #[test]
    fn the_aspect_ratio_is_kept_and_the_limits_never_passed() {
        let sizes = [
            (320, 180),
            (180, 320),
            (1, 1),
            (50_000, 1),
            (1, 50_000),
            (6000, 4000),
            (333, 777),
        ];
        for (w, h) in sizes {
            for (columns, rows) in [
                (1, 1),
                (7, 3),
                (40, 12),
                (80, 24),
                (200, 60),
                (u16::MAX, u16::MAX),
            ] {
                let (c, p) = fitted_size(w, h, columns, rows);
                assert!(c >= 1 && p >= 1, "{w}x{h} in {columns}x{rows}");
                assert!(c <= u32::from(columns), "{w}x{h} in {columns}x{rows}: {c}");
                assert!(p <= 2 * u32::from(rows), "{w}x{h} in {columns}x{rows}: {p}");
                assert!(c <= w && p <= h, "enlarged {w}x{h} to {c}x{p}");
                // Rounding moves a side by at most half a pixel, unless clamped to 1.
                let (w, h, c, p) = (f64::from(w), f64::from(h), f64::from(c), f64::from(p));
                if c > 1.0 && p > 1.0 {
                    let ideal = c * h / w;
                    let ideal_width = p * w / h;
                    assert!(
                        (ideal - p).abs() <= 0.5 || (ideal_width - c).abs() <= 0.5,
                        "{w}x{h} drawn {c}x{p}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_small_picture_is_not_enlarged() {
        assert_eq!(fitted_size(2, 2, 80, 24), (2, 2));
        assert_eq!(fitted_size(16, 16, 80, 24), (16, 16));
        assert!(half_blocks(&flat(2, 2, [1, 2, 3, 255]), 0, 24, BG).is_empty());
        assert!(half_blocks(&flat(2, 2, [1, 2, 3, 255]), 80, 0, BG).is_empty());
    }

    #[test]
    fn each_cell_shows_its_top_pixel_over_its_bottom_pixel() {
        let mut image = RgbaImage::new(2, 2);
        image.put_pixel(0, 0, Rgba([255, 0, 0, 255]));
        image.put_pixel(1, 0, Rgba([0, 255, 0, 255]));
        image.put_pixel(0, 1, Rgba([0, 0, 255, 255]));
        // Fully transparent: the background shows.
        image.put_pixel(1, 1, Rgba([255, 255, 255, 0]));
        let lines = half_blocks(&DynamicImage::ImageRgba8(image), 80, 24, BG);
        assert_eq!(lines.len(), 1);
        let spans = &lines[0].spans;
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].content, UPPER_HALF);
        assert_eq!(
            colours(&spans[0]),
            (Some(Color::Rgb(255, 0, 0)), Some(Color::Rgb(0, 0, 255)))
        );
        assert_eq!(
            colours(&spans[1]),
            (Some(Color::Rgb(0, 255, 0)), Some(Color::Rgb(10, 20, 30)))
        );
    }

    #[test]
    fn half_transparent_pixels_are_blended_over_the_background() {
        let lines = half_blocks(&flat(1, 2, [255, 255, 255, 128]), 80, 24, [0, 0, 0]);
        assert_eq!(
            colours(&lines[0].spans[0]),
            (
                Some(Color::Rgb(128, 128, 128)),
                Some(Color::Rgb(128, 128, 128))
            )
        );
    }

    #[test]
    fn an_odd_last_pixel_row_is_drawn_over_the_background() {
        let lines = half_blocks(&flat(1, 3, [9, 9, 9, 255]), 80, 24, BG);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            colours(&lines[1].spans[0]),
            (Some(Color::Rgb(9, 9, 9)), Some(Color::Rgb(10, 20, 30)))
        );
    }

    #[test]
    fn cells_of_the_same_colours_share_a_span() {
        let lines = half_blocks(&flat(6, 4, [40, 50, 60, 255]), 80, 24, BG);
        assert_eq!(lines.len(), 2);
        for line in &lines {
            assert_eq!(line.spans.len(), 1);
            assert_eq!(line.spans[0].content, UPPER_HALF.repeat(6));
        }
    }

    #[test]
    fn a_sample_picture_fits_forty_columns() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("posts/sites/jekyll-blog/assets/img/sunset.png");
        let image = crate::picture::decode(&path, &Default::default()).unwrap();
        let start = Instant::now();
        let lines = half_blocks(&image, 40, 100, BG);
        eprintln!("sunset.png to 40 columns in {:?}", start.elapsed());
        assert_eq!(lines.len(), 12);
        assert!(lines.iter().all(|l| width(l) == 40));
        assert!(lines.iter().all(|l| l.width() == 40));
    }

    #[test]
    fn a_large_picture_scales_down_in_reasonable_time() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_fn(4000, 3000, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        }));
        let start = Instant::now();
        let lines = half_blocks(&image, 80, 40, BG);
        eprintln!("4000x3000 to 80 columns in {:?}", start.elapsed());
        assert_eq!(lines.len(), 30);
    }
}
