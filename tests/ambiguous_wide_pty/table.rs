//! A table stays a table.

use super::*;

/// The cheatsheet's table as its source has it: each row's cell texts, without whitespace
/// and backticks.
pub(crate) fn source_table() -> Vec<Vec<String>> {
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
pub(crate) struct TableOnScreen {
    pub(crate) rows: std::ops::Range<usize>,
    pub(crate) problems: Vec<String>,
}

pub(crate) fn table_on_screen(
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
pub(crate) fn find_table(
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
pub(crate) fn in_a_terminal_that_draws_ambiguous_characters_wide_a_table_stays_a_rectangle() {
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
