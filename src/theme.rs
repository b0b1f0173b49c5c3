//! Every colour and text style geul uses, in one place.
//!
//! Rendering (`markdown`) and the panes (`tui`) both read a [`Theme`]; nothing else
//! constructs a `Style` for content. Two palettes are offered: for dark and light
//! terminal backgrounds.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// Which palette to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
}

/// All styles, by what they are for.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Plain body text.
    pub text: Style,
    /// Secondary text: dates, counts, hints.
    pub dim: Style,
    /// The accent used for focus and headings.
    pub accent: Style,
    /// Heading styles by level (index 0 is `#`).
    pub headings: [Style; 4],
    /// The article title in the header.
    pub title: Style,
    /// Date · category · reading time line in the header.
    pub meta: Style,
    /// A hashtag chip.
    pub tag_chip: Style,
    /// The selected hashtag chip in the article.
    pub tag_chip_selected: Style,
    /// The bar left of a blockquote.
    pub quote_bar: Style,
    /// Blockquote body text.
    pub quote_text: Style,
    /// The title line of a tip box (`POINT`, `TIP`, ...).
    pub tip_title: Style,
    /// The title line of a warning box (`주의`, `WARNING`, ...).
    pub warning_title: Style,
    /// List bullets and numbers.
    pub list_marker: Style,
    /// Keycap step headings (`1️⃣ ...`).
    pub step: Style,
    /// Horizontal rules and table borders.
    pub rule: Style,
    /// Code block text without highlighting, and inline code.
    pub code: Style,
    /// The language label and continuation marks of code blocks.
    pub code_meta: Style,
    /// Link text.
    pub link: Style,
    /// Link destinations, shown after the text.
    pub link_url: Style,
    /// The summary under a `메타 설명` heading.
    pub summary: Style,
    /// Errors: a post that did not parse, a failed load.
    pub error: Style,
    /// Search matches in the article and in snippets.
    pub search_match: Style,
    /// The current search match.
    pub search_match_current: Style,
    /// Sidebar: a category row.
    pub category: Style,
    /// Sidebar: the selected row when the sidebar has focus.
    pub selection_focused: Style,
    /// Sidebar: the selected row when focus is elsewhere.
    pub selection_unfocused: Style,
    /// Pane borders with focus.
    pub border_focused: Style,
    /// Pane borders without focus.
    pub border: Style,
    /// The status line.
    pub status: Style,
    /// Key names in the status line and help.
    pub key: Style,
    /// Popups (help, pickers).
    pub popup: Style,
}

