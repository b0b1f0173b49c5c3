//! A Markdown body cut into chunks of whole top-level blocks, each prepared and rendered on
//! its own: so the first screen of a long article can be shown before the rest is done, and
//! the chunks of a long article can be rendered on several cores.
//!
//! Every block is rendered from its own source already (see [`super::render`]); what a
//! chunk must agree on with the whole body is how the passes before rendering read it:
//! - the display form ([`super::render::display_source`]) and footnote numbers are made on
//!   the whole body, before it is cut;
//! - the cjk-friendly emphasis pass ([`emphasis::prepare`]) reads a chunk with the body's
//!   link reference definitions appended, so a link resolves as it does in the whole body;
//! - the soft-break policy's verdict on hard-wrapped prose is taken over the line widths of
//!   every chunk, and a chunk's breaks are then its own;
//! - chunks are cut only where a chunk parses as it does inside the whole body (see
//!   [`super::cut`]): found from a parse of the whole body when it has link reference
//!   definitions, else from the text alone and checked on each chunk's own parse, which
//!   the emphasis pass makes anyway, so a long body is parsed once before rendering, on
//!   every core, instead of once more on one.
//!
//! A body rendered to the end ([`Body::render_rest`]) renders each chunk as soon as it is
//! prepared, on the same core.

mod render_rest;

use std::borrow::Cow;
use std::ops::{Range, RangeInclusive};

use super::blocks::{self, Block, BlockCollector};
use super::cut;
use super::emphasis;
use super::footnotes;
use super::render::display_source;
use super::softbreak::{
    SoftBreaks, Survey, SurveyCollector, break_shifts, insert_breaks, paragraph_line_widths, survey,
};
use crate::library::Body as PostText;

/// About how many bytes of source a chunk holds: a screen or two of Korean prose, and
/// enough work per chunk to be worth handing to another core.
pub const CHUNK_BYTES: usize = 16 * 1024;

/// A body ready to be rendered chunk by chunk.
#[derive(Debug)]
pub(crate) struct Body {
    /// The body in display form with its footnotes numbered.
    source: Source,
    /// Every link reference definition of the body, as blocks rendered alone need them.
    definitions: String,
    /// The chunks, in order, covering `source`.
    chunks: Vec<Range<usize>>,
    /// The line of `source` (from 0) each chunk starts on.
    chunk_lines: Vec<usize>,
    /// Each chunk after the emphasis pass, once done.
    surveyed: Vec<Option<Surveyed>>,
    /// The soft-break policy.
    policy: SoftBreaks,
    /// Whether soft breaks are kept, once known.
    keep_breaks: Option<bool>,
    /// Whether the cuts between chunks were found from the text alone, so that each must
    /// be checked once the chunk before it is surveyed ([`cut::holds`]).
    cuts_unchecked: bool,
}

/// One chunk after the emphasis pass, with its soft-break survey and its blocks, all from
/// one parse.
#[derive(Debug)]
struct Surveyed {
    /// The chunk with emphasis helpers, when it has any.
    prepared: Option<String>,
    /// Soft breaks and paragraph line widths, in the prepared chunk.
    survey: Survey,
    /// The top-level blocks, in the prepared chunk.
    blocks: Vec<Block>,
}

/// The text a [`Body`] is rendered from: most often a post's own text, which neither the
/// display form nor footnote numbers change, shared with the post rather than copied.
#[derive(Debug)]
enum Source {
    /// The post's text, unchanged.
    Shared(PostText),
    /// A text of its own: rewritten, or read from a plain `&str`.
    Own(String),
}

impl std::ops::Deref for Source {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Source::Shared(text) => text,
            Source::Own(text) => text,
        }
    }
}

impl Body {
    /// Reads `body` for rendering under `policy`, cut into chunks of about `chunk_bytes`.
    pub(crate) fn new(body: &str, policy: SoftBreaks, chunk_bytes: usize) -> Body {
        Self::read(body, None, policy, chunk_bytes)
    }

    /// [`Body::new`] of a post's text, which the body shares unless it rewrites it.
    pub(crate) fn sharing(body: &PostText, policy: SoftBreaks, chunk_bytes: usize) -> Body {
        Self::read(body, Some(body), policy, chunk_bytes)
    }

