//! Rendering the open post: its first screens at once, the rest a chunk at a time while
//! the reader waits for keys, so opening or resizing a long article never makes the reader
//! wait for the whole of it.

use super::App;
use crate::markdown::{Anchor, ArticleRenderer, RenderOptions};

/// How many screens past the top are rendered before anything is drawn.
const SCREENS_AHEAD: usize = 2;

impl App {
    /// Renders the open post for the current width as far as the pane shows it (and a
    /// screen more), starting a render if there is none.
    pub(super) fn ensure_rendered(&mut self) {
        self.ensure_rendered_through(None);
    }

    /// [`App::ensure_rendered`], also rendering through `anchor` (and a screen below it):
    /// after a resize, the place to come back to.
    pub(super) fn ensure_rendered_through(&mut self, anchor: Option<Anchor>) {
        let (Some(open), Some(panes)) = (self.reader.open, self.panes()) else {
            return;
        };
        let width = panes.article.width;
        self.plan_for_height(panes.article.height);
        let height = usize::from(panes.article.height);
        let wanted = self
            .reader
            .scroll
            .saturating_add(SCREENS_AHEAD * height.max(1));
        if !self.cache.touch(open, width) {
            let Some(post) = self.posts.get(open) else {
                return;
            };
            let options = RenderOptions {
                width,
                soft_breaks: self.settings.soft_breaks,
                theme: &self.settings.theme,
            };
            let plan = self.picture_plan(open, width, panes.article.height);
            let renderer = ArticleRenderer::with_pictures(post, &options, None, plan)
                .folded(self.folding(open));
            self.cache.start(open, width, renderer);
        }
        if let Some(anchor) = anchor {
            self.cache.render_through(open, width, anchor, height);
        }
        self.cache.render_until(open, width, wanted);
    }

    /// Renders all of the open post, for what needs the whole article: search matches,
    /// chips, the last row, a heading or a link target further down.
    pub(super) fn render_whole_article(&mut self) {
        if let (Some(open), Some(panes)) = (self.reader.open, self.panes()) {
            self.cache.complete(open, panes.article.width);
        }
    }

    /// Renders the open post at least through the block holding body line `line` and a
    /// screen below it: a remembered place, a heading or a link target, without rendering
    /// what lies beyond.
    pub(super) fn render_through_body_line(&mut self, line: usize) {
        let (Some(open), Some(panes)) = (self.reader.open, self.panes()) else {
            return;
        };
        let width = panes.article.width;
        let past = |app: &App| {
            app.article()
                .is_some_and(|a| a.block_lines.last().is_some_and(|&start| start > line))
        };
        while self.cache.is_rendering() && !past(self) {
            let more = self.rendered_rows() + 1;
            self.cache.render_until(open, width, more);
        }
        let row = self.article().map_or(0, |a| a.row_of_body_line(line));
        let height = usize::from(panes.article.height).max(1);
        self.cache
            .render_until(open, width, row.saturating_add(SCREENS_AHEAD * height));
    }

    /// Rows of the open post rendered so far.
    fn rendered_rows(&self) -> usize {
        self.article().map_or(0, |a| a.lines.len())
    }

    /// Whether an article is still being rendered: the event loop then calls
    /// [`App::render_more`] while no key is waiting.
    pub fn rendering(&self) -> bool {
        self.cache.is_rendering()
    }

    /// Renders one more piece of the article under way; returns whether more is left.
    pub fn render_more(&mut self) -> bool {
        self.cache.advance()
    }
}
