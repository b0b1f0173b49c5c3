//! How big a picture is, read from its header alone, and how many cells it takes: what the
//! reader needs to keep rows for a picture before it is decoded.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use image::ImageReader;

use super::{PictureError, PictureLimits};

/// The picture's size in pixels, read from the header of the file at `path` (a few hundred
/// bytes, not the pixels), refused as [`super::decode`] would refuse it: not a regular file,
/// over the byte limit, not a picture, or claiming more pixels than the limits allow.
pub fn dimensions(path: &Path, limits: &PictureLimits) -> Result<(u32, u32), PictureError> {
    let metadata = std::fs::metadata(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => PictureError::Missing,
        kind => PictureError::Unreadable(kind.to_string()),
    })?;
    if !metadata.is_file() {
        return Err(PictureError::NotAFile);
    }
    if metadata.len() > limits.max_file_bytes {
        return Err(PictureError::TooLarge {
            bytes: metadata.len(),
        });
    }
    let file =
        File::open(path).map_err(|error| PictureError::Unreadable(error.kind().to_string()))?;
    let reader = ImageReader::new(BufReader::new(file))
        .with_guessed_format()
        .map_err(|_| PictureError::Broken)?;
    if reader.format().is_none() {
        return Err(PictureError::Unsupported(None));
    }
    let (width, height) = reader.into_dimensions().map_err(|error| match error {
        image::ImageError::Limits(_) => PictureError::TooMuchMemory,
        image::ImageError::Unsupported(_) => PictureError::Unsupported(None),
        _ => PictureError::Broken,
    })?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels || width > limits.max_side || height > limits.max_side {
        return Err(PictureError::TooBig { width, height });
    }
    if width == 0 || height == 0 {
        return Err(PictureError::Broken);
    }
    Ok((width, height))
}

/// The cells (columns, rows) a `width` × `height` pixel picture takes within `max_columns`
/// × `max_rows` cells of `cell` pixels (width, height), its aspect ratio kept. With
/// `enlarge` a small picture grows to fill the box (a thumbnail); without, it is never
/// drawn larger than its own pixels (an inline picture stays its size). Both are at least
/// 1 unless a limit or a side is 0.
pub fn cells_for(
    (width, height): (u32, u32),
    cell: (u16, u16),
    max_columns: u16,
    max_rows: u16,
    enlarge: bool,
) -> (u16, u16) {
    let (cell_w, cell_h) = (u64::from(cell.0.max(1)), u64::from(cell.1.max(1)));
    let (width, height) = (u64::from(width), u64::from(height));
    if width == 0 || height == 0 || max_columns == 0 || max_rows == 0 {
        return (0, 0);
    }
    let mut box_w = u64::from(max_columns) * cell_w;
    let mut box_h = u64::from(max_rows) * cell_h;
    if !enlarge {
        box_w = box_w.min(width);
        box_h = box_h.min(height);
    }
    // The side that limits: compare width / height with box_w / box_h without division.
    let (pixels_w, pixels_h) = if width * box_h >= height * box_w {
        (box_w, (height * box_w / width).max(1))
    } else {
        ((width * box_h / height).max(1), box_h)
    };
    let columns = pixels_w.div_ceil(cell_w).clamp(1, u64::from(max_columns));
    let rows = pixels_h.div_ceil(cell_h).clamp(1, u64::from(max_rows));
    (
        u16::try_from(columns).unwrap_or(max_columns),
        u16::try_from(rows).unwrap_or(max_rows),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("posts/sites")
            .join(name)
    }

    #[test]
    fn the_size_is_read_from_the_header() {
        let limits = PictureLimits::default();
        assert_eq!(
            dimensions(&sample("jekyll-blog/assets/img/sunset.png"), &limits),
            Ok((320, 180))
        );
        assert_eq!(
            dimensions(&sample("jekyll-blog/assets/img/gone.png"), &limits),
            Err(PictureError::Missing)
        );
        assert_eq!(
            dimensions(&sample("jekyll-blog/assets"), &limits),
            Err(PictureError::NotAFile)
        );
        assert_eq!(
            dimensions(&sample("jekyll-blog/_config.yml"), &limits),
            Err(PictureError::Unsupported(None))
        );
        let small = PictureLimits {
            max_pixels: 1000,
            ..limits
        };
        assert_eq!(
            dimensions(&sample("jekyll-blog/assets/img/sunset.png"), &small),
            Err(PictureError::TooBig {
                width: 320,
                height: 180
            })
        );
    }

    #[test]
    fn a_thumbnail_fills_its_box_and_keeps_its_shape() {
        // 320 × 180 in 80 columns × 8 rows of 10 × 20 pixels: the height limits (160 px),
        // so 284 px wide, 29 columns.
        assert_eq!(cells_for((320, 180), (10, 20), 80, 8, true), (29, 8));
        // A wide box: the width limits.
        assert_eq!(cells_for((320, 180), (10, 20), 20, 30, true), (20, 6));
    }

    #[test]
    fn an_inline_picture_is_never_enlarged() {
        assert_eq!(cells_for((320, 180), (10, 20), 80, 30, false), (32, 9));
        assert_eq!(cells_for((16, 16), (10, 20), 80, 30, false), (2, 1));
        // Shrunk to fit a narrow pane.
        assert_eq!(cells_for((320, 180), (10, 20), 16, 30, false), (16, 5));
    }

    #[test]
    fn nothing_fits_in_no_room() {
        assert_eq!(cells_for((320, 180), (10, 20), 0, 8, true), (0, 0));
        assert_eq!(cells_for((0, 180), (10, 20), 80, 8, true), (0, 0));
    }
}
