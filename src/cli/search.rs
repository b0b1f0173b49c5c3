//! `geul search`: ranked results, best first; exits with 1 when nothing matches.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use super::Format;
use super::output::{SearchResult, display_path, safe_message, write_json};
use crate::library::search::{Query, SearchHit, SearchIndex, SearchOptions};
use crate::library::{Library, Post};
use crate::text::display_text;

/// What to search for.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The query as typed.
    pub query: &'a str,
    /// Most results to print.
    pub limit: usize,
    /// Also search inside code blocks (fenced and indented).
    pub include_code: bool,
}

/// Searches `library` and prints the results.
pub fn run(library: &Library, request: &Request<'_>, format: Format) -> anyhow::Result<ExitCode> {
    let index = SearchIndex::build(&library.posts);
    let hits = index.search_with(
        &Query::parse_finished(request.query),
        request.limit,
        &SearchOptions {
            include_code: request.include_code,
            ..SearchOptions::default()
        },
    );
    let found: Vec<(&Post, &SearchHit)> = hits
        .iter()
        .filter_map(|hit| Some((library.posts.get(hit.post.index())?, hit)))
        .collect();
    // Buffered: pretty JSON is many short lines, and stdout alone writes each one.
    let mut out = BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            let items: Vec<SearchResult<'_>> = found
                .iter()
                .map(|(post, hit)| SearchResult::new(post, hit))
                .collect();
            write_json(&mut out, &items)?;
        }
        Format::Text => {
            for (post, hit) in &found {
                writeln!(out, "{}", text_line(post, hit))?;
            }
        }
    }
    out.flush()?;
    if hits.is_empty() {
        let message = format!("geul: no post matches {:?}", request.query);
        eprintln!("{}", safe_message(&message));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// One result as a line: `path<TAB>title<TAB>score<TAB>snippet`. No field holds a tab or
/// a line break of its own: the path is escaped, the title and snippet shown as pictures.
pub fn text_line(post: &Post, hit: &SearchHit) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        display_path(&post.path),
        display_text(&post.title),
        hit.score,
        display_text(&hit.snippet.text)
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::library::PostId;
    use crate::library::search::{MatchField, Snippet};

    #[test]
    fn a_result_line_has_four_tab_separated_fields_even_for_a_hostile_name() {
        let post = Post {
            path: PathBuf::from("p/a\tb\nc\u{1b}[31m.md"),
            title: "t\tu\nv".into(),
            ..Post::default()
        };
        let hit = SearchHit {
            post: PostId(0),
            score: 7,
            field: MatchField::Title,
            snippet: Snippet {
                text: "s\u{7}nip\tpet".into(),
                highlights: Vec::new(),
            },
            body_match: None,
        };
        let line = text_line(&post, &hit);
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "{line:?}");
        assert_eq!(fields[0], r"p/a\tb\nc\x1b[31m.md");
        assert_eq!(fields[2], "7");
        assert!(!line.contains(['\n', '\u{1b}', '\u{7}']), "{line:?}");
    }
}
