//! Reading like in a book: the outline and heading jumps, following links, going back and
//! forward through the places jumped from, and handing the post to the editor.

use std::path::PathBuf;
use std::sync::Arc;

use super::{App, Effect, Focus};
use crate::library::links::{LinkTarget, body_links, resolve, resolve_wiki};
use crate::library::outline::{outline, section_at};
use crate::library::slug::slug;
use crate::library::{Post, PostId};
use crate::tui::action::Action;
use crate::tui::history::Place;
use crate::tui::overlays::links::ArticleLink;
use crate::tui::overlays::{FilteredPicker, LinkPicker, Outcome, OutlinePicker, Overlay};

impl App {
    /// The reading actions on the panes: outline, heading jumps, links, history, editor.
    pub(super) fn handle_reading(&mut self, action: Action, effects: &mut Vec<Effect>) {
        match action {
            Action::OpenOutline => self.open_outline(),
            Action::PreviousHeading | Action::NextHeading => {
                self.step_heading(action == Action::NextHeading)
            }
            Action::OpenLinks => self.open_links(),
            Action::HistoryBack => self.go_back(),
            Action::HistoryForward => self.go_forward(),
            Action::Edit => effects.extend(self.edit()),
            _ => {}
        }
    }

    /// Gives `action` to the outline or the link picker and carries out what it chose.
    pub(super) fn handle_reading_overlay(&mut self, action: Action, effects: &mut Vec<Effect>) {
        let area = self.area;
        match &mut self.overlay {
            Some(Overlay::Outline(picker)) => match picker.handle(action, area) {
                Outcome::Stay => {}
                Outcome::Close => self.overlay = None,
                Outcome::Chosen(line) => {
                    self.overlay = None;
                    self.remember_history_place();
                    self.scroll_to_body_line(line);
                }
            },
            Some(Overlay::Links(picker)) => match picker.handle(action, area) {
                Outcome::Stay => {}
                Outcome::Close => self.overlay = None,
                Outcome::Chosen(target) => {
                    self.overlay = None;
                    self.follow(target, effects);
                }
            },
            _ => {}
        }
    }

    fn open_body(&self) -> Option<&Post> {
        self.posts.get(self.reader.open?)
    }

    /// The body line at the top of the article pane, if the top row is in the body.
    fn top_body_line(&self) -> Option<usize> {
        self.article()?.body_line(self.reader.scroll)
    }

    fn open_outline(&mut self) {
        let Some(post) = self.open_body() else {
            self.notice = Some("no post is open".into());
            return;
        };
        let headings = outline(&post.body);
        let reading = self
            .top_body_line()
            .and_then(|line| section_at(&headings, line));
        let mut picker = OutlinePicker::new(headings, reading);
        picker.fit(self.area);
        self.overlay = Some(Overlay::Outline(picker));
    }

    /// `{` and `}`: the previous or next heading becomes the top line.
    fn step_heading(&mut self, forward: bool) {
        self.render_whole_article();
        let (Some(post), Some(article)) = (self.open_body(), self.article().cloned()) else {
            return;
        };
        // A heading in a folded body is not on screen: it is passed over.
        let folded = super::details::folded_lines(post, &article);
        let rows: Vec<usize> = outline(&post.body)
            .iter()
            .filter(|h| !super::details::in_ranges(&folded, h.body_line))
            .map(|h| article.row_of_body_line(h.body_line))
            .collect();
        let scroll = self.reader.scroll;
        let target = if forward {
            rows.iter().find(|&&row| row > scroll)
        } else {
            rows.iter().rev().find(|&&row| row < scroll)
        };
        match target {
            Some(&row) => {
                self.reader.scroll = row;
                self.focus = Focus::Article;
            }
            None if forward => self.notice = Some("no heading below".into()),
            None => self.notice = Some("no heading above".into()),
        }
    }

    /// Scrolls so the block holding body line `line` is the top line.
    pub(super) fn scroll_to_body_line(&mut self, line: usize) {
        self.scroll_to_body_line_at(line, None);
    }

    /// [`App::scroll_to_body_line`], at rendered line `row` of that block when given (a
    /// bookmark's).
    pub(super) fn scroll_to_body_line_at(&mut self, line: usize, row: Option<u32>) {
        self.unfold_around_line(line);
        self.render_through_body_line(line);
        if let Some(article) = self.article() {
            self.reader.scroll = article.row_of_body_line_at(line, row);
            self.focus = Focus::Article;
        }
    }

