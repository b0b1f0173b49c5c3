//! The open post: which one, how far it is scrolled, the search matches highlighted in it
//! and the selected tag chip or link.
//!
//! Every method that depends on the render takes it, with the pane's height, from the
//! caller: the reader holds places, the cache holds renders.

use std::ops::Range;

use crate::library::PostId;
use crate::library::links::LinkTarget;
use crate::library::search::Query;
use crate::markdown::links::LinkSpot;
use crate::markdown::{Anchor, Article, Fold};
use crate::text::str_width;

/// A search match in the rendered article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMatch {
    /// Row of the article.
    pub row: usize,
    /// Columns it covers.
    pub columns: Range<usize>,
}

/// The query whose matches are highlighted in the article, and where `n`/`N` are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSearch {
    /// The query as typed.
    pub query: String,
    /// Matches in the current render, in reading order.
    pub matches: Vec<ArticleMatch>,
    /// The current match.
    pub current: usize,
    /// The (post, width) the matches were computed for.
    computed_for: Option<(PostId, u16)>,
}

impl ArticleSearch {
    /// Highlights of `query`, to be found in the next render looked at.
    pub fn new(query: String) -> ArticleSearch {
        ArticleSearch {
            query,
            matches: Vec::new(),
            current: 0,
            computed_for: None,
        }
    }
}

/// A stop of the Tab cycle chosen: a link of the article or the summary line of a
/// `<details>`, where it is drawn and what Enter does on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenLink {
    /// Its cells in the render it was chosen in.
    pub spot: LinkSpot,
    /// What Enter does: follow the link or toggle the details.
    pub target: Stop,
}

/// What a stop of the Tab cycle is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// A link, and where following it leads.
    Link(LinkTarget),
    /// The summary of a `<details>`: Enter expands or collapses it.
    Summary(Fold),
}

/// The open post and the reader's place in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// The post shown in the article pane.
    pub open: Option<PostId>,
    /// First article row shown.
    pub scroll: usize,
    /// The query highlighted in the article.
    pub search: Option<ArticleSearch>,
    /// The selected hashtag chip in the article (index into its chips).
    pub chip: Option<usize>,
    /// The link chosen with Tab, in the current render.
    pub link: Option<ChosenLink>,
    /// Where the article was while the terminal was too small to show it.
    saved_anchor: Option<Anchor>,
}

impl Reader {
    /// Shows `post` from its top; the highlighted query, if any, stays and starts again at
    /// its first match.
    pub fn open(&mut self, post: PostId) {
        self.open = Some(post);
        self.scroll = 0;
        self.chip = None;
        self.link = None;
        self.saved_anchor = None;
        if let Some(search) = &mut self.search {
            search.current = 0;
        }
    }

    /// Closes the article (no post left to show).
    pub fn close(&mut self) {
        self.open = None;
        self.chip = None;
        self.link = None;
        self.saved_anchor = None;
    }

    /// Forgets everything computed from renders, which are about to be made again (the
    /// folder was read again).
    pub fn forget_renders(&mut self) {
        self.chip = None;
        self.link = None;
        if let Some(search) = &mut self.search {
            search.computed_for = None;
        }
    }

    /// The last row that can be the top one, for a pane `height` rows tall.
    pub fn max_scroll(article: &Article, height: usize) -> usize {
        article.lines.len().saturating_sub(height)
    }

    /// Scrolls by `delta` rows, clamped to the article.
    pub fn scroll_by(&mut self, delta: isize, article: &Article, height: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(Self::max_scroll(article, height));
    }

    /// Keeps the scroll inside the article.
    pub fn clamp(&mut self, article: &Article, height: usize) {
        self.scroll = self.scroll.min(Self::max_scroll(article, height));
    }

    /// Brings `row` into view, a third of the way down the pane, unless it is visible.
    pub fn scroll_to_row(&mut self, row: usize, article: &Article, height: usize) {
        if row < self.scroll || row >= self.scroll.saturating_add(height) {
            self.scroll = row
                .saturating_sub(height / 3)
                .min(Self::max_scroll(article, height));
        }
    }

    /// How far through the article the view is, 0–100.
    pub fn percent(&self, article: Option<&Article>, height: usize) -> u16 {
        let max = article.map_or(0, |a| Self::max_scroll(a, height));
        (self.scroll * 100)
            .checked_div(max)
            .map_or(100, |p| p.min(100) as u16)
    }

    /// The source place of the top row, to find again in a render for another width.
    pub fn top_anchor(&self, article: Option<&Article>) -> Option<Anchor> {
        article
            .and_then(|a| a.anchors.get(self.scroll).copied())
            .or(self.saved_anchor)
    }

    /// The rows the top row is into the source line it shows (0 for the line's first
    /// row): what [`Reader::restore`] keeps when the line wraps the same way again.
    pub fn rows_into_line(&self, article: Option<&Article>) -> usize {
        let Some(article) = article else { return 0 };
        article.anchors.get(self.scroll).map_or(0, |&anchor| {
            self.scroll - article.row_of(anchor).min(self.scroll)
        })
    }

