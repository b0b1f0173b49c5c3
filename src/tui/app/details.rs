//! `<details>` in the open article: a summary line folds its body away, as in a browser
//! (open at first only with the `open` attribute). Enter on a summary chosen with Tab, a
//! click on it, or Enter with nothing chosen while it is the first summary in the pane
//! expands or collapses it.
//!
//! Which details were toggled is kept per post with the rest of what is remembered of the
//! folder (`FolderState::toggled_details`), so it lasts across restarts unless the state
//! is off. A toggle renders the
//! post again with the folded bodies left out (see [`crate::markdown::folds`]), once, and
//! finds the place again by its anchor; a jump to a line inside a folded body (outline,
//! heading link, search result) expands the details around it first, so no jump lands on a
//! row that is not shown.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;
use std::sync::Arc;

use super::App;
use crate::library::search::Query;
use crate::library::state::post_key;
use crate::library::{Post, PostId};
use crate::markdown::links::{CellRun, LinkSpot};
use crate::markdown::{Article, Fold, Folding};
use crate::text::str_width;
use crate::tui::reader::Stop;

/// The summaries shown in `article`, each as a stop of the Tab cycle: its rows' cells.
pub(super) fn summary_spots(article: &Article) -> Vec<(LinkSpot, Fold)> {
    article
        .folds
        .iter()
        .filter_map(|fold| {
            let first = article.row_of(fold.summary);
            let cells: Vec<CellRun> = (first..article.lines.len())
                .take_while(|&row| article.anchors.get(row) == Some(&fold.summary))
                .map(|row| {
                    let line = &article.lines[row];
                    CellRun {
                        row,
                        column: 0,
                        width: line.spans.iter().map(|s| str_width(&s.content)).sum(),
                    }
                })
                .collect();
            // A summary inside a folded body has no rows.
            (!cells.is_empty()).then(|| {
                let spot = LinkSpot {
                    url: String::new(),
                    cells,
                };
                (spot, *fold)
            })
        })
        .collect()
}

/// The details whose summary is drawn on `row` of `article`.
pub(super) fn summary_on_row(article: &Article, row: usize) -> Option<Fold> {
    let anchor = article.anchors.get(row)?;
    article.folds.iter().find(|f| f.summary == *anchor).copied()
}

/// The body lines of `post` inside folded bodies in `article`, its render: ascending,
/// disjoint ranges.
pub(super) fn folded_lines(post: &Post, article: &Article) -> Vec<RangeInclusive<usize>> {
    let mut ranges: Vec<RangeInclusive<usize>> = Vec::new();
    for fold in article.folds.iter().filter(|fold| !fold.open) {
        // The details are ordered by their summary line.
        let Ok(i) = post
            .details
            .binary_search_by_key(&fold.line, |d| d.summary_line)
        else {
            continue;
        };
        let d = post.details[i];
        let body = d.summary_line + 1..=d.end_line;
        match ranges.last_mut() {
            // A folded details inside another folded one adds nothing.
            Some(last) if last.contains(body.start()) => {}
            _ => ranges.push(body),
        }
    }
    ranges
}

/// Whether `line` is in one of `ranges` (from [`folded_lines`]).
pub(super) fn in_ranges(ranges: &[RangeInclusive<usize>], line: usize) -> bool {
    let i = ranges.partition_point(|r| *r.end() < line);
    ranges.get(i).is_some_and(|r| r.contains(&line))
}

impl App {
    /// How the details of `post` are shown now.
    pub(super) fn folding(&self, post: PostId) -> Folding {
        let toggled = self
            .posts
            .get(post)
            .and_then(|post| {
                let key = post_key(&post.relative_path);
                self.memory.state.toggled_details.get(&key).cloned()
            })
            .unwrap_or_default();
        Folding::Toggled(toggled)
    }

    /// Toggles the details of the open post whose summaries are on `lines`, remembered.
    fn toggle_lines(&mut self, lines: impl IntoIterator<Item = usize>) {
        let Some(post) = self.reader.open.and_then(|open| self.posts.get(open)) else {
            return;
        };
        let key = post_key(&post.relative_path);
        let toggled = self.memory.state.toggled_details.entry(key).or_default();
        for line in lines {
            if !toggled.remove(&line) {
                toggled.insert(line);
            }
        }
        self.memory.touch();
    }

    /// Expands or collapses the details of the open post whose summary is on body line
    /// `line`, keeping the place.
    pub(super) fn toggle_details(&mut self, line: usize) {
        self.toggle_lines([line]);
        self.render_folded_again();
        self.show_unfolded_body(line);
    }

