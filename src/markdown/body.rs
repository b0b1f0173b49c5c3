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

use std::borrow::Cow;
use std::ops::Range;

use super::blocks::{self, Block, BlockCollector};
use super::cut;
use super::emphasis;
use super::footnotes;
use super::render::display_source;
use super::softbreak::{
    SoftBreaks, Survey, SurveyCollector, break_shifts, insert_breaks, paragraph_line_widths, survey,
};

/// About how many bytes of source a chunk holds: a screen or two of Korean prose, and
/// enough work per chunk to be worth handing to another core.
pub const CHUNK_BYTES: usize = 16 * 1024;

/// A body ready to be rendered chunk by chunk.
#[derive(Debug)]
pub(crate) struct Body {
    /// The body in display form with its footnotes numbered.
    source: String,
    /// Every link reference definition of the body, as blocks rendered alone need them.
    definitions: String,
    /// The chunks, in order, covering `source`.
    chunks: Vec<Range<usize>>,
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

impl Body {
    /// Reads `body` for rendering under `policy`, cut into chunks of about `chunk_bytes`.
    pub(crate) fn new(body: &str, policy: SoftBreaks, chunk_bytes: usize) -> Body {
        let displayed = display_form(body);
        let source = owned(footnotes::number(&displayed)).unwrap_or_else(|| displayed.into_owned());
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

    /// The body line each chunk starts on.
    pub(crate) fn first_lines(&self) -> Vec<usize> {
        let mut line = 0;
        let mut counted = 0;
        self.chunks
            .iter()
            .map(|chunk| {
                line += memchr::memchr_iter(b'\n', &self.source.as_bytes()[counted..chunk.start])
                    .count();
                counted = chunk.start;
                line
            })
            .collect()
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
            todo = self.drop_failed_cuts(&todo);
        }
    }

