//! `geul categories`: the groups of the sidebar with their post counts, in the sidebar's
//! order: categories by default, or folders, months, first tags (`--group-by`).

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::Format;
use super::output::write_json;
use crate::library::grouping::{GroupBy, SortBy, group_posts};
use crate::library::{Library, PostId};
use crate::text::display_text;

/// One group and how many posts it holds, as JSON.
#[derive(Debug, Serialize)]
struct GroupCount<'a> {
    group: &'a str,
    count: usize,
}

/// Prints the groups of `library` under `by` with their counts.
pub fn run(library: &Library, by: GroupBy, format: Format) -> anyhow::Result<ExitCode> {
    let ids: Vec<PostId> = (0..library.posts.len()).map(PostId).collect();
    // The order within a group does not matter for counting; newest first is the cheapest.
    let groups = group_posts(&library.posts, &ids, by, SortBy::Newest, |_| 0);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            let items: Vec<GroupCount<'_>> = groups
                .iter()
                .map(|g| GroupCount {
                    group: &g.label,
                    count: g.posts.len(),
                })
                .collect();
            write_json(&mut out, &items)?;
        }
        Format::Text => {
            for group in &groups {
                writeln!(out, "{}", text_line(&group.label, group.posts.len()))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One group as a line: the count right-aligned in four columns, then the group.
pub fn text_line(group: &str, count: usize) -> String {
    format!("{count:>4}  {}", display_text(group))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_line_is_the_count_then_the_group() {
        assert_eq!(text_line("여행", 12), "  12  여행");
    }

    #[test]
    fn control_characters_in_a_group_are_shown_as_pictures() {
        assert!(!text_line("a\u{1b}[31m", 1).contains('\u{1b}'));
    }
}
