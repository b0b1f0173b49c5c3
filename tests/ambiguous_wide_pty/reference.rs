//! The control: the same screens in the model drawing ambiguous characters narrow.

use super::*;

/// A walked post, and how to get to it from the start.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub(crate) path: &'static str,
    pub(crate) title: String,
    /// `j` presses in the sidebar from the start until the post is shown.
    pub(crate) presses: usize,
    /// Its `k/N` on the status line.
    pub(crate) position: String,
}

/// What the narrow control shows.
#[derive(Debug)]
pub(crate) struct Reference {
    /// The column of the line between the sidebar and the article (the first that shows
    /// one symbol on every row but the status line).
    pub(crate) separator: usize,
    /// The last column of the status line's text.
    pub(crate) status_end: usize,
    /// On the start screen, the end of each sidebar row: the dates of the posts.
    pub(crate) sidebar_ends: Vec<String>,
    /// The walked posts, in sidebar order.
    pub(crate) targets: Vec<Target>,
}

/// The narrow control, run once for all tests: every check passes there, and it finds the
/// separator column and the way to each walked post.
impl Reference {
    /// The walked post with the table: the markdown cheatsheet.
    pub(crate) fn cheatsheet(&self) -> &Target {
        self.targets
            .iter()
            .find(|t| t.path == WALKED[0])
            .expect("the cheatsheet")
    }
}

pub(crate) fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(measure_reference)
}

pub(crate) fn measure_reference() -> Reference {
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
pub(crate) fn sidebar_end(terminal: &CjkTerminal, separator: usize, y: usize) -> String {
    terminal.row_cells(y)[separator.saturating_sub(8)..separator].concat()
}

/// The top four rows of the article pane (between `separator` and the scrollbar), joined.
pub(crate) fn article_top(terminal: &CjkTerminal, separator: usize) -> String {
    let (cols, _) = terminal.size();
    (0..4)
        .map(|y| terminal.row_cells(y)[separator + 1..cols - 1].concat())
        .collect()
}
