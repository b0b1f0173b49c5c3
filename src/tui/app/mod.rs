//! The reader's state and every change to it, without a terminal.
//!
//! [`App::handle`] is the only place state changes: it handles what applies everywhere
//! (quit, redraw, resize), hands the action to the open overlay, or else to the focused
//! pane. Work that needs the outside world (reading the folder) is returned as an
//! [`Effect`] for the event loop to carry out. Drawing (`panes`) reads the state.
//! Articles are rendered here, once per (post, width), into a cache, so a frame only
//! slices cached lines.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

mod bookmarks;
mod details;
mod effect;
mod folder;
mod view;

pub use view::outline_offset;
mod link_cycle;
mod listing;
mod memory;
mod pictures;
mod reading;
mod rendering;
mod watched;

pub use effect::Effect;
pub use memory::Memory;

use super::action::{Action, KeyContext};
use super::cache::RenderCache;
use super::history::History;
use super::layout::{Panes, layout};
use super::overlays::search::ChosenHit;
use super::overlays::{FilteredPicker, HelpOverlay, Outcome, Overlay, SearchPanel, TagPicker};
use super::pictures::{PictureSettings, Pictures};
use super::reader::{ArticleSearch, Reader};
use super::sidebar::{Sidebar, SidebarRow};
use super::watch::WatchMode;
use crate::library::outline::Heading;
use crate::library::search::{SearchIndex, Segments};
use crate::library::{LoadProgress, Post, PostId, Posts};
use crate::markdown::{Article, SoftBreaks};
use crate::styled::Theme;

/// Which pane receives movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The category/post list.
    #[default]
    Sidebar,
    /// The article.
    Article,
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
    /// Watch the folder and show changes without `r`.
    pub watch: bool,
    /// How long a post must be open to count as read (scrolling it counts at once).
    pub read_after: Duration,
    /// Whether links are drawn as OSC 8 terminal hyperlinks.
    pub hyperlinks: bool,
    /// How pictures are shown (by default not at all).
    pub pictures: PictureSettings,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            theme: Theme::default(),
            soft_breaks: SoftBreaks::Auto,
            sidebar_width: 34,
            watch: true,
            read_after: Duration::from_secs(3),
            hyperlinks: false,
            pictures: PictureSettings::default(),
        }
    }
}

/// The reader.
#[derive(Debug)]
pub struct App {
    /// The folder being read.
    pub root: PathBuf,
    /// All posts, by id in the order they arrived, with their newest-first order.
    pub posts: Posts,
    /// The search index over `posts`, segment by segment.
    pub index: Segments,
    /// Settings.
    pub settings: AppSettings,
    /// Focused pane.
    pub focus: Focus,
    /// What is open on top of the panes.
    pub overlay: Option<Overlay>,
    /// Category tree and selection.
    pub sidebar: Sidebar,
    /// The open post and the place in it.
    pub reader: Reader,
    /// Terminal size.
    pub area: Rect,
    /// Tags every shown post must carry (AND).
    pub tag_filter: Vec<String>,
    /// A one-off message for the status line (shown until the next action).
    pub notice: Option<String>,
    /// Set when the user asked to quit.
    pub should_quit: bool,
    /// Set when the screen must be redrawn from scratch; the event loop clears it.
    pub full_redraw: bool,
    /// The folder read being waited for, if any (its request number).
    pub reading: Option<u64>,
    /// How far that read has come, counted by the worker.
    pub progress: Arc<LoadProgress>,
    /// The streaming read whose posts are still being indexed, if any.
    pub indexing: Option<u64>,
    /// Whether the user moved the selection or opened a post while the folder streamed
    /// in: the newest post then does not open when the read ends.
    chose_while_reading: bool,
    /// Requests to read the folder made so far.
    requests: u64,
    /// Whether the read under way was asked for with `r` (it then says how many posts).
    read_asked: bool,
    /// Whether the watcher saw a change it could not name while a read was under way.
    changed_while_reading: bool,
    /// Paths the watcher saw change while a read was under way, read again after it.
    paths_changed_while_reading: Vec<PathBuf>,
    /// How many posts the sidebar was last grouped from. Grouping costs the whole folder,
    /// so while the folder streams in it happens again only once the posts have grown by a
    /// quarter (and once at the end): a read of n posts groups O(log n) times, not once a
    /// batch.
    sidebar_covers: usize,
    /// How the folder is watched, for the status line.
    pub watch: WatchMode,
    /// The places left by jumps, for back and forward.
    pub history: History,
    /// What is remembered of the folder between runs (see [`Memory`]).
    pub memory: Memory,
    /// Whether the folder was found gone (see `folder_gone`).
    folder_missing: bool,
    /// Whether the sidebar is hidden for full-width reading (`z`).
    pub sidebar_hidden: bool,
    /// The headings of the open post while the outline is pinned, and whose they are.
    pinned_outline: Option<(PostId, Vec<Heading>)>,
    cache: RenderCache,
    /// The open post's pictures, found and drawn.
    pub pictures: Pictures,
}

