//! Every colour and text style geul uses, in one place.
//!
//! Rendering (`markdown`) and the panes (`tui`) both read a [`Theme`]; nothing else
//! constructs a `Style` for content. Two palettes are offered: for dark and light
//! terminal backgrounds; `auto` picks the one for the terminal's.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use super::Background;

/// Which palette to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// The one for the terminal's background, when it can be learnt; else dark.
    #[default]
    Auto,
    /// Light text on a dark background.
    Dark,
    /// Dark text on a light background.
    Light,
}

impl ThemeName {
    /// The background to choose the palette for: the named one, or with `auto` the one
    /// `found` (dark when nothing was found).
    pub fn background(self, found: Option<Background>) -> Background {
        match self {
            ThemeName::Auto => found.unwrap_or(Background::Dark),
            ThemeName::Dark => Background::Dark,
            ThemeName::Light => Background::Light,
        }
    }
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
    /// The article title in the header (and other titles): bold, in the terminal's own
    /// foreground, so it shows on any background.
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
    /// The link chosen with Tab.
    pub link_chosen: Style,
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

/// The colours a palette is made of; [`Theme::from_palette`] turns them into styles.
#[derive(Debug, Clone, Copy)]
struct Palette {
    accent: Color,
    green: Color,
    yellow: Color,
    red: Color,
    magenta: Color,
    cyan: Color,
    grey: Color,
    /// Background of chips, code, the status line and the unfocused selection.
    raised: Color,
    /// Background of popups.
    popup: Color,
    /// Text on a coloured background (selection, chips, matches).
    on_colour: Color,
    /// Foreground of code and the status line.
    soft: Color,
    /// Background of search matches.
    matched: Color,
    /// Background of the current search match.
    current: Color,
}

const DARK: Palette = Palette {
    accent: Color::Rgb(0x7a, 0xa2, 0xf7),
    green: Color::Rgb(0x9e, 0xce, 0x6a),
    yellow: Color::Rgb(0xe0, 0xaf, 0x68),
    red: Color::Rgb(0xf7, 0x76, 0x8e),
    magenta: Color::Rgb(0xbb, 0x9a, 0xf7),
    cyan: Color::Rgb(0x7d, 0xcf, 0xff),
    grey: Color::Rgb(0x73, 0x7a, 0xa2),
    raised: Color::Rgb(0x29, 0x2e, 0x42),
    popup: Color::Rgb(0x1f, 0x23, 0x35),
    on_colour: Color::Black,
    soft: Color::Rgb(0xc0, 0xca, 0xf5),
    matched: Color::Rgb(0xe0, 0xaf, 0x68),
    current: Color::Rgb(0xff, 0x9e, 0x64),
};

const LIGHT: Palette = Palette {
    accent: Color::Rgb(0x2e, 0x59, 0xc9),
    green: Color::Rgb(0x38, 0x7a, 0x1e),
    yellow: Color::Rgb(0x8f, 0x5e, 0x15),
    red: Color::Rgb(0xc0, 0x1c, 0x3c),
    magenta: Color::Rgb(0x7a, 0x3e, 0xc8),
    cyan: Color::Rgb(0x0f, 0x6b, 0x8a),
    grey: Color::Rgb(0x6a, 0x6f, 0x85),
    raised: Color::Rgb(0xe4, 0xe6, 0xee),
    popup: Color::Rgb(0xf4, 0xf5, 0xf9),
    on_colour: Color::White,
    soft: Color::Rgb(0x34, 0x3b, 0x58),
    matched: Color::Rgb(0xf5, 0xd7, 0x6e),
    current: Color::Rgb(0xf0, 0x9a, 0x4a),
};

impl Theme {
    /// The palette for a terminal with the `background`.
    pub fn new(background: Background) -> Theme {
        match background {
            Background::Dark => Theme::from_palette(DARK),
            Background::Light => Theme::from_palette(LIGHT),
        }
    }

