//! The links of the open article (`f`): each with its text and where it leads, filtered
//! as you type (초성 too); `Enter` follows the selected one. Where a link leads is worked
//! out when the picker opens, so the status line can say it before it is followed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::filtered::{FilteredPicker, render_empty_note};
use super::prompt::{Prompt, render_prompt_popup};
use crate::library::links::{BodyLink, LinkTarget};
use crate::library::tags::fuzzy_tags;
use crate::styled::{Theme, truncate};
use crate::text::{display_text, str_width};
use crate::tui::cells::put_line;
use crate::tui::layout::{PromptPopup, picker_popup};
use crate::tui::list_cursor::ListCursor;

/// A link of the article and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLink {
    /// The link as written.
    pub link: BodyLink,
    /// Where it leads in this folder.
    pub target: LinkTarget,
}

/// The link picker's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkPicker {
    /// What was typed.
    pub prompt: Prompt,
    /// The article's links, in reading order.
    pub links: Vec<ArticleLink>,
    /// Indices into `links` matching the prompt, in reading order.
    pub matches: Vec<usize>,
    /// Selection among `matches`.
    pub cursor: ListCursor,
}

/// Where `target` leads, in a few words for the status line.
pub fn describe(target: &LinkTarget) -> String {
    match target {
        LinkTarget::Anchor(slug) => format!("→ #{slug} in this post"),
        LinkTarget::Post { path, anchor } => {
            let anchor = anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default();
            format!("→ {}{anchor}", path.display())
        }
        LinkTarget::External(url) => format!("opens {url}"),
        LinkTarget::Refused(reason) => format!("not followed: {reason}"),
    }
}

impl LinkPicker {
    /// A picker over `links`, the first selected.
    pub fn new(links: Vec<ArticleLink>) -> LinkPicker {
        let mut picker = LinkPicker {
            links,
            ..LinkPicker::default()
        };
        picker.filter();
        picker
    }

    fn filter(&mut self) {
        let texts: Vec<(String, usize)> = self
            .links
            .iter()
            .map(|l| (format!("{} {}", l.link.text, l.link.href), 0))
            .collect();
        let mut matches = fuzzy_tags(&texts, self.prompt.text());
        matches.sort_unstable();
        self.matches = matches;
        self.cursor = ListCursor::new(self.matches.len());
    }

    /// The selected link.
    pub fn selected(&self) -> Option<&ArticleLink> {
        let i = *self.matches.get(self.cursor.selection()?)?;
        self.links.get(i)
    }

    /// Where the selected link leads, for the status line.
    pub fn selected_target(&self) -> Option<String> {
        self.selected().map(|l| describe(&l.target))
    }

    /// Draws the picker centred in `area`: each link's text, then its destination, dim.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let at = picker_popup(area);
        render_prompt_popup(at, buf, theme, "links", "↗", &self.prompt);
        let list = at.list;
        if self.matches.is_empty() {
            let text = if self.links.is_empty() {
                "this post has no links"
            } else {
                "no link matches"
            };
            render_empty_note(list, buf, theme, text);
        }
        let width = usize::from(list.width);
        for (row, i) in self.cursor.visible(usize::from(list.height)).enumerate() {
            let Some(link) = self.matches.get(i).and_then(|&l| self.links.get(l)) else {
                continue;
            };
            let selected = i == self.cursor.selected;
            let (style, dim) = if selected {
                (theme.selection_focused, theme.selection_focused)
            } else {
                (theme.text, theme.dim)
            };
            let room = width.saturating_sub(2);
            let text = truncate(&display_text(&link.link.text), room * 3 / 5).into_owned();
            let href_room = room.saturating_sub(str_width(&text) + 2);
            let href = if link.link.wiki {
                format!("[[{}]]", link.link.href)
            } else {
                link.link.href.clone()
            };
            let href = truncate(&display_text(&href), href_room).into_owned();
            let pad = width.saturating_sub(1 + str_width(&text) + 2 + str_width(&href));
            let line = Line::from(vec![
                Span::styled(" ", style),
                Span::styled(text, style),
                Span::styled("  ", style),
                Span::styled(href, dim),
                Span::styled(" ".repeat(pad), style),
            ]);
            put_line(buf, list.x, list.y + row as u16, list.width, &line);
        }
    }
}

impl FilteredPicker for LinkPicker {
    type Choice = LinkTarget;

    fn prompt_and_cursor(&mut self) -> (&mut Prompt, &mut ListCursor) {
        (&mut self.prompt, &mut self.cursor)
    }

    fn choice(&self) -> Option<LinkTarget> {
        self.selected().map(|link| link.target.clone())
    }

    fn refilter(&mut self) {
        self.filter();
    }

    fn popup(area: Rect) -> PromptPopup {
        picker_popup(area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::links::Refusal;
    use crate::tui::action::Action;
    use crate::tui::cells::buffer_rows;
    use crate::tui::overlays::Outcome;
    use std::path::PathBuf;

    fn link(text: &str, href: &str, target: LinkTarget) -> ArticleLink {
        ArticleLink {
            link: BodyLink {
                text: text.into(),
                href: href.into(),
                wiki: false,
                body_line: 0,
            },
            target,
        }
    }

    fn picker() -> LinkPicker {
        LinkPicker::new(vec![
            link(
                "다음 글",
                "../dev/foo.md",
                LinkTarget::Post {
                    path: PathBuf::from("dev/foo.md"),
                    anchor: None,
                },
            ),
            link(
                "예제",
                "https://example.com",
                LinkTarget::External("https://example.com".into()),
            ),
            link(
                "스크립트",
                "javascript:x",
                LinkTarget::Refused(Refusal::Scheme("javascript".into())),
            ),
        ])
    }

    #[test]
    fn the_status_line_can_say_where_the_selected_link_leads() {
        let area = Rect::new(0, 0, 80, 20);
        let mut picker = picker();
        assert_eq!(picker.selected_target().as_deref(), Some("→ dev/foo.md"));
        picker.handle(Action::Down, area);
        picker.handle(Action::Down, area);
        assert_eq!(
            picker.selected_target().as_deref(),
            Some("not followed: links to javascript: are not opened")
        );
    }

    #[test]
    fn typing_filters_the_links_and_enter_chooses_the_target() {
        let area = Rect::new(0, 0, 80, 20);
        let mut picker = picker();
        for c in "ㅇㅈ".chars() {
            picker.handle(Action::Input(c), area);
        }
        assert_eq!(
            picker.handle(Action::Open, area),
            Outcome::Chosen(LinkTarget::External("https://example.com".into()))
        );
    }

    #[test]
    fn each_link_shows_its_text_and_its_destination() {
        let area = Rect::new(0, 0, 60, 12);
        let mut buf = Buffer::empty(area);
        picker().render(area, &mut buf, &Theme::default());
        let rows = buffer_rows(&buf);
        assert!(
            rows.iter().any(|r| r.contains("│ 다음 글  ../dev/foo.md ")),
            "{rows:#?}"
        );
        assert!(rows.iter().any(|r| r.contains("예제  https://example.com")));
    }
}
