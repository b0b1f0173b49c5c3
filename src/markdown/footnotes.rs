//! Footnotes, numbered in order of first reference and listed at the end of the article.
//!
//! geul renders blocks one at a time, so a reference would never see its definition and
//! pulldown-cmark would leave `[^label]` literal. Numbering happens on the source instead:
//! each reference becomes a literal `[N]`, each definition's label becomes `N`.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag};

use crate::library::dialect::parser_options;

/// Rewrites footnote references and definition labels of `source` into numbers.
pub fn number(source: &str) -> Cow<'_, str> {
    if !source.contains("[^") {
        return Cow::Borrowed(source);
    }
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut definitions = Vec::new();
    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        match event {
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(label.to_string()).or_insert(next);
                edits.push((range, format!("\\[{n}\\]")));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                definitions.push((label.to_string(), range.start))
            }
            _ => {}
        }
    }
    for (label, start) in definitions {
        let next = numbers.len() + 1;
        let n = *numbers.entry(label.clone()).or_insert(next);
        let head = format!("[^{label}]");
        if source[start..].starts_with(&head) {
            edits.push((start..start + head.len(), format!("[^{n}]")));
        }
    }
    if edits.is_empty() {
        return Cow::Borrowed(source);
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(source.len());
    let mut last = 0;
    for (range, replacement) in edits {
        if range.start < last {
            continue;
        }
        out.push_str(&source[last..range.start]);
        out.push_str(&replacement);
        last = range.end;
    }
    out.push_str(&source[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_numbered_in_order_of_first_use() {
        let src = "둘째[^b] 그리고 첫째[^a], 다시[^b].\n\n[^a]: 가\n[^b]: 나\n";
        let out = number(src);
        assert!(
            out.contains("둘째\\[1\\] 그리고 첫째\\[2\\], 다시\\[1\\]."),
            "{out}"
        );
        assert!(out.contains("[^2]: 가"));
        assert!(out.contains("[^1]: 나"));
    }

    #[test]
    fn text_without_footnotes_is_borrowed() {
        assert!(matches!(number("보통 문단 [링크](x)\n"), Cow::Borrowed(_)));
    }
}