    /// After the pane changed size or the post was rendered again: scrolls `article` (the
    /// render now shown, or `None` when the pane is too small to show one) back to
    /// `anchor`, `into_line` rows into its source line when that line wraps as before
    /// (same width). When `article` is the render the place was taken in, the scroll
    /// stays. A render for the same width is not enough: a thumbnail planned for another
    /// pane height, or pictures found or turned off, move every row below them.
    pub fn restore(
        &mut self,
        anchor: Option<Anchor>,
        article: Option<&Article>,
        same_render: bool,
        into_line: usize,
    ) {
        match article {
            Some(_) if same_render => self.saved_anchor = None,
            Some(article) => {
                if let Some(anchor) = anchor {
                    let first = article.row_of(anchor);
                    let rows = (article.anchors.get(first..).unwrap_or_default())
                        .iter()
                        .take_while(|a| **a == anchor)
                        .count();
                    self.scroll = first + into_line.min(rows.saturating_sub(1));
                }
                self.saved_anchor = None;
            }
            // Too small to show the article: remember the place for when it grows again.
            None => self.saved_anchor = anchor,
        }
    }

    /// After the post was edited on disk: scrolls `article` (its new render) to the row
    /// that reads `top_text` (the old top row) nearest to where `anchor` now falls, so an
    /// edit above the place does not move the text being read; else to `anchor` itself.
    pub fn restore_after_edit(
        &mut self,
        top_text: &str,
        anchor: Option<Anchor>,
        article: &Article,
    ) {
        let near = anchor.map_or(self.scroll, |a| article.row_of(a));
        let same = (0..article.lines.len())
            .filter(|&row| !top_text.trim().is_empty() && article.row_text(row) == top_text)
            .min_by_key(|&row| row.abs_diff(near));
        self.scroll = same.unwrap_or(near);
        self.saved_anchor = None;
    }

    /// Finds the highlighted query in `article`, the render of `key`, unless it was
    /// already found there. Only the body is searched: the header repeats the title, and a
    /// jump from search should land on `match 1/N` in the text, with `n` never going back
    /// up to the title.
    pub fn refresh_matches(&mut self, article: Option<&Article>, key: Option<(PostId, u16)>) {
        let Some(search) = &mut self.search else {
            return;
        };
        if search.computed_for == key {
            return;
        }
        let query = Query::parse_finished(&search.query);
        let mut matches = Vec::new();
        if let Some(article) = article {
            for row in 0..article.lines.len() {
                if article.anchors.get(row).is_some_and(|a| a.block == 0) {
                    continue;
                }
                let text = article.row_text(row);
                for range in query.find_all(&text) {
                    let (Some(before), Some(matched)) = (text.get(..range.start), text.get(range))
                    else {
                        continue;
                    };
                    let start = str_width(before);
                    let end = start + str_width(matched);
                    matches.push(ArticleMatch {
                        row,
                        columns: start..end,
                    });
                }
            }
        }
        search.current = search.current.min(matches.len().saturating_sub(1));
        search.matches = matches;
        search.computed_for = key;
    }

    /// Moves to the next (or previous) match, wrapping, and brings it into view.
    pub fn jump_to_match(&mut self, forward: bool, article: &Article, height: usize) {
        let Some(search) = &mut self.search else {
            return;
        };
        let n = search.matches.len();
        if n == 0 {
            return;
        }
        search.current = if forward {
            (search.current + 1) % n
        } else {
            (search.current + n - 1) % n
        };
        self.scroll_to_current_match(article, height);
    }

    /// Brings the current match into view.
    pub fn scroll_to_current_match(&mut self, article: &Article, height: usize) {
        let row = self
            .search
            .as_ref()
            .and_then(|s| s.matches.get(s.current))
            .map(|m| m.row);
        if let Some(row) = row {
            self.scroll_to_row(row, article, height);
        }
    }

    /// Selects the next tag chip of `article`, wrapping, and brings it into view. Returns
    /// whether the article has any chip.
    pub fn next_chip(&mut self, article: &Article, height: usize) -> bool {
        let count = article.chips.len();
        if count == 0 {
            return false;
        }
        let next = self.chip.map_or(0, |c| (c + 1) % count);
        self.chip = Some(next);
        if let Some(row) = article.chips.get(next).map(|c| c.row) {
            self.scroll_to_row(row, article, height);
        }
        true
    }

