//! The reader's state and every change to it, without a terminal.
//!
//! [`App::handle`] is the only place state changes; drawing (`impl Widget for &App` in
//! `ui.rs`) reads it. Articles are rendered here, once per (post, width), into a cache, so a
//! frame only slices cached lines.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::keymap::BINDINGS;
use super::layout::{Panes, help_rows, layout};
use super::picker::Picker;
use super::prompt::Prompt;
use super::sidebar::{Sidebar, SidebarRow};
use crate::library::search::{Query, SearchHit, SearchIndex, SearchOptions};
use crate::library::tags;
use crate::library::{Post, PostId};
use crate::markdown::{Article, RenderOptions, SoftBreaks, render_post};
use crate::styled::Theme;
use crate::text::fold::fold;
use crate::text::str_width;

/// Which pane receives movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The category/post list.
    #[default]
    Sidebar,
    /// The article.
    Article,
}

/// What is on top of the panes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// Just the panes.
    #[default]
    Normal,
    /// The key binding overlay.
    Help,
    /// The hashtag picker (`#`).
    TagPicker(TagPicker),
    /// Full-text search (`/`).
    Search(SearchPanel),
}

impl Mode {
    /// Whether keys are typed into a prompt.
    pub fn takes_text(&self) -> bool {
        matches!(self, Mode::TagPicker(_) | Mode::Search(_))
    }
}

/// The hashtag picker: tags of the posts shown, filtered fuzzily as you type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagPicker {
    /// What was typed.
    pub prompt: Prompt,
    /// Every tag of the posts shown (minus the active filter) with its count.
    pub tags: Vec<(String, usize)>,
    /// Indices into `tags` matching the prompt, best first.
    pub matches: Vec<usize>,
    /// Selection among `matches`.
    pub picker: Picker,
}

impl TagPicker {
    fn new(tags: Vec<(String, usize)>) -> TagPicker {
        let mut picker = TagPicker {
            tags,
            ..TagPicker::default()
        };
        picker.refilter();
        picker
    }

    fn refilter(&mut self) {
        self.matches = tags::fuzzy_tags(&self.tags, self.prompt.text());
        self.picker = Picker::new(self.matches.len());
    }

    /// The selected tag.
    pub fn selected_tag(&self) -> Option<&str> {
        let i = *self.matches.get(self.picker.selection()?)?;
        self.tags.get(i).map(|(tag, _)| tag.as_str())
    }
}

/// The search overlay: a prompt and ranked results.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchPanel {
    /// What was typed.
    pub prompt: Prompt,
    /// Ranked results for the prompt.
    pub hits: Vec<SearchHit>,
    /// Selection among `hits`.
    pub picker: Picker,
}

/// A search match in the rendered article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMatch {
    /// Row of the article.
    pub row: usize,
    /// Columns it covers.
    pub columns: std::ops::Range<usize>,
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

/// Results shown in the search overlay at most.
const SEARCH_LIMIT: usize = 50;

/// Everything the user can ask for, after key and mouse events are mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move up one row / scroll one line up.
    Up,
    /// Move down one row / scroll one line down.
    Down,
    /// Scroll the article a page up.
    PageUp,
    /// Scroll the article a page down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Open the selected post or expand the selected category.
    Open,
    /// Collapse, go to the parent category, or back to the sidebar.
    Back,
    /// Switch focus between sidebar and article.
    ToggleFocus,
    /// Open the previous post in sidebar order.
    PreviousPost,
    /// Open the next post in sidebar order.
    NextPost,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Close whatever overlay is open.
    Close,
    /// Redraw the whole screen from scratch.
    Redraw,
    /// Leave geul.
    Quit,
    /// The terminal has this many columns and rows.
    Resize(u16, u16),
    /// Mouse wheel at a position: negative is up.
    Scroll {
        /// Column of the pointer.
        x: u16,
        /// Row of the pointer.
        y: u16,
        /// Lines to scroll.
        delta: i16,
    },
    /// A left click at a position.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// Open the hashtag picker.
    OpenTagPicker,
    /// Open full-text search.
    OpenSearch,
    /// A character typed into a prompt.
    Input(char),
    /// Remove the last character of a prompt.
    DeleteChar,
    /// Jump to the next search match in the article.
    NextMatch,
    /// Jump to the previous search match in the article.
    PreviousMatch,
    /// Select the next hashtag chip in the article.
    NextChip,
    /// Read the folder again (posts added, changed or removed on disk).
    Reload,
}

