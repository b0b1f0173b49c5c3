//! The reader's screen without a terminal: the whole frame drawn on ratatui's TestBackend,
//! as text, and posts made in memory for it.

use std::path::PathBuf;

use chrono::NaiveDate;
use geul::library::Post;
use geul::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The frame `app` draws at its size.
pub fn frame(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("backend");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The frame as text, row after row, every cell's symbol (a wide character's second
/// cell is its blank).
pub fn screen(app: &App) -> String {
    let buffer = frame(app);
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// Row `y` of `buffer` from column `from` to `to` as text, a wide character once (its
/// blank second cell skipped), trailing blanks cut.
pub fn row_text(buffer: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut line = String::new();
    let mut skip = 0;
    for x in from..to {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let symbol = buffer[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        line.push_str(symbol);
    }
    line.trim_end().to_string()
}

/// Every row of `buffer` as [`row_text`] gives it.
pub fn lined_rows(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| row_text(buffer, y, 0, buffer.area.width))
        .collect()
}

/// A post of the folder `/blog` named `name`, dated day `day` of March 2025, in the
/// category `글`.
pub fn dated_post(name: &str, title: &str, day: u32, body: &str) -> Post {
    Post {
        path: PathBuf::from("/blog").join(name),
        relative_path: PathBuf::from(name),
        title: title.to_string(),
        date: NaiveDate::from_ymd_opt(2025, 3, day).and_then(|d| d.and_hms_opt(9, 0, 0)),
        categories: vec!["글".into()],
        body: body.into(),
        body_line: 5,
        ..Post::default()
    }
}
