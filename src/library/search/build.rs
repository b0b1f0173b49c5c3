//! Building the index: every post folded, projected and filtered, on all cores.

use std::ops::Range;

use super::SearchIndex;
use super::bloom::Signatures;
use super::column::{ColumnBuilder, Originals, Restore};
use super::parallel::parallel_ranges;
use super::rank::recency_order;
use crate::library::Post;
use crate::text::fold::fold;

/// Fenced code blocks (```` ``` ```` or `~~~`, three or more, indented by any whitespace so
/// fences inside list items count) as byte ranges including the fence lines. An unclosed
/// fence runs to the end, as in CommonMark.
pub(super) fn code_blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    if !text.contains("```") && !text.contains("~~~") {
        return blocks;
    }
    let mut open: Option<(usize, u8, usize)> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let trimmed = line.trim_start_matches([' ', '\t']);
        let marker = trimmed
            .as_bytes()
            .first()
            .copied()
            .filter(|b| *b == b'`' || *b == b'~');
        let run = marker.map_or(0, |m| trimmed.bytes().take_while(|b| *b == m).count());
        match (open, marker) {
            // A backtick fence's info string may not contain backticks (CommonMark).
            (None, Some(m)) if run >= 3 && (m == b'~' || !trimmed[run..].contains('`')) => {
                open = Some((line_start, m, run));
            }
            (Some((start, m0, n0)), Some(m))
                if m == m0 && run >= n0 && trimmed[run..].trim().is_empty() =>
            {
                blocks.push(start..line_end);
                open = None;
            }
            _ => {}
        }
        line_start = line_end;
    }
    if let Some((start, _, _)) = open {
        blocks.push(start..text.len());
    }
    blocks
}

/// One thread's share of an index under construction.
#[derive(Default)]
struct Part {
    title: ColumnBuilder,
    tags: ColumnBuilder,
    description: ColumnBuilder,
    body: ColumnBuilder,
    code: Vec<Range<usize>>,
    restore: Vec<Restore>,
    titles: Originals,
    tag_lists: Originals,
    descriptions: Originals,
}

impl Part {
    fn push(&mut self, post: &Post) {
        let body = fold(&post.body);
        let base = self.body.folded.len();
        self.code.extend(
            code_blocks(&body)
                .into_iter()
                .map(|r| r.start + base..r.end + base),
        );
        self.restore.push(Restore::new(&post.body, &body));
        self.body.push(&body);
        let tags = post.tags.join("\n");
        let description = post.description.as_deref().unwrap_or("");
        self.title.push(&fold(&post.title));
        self.tags.push(&fold(&tags));
        self.description.push(&fold(description));
        self.titles.push(&post.title);
        self.tag_lists.push(&tags);
        self.descriptions.push(description);
    }

    fn append(&mut self, other: Part) {
        let base = self.body.folded.len();
        self.code
            .extend(other.code.into_iter().map(|r| r.start + base..r.end + base));
        self.title.append(other.title);
        self.tags.append(other.tags);
        self.description.append(other.description);
        self.body.append(other.body);
        self.restore.extend(other.restore);
        self.titles.append(other.titles);
        self.tag_lists.append(other.tag_lists);
        self.descriptions.append(other.descriptions);
    }
}

impl SearchIndex {
    /// Folds and indexes every post, on all cores for large libraries.
    pub fn build(posts: &[Post]) -> SearchIndex {
        let parts = parallel_ranges(posts.len(), |range| {
            let mut part = Part::default();
            for post in &posts[range] {
                part.push(post);
            }
            vec![part]
        });
        let mut all = Part::default();
        for part in parts {
            all.append(part);
        }
        let order = recency_order(posts);
        let body = all.body.finish();
        let signatures = Signatures::build(&body);
        SearchIndex {
            title: all.title.finish(),
            tags: all.tags.finish(),
            description: all.description.finish(),
            body,
            code: all.code,
            signatures,
            restore: all.restore,
            titles: all.titles,
            tag_lists: all.tag_lists,
            descriptions: all.descriptions,
            order,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_fence_hides_the_rest_of_the_body() {
        assert_eq!(code_blocks("a\n```\ncode\n"), vec![2..11]);
        assert_eq!(code_blocks("a\n  ~~~~\nx\n~~~\n~~~~\nb"), vec![2..20]);
        assert!(code_blocks("inline ``` fence").is_empty());
    }
}
