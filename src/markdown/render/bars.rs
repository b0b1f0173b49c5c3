//! The dim bars left of a `<details>` body, one per level of nesting, so what belongs to
//! a summary shows (see [`crate::markdown::folds`]). A block behind bars is laid out that
//! much narrower, so no row grows wider than the pane.

use ratatui::text::Span;

use super::Context;
use crate::markdown::folds::Nesting;

/// Below this many columns left for the text, bars are not drawn: the text needs them more.
const NARROWEST_TEXT: usize = 16;

/// The bars of one block's rows.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bars {
    /// Bars left of every row of the block.
    depth: usize,
    /// Whether the block starts on a summary line and goes on past it: its rows after its
    /// first line are the details' body, one bar deeper.
    summary_goes_on: bool,
}

impl Bars {
    /// The bars of a block starting on body line `line`, its source `slice`, which starts
    /// with a details' summary when `summary` says so.
    pub(super) fn of(nesting: &Nesting, line: usize, slice: &str, summary: bool) -> Bars {
        let goes_on = || slice.trim_end_matches(['\n', '\r']).contains('\n');
        Bars {
            depth: nesting.depth(line),
            summary_goes_on: summary && goes_on(),
        }
    }

    /// These bars if a pane `width` columns wide can spare them, else none.
    pub(super) fn fitting(self, width: usize) -> Bars {
        if self.most() == 0 || width < NARROWEST_TEXT + 2 * self.most() {
            Bars::default()
        } else {
            self
        }
    }

    /// The most bars any row of the block gets.
    pub(super) fn most(&self) -> usize {
        self.depth + usize::from(self.summary_goes_on)
    }
}

impl Context<'_, '_> {
    /// Draws `bars` left of the rows from `from` on (one block's, laid out narrower by
    /// [`Bars::most`] bars).
    pub(super) fn draw_bars(&mut self, from: usize, bars: &Bars) {
        if bars.most() == 0 {
            return;
        }
        let bar = format!("{} ", self.glyphs.vertical);
        let style = self.opts.theme.rule;
        for (row, anchor) in &mut self.rows[from..] {
            // Anchor line 1 is the summary's own line; the lines after it are its body.
            let depth = bars.depth + usize::from(bars.summary_goes_on && anchor.line >= 2);
            if depth == 0 {
                continue;
            }
            let mut bars = bar.repeat(depth);
            if row.spans.iter().all(|s| s.content.is_empty()) {
                // A blank row ends at its last bar.
                bars.pop();
            }
            row.spans.insert(0, Span::styled(bars, style));
        }
    }
}
