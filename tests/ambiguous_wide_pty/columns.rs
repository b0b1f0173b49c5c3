//! The panes keep their columns.

use super::*;

/// A failure section: a title, the first dozen problems, and the numbered screen.
pub(crate) fn problem_report(title: &str, problems: &[String], terminal: &CjkTerminal) -> String {
    let first: Vec<&str> = problems.iter().take(12).map(String::as_str).collect();
    format!(
        "\n== {title} ==\n{}\n{}",
        first.join("\n"),
        numbered(terminal)
    )
}

/// Where the sidebar, the article's scrollbar or the status line left their places. On
/// the `start_screen` the sidebar's dates must also be what a narrow terminal shows.
pub(crate) fn pane_problems(
    terminal: &CjkTerminal,
    reference: &Reference,
    start_screen: bool,
) -> Vec<String> {
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

pub(crate) fn most_common<'a>(symbols: &[&'a str]) -> &'a str {
    symbols
        .iter()
        .copied()
        .max_by_key(|s| symbols.iter().filter(|t| *t == s).count())
        .unwrap_or("")
}

#[test]
pub(crate) fn in_a_terminal_that_draws_ambiguous_characters_wide_the_panes_keep_their_columns() {
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