    fn from_palette(p: Palette) -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            text: Style::new(),
            dim: Style::new().fg(p.grey),
            accent: Style::new().fg(p.accent),
            headings: [
                Style::new().fg(p.accent).add_modifier(bold),
                Style::new().fg(p.cyan).add_modifier(bold),
                Style::new().fg(p.magenta).add_modifier(bold),
                Style::new().fg(p.magenta),
            ],
            // The terminal's own foreground, bold: a fixed white or black would vanish on a
            // terminal whose background is that colour (xterm's default is white).
            title: Style::new().add_modifier(bold),
            meta: Style::new().fg(p.grey),
            tag_chip: Style::new().fg(p.cyan).bg(p.raised),
            tag_chip_selected: Style::new().fg(p.on_colour).bg(p.cyan).add_modifier(bold),
            quote_bar: Style::new().fg(p.green),
            quote_text: Style::new(),
            tip_title: Style::new().fg(p.green).add_modifier(bold),
            warning_title: Style::new().fg(p.yellow).add_modifier(bold),
            list_marker: Style::new().fg(p.accent),
            step: Style::new().fg(p.yellow).add_modifier(bold),
            rule: Style::new().fg(p.grey),
            code: Style::new().fg(p.soft).bg(p.raised),
            code_meta: Style::new().fg(p.grey).add_modifier(Modifier::ITALIC),
            link: Style::new().fg(p.accent).add_modifier(Modifier::UNDERLINED),
            // Underlined like the text it belongs to, and told from other grey text by it.
            link_url: Style::new().fg(p.grey).add_modifier(Modifier::UNDERLINED),
            link_chosen: Style::new().fg(p.on_colour).bg(p.accent).add_modifier(bold),
            summary: Style::new().fg(p.grey).add_modifier(Modifier::ITALIC),
            error: Style::new().fg(p.red).add_modifier(bold),
            search_match: Style::new().fg(p.on_colour).bg(p.matched),
            search_match_current: Style::new()
                .fg(p.on_colour)
                .bg(p.current)
                .add_modifier(bold),
            category: Style::new().fg(p.yellow).add_modifier(bold),
            selection_focused: Style::new().fg(p.on_colour).bg(p.accent).add_modifier(bold),
            selection_unfocused: Style::new().bg(p.raised),
            border_focused: Style::new().fg(p.accent),
            border: Style::new().fg(p.grey),
            status: Style::new().fg(p.soft).bg(p.raised),
            key: Style::new().fg(p.yellow).add_modifier(bold),
            popup: Style::new().bg(p.popup),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(Background::Dark)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The colours a terminal's background commonly is: text in one of them, on the
    /// terminal's own background, can vanish.
    const BACKGROUNDS: [Color; 6] = [
        Color::Black,
        Color::White,
        Color::Gray,
        Color::Indexed(0),
        Color::Indexed(7),
        Color::Indexed(15),
    ];

    /// Every style of `theme` (destructured whole, so a new style is checked too).
    fn styles(theme: &Theme) -> Vec<(&'static str, Style)> {
        let Theme {
            text,
            dim,
            accent,
            headings,
            title,
            meta,
            tag_chip,
            tag_chip_selected,
            quote_bar,
            quote_text,
            tip_title,
            warning_title,
            list_marker,
            step,
            rule,
            code,
            code_meta,
            link,
            link_url,
            link_chosen,
            summary,
            error,
            search_match,
            search_match_current,
            category,
            selection_focused,
            selection_unfocused,
            border_focused,
            border,
            status,
            key,
            popup,
        } = theme.clone();
        let mut all = vec![
            ("text", text),
            ("dim", dim),
            ("accent", accent),
            ("title", title),
            ("meta", meta),
            ("tag_chip", tag_chip),
            ("tag_chip_selected", tag_chip_selected),
            ("quote_bar", quote_bar),
            ("quote_text", quote_text),
            ("tip_title", tip_title),
            ("warning_title", warning_title),
            ("list_marker", list_marker),
            ("step", step),
            ("rule", rule),
            ("code", code),
            ("code_meta", code_meta),
            ("link", link),
            ("link_url", link_url),
            ("link_chosen", link_chosen),
            ("summary", summary),
            ("error", error),
            ("search_match", search_match),
            ("search_match_current", search_match_current),
            ("category", category),
            ("selection_focused", selection_focused),
            ("selection_unfocused", selection_unfocused),
            ("border_focused", border_focused),
            ("border", border),
            ("status", status),
            ("key", key),
            ("popup", popup),
        ];
        all.extend(headings.map(|h| ("heading", h)));
        all
    }

    #[test]
    fn no_text_on_the_terminals_own_background_is_in_a_colour_such_a_background_is() {
        for name in [Background::Dark, Background::Light] {
            for (what, style) in styles(&Theme::new(name)) {
                let on_own_background = matches!(style.bg, None | Some(Color::Reset));
                let fg = style.fg.unwrap_or(Color::Reset);
                assert!(
                    !(on_own_background && BACKGROUNDS.contains(&fg)),
                    "{name:?} background: {what} is {fg:?} on the terminal's background"
                );
            }
        }
    }

    #[test]
    fn auto_follows_what_was_found_and_is_dark_when_nothing_was() {
        let auto = ThemeName::Auto;
        assert_eq!(auto.background(Some(Background::Light)), Background::Light);
        assert_eq!(auto.background(Some(Background::Dark)), Background::Dark);
        assert_eq!(auto.background(None), Background::Dark);
        assert_eq!(
            ThemeName::Dark.background(Some(Background::Light)),
            Background::Dark
        );
        assert_eq!(ThemeName::Light.background(None), Background::Light);
        assert_eq!(ThemeName::default(), ThemeName::Auto);
    }
}
