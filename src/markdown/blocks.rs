//! Block structure: where each top-level block of a document starts and ends, and what it is.
//!
//! tui-markdown renders inline content (emphasis, links, code spans, highlighting) very
//! well, but its `Text` is a flat list of lines with no block structure. geul therefore
//! asks the same parser (pulldown-cmark, with the options tui-markdown uses) for the
//! top-level blocks, renders each block's source through tui-markdown on its own, and
//! lays the result out by block kind (hanging indents, quote bars, rules, code frames).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use crate::library::dialect::parser_options;

/// What a top-level block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A blockquote (tip box) or GFM alert.
    Quote,
    /// A bullet, numbered or task list.
    List,
    /// A fenced or indented code block, with its language if given.
    Code {
        /// The info string's first word, e.g. `rust`.
        lang: Option<String>,
        /// The code itself.
        text: String,
    },
    /// A GFM table.
    Table,
    /// A thematic break (`---`).
    Rule,
    /// Raw HTML.
    Html,
    /// A footnote definition; listed at the end of the article.
    Footnote,
    /// Anything else (definition lists, display math).
    Other,
}

/// One top-level block and its byte range in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its bytes in the source.
    pub range: Range<usize>,
}

/// The top-level blocks of `source`, in order, plus the source text of every link
/// reference definition (so a block rendered on its own still resolves `[text][ref]`).
pub fn split(source: &str) -> (Vec<Block>, String) {
    let mut collector = BlockCollector::default();
    let mut iter = Parser::new_ext(source, parser_options()).into_offset_iter();
    for (event, range) in iter.by_ref() {
        collector.event(&event, &range);
    }
    let mut definitions = String::new();
    for (_, def) in iter.reference_definitions().iter() {
        if let Some(text) = source.get(def.span.clone()) {
            definitions.push_str("\n\n");
            definitions.push_str(text.trim());
        }
    }
    (collector.finish(), definitions)
}

/// Finds the top-level blocks in the events of a parse, as they come, so a pass that
/// parses the document for something else finds them too.
#[derive(Debug, Default)]
pub(crate) struct BlockCollector {
    blocks: Vec<Block>,
    depth: usize,
    current: Option<(BlockKind, usize)>,
    code_text: String,
}

impl BlockCollector {
    /// Takes the next event of the parse and its byte range.
    pub(crate) fn event(&mut self, event: &Event<'_>, range: &Range<usize>) {
        match event {
            Event::Start(tag) => {
                if self.depth == 0 {
                    let kind = match tag {
                        Tag::Paragraph => BlockKind::Paragraph,
                        Tag::Heading { level, .. } => BlockKind::Heading(*level as u8),
                        Tag::BlockQuote(_) => BlockKind::Quote,
                        Tag::List(_) => BlockKind::List,
                        Tag::CodeBlock(kind) => {
                            self.code_text.clear();
                            let lang = match kind {
                                CodeBlockKind::Fenced(info) => info
                                    .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                                    .next()
                                    .filter(|s| !s.is_empty())
                                    .map(str::to_string),
                                CodeBlockKind::Indented => None,
                            };
                            BlockKind::Code {
                                lang,
                                text: String::new(),
                            }
                        }
                        Tag::Table(_) => BlockKind::Table,
                        Tag::HtmlBlock => BlockKind::Html,
                        Tag::FootnoteDefinition(_) => BlockKind::Footnote,
                        _ => BlockKind::Other,
                    };
                    self.current = Some((kind, range.start));
                }
                self.depth += 1;
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0
                    && let Some((mut kind, start)) = self.current.take()
                {
                    if let BlockKind::Code { text, .. } = &mut kind {
                        *text = std::mem::take(&mut self.code_text);
                    }
                    self.blocks.push(Block {
                        kind,
                        range: start..range.end,
                    });
                }
            }
            Event::Text(text)
                if self.depth == 1 && matches!(self.current, Some((BlockKind::Code { .. }, _))) =>
            {
                self.code_text.push_str(text);
            }
            Event::Rule if self.depth == 0 => self.blocks.push(Block {
                kind: BlockKind::Rule,
                range: range.clone(),
            }),
            Event::Html(_) | Event::DisplayMath(_) if self.depth == 0 => self.blocks.push(Block {
                kind: BlockKind::Html,
                range: range.clone(),
            }),
            _ => {}
        }
    }

    /// The blocks found, in order.
    pub(crate) fn finish(self) -> Vec<Block> {
        self.blocks
    }
}

/// The 1-based source line at byte `offset`.
pub fn line_at(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<BlockKind> {
        split(src)
            .0
            .into_iter()
            .map(|b| match b.kind {
                BlockKind::Code { lang, .. } => BlockKind::Code {
                    lang,
                    text: String::new(),
                },
                k => k,
            })
            .collect()
    }

    #[test]
    fn each_top_level_block_is_found_once_with_its_kind() {
        let src = "# 제목\n\n문단입니다.\n\n> **POINT** 💡\n> 팁\n\n* 하나\n  * 둘\n\n```rust\nfn main() {}\n```\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(
            kinds(src),
            vec![
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Quote,
                BlockKind::List,
                BlockKind::Code {
                    lang: Some("rust".into()),
                    text: String::new()
                },
                BlockKind::Rule,
                BlockKind::Table,
            ]
        );
    }

    #[test]
    fn code_block_text_is_collected_verbatim() {
        let (blocks, _) = split("```py\nprint('**x**')\n\tindented\n```\n");
        assert_eq!(
            blocks[0].kind,
            BlockKind::Code {
                lang: Some("py".into()),
                text: "print('**x**')\n\tindented\n".into()
            }
        );
    }

    #[test]
    fn reference_definitions_are_returned_for_separate_rendering() {
        let (_, defs) = split("see [docs][d]\n\n[d]: https://example.com\n");
        assert!(defs.contains("[d]: https://example.com"));
    }
}