    fn open_links(&mut self) {
        let Some(post) = self.open_body() else {
            self.notice = Some("no post is open".into());
            return;
        };
        let all: Vec<&Post> = self.posts.iter().collect();
        let links = body_links(&post.body)
            .into_iter()
            .map(|link| {
                let target = if link.wiki {
                    resolve_wiki(&link.href, all.iter().copied())
                } else {
                    resolve(&post.relative_path, &link.href, all.iter().copied())
                };
                ArticleLink { link, target }
            })
            .collect();
        let mut picker = LinkPicker::new(links);
        picker.fit(self.area);
        self.overlay = Some(Overlay::Links(picker));
    }

    /// Follows a chosen link: a heading or a post in geul, a web or mail link through the
    /// system opener (an effect: nothing is started here), anything else not at all.
    pub(super) fn follow(&mut self, target: LinkTarget, effects: &mut Vec<Effect>) {
        match target {
            LinkTarget::Anchor(anchor) => {
                self.remember_history_place();
                self.scroll_to_anchor(&anchor);
            }
            LinkTarget::Post { path, anchor } => {
                let Some(post) = self.posts.find(&path) else {
                    self.notice = Some(format!("no post at {}", path.display()));
                    return;
                };
                self.remember_history_place();
                self.show_post(post);
                if let Some(anchor) = anchor {
                    self.scroll_to_anchor(&anchor);
                }
            }
            LinkTarget::External(url) => {
                self.notice = Some(format!("opening {url}"));
                effects.push(Effect::OpenUrl(url));
            }
            LinkTarget::Refused(reason) => self.notice = Some(format!("not followed: {reason}")),
        }
    }

    /// Scrolls the open post to the heading named `anchor` (its slug, or its text).
    fn scroll_to_anchor(&mut self, anchor: &str) {
        let Some(post) = self.open_body() else { return };
        let headings = outline(&post.body);
        let wanted = slug(anchor);
        let found = headings
            .iter()
            .find(|h| h.slug == anchor)
            .or_else(|| headings.iter().find(|h| h.slug == wanted))
            .map(|h| h.body_line);
        match found {
            Some(line) => self.scroll_to_body_line(line),
            None => self.notice = Some(format!("no heading #{anchor} in this post")),
        }
    }

    /// Opens `post` with the sidebar on it (the tag filter is cleared if it hides it).
    pub(super) fn show_post(&mut self, post: PostId) {
        if !self.sidebar.post_order().contains(&post) {
            self.tag_filter.clear();
            self.rebuild_sidebar();
        }
        self.sidebar.select_post(post);
        if self.reader.open != Some(post) {
            self.open_post(post);
        }
        self.focus = Focus::Article;
    }

    fn current_place(&self) -> Option<Place> {
        Some(Place {
            post: self.reader.open?,
            anchor: self.reader.top_anchor(self.article().map(Arc::as_ref)),
        })
    }

    /// Keeps the place being left by a jump, to come back to.
    pub(super) fn remember_history_place(&mut self) {
        if let Some(place) = self.current_place() {
            self.history.leave(place);
        }
    }

    fn go_back(&mut self) {
        let place = self.current_place().and_then(|c| self.history.back(c));
        match place {
            Some(place) => self.restore_place(place),
            None => self.notice = Some("nothing to go back to".into()),
        }
    }

    fn go_forward(&mut self) {
        let place = self.current_place().and_then(|c| self.history.forward(c));
        match place {
            Some(place) => self.restore_place(place),
            None => self.notice = Some("nothing to go forward to".into()),
        }
    }

    /// Opens the post of `place`, selected in the sidebar, scrolled to its source position.
    fn restore_place(&mut self, place: Place) {
        if !self.posts.contains(place.post) {
            self.history.forget(place.post);
            self.notice = Some("that post is no longer in the folder".into());
            return;
        }
        self.show_post(place.post);
        if let Some(anchor) = place.anchor {
            // A place inside a details folded since is unfolded again.
            self.ensure_rendered_through(Some(anchor));
            let line = self.article().and_then(|article| {
                let block = usize::try_from(anchor.block).ok()?.checked_sub(1)?;
                article.block_lines.get(block).copied()
            });
            if let Some(line) = line {
                self.unfold_around_line(line);
            }
        }
        if let (Some(anchor), Some(article)) = (place.anchor, self.article()) {
            self.reader.scroll = article.row_of(anchor);
        }
    }

    /// `e`: the open post in the editor, at the source line at the top of the pane.
    fn edit(&mut self) -> Option<Effect> {
        let Some(post) = self.open_body() else {
            self.notice = Some("no post is open".into());
            return None;
        };
        // `body_line` is the file's 1-based line where the body starts.
        let line = post.body_line.max(1) + self.top_body_line().unwrap_or(0);
        let file: PathBuf = post.path.clone();
        Some(Effect::Edit { file, line })
    }

    /// The editor could not be started or failed: said in the status line.
    pub fn editor_failed(&mut self, why: String) {
        self.notice = Some(why);
    }
}
