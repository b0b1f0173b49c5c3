//! What a pane capture shows: its text, its SGR escapes, the scroll percent.

use super::*;

/// One pane capture: text only, and with SGR escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Capture {
    pub(crate) plain: String,
    pub(crate) styled: String,
}

impl Capture {
    pub(crate) fn parse(output: &str) -> Capture {
        let (plain, styled) = output
            .split_once(&format!("{MARK}\n"))
            .expect("capture marker");
        Capture {
            plain: plain.to_string(),
            styled: styled.to_string(),
        }
    }

    /// The scroll percent on the status line (the last row), if shown.
    pub(crate) fn percent(&self) -> Option<u32> {
        let status = self.plain.lines().rfind(|l| !l.trim().is_empty())?;
        common::scroll_percent(status)
    }
}

/// The article pane's text in a plain capture: what follows the sidebar's `│` on each
/// row, without the scrollbar and without whitespace (titles wrap).
pub(crate) fn article_text(plain: &str) -> String {
    let rows: String = plain
        .lines()
        .filter_map(|l| l.split_once('│').map(|(_, rest)| rest))
        .collect();
    squash(&rows).replace(['│', '█'], "")
}