/// Settings the app starts with.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// Palette.
    pub theme: Theme,
    /// Soft-break policy for rendering.
    pub soft_breaks: SoftBreaks,
    /// Preferred sidebar width.
    pub sidebar_width: u16,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            theme: Theme::default(),
            soft_breaks: SoftBreaks::Auto,
            sidebar_width: 34,
        }
    }
}

/// Cached renders kept at most; older widths of a resize drag are dropped first.
const CACHE_LIMIT: usize = 48;

/// The reader.
#[derive(Debug)]
pub struct App {
    /// The folder being read.
    pub root: PathBuf,
    /// All posts, newest first.
    pub posts: Vec<Post>,
    /// Settings.
    pub settings: AppSettings,
    /// Focused pane.
    pub focus: Focus,
    /// Overlay.
    pub mode: Mode,
    /// Category tree and selection.
    pub sidebar: Sidebar,
    /// The post shown in the article pane.
    pub open: Option<PostId>,
    /// First article row shown.
    pub scroll: usize,
    /// Terminal size.
    pub area: Rect,
    /// Set when the user asked to quit.
    pub should_quit: bool,
    /// Set when the screen must be redrawn from scratch; the event loop clears it.
    pub full_redraw: bool,
    /// The search index, built once at load.
    pub index: SearchIndex,
    /// Tags every shown post must carry (AND).
    pub tag_filter: Vec<String>,
    /// The query highlighted in the article.
    pub article_search: Option<ArticleSearch>,
    /// The selected hashtag chip in the article (index into its chips).
    pub chip: Option<usize>,
    /// A one-off message for the status line (shown until the next action).
    pub notice: Option<String>,
    /// First binding shown by the help overlay, when it is taller than the screen.
    pub help_scroll: usize,
    /// Where the article was while the terminal was too small to show it.
    saved_anchor: Option<crate::markdown::Anchor>,
    cache: HashMap<(PostId, u16), Arc<Article>>,
    cache_order: Vec<(PostId, u16)>,
}

impl App {
    /// A reader over `posts` (newest first) from `root`, with the newest post open and the
    /// sidebar focused, for a terminal of `area`.
    pub fn new(root: PathBuf, posts: Vec<Post>, settings: AppSettings, area: Rect) -> App {
        let visible: Vec<PostId> = (0..posts.len()).map(PostId).collect();
        let sidebar = Sidebar::new(&posts, &visible);
        let index = SearchIndex::build(&posts);
        let mut app = App {
            root,
            posts,
            settings,
            focus: Focus::Sidebar,
            mode: Mode::Normal,
            sidebar,
            open: None,
            scroll: 0,
            area,
            should_quit: false,
            full_redraw: false,
            index,
            tag_filter: Vec::new(),
            article_search: None,
            chip: None,
            notice: None,
            help_scroll: 0,
            saved_anchor: None,
            cache: HashMap::new(),
            cache_order: Vec::new(),
        };
        if let Some(newest) = app.newest_post() {
            app.sidebar.select_post(newest);
            app.open_post(newest);
        }
        app.after_change();
        app
    }

    /// The newest post shown in the sidebar (posts are sorted newest first).
    fn newest_post(&self) -> Option<PostId> {
        self.sidebar.post_order().iter().copied().min()
    }

    /// How many posts could not be read or parsed.
    pub fn load_errors(&self) -> usize {
        self.posts.iter().filter(|p| p.error.is_some()).count()
    }

    /// The pane rectangles for the current terminal size, or `None` when it is too small.
    pub fn panes(&self) -> Option<Panes> {
        layout(self.area, self.settings.sidebar_width)
    }

    /// The rendered article for the open post at the current width, if any.
    pub fn article(&self) -> Option<&Arc<Article>> {
        let open = self.open?;
        let width = self.panes()?.article.width;
        self.cache.get(&(open, width))
    }

