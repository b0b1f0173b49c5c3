//! CJK-friendly emphasis. Placeholder until the real implementation lands: passes through.

use std::borrow::Cow;

/// Returns Markdown whose emphasis parses as the cjk-friendly amendment says.
pub fn prepare(source: &str) -> Cow<'_, str> {
    Cow::Borrowed(source)
}

/// Removes helper characters inserted by [`prepare`] from rendered text.
pub fn remove_helpers(_text: &mut ratatui::text::Text<'_>) {}
