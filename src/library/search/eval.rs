//! Evaluating a query over the index: which posts every term occurs in, and in which
//! field best.

use std::cmp::Reverse;
use std::ops::Range;

use super::column::Column;
use super::pattern::BytePattern;
use super::rank::sort_key;
use super::{MatchField, Query, SearchIndex};
use crate::library::parallel::parallel_ranges;

/// A term of a query with its alternatives in the order they are tried.
struct Planned<'q> {
    tags_only: bool,
    /// Matches counted in a sample of the bodies.
    estimate: usize,
    /// Each alternative with the bitmap of posts whose body may contain it.
    patterns: Vec<(&'q BytePattern, Option<Vec<u64>>)>,
}

/// Per-post state of one thread evaluating a query over its share of the posts.
struct Eval {
    /// First post of the share.
    base: usize,
    /// Still matching every term so far.
    active: Vec<bool>,
    /// Best field of the current term, if found yet.
    found: Vec<Option<MatchField>>,
    score: Vec<u32>,
    best: Vec<MatchField>,
}

impl SearchIndex {
    /// `(sort key, post, best field)` of the best `limit` posts all terms of `query` occur
    /// in, best first.
    pub(super) fn best_matches(
        &self,
        query: &Query,
        limit: usize,
        include_code: bool,
    ) -> Vec<(u64, usize, MatchField)> {
        let plan = self.plan(query);
        let mut candidates = parallel_ranges(self.len(), |range| {
            self.candidates(&plan, include_code, range)
        });
        if candidates.len() > limit {
            candidates.select_nth_unstable_by_key(limit - 1, |c| c.0);
            candidates.truncate(limit);
        }
        candidates.sort_unstable_by_key(|c| c.0);
        candidates
    }

