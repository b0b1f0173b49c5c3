//! Rendering helpers shared by the renderer's unit tests.

use ratatui::text::{Line, Span};

use super::{RenderOptions, render_body};
use crate::markdown::SoftBreaks;
use crate::styled::Theme;

pub(super) fn render(source: &str, width: u16) -> Vec<Line<'static>> {
    let theme = Theme::default();
    let options = RenderOptions {
        width,
        soft_breaks: SoftBreaks::Auto,
        theme: &theme,
    };
    render_body(source, &options, 1)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

pub(super) fn text(source: &str, width: u16) -> Vec<String> {
    render(source, width)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

pub(super) fn span_with<'a>(lines: &'a [Line<'static>], needle: &str) -> &'a Span<'static> {
    lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .find(|s| s.content.contains(needle))
        .unwrap_or_else(|| panic!("no span contains {needle:?}"))
}
