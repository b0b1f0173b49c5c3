//! Pictures in `geul render`'s output: the front-matter thumbnail under the header and each
//! inline picture above its `🖼 alt` line (kept as its caption), drawn as half blocks
//! (`▀`, two pixels a cell) when colour is on. Where a picture cannot be drawn (missing,
//! broken, remote, outside the site) the caption says why. Without colour, or where the
//! terminal draws `▀` two columns wide, only the captions are printed, as before.

use std::path::Path;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::library::Post;
use crate::library::images::{BodyImage, ImageSource, body_images, resolve_image, site_root};
use crate::picture::{PICTURE_MARK, PictureKey, PictureLimits, render};
use crate::styled::truncate;
use crate::text::width::model;

/// The most rows a thumbnail takes: a glance, not the article.
const THUMBNAIL_ROWS: u16 = 12;
/// The most rows an inline picture takes.
const INLINE_ROWS: u16 = 16;

/// `lines`, the rows of an article (the render of `post`, read from `file`, whose first
/// `header_rows` rows are its header), with its pictures drawn in, for a terminal of
/// `width` columns whose background is `background`. The rows are moved, not copied: an
/// article without pictures comes back as it is.
pub fn with_pictures(
    lines: Vec<Line<'static>>,
    header_rows: usize,
    post: &Post,
    file: &Path,
    width: u16,
    background: [u8; 3],
    dim: Style,
) -> Vec<Line<'static>> {
    if !drawable() {
        return lines;
    }
    let images = body_images(&post.body);
    if images.is_empty() && post.thumbnail.is_none() {
        return lines;
    }
    let draw = drawer(file, width, background);
    // Inline pictures first (their rows are found by their captions), then the thumbnail
    // above them all, so row numbers found stay right.
    let mut out = if images.is_empty() {
        lines
    } else {
        draw_inline(lines, &images, &draw, width, dim)
    };
    if let Some(rows) = thumbnail_with(post, &draw, dim) {
        let at = header_rows.min(out.len());
        out.splice(at..at, rows);
    }
    out
}

/// Whether [`with_pictures`] would draw a picture into the body of `post`: without one, only
/// its thumbnail ([`thumbnail_rows`]) is drawn.
pub fn has_inline_pictures(post: &Post) -> bool {
    drawable() && !body_images(&post.body).is_empty()
}

/// The rows [`with_pictures`] puts under the header of `post` for its thumbnail (the
/// picture and a blank row, or why it is not drawn), if it has one.
pub fn thumbnail_rows(
    post: &Post,
    file: &Path,
    width: u16,
    background: [u8; 3],
    dim: Style,
) -> Option<Vec<Line<'static>>> {
    if !drawable() || post.thumbnail.is_none() {
        return None;
    }
    thumbnail_with(post, &drawer(file, width, background), dim)
}

/// Whether pictures are drawn at all: `▀` is itself an East Asian ambiguous character, and
/// where it is drawn wide a picture of half blocks would be twice its width.
fn drawable() -> bool {
    model().ambiguous < 2
}

/// Draws a picture named in the post read from `file` (as its Markdown names it) in at most
/// `rows` rows, or says why it cannot.
type Draw<'a> = dyn Fn(&str, u16) -> Result<Vec<Line<'static>>, String> + 'a;

/// The [`Draw`] for pictures of the post read from `file`.
fn drawer(
    file: &Path,
    width: u16,
    background: [u8; 3],
) -> impl Fn(&str, u16) -> Result<Vec<Line<'static>>, String> {
    let post_file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let opened = post_file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let root = site_root(&post_file, &opened);
    move |src: &str, rows: u16| match resolve_image(src, &post_file, &root) {
        ImageSource::File(path) => {
            let key = PictureKey::for_file(&path, width, rows, background);
            render(&key, &PictureLimits::default())
                .map(|lines| lines.as_ref().clone())
                .map_err(|error| error.to_string())
        }
        ImageSource::Remote { host } => Err(format!("on {host}, not fetched")),
        ImageSource::Unavailable(why) => Err(why),
    }
}

