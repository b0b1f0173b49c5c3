//! Popups keep straight borders.

use super::*;

/// A popup, the key that opens it and the ASCII start and end of its title.
pub(crate) struct Popup {
    pub(crate) key: &'static str,
    pub(crate) title_start: &'static str,
    pub(crate) title_end: &'static str,
}

pub(crate) fn open_popup(session: &mut CjkSession, popup: &Popup) {
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
pub(crate) fn popup_problems(terminal: &CjkTerminal, popup: &Popup) -> Vec<String> {
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
pub(crate) fn popups_keep_straight_borders_in_a_terminal_that_draws_ambiguous_characters_wide() {
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
