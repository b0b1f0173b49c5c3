//! Driving geul in the terminal model, and reading its screen.

use super::*;

/// geul (no arguments: it opens `posts/`) in a 100x30 [`CjkTerminal`], once the first
/// frame is drawn and start-up is over.
pub(crate) fn start(ambiguous_wide: bool) -> CjkSession {
    let mut session = CjkSession::spawn_cjk(&[], COLS, ROWS, ambiguous_wide);
    if !session.wait_for_frame(0, common::TIMEOUT) {
        panic!(
            "geul drew no frame within {:?} ({}):\n{}",
            common::TIMEOUT,
            session.process_state(),
            session.with_terminal(CjkTerminal::contents)
        );
    }
    // The first frame comes before the folder is read: wait for the posts.
    let loaded = common::poll(common::TIMEOUT, || {
        let text = session.with_terminal(CjkTerminal::contents);
        (text.contains("q quit") && !text.contains(" reading ")).then_some(())
    });
    assert!(loaded.is_some(), "the folder was never read");
    session.wait_quiet(Duration::from_millis(200));
    assert!(
        session.cursor_reports() > 0,
        "geul did not probe the terminal's widths, so it cannot know ambiguous characters are wide"
    );
    session
}

/// Types `keys` and waits for the frame they cause; panics with `what` if none comes.
pub(crate) fn press(session: &mut CjkSession, keys: &str, what: &str) {
    if !session.press(keys, REACTION) {
        panic!(
            "{what}: no frame within {REACTION:?} after {keys:?} ({}):\n{}",
            session.process_state(),
            session.with_terminal(CjkTerminal::contents)
        );
    }
}

/// [`press`], then waits until geul writes nothing for a moment: a post shown in passing
/// is drawn again once its pictures are measured, and that frame must not pass for the
/// next key's.
pub(crate) fn press_settled(session: &mut CjkSession, keys: &str, what: &str) {
    press(session, keys, what);
    session.wait_quiet(Duration::from_millis(80));
}

pub(crate) fn terminal_kind(terminal: &CjkTerminal) -> &'static str {
    if terminal.ambiguous_wide() {
        "ambiguous-wide"
    } else {
        "narrow"
    }
}

/// Every cell of the screen, row by row.
pub(crate) type Grid = Vec<Vec<String>>;

pub(crate) fn grid(terminal: &CjkTerminal) -> Grid {
    let (_, rows) = terminal.size();
    (0..rows)
        .map(|y| {
            terminal
                .row_cells(y)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The screen with row numbers, for failure messages (lined up: an ambiguous character
/// drawn wide is followed by a space).
pub(crate) fn numbered(terminal: &CjkTerminal) -> String {
    let (_, rows) = terminal.size();
    (0..rows).fold(String::new(), |mut out, y| {
        let _ = writeln!(out, "{y:>2}|{}|", terminal.row_lined_up(y));
        out
    })
}

/// The last row.
pub(crate) fn status_line(terminal: &CjkTerminal) -> String {
    let (_, rows) = terminal.size();
    terminal.row_text(rows - 1)
}

/// The `k/N` position at the start of the status line.
pub(crate) fn status_position(terminal: &CjkTerminal) -> Option<String> {
    status_line(terminal)
        .split_whitespace()
        .next()
        .filter(|w| w.contains('/'))
        .map(str::to_string)
}

/// The scroll percent on the status line.
pub(crate) fn status_percent(terminal: &CjkTerminal) -> Option<u32> {
    common::scroll_percent(&status_line(terminal))
}

/// Whether the symbol is drawn ink (not blank, not the second half of a wide character).
pub(crate) fn is_ink(symbol: &str) -> bool {
    !symbol.trim().is_empty()
}

/// The column where `text` (one cell per character) starts in row `y`, at or after `from`.
pub(crate) fn find_in_row(
    terminal: &CjkTerminal,
    y: usize,
    text: &str,
    from: usize,
) -> Option<usize> {
    let cells = terminal.row_cells(y);
    let wanted: Vec<String> = text.chars().map(String::from).collect();
    (from..cells.len().saturating_sub(wanted.len() - 1))
        .find(|&x| wanted.iter().enumerate().all(|(i, c)| cells[x + i] == c))
}
