//! `geul render FILE`: one article exactly as the article pane shows it at a width.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use ratatui::backend::IntoCrossterm;
use ratatui::style::Style;
use ratatui::text::Line;

use super::ColorChoice;
use super::output::display_path;
use super::pictures;
use super::settings::Settings;
use crate::config::Images;
use crate::library::parallel::cores;
use crate::library::{Body as PostText, Post, front_matter, scan};
use crate::markdown::{ArticleRenderer, ReadBody, RenderOptions, Row, SoftBreaks};
use crate::styled::{Background, Theme};
use crate::text::width::{model, with_model};

/// Renders `file` for `width` columns and prints it, coloured as `color` says.
pub fn run(
    file: &Path,
    width: u16,
    color: ColorChoice,
    images: Images,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let (post, body) = read_one(file, settings.soft_breaks)?;
    let theme = settings.theme_from_env();
    let options = RenderOptions {
        width,
        soft_breaks: settings.soft_breaks,
        theme: &theme,
    };
    let renderer = ArticleRenderer::with_body(&post, &options, body);
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let pictures = color && images != Images::Off;
    let background = if theme == Theme::new(Background::Light) {
        [255, 255, 255]
    } else {
        [0, 0, 0]
    };
    let dim = theme.dim;
    // One write per 64 KiB rather than one per line: stdout is line-buffered.
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if pictures && pictures::has_inline_pictures(&post) {
        // Inline pictures are placed by their captions among all the article's rows.
        let mut article = renderer.finish();
        let header_rows = article.anchors.iter().take_while(|a| a.block == 0).count();
        let lines = std::mem::take(&mut article.lines);
        let lines =
            pictures::with_pictures(lines, header_rows, &post, file, width, background, dim);
        write_lines(&mut out, &lines, color)?;
        out.flush()?;
        // The process ends here; freeing a large article row by row would cost more than
        // writing it did.
        std::mem::forget(lines);
        std::mem::forget(article);
        return Ok(ExitCode::SUCCESS);
    }
    // Any other article is encoded chunk by chunk on the threads that render the chunks,
    // and no chunk's rows outlive their encoding.
    let (head, pieces) = renderer.finish_each(|rows| encode_rows(rows, color));
    let header_rows = head.iter().take_while(|(_, a)| a.block == 0).count();
    let mut head: Vec<Line<'static>> = head.into_iter().map(|(line, _)| line).collect();
    if pictures
        && let Some(thumbnail) = pictures::thumbnail_rows(&post, file, width, background, dim)
    {
        head.splice(header_rows..header_rows, thumbnail);
    }
    write_lines(&mut out, &head, color)?;
    for piece in pieces {
        out.write_all(&piece)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `lines` as [`write_line`] does, a long article's encoded on every core first.
fn write_lines(out: &mut impl Write, lines: &[Line<'_>], color: bool) -> std::io::Result<()> {
    if lines.len() < ENCODE_APART_FROM {
        let mut sgr = SgrCache::default();
        for line in lines {
            write_line(out, line, color.then_some(&mut sgr))?;
        }
    } else {
        for piece in encode_in_pieces(lines, color) {
            out.write_all(&piece)?;
        }
    }
    Ok(())
}

/// The bytes of `rows` as [`write_line`] writes them, with this thread's escape sequences.
fn encode_rows(rows: &[Row], color: bool) -> Vec<u8> {
    thread_local! {
        static SGR: std::cell::RefCell<SgrCache> = std::cell::RefCell::default();
    }
    let mut out = Vec::with_capacity(rows.len() * 64);
    SGR.with_borrow_mut(|sgr| {
        for (line, _) in rows {
            // Writing to a Vec cannot fail.
            let _ = write_line(&mut out, line, color.then_some(&mut *sgr));
        }
    });
    out
}

/// Reads one file as a post, and a long one's body for rendering: the two at once, since
/// finding a long post's hashtags takes about as long as reading its body for rendering
/// (its display form, footnote numbers and chunks).
fn read_one(file: &Path, soft_breaks: SoftBreaks) -> anyhow::Result<(Post, Option<ReadBody>)> {
    /// Below this a second thread would cost more than it saves.
    const READ_AHEAD_FROM: usize = 256 * 1024;
    let (bytes, more) = scan::read_capped(file, scan::MAX_POST_BYTES)
        .with_context(|| format!("cannot read {}", display_path(file)))?;
    if more {
        eprintln!(
            "geul: {} is larger than {} MiB; only its start is rendered",
            display_path(file),
            scan::MAX_POST_BYTES / 1024 / 1024
        );
    }
    // Checked with SIMD first: on Korean text the standard check is several times slower.
    let text = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(&bytes),
    };
    let relative = file.file_name().map(PathBuf::from).unwrap_or_default();
    if text.len() < READ_AHEAD_FROM {
        return Ok((
            scan::post_from_text(file.to_path_buf(), relative, &text),
            None,
        ));
    }
    let widths = model();
    // One copy of the body, which the post and the body read for rendering share.
    let body = PostText::from(front_matter::body(&text));
    Ok(std::thread::scope(|s| {
        let read = s.spawn(|| with_model(widths, || ReadBody::new(&body, soft_breaks)));
        let post = scan::post_from_text_sharing(file.to_path_buf(), relative, &text, &body);
        // Should the thread have failed, the renderer reads the body itself.
        (post, read.join().ok())
    }))
}

/// From this many rows on, the rows are encoded on every core before they are written.
const ENCODE_APART_FROM: usize = 8192;

/// The bytes of `lines` as [`write_line`] writes them, in consecutive pieces encoded on
/// every core: an article's worth of escape sequences and text is megabytes to copy.
fn encode_in_pieces(lines: &[Line<'_>], color: bool) -> Vec<Vec<u8>> {
    let cores = cores();
    let encode = |lines: &[Line<'_>]| {
        let mut out = Vec::with_capacity(lines.len() * 64);
        let mut sgr = SgrCache::default();
        for line in lines {
            // Writing to a Vec cannot fail.
            let _ = write_line(&mut out, line, color.then_some(&mut sgr));
        }
        out
    };
    let parts: Vec<&[Line<'_>]> = lines.chunks(lines.len().div_ceil(cores).max(1)).collect();
    let Some((first, rest)) = parts.split_first() else {
        return Vec::new();
    };
    std::thread::scope(|s| {
        let later: Vec<_> = rest.iter().map(|part| s.spawn(|| encode(part))).collect();
        let mut pieces = vec![encode(first)];
        for (part, handle) in rest.iter().zip(later) {
            // Should a thread have failed, its part is encoded here.
            pieces.push(handle.join().unwrap_or_else(|_| encode(part)));
        }
        pieces
    })
}

/// Prints one rendered line, with SGR styles when `sgr` is given.
fn write_line(
    out: &mut impl Write,
    line: &Line<'_>,
    mut sgr: Option<&mut SgrCache>,
) -> std::io::Result<()> {
    for span in &line.spans {
        match sgr.as_deref_mut() {
            Some(sgr) => {
                let (open, close) = sgr.get(line.style.patch(span.style));
                out.write_all(open.as_bytes())?;
                out.write_all(span.content.as_bytes())?;
                out.write_all(close.as_bytes())?;
            }
            None => out.write_all(span.content.as_bytes())?,
        }
    }
    out.write_all(b"\n")
}

/// The escape sequences crossterm writes before and after a span of each style, built once
/// per style: an article has thousands of spans but a few dozen styles.
#[derive(Default)]
struct SgrCache {
    known: Vec<(Style, String, String)>,
}

impl SgrCache {
    /// What goes before and after a span's text in `style`: exactly the bytes of
    /// crossterm's `StyledContent` around it.
    fn get(&mut self, style: Style) -> (&str, &str) {
        let at = match self.known.iter().position(|(s, _, _)| *s == style) {
            Some(at) => at,
            None => {
                // crossterm writes the content between the two sequences as it is, and
                // neither sequence contains NUL, so splitting at a NUL content is exact.
                let content: crossterm::style::ContentStyle = style.into_crossterm();
                let whole = content.apply('\0').to_string();
                let (open, close) = whole.split_once('\0').unwrap_or((&whole, ""));
                self.known
                    .push((style, open.to_string(), close.to_string()));
                self.known.len() - 1
            }
        };
        let (_, open, close) = &self.known[at];
        (open, close)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_named_in_display_safe_form() {
        let error = read_one(
            Path::new("/nonexistent/a\u{1b}]0;pwn\u{7}.md"),
            SoftBreaks::Auto,
        )
        .expect_err("the file does not exist");
        let message = format!("{error:#}");
        assert!(
            message.starts_with(r"cannot read /nonexistent/a\x1b]0;pwn\x07.md"),
            "{message}"
        );
    }

    #[test]
    fn rows_encoded_in_pieces_are_the_rows_written_one_by_one() {
        use ratatui::style::{Color, Stylize};
        use ratatui::text::Span;
        let lines: Vec<Line<'_>> = (0..1000)
            .map(|i| {
                Line::from(vec![
                    Span::raw(format!("줄 {i} ")),
                    Span::raw("색").fg(Color::Indexed((i % 7) as u8)),
                ])
            })
            .collect();
        for color in [false, true] {
            let mut one_by_one = Vec::new();
            let mut sgr = SgrCache::default();
            for line in &lines {
                write_line(&mut one_by_one, line, color.then_some(&mut sgr)).expect("writes");
            }
            assert_eq!(encode_in_pieces(&lines, color).concat(), one_by_one);
        }
        assert!(encode_in_pieces(&[], true).concat().is_empty());
    }

    #[test]
    fn a_line_without_colour_is_its_text() {
        let mut out = Vec::new();
        write_line(&mut out, &Line::from("글 geul"), None).expect("writes");
        assert_eq!(out, "글 geul\n".as_bytes());
    }

    #[test]
    fn a_coloured_span_is_written_as_crossterm_writes_it() {
        use ratatui::style::{Color, Modifier};
        use ratatui::text::Span;
        let styles = [
            Style::new(),
            Style::new().fg(Color::Cyan),
            Style::new()
                .bg(Color::Rgb(1, 2, 3))
                .add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::Indexed(7))
                .underline_color(Color::Red),
        ];
        let mut sgr = SgrCache::default();
        for _ in 0..2 {
            for style in styles {
                let line = Line::from(vec![Span::styled("가a", style), Span::raw("b")]);
                let mut out = Vec::new();
                write_line(&mut out, &line, Some(&mut sgr)).expect("writes");
                let mut expected = String::new();
                for span in &line.spans {
                    let content: crossterm::style::ContentStyle = span.style.into_crossterm();
                    expected.push_str(&content.apply(span.content.as_ref()).to_string());
                }
                expected.push('\n');
                assert_eq!(String::from_utf8(out).expect("utf-8"), expected);
            }
        }
    }
}