/// The thumbnail's rows, drawn with `draw`.
fn thumbnail_with(post: &Post, draw: &Draw<'_>, dim: Style) -> Option<Vec<Line<'static>>> {
    let thumbnail = post.thumbnail.as_deref()?;
    Some(match draw(thumbnail, THUMBNAIL_ROWS) {
        Ok(mut picture) => {
            picture.push(Line::default());
            picture
        }
        Err(why) => vec![
            Line::from(Span::styled(
                format!("{PICTURE_MARK} thumbnail ({why})"),
                dim,
            )),
            Line::default(),
        ],
    })
}

/// `lines` with the pictures of `images` drawn above their captions, or the reason one is
/// not drawn written under its caption.
fn draw_inline(
    mut lines: Vec<Line<'static>>,
    images: &[BodyImage],
    draw: &Draw<'_>,
    width: u16,
    dim: Style,
) -> Vec<Line<'static>> {
    let mut next = images.iter().peekable();
    let mut out: Vec<Line<'static>> = Vec::with_capacity(lines.len());
    // The reason a picture is not drawn, written after its caption's last row.
    let mut pending_reason: Option<Line<'static>> = None;
    for line in lines.drain(..) {
        // A row's text is needed only to end a reason's wait or to be a caption.
        if pending_reason.is_none() && !(next.peek().is_some() && starts_with_mark(&line)) {
            out.push(line);
            continue;
        }
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        if text.trim().is_empty()
            && let Some(reason) = pending_reason.take()
        {
            out.push(reason);
        }
        let caption = text
            .strip_prefix(PICTURE_MARK)
            .map(str::trim_start)
            .filter(|alt| {
                next.peek()
                    .is_some_and(|image| starts_alike(alt, &image.alt))
            });
        if caption.is_some()
            && let Some(image) = next.next()
        {
            match draw(&image.src, INLINE_ROWS) {
                Ok(picture) => {
                    out.extend(picture);
                    out.push(line);
                }
                Err(why) => {
                    // On a line of its own under the caption, cut to the width.
                    out.push(line);
                    let why = truncate(&format!("  ({why})"), usize::from(width)).into_owned();
                    pending_reason = Some(Line::from(Span::styled(why, dim)));
                }
            }
            continue;
        }
        out.push(line);
    }
    out.extend(pending_reason);
    out
}

/// Whether the text of `line` starts with [`PICTURE_MARK`], as a caption row's does.
fn starts_with_mark(line: &Line<'_>) -> bool {
    let mut rest = PICTURE_MARK;
    for span in &line.spans {
        let content = span.content.as_ref();
        if content.len() >= rest.len() {
            return content.starts_with(rest);
        }
        match rest.strip_prefix(content) {
            Some(left) => rest = left,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether a caption row shows the start of `alt` (the row may be cut or wrapped).
fn starts_alike(row: &str, alt: &str) -> bool {
    let row: String = row.split_whitespace().collect();
    let alt: String = alt.split_whitespace().collect();
    let shared = row
        .chars()
        .zip(alt.chars())
        .take_while(|(a, b)| a == b)
        .count();
    shared >= alt.chars().count().min(row.chars().count()).min(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_row_is_found_by_its_mark_across_spans() {
        fn row(spans: &[&'static str]) -> Line<'static> {
            Line::from(spans.iter().map(|s| Span::raw(*s)).collect::<Vec<_>>())
        }
        assert!(starts_with_mark(&row(&["🖼 노을"])));
        assert!(starts_with_mark(&row(&["", "🖼", " 노을"])));
        assert!(starts_with_mark(&row(&["🖼"])));
        assert!(!starts_with_mark(&row(&["노을 🖼"])));
        assert!(!starts_with_mark(&row(&[" 🖼"])));
        assert!(!starts_with_mark(&row(&[])));
    }
}