impl Theme {
    /// The palette for `name`.
    pub fn new(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
        }
    }

    fn dark() -> Theme {
        let accent = Color::Rgb(0x7a, 0xa2, 0xf7);
        let green = Color::Rgb(0x9e, 0xce, 0x6a);
        let yellow = Color::Rgb(0xe0, 0xaf, 0x68);
        let red = Color::Rgb(0xf7, 0x76, 0x8e);
        let magenta = Color::Rgb(0xbb, 0x9a, 0xf7);
        let cyan = Color::Rgb(0x7d, 0xcf, 0xff);
        let grey = Color::Rgb(0x73, 0x7a, 0xa2);
        let bg_raised = Color::Rgb(0x29, 0x2e, 0x42);
        Theme {
            text: Style::new(),
            dim: Style::new().fg(grey),
            accent: Style::new().fg(accent),
            headings: [
                Style::new().fg(accent).add_modifier(Modifier::BOLD),
                Style::new().fg(cyan).add_modifier(Modifier::BOLD),
                Style::new().fg(magenta).add_modifier(Modifier::BOLD),
                Style::new().fg(magenta),
            ],
            title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            meta: Style::new().fg(grey),
            tag_chip: Style::new().fg(cyan).bg(bg_raised),
            tag_chip_selected: Style::new()
                .fg(Color::Black)
                .bg(cyan)
                .add_modifier(Modifier::BOLD),
            quote_bar: Style::new().fg(green),
            quote_text: Style::new(),
            tip_title: Style::new().fg(green).add_modifier(Modifier::BOLD),
            warning_title: Style::new().fg(yellow).add_modifier(Modifier::BOLD),
            list_marker: Style::new().fg(accent),
            step: Style::new().fg(yellow).add_modifier(Modifier::BOLD),
            rule: Style::new().fg(grey),
            code: Style::new().fg(Color::Rgb(0xc0, 0xca, 0xf5)).bg(bg_raised),
            code_meta: Style::new().fg(grey).add_modifier(Modifier::ITALIC),
            link: Style::new().fg(accent).add_modifier(Modifier::UNDERLINED),
            link_url: Style::new().fg(grey),
            summary: Style::new().fg(grey).add_modifier(Modifier::ITALIC),
            error: Style::new().fg(red).add_modifier(Modifier::BOLD),
            search_match: Style::new().fg(Color::Black).bg(yellow),
            search_match_current: Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(0xff, 0x9e, 0x64))
                .add_modifier(Modifier::BOLD),
            category: Style::new().fg(yellow).add_modifier(Modifier::BOLD),
            selection_focused: Style::new()
                .fg(Color::Black)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            selection_unfocused: Style::new().bg(bg_raised),
            border_focused: Style::new().fg(accent),
            border: Style::new().fg(grey),
            status: Style::new().fg(Color::Rgb(0xa9, 0xb1, 0xd6)).bg(bg_raised),
            key: Style::new().fg(yellow).add_modifier(Modifier::BOLD),
            popup: Style::new().bg(Color::Rgb(0x1f, 0x23, 0x35)),
        }
    }

    fn light() -> Theme {
        let accent = Color::Rgb(0x2e, 0x59, 0xc9);
        let green = Color::Rgb(0x38, 0x7a, 0x1e);
        let yellow = Color::Rgb(0x8f, 0x5e, 0x15);
        let red = Color::Rgb(0xc0, 0x1c, 0x3c);
        let magenta = Color::Rgb(0x7a, 0x3e, 0xc8);
        let cyan = Color::Rgb(0x0f, 0x6b, 0x8a);
        let grey = Color::Rgb(0x6a, 0x6f, 0x85);
        let bg_raised = Color::Rgb(0xe4, 0xe6, 0xee);
        Theme {
            text: Style::new(),
            dim: Style::new().fg(grey),
            accent: Style::new().fg(accent),
            headings: [
                Style::new().fg(accent).add_modifier(Modifier::BOLD),
                Style::new().fg(cyan).add_modifier(Modifier::BOLD),
                Style::new().fg(magenta).add_modifier(Modifier::BOLD),
                Style::new().fg(magenta),
            ],
            title: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            meta: Style::new().fg(grey),
            tag_chip: Style::new().fg(cyan).bg(bg_raised),
            tag_chip_selected: Style::new()
                .fg(Color::White)
                .bg(cyan)
                .add_modifier(Modifier::BOLD),
            quote_bar: Style::new().fg(green),
            quote_text: Style::new(),
            tip_title: Style::new().fg(green).add_modifier(Modifier::BOLD),
            warning_title: Style::new().fg(yellow).add_modifier(Modifier::BOLD),
            list_marker: Style::new().fg(accent),
            step: Style::new().fg(yellow).add_modifier(Modifier::BOLD),
            rule: Style::new().fg(grey),
            code: Style::new().fg(Color::Rgb(0x34, 0x3b, 0x58)).bg(bg_raised),
            code_meta: Style::new().fg(grey).add_modifier(Modifier::ITALIC),
            link: Style::new().fg(accent).add_modifier(Modifier::UNDERLINED),
            link_url: Style::new().fg(grey),
            summary: Style::new().fg(grey).add_modifier(Modifier::ITALIC),
            error: Style::new().fg(red).add_modifier(Modifier::BOLD),
            search_match: Style::new().bg(Color::Rgb(0xf5, 0xd7, 0x6e)),
            search_match_current: Style::new()
                .bg(Color::Rgb(0xf0, 0x9a, 0x4a))
                .add_modifier(Modifier::BOLD),
            category: Style::new().fg(yellow).add_modifier(Modifier::BOLD),
            selection_focused: Style::new()
                .fg(Color::White)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            selection_unfocused: Style::new().bg(bg_raised),
            border_focused: Style::new().fg(accent),
            border: Style::new().fg(grey),
            status: Style::new().fg(Color::Rgb(0x34, 0x3b, 0x58)).bg(bg_raised),
            key: Style::new().fg(yellow).add_modifier(Modifier::BOLD),
            popup: Style::new().bg(Color::Rgb(0xf4, 0xf5, 0xf9)),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(ThemeName::Dark)
    }
}
