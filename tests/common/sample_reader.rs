//! The reader on the sample posts in a 100x30 pseudo-terminal, and what its vt100 screen
//! shows: the sidebar, the article pane, the selection bar and the status line.

use super::{ListedPost, PtySession, list_posts, posts_dir, squash};

/// Columns of the terminal the sample reader runs in.
pub const COLS: u16 = 100;
/// Rows of the terminal the sample reader runs in.
pub const ROWS: u16 = 30;

/// The reader on the sample posts in a 100x30 terminal.
pub fn open_reader() -> PtySession {
    let dir = posts_dir();
    PtySession::spawn(
        &[dir.to_str().expect("UTF-8 path"), "--width-probe", "off"],
        COLS,
        ROWS,
    )
}

/// The sample posts, newest first.
pub fn sample_posts() -> Vec<ListedPost> {
    let posts = list_posts(&posts_dir());
    assert!(posts.len() > 3, "expected the sample posts, got {posts:?}");
    posts
}

/// The column of the line between the sidebar and the article: the first column that
/// shows `│` on every row but the status line.
pub fn separator_column(screen: &vt100::Screen) -> Option<u16> {
    let (rows, cols) = screen.size();
    let body_rows = rows.get().saturating_sub(1);
    (0..cols.get()).find(|&col| {
        body_rows > 0
            && (0..body_rows).all(|row| screen.cell(row, col).is_some_and(|c| c.contents() == "│"))
    })
}

/// The text of the article pane, one string per row (between the separator and the
/// scrollbar column), without the status line.
pub fn article_rows(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    let Some(separator) = separator_column(screen) else {
        return Vec::new();
    };
    let start = separator + 1;
    let width = cols.get().saturating_sub(start + 1);
    screen
        .rows(start, width)
        .take(usize::from(rows.get() - 1))
        .collect()
}

/// The text of the sidebar, one string per row.
pub fn sidebar_rows(screen: &vt100::Screen) -> Vec<String> {
    let (rows, _) = screen.size();
    let Some(separator) = separator_column(screen) else {
        return Vec::new();
    };
    screen
        .rows(0, separator)
        .take(usize::from(rows.get() - 1))
        .collect()
}

/// The status line.
pub fn status_line(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .nth(usize::from(rows.get() - 1))
        .unwrap_or_default()
}

/// The sidebar row drawn as the selection bar: the one row whose background differs from
/// the background of most sidebar rows.
pub fn selected_sidebar_row(screen: &vt100::Screen) -> Option<String> {
    let rows = sidebar_rows(screen);
    let backgrounds: Vec<vt100::Color> = (0..rows.len() as u16)
        .map(|row| screen.cell(row, 1).map(|c| c.bgcolor()).unwrap_or_default())
        .collect();
    let odd: Vec<usize> = (0..backgrounds.len())
        .filter(|&i| backgrounds.iter().filter(|b| **b == backgrounds[i]).count() == 1)
        .collect();
    match odd.as_slice() {
        [only] => Some(rows[*only].clone()),
        _ => None,
    }
}

/// Whether the article pane (all rows joined, whitespace ignored) contains `title`.
pub fn article_shows(screen: &vt100::Screen, title: &str) -> bool {
    squash(&article_rows(screen).concat()).contains(&squash(title))
}

/// The listed title the article pane's top rows show, if any (the longest match, so a
/// title that is a prefix of another does not win).
pub fn shown_title<'a>(screen: &vt100::Screen, posts: &'a [ListedPost]) -> Option<&'a str> {
    let top = squash(
        &article_rows(screen)
            .iter()
            .take(4)
            .cloned()
            .collect::<String>(),
    );
    posts
        .iter()
        .map(|p| p.title.as_str())
        .filter(|t| !t.is_empty() && top.starts_with(&squash(t)))
        .max_by_key(|t| t.len())
}

pub fn wait_for_title(session: &mut PtySession, title: &str) {
    session.wait_until(&format!("the article pane to show {title:?}"), |screen| {
        article_shows(screen, title)
    });
}
