//! Full-text search (`/`): a prompt and ranked results, two rows each (title line,
//! snippet).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Outcome;
use super::prompt::{Prompt, render_prompt_popup};
use crate::library::Post;
use crate::library::search::{Query, SearchHit, SearchOptions, Segments};
use crate::styled::{Glyphs, Theme, truncate};
use crate::text::{display_text, str_width};
use crate::tui::action::Action;
use crate::tui::cells::{put_line, selection_bar};
use crate::tui::layout::{
    SEARCH_RESULT_ROWS, SNIPPET_INDENT, search_popup, search_slots, search_snippet_width,
};
use crate::tui::list_cursor::ListCursor;
use crate::tui::panes::status::thousands;

/// Results shown in the search overlay at most.
const SEARCH_LIMIT: usize = 50;

/// A result chosen in the search overlay: the hit and the query that found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenHit {
    /// The post and where it matched.
    pub hit: SearchHit,
    /// The query as typed, to highlight in the article.
    pub query: String,
}

/// The search overlay's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchPanel {
    /// What was typed.
    pub prompt: Prompt,
    /// Ranked results for the prompt.
    pub hits: Vec<SearchHit>,
    /// Selection among `hits`.
    pub cursor: ListCursor,
    /// While the folder is still indexed: posts searched so far, and posts there are.
    pub building: Option<(usize, usize)>,
}

impl SearchPanel {
    /// Typing searches `index` (over `posts`, by id) again, Up and Down move, Enter
    /// chooses the selected result, Esc closes. `area` is the screen, for the snippet width
    /// and the results shown.
    pub fn handle(
        &mut self,
        action: Action,
        index: &Segments,
        posts: &[Post],
        area: Rect,
    ) -> Outcome<ChosenHit> {
        match action {
            Action::Close => return Outcome::Close,
            Action::Input(c) => {
                self.prompt.push(c);
                self.run(index, posts, area);
            }
            Action::DeleteChar => {
                self.prompt.backspace();
                self.run(index, posts, area);
            }
            Action::Up => self.cursor.move_by(-1),
            Action::Down => self.cursor.move_by(1),
            Action::Open => {
                return match self.cursor.selection().and_then(|i| self.hits.get(i)) {
                    Some(hit) => Outcome::Chosen(ChosenHit {
                        hit: hit.clone(),
                        query: self.prompt.text().to_string(),
                    }),
                    None => Outcome::Close,
                };
            }
            _ => {}
        }
        self.fit(area);
        Outcome::Stay
    }

    fn run(&mut self, index: &Segments, posts: &[Post], area: Rect) {
        let options = SearchOptions {
            snippet_width: search_snippet_width(area),
            ellipsis: Glyphs::current().ellipsis,
            ..SearchOptions::default()
        };
        let query = Query::parse(self.prompt.text());
        self.hits = index.search_with(posts, &query, SEARCH_LIMIT, &options);
        self.cursor = ListCursor::new(self.hits.len());
    }

    /// Runs the query again over an index that grew or changed (the folder is being read
    /// or watched), keeping the selected place where the results still reach it.
    pub fn rerun(&mut self, index: &Segments, posts: &[Post], area: Rect) {
        let selected = self.cursor.selected;
        self.run(index, posts, area);
        if selected < self.hits.len() {
            self.cursor.selected = selected;
        }
        self.fit(area);
    }

    /// Keeps the selection in view on a screen of `area`.
    pub fn fit(&mut self, area: Rect) {
        self.cursor.scroll_into_view(search_slots(area).max(1));
    }

    /// Draws the overlay centred in `area`; `posts` are the library's, for titles.
    pub fn render(&self, posts: &[Post], area: Rect, buf: &mut Buffer, theme: &Theme) {
        let at = search_popup(area);
        let title = match self.building {
            Some((indexed, total)) => format!(
                "/ search · indexing {}/{}…",
                thousands(indexed),
                thousands(total)
            ),
            None => "/ search".to_string(),
        };
        render_prompt_popup(at, buf, theme, &title, "/", &self.prompt);
        let list = at.list;
        if self.hits.is_empty() {
            let hint = match (self.prompt.text().trim().is_empty(), self.building) {
                (true, _) => "titles, tags, descriptions and text · 초성 (ㅅㅅㅎ) and #tag work",
                (false, None) => "no matches",
                (false, Some(_)) => "no matches yet: the index is still being built",
            };
            let line = Line::from(Span::styled(hint, theme.dim));
            put_line(buf, list.x + 1, list.y, list.width.saturating_sub(1), &line);
            return;
        }
        for (slot, i) in self.cursor.visible(search_slots(area)).enumerate() {
            let (Some(hit), y) = (
                self.hits.get(i),
                list.y + (slot * SEARCH_RESULT_ROWS) as u16,
            ) else {
                continue;
            };
            let Some(post) = posts.get(hit.post.index()) else {
                continue;
            };
            let selected = i == self.cursor.selected;
            put_line(
                buf,
                list.x,
                y,
                list.width,
                &title_line(post, usize::from(list.width), selected, theme),
            );
            let snippet = snippet_line(
                &hit.snippet.text,
                &hit.snippet.highlights,
                theme.dim,
                theme.search_match,
            );
            put_line(
                buf,
                list.x + SNIPPET_INDENT,
                y + 1,
                list.width.saturating_sub(SNIPPET_INDENT),
                &snippet,
            );
        }
    }
}