impl App {
    /// A reader over `posts` (newest first) from `root`, with the newest post open and the
    /// sidebar focused, for a terminal of `area`.
    pub fn new(root: PathBuf, posts: Vec<Post>, settings: AppSettings, area: Rect) -> App {
        let index = Segments::whole(SearchIndex::build(&posts));
        let posts = Posts::listed(posts);
        let sidebar = Sidebar::new(posts.slots(), posts.newest_first());
        let mut app = App {
            root,
            posts,
            index,
            settings,
            focus: Focus::Sidebar,
            overlay: None,
            sidebar,
            reader: Reader::default(),
            area,
            tag_filter: Vec::new(),
            notice: None,
            should_quit: false,
            full_redraw: false,
            reading: None,
            progress: Arc::default(),
            indexing: None,
            chose_while_reading: false,
            requests: 0,
            read_asked: false,
            changed_while_reading: false,
            paths_changed_while_reading: Vec::new(),
            sidebar_covers: 0,
            watch: WatchMode::Off,
            history: History::default(),
            memory: Memory::default(),
            folder_missing: false,
            sidebar_hidden: false,
            pinned_outline: None,
            cache: RenderCache::default(),
            pictures: Pictures::default(),
        };
        app.pictures = Pictures::new(app.settings.pictures.clone());
        app.open_newest();
        app.after_change();
        app
    }

    /// A reader over `root` whose posts are still to be read: it draws and answers keys at
    /// once. The returned effect asks the event loop to read the folder.
    pub fn reading(root: PathBuf, settings: AppSettings, area: Rect) -> (App, Effect) {
        let mut app = App::new(root, Vec::new(), settings, area);
        let effect = app.request_read();
        (app, effect)
    }

    /// Asks for the folder to be read (again); an answer to an earlier request is stale.
    pub(super) fn request_read(&mut self) -> Effect {
        self.requests += 1;
        self.reading = Some(self.requests);
        self.indexing = None;
        self.chose_while_reading = false;
        self.progress = Arc::default();
        Effect::ReadFolder(self.requests)
    }

    /// Whether the read asked for now should stream its posts in as they are read: when
    /// there are none yet. A reload keeps showing the old posts until the new ones are
    /// all read, then swaps them whole.
    pub fn streams(&self) -> bool {
        self.posts.is_empty()
    }

    /// How keys are read now: as text in a prompt, as help scrolling, or as commands.
    pub fn key_context(&self) -> KeyContext {
        match &self.overlay {
            Some(overlay) if overlay.takes_text() => KeyContext::Prompt,
            Some(Overlay::Help(_)) => KeyContext::Help,
            _ => KeyContext::Panes,
        }
    }

    /// The pane rectangles for the current terminal size, or `None` when it is too small.
    pub fn panes(&self) -> Option<Panes> {
        layout(self.area, self.shape())
    }

    /// The rendered article for the open post at the current width, if any.
    pub fn article(&self) -> Option<&Arc<Article>> {
        self.cache
            .get(self.reader.open?, self.panes()?.article.width)
    }

    /// Rows of the article pane (1 when there are no panes).
    fn page_height(&self) -> usize {
        self.panes().map_or(1, |p| usize::from(p.article.height))
    }

    /// Applies one action; returns the work the event loop must do for it.
    pub fn handle(&mut self, action: Action) -> Vec<Effect> {
        if !matches!(action, Action::Resize(..) | Action::Redraw | Action::Tick) {
            self.notice = None;
        }
        let now = Instant::now();
        let mut effects = Vec::new();
        let before = (self.sidebar.selected, self.reader.open);
        let place_before = (self.reader.open, self.reader.scroll);
        let by_reader = !matches!(action, Action::Resize(..) | Action::Redraw | Action::Tick);
        match action {
            Action::Quit => {
                self.should_quit = true;
                self.memory.touch();
            }
            Action::Tick => self.tick(now),
            Action::Redraw => self.full_redraw = true,
            Action::Resize(w, h) => self.resize(Rect::new(0, 0, w, h)),
            _ if self.overlay.is_some() => self.handle_overlay(action, &mut effects),
            _ => self.handle_panes(action, &mut effects),
        }
        if self.reading.is_some() && before != (self.sidebar.selected, self.reader.open) {
            self.chose_while_reading = true;
        }
        self.after_change();
        let place_before = if by_reader {
            place_before
        } else {
            // Re-wrapping moves the scroll; only the reader's own scrolling reads a post.
            (place_before.0, self.reader.scroll)
        };
        self.after_memory(place_before, now, &mut effects);
        effects.extend(self.picture_effects());
        effects
    }

