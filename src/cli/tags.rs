//! `geul tags`: every hashtag with its post count, most used first.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use super::Format;
use super::output::{TagCount, write_json};
use crate::library::Library;
use crate::library::tags;
use crate::text::display_text;

/// Prints the hashtags of `library` with their counts.
pub fn run(library: &Library, format: Format) -> anyhow::Result<ExitCode> {
    let counts = tags::tag_counts(library.posts.iter().map(|p| p.tags.as_slice()));
    // Buffered: pretty JSON is many short lines, and stdout alone writes each one.
    let mut out = BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            let items: Vec<TagCount<'_>> = counts
                .iter()
                .map(|(tag, count)| TagCount { tag, count: *count })
                .collect();
            write_json(&mut out, &items)?;
        }
        Format::Text => {
            for (tag, count) in &counts {
                writeln!(out, "{}", text_line(tag, *count))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One tag as a line: the count right-aligned in four columns, then `#tag`.
pub fn text_line(tag: &str, count: usize) -> String {
    format!("{count:>4}  #{}", display_text(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_line_is_the_count_then_the_tag() {
        assert_eq!(text_line("파이썬", 3), "   3  #파이썬");
    }

    #[test]
    fn control_characters_in_a_tag_are_shown_as_pictures() {
        assert!(!text_line("a\u{1b}[31m", 1).contains('\u{1b}'));
    }
}