    fn read(body: &str, shared: Option<&PostText>, policy: SoftBreaks, chunk_bytes: usize) -> Body {
        let displayed = display_form(body);
        let numbered = owned(footnotes::number(&displayed));
        let source = match (numbered, displayed, shared) {
            (Some(numbered), _, _) => Source::Own(numbered),
            (None, Cow::Owned(shown), _) => Source::Own(shown),
            (None, Cow::Borrowed(_), Some(text)) => Source::Shared(text.clone()),
            (None, Cow::Borrowed(text), None) => Source::Own(text.to_string()),
        };
        // Every link reference definition has a label followed by `]:`; without one, the
        // chunks need nothing from each other and the whole body need not be parsed here.
        let unchecked = memchr::memmem::find(source.as_bytes(), b"]:").is_none();
        let (chunks, definitions) = if unchecked {
            (cut::by_text(&source, chunk_bytes), String::new())
        } else {
            let (blocks, definitions) = blocks::split(&source);
            (cut::by_blocks(&source, &blocks, chunk_bytes), definitions)
        };
        Body {
            surveyed: chunks.iter().map(|_| None).collect(),
            chunk_lines: first_lines(&source, &chunks),
            source,
            definitions,
            chunks,
            policy,
            keep_breaks: None,
            cuts_unchecked: unchecked,
        }
    }

    /// How many chunks there are.
    pub(crate) fn chunks(&self) -> usize {
        self.chunks.len()
    }

    /// The body's link reference definitions.
    pub(crate) fn definitions(&self) -> &str {
        &self.definitions
    }

    /// Runs the emphasis pass and the soft-break survey on the chunks in `range` that have
    /// not had them, on several cores.
    fn survey_chunks(&mut self, range: Range<usize>) {
        let end = range.end.min(self.chunks.len());
        let mut todo: Vec<usize> = (range.start..end)
            .filter(|&k| self.surveyed[k].is_none())
            .collect();
        while !todo.is_empty() {
            let this = &*self;
            let done = super::parallel::map_in_order(&todo, |&k| this.survey_chunk(k));
            for (&k, surveyed) in todo.iter().zip(done) {
                self.surveyed[k] = Some(surveyed);
            }
            todo = self.drop_failed_cuts(&todo, &mut |_| {});
        }
    }

    /// Checks the cut after each of `surveyed` (ascending chunk indices, just surveyed) and
    /// joins a chunk whose cut does not hold to the chunks after it, telling `joined` of
    /// each join (`k..=last` became chunk `k`) as it is made, from the last. Returns the
    /// joined chunks, which must be surveyed again (and their new cuts checked).
    ///
    /// A chunk takes in at least as many bytes as it has, so one whose cut keeps failing (a
    /// fence left open runs to the end of the body) doubles each time: surveying it again
    /// costs at most about as much as surveying the whole body once more, not once per
    /// chunk after it.
    fn drop_failed_cuts(
        &mut self,
        surveyed: &[usize],
        joined: &mut dyn FnMut(RangeInclusive<usize>),
    ) -> Vec<usize> {
        if !self.cuts_unchecked {
            return Vec::new();
        }
        let mut again: Vec<usize> = Vec::new();
        // From the last so that joining does not move the chunks still to be checked.
        for &k in surveyed.iter().rev() {
            if k + 1 >= self.chunks.len() || self.cut_holds(k) {
                continue;
            }
            let wanted = self.chunks[k].len();
            let mut last = k + 1;
            while last + 1 < self.chunks.len()
                && self.chunks[last].end - self.chunks[k].end < wanted
            {
                last += 1;
            }
            self.chunks[k].end = self.chunks[last].end;
            self.chunks.drain(k + 1..=last);
            self.chunk_lines.drain(k + 1..=last);
            self.surveyed.drain(k + 1..=last);
            self.surveyed[k] = None;
            joined(k..=last);
            // The chunks after `k` up to `last` are gone: whatever was to be surveyed again
            // after them moves back.
            let gone = last - k;
            again.retain(|&j| j <= k || j > last);
            again
                .iter_mut()
                .for_each(|j| *j -= if *j > last { gone } else { 0 });
            again.push(k);
        }
        again.sort_unstable();
        again
    }

