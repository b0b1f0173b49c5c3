//! CJK-friendly emphasis on top of an unmodified CommonMark engine.
//!
//! CommonMark decides whether a `*`/`_` run may open or close emphasis from the characters
//! on either side of it (the left-/right-flanking rules; GFM strikethrough `~~` closes by
//! the same rule). Those rules misfire next to CJK text: in `**LLM(거대 언어 모델)**입니다`
//! the closing `**` follows punctuation and precedes a Hangul letter, so it is not
//! right-flanking and stays literal. The
//! [markdown-cjk-friendly](https://github.com/tats-u/markdown-cjk-friendly) amendment relaxes
//! the rules next to CJK characters; comrak implements it as
//! `options.extension.cjk_friendly_emphasis`.
//!
//! geul renders with `tui-markdown`, which only accepts a `&str` and parses it with
//! pulldown-cmark's standard rules. So instead of changing the engine we change its input:
//! [`prepare`] finds every emphasis delimiter run whose cjk-friendly verdict (may it open?
//! may it close?) differs from what pulldown-cmark will decide, and puts the
//! [`HELPER`] character next to it. [`HELPER`] is Unicode punctuation, which is exactly the
//! knob the standard flanking rules turn on, so pulldown-cmark then reaches the cjk-friendly
//! verdict by itself. After rendering, [`remove_helpers`] strips the helper from every span.
//!
//! The flanking rule mirrors comrak 0.59 (`parser/inlines.rs`, `scan_delims`) and the
//! character ranges its `parser/inlines/cjk.rs` takes from the specification's `ranges.md`.
//!
//! ```
//! use geul::markdown::emphasis::{prepare, remove_helpers};
//!
//! let prepared = prepare("**잡음(노이즈)**으로");
//! let mut text = tui_markdown::from_str(&prepared);
//! remove_helpers(&mut text);
//! assert_eq!(text.to_string(), "잡음(노이즈)으로");
//! ```
//!
//! Where geul still differs from comrak, it is pulldown-cmark's dialect, not the CJK rule:
//! - the text of a shortcut or collapsed reference link (`[**가)**나]`) is also its label,
//!   so it is left alone and keeps CommonMark's verdict;
//! - pulldown-cmark opens `~~` before anything but whitespace (`A~~(x)~~`), and reads `~`
//!   as subscript; a helper can only add flanking, never take it away;
//! - comrak looks through `~` for the neighbours of a run (`가**~~`); we judge a run by the
//!   neighbours pulldown-cmark sees.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use ratatui::text::Text;

use crate::library::dialect::parser_options;

/// The character [`prepare`] inserts next to delimiter runs, and [`remove_helpers`] /
/// [`strip_helpers`] take out again.
///
/// U+2E2C SQUARED FOUR DOT PUNCTUATION is an archaic editorial mark from Greek papyri
/// (Unicode 5.1, general category Po). It is Unicode punctuation for CommonMark, so it
/// flips the flanking rules the way [`prepare`] needs, it is not ASCII so pulldown-cmark
/// never treats it as syntax, and it does not occur in Korean prose. Anything that shows
/// raw prepared text (search snippets, copies) must strip it too.
pub const HELPER: char = '\u{2E2C}';

/// Rewrites Markdown so that pulldown-cmark (with the options `tui-markdown` uses) parses
/// emphasis the way the markdown-cjk-friendly amendment does.
///
/// Helper characters ([`HELPER`]) are inserted next to the `*`, `_` and `~~` delimiter
/// runs that need them; nothing else changes. Text without CJK characters (or variation
/// selectors) is returned borrowed and byte-identical. Code spans, code blocks, HTML,
/// math, link destinations, autolinks, the labels of shortcut/collapsed reference links
/// and escaped delimiters are never touched. Render the result, then call
/// [`remove_helpers`] on the rendered text.
pub fn prepare(source: &str) -> Cow<'_, str> {
    if !source.bytes().any(is_delimiter) || !source.chars().any(may_matter) {
        return Cow::Borrowed(source);
    }
    let insertions = helper_positions(source);
    if insertions.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len() + insertions.len() * HELPER.len_utf8());
    let mut from = 0;
    for at in insertions {
        out.push_str(&source[from..at]);
        out.push(HELPER);
        from = at;
    }
    out.push_str(&source[from..]);
    Cow::Owned(out)
}

