//! `geul render FILE`: one article exactly as the article pane shows it at a width.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use ratatui::backend::IntoCrossterm;
use ratatui::text::Line;

use super::ColorChoice;
use super::output::display_path;
use super::settings::Settings;
use crate::library::{Post, scan};
use crate::markdown::{RenderOptions, render_post};

/// Renders `file` for `width` columns and prints it, coloured as `color` says.
pub fn run(
    file: &Path,
    width: u16,
    color: ColorChoice,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let post = read_one(file)?;
    let options = RenderOptions {
        width,
        soft_breaks: settings.soft_breaks,
        theme: &settings.theme,
    };
    let article = render_post(&post, &options);
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let mut out = std::io::stdout().lock();
    for line in &article.lines {
        write_line(&mut out, line, color)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads one file as a post.
fn read_one(file: &Path) -> anyhow::Result<Post> {
    let bytes =
        std::fs::read(file).with_context(|| format!("cannot read {}", display_path(file)))?;
    let text = String::from_utf8_lossy(&bytes);
    let relative = file.file_name().map(PathBuf::from).unwrap_or_default();
    Ok(scan::post_from_text(file.to_path_buf(), relative, &text))
}

/// Prints one rendered line, with SGR styles when `color` is on.
fn write_line(out: &mut impl Write, line: &Line<'_>, color: bool) -> std::io::Result<()> {
    for span in &line.spans {
        if color {
            let style: crossterm::style::ContentStyle =
                line.style.patch(span.style).into_crossterm();
            write!(out, "{}", style.apply(span.content.as_ref()))?;
        } else {
            out.write_all(span.content.as_bytes())?;
        }
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_named_in_display_safe_form() {
        let error = read_one(Path::new("/nonexistent/a\u{1b}]0;pwn\u{7}.md"))
            .expect_err("the file does not exist");
        let message = format!("{error:#}");
        assert!(
            message.starts_with(r"cannot read /nonexistent/a\x1b]0;pwn\x07.md"),
            "{message}"
        );
    }

    #[test]
    fn a_line_without_colour_is_its_text() {
        let mut out = Vec::new();
        write_line(&mut out, &Line::from("글 geul"), false).expect("writes");
        assert_eq!(out, "글 geul\n".as_bytes());
    }
}