    /// The tag of the selected chip.
    pub fn chip_tag<'a>(&self, article: &'a Article) -> Option<&'a str> {
        article.chips.get(self.chip?).map(|c| c.tag.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    fn article(rows: usize) -> Article {
        Article {
            lines: (0..rows)
                .map(|i| Line::from(format!("줄 {i} 생성형")))
                .collect(),
            anchors: (0..rows)
                .map(|i| Anchor {
                    block: u32::try_from(i / 2).unwrap_or(u32::MAX),
                    line: 0,
                })
                .collect(),
            ..Article::default()
        }
    }

    #[test]
    fn scrolling_stops_at_the_last_screenful() {
        let article = article(30);
        let mut reader = Reader::default();
        reader.open(PostId(0));
        reader.scroll_by(100, &article, 10);
        assert_eq!(reader.scroll, 20);
        assert_eq!(reader.percent(Some(&article), 10), 100);
        reader.scroll_by(-15, &article, 10);
        assert_eq!(reader.scroll, 5);
        assert_eq!(reader.percent(Some(&article), 10), 25);
    }

    #[test]
    fn a_row_out_of_view_comes_a_third_of_the_way_down() {
        let article = article(100);
        let mut reader = Reader::default();
        reader.scroll_to_row(50, &article, 30);
        assert_eq!(reader.scroll, 40);
        reader.scroll_to_row(45, &article, 30);
        assert_eq!(reader.scroll, 40, "already visible: no jump");
    }

    #[test]
    fn matches_are_found_once_per_render_and_wrap_around() {
        let article = article(6);
        let mut reader = Reader {
            search: Some(ArticleSearch::new("생성".into())),
            ..Reader::default()
        };
        reader.refresh_matches(Some(&article), Some((PostId(0), 40)));
        let found = reader.search.as_ref().map(|s| s.matches.len());
        assert_eq!(
            found,
            Some(4),
            "six rows, the two of the header not searched"
        );
        let first = reader.search.as_ref().map(|s| s.matches[0].columns.clone());
        assert_eq!(first, Some(5..9), "columns, not bytes");
        reader.jump_to_match(false, &article, 2);
        assert_eq!(reader.search.as_ref().map(|s| s.current), Some(3));
        reader.jump_to_match(true, &article, 2);
        assert_eq!(reader.search.as_ref().map(|s| s.current), Some(0));
    }

    #[test]
    fn the_header_is_not_searched_so_the_first_match_is_in_the_body() {
        let article = article(6);
        let mut reader = Reader {
            search: Some(ArticleSearch::new("생성".into())),
            ..Reader::default()
        };
        reader.refresh_matches(Some(&article), Some((PostId(0), 40)));
        let rows: Vec<usize> = reader
            .search
            .as_ref()
            .map(|s| s.matches.iter().map(|m| m.row).collect())
            .unwrap_or_default();
        assert_eq!(rows, [2, 3, 4, 5]);
        assert_eq!(reader.search.as_ref().map(|s| s.current), Some(0));
    }

    #[test]
    fn after_an_edit_the_same_text_stays_at_the_top() {
        let old = article(20);
        let mut reader = Reader {
            scroll: 8,
            ..Reader::default()
        };
        let anchor = reader.top_anchor(Some(&old));
        let text = old.row_text(8);
        // Two rows inserted above: the text read is now on row 10.
        let mut lines = vec![Line::from("새 줄"), Line::from("")];
        lines.extend(old.lines.iter().cloned());
        let edited = Article {
            anchors: (0..22)
                .map(|i| Anchor {
                    block: u32::try_from(i / 2).unwrap_or(u32::MAX),
                    line: 0,
                })
                .collect(),
            lines,
            ..Article::default()
        };
        reader.restore_after_edit(&text, anchor, &edited);
        assert_eq!(reader.scroll, 10);
        assert_eq!(edited.row_text(reader.scroll), text);
    }

    /// `article(rows)` with `extra` more header rows on top, as a thumbnail planned for
    /// a taller pane makes it.
    fn with_taller_header(rows: usize, extra: usize) -> Article {
        let mut article = article(rows);
        let header = Anchor { block: 0, line: 0 };
        article
            .lines
            .splice(0..0, (0..extra).map(|_| Line::from("▀▀▀▀")));
        article
            .anchors
            .splice(0..0, std::iter::repeat_n(header, extra));
        article
    }

    #[test]
    fn a_new_render_for_the_same_width_keeps_the_text_at_the_top_not_the_row() {
        let before = article(20);
        let mut reader = Reader {
            scroll: 9,
            ..Reader::default()
        };
        let anchor = reader.top_anchor(Some(&before));
        let into_line = reader.rows_into_line(Some(&before));
        assert_eq!(into_line, 1, "row 9 is the second row of block 4");
        let top = before.row_text(9);
        // The thumbnail came in, six rows tall: every row below it moved down six.
        let after = with_taller_header(20, 6);
        reader.restore(anchor, Some(&after), false, into_line);
        assert_eq!(reader.scroll, 15);
        assert_eq!(after.row_text(reader.scroll), top);
        // The very same render: nothing moves.
        reader.restore(reader.top_anchor(Some(&after)), Some(&after), true, 1);
        assert_eq!(reader.scroll, 15);
    }

    #[test]
    fn a_place_kept_while_too_small_comes_back_in_the_next_render() {
        let wide = article(20);
        let mut reader = Reader {
            scroll: 8,
            ..Reader::default()
        };
        let anchor = reader.top_anchor(Some(&wide));
        reader.restore(anchor, None, false, 0);
        assert_eq!(
            reader.top_anchor(None),
            anchor,
            "kept while nothing is shown"
        );
        let narrow = article(40);
        reader.restore(reader.top_anchor(None), Some(&narrow), false, 0);
        assert_eq!(narrow.anchors[reader.scroll], Anchor { block: 4, line: 0 });
    }
}