/// Removes every [`HELPER`] from rendered text, dropping spans that only held helpers.
///
/// Spans that were empty before (tui-markdown emits some on purpose) are kept, and line
/// styles and alignment are untouched.
pub fn remove_helpers(text: &mut Text<'_>) {
    for line in &mut text.lines {
        line.spans.retain_mut(|span| {
            if !span.content.contains(HELPER) {
                return true;
            }
            let stripped: String = span.content.chars().filter(|&c| c != HELPER).collect();
            if stripped.is_empty() {
                return false;
            }
            span.content = Cow::Owned(stripped);
            true
        });
    }
}

/// Removes every [`HELPER`] from a plain string, borrowing when there is none.
pub fn strip_helpers(text: &str) -> Cow<'_, str> {
    if text.contains(HELPER) {
        Cow::Owned(text.chars().filter(|&c| c != HELPER).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The bytes that form the delimiter runs we adjust.
fn is_delimiter(byte: u8) -> bool {
    matches!(byte, b'*' | b'_' | b'~')
}

/// Whether a character can make the cjk-friendly rule disagree with CommonMark's. Without
/// any of them in the document the answer is the same everywhere, and we skip parsing.
fn may_matter(c: char) -> bool {
    is_cjk(c) || is_ideographic_vs(c) || is_non_emoji_general_purpose_vs(c)
}

/// A maximal run of one delimiter byte in inline text, `source[start..end]`.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    delim: u8,
    in_table: bool,
}

/// Byte offsets in `source` where a [`HELPER`] must go, ascending and without duplicates.
fn helper_positions(source: &str) -> Vec<usize> {
    let scan = scan_inline(source);
    let mut classes = Classes::default();
    let mut positions = Vec::new();
    for run in runs(source, &scan.delimiters) {
        // pulldown-cmark only treats `~~` as strikethrough; `~` is subscript there and
        // longer runs are text, so those are not ours to adjust.
        if run.delim == b'~' && run.end - run.start != 2 {
            continue;
        }
        let context = Context::of(source, &run, &scan);
        if !context.involves_cjk() {
            continue;
        }
        let engine = |before: char, after: char, classes: &mut Classes| {
            engine_flags(run.delim, before, after, classes)
        };
        let current = engine(context.before, context.after, &mut classes);
        let mut wanted = cjk_friendly_flags(run.delim, &context, &mut classes);
        if run.delim == b'~' {
            // pulldown-cmark lets `~~` open before anything but whitespace, more freely
            // than CommonMark flanking; that is its own choice, not a CJK matter, and a
            // helper could not take it back. Only the closing side is adjusted.
            wanted.0 = current.0;
        }
        if current == wanted {
            continue;
        }
        // Inserting the helper on one side makes that neighbour punctuation for the
        // engine; try the smallest change first. Helpers on both sides make any run
        // both-flanking, and the one-sided variants cover the other verdicts the
        // cjk-friendly rule can reach; should none fit, the engine's verdict stands.
        let options = [(false, true), (true, false), (true, true)];
        let choice = options.into_iter().find(|&(before, after)| {
            let b = if before { HELPER } else { context.before };
            let a = if after { HELPER } else { context.after };
            engine(b, a, &mut classes) == wanted
        });
        if let Some((before, after)) = choice {
            if before {
                positions.push(run.start);
            }
            if after {
                positions.push(run.end);
            }
        }
    }
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// What one pass of pulldown-cmark over the document tells us.
struct InlineScan {
    /// Every `*`/`_`/`~` byte acting as a delimiter (used or left literal), with whether
    /// it sits in a table.
    delimiters: Vec<(usize, bool)>,
    /// Offsets where inline content is known to be, ascending: the start of every inline
    /// event and every delimiter. Used to tell a line's first inline character from one
    /// preceded by a container marker such as `>`.
    inline_starts: Vec<usize>,
    /// The offset where each line begins, ascending.
    line_starts: Vec<usize>,
}

/// Finds the delimiter bytes the engine sees as emphasis syntax, and the inline starts.
fn scan_inline(source: &str) -> InlineScan {
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

    let push_delims = |range: Range<usize>, in_table: bool, out: &mut Vec<(usize, bool)>| {
        for at in range {
            if bytes.get(at).copied().is_some_and(is_delimiter) && !is_escaped(bytes, at) {
                out.push((at, in_table));
            }
        }
    };

    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
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

    delimiters.sort_unstable();
    delimiters.dedup_by_key(|(at, _)| *at);
    inline_starts.extend(delimiters.iter().map(|&(at, _)| at));
    inline_starts.sort_unstable();
    inline_starts.dedup();
    let line_starts = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
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
fn runs(source: &str, delimiters: &[(usize, bool)]) -> Vec<Run> {
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
struct Context {
    before: char,
    /// The character before `before`, consulted only when `before` is a variation selector.
    two_before: char,
    after: char,
}

impl Context {
    fn of(source: &str, run: &Run, scan: &InlineScan) -> Context {
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
    fn involves_cjk(&self) -> bool {
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

/// Which characters count as punctuation for pulldown-cmark, cached.
#[derive(Default)]
struct Classes {
    punctuation: HashMap<char, bool>,
}

impl Classes {
    /// CommonMark's "Unicode punctuation" (general category P or S) exactly as
    /// pulldown-cmark decides it. Its table is crate-private, so we ask the engine itself:
    /// `x{c}_a_` is emphasis only if the first `_` can open, which (with `c` not
    /// whitespace) happens only if `c` is punctuation. This keeps us in step with the
    /// engine's Unicode version instead of a second, possibly different table.
    fn is_punctuation(&mut self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_punctuation();
        }
        if c.is_whitespace() || c.is_alphanumeric() {
            return false;
        }
        *self.punctuation.entry(c).or_insert_with(|| {
            let probe = format!("x{c}_a_");
            Parser::new(&probe).any(|event| matches!(event, Event::Start(Tag::Emphasis)))
        })
    }
}

/// (can open, can close) for a run as pulldown-cmark 0.13 computes it
/// (`firstpass.rs`, `delim_run_can_open` / `delim_run_can_close`) for `*`, `_` and a `~`
/// run of two.
fn engine_flags(delim: u8, before: char, after: char, classes: &mut Classes) -> (bool, bool) {
    // `*` and `~~` may sit inside a word, `_` may not.
    let intraword = delim == b'*' || delim == b'~';
    let open = if after.is_whitespace() {
        false
    } else if delim == b'~' || (delim == b'*' && !classes.is_punctuation(after)) {
        true
    } else {
        before.is_whitespace() || classes.is_punctuation(before)
    };
    let close = if before.is_whitespace() {
        false
    } else if intraword && !classes.is_punctuation(before) {
        true
    } else {
        after.is_whitespace() || classes.is_punctuation(after)
    };
    (open, close)
}

/// (can open, can close) under the markdown-cjk-friendly rules, transcribed from comrak
/// 0.59 `Subject::scan_delims` so that both agree case by case.
fn cjk_friendly_flags(delim: u8, context: &Context, classes: &mut Classes) -> (bool, bool) {
    let Context {
        before,
        two_before,
        after,
    } = *context;
    let before_is_svs = is_non_emoji_general_purpose_vs(before);

    let left_flanking = !after.is_whitespace()
        && (!classes.is_punctuation(after)
            || before.is_whitespace()
            || is_cjk(after)
            || if before_is_svs {
                is_cjk(two_before)
                    || classes.is_punctuation(two_before)
                    || (is_cjk_ambiguous_punctuation_candidate(two_before) && before == '\u{FE01}')
            } else {
                is_cjk_or_ideographic_vs(before) || classes.is_punctuation(before)
            });

    // "Preceded by punctuation" no longer blocks closing when the run is followed by a
    // CJK character, or when the punctuation itself is CJK.
    let blocked_by_punctuation = !is_cjk(after)
        && if before_is_svs {
            !is_cjk(two_before)
                && classes.is_punctuation(two_before)
                && !(is_cjk_ambiguous_punctuation_candidate(two_before) && before == '\u{FE01}')
        } else {
            !is_cjk(before) && classes.is_punctuation(before)
        };
    let right_flanking = !before.is_whitespace()
        && (!blocked_by_punctuation || after.is_whitespace() || classes.is_punctuation(after));

    if delim == b'_' {
        // `_` stays strict inside words: it opens only after punctuation (or as a pure
        // left-flanking run) and closes only before punctuation, CJK or not.
        let punctuation_before = if before_is_svs {
            classes.is_punctuation(two_before)
        } else {
            classes.is_punctuation(before)
        };
        (
            left_flanking && (!right_flanking || punctuation_before),
            right_flanking && (!left_flanking || classes.is_punctuation(after)),
        )
    } else {
        (left_flanking, right_flanking)
    }
}

/// CJK characters per markdown-cjk-friendly `ranges.md` (snapshot as of Unicode 18, as
/// in comrak 0.59): Hangul jamo and syllables, kana, CJK ideographs, CJK and fullwidth
/// punctuation, and a few symbols.
fn is_cjk(c: char) -> bool {
    if c < '\u{1100}' {
        return false;
    }
    matches!(
        u32::from(c),
        0x1100..=0x11ff
            | 0x20a9
            | 0x2329..=0x232a
            | 0x2630..=0x2637
            | 0x268a..=0x268f
            | 0x2e80..=0x2e99
            | 0x2e9b..=0x2ef3
            | 0x2f00..=0x2fd5
            | 0x2ff0..=0x303e
            | 0x3041..=0x3096
            | 0x3099..=0x30ff
            | 0x3105..=0x312f
            | 0x3131..=0x318e
            | 0x3190..=0x31e5
            | 0x31ef..=0x321e
            | 0x3220..=0x3247
            | 0x3250..=0xa48c
            | 0xa490..=0xa4c6
            | 0xa960..=0xa97c
            | 0xac00..=0xd7a3
            | 0xd7b0..=0xd7c6
            | 0xd7cb..=0xd7fb
            | 0xf900..=0xfaff
            | 0xfe10..=0xfe19
            | 0xfe30..=0xfe52
            | 0xfe54..=0xfe66
            | 0xfe68..=0xfe6b
            | 0xff01..=0xffbe
            | 0xffc2..=0xffc7
            | 0xffca..=0xffcf
            | 0xffd2..=0xffd7
            | 0xffda..=0xffdc
            | 0xffe0..=0xffe6
            | 0xffe8..=0xffee
            | 0x16fe0..=0x16fe4
            | 0x16ff0..=0x16ff6
            | 0x17000..=0x18cda
            | 0x18cff..=0x18d20
            | 0x18d80..=0x18df2
            | 0x18e00..=0x19191
            | 0x191a0..=0x191d2
            | 0x1aff0..=0x1aff3
            | 0x1aff5..=0x1affb
            | 0x1affd..=0x1affe
            | 0x1b000..=0x1b128
            | 0x1b132
            | 0x1b150..=0x1b152
            | 0x1b155
            | 0x1b164..=0x1b168
            | 0x1b170..=0x1b2fb
            | 0x1d300..=0x1d356
            | 0x1d360..=0x1d376
            | 0x1f1ae
            | 0x1f200
            | 0x1f202
            | 0x1f210..=0x1f219
            | 0x1f21b..=0x1f22e
            | 0x1f230..=0x1f231
            | 0x1f237
            | 0x1f23b
            | 0x1f240..=0x1f248
            | 0x1f260..=0x1f265
            | 0x1f7da
            | 0x20000..=0x3fffd
    )
}

/// Ideographic variation selectors (VS17–VS256), which select glyphs of a CJK ideograph
/// and so belong to it.
fn is_ideographic_vs(c: char) -> bool {
    matches!(u32::from(c), 0xE0100..=0xE01EF)
}

fn is_cjk_or_ideographic_vs(c: char) -> bool {
    is_cjk(c) || is_ideographic_vs(c)
}

/// VS1–VS15: the rule looks through them at the character they modify.
fn is_non_emoji_general_purpose_vs(c: char) -> bool {
    matches!(u32::from(c), 0xFE00..=0xFE0E)
}

/// Curly quotes, whose width (and so CJK-ness) depends on the font; VS2 marks them as
/// the fullwidth, CJK kind.
fn is_cjk_ambiguous_punctuation_candidate(c: char) -> bool {
    matches!(u32::from(c), 0x2018 | 0x2019 | 0x201c | 0x201d)
}

#[cfg(test)]
mod tests {
    use ratatui::style::Modifier;

    use super::*;

    /// How a piece of rendered text looks.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Look {
        Plain,
        Bold,
        Italic,
        BoldItalic,
    }
    use Look::*;

    /// Renders like geul does and returns each line's text pieces with their look,
    /// adjacent pieces of the same look merged.
    fn rendered(source: &str) -> Vec<Vec<(String, Look)>> {
        let prepared = prepare(source);
        let mut text = tui_markdown::from_str(&prepared);
        remove_helpers(&mut text);
        text.lines
            .iter()
            .map(|line| {
                let mut pieces: Vec<(String, Look)> = Vec::new();
                for span in &line.spans {
                    let modifier = span.style.add_modifier;
                    let look = match (
                        modifier.contains(Modifier::BOLD),
                        modifier.contains(Modifier::ITALIC),
                    ) {
                        (true, true) => BoldItalic,
                        (true, false) => Bold,
                        (false, true) => Italic,
                        (false, false) => Plain,
                    };
                    match pieces.last_mut() {
                        Some((text, last)) if *last == look => text.push_str(&span.content),
                        _ => pieces.push((span.content.to_string(), look)),
                    }
                }
                pieces
            })
            .collect()
    }

    /// The one-line rendering of a one-paragraph document.
    fn line(source: &str) -> Vec<(String, Look)> {
        let mut lines = rendered(source);
        assert_eq!(lines.len(), 1, "{source:?} rendered as {lines:?}");
        lines.remove(0)
    }

    fn pieces(expected: &[(&str, Look)]) -> Vec<(String, Look)> {
        expected
            .iter()
            .map(|&(text, look)| (text.to_string(), look))
            .collect()
    }

    fn visible(source: &str) -> String {
        rendered(source)
            .iter()
            .map(|line| {
                line.iter()
                    .map(|(text, _)| text.as_str())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn bold_closes_after_a_parenthesis_before_a_particle() {
        assert_eq!(
            line("**LLM(거대 언어 모델)**입니다"),
            pieces(&[("LLM(거대 언어 모델)", Bold), ("입니다", Plain)])
        );
    }

    #[test]
    fn bold_closes_after_a_latin_parenthetical_before_a_particle() {
        assert_eq!(
            line("**확산 모델(diffusion model)**입니다"),
            pieces(&[("확산 모델(diffusion model)", Bold), ("입니다", Plain)])
        );
    }

    #[test]
    fn bold_closes_after_a_curly_quote_before_a_particle() {
        assert_eq!(
            line("**“공간 + 시간 + 물리 법칙”**을"),
            pieces(&[("“공간 + 시간 + 물리 법칙”", Bold), ("을", Plain)])
        );
    }

    #[test]
    fn bold_closes_after_a_parenthesis_before_a_two_syllable_particle() {
        assert_eq!(
            line("**잡음(노이즈)**으로"),
            pieces(&[("잡음(노이즈)", Bold), ("으로", Plain)])
        );
    }

    #[test]
    fn plain_commonmark_leaves_the_four_examples_literal_so_they_need_helpers() {
        for source in [
            "**LLM(거대 언어 모델)**입니다",
            "**확산 모델(diffusion model)**입니다",
            "**“공간 + 시간 + 물리 법칙”**을",
            "**잡음(노이즈)**으로",
        ] {
            assert!(tui_markdown::from_str(source).to_string().contains("**"));
            assert!(matches!(prepare(source), Cow::Owned(_)), "{source}");
        }
    }

    #[test]
    fn bold_in_the_middle_of_a_sentence_closes_before_a_particle() {
        assert_eq!(
            line("오늘은 **트랜스포머(Transformer)**를 다룹니다."),
            pieces(&[
                ("오늘은 ", Plain),
                ("트랜스포머(Transformer)", Bold),
                ("를 다룹니다.", Plain),
            ])
        );
    }

    #[test]
    fn italic_opens_after_a_hangul_letter_before_punctuation() {
        assert_eq!(
            line("모델은*(예시)*처럼"),
            pieces(&[("모델은", Plain), ("(예시)", Italic), ("처럼", Plain)])
        );
    }

    #[test]
    fn triple_stars_give_bold_italic_before_a_particle() {
        assert_eq!(
            line("***핵심(core)***입니다"),
            pieces(&[("핵심(core)", BoldItalic), ("입니다", Plain)])
        );
    }

    #[test]
    fn italic_nested_in_bold_closes_before_a_particle() {
        assert_eq!(
            line("**굵게 *기울임(italic)*이 섞인 문장**입니다."),
            pieces(&[
                ("굵게 ", Bold),
                ("기울임(italic)", BoldItalic),
                ("이 섞인 문장", Bold),
                ("입니다.", Plain),
            ])
        );
    }

    #[test]
    fn underscores_close_after_cjk_punctuation_but_stay_literal_between_letters() {
        assert_eq!(
            line("__주의__：확인"),
            pieces(&[("주의", Bold), ("：확인", Plain)])
        );
        assert_eq!(line("가_나_다"), pieces(&[("가_나_다", Plain)]));
    }

    #[test]
    fn emphasis_works_in_blockquotes_list_items_and_across_soft_breaks() {
        let quote = rendered("> **잡음(노이즈)**으로");
        assert!(
            quote[0].contains(&("잡음(노이즈)".to_string(), Bold)),
            "{quote:?}"
        );
        let item = rendered("- **잡음(노이즈)**으로");
        assert!(
            item[0].contains(&("잡음(노이즈)".to_string(), Bold)),
            "{item:?}"
        );
        // tui-markdown renders a soft break as an unstyled space.
        let broken = line("**확산\n모델(diffusion)**입니다");
        assert_eq!(
            broken,
            pieces(&[
                ("확산", Bold),
                (" ", Plain),
                ("모델(diffusion)", Bold),
                ("입니다", Plain),
            ])
        );
    }

    #[test]
    fn emphasis_works_inside_table_cells() {
        let source = "| 용어 | 설명 |\n|---|---|\n| **잡음(노이즈)**으로 | 값 |\n";
        let lines = rendered(source);
        assert!(
            lines
                .iter()
                .flatten()
                .any(|(text, look)| text.contains("잡음(노이즈)") && *look == Bold),
            "{lines:?}"
        );
        assert!(!visible(source).contains("**"));
    }

    #[test]
    fn strikethrough_closes_after_a_parenthesis_before_a_particle() {
        assert_eq!(visible("~~취소(cancel)~~된 일정"), "취소(cancel)된 일정");
    }

    #[test]
    fn the_label_of_a_shortcut_reference_link_is_left_alone_so_it_still_resolves() {
        let source = "[**잡음(노이즈)**으로]\n\n[**잡음(노이즈)**으로]: https://example.com\n";
        assert!(prepare(source).starts_with("[**잡음(노이즈)**으로]\n"));
        assert!(visible(source).contains("(https://example.com)"));
    }

    #[test]
    fn latin_only_markdown_is_borrowed_unchanged() {
        let source = "# Title\n\nSome **bold (text)**and *more*. a_b_c **x**y\n\n- item *one*\n";
        assert!(matches!(prepare(source), Cow::Borrowed(s) if s == source));
    }

    #[test]
    fn korean_text_that_already_parses_is_borrowed_unchanged() {
        let source = "이것은 **굵은 글씨**입니다. 그리고 *기울임*도 있습니다.";
        assert!(matches!(prepare(source), Cow::Borrowed(s) if s == source));
    }

    #[test]
    fn code_spans_are_untouched() {
        let source = "`**모델(model)**입니다` 그리고 **모델(model)**입니다";
        assert!(prepare(source).starts_with("`**모델(model)**입니다` "));
        assert_eq!(
            line(source),
            pieces(&[
                ("**모델(model)**입니다 그리고 ", Plain),
                ("모델(model)", Bold),
                ("입니다", Plain),
            ])
        );
    }

    #[test]
    fn fenced_code_is_untouched() {
        let source = "```\n**잡음(노이즈)**으로\n```\n\n**잡음(노이즈)**으로\n";
        assert!(prepare(source).starts_with("```\n**잡음(노이즈)**으로\n```\n"));
        let lines = rendered(source);
        assert!(
            lines
                .iter()
                .flatten()
                .any(|(text, _)| text == "**잡음(노이즈)**으로"),
            "{lines:?}"
        );
        assert_eq!(
            lines.last(),
            Some(&pieces(&[("잡음(노이즈)", Bold), ("으로", Plain)]))
        );
    }

    #[test]
    fn an_escaped_star_stays_literal() {
        for source in [r"\*잡음(노이즈)*으로", r"*잡음(노이즈)\*으로"] {
            assert!(prepare(source).contains(r"\*"), "{source}");
            assert_eq!(
                line(source),
                pieces(&[("*잡음(노이즈)*으로", Plain)]),
                "{source}"
            );
        }
    }

    #[test]
    fn link_destinations_and_autolinks_are_untouched() {
        let source = "[**문서(doc)**](https://example.com/a**b)를 <https://example.com/**가)**나>";
        let prepared = prepare(source);
        assert!(prepared.contains("(https://example.com/a**b)"));
        assert!(prepared.contains("<https://example.com/**가)**나>"));
    }

    #[test]
    fn helpers_never_appear_in_rendered_output() {
        let source =
            "**LLM(거대 언어 모델)**입니다\n\n> **잡음(노이즈)**으로\n\n- *“인용”*을 **가)\n";
        assert!(prepare(source).contains(HELPER));
        assert_eq!(
            visible(source),
            "LLM(거대 언어 모델)입니다\n\n> 잡음(노이즈)으로\n\n- “인용”을 **가)"
        );
    }

    #[test]
    fn helper_spans_that_become_empty_are_dropped() {
        let mut text = Text::from(ratatui::text::Line::from(vec![
            ratatui::text::Span::raw("가"),
            ratatui::text::Span::raw(HELPER.to_string()),
            ratatui::text::Span::raw(""),
        ]));
        remove_helpers(&mut text);
        assert_eq!(text.lines[0].spans.len(), 2);
        assert_eq!(strip_helpers(&format!("가{HELPER}나")), "가나");
        assert!(matches!(strip_helpers("가나"), Cow::Borrowed("가나")));
    }

    #[test]
    fn the_helper_is_punctuation_for_the_engine() {
        assert!(Classes::default().is_punctuation(HELPER));
        assert!(!HELPER.is_whitespace());
        assert!(!may_matter(HELPER));
    }
}
