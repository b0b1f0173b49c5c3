//! What a user sees in a terminal that draws East Asian *ambiguous*-width characters (`·`,
//! `“`, `…`, `•`, box drawing, `▌`, `█`) two columns wide, the option many Korean and other
//! CJK users turn on.
//!
//! No such terminal is at hand (tmux and vt100 draw them narrow), so geul runs in a
//! pseudo-terminal whose far end is [`CjkTerminal`], a small terminal model in
//! `tests/common/cjk_terminal.rs` that answers geul's start-up width probe the way such a
//! terminal does. Every check is first made on the same model drawing ambiguous
//! characters narrow (the control: it must pass there), and the model itself is checked
//! against vt100 on geul's own output at the end of this file.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::Duration;

use common::cjk_terminal::{CjkSession, CjkTerminal, FRAME_END, line_up};
use common::{PtySession, find_bytes, list_posts, posts_dir, squash};

const COLS: u16 = 100;
const ROWS: u16 = 30;
/// At most this many `j` steps per post.
const MAX_STEPS: usize = 80;
/// How long to wait for the frame a key causes.
const REACTION: Duration = Duration::from_secs(5);
/// `Ctrl-l` clears the whole screen before its frame.
const CLEAR: &[u8] = b"\x1b[2J";
/// The posts walked line by line: a table, code, quotes and lists; tip boxes.
const WALKED: [&str; 2] = [
    "dev/markdown-cheatsheet-for-bloggers.md",
    "ai/prompt-writing-tips.md",
];
/// The popups checked, by the start and the end of their title.
const HELP: Popup = Popup {
    key: "?",
    title_start: "geul",
    title_end: "keys",
};
const TAGS: Popup = Popup {
    key: "#",
    title_start: "# tags",
    title_end: "tags",
};

// ---------------------------------------------------------------------------------------
// Driving geul