    /// After the details on body line `line` unfolded near the bottom of the pane: scrolls
    /// so half a pane of its body shows, its summary kept in view.
    fn show_unfolded_body(&mut self, line: usize) {
        let height = self.page_height();
        let Some(article) = self.article().cloned() else {
            return;
        };
        let Some(fold) = article.folds.iter().find(|f| f.line == line && f.open) else {
            return;
        };
        let summary = article.row_of(fold.summary);
        let scroll = self.reader.scroll;
        if summary < scroll || summary >= scroll.saturating_add(height) {
            return;
        }
        let wanted = summary + height / 2;
        if wanted >= scroll.saturating_add(height) {
            self.reader.scroll = (wanted + 1 - height).min(summary);
        }
    }

    /// Renders the open post again after its folding changed, the top row's source place
    /// kept.
    fn render_folded_again(&mut self) {
        let Some(open) = self.reader.open else { return };
        let anchor = self.reader.top_anchor(self.article().map(Arc::as_ref));
        self.cache.forget(open);
        self.reader.forget_renders();
        self.ensure_rendered_through(anchor);
        if let (Some(anchor), Some(article)) = (anchor, self.article()) {
            self.reader.scroll = article.row_of(anchor);
        }
    }

    /// Chooses the summary on body line `line` as the Tab stop, if it is shown.
    pub(super) fn choose_summary(&mut self, line: usize) {
        let Some(article) = self.article().cloned() else {
            return;
        };
        if let Some((spot, fold)) = summary_spots(&article)
            .into_iter()
            .find(|(_, fold)| fold.line == line)
        {
            self.choose_stop(spot, Stop::Summary(fold));
        }
    }

    /// Enter with nothing chosen: toggles the details whose summary is the first one shown
    /// in the pane. Returns whether there was one.
    pub(super) fn toggle_first_shown_summary(&mut self) -> bool {
        // The scroll may be `usize::MAX`: `G` in a terminal too small for the panes.
        let top = self.reader.scroll;
        let shown = top..top.saturating_add(self.page_height());
        let fold = self.article().and_then(|article| {
            article
                .folds
                .iter()
                .find(|fold| {
                    let row = article.row_of(fold.summary);
                    shown.contains(&row) && article.anchors.get(row) == Some(&fold.summary)
                })
                .copied()
        });
        match fold {
            Some(fold) => {
                self.toggle_details(fold.line);
                true
            }
            None => false,
        }
    }

    /// A click on `row` of the article: toggles the details whose summary is drawn there.
    pub(super) fn click_article_row(&mut self, row: usize) {
        let fold = self
            .article()
            .and_then(|article| summary_on_row(article, row));
        if let Some(fold) = fold {
            self.reader.link = None;
            self.toggle_details(fold.line);
        }
    }

    /// Expands the folded details of the open post whose bodies hold body line `line`,
    /// before a jump there.
    pub(super) fn unfold_around_line(&mut self, line: usize) {
        self.unfold_where(|details| details.holds(line));
    }

    /// Expands the folded details of the open post whose bodies hold text `query` matches,
    /// before its matches are looked for in the article.
    pub(super) fn unfold_matches_of(&mut self, query: &str) {
        let Some(post) = self.reader.open.and_then(|open| self.posts.get(open)) else {
            return;
        };
        let query = Query::parse_finished(query);
        let lines: Vec<&str> = post.body.lines().collect();
        let matched: Vec<usize> = post
            .details
            .iter()
            .filter(|d| {
                let body = lines
                    .get(d.summary_line + 1..=d.end_line.min(lines.len().saturating_sub(1)))
                    .unwrap_or_default();
                body.iter().any(|line| !query.find_all(line).is_empty())
            })
            .map(|d| d.summary_line)
            .collect();
        self.unfold_where(|details| matched.contains(&details.summary_line));
    }

    /// Expands the folded details of the open post that `wanted` accepts.
    fn unfold_where(&mut self, wanted: impl Fn(&crate::library::site_syntax::Details) -> bool) {
        let Some(open) = self.reader.open else { return };
        let Some(post) = self.posts.get(open) else {
            return;
        };
        let folding = self.folding(open);
        let to_open: BTreeSet<usize> = post
            .details
            .iter()
            .filter(|d| wanted(d) && !folding.is_open(d))
            .map(|d| d.summary_line)
            .collect();
        if to_open.is_empty() {
            return;
        }
        self.toggle_lines(to_open);
        self.render_folded_again();
    }
}
