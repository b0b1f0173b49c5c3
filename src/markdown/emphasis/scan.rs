//! What pulldown-cmark sees of a document: which `*`, `_` and `~` bytes act as delimiters,
//! how they group into runs, and the characters on either side of each run.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::cjk::{is_cjk_or_ideographic_vs, is_non_emoji_general_purpose_vs};
use crate::library::dialect::parser_options;

/// A maximal run of one delimiter byte in inline text, `source[start..end]`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) delim: u8,
    pub(super) in_table: bool,
}

/// What one pass of pulldown-cmark over the document tells us.
pub(super) struct InlineScan {
    /// Every `*`/`_`/`~` byte acting as a delimiter (used or left literal), with whether
    /// it sits in a table.
    pub(super) delimiters: Vec<(usize, bool)>,
    /// Offsets where inline content is known to be, ascending: the start of every inline
    /// event and every delimiter. Used to tell a line's first inline character from one
    /// preceded by a container marker such as `>`.
    pub(super) inline_starts: Vec<usize>,
    /// The offset where each line begins, ascending.
    pub(super) line_starts: Vec<usize>,
}

/// Finds the delimiter bytes the engine sees as emphasis syntax, and the inline starts,
/// showing every event of the parse to `also` as well.
pub(super) fn scan_inline(
    source: &str,
    also: &mut dyn FnMut(&Event<'_>, &Range<usize>),
) -> InlineScan {
    let bytes = source.as_bytes();
    let mut delimiters = Vec::new();
    let mut inline_starts = Vec::new();
    // Text inside these must not change: code blocks and metadata are verbatim, autolink
    // text is the URL, and the text of a shortcut/collapsed reference link is also the
    // label looked up among the definitions.
    let mut verbatim_depth = 0usize;
    let mut table_depth = 0usize;
    let mut link_stack: Vec<bool> = Vec::new();
    let mut opaque_links = 0usize;

    // Delimiters are rare in text: they are searched for, not tested byte by byte.
    let push_delims = |range: Range<usize>, in_table: bool, out: &mut Vec<(usize, bool)>| {
        let Some(text) = bytes.get(range.start..range.end.min(bytes.len())) else {
            return;
        };
        for i in memchr::memchr3_iter(b'*', b'_', b'~', text) {
            let at = range.start + i;
            if !is_escaped(bytes, at) {
                out.push((at, in_table));
            }
        }
    };

    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        also(&event, &range);
        let frozen = verbatim_depth > 0 || opaque_links > 0;
        let in_table = table_depth > 0;
        match event {
            Event::Start(tag) => match &tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) => verbatim_depth += 1,
                Tag::Table(_) => table_depth += 1,
                Tag::Link { link_type, .. } | Tag::Image { link_type, .. } => {
                    let opaque = is_opaque_link(*link_type);
                    opaque_links += usize::from(opaque);
                    link_stack.push(opaque);
                    inline_starts.push(range.start);
                }
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Subscript => {
                    inline_starts.push(range.start);
                    if !frozen {
                        let width = if matches!(tag, Tag::Strong | Tag::Strikethrough) {
                            2
                        } else {
                            1
                        };
                        if range.len() >= 2 * width {
                            push_delims(
                                range.start..range.start + width,
                                in_table,
                                &mut delimiters,
                            );
                            push_delims(range.end - width..range.end, in_table, &mut delimiters);
                        }
                    }
                }
                Tag::Superscript => {
                    inline_starts.push(range.start);
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                    verbatim_depth = verbatim_depth.saturating_sub(1);
                }
                TagEnd::Table => table_depth = table_depth.saturating_sub(1),
                TagEnd::Link | TagEnd::Image => {
                    let opaque = link_stack.pop().unwrap_or(false);
                    opaque_links = opaque_links.saturating_sub(usize::from(opaque));
                }
                _ => {}
            },
            Event::Text(_) => {
                inline_starts.push(range.start);
                if !frozen {
                    push_delims(range, in_table, &mut delimiters);
                }
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::TaskListMarker(_) => inline_starts.push(range.start),
            Event::Html(_) | Event::Rule => {}
        }
    }

    // Both lists are runs already in order (events arrive in document order); the stable
    // sort merges runs in linear time where the unstable one would not notice them.
    delimiters.sort();
    delimiters.dedup_by_key(|(at, _)| *at);
    inline_starts.extend(delimiters.iter().map(|&(at, _)| at));
    inline_starts.sort();
    inline_starts.dedup();
    let line_starts = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
        .collect();
    InlineScan {
        delimiters,
        inline_starts,
        line_starts,
    }
}