    /// Whether the cut after chunk `k`, surveyed, holds.
    fn cut_holds(&self, k: usize) -> bool {
        let Some(surveyed) = &self.surveyed[k] else {
            return false;
        };
        let chunk = &self.source[self.chunks[k].clone()];
        cut::holds(
            surveyed.prepared.as_deref().unwrap_or(chunk),
            &surveyed.blocks,
        )
    }

    fn survey_chunk(&self, k: usize) -> Surveyed {
        let chunk = &self.source[self.chunks[k].clone()];
        let joined;
        let parsed = if self.chunks.len() == 1 || self.definitions.is_empty() {
            chunk
        } else {
            joined = format!("{chunk}{}", self.definitions);
            joined.as_str()
        };
        let mut blocks = BlockCollector::default();
        let mut soft = SurveyCollector::default();
        let helpers = emphasis::helpers_observing(parsed, &mut |event, range| {
            blocks.event(event, range);
            soft.event(parsed, event, range);
        });
        let blocks = blocks.finish();
        // The definitions appended hold no inline text and no block; a block that reaches
        // into them (a fence left open at the end) means the chunk must be read alone.
        let past = |at: usize| at > chunk.len();
        if helpers.last().is_some_and(|&at| past(at))
            || blocks.iter().any(|b| past(b.range.end))
            || soft.paragraphs.iter().any(|p| past(p.end))
        {
            return self.survey_alone(chunk);
        }
        let prepared = emphasis::insert_helpers(chunk, &helpers);
        // Offsets in the chunk moved by the helpers inserted before them. A helper at the
        // very end of a range belongs to it unless the range ended its line.
        let helper = emphasis::HELPER.len_utf8();
        let before = |at: usize| helpers.partition_point(|&h| h < at) * helper;
        let start = |at: usize| at + before(at);
        let end = |at: usize| {
            let at_end = helpers.binary_search(&at).is_ok() && !chunk[..at].ends_with('\n');
            at + before(at) + usize::from(at_end) * helper
        };
        let survey = Survey {
            breaks: soft
                .breaks
                .iter()
                .map(|&nl| nl + helpers.partition_point(|&h| h <= nl) * helper)
                .collect(),
            line_widths: if self.policy.measures() {
                paragraph_line_widths(
                    &prepared,
                    soft.paragraphs.iter().map(|p| start(p.start)..end(p.end)),
                )
            } else {
                Vec::new()
            },
        };
        let blocks = blocks
            .into_iter()
            .map(|b| Block {
                range: start(b.range.start)..end(b.range.end),
                kind: b.kind,
            })
            .collect();
        Surveyed {
            prepared: owned(prepared),
            survey,
            blocks,
        }
    }

    /// [`Body::survey_chunk`] for a chunk read without the body's definitions.
    fn survey_alone(&self, chunk: &str) -> Surveyed {
        let prepared = owned(emphasis::prepare(chunk));
        let text = prepared.as_deref().unwrap_or(chunk);
        Surveyed {
            survey: survey(text, self.policy.measures()),
            blocks: blocks::split(text).0,
            prepared,
        }
    }

    /// Makes sure the soft-break verdict is known, surveying every chunk if it needs to.
    fn decide_breaks(&mut self) -> bool {
        if let Some(keep) = self.keep_breaks {
            return keep;
        }
        let widths: Vec<usize> = if self.policy.measures() {
            self.survey_chunks(0..self.chunks.len());
            self.surveyed
                .iter()
                .flatten()
                .flat_map(|s| s.survey.line_widths.iter().copied())
                .collect()
        } else {
            Vec::new()
        };
        let keep = self.policy.keeps_breaks_for(&widths);
        self.keep_breaks = Some(keep);
        keep
    }

    /// Prepares the chunks in `range` for rendering, on several cores: afterwards
    /// [`Body::final_source`] is cheap for them.
    pub(crate) fn prepare(&mut self, range: Range<usize>) {
        self.decide_breaks();
        self.survey_chunks(range);
    }

