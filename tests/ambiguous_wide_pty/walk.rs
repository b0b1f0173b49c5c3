//! Walking a post: every frame must equal a full redraw of it, and nothing may tear.

use super::*;

/// Opens `target` from the start: down the sidebar, then Enter focuses the article.
pub(crate) fn open_target(session: &mut CjkSession, target: &Target) {
    for _ in 0..target.presses {
        press_settled(session, "j", "moving down the sidebar");
    }
    let position = session.with_terminal(status_position);
    assert_eq!(
        position.as_deref(),
        Some(target.position.as_str()),
        "{} steps down the sidebar do not show {:?} ({}) as they do in the narrow control:\n{}",
        target.presses,
        target.title,
        target.path,
        session.with_terminal(numbered)
    );
    press(session, "\r", "focusing the article");
}

/// Where a full redraw showed something else than the frame before it.
pub(crate) struct Stale {
    pub(crate) step: usize,
    pub(crate) rows: Vec<(usize, String, String)>,
}

/// The result of walking one post.
pub(crate) struct Walk {
    pub(crate) kind: &'static str,
    pub(crate) path: &'static str,
    pub(crate) steps: usize,
    pub(crate) reached_end: bool,
    /// `j` stopped scrolling before the end.
    pub(crate) stuck: bool,
    pub(crate) stale: Vec<Stale>,
    pub(crate) tears: usize,
    pub(crate) tear_notes: Vec<String>,
    pub(crate) last_screen: String,
}

impl Walk {
    /// What went wrong, or `None`.
    pub(crate) fn failure(&self) -> Option<String> {
        if self.stale.is_empty() && self.tears == 0 && !self.stuck {
            return None;
        }
        let mut report = format!(
            "\n== {} in the {} terminal: {} steps{} ==\n",
            self.path,
            self.kind,
            self.steps,
            if self.reached_end {
                " to 100%"
            } else {
                " (not to the end)"
            }
        );
        if self.stuck {
            let _ = writeln!(report, "j stopped scrolling before the end of the article");
        }
        if self.tears > 0 {
            let _ = writeln!(
                report,
                "the terminal wrapped {} times where geul meant nothing to wrap:",
                self.tears
            );
            for note in &self.tear_notes {
                let _ = writeln!(report, "   {note}");
            }
        }
        if !self.stale.is_empty() {
            let steps: Vec<String> = self.stale.iter().map(|s| s.step.to_string()).collect();
            let _ = writeln!(
                report,
                "after {} of {} steps a full redraw (Ctrl-l) shows something else: steps {}",
                self.stale.len(),
                self.steps + 1,
                steps.join(" ")
            );
            for stale in self.stale.iter().take(3) {
                let _ = writeln!(report, "-- step {}:", stale.step);
                for (row, incremental, redrawn) in stale.rows.iter().take(6) {
                    let _ = writeln!(report, "   row {row:>2} incremental: |{incremental}|");
                    let _ = writeln!(report, "          redrawn:     |{redrawn}|");
                }
            }
        }
        let _ = write!(report, "last screen:\n{}", self.last_screen);
        Some(report)
    }
}

/// Rows that differ between two screens, as text.
pub(crate) fn differing_rows(a: &Grid, b: &Grid) -> Vec<(usize, String, String)> {
    a.iter()
        .zip(b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(row, (x, y))| (row, line_up(x), line_up(y)))
        .collect()
}

/// Starts geul, opens `target` and steps through it with `j` (at most `max_steps`),
/// comparing every frame with a full redraw.
pub(crate) fn walk(ambiguous_wide: bool, target: &Target, max_steps: usize) -> Walk {
    let mut session = start(ambiguous_wide);
    open_target(&mut session, target);
    let mut result = Walk {
        kind: session.with_terminal(terminal_kind),
        path: target.path,
        steps: 0,
        reached_end: false,
        stuck: false,
        stale: Vec::new(),
        tears: 0,
        tear_notes: Vec::new(),
        last_screen: String::new(),
    };
    let mut previous: Option<Grid> = None;
    for step in 0..=max_steps {
        let incremental = session.with_terminal(grid);
        let from = session.raw_len();
        press(&mut session, "\x0c", "Ctrl-l");
        assert!(
            session.wait_for_output(CLEAR, from, Duration::ZERO),
            "Ctrl-l did not clear the screen before its frame"
        );
        let redrawn = session.with_terminal(grid);
        let rows = differing_rows(&incremental, &redrawn);
        if !rows.is_empty() {
            result.stale.push(Stale { step, rows });
        }
        result.steps = step;
        if session.with_terminal(status_percent) == Some(100) {
            result.reached_end = true;
            break;
        }
        if previous.as_ref() == Some(&redrawn) {
            result.stuck = true;
            break;
        }
        if step == max_steps {
            break;
        }
        previous = Some(redrawn);
        press(&mut session, "j", "scrolling a line");
    }
    session.with_terminal(|t| {
        result.tears = t.tears();
        result.tear_notes = t.tear_notes();
        result.last_screen = numbered(t);
    });
    result
}

#[test]
pub(crate) fn in_a_terminal_that_draws_ambiguous_characters_wide_nothing_tears() {
    let reference = reference();
    let failures: Vec<String> = reference
        .targets
        .iter()
        .filter_map(|target| {
            let walk = walk(true, target, MAX_STEPS);
            eprintln!(
                "{}: {} steps, {} stale, {} tears",
                walk.path,
                walk.steps,
                walk.stale.len(),
                walk.tears
            );
            walk.failure()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} posts draw wrongly where ambiguous characters are wide:{}",
        failures.len(),
        reference.targets.len(),
        failures.concat()
    );
}
