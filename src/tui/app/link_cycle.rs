//! Tab through the links of the article: the focus goes from the list to the article, then
//! to each link in reading order (the status line says where it leads, Enter follows it),
//! then back to the list, as focus moves through the links of a page in a browser. While
//! the list is hidden (`z`), Tab goes round the links of the article alone. The summary
//! line of a `<details>` is a stop too: Enter on it expands or collapses the details.

use super::{App, Effect, Focus};
use crate::library::Post;
use crate::library::links::{LinkTarget, resolve};
use crate::markdown::links::{LinkSpot, links_in};
use crate::tui::reader::{ChosenLink, Stop};

impl App {
    /// Tab (`forward`) or Shift-Tab.
    pub(super) fn tab(&mut self, forward: bool) {
        if self.focus == Focus::Sidebar {
            self.focus = Focus::Article;
            return;
        }
        // Links are found in the whole render, so the next one may be anywhere below.
        self.render_whole_article();
        let Some(article) = self.article().cloned() else {
            self.leave_links();
            return;
        };
        let mut links: Vec<(LinkSpot, Option<crate::markdown::Fold>)> =
            links_in(&article.lines, 0..article.lines.len(), &self.settings.theme)
                .into_iter()
                .map(|spot| (spot, None))
                .collect();
        links.extend(
            super::details::summary_spots(&article)
                .into_iter()
                .map(|(spot, fold)| (spot, Some(fold))),
        );
        links.sort_by_key(|(spot, _)| spot.start());
        let next = match &self.reader.link {
            Some(chosen) => {
                let at = chosen.spot.start();
                if forward {
                    links.iter().find(|(l, _)| l.start() > at)
                } else {
                    links.iter().rev().find(|(l, _)| l.start() < at)
                }
            }
            // The first link from the top of the pane down (or up from its bottom).
            None => {
                let top = self.reader.scroll;
                let bottom = top.saturating_add(self.page_height());
                if forward {
                    links.iter().find(|(l, _)| l.start().0 >= top)
                } else {
                    links.iter().rev().find(|(l, _)| l.start().0 < bottom)
                }
            }
        };
        match next.cloned() {
            Some((spot, Some(fold))) => self.choose_stop(spot, Stop::Summary(fold)),
            Some((spot, None)) => self.choose_link(spot),
            None => self.leave_links(),
        }
    }

    /// Past the last link (or the first): the list, unless it is hidden.
    fn leave_links(&mut self) {
        self.reader.link = None;
        if !self.sidebar_hidden {
            self.focus = Focus::Sidebar;
        }
    }

    fn choose_link(&mut self, spot: LinkSpot) {
        let target = match self.reader.open.and_then(|open| self.posts.get(open)) {
            Some(post) => {
                let all: Vec<&Post> = self.posts.iter().collect();
                resolve(&post.relative_path, &spot.url, all.iter().copied())
            }
            None => LinkTarget::External(spot.url.clone()),
        };
        self.choose_stop(spot, Stop::Link(target));
    }

    /// Chooses `spot`, brought into view.
    pub(super) fn choose_stop(&mut self, spot: LinkSpot, target: Stop) {
        let height = self.page_height();
        // Into view: its first row at least, all of it when it fits.
        if let (Some(first), Some(last)) = (spot.cells.first(), spot.cells.last()) {
            let (first, end) = (first.row, last.row + 1);
            if first < self.reader.scroll {
                self.reader.scroll = first;
            } else if end > self.reader.scroll.saturating_add(height) {
                self.reader.scroll = end.saturating_sub(height).min(first);
            }
        }
        self.reader.link = Some(ChosenLink { spot, target });
    }

    /// Enter on a chosen link: follows it; on a chosen summary: expands or collapses its
    /// details, which stays chosen. Returns whether anything was chosen.
    pub(super) fn follow_chosen_link(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(chosen) = self.reader.link.take() else {
            return false;
        };
        match chosen.target {
            Stop::Link(target) => self.follow(target, effects),
            Stop::Summary(fold) => {
                self.toggle_details(fold.line);
                self.choose_summary(fold.line);
            }
        }
        true
    }
}
