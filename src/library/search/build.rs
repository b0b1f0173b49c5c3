//! Building the index: every post folded, projected and filtered, on all cores.

use std::ops::Range;

use super::SearchIndex;
use super::bloom::Signatures;
use super::bodies::Bodies;
use super::column::{ColumnBuilder, Originals};
use super::rank::recency_order;
use crate::library::parallel::parallel_ranges;
use crate::library::{Post, dialect};
use crate::text::fold::fold;

/// The code blocks of `original` (see [`dialect::code_ranges`]) as sorted, disjoint ranges
/// of the text search reads: the original itself, or (`folded`) its folded form. Code is
/// found in the original because that is the text the reader parses.
fn searched_code_ranges(original: &str, folded: bool) -> Vec<Range<usize>> {
    let mut code: Vec<Range<usize>> = Vec::new();
    for r in dialect::code_ranges(original) {
        match code.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => code.push(r),
        }
    }
    if !folded {
        return code;
    }
    // The ranges are whole lines. Folding works one grapheme at a time and a line break
    // ends a grapheme, so the text before a line start folds on its own to the folded text
    // before that line start.
    let (mut original_at, mut folded_at) = (0, 0);
    let mut to_folded = |offset: usize| {
        folded_at += original
            .get(original_at..offset)
            .map_or(0, |s| fold(s).len());
        original_at = original_at.max(offset);
        folded_at
    };
    code.into_iter()
        .map(|r| to_folded(r.start)..to_folded(r.end))
        .collect()
}

/// One thread's share of an index under construction.
struct Part {
    title: ColumnBuilder,
    tags: ColumnBuilder,
    description: ColumnBuilder,
    body: Bodies,
    code: Vec<Range<usize>>,
    titles: Originals,
    tag_lists: Originals,
    descriptions: Originals,
}

impl Part {
    fn new() -> Part {
        Part {
            title: ColumnBuilder::default(),
            tags: ColumnBuilder::default(),
            description: ColumnBuilder::default(),
            body: Bodies::default(),
            code: Vec::new(),
            titles: Originals::default(),
            tag_lists: Originals::default(),
            descriptions: Originals::default(),
        }
    }

    fn push(&mut self, post: &Post) {
        let (base, folded) = self.body.push(&post.body);
        self.code.extend(
            searched_code_ranges(&post.body, folded)
                .into_iter()
                .map(|r| r.start + base..r.end + base),
        );
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
        let base = self.body.append(other.body);
        self.code
            .extend(other.code.into_iter().map(|r| r.start + base..r.end + base));
        self.title.append(other.title);
        self.tags.append(other.tags);
        self.description.append(other.description);
        self.titles.append(other.titles);
        self.tag_lists.append(other.tag_lists);
        self.descriptions.append(other.descriptions);
    }
}

impl SearchIndex {
    /// Folds and indexes every post, on all cores for large libraries.
    pub fn build(posts: &[Post]) -> SearchIndex {
        let parts = parallel_ranges(posts.len(), |range| {
            let mut part = Part::new();
            for post in &posts[range] {
                part.push(post);
            }
            vec![part]
        });
        // The first part grows into the whole, so its text is not copied.
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or_else(Part::new);
        for part in parts {
            all.append(part);
        }
        all.code.shrink_to_fit();
        all.body.shrink_to_fit();
        all.body.project();
        for originals in [&mut all.titles, &mut all.tag_lists, &mut all.descriptions] {
            originals.shrink_to_fit();
        }
        let order = recency_order(posts);
        let body = all.body;
        let signatures = Signatures::build(&body);
        SearchIndex {
            title: all.title.finish(),
            tags: all.tags.finish(),
            description: all.description.finish(),
            body,
            code: all.code,
            signatures,
            titles: all.titles,
            tag_lists: all.tag_lists,
            descriptions: all.descriptions,
            order,
        }
    }
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    #[test]
    fn code_in_a_decomposed_body_covers_the_same_lines_of_the_folded_body() {
        let original: String = "생성형 Ä\n\n```\n한글 코드\n```\n\n    들여쓴 코드\n\n끝"
            .nfd()
            .collect();
        let folded = fold(&original);
        let code: Vec<&str> = searched_code_ranges(&original, true)
            .into_iter()
            .map(|r| &folded[r])
            .collect();
        assert_eq!(code, ["```\n한글 코드\n```\n", "    들여쓴 코드\n"]);
    }

    #[test]
    fn code_in_an_unchanged_body_keeps_its_offsets() {
        let body = "text\n\n~~~\n#x\n~~~\n";
        assert_eq!(
            searched_code_ranges(body, false),
            dialect::code_ranges(body)
        );
    }
}
