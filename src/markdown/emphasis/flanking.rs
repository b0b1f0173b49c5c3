//! The two verdicts on a delimiter run, may it open and may it close: the one
//! pulldown-cmark reaches, and the one the markdown-cjk-friendly rules want.

use pulldown_cmark::{Event, Parser, Tag};

use super::cjk::{
    is_cjk, is_cjk_ambiguous_punctuation_candidate, is_cjk_or_ideographic_vs,
    is_non_emoji_general_purpose_vs,
};
use super::scan::Context;

/// Which characters count as punctuation for pulldown-cmark, cached.
#[derive(Default)]
pub(super) struct Classes {
    punctuation: fnv::FnvHashMap<char, bool>,
}

impl Classes {
    /// CommonMark's "Unicode punctuation" (general category P or S) exactly as
    /// pulldown-cmark decides it. Its table is crate-private, so we ask the engine itself:
    /// `x{c}_a_` is emphasis only if the first `_` can open, which (with `c` not
    /// whitespace) happens only if `c` is punctuation. This keeps us in step with the
    /// engine's Unicode version instead of a second, possibly different table.
    pub(super) fn is_punctuation(&mut self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_punctuation();
        }
        // Hangul syllables, the usual neighbours of a run here, are letters: no table.
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) || c.is_whitespace() || c.is_alphanumeric() {
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
pub(super) fn engine_flags(
    delim: u8,
    before: char,
    after: char,
    classes: &mut Classes,
) -> (bool, bool) {
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
pub(super) fn cjk_friendly_flags(
    delim: u8,
    context: &Context,
    classes: &mut Classes,
) -> (bool, bool) {
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