/// A result's first row: the title, then its category and date, dim unless selected.
fn title_line(post: &Post, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
    let base = if selected {
        theme.selection_focused
    } else {
        theme.title
    };
    let meta = format!(" · {} · {}", post.category_label(), post.date_label());
    let meta = display_text(&meta).into_owned();
    let title_room = width.saturating_sub(1 + str_width(&meta).min(width / 2));
    let title = truncate(&display_text(&post.title), title_room).into_owned();
    let meta_room = width.saturating_sub(1 + str_width(&title));
    let spans = vec![
        Span::styled(" ", base),
        Span::styled(title, base),
        Span::styled(
            truncate(&meta, meta_room).into_owned(),
            if selected { base } else { theme.dim },
        ),
    ];
    if selected {
        selection_bar(spans, width, base)
    } else {
        Line::from(spans)
    }
}

/// A snippet with its highlighted ranges styled.
fn snippet_line(
    text: &str,
    highlights: &[std::ops::Range<usize>],
    base: Style,
    mark: Style,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut last = 0;
    for range in highlights {
        let (Some(before), Some(hit)) = (text.get(last..range.start), text.get(range.clone()))
        else {
            continue;
        };
        spans.push(Span::styled(display_text(before).into_owned(), base));
        spans.push(Span::styled(display_text(hit).into_owned(), mark));
        last = range.end;
    }
    spans.push(Span::styled(
        display_text(text.get(last..).unwrap_or_default()).into_owned(),
        base,
    ));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::search::SearchIndex;
    use crate::tui::cells::buffer_rows;

    fn posts() -> Vec<Post> {
        vec![
            Post {
                title: "생성형 AI란".into(),
                categories: vec!["AI".into()],
                body: "확산 모델은 그림을 만듭니다.".into(),
                ..Post::default()
            },
            Post {
                title: "제주 여행".into(),
                body: "바다와 오름.".into(),
                ..Post::default()
            },
        ]
    }

    #[test]
    fn an_empty_prompt_says_what_can_be_searched() {
        let area = Rect::new(0, 0, 80, 12);
        let mut buf = Buffer::empty(area);
        SearchPanel::default().render(&posts(), area, &mut buf, &Theme::default());
        let rows = buffer_rows(&buf);
        assert!(rows[1].contains("/ search"), "{rows:#?}");
        assert!(rows[2].contains("/ ▏"), "{rows:#?}");
        assert!(rows[4].contains("초성 (ㅅㅅㅎ) and #tag work"), "{rows:#?}");
    }

    #[test]
    fn typing_initial_consonants_lists_the_post_with_its_snippet() {
        let posts = posts();
        let index = Segments::whole(SearchIndex::build(&posts));
        let area = Rect::new(0, 0, 60, 12);
        let mut panel = SearchPanel::default();
        for c in "ㅎㅅ".chars() {
            assert_eq!(
                panel.handle(Action::Input(c), &index, &posts, area),
                Outcome::Stay
            );
        }
        assert_eq!(panel.hits.len(), 1);
        let mut buf = Buffer::empty(area);
        panel.render(&posts, area, &mut buf, &Theme::default());
        let rows = buffer_rows(&buf);
        assert!(rows[4].contains("생성형 AI란 · AI · undated"), "{rows:#?}");
        assert!(rows[5].contains("확산 모델은"), "{rows:#?}");
        let chosen = panel.handle(Action::Open, &index, &posts, area);
        assert!(matches!(chosen, Outcome::Chosen(c) if c.query == "ㅎㅅ"));
    }

    #[test]
    fn esc_closes_without_a_choice() {
        let index = Segments::whole(SearchIndex::build(&posts()));
        let mut panel = SearchPanel::default();
        let area = Rect::new(0, 0, 60, 12);
        assert_eq!(
            panel.handle(Action::Close, &index, &[], area),
            Outcome::Close
        );
    }
}
