//! Pictures in `geul render`'s output: the front-matter thumbnail under the header and each
//! inline picture above its `🖼 alt` line (kept as its caption), drawn as half blocks
//! (`▀`, two pixels a cell) when colour is on. Where a picture cannot be drawn (missing,
//! broken, remote, outside the site) the caption says why. Without colour, or where the
//! terminal draws `▀` two columns wide, only the captions are printed, as before.

use std::path::Path;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::library::Post;
use crate::library::images::{ImageSource, body_images, resolve_image, site_root};
use crate::markdown::Article;
use crate::picture::{PICTURE_MARK, PictureKey, PictureLimits, render};
use crate::styled::truncate;
use crate::text::width::model;

/// The most rows a thumbnail takes: a glance, not the article.
const THUMBNAIL_ROWS: u16 = 12;
/// The most rows an inline picture takes.
const INLINE_ROWS: u16 = 16;

/// The rows of `article` (the render of `post`, read from `file`) with its pictures drawn
/// in, for a terminal of `width` columns whose background is `background`.
pub fn with_pictures(
    article: &Article,
    post: &Post,
    file: &Path,
    width: u16,
    background: [u8; 3],
    dim: Style,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = article.lines.clone();
    // `▀` is itself an East Asian ambiguous character: where it is drawn wide, a picture
    // of half blocks would be twice its width.
    if model().ambiguous >= 2 {
        return lines;
    }
    let post_file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let opened = post_file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let root = site_root(&post_file, &opened);
    let draw = |src: &str, rows: u16| -> Result<Vec<Line<'static>>, String> {
        match resolve_image(src, &post_file, &root) {
            ImageSource::File(path) => {
                let key = PictureKey::for_file(&path, width, rows, background);
                render(&key, &PictureLimits::default())
                    .map(|lines| lines.as_ref().clone())
                    .map_err(|error| error.to_string())
            }
            ImageSource::Remote { host } => Err(format!("on {host}, not fetched")),
            ImageSource::Unavailable(why) => Err(why),
        }
    };
    // Inline pictures first (their rows are found by their captions), then the thumbnail
    // above them all, so row numbers found stay right.
    let images = body_images(&post.body);
    let mut next = images.iter().peekable();
    let mut out: Vec<Line<'static>> = Vec::with_capacity(lines.len());
    // The reason a picture is not drawn, written after its caption's last row.
    let mut pending_reason: Option<Line<'static>> = None;
    for line in lines.drain(..) {
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
    if let Some(thumbnail) = post.thumbnail.as_deref() {
        let header = article.anchors.iter().take_while(|a| a.block == 0).count();
        let at = header.min(out.len());
        let rows = match draw(thumbnail, THUMBNAIL_ROWS) {
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
        };
        out.splice(at..at, rows);
    }
    out
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
