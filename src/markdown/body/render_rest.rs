//! Rendering the rest of a body while it is still being surveyed.
//!
//! Preparing a chunk (the emphasis pass, the soft-break survey, its blocks: one parse) and
//! rendering it are the two halves of its work. Done as two passes over the body, every
//! core waits at the end of the first for the slowest chunk, and under
//! [`SoftBreaks::Auto`](super::SoftBreaks::Auto) no chunk could be rendered before the whole
//! body was surveyed, since whether soft breaks are kept depends on all of it. Here each
//! chunk is rendered as soon as it is surveyed, on whichever core surveyed it: a chunk
//! without soft breaks renders the same either way, and one with them is rendered under a
//! guess from its own lines, and again in the rare case that the whole body's verdict
//! differs.

use super::{Body, ChunkSource, Surveyed};
use crate::markdown::parallel::map_in_order;

/// One chunk's render, and the soft-break verdict it assumed if its rows depend on it.
struct Rendered<R> {
    result: R,
    assumed: Option<bool>,
}

impl Body {
    /// Prepares and renders every chunk from `from` on, several at a time, and returns
    /// `render`'s result for each in order; they are what rendering
    /// [`Body::final_source`] of each chunk after [`Body::prepare`] gives.
    ///
    /// `render` may be called more than once for a chunk (a guess that turned out wrong, or
    /// a cut that did not hold); only the last call's result is kept.
    pub(crate) fn render_rest<R: Send>(
        &mut self,
        from: usize,
        render: impl Fn(usize, ChunkSource<'_>) -> R + Sync,
    ) -> Vec<R> {
        // Without measuring, the verdict is known before any survey.
        let known =
            (!self.policy.measures() || self.keep_breaks.is_some()).then(|| self.decide_breaks());
        let mut rendered: Vec<Option<Rendered<R>>> = (from..self.chunks()).map(|_| None).collect();
        let mut todo: Vec<usize> = (from..self.chunks()).collect();
        while !todo.is_empty() {
            let this = &*self;
            let done = map_in_order(&todo, |&k| match &this.surveyed[k] {
                Some(surveyed) => (None, this.render_surveyed(k, surveyed, known, &render)),
                None => {
                    let surveyed = this.survey_chunk(k);
                    let done = this.render_surveyed(k, &surveyed, known, &render);
                    (Some(surveyed), done)
                }
            });
            for (&k, (fresh, done)) in todo.iter().zip(done) {
                if fresh.is_some() {
                    self.surveyed[k] = fresh;
                }
                rendered[k - from] = Some(done);
            }
            todo = self.drop_failed_cuts(&todo, &mut |joined| {
                let (k, last) = (*joined.start() - from, *joined.end() - from);
                rendered.drain(k + 1..=last);
                rendered[k] = None;
            });
        }
        let keep = self.decide_breaks();
        let wrong: Vec<usize> = rendered
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.as_ref()
                    .is_some_and(|r| r.assumed.is_some_and(|a| a != keep))
            })
            .map(|(i, _)| from + i)
            .collect();
        let this = &*self;
        let again = map_in_order(&wrong, |&k| render(k, this.final_source(k)));
        for (k, result) in wrong.into_iter().zip(again) {
            rendered[k - from] = Some(Rendered {
                result,
                assumed: None,
            });
        }
        debug_assert!(rendered.iter().all(Option::is_some));
        rendered.into_iter().flatten().map(|r| r.result).collect()
    }

    /// Renders chunk `k` from its survey: under the verdict on soft breaks if `known`, else
    /// under a guess from the chunk's own paragraph lines, noted if its rows depend on it.
    fn render_surveyed<R>(
        &self,
        k: usize,
        surveyed: &Surveyed,
        known: Option<bool>,
        render: &impl Fn(usize, ChunkSource<'_>) -> R,
    ) -> Rendered<R> {
        let keep =
            known.unwrap_or_else(|| self.policy.keeps_breaks_for(&surveyed.survey.line_widths));
        let assumed = (known.is_none() && !surveyed.survey.breaks.is_empty()).then_some(keep);
        Rendered {
            result: render(k, self.source_with(k, surveyed, keep)),
            assumed,
        }
    }
}