    /// Chunk `k`'s source as its blocks are rendered from (emphasis helpers in, soft breaks
    /// made hard if the policy keeps them), and its top-level blocks. [`Body::prepare`]
    /// must have covered `k`.
    pub(crate) fn final_source(&self, k: usize) -> ChunkSource<'_> {
        let Some(surveyed) = &self.surveyed[k] else {
            debug_assert!(false, "chunk {k} rendered before it was prepared");
            let chunk = &self.source[self.chunks[k].clone()];
            return ChunkSource {
                text: Cow::Borrowed(chunk),
                blocks: blocks::split(chunk).0,
                first_line: self.chunk_lines[k],
                definitions: &self.definitions,
            };
        };
        self.source_with(k, surveyed, self.keep_breaks == Some(true))
    }

    /// Chunk `k`'s source as [`Body::final_source`] gives it, from its survey and whether
    /// soft breaks are kept.
    fn source_with<'a>(
        &'a self,
        k: usize,
        surveyed: &'a Surveyed,
        keep_breaks: bool,
    ) -> ChunkSource<'a> {
        let chunk = &self.source[self.chunks[k].clone()];
        let text = surveyed.prepared.as_deref().unwrap_or(chunk);
        let breaks = &surveyed.survey.breaks;
        let first_line = self.chunk_lines[k];
        if !keep_breaks || breaks.is_empty() {
            return ChunkSource {
                text: Cow::Borrowed(text),
                blocks: surveyed.blocks.clone(),
                first_line,
                definitions: &self.definitions,
            };
        }
        let shifts = break_shifts(text, breaks);
        // Blocks start and end on lines of their own, never at a soft break.
        let moved = |at: usize| {
            let i = shifts.partition_point(|(pos, _)| *pos < at);
            let by = i.checked_sub(1).map_or(0, |i| shifts[i].1);
            at.saturating_add_signed(by)
        };
        let blocks = surveyed
            .blocks
            .iter()
            .map(|b| Block {
                range: moved(b.range.start)..moved(b.range.end),
                kind: b.kind.clone(),
            })
            .collect();
        ChunkSource {
            text: insert_breaks(text, breaks),
            blocks,
            first_line,
            definitions: &self.definitions,
        }
    }
}

/// The source of one chunk as its blocks are rendered from.
#[derive(Debug)]
pub(crate) struct ChunkSource<'a> {
    /// The chunk with emphasis helpers in and soft breaks made hard if they are kept.
    pub(crate) text: Cow<'a, str>,
    /// Its top-level blocks.
    pub(crate) blocks: Vec<Block>,
    /// The line of the body (from 0) it starts on.
    pub(crate) first_line: usize,
    /// Every link reference definition of the body, which its blocks are rendered with.
    pub(crate) definitions: &'a str,
}

/// The line (from 0) of `source` each of `chunks` starts on.
fn first_lines(source: &str, chunks: &[Range<usize>]) -> Vec<usize> {
    let mut line = 0;
    let mut counted = 0;
    chunks
        .iter()
        .map(|chunk| {
            line += memchr::memchr_iter(b'\n', &source.as_bytes()[counted..chunk.start]).count();
            counted = chunk.start;
            line
        })
        .collect()
}

/// [`display_source`] of `body`, its two halves at once when it is long (the display form
/// is made line by line, so cutting at a line end changes nothing).
fn display_form(body: &str) -> Cow<'_, str> {
    const TWO_HALVES_FROM: usize = 256 * 1024;
    let half = body.len() / 2;
    let middle = (body.len() >= TWO_HALVES_FROM)
        .then(|| memchr::memchr(b'\n', &body.as_bytes()[half..]))
        .flatten()
        .map(|nl| half + nl + 1);
    let Some(middle) = middle else {
        return display_source(body);
    };
    let halves = [&body[..middle], &body[middle..]];
    let shown = super::parallel::map_in_order(&halves, |half| display_source(half));
    if shown.iter().all(|half| matches!(half, Cow::Borrowed(_))) {
        return Cow::Borrowed(body);
    }
    Cow::Owned(shown.concat())
}

/// The text of a pass that changed it.
fn owned(text: Cow<'_, str>) -> Option<String> {
    match text {
        Cow::Borrowed(_) => None,
        Cow::Owned(text) => Some(text),
    }
}

#[cfg(test)]
mod tests;