    /// Orders the work: the rarest term first, so later terms visit few posts; within a
    /// term, the most frequent alternative first, so the others only scan the posts it
    /// missed. Frequencies are counted in a sample of the bodies, which costs far less than
    /// a bad order (a rare pattern scans every post it is not in to the end).
    fn plan<'q>(&self, query: &'q Query) -> Vec<Planned<'q>> {
        const SAMPLE_BYTES: usize = 128 * 1024;
        const ENOUGH: usize = 1024;
        let count = |p: &BytePattern| {
            let (mut n, mut bytes) = (0, 0);
            for post in 0..self.body.len() {
                if n >= ENOUGH || bytes >= SAMPLE_BYTES {
                    break;
                }
                let hay = self.body.hay(post);
                let end = hay.folded.len().min(SAMPLE_BYTES - bytes);
                let mut pos = 0;
                while n < ENOUGH
                    && let Some(r) = p.find(hay, pos, end)
                {
                    n += 1;
                    pos = r.end;
                }
                bytes += end + 1;
            }
            n
        };
        let mut plan: Vec<Planned<'q>> = query
            .terms
            .iter()
            .map(|term| {
                let mut patterns: Vec<(usize, &BytePattern)> =
                    term.patterns.iter().map(|p| (count(p), p)).collect();
                patterns.sort_by_key(|(n, _)| Reverse(*n));
                // Tag-only terms scan only the small tag column: cheap, so they go first.
                let estimate = if term.tags_only {
                    0
                } else {
                    patterns.iter().map(|(n, _)| n).sum()
                };
                Planned {
                    tags_only: term.tags_only,
                    estimate,
                    patterns: patterns
                        .into_iter()
                        .map(|(_, p)| (p, self.signatures.candidates(&p.grams)))
                        .collect(),
                }
            })
            .collect();
        plan.sort_by_key(|t| {
            (
                t.estimate,
                Reverse(t.patterns.iter().map(|(p, _)| p.len).sum::<usize>()),
            )
        });
        plan
    }

    /// `(sort key, post, best field)` of every post in `range` all terms occur in.
    fn candidates(
        &self,
        terms: &[Planned<'_>],
        include_code: bool,
        range: Range<usize>,
    ) -> Vec<(u64, usize, MatchField)> {
        let n = range.len();
        let mut eval = Eval {
            base: range.start,
            active: vec![true; n],
            found: vec![None; n],
            score: vec![0; n],
            best: vec![MatchField::Body; n],
        };
        for term in terms {
            eval.found.fill(None);
            if term.tags_only {
                Self::scan(&self.tags, MatchField::Tag, term, &mut eval);
            } else {
                Self::scan(&self.title, MatchField::Title, term, &mut eval);
                Self::scan(&self.tags, MatchField::Tag, term, &mut eval);
                Self::scan(&self.description, MatchField::Description, term, &mut eval);
                let code = (!include_code).then_some(&self.code[..]);
                self.scan_bodies(term, code, &mut eval);
            }
            let mut any = false;
            for i in 0..n {
                match eval.found[i] {
                    Some(field) if eval.active[i] => {
                        eval.score[i] = eval.score[i].saturating_add(field.weight());
                        eval.best[i] = eval.best[i].min(field);
                        any = true;
                    }
                    _ => eval.active[i] = false,
                }
            }
            if !any {
                return Vec::new();
            }
        }
        (0..n)
            .filter(|&i| eval.active[i])
            .map(|i| {
                let post = eval.base + i;
                let key = sort_key(eval.score[i], self.order[post]);
                (key, post, eval.best[i])
            })
            .collect()
    }

    /// Marks in `eval.found` every active post not yet found whose `column` text contains
    /// `term`.
    fn scan(column: &Column, field: MatchField, term: &Planned<'_>, eval: &mut Eval) {
        let hay = column.hay();
        let n = eval.active.len();
        for (pattern, _) in &term.patterns {
            let needs = |eval: &Eval, d: usize| eval.active[d] && eval.found[d].is_none();
            let mut d = 0;
            while d < n {
                if !needs(eval, d) {
                    d += 1;
                    continue;
                }
                // A run of posts that all still need this term: one scan covers them all.
                let mut e = d + 1;
                while e < n && needs(eval, e) {
                    e += 1;
                }
                let end = column.starts[eval.base + e];
                let mut pos = column.starts[eval.base + d];
                while pos < end {
                    let Some(hit) = pattern.find(hay, pos, end) else {
                        break;
                    };
                    let post = column.post_at(hit.start);
                    eval.found[post - eval.base] = Some(field);
                    pos = column.starts[post + 1];
                }
                d = e;
            }
        }
    }
}

impl SearchIndex {
    /// Marks in `eval.found` every active post not yet found whose body contains `term`,
    /// skipping matches inside `code`. Each body is its own text (see [`super::bodies`]),
    /// scanned only where the signatures say the pattern may be.
    fn scan_bodies(&self, term: &Planned<'_>, code: Option<&[Range<usize>]>, eval: &mut Eval) {
        let n = eval.active.len();
        for (pattern, candidates) in &term.patterns {
            for d in 0..n {
                let post = eval.base + d;
                let needed = eval.active[d]
                    && eval.found[d].is_none()
                    && candidates
                        .as_deref()
                        .is_none_or(|c| c[post / 64] & (1 << (post % 64)) != 0);
                if !needed {
                    continue;
                }
                let hay = self.body.hay(post);
                let (base, end) = (self.body.starts[post], hay.folded.len());
                let mut pos = 0;
                while pos < end {
                    let Some(hit) = pattern.find(hay, pos, end) else {
                        break;
                    };
                    if let Some(code_end) = code.and_then(|c| code_end_at(c, base + hit.start)) {
                        pos = code_end - base;
                        continue;
                    }
                    eval.found[d] = Some(MatchField::Body);
                    break;
                }
            }
        }
    }
}

/// If `pos` lies in one of the sorted `code` ranges, where that range ends.
fn code_end_at(code: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = code.partition_point(|r| r.end <= pos);
    code.get(i).filter(|r| r.start <= pos).map(|r| r.end)
}