    /// Gives `action` to the open overlay and carries out what it chose.
    fn handle_overlay(&mut self, action: Action, effects: &mut Vec<Effect>) {
        let area = self.area;
        match &mut self.overlay {
            Some(Overlay::Help(help)) => match help.handle(action, area) {
                Outcome::Stay => {}
                Outcome::Close | Outcome::Chosen(()) => self.overlay = None,
            },
            Some(Overlay::Tags(picker)) => match picker.handle(action, area) {
                Outcome::Stay => {}
                Outcome::Close => self.overlay = None,
                Outcome::Chosen(tag) => {
                    self.overlay = None;
                    self.add_tag_filter(tag);
                }
            },
            Some(Overlay::Search(panel)) => {
                match panel.handle(action, &self.index, self.posts.slots(), area) {
                    Outcome::Stay => {}
                    Outcome::Close => self.overlay = None,
                    Outcome::Chosen(chosen) => {
                        self.overlay = None;
                        self.open_hit(chosen);
                    }
                }
            }
            Some(Overlay::Outline(_) | Overlay::Links(_)) => {
                self.handle_reading_overlay(action, effects)
            }
            Some(Overlay::Bookmarks(_)) => self.handle_bookmarks(action),
            None => {}
        }
    }

    /// Actions on the panes, with no overlay open.
    fn handle_panes(&mut self, action: Action, effects: &mut Vec<Effect>) {
        let height = self.page_height();
        match action {
            Action::ToggleHelp => self.overlay = Some(Overlay::Help(HelpOverlay::default())),
            Action::Close => {
                // Esc with nothing open clears the search highlights and the tag filter.
                self.reader.search = None;
                self.reader.chip = None;
                self.reader.link = None;
                if !self.tag_filter.is_empty() {
                    self.tag_filter.clear();
                    self.rebuild_sidebar();
                }
            }
            Action::OpenTagPicker => {
                let mut picker = TagPicker::for_posts(
                    self.posts.slots(),
                    self.sidebar.post_order(),
                    &self.tag_filter,
                );
                picker.fit(self.area);
                picker.building = self.tags_note();
                self.overlay = Some(Overlay::Tags(picker));
            }
            Action::OpenSearch => {
                let panel = SearchPanel {
                    building: self.building_note(),
                    ..SearchPanel::default()
                };
                self.overlay = Some(Overlay::Search(panel));
            }
            Action::NextMatch | Action::PreviousMatch => {
                if let Some(article) = self.article().cloned() {
                    self.reader
                        .jump_to_match(action == Action::NextMatch, &article, height);
                }
            }
            Action::NextChip => {
                self.render_whole_article();
                if let Some(article) = self.article().cloned()
                    && self.reader.next_chip(&article, height)
                {
                    self.focus = Focus::Article;
                }
            }
            Action::Reload => {
                if self.reading.is_some() {
                    self.notice = Some("still reading the folder".into());
                } else {
                    self.read_asked = true;
                    effects.push(self.request_read());
                }
            }
            Action::TabForward | Action::TabBack => self.tab(action == Action::TabForward),
            Action::ToggleSidebar => self.toggle_sidebar(),
            Action::CycleGrouping => self.cycle_grouping(),
            Action::CycleSort => self.cycle_sort(),
            Action::TogglePinnedOutline => self.toggle_pinned_outline(),
            Action::TogglePictures => self.toggle_pictures(),
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Article if !self.sidebar_hidden => Focus::Sidebar,
                    _ => Focus::Article,
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
            Action::PageUp | Action::PageDown => {
                let page = height.saturating_sub(2).max(1) as isize;
                self.scroll_by(if action == Action::PageUp {
                    -page
                } else {
                    page
                });
            }
            Action::Top | Action::Bottom => match self.focus {
                Focus::Sidebar => {
                    if action == Action::Top {
                        self.sidebar.select_first();
                    } else {
                        self.sidebar.select_last();
                    }
                    self.preview_selection();
                }
                Focus::Article => {
                    if action == Action::Bottom {
                        self.render_whole_article();
                    }
                    self.reader.scroll = if action == Action::Top { 0 } else { usize::MAX };
                }
            },
            Action::Open => self.open_selected(effects),
            Action::Back => match self.focus {
                Focus::Sidebar => self.sidebar.collapse_or_parent(),
                // Back to the list, which shows again if it was hidden.
                Focus::Article if self.sidebar_hidden => {
                    self.toggle_sidebar();
                    self.focus = Focus::Sidebar;
                }
                Focus::Article => self.focus = Focus::Sidebar,
            },
            Action::PreviousPost | Action::NextPost => {
                self.step_post(action == Action::PreviousPost)
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
            Action::OpenOutline
            | Action::PreviousHeading
            | Action::NextHeading
            | Action::OpenLinks
            | Action::HistoryBack
            | Action::HistoryForward
            | Action::Edit => self.handle_reading(action, effects),
            Action::ToggleRead => self.mark_open_read(true),
            Action::StartFresh => self.start_fresh(),
            Action::Mark => self.mark_place(),
            Action::OpenBookmarks => self.open_bookmarks(),
            // Prompt keys and the actions handled for every mode mean nothing here.
            Action::Input(_)
            | Action::DeleteChar
            | Action::DeleteItem
            | Action::Tick
            | Action::Quit
            | Action::Redraw
            | Action::Resize(..) => {}
        }
    }

    /// Enter: on a category, open or close it; on a post, read it; in the article, follow
    /// the chosen link or toggle the chosen summary, filter by the selected tag chip, or
    /// toggle the details whose summary is the first one in the pane.
    fn open_selected(&mut self, effects: &mut Vec<Effect>) {
        if self.focus == Focus::Article && self.follow_chosen_link(effects) {
            return;
        }
        match self.focus {
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
                    .article()
                    .and_then(|article| self.reader.chip_tag(article).map(str::to_string));
                if let Some(tag) = tag {
                    self.add_tag_filter(tag);
                } else {
                    self.toggle_first_shown_summary();
                }
            }
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        let height = self.page_height();
        if let Some(article) = self.article().cloned() {
            self.reader.scroll_by(delta, &article, height);
        }
    }

    /// Moving the sidebar selection onto a post shows it, like a mail reader's preview.
    fn preview_selection(&mut self) {
        if let Some(p) = self.sidebar.selected_post()
            && self.reader.open != Some(p)
        {
            self.open_post(p);
        }
    }

    /// Opens `post` at its remembered place (else at its top), keeping the place in the
    /// post left.
    pub fn open_post(&mut self, post: PostId) {
        if self.posts.contains(post) {
            self.keep_place();
            self.reader.open(post);
            self.ensure_rendered();
            self.resume_place();
        }
    }

    /// Opens a search result scrolled to its first match in the body.
    fn open_hit(&mut self, chosen: ChosenHit) {
        let post = chosen.hit.post;
        if !self.sidebar.post_order().contains(&post) {
            self.tag_filter.clear();
            self.rebuild_sidebar();
        }
        self.sidebar.select_post(post);
        self.open_post(post);
        self.focus = Focus::Article;
        self.unfold_matches_of(&chosen.query);
        self.reader.search = Some(ArticleSearch::new(chosen.query));
        self.refresh_article_matches();
        let height = self.page_height();
        if let Some(article) = self.article().cloned() {
            self.reader.scroll_to_current_match(&article, height);
        }
    }

    fn refresh_article_matches(&mut self) {
        if self.reader.search.is_some() {
            self.render_whole_article();
        }
        let key = self.reader.open.zip(self.panes().map(|p| p.article.width));
        let article = self.article().cloned();
        self.reader.refresh_matches(article.as_deref(), key);
    }

    /// Invariants after every action: render cached, scroll clamped, selection visible.
    fn after_change(&mut self) {
        self.ensure_rendered();
        self.refresh_article_matches();
        let height = self.page_height();
        if let Some(article) = self.article().cloned() {
            self.reader.clamp(&article, height);
        }
        if let Some(panes) = self.panes() {
            self.sidebar
                .scroll_into_view(usize::from(panes.sidebar_list.height));
        }
        self.refresh_pinned_outline();
    }

    /// Position of the open post among the sidebar's posts, 1-based, and their count.
    pub fn position(&self) -> (usize, usize) {
        let order = self.sidebar.post_order();
        let index = self
            .reader
            .open
            .and_then(|o| order.iter().position(|p| *p == o))
            .map(|i| i + 1)
            .unwrap_or(0);
        (index, order.len())
    }

    /// How far through the article the view is, 0–100.
    pub fn percent(&self) -> u16 {
        self.reader
            .percent(self.article().map(Arc::as_ref), self.page_height())
    }

    /// Number of articles rendered so far (for tests of the cache).
    pub fn renders_cached(&self) -> usize {
        self.cache.len()
    }
}
