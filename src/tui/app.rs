//! The reader's state and every change to it, without a terminal.
//!
//! [`App::handle`] is the only place state changes; drawing (`impl Widget for &App` in
//! `ui.rs`) reads it. Articles are rendered here, once per (post, width), into a cache, so a
//! frame only slices cached lines.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::layout::{Panes, layout};
use super::sidebar::{Sidebar, SidebarRow};
use crate::library::Post;
use crate::markdown::{Article, RenderOptions, SoftBreaks, render_post};
use crate::theme::Theme;

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
}

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
    pub open: Option<usize>,
    /// First article row shown.
    pub scroll: usize,
    /// Terminal size.
    pub area: Rect,
    /// Set when the user asked to quit.
    pub should_quit: bool,
    /// Set when the screen must be redrawn from scratch; the event loop clears it.
    pub full_redraw: bool,
    cache: HashMap<(usize, u16), Arc<Article>>,
    cache_order: Vec<(usize, u16)>,
}

impl App {
    /// A reader over `posts` (newest first) from `root`, with the newest post open and the
    /// sidebar focused, for a terminal of `area`.
    pub fn new(root: PathBuf, posts: Vec<Post>, settings: AppSettings, area: Rect) -> App {
        let visible: Vec<usize> = (0..posts.len()).collect();
        let sidebar = Sidebar::new(&posts, &visible);
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
    fn newest_post(&self) -> Option<usize> {
        self.sidebar.post_order().into_iter().min()
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
        if self.mode == Mode::Help {
            match action {
                Action::Resize(..) | Action::Redraw => {}
                Action::Quit => self.should_quit = true,
                _ => {
                    self.mode = Mode::Normal;
                    return;
                }
            }
        }
        match action {
            Action::Quit => self.should_quit = true,
            Action::Redraw => self.full_redraw = true,
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    Mode::Help
                };
            }
            Action::Close => self.mode = Mode::Normal,
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
                Focus::Article => {}
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
    pub fn open_post(&mut self, post: usize) {
        if post < self.posts.len() {
            self.open = Some(post);
            self.scroll = 0;
            self.ensure_rendered();
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
        let anchor = self
            .article()
            .and_then(|a| a.anchors.get(self.scroll).copied());
        self.area = area;
        self.ensure_rendered();
        if let (Some(anchor), Some(article)) = (anchor, self.article()) {
            self.scroll = article.row_of(anchor);
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
        let article = render_post(&self.posts[open], &options);
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
        self.scroll = self.scroll.min(self.max_scroll());
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