/// Links whose text must stay byte-identical: autolinks (the text is the URL) and
/// shortcut/collapsed references (the text is the label matched against definitions).
fn is_opaque_link(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Autolink
            | LinkType::Email
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
    )
}

/// Whether the byte at `at` is preceded by an odd number of backslashes.
fn is_escaped(bytes: &[u8], at: usize) -> bool {
    let backslashes = bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    backslashes % 2 == 1
}

/// Groups delimiter bytes into maximal runs of the same byte, as the engine scans them.
pub(super) fn runs(source: &str, delimiters: &[(usize, bool)]) -> Vec<Run> {
    let bytes = source.as_bytes();
    let mut runs: Vec<Run> = Vec::new();
    for &(at, in_table) in delimiters {
        let delim = bytes[at];
        match runs.last_mut() {
            Some(run) if run.end == at && run.delim == delim => run.end = at + 1,
            _ => runs.push(Run {
                start: at,
                end: at + 1,
                delim,
                in_table,
            }),
        }
    }
    runs
}

/// The characters around a run as both parsers see them; `'\n'` stands for a line or
/// table-cell boundary, which both treat as whitespace.
pub(super) struct Context {
    pub(super) before: char,
    /// The character before `before`, consulted only when `before` is a variation selector.
    pub(super) two_before: char,
    pub(super) after: char,
}

impl Context {
    pub(super) fn of(source: &str, run: &Run, scan: &InlineScan) -> Context {
        let before = char_before(source, run.start, scan, run.in_table);
        let two_before = if is_non_emoji_general_purpose_vs(before) {
            char_before(source, run.start - before.len_utf8(), scan, run.in_table)
        } else {
            '\n'
        };
        let after = source[run.end..].chars().next().unwrap_or('\n');
        // pulldown-cmark treats any `|` after a run in a table as the cell's end.
        let after = if run.in_table && after == '|' {
            '\n'
        } else {
            after
        };
        Context {
            before,
            two_before,
            after,
        }
    }

    /// Without a CJK character or variation selector around, the cjk-friendly rule is
    /// CommonMark's, so there is nothing to decide.
    pub(super) fn involves_cjk(&self) -> bool {
        is_cjk_or_ideographic_vs(self.before)
            || is_cjk_or_ideographic_vs(self.after)
            || is_non_emoji_general_purpose_vs(self.before)
    }
}

/// The character before `at`, or `'\n'` when `at` is the first inline character of its
/// line (what precedes it is a container marker or the line start) or of a table cell.
fn char_before(source: &str, at: usize, scan: &InlineScan, in_table: bool) -> char {
    // Binary searches keep this cheap on long lines with many runs.
    let line = scan.line_starts.partition_point(|&x| x <= at);
    let line_start = line.checked_sub(1).map_or(0, |i| scan.line_starts[i]);
    let earlier = scan.inline_starts.partition_point(|&x| x < at);
    let has_inline_before = earlier > 0 && scan.inline_starts[earlier - 1] >= line_start;
    if !has_inline_before {
        return '\n';
    }
    // Mirrors pulldown-cmark: in a table, a `|` before a run is a cell boundary unless it
    // is written `\|`.
    let before = &source.as_bytes()[..at];
    if in_table && before.ends_with(b"|") && !before.ends_with(br"\|") {
        return '\n';
    }
    source[..at].chars().next_back().unwrap_or('\n')
}