    /// Applies one action.
    pub fn handle(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..) | Action::Redraw) {
            self.notice = None;
        }
        if self.mode.takes_text()
            && !matches!(action, Action::Resize(..) | Action::Redraw | Action::Quit)
        {
            self.handle_prompt(action);
            self.after_change();
            return;
        }
        if self.mode == Mode::Help {
            let rows = help_rows(self.area, BINDINGS.len());
            let last = BINDINGS.len().saturating_sub(rows);
            let page = rows.max(1);
            let scroll = self.help_scroll;
            self.help_scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll + 1,
                Action::PageUp => scroll.saturating_sub(page),
                Action::PageDown => scroll + page,
                Action::Top => 0,
                Action::Bottom => last,
                Action::Resize(..) | Action::Redraw | Action::Quit => scroll,
                _ => {
                    self.mode = Mode::Normal;
                    return;
                }
            }
            .min(last);
            if !matches!(action, Action::Resize(..) | Action::Redraw | Action::Quit) {
                return;
            }
        }
        match action {
            Action::Quit => self.should_quit = true,
            Action::Redraw => self.full_redraw = true,
            Action::ToggleHelp => {
                self.help_scroll = 0;
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    Mode::Help
                };
            }
            Action::Close => {
                // Esc with nothing open clears the search highlights and the tag filter.
                self.article_search = None;
                self.chip = None;
                if !self.tag_filter.is_empty() {
                    self.tag_filter.clear();
                    self.rebuild_sidebar();
                }
            }
            Action::OpenTagPicker => {
                let visible = self.sidebar.post_order().iter();
                let visible_tags = visible.map(|&p| self.posts[p.index()].tags.as_slice());
                let filter: Vec<String> = self.tag_filter.iter().map(|t| fold(t)).collect();
                let tags = tags::tag_counts(visible_tags)
                    .into_iter()
                    .filter(|(t, _)| !filter.contains(&fold(t)))
                    .collect();
                self.mode = Mode::TagPicker(TagPicker::new(tags));
            }
            Action::OpenSearch => self.mode = Mode::Search(SearchPanel::default()),
            Action::Input(_) | Action::DeleteChar => {}
            Action::NextMatch | Action::PreviousMatch => {
                self.jump_to_match(action == Action::NextMatch)
            }
            Action::NextChip => self.next_chip(),
            Action::Reload => self.reload(),
            Action::Resize(w, h) => self.resize(Rect::new(0, 0, w, h)),
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Sidebar => Focus::Article,
                    Focus::Article => Focus::Sidebar,
                }
            }
            Action::Up | Action::Down => {
                let delta = if action == Action::Up { -1 } else { 1 };
                match self.focus {
                    Focus::Sidebar => {
                        self.sidebar.move_by(delta);
                        self.preview_selection();
                    }
                    Focus::Article => self.scroll_by(delta),
                }
            }
            Action::PageUp => self.scroll_by(-self.page()),
            Action::PageDown => self.scroll_by(self.page()),
            Action::Top => match self.focus {
                Focus::Sidebar => {
                    self.sidebar.select_first();
                    self.preview_selection();
                }
                Focus::Article => self.scroll = 0,
            },
            Action::Bottom => match self.focus {
                Focus::Sidebar => {
                    self.sidebar.select_last();
                    self.preview_selection();
                }
                Focus::Article => self.scroll = self.max_scroll(),
            },
            Action::Open => match self.focus {
                Focus::Sidebar => match self.sidebar.selected_row() {
                    Some(SidebarRow::Category(_)) => self.sidebar.toggle_selected(),
                    Some(SidebarRow::Post(_, p)) => {
                        self.open_post(p);
                        self.focus = Focus::Article;
                    }
                    None => {}
                },
                Focus::Article => {
                    let tag = self
                        .chip
                        .and_then(|c| self.article()?.chips.get(c).map(|chip| chip.tag.clone()));
                    if let Some(tag) = tag {
                        self.add_tag_filter(tag);
                    }
                }
            },
            Action::Back => match self.focus {
                Focus::Sidebar => self.sidebar.collapse_or_parent(),
                Focus::Article => self.focus = Focus::Sidebar,
            },
            Action::PreviousPost | Action::NextPost => {
                let order = self.sidebar.post_order();
                let current = self.open.and_then(|o| order.iter().position(|p| *p == o));
                let target = match (current, action) {
                    (Some(i), Action::PreviousPost) => i.checked_sub(1),
                    (Some(i), _) => Some(i + 1).filter(|n| *n < order.len()),
                    (None, _) => (!order.is_empty()).then_some(0),
                };
                if let Some(p) = target.and_then(|t| order.get(t).copied()) {
                    self.sidebar.select_post(p);
                    self.open_post(p);
                }
            }
            Action::Scroll { x, y, delta } => {
                let Some(panes) = self.panes() else { return };
                if panes.sidebar_list.contains((x, y).into()) {
                    self.sidebar.move_by(isize::from(delta));
                    self.preview_selection();
                } else {
                    self.scroll_by(isize::from(delta));
                }
            }
            Action::Click { x, y } => self.click(x, y),
        }
        self.after_change();
    }

    fn click(&mut self, x: u16, y: u16) {
        let Some(panes) = self.panes() else { return };
        if panes.sidebar_list.contains((x, y).into()) {
            let row = self.sidebar.offset + usize::from(y - panes.sidebar_list.y);
            if row < self.sidebar.rows().len() {
                self.sidebar.selected = row;
                self.focus = Focus::Sidebar;
                match self.sidebar.selected_row() {
                    Some(SidebarRow::Category(_)) => self.sidebar.toggle_selected(),
                    Some(SidebarRow::Post(_, p)) => self.open_post(p),
                    None => {}
                }
            }
        } else if panes.article.contains((x, y).into()) {
            self.focus = Focus::Article;
        }
    }

    /// Moving the sidebar selection onto a post shows it, like a mail reader's preview.
    fn preview_selection(&mut self) {
        if let Some(p) = self.sidebar.selected_post()
            && self.open != Some(p)
        {
            self.open_post(p);
        }
    }

    /// Opens `post` at its top.
    pub fn open_post(&mut self, post: PostId) {
        if post.index() < self.posts.len() {
            self.open = Some(post);
            self.scroll = 0;
            self.chip = None;
            self.saved_anchor = None;
            if let Some(search) = &mut self.article_search {
                search.current = 0;
            }
            self.ensure_rendered();
        }
    }

    /// Keys while the tag picker or search overlay is open.
    fn handle_prompt(&mut self, action: Action) {
        let mut mode = std::mem::take(&mut self.mode);
        match (&mut mode, action) {
            (_, Action::Close) => return,
            (Mode::TagPicker(p), Action::Input(c)) => {
                p.prompt.push(c);
                p.refilter();
            }
            (Mode::TagPicker(p), Action::DeleteChar) => {
                p.prompt.backspace();
                p.refilter();
            }
            (Mode::TagPicker(p), Action::Up | Action::Down) => {
                p.picker.move_by(if action == Action::Up { -1 } else { 1 })
            }
            (Mode::TagPicker(p), Action::Open) => {
                if let Some(tag) = p.selected_tag().map(str::to_string) {
                    self.add_tag_filter(tag);
                }
                return;
            }
            (Mode::Search(panel), Action::Input(c)) => {
                panel.prompt.push(c);
                self.run_search(panel);
            }
            (Mode::Search(panel), Action::DeleteChar) => {
                panel.prompt.backspace();
                self.run_search(panel);
            }
            (Mode::Search(panel), Action::Up | Action::Down) => panel
                .picker
                .move_by(if action == Action::Up { -1 } else { 1 }),
            (Mode::Search(panel), Action::Open) => {
                if let Some(hit) = panel
                    .picker
                    .selection()
                    .and_then(|i| panel.hits.get(i))
                    .cloned()
                {
                    let query = panel.prompt.text().to_string();
                    self.open_hit(&hit, query);
                }
                return;
            }
            _ => {}
        }
        self.mode = mode;
    }

    fn run_search(&self, panel: &mut SearchPanel) {
        let options = SearchOptions {
            snippet_width: self.search_snippet_width(),
            ellipsis: crate::styled::Glyphs::current().ellipsis,
            ..SearchOptions::default()
        };
        panel.hits =
            self.index
                .search_with(&Query::parse(panel.prompt.text()), SEARCH_LIMIT, &options);
        panel.picker = Picker::new(panel.hits.len());
    }

    /// Columns a snippet gets in the search overlay.
    pub fn search_snippet_width(&self) -> usize {
        // The overlay is 6 columns narrower than the screen, has borders, and indents
        // snippets by 3.
        usize::from(self.area.width.saturating_sub(11)).clamp(10, 100)
    }

    /// Opens a search result scrolled to its first match in the body.
    fn open_hit(&mut self, hit: &SearchHit, query: String) {
        if !self.sidebar.post_order().contains(&hit.post) {
            self.tag_filter.clear();
            self.rebuild_sidebar();
        }
        self.sidebar.select_post(hit.post);
        self.open_post(hit.post);
        self.focus = Focus::Article;
        self.article_search = Some(ArticleSearch {
            query,
            matches: Vec::new(),
            current: 0,
            computed_for: None,
        });
        self.refresh_article_matches();
        let first_in_body = self.article().and_then(|article| {
            let search = self.article_search.as_ref()?;
            search
                .matches
                .iter()
                .position(|m| article.anchors.get(m.row).is_some_and(|a| a.block > 0))
        });
        if let Some(search) = &mut self.article_search {
            search.current = first_in_body.unwrap_or(0);
        }
        self.scroll_to_current_match();
    }

    /// Recomputes the highlighted matches when the article or its width changed.
    fn refresh_article_matches(&mut self) {
        let key = self.open.zip(self.panes().map(|p| p.article.width));
        let Some(search) = &self.article_search else {
            return;
        };
        if search.computed_for == key {
            return;
        }
        let query = Query::parse_finished(&search.query);
        let mut matches = Vec::new();
        if let Some(article) = self.article() {
            for row in 0..article.lines.len() {
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
        if let Some(search) = &mut self.article_search {
            search.current = search.current.min(matches.len().saturating_sub(1));
            search.matches = matches;
            search.computed_for = key;
        }
    }

    fn jump_to_match(&mut self, forward: bool) {
        let Some(search) = &mut self.article_search else {
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
        self.scroll_to_current_match();
    }

    /// Scrolls so the current match sits a third of the way down the pane.
    fn scroll_to_current_match(&mut self) {
        let row = self
            .article_search
            .as_ref()
            .and_then(|s| s.matches.get(s.current))
            .map(|m| m.row);
        if let Some(row) = row {
            self.scroll_to_row(row);
        }
    }

    fn scroll_to_row(&mut self, row: usize) {
        let height = self
            .panes()
            .map(|p| usize::from(p.article.height))
            .unwrap_or(1);
        if row < self.scroll || row >= self.scroll + height {
            self.scroll = row.saturating_sub(height / 3).min(self.max_scroll());
        }
    }

    fn next_chip(&mut self) {
        let count = self.article().map(|a| a.chips.len()).unwrap_or(0);
        if count == 0 {
            return;
        }
        let next = self.chip.map_or(0, |c| (c + 1) % count);
        self.chip = Some(next);
        self.focus = Focus::Article;
        if let Some(row) = self
            .article()
            .and_then(|a| a.chips.get(next))
            .map(|c| c.row)
        {
            self.scroll_to_row(row);
        }
    }

    /// Scans the folder again and rebuilds the index, keeping the open post (by path),
    /// the tag filter and the scroll position where they still apply.
    pub fn reload(&mut self) {
        let library = match crate::library::Library::load(&self.root) {
            Ok(library) => library,
            Err(error) => {
                self.notice = Some(format!("reload failed: {error}"));
                return;
            }
        };
        let open_path = self
            .open
            .and_then(|o| self.posts.get(o.index()))
            .map(|p| p.relative_path.clone());
        let scroll = self.scroll;
        self.posts = library.posts;
        self.index = SearchIndex::build(&self.posts);
        self.cache.clear();
        self.cache_order.clear();
        self.chip = None;
        if let Some(search) = &mut self.article_search {
            search.computed_for = None;
        }
        self.open = open_path
            .and_then(|path| self.posts.iter().position(|p| p.relative_path == path))
            .map(PostId);
        self.rebuild_sidebar();
        if self.open.is_some() {
            self.ensure_rendered();
            self.scroll = scroll.min(self.max_scroll());
        }
        self.notice = Some(format!("reloaded {} posts", self.posts.len()));
    }

    /// Narrows the sidebar to posts that also carry `tag`.
    pub fn add_tag_filter(&mut self, tag: String) {
        if !self.tag_filter.iter().any(|t| fold(t) == fold(&tag)) {
            self.tag_filter.push(tag);
        }
        self.rebuild_sidebar();
    }

    /// Regroups the sidebar for the tag filter. When the filter hides the open post, the
    /// first matching post opens.
    fn rebuild_sidebar(&mut self) {
        let visible = tags::filter_by_tags(&self.posts, &self.tag_filter);
        let mut sidebar = Sidebar::new(&self.posts, &visible);
        sidebar.keep_expansion(&self.sidebar);
        self.sidebar = sidebar;
        match self.open {
            Some(open) if visible.contains(&open) => {
                self.sidebar.select_post(open);
            }
            _ => match self.sidebar.post_order().first().copied() {
                Some(first) => {
                    self.sidebar.select_post(first);
                    self.open_post(first);
                }
                None => self.open = None,
            },
        }
    }

    fn page(&self) -> isize {
        let height = self.panes().map(|p| p.article.height).unwrap_or(1);
        height.saturating_sub(2).max(1) as isize
    }

    fn max_scroll(&self) -> usize {
        let height = self
            .panes()
            .map(|p| usize::from(p.article.height))
            .unwrap_or(1);
        self.article()
            .map(|a| a.lines.len().saturating_sub(height))
            .unwrap_or(0)
    }

    fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
    }

    /// Re-wraps for the new size, keeping the same source line at the top.
    fn resize(&mut self, area: Rect) {
        let old_width = self.panes().map(|p| p.article.width);
        let anchor = self
            .article()
            .and_then(|a| a.anchors.get(self.scroll).copied())
            .or(self.saved_anchor);
        self.area = area;
        self.ensure_rendered();
        let new_width = self.panes().map(|p| p.article.width);
        match self.article() {
            // Same width, same rows: the scroll position is still right.
            Some(_) if old_width == new_width => self.saved_anchor = None,
            Some(article) => {
                if let Some(anchor) = anchor {
                    self.scroll = article.row_of(anchor);
                }
                self.saved_anchor = None;
            }
            // Too small to show the article: remember the place for when it grows again.
            None => self.saved_anchor = anchor,
        }
    }

    /// Renders the open post for the current width unless it is cached.
    fn ensure_rendered(&mut self) {
        let (Some(open), Some(panes)) = (self.open, self.panes()) else {
            return;
        };
        let key = (open, panes.article.width);
        if self.cache.contains_key(&key) {
            return;
        }
        let options = RenderOptions {
            width: panes.article.width,
            soft_breaks: self.settings.soft_breaks,
            theme: &self.settings.theme,
        };
        let article = render_post(&self.posts[open.index()], &options);
        self.cache.insert(key, Arc::new(article));
        self.cache_order.push(key);
        if self.cache_order.len() > CACHE_LIMIT {
            let oldest = self.cache_order.remove(0);
            self.cache.remove(&oldest);
        }
    }

    /// Invariants after every action: render cached, scroll clamped, selection visible.
    fn after_change(&mut self) {
        self.ensure_rendered();
        self.refresh_article_matches();
        if self.article().is_some() {
            self.scroll = self.scroll.min(self.max_scroll());
        }
        if let Some(panes) = self.panes() {
            self.sidebar
                .scroll_into_view(usize::from(panes.sidebar_list.height));
        }
    }

    /// Position of the open post among the sidebar's posts, 1-based, and their count.
    pub fn position(&self) -> (usize, usize) {
        let order = self.sidebar.post_order();
        let index = self
            .open
            .and_then(|o| order.iter().position(|p| *p == o))
            .map(|i| i + 1)
            .unwrap_or(0);
        (index, order.len())
    }

    /// How far through the article the view is, 0–100.
    pub fn percent(&self) -> u16 {
        let max = self.max_scroll();
        (self.scroll * 100)
            .checked_div(max)
            .map_or(100, |p| p.min(100) as u16)
    }

    /// Number of articles rendered so far (for tests of the cache).
    pub fn renders_cached(&self) -> usize {
        self.cache.len()
    }
}