    /// Checks the cut after each of `surveyed` (ascending chunk indices, just surveyed) and
    /// joins a chunk whose cut does not hold to the chunks after it. Returns the joined
    /// chunks, which must be surveyed again (and their new cuts checked).
    ///
    /// A chunk takes in at least as many bytes as it has, so one whose cut keeps failing (a
    /// fence left open runs to the end of the body) doubles each time: surveying it again
    /// costs at most about as much as surveying the whole body once more, not once per
    /// chunk after it.
    fn drop_failed_cuts(&mut self, surveyed: &[usize]) -> Vec<usize> {
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
            self.surveyed.drain(k + 1..=last);
            self.surveyed[k] = None;
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
    pub(crate) fn final_source(&self, k: usize) -> (Cow<'_, str>, Vec<Block>) {
        let chunk = &self.source[self.chunks[k].clone()];
        let Some(surveyed) = &self.surveyed[k] else {
            debug_assert!(false, "chunk {k} rendered before it was prepared");
            return (Cow::Borrowed(chunk), blocks::split(chunk).0);
        };
        let text = surveyed.prepared.as_deref().unwrap_or(chunk);
        let breaks = &surveyed.survey.breaks;
        if self.keep_breaks != Some(true) || breaks.is_empty() {
            return (Cow::Borrowed(text), surveyed.blocks.clone());
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
        (insert_breaks(text, breaks), blocks)
    }
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
mod tests {
    use super::*;

    fn pieces(source: &str, target: usize) -> Vec<String> {
        let (blocks, _) = blocks::split(source);
        cut::by_blocks(source, &blocks, target)
            .into_iter()
            .map(|r| source[r].to_string())
            .collect()
    }

    #[test]
    fn chunks_cover_the_source_in_order() {
        let source = "# 제목\n\n첫 문단\n\n- 목록\n\n> 인용\n\n끝 문단\n";
        assert_eq!(pieces(source, 1).concat(), source);
    }

    #[test]
    fn a_chunk_never_starts_right_after_a_heading_or_at_a_dash() {
        let source = "### 메타 설명\n\n요약 문단\n\n---\n\n본문\n\n* 항목\n";
        let chunks = pieces(source, 1);
        assert_eq!(
            chunks,
            [
                "### 메타 설명\n\n요약 문단\n\n---\n\n",
                "본문\n\n",
                "* 항목\n"
            ]
        );
    }

    /// Bodies where a chunk could read differently from the whole: footnotes, reference
    /// links defined elsewhere, the summary heading, front-matter-like rules, emphasis
    /// that needs helpers, hard-wrapped prose, HTML, code and lists.
    const TRICKY: &str = "둘째[^b] 그리고 첫째[^a].\n\n[^a]: 가 **잡음(노이즈)**으로\n[^b]: 나\n\n\
        [**문서(doc)**]를 보고 [링크][d]도 봅니다.\n\n### 📝 메타 설명\n\n요약입니다.\n\n\
        ---\ntitle: 아님\n---\n\n**LLM(거대 언어 모델)**입니다\n말로 들으면\n**“대체 어떻게?”** 싶은\n\n\
        <!-- 주석 -->\n\n```rust\nfn main() {}\n```\n\n    들여쓴 코드\n\n* 하나\n  * 둘\n\n\
        > **POINT** 💡\n> 팁\n\n| a | b |\n|---|---|\n| **가)**나 | 2 |\n\n\
        [d]: https://example.com/d\n[**문서(doc)**]: https://example.com\n\n끝 #태그\n\n#생성형AI #LLM\n";

    /// Bodies without link reference definitions, cut by their text: blocks that go on
    /// past a blank line (fences, comments, lists, quotes, definition lists, indented
    /// code) just before a line a chunk could start at.
    const OPEN_ENDED: &str = "가나다 문단\n\n```\n열린 울타리\n\n가운데\n\n```\n\n\
        <!--\n주석\n\n안쪽\n-->\n\n<pre>\n\n미리\n\n</pre>\n\n- 목록\n  게으른\n\n\
        목록 뒤\n\n- 항목\n\n  ```\n  안 닫힌\n\n끝 문단\n\n> 인용\n> **굵게(괄호)**다\n\n\
        인용 뒤\n\n용어\n: 정의\n\n다음 용어\n: 둘째 정의\n\n    들여쓴 코드\n\n코드 뒤\n\n\
        ### 📝 메타 설명\n\n요약입니다.\n\n제목\n===\n\n밑줄 뒤\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
        abc **def(g)**한\n줄\n\n~~~\n끝까지 열린 울타리\n\n마지막\n";

    const WRAPPED: &str = "The quick brown fox jumps over the lazy dog and keeps running far away\n\
        until the evening comes and the whole field is quiet again, so that\n\
        nobody could tell where the fox went or why it ran so fast that day.\nEnd.\n\n";

    #[test]
    fn rendering_in_chunks_of_any_size_gives_the_rows_of_one_chunk() {
        use crate::markdown::render::{RenderOptions, render_body_in_chunks};
        use crate::styled::Theme;
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut bodies = vec![
            TRICKY.to_string(),
            WRAPPED.repeat(3),
            format!("{TRICKY}{}", WRAPPED.repeat(8)),
            OPEN_ENDED.to_string(),
            format!("{}{OPEN_ENDED}", WRAPPED.repeat(4)),
        ];
        for post in [
            "posts/dev/markdown-cheatsheet-for-bloggers.md",
            "posts/ai/vector-database-basics.md",
        ] {
            bodies.push(std::fs::read_to_string(manifest.join(post)).unwrap_or_default());
        }
        let theme = Theme::default();
        for body in &bodies {
            for soft_breaks in [SoftBreaks::Auto, SoftBreaks::Keep, SoftBreaks::Join] {
                let opts = RenderOptions {
                    width: 50,
                    soft_breaks,
                    theme: &theme,
                };
                let whole = render_body_in_chunks(body, &opts, 1, usize::MAX);
                for chunk_bytes in [1, 7, 30, 200, 3000] {
                    let chunked = render_body_in_chunks(body, &opts, 1, chunk_bytes);
                    assert!(
                        chunked == whole,
                        "{soft_breaks:?}, chunks of {chunk_bytes}: {body}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_fence_left_open_joins_the_chunks_after_it_in_few_rounds() {
        use crate::markdown::render::{RenderOptions, render_body_in_chunks};
        let body = format!("문단\n\n```\n{}", "가 나\n\n".repeat(8000));
        let theme = crate::styled::Theme::default();
        let opts = RenderOptions {
            width: 40,
            soft_breaks: SoftBreaks::Auto,
            theme: &theme,
        };
        let started = std::time::Instant::now();
        let chunked = render_body_in_chunks(&body, &opts, 1, 8);
        // Joined one chunk at a time, this took thousands of rounds over a growing chunk.
        assert!(started.elapsed().as_secs() < 3, "{:?}", started.elapsed());
        assert!(chunked == render_body_in_chunks(&body, &opts, 1, usize::MAX));
    }

    #[test]
    fn a_long_body_is_shown_in_two_halves_exactly_as_whole() {
        let body = "가나다 \u{1b}[31m 🇰🇷 1\u{FE0F}\u{20E3}\n".repeat(20_000);
        assert_eq!(display_form(&body), display_source(&body));
        assert_eq!(display_form("짧은 글\n"), "짧은 글\n");
    }

    #[test]
    fn a_short_body_is_one_chunk() {
        assert_eq!(pieces("가\n\n나\n", CHUNK_BYTES).len(), 1);
    }
}