/// geul (no arguments: it opens `posts/`) in a 100x30 [`CjkTerminal`], once the first
/// frame is drawn and start-up is over.
fn start(ambiguous_wide: bool) -> CjkSession {
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
fn press(session: &mut CjkSession, keys: &str, what: &str) {
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
fn press_settled(session: &mut CjkSession, keys: &str, what: &str) {
    press(session, keys, what);
    session.wait_quiet(Duration::from_millis(80));
}

fn terminal_kind(terminal: &CjkTerminal) -> &'static str {
    if terminal.ambiguous_wide() {
        "ambiguous-wide"
    } else {
        "narrow"
    }
}

/// Every cell of the screen, row by row.
type Grid = Vec<Vec<String>>;

fn grid(terminal: &CjkTerminal) -> Grid {
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
fn numbered(terminal: &CjkTerminal) -> String {
    let (_, rows) = terminal.size();
    (0..rows).fold(String::new(), |mut out, y| {
        let _ = writeln!(out, "{y:>2}|{}|", terminal.row_lined_up(y));
        out
    })
}

/// The last row.
fn status_line(terminal: &CjkTerminal) -> String {
    let (_, rows) = terminal.size();
    terminal.row_text(rows - 1)
}

/// The `k/N` position at the start of the status line.
fn status_position(terminal: &CjkTerminal) -> Option<String> {
    status_line(terminal)
        .split_whitespace()
        .next()
        .filter(|w| w.contains('/'))
        .map(str::to_string)
}

/// The scroll percent on the status line.
fn status_percent(terminal: &CjkTerminal) -> Option<u32> {
    let status = status_line(terminal);
    let end = status.find('%')?;
    let digits: String = status[..end]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// Whether the symbol is drawn ink (not blank, not the second half of a wide character).
fn is_ink(symbol: &str) -> bool {
    !symbol.trim().is_empty()
}

/// The column where `text` (one cell per character) starts in row `y`, at or after `from`.
fn find_in_row(terminal: &CjkTerminal, y: usize, text: &str, from: usize) -> Option<usize> {
    let cells = terminal.row_cells(y);
    let wanted: Vec<String> = text.chars().map(String::from).collect();
    (from..cells.len().saturating_sub(wanted.len() - 1))
        .find(|&x| wanted.iter().enumerate().all(|(i, c)| cells[x + i] == c))
}

// ---------------------------------------------------------------------------------------
// The control: the same screens in the model drawing ambiguous characters narrow

/// A walked post, and how to get to it from the start.
#[derive(Debug, Clone)]
struct Target {
    path: &'static str,
    title: String,
    /// `j` presses in the sidebar from the start until the post is shown.
    presses: usize,
    /// Its `k/N` on the status line.
    position: String,
}

/// What the narrow control shows.
#[derive(Debug)]
struct Reference {
    /// The column of the line between the sidebar and the article (the first that shows
    /// one symbol on every row but the status line).
    separator: usize,
    /// The last column of the status line's text.
    status_end: usize,
    /// On the start screen, the end of each sidebar row: the dates of the posts.
    sidebar_ends: Vec<String>,
    /// The walked posts, in sidebar order.
    targets: Vec<Target>,
}

/// The narrow control, run once for all tests: every check passes there, and it finds the
/// separator column and the way to each walked post.
impl Reference {
    /// The walked post with the table: the markdown cheatsheet.
    fn cheatsheet(&self) -> &Target {
        self.targets
            .iter()
            .find(|t| t.path == WALKED[0])
            .expect("the cheatsheet")
    }
}

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(measure_reference)
}

fn measure_reference() -> Reference {
    let posts = list_posts(&posts_dir());
    let mut session = start(false);
    let (separator, status_end, sidebar_ends) = session.with_terminal(|t| {
        let (cols, rows) = t.size();
        // The first column that shows one symbol on every body row.
        let separator = (0..cols - 1)
            .find(|&x| is_ink(t.cell(x, 0)) && (0..rows - 1).all(|y| t.cell(x, y) == t.cell(x, 0)))
            .unwrap_or_else(|| {
                panic!(
                    "no separator column in the narrow control:\n{}",
                    numbered(t)
                )
            });
        let status = t.row_cells(rows - 1);
        let status_end = (0..cols)
            .rfind(|&x| is_ink(status[x]))
            .expect("a status line");
        let sidebar_ends = (0..rows - 1)
            .map(|y| sidebar_end(t, separator, y))
            .collect();
        (separator, status_end, sidebar_ends)
    });
    let reference = Reference {
        separator,
        status_end,
        sidebar_ends,
        targets: Vec::new(),
    };
    session.with_terminal(|t| {
        let problems = pane_problems(t, &reference, true);
        assert!(
            problems.is_empty(),
            "the pane check fails in the narrow control, so it is wrong:\n{}\n{}",
            problems.join("\n"),
            numbered(t)
        );
    });
    for popup in [HELP, TAGS] {
        open_popup(&mut session, &popup);
        let problems = session.with_terminal(|t| popup_problems(t, &popup));
        assert!(
            problems.is_empty(),
            "the popup check fails in the narrow control, so it is wrong:\n{}\n{}",
            problems.join("\n"),
            session.with_terminal(numbered)
        );
        press(&mut session, "\x1b", "closing the popup");
    }

    // Down the sidebar until every walked post has been shown.
    let mut targets = Vec::new();
    for presses in 0..=40 {
        if presses > 0 {
            press_settled(&mut session, "j", "moving down the sidebar");
        }
        let shown = session.with_terminal(|t| squash(&article_top(t, separator)));
        for path in WALKED {
            let post = posts
                .iter()
                .find(|p| p.path.ends_with(path))
                .unwrap_or_else(|| panic!("{path} is not among the sample posts"));
            if !targets.iter().any(|t: &Target| t.path == path)
                && shown.starts_with(&squash(&post.title))
            {
                let position = session
                    .with_terminal(status_position)
                    .expect("a position on the status line");
                targets.push(Target {
                    path,
                    title: post.title.clone(),
                    presses,
                    position,
                });
            }
        }
        if targets.len() == WALKED.len() {
            break;
        }
    }
    assert_eq!(
        targets.len(),
        WALKED.len(),
        "found only {targets:?} in the sidebar of the narrow control"
    );

    // A short walk: the redraw comparison finds nothing and nothing tears.
    let first = targets[0].clone();
    let walk = walk(false, &first, 12);
    assert!(
        walk.failure().is_none(),
        "the walk fails in the narrow control, so it is wrong:{}",
        walk.failure().unwrap_or_default()
    );
    Reference {
        targets,
        ..reference
    }
}

/// The last eight cells of the sidebar on row `y`: where a post's date is.
fn sidebar_end(terminal: &CjkTerminal, separator: usize, y: usize) -> String {
    terminal.row_cells(y)[separator.saturating_sub(8)..separator].concat()
}

/// The top four rows of the article pane (between `separator` and the scrollbar), joined.
fn article_top(terminal: &CjkTerminal, separator: usize) -> String {
    let (cols, _) = terminal.size();
    (0..4)
        .map(|y| terminal.row_cells(y)[separator + 1..cols - 1].concat())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Walking a post: every frame must equal a full redraw of it, and nothing may tear

/// Opens `target` from the start: down the sidebar, then Enter focuses the article.
fn open_target(session: &mut CjkSession, target: &Target) {
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
struct Stale {
    step: usize,
    rows: Vec<(usize, String, String)>,
}

/// The result of walking one post.
struct Walk {
    kind: &'static str,
    path: &'static str,
    steps: usize,
    reached_end: bool,
    /// `j` stopped scrolling before the end.
    stuck: bool,
    stale: Vec<Stale>,
    tears: usize,
    tear_notes: Vec<String>,
    last_screen: String,
}

impl Walk {
    /// What went wrong, or `None`.
    fn failure(&self) -> Option<String> {
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
fn differing_rows(a: &Grid, b: &Grid) -> Vec<(usize, String, String)> {
    a.iter()
        .zip(b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(row, (x, y))| (row, line_up(x), line_up(y)))
        .collect()
}

/// Starts geul, opens `target` and steps through it with `j` (at most `max_steps`),
/// comparing every frame with a full redraw.
fn walk(ambiguous_wide: bool, target: &Target, max_steps: usize) -> Walk {
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
fn in_a_terminal_that_draws_ambiguous_characters_wide_nothing_tears() {
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

// ---------------------------------------------------------------------------------------
// The panes keep their columns

/// A failure section: a title, the first dozen problems, and the numbered screen.
fn problem_report(title: &str, problems: &[String], terminal: &CjkTerminal) -> String {
    let first: Vec<&str> = problems.iter().take(12).map(String::as_str).collect();
    format!(
        "\n== {title} ==\n{}\n{}",
        first.join("\n"),
        numbered(terminal)
    )
}

/// Where the sidebar, the article's scrollbar or the status line left their places. On
/// the `start_screen` the sidebar's dates must also be what a narrow terminal shows.
fn pane_problems(terminal: &CjkTerminal, reference: &Reference, start_screen: bool) -> Vec<String> {
    let (cols, rows) = terminal.size();
    let body = 0..rows - 1;
    let mut problems = Vec::new();

    // The separator: one symbol, in one column, on every body row.
    let column: Vec<&str> = body
        .clone()
        .map(|y| terminal.cell(reference.separator, y))
        .collect();
    let separator = most_common(&column);
    if !is_ink(separator) {
        problems.push(format!(
            "column {} (the separator in a narrow terminal) is mostly {separator:?}",
            reference.separator
        ));
    }
    for y in body.clone() {
        let symbol = terminal.cell(reference.separator, y);
        if symbol != separator {
            problems.push(format!(
                "row {y}: column {} holds {symbol:?}, not the separator {separator:?}: |{}|",
                reference.separator,
                terminal.row_lined_up(y)
            ));
        }
    }

    // The dates at the end of the sidebar's rows: whole, in their column.
    if start_screen {
        for (y, narrow) in body.clone().zip(&reference.sidebar_ends) {
            let end = sidebar_end(terminal, reference.separator, y);
            if end != *narrow {
                problems.push(format!(
                    "row {y}: the sidebar ends in {end:?}, in a narrow terminal in {narrow:?}: |{}|",
                    terminal.row_lined_up(y)
                ));
            }
        }
    }

    // The scrollbar: in the last column on every body row, drawn with a track and a thumb.
    let last: Vec<&str> = body.clone().map(|y| terminal.cell(cols - 1, y)).collect();
    let missing: Vec<usize> = body.clone().filter(|&y| !is_ink(last[y])).collect();
    if !missing.is_empty() {
        problems.push(format!(
            "no scrollbar in the last column on rows {missing:?} (it holds {:?})",
            missing.iter().map(|&y| last[y]).collect::<BTreeSet<_>>()
        ));
    }
    let mut kinds: Vec<&str> = last.clone();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.len() > 2 {
        problems.push(format!(
            "the last column holds {kinds:?}, more than a scrollbar's track and thumb"
        ));
    }

    // The status line: on the last row, ending where it ends in a narrow terminal.
    let status = status_line(terminal);
    let status_cells = terminal.row_cells(rows - 1);
    let status_end = (0..cols).rfind(|&x| is_ink(status_cells[x]));
    if status_position(terminal).is_none() || !squash(&status).ends_with("qquit") {
        problems.push(format!("the last row is not the status line: |{status}|"));
    } else if status_end != Some(reference.status_end) {
        problems.push(format!(
            "the status line ends in column {status_end:?}, not {}: |{status}|",
            reference.status_end
        ));
    }
    for y in body {
        if squash(&terminal.row_text(y)).contains("qquit") {
            problems.push(format!(
                "row {y} holds status line text: |{}|",
                terminal.row_lined_up(y)
            ));
        }
    }
    problems
}

fn most_common<'a>(symbols: &[&'a str]) -> &'a str {
    symbols
        .iter()
        .copied()
        .max_by_key(|s| symbols.iter().filter(|t| *t == s).count())
        .unwrap_or("")
}

#[test]
fn in_a_terminal_that_draws_ambiguous_characters_wide_the_panes_keep_their_columns() {
    const START: &str = "the start screen";
    let reference = reference();
    let mut session = start(true);
    let mut failures = String::new();
    let mut check = |session: &CjkSession, screen: &str| {
        session.with_terminal(|t| {
            let problems = pane_problems(t, reference, screen == START);
            if !problems.is_empty() {
                failures.push_str(&problem_report(screen, &problems, t));
            }
        });
    };
    check(&session, START);

    // The cheatsheet's table and code blocks, a page at a time.
    let cheatsheet = reference.cheatsheet();
    open_target(&mut session, cheatsheet);
    check(&session, &format!("{} opened", cheatsheet.path));
    for page in 1..=4 {
        press(&mut session, " ", "paging down");
        check(&session, &format!("{}, page {}", cheatsheet.path, page + 1));
    }
    assert!(
        failures.is_empty(),
        "the panes move where ambiguous characters are wide:{failures}"
    );
}

// ---------------------------------------------------------------------------------------
// A table stays a table

/// The cheatsheet's table as its source has it: each row's cell texts, without whitespace
/// and backticks.
fn source_table() -> Vec<Vec<String>> {
    let path = posts_dir().join(WALKED[0]);
    let text = std::fs::read_to_string(&path).expect("read the cheatsheet");
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| l.starts_with('|') && !l.contains("---"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| squash(c).replace('`', ""))
                .collect()
        })
        .collect();
    assert!(rows.len() > 2, "no table in {}", path.display());
    rows
}

/// The table on screen: the rows it takes and where it is broken. `None` while the table
/// is not wholly on screen (its header must be there, with a blank article row above and
/// below it).
struct TableOnScreen {
    rows: std::ops::Range<usize>,
    problems: Vec<String>,
}

fn table_on_screen(
    terminal: &CjkTerminal,
    separator: usize,
    source: &[Vec<String>],
) -> Option<TableOnScreen> {
    let (cols, rows) = terminal.size();
    let article = |y: usize| terminal.row_cells(y)[separator + 1..cols - 1].to_vec();
    let has_ink = |y: usize| article(y).iter().any(|s| is_ink(s));
    let contains_in_order = |y: usize, cells: &[String]| {
        let text = squash(&article(y).concat());
        let mut rest = text.as_str();
        cells.iter().all(|cell| match rest.find(cell.as_str()) {
            Some(at) => {
                rest = &rest[at + cell.len()..];
                true
            }
            None => false,
        })
    };
    let body = rows - 1;
    let header = (0..body).find(|&y| contains_in_order(y, &source[0]))?;
    let top = (0..=header).rev().take_while(|&y| has_ink(y)).last()?;
    let bottom = (header..body).take_while(|&y| has_ink(y)).last()?;
    if top == 0 || bottom + 1 >= body {
        return None;
    }
    let block = top..bottom + 1;
    let mut problems = Vec::new();
    for cells in source {
        if !block.clone().any(|y| contains_in_order(y, cells)) {
            problems.push(format!("the table row {cells:?} is not on one screen row"));
        }
    }
    // A rectangle: every row starts and ends in the same column.
    let ink = |y: usize| {
        let cells = article(y);
        let first = cells.iter().position(|s| is_ink(s));
        let last = cells.iter().rposition(|s| is_ink(s) || s.is_empty());
        (first, last)
    };
    let edges = ink(header);
    for y in block.clone() {
        if ink(y) != edges {
            problems.push(format!(
                "row {y} spans article columns {:?}, the header row {header} {edges:?}: |{}|",
                ink(y),
                terminal.row_lined_up(y)
            ));
        }
    }
    Some(TableOnScreen {
        rows: block,
        problems,
    })
}

/// Opens the cheatsheet and steps down until its table is wholly on screen.
fn find_table(
    ambiguous_wide: bool,
    reference: &Reference,
    source: &[Vec<String>],
) -> TableOnScreen {
    let mut session = start(ambiguous_wide);
    let cheatsheet = reference.cheatsheet();
    open_target(&mut session, cheatsheet);
    for _ in 0..=MAX_STEPS {
        let table = session.with_terminal(|t| table_on_screen(t, reference.separator, source));
        if let Some(mut table) = table {
            if !table.problems.is_empty() {
                table.problems.push(session.with_terminal(numbered));
            }
            return table;
        }
        press(&mut session, "j", "scrolling a line");
    }
    panic!(
        "the table never showed whole in the {} terminal:\n{}",
        session.with_terminal(terminal_kind),
        session.with_terminal(numbered)
    );
}

#[test]
fn in_a_terminal_that_draws_ambiguous_characters_wide_a_table_stays_a_rectangle() {
    let reference = reference();
    let source = source_table();
    let narrow = find_table(false, reference, &source);
    assert!(
        narrow.problems.is_empty(),
        "the table check fails in the narrow control, so it is wrong:\n{}",
        narrow.problems.join("\n")
    );
    let wide = find_table(true, reference, &source);
    let mut problems = wide.problems;
    if wide.rows.len() != narrow.rows.len() {
        problems.insert(
            0,
            format!(
                "the table takes {} screen rows, {} in a narrow terminal",
                wide.rows.len(),
                narrow.rows.len()
            ),
        );
    }
    assert!(
        problems.is_empty(),
        "the table breaks where ambiguous characters are wide:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// Popups keep straight borders

/// A popup, the key that opens it and the ASCII start and end of its title.
struct Popup {
    key: &'static str,
    title_start: &'static str,
    title_end: &'static str,
}

fn open_popup(session: &mut CjkSession, popup: &Popup) {
    press(session, popup.key, "opening a popup");
    let shown = session.with_terminal(|t| {
        let (_, rows) = t.size();
        (0..rows).any(|y| find_in_row(t, y, popup.title_start, 0).is_some())
    });
    assert!(
        shown,
        "{:?} did not open a popup titled {:?}:\n{}",
        popup.key,
        popup.title_start,
        session.with_terminal(numbered)
    );
}

/// Where the popup's border is not straight. The popup is found by its title on the top
/// border: the top-left corner is the first ink left of the title, the top-right corner
/// the first symbol after the run of border symbols right of it. Below, the left and right
/// borders must be one symbol each, in those two columns, down to the bottom border.
fn popup_problems(terminal: &CjkTerminal, popup: &Popup) -> Vec<String> {
    let (cols, rows) = terminal.size();
    let found =
        (0..rows).find_map(|y| find_in_row(terminal, y, popup.title_start, 0).map(|x| (x, y)));
    let Some((title_x, top)) = found else {
        return vec![format!("no popup titled {:?}", popup.title_start)];
    };
    let row_text = |y: usize| terminal.row_lined_up(y);
    let cells = terminal.row_cells(top);
    let Some(left) = (0..title_x).rev().find(|&x| is_ink(cells[x])) else {
        return vec![format!(
            "row {top}: no corner left of the title: |{}|",
            row_text(top)
        )];
    };
    let title_end = find_in_row(terminal, top, popup.title_end, title_x)
        .map(|x| x + popup.title_end.len())
        .unwrap_or(title_x + popup.title_start.len());
    let Some(run_start) = (title_end..cols).find(|&x| is_ink(cells[x])) else {
        return vec![format!(
            "row {top}: no top border right of the title: |{}|",
            row_text(top)
        )];
    };
    // The run of one symbol (and the second halves of it, where it is wide).
    let horizontal = cells[run_start];
    let in_run = |symbol: &str| symbol == horizontal || symbol.is_empty();
    let Some(right) = (run_start..cols).find(|&x| !in_run(cells[x])) else {
        return vec![format!(
            "row {top}: the top border runs to the edge of the screen, no top-right corner: |{}|",
            row_text(top)
        )];
    };
    if !is_ink(cells[right]) {
        return vec![format!(
            "row {top}: column {right} after the top border holds {:?}, not a corner: |{}|",
            cells[right],
            row_text(top)
        )];
    }

    let Some(first) = (top + 1 < rows).then_some(top + 1) else {
        return vec![format!("the popup's top border is on the last row {top}")];
    };
    let (left_border, right_border) = (terminal.cell(left, first), terminal.cell(right, first));
    let corners = [("left", left, left_border), ("right", right, right_border)];
    let bad_corners: Vec<String> = corners
        .iter()
        .filter(|(_, _, symbol)| !is_ink(symbol))
        .map(|(side, x, symbol)| {
            format!(
                "row {first}: under the top-{side} corner (row {top}, column {x}) is {symbol:?}, \
                 not the {side} border:\n   row {top}: |{}|\n   row {first}: |{}|",
                row_text(top),
                row_text(first)
            )
        })
        .collect();
    if !bad_corners.is_empty() {
        return bad_corners;
    }
    let mut problems = Vec::new();
    // Down the sides until the bottom border.
    let mut bottom = None;
    for y in first..rows {
        let row = terminal.row_cells(y);
        let is_bottom = row[left + 1..right].iter().all(|s| in_run(s))
            && is_ink(row[left])
            && is_ink(row[right]);
        if is_bottom {
            bottom = Some(y);
            break;
        }
        for (side, x, expected) in [("left", left, left_border), ("right", right, right_border)] {
            if row[x] != expected {
                problems.push(format!(
                    "row {y}: the {side} border column {x} holds {:?}, not {expected:?}: |{}|",
                    row[x],
                    row_text(y)
                ));
            }
        }
    }
    match bottom {
        None => problems.push(format!(
            "no bottom border of {:?} between columns {left} and {right} below row {top}",
            horizontal
        )),
        Some(y) if y < top + 2 => {
            problems.push(format!("the popup has no rows between {top} and {y}"))
        }
        Some(_) => {}
    }
    problems
}

#[test]
fn popups_keep_straight_borders_in_a_terminal_that_draws_ambiguous_characters_wide() {
    reference();
    let mut session = start(true);
    let mut failures = String::new();
    for popup in [HELP, TAGS] {
        open_popup(&mut session, &popup);
        session.with_terminal(|t| {
            let problems = popup_problems(t, &popup);
            if !problems.is_empty() {
                let title = format!("the popup {:?} opens", popup.key);
                failures.push_str(&problem_report(&title, &problems, t));
            }
        });
        press(&mut session, "\x1b", "closing the popup");
    }
    assert!(
        failures.is_empty(),
        "popup borders break where ambiguous characters are wide:{failures}"
    );
}

// ---------------------------------------------------------------------------------------
// The terminal model itself

/// A `cols` x `rows` model fed `bytes`.
fn model(cols: u16, rows: u16, ambiguous_wide: bool, bytes: &[u8]) -> CjkTerminal {
    let mut terminal = CjkTerminal::new(cols, rows, ambiguous_wide);
    terminal.feed(bytes);
    terminal
}

#[test]
fn a_wide_ambiguous_character_takes_two_columns() {
    let wide = model(10, 2, true, "a·b“c”".as_bytes());
    assert_eq!(
        wide.row_cells(0)[..8],
        ["a", "·", "", "b", "“", "", "c", "”"]
    );
    assert_eq!(wide.row_text(0).trim_end(), "a·b“c”");
    assert_eq!(wide.cursor(), (9, 0));

    let narrow = model(10, 2, false, "a·b“c”".as_bytes());
    assert_eq!(narrow.row_cells(0)[..6], ["a", "·", "b", "“", "c", "”"]);
    assert_eq!(narrow.cursor(), (6, 0));

    // Hangul is wide, ASCII narrow, in both; a combining mark joins its letter.
    for ambiguous_wide in [false, true] {
        let t = model(10, 2, ambiguous_wide, "한e\u{301}x".as_bytes());
        assert_eq!(t.row_cells(0)[..4], ["한", "", "e\u{301}", "x"]);
        assert_eq!(t.cursor(), (4, 0));
    }
}

#[test]
fn a_cursor_request_is_answered_with_the_position_after_what_was_printed() {
    let mut wide = model(20, 5, true, "\x1b[3;1H·\x1b[6n".as_bytes());
    assert_eq!(wide.take_answers(), b"\x1b[3;3R");
    assert!(wide.take_answers().is_empty(), "an answer is taken once");
    let mut narrow = model(20, 5, false, "\x1b[3;1H·\x1b[6n한\x1b[6n".as_bytes());
    assert_eq!(narrow.take_answers(), b"\x1b[3;2R\x1b[3;4R");

    // geul's probe, as a whole, learns that ambiguous characters are wide.
    let probe = "\x1b[1;1H\u{00B7}\x1b[6n\x1b[1;1H\x1b[2K";
    assert_eq!(
        model(80, 2, true, probe.as_bytes()).take_answers(),
        b"\x1b[1;3R"
    );
}

#[test]
fn printing_past_the_right_edge_counts_as_a_tear() {
    // Filling the last column is not a tear; only printing after it is.
    let mut t = model(4, 3, false, b"abcd");
    assert_eq!((t.tears(), t.cursor()), (0, (3, 0)));
    t.feed(b"e");
    assert_eq!(t.tears(), 1);
    assert_eq!(
        (t.row_text(0), t.row_text(1)),
        ("abcd".into(), "e   ".into())
    );

    // A cursor move after the last column cancels the wrap, as ratatui's frames do.
    let t = model(4, 3, false, b"abcd\x1b[2;1Hx\rabcd\r\n");
    assert_eq!(t.tears(), 0);

    // A wide character that does not fit in the last column moves to the next row.
    let t = model(4, 3, true, "abc·".as_bytes());
    assert_eq!(t.tears(), 1);
    assert_eq!(t.row_cells(1)[..2], ["·", ""]);
    assert_eq!(t.cell(3, 0), " ");
    let t = model(4, 3, false, "abc·".as_bytes());
    assert_eq!(t.tears(), 0);
    assert_eq!(t.tear_notes().len(), 0);
}

#[test]
fn overwriting_half_a_wide_character_blanks_the_other_half() {
    // The second half: the first goes.
    let t = model(6, 1, false, "한글\x1b[1;2Hx".as_bytes());
    assert_eq!(t.row_cells(0), [" ", "x", "글", "", " ", " "]);
    // The first half: the second goes.
    let t = model(6, 1, true, "한·\x1b[1;3Hy".as_bytes());
    assert_eq!(t.row_cells(0), ["한", "", "y", " ", " ", " "]);
    // A wide character over the halves of two others.
    let t = model(6, 1, false, "한글\x1b[1;2H쓰".as_bytes());
    assert_eq!(t.row_cells(0), [" ", "쓰", "", " ", " ", " "]);
    // Erasing from the middle of one.
    let t = model(6, 1, false, "한글\x1b[1;4H\x1b[K".as_bytes());
    assert_eq!(t.row_cells(0), ["한", "", " ", " ", " ", " "]);
}

#[test]
fn an_escape_sequence_split_across_reads_is_understood() {
    let bytes =
        "\x1b]0;title\x07\x1b[?1049h\x1b[2;3H한·\x1b[38;5;12m!\x1b[0m\x1b7\x1b[H\x1b8\x1b[6n"
            .as_bytes();
    let whole = model(10, 3, true, bytes);
    assert_eq!(whole.row_cells(1)[..7], [" ", " ", "한", "", "·", "", "!"]);
    for size in 1..=5 {
        let mut split = CjkTerminal::new(10, 3, true);
        for chunk in bytes.chunks(size) {
            split.feed(chunk);
        }
        assert_eq!(split.contents(), whole.contents(), "in chunks of {size}");
        assert_eq!(split.cursor(), whole.cursor(), "in chunks of {size}");
        assert_eq!(split.take_answers(), b"\x1b[2;8R", "in chunks of {size}");
    }

    // A grapheme cluster split across reads ends up as it would whole.
    for text in [
        "\u{270D}\u{FE0F}x",
        "\u{1F469}\u{200D}\u{1F4BB}x",
        "\u{1F1F0}\u{1F1F7}x",
    ] {
        let whole = model(10, 1, false, text.as_bytes());
        let mut split = CjkTerminal::new(10, 1, false);
        let mut chars = text.chars();
        let first = chars.next().unwrap().to_string();
        split.feed(first.as_bytes());
        split.feed(chars.as_str().as_bytes());
        assert_eq!(split.row_cells(0), whole.row_cells(0), "{text:?}");
        assert_eq!(split.cursor(), whole.cursor(), "{text:?}");
    }
}

#[test]
fn erasing_tabs_and_backspaces_move_and_clear_like_xterm() {
    let t = model(
        20,
        3,
        false,
        b"ab\tc\x08d\r\ne\x1b[1;2H\x1b[1K\x1b[3;5Hz\x1b[2A\x1b[4Cy",
    );
    assert_eq!(t.row_text(0).trim_end(), "        dy");
    assert_eq!(t.row_text(1).trim_end(), "e");
    assert_eq!(t.cell(4, 2), "z");
    assert_eq!(t.cell(8, 0), "d", "BS then d overwrote c");
    let t = model(20, 3, false, b"x\x1b[2;2Hyy\x1b[3;1Hzz\x1b[2;2H\x1b[J");
    assert_eq!(t.contents(), "x\n\n");
    let t = model(20, 3, false, b"x\x1b[2;2Hyy\x1b[3;1Hzz\x1b[2;2H\x1b[1J");
    assert_eq!(t.contents(), "\n  y\nzz");
    let t = model(20, 3, false, b"x\x1b[2;2Hyy\x1b[?1049l");
    assert_eq!(t.contents(), "\n\n");
}

/// The cells of a vt100 screen in the model's terms: `""` for the second half of a wide
/// character, `" "` for a blank.
fn vt100_rows(screen: &vt100::Screen) -> Vec<Vec<String>> {
    let (rows, cols) = screen.size();
    (0..rows.get())
        .map(|y| {
            (0..cols.get())
                .map(|x| match screen.cell(y, x) {
                    Some(cell) if cell.is_wide_continuation() => String::new(),
                    Some(cell) if cell.has_contents() => cell.contents().to_string(),
                    _ => " ".to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn drawing_ambiguous_characters_narrow_the_model_shows_what_vt100_shows() {
    // geul in a vt100 terminal (which draws ambiguous characters narrow and answers the
    // probe): the start screen, both popups, the cheatsheet's lists, table and code.
    let cheatsheet = reference()
        .targets
        .iter()
        .find(|t| t.path == WALKED[0])
        .expect("the cheatsheet");
    let mut session = PtySession::spawn(&[], COLS, ROWS);
    // The first frame comes before the folder is read: wait for the posts.
    session.wait_for("the first frame with the posts", |text| {
        text.contains("q quit") && !text.contains(" reading ")
    });
    session.settle();
    let mut keys = vec!["?", "\x1b", "#", "\x1b"];
    keys.extend(std::iter::repeat_n("j", cheatsheet.presses));
    keys.extend(["\r", " ", " ", "j", "\x0c", " ", " ", "k", " "]);
    for key in keys {
        let before = session.raw_len();
        session.send(key);
        assert!(
            session.wait_for_output(FRAME_END, before, REACTION),
            "no frame after {key:?}:\n{}",
            session.contents()
        );
    }
    session.settle();
    let raw = session.raw();

    // Replay it frame by frame into vt100 and the narrow model, in uneven reads.
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(ROWS).unwrap(),
        std::num::NonZeroU16::new(COLS).unwrap(),
        0,
    );
    let mut terminal = CjkTerminal::new(COLS, ROWS, false);
    let mut at = 0;
    let mut frames = 0;
    let mut saw_hangul = false;
    let mut saw_table = false;
    while let Some(end) = find_bytes(&raw, FRAME_END, at).map(|i| i + FRAME_END.len()) {
        parser.process(&raw[at..end]);
        let mut chunk = 1;
        let mut from = at;
        while from < end {
            let to = (from + chunk).min(end);
            terminal.feed(&raw[from..to]);
            from = to;
            chunk = chunk % 13 + 1;
        }
        at = end;
        frames += 1;
        let expected = vt100_rows(parser.screen());
        let shown = grid(&terminal);
        let rows = differing_rows(&expected, &shown);
        assert!(
            rows.is_empty(),
            "frame {frames}: the model differs from vt100:\n{}",
            rows.iter()
                .take(6)
                .map(|(y, a, b)| format!("row {y:>2} vt100: |{a}|\n       model: |{b}|"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        saw_hangul |= terminal.contents().contains("프롬프트");
        saw_table |= terminal.contents().contains("난이도");
    }
    assert!(frames > 15, "only {frames} frames recorded");
    assert!(saw_hangul, "no Korean on the screens compared");
    assert!(saw_table, "no table on the screens compared");
    assert_eq!(
        terminal.tears(),
        0,
        "geul never wraps in a terminal whose widths it measured: {:?}",
        terminal.tear_notes()
    );
}
