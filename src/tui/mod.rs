//! The interactive reader, and its event loop here.
//!
//! - [`action`]: what the user can ask for; [`keymap`] turns terminal events into it.
//! - [`app`]: the state and `App::handle`, the only place it changes; it hands actions to
//!   the open overlay ([`overlays`]) or to the panes, and returns I/O as effects.
//! - [`reader`] (the open post and the place in it), [`sidebar`] (categories and the
//!   selection), [`cache`] (renders per post and width), [`list_cursor`].
//! - [`layout`]: every rectangle; [`panes`]: drawing; [`cells`]: writing into the buffer
//!   with the width model.
//! - [`probe`] and [`terminal`]: the terminal itself.
//! - [`saver`]: the folder's remembered state, saved off the UI thread.

pub mod action;
pub mod app;
pub mod background;
pub mod cache;
pub mod cells;
pub mod early_keys;
pub mod editor;
pub mod handover;
pub mod history;
pub mod hyperlink;
pub mod jamo_keys;
pub mod keymap;
pub mod layout;
pub mod list_cursor;
pub mod opener;
pub mod overlays;
pub mod panes;
pub mod pictures;
pub mod probe;
pub mod reader;
pub mod saver;
pub mod sidebar;
pub mod terminal;
pub mod watch;
pub mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use std::time::Instant;

use crossterm::event::{self, Event};
use ratatui::layout::Rect;

use self::action::Action;
use self::app::{App, AppSettings, Effect, Memory};
use self::saver::Saver;
use self::terminal::TerminalGuard;
use self::worker::{Message, PictureJob, Workers};
use crate::library;
use crate::library::state::StateStore;
use crate::library::state::store::Loaded;
use crate::styled::{Background, Theme, ThemeName};
use crate::text::width;

/// How often the idle event loop checks for a signal asking it to stop.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// How often the event loop looks for a worker's message while one is expected.
const WORKER_CHECK: Duration = Duration::from_millis(20);

/// How often a folder that went away is looked for.
const FOLDER_LOOK_EVERY: Duration = Duration::from_secs(1);

/// Worker messages taken in at most between two frames.
const MESSAGES_PER_FRAME: usize = 16;

/// How often the progress of a folder read is drawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// How the reader learns the terminal's widths and background.
#[derive(Debug, Clone, Copy, Default)]
pub struct TerminalSettings {
    /// Ask the terminal at start-up (see [`probe`]).
    pub probe: bool,
    /// Columns of an ambiguous character, if the user set it; wins over the probe.
    pub ambiguous: Option<u8>,
    /// The theme asked for: with `auto`, the palette follows the background the terminal
    /// reports, else `COLORFGBG`'s, else dark.
    pub theme: ThemeName,
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal asked geul to stop (the terminal was restored first).
    Signal(i32),
    /// The terminal went away (its window closed) while geul was running.
    HungUp,
}

/// What is remembered of the folder, loaded before the reader starts (see
/// [`crate::library::state`]).
#[derive(Debug)]
pub struct Remembered {
    /// Where the state is saved.
    pub store: StateStore,
    /// The state as loaded, and a problem to say once.
    pub loaded: Loaded,
    /// Start from the newest post rather than where the reader left off.
    pub fresh: bool,
}

/// Runs the reader on `root` until the user quits or a signal stops it. The first frame is
/// drawn at once; the folder is read and indexed on a worker thread meanwhile. The
/// terminal is restored on every way out. With `remembered`, the reader opens where it
/// was left and saves its state as it goes; without, it reads and writes no state.
pub fn run(
    root: PathBuf,
    settings: AppSettings,
    terminal: TerminalSettings,
    remembered: Option<Remembered>,
) -> anyhow::Result<Ending> {
    match run_reader(root, settings, terminal, remembered) {
        // Drawing to a terminal that went away fails before the hang-up is noticed: that
        // is the hang-up, not an error to report (there is nowhere left to report it).
        Err(_) if terminal::hung_up() => Ok(Ending::HungUp),
        ended => ended,
    }
}

/// [`run`], with every failure of the terminal as an error.
fn run_reader(
    root: PathBuf,
    settings: AppSettings,
    widths: TerminalSettings,
    remembered: Option<Remembered>,
) -> anyhow::Result<Ending> {
    let stop = terminal::stop_requested()?;
    let mut guard = TerminalGuard::enter()?;
    terminal::watch_for_hangup(Arc::clone(&stop));
    // Learn the terminal's widths and background before anything is laid out, so every
    // cached render and every frame uses the same model and palette.
    let around = pictures::protocol::Surroundings::from_env();
    let questions = probe::Questions {
        graphics: pictures::protocol::needs_answers(settings.pictures.images, &around),
        background: widths.theme == ThemeName::Auto,
    };
    let probed = if widths.probe {
        probe::measure(questions)
    } else {
        probe::Probe::default()
    };
    let mut settings = settings;
    let background = probed.background.or_else(Background::from_env);
    settings.theme = Theme::new(widths.theme.background(background));
    settings.pictures.encoder =
        pictures::protocol::choose(settings.pictures.images, probed.graphics.as_ref(), &around);
    // A kitty without Unicode placeholders gets its pictures placed directly.
    settings.pictures.placed_kitty = settings
        .pictures
        .encoder
        .as_ref()
        .is_some_and(|p| p.protocol_type() == ratatui_image::picker::ProtocolType::Kitty)
        && probed.graphics.is_some_and(|g| g.old_kitty);
    let model = probed.widths.unwrap_or_default();
    width::install(widths.ambiguous.map_or(model, |c| model.with_ambiguous(c)));
    let size = guard.terminal.size()?;
    let workers = Workers::default();
    let (mut app, first_read) =
        App::reading(root, settings, Rect::new(0, 0, size.width, size.height));
    // Declared after the terminal guard, so it is dropped (waiting for the last save)
    // before the terminal is restored.
    let mut saver = None;
    if let Some(remembered) = remembered {
        let problem = remembered.loaded.problem.map(|p| p.to_string());
        let memory = Memory::loaded(remembered.loaded.state, remembered.fresh);
        app.remember(memory, problem);
        saver = Some(Saver::start(remembered.store, workers.sender().clone()));
    }
    let saver = saver;
    carry_out(&mut app, &workers, first_read, saver.as_ref());
    // Kept until the reader ends: dropping it stops watching.
    let mut watch = if app.settings.watch {
        let (watch, mode) = watch::FolderWatch::start(&app.root, workers.sender());
        app.watch = mode;
        watch
    } else {
        None
    };
    // Keys typed while the terminal was asked count as typed now (a quick `q` quits).
    for key in probed.typed {
        if let Some(action) = keymap::action_for(&Event::Key(key), app.key_context()) {
            handle(&mut app, &workers, action, saver.as_ref());
        }
    }
    redraw_from_scratch(&mut guard.terminal)?;
    let mut looked_for_folder = Instant::now();
    while !app.should_quit {
        if app.full_redraw {
            redraw_from_scratch(&mut guard.terminal)?;
            app.full_redraw = false;
            // Every cell is written again, placements with them.
            app.pictures.placed.clear();
        }
        // The terminal may have changed size since the last resize event was handled:
        // lay the state out for the size this frame will have.
        let size = guard.terminal.size()?;
        if (size.width, size.height) != (app.area.width, app.area.height) {
            handle(
                &mut app,
                &workers,
                Action::Resize(size.width, size.height),
                saver.as_ref(),
            );
        }
        write_pictures(app.pictures.take_writes())?;
        guard
            .terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))?;
        // Direct kitty placements that left the view are deleted.
        let gone = app.unplace_pictures();
        write_pictures(gone)?;
        // Wait for input or a worker's message, looking up now and then for a signal
        // asking geul to stop.
        let mut woken_by_worker = false;
        let waiting_since = Instant::now();
        loop {
            let signal = stop.load(Ordering::Relaxed);
            if signal != 0 {
                let ending = Ending::Signal(i32::try_from(signal).unwrap_or(i32::MAX));
                return Ok(remember_on_the_way_out(
                    &mut app,
                    &workers,
                    saver.as_ref(),
                    ending,
                ));
            }
            // Checked before every wait: once crossterm polls a closed terminal it never
            // comes back (the watchdog then ends geul without saving the place).
            if terminal::hung_up() {
                break;
            }
            // A key waiting goes first: while a folder streams in, batches can come faster
            // than frames are drawn, and a key read only when none is waiting would wait
            // for the whole read.
            if event::poll(Duration::ZERO)? {
                break;
            }
            if let Some(message) = workers.try_recv() {
                receive(&mut app, &workers, message, saver.as_ref());
                // Take in what else is waiting (batches that piled up while a frame was
                // drawn) before drawing again, but never so much that keys wait long.
                for _ in 0..MESSAGES_PER_FRAME {
                    let Some(message) = workers.try_recv() else {
                        break;
                    };
                    receive(&mut app, &workers, message, saver.as_ref());
                }
                woken_by_worker = true;
                break;
            }
            // A long article still being rendered gets a piece done whenever no key is
            // waiting, and the frame is drawn again with it.
            if app.rendering() {
                if event::poll(Duration::ZERO)? {
                    break;
                }
                app.render_more();
                for effect in app.picture_effects() {
                    carry_out(&mut app, &workers, effect, saver.as_ref());
                }
                woken_by_worker = true;
                break;
            }
            let wait = if app.reading.is_some() || app.indexing.is_some() {
                WORKER_CHECK
            } else {
                SIGNAL_CHECK
            };
            if event::poll(wait)? {
                break;
            }
            // Time passes for the read marks; a tick that changed nothing draws nothing.
            let unread = app.memory.unread.len();
            handle(&mut app, &workers, Action::Tick, saver.as_ref());
            if app.memory.unread.len() != unread {
                woken_by_worker = true;
                break;
            }
            // While the folder is read, draw its progress now and then.
            if app.reading.is_some() && waiting_since.elapsed() >= PROGRESS_EVERY {
                woken_by_worker = true;
                break;
            }
            // A folder that went away is looked for now and then; back, it is watched and
            // read again.
            if app.folder_missing() && looked_for_folder.elapsed() >= FOLDER_LOOK_EVERY {
                looked_for_folder = Instant::now();
                if app.root.is_dir() {
                    if app.settings.watch {
                        drop(watch.take());
                        let (restarted, mode) =
                            watch::FolderWatch::start(&app.root, workers.sender());
                        watch = restarted;
                        app.watch = mode;
                    }
                    let read = app.folder_back();
                    carry_out(&mut app, &workers, read, saver.as_ref());
                    woken_by_worker = true;
                    break;
                }
            }
        }
        // A closed terminal polls as readable; reading it would spin on 0 bytes.
        if terminal::hung_up() {
            let ending = Ending::HungUp;
            return Ok(remember_on_the_way_out(
                &mut app,
                &workers,
                saver.as_ref(),
                ending,
            ));
        }
        if woken_by_worker {
            continue;
        }
        let event = event::read()?;
        if let Some(action) = keymap::action_for(&event, app.key_context()) {
            handle(&mut app, &workers, action, saver.as_ref());
        }
        // Apply everything already queued (a burst of resize events, key repeat) before
        // drawing again.
        while !app.should_quit && !terminal::hung_up() && event::poll(Duration::ZERO)? {
            if let Some(action) = keymap::action_for(&event::read()?, app.key_context()) {
                handle(&mut app, &workers, action, saver.as_ref());
            }
        }
    }
    if app.pictures.settings.placed_kitty {
        write_pictures(vec![pictures::kitty::DELETE_ALL.to_string()])?;
    }
    drop(guard);
    Ok(Ending::Quit)
}

/// Writes picture commands (sent between frames, never inside one) to the terminal.
fn write_pictures(writes: Vec<String>) -> std::io::Result<()> {
    if writes.is_empty() {
        return Ok(());
    }
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for write in writes {
        out.write_all(write.as_bytes())?;
    }
    out.flush()
}

/// A signal or a closed terminal ends the reader as quitting does for what it remembers:
/// the place is saved (the saver, dropped on the way out, waits for the write).
fn remember_on_the_way_out(
    app: &mut App,
    workers: &Workers,
    saver: Option<&Saver>,
    ending: Ending,
) -> Ending {
    handle(app, workers, Action::Quit, saver);
    ending
}

/// Applies `action` and hands the effects it asks for to the workers.
fn handle(app: &mut App, workers: &Workers, action: Action, saver: Option<&Saver>) {
    for effect in app.handle(action) {
        carry_out(app, workers, effect, saver);
    }
}

/// Starts the work `effect` asks for on a worker.
fn carry_out(app: &mut App, workers: &Workers, effect: Effect, saver: Option<&Saver>) {
    match effect {
        Effect::SaveState(state) => {
            if let Some(saver) = saver {
                saver.save(*state);
            }
        }
        Effect::ReadFolder(request) => workers.read_folder(
            app.root.clone(),
            request,
            Arc::clone(&app.progress),
            app.streams(),
        ),
        Effect::ReadPosts(paths) => workers.reread_posts(app.root.clone(), paths),
        Effect::Merge(job) => {
            let posts = app.merge_posts(&job);
            workers.merge(job, posts);
        }
        Effect::OpenUrl(url) => {
            let command = opener::open_command(&url, std::env::var("BROWSER").ok().as_deref());
            if let Err(error) = opener::spawn_detached(&command) {
                app.notice = Some(format!("cannot open {url}: {error}"));
            }
        }
        Effect::FindPictures(job) => workers.picture(PictureJob::Find(*job)),
        Effect::DrawPicture(key) => {
            if let Some(encoder) = app.pictures.settings.encoder.clone() {
                let background = app.picture_background();
                let placed = app.pictures.settings.placed_kitty;
                workers.picture(PictureJob::Draw(key, Box::new(encoder), background, placed));
            }
        }
        Effect::Edit { file, line } => {
            // The editor has the terminal until it ends: the reader waits, as a shell does.
            let edited = handover::edit(&file, line);
            app.full_redraw = true;
            match edited {
                Ok(()) => workers.reread_posts(app.root.clone(), vec![file]),
                Err(why) => {
                    app.editor_failed(why);
                    // It may have written the file before failing.
                    workers.reread_posts(app.root.clone(), vec![file]);
                }
            }
        }
    }
}

/// Gives a worker's message to the app and starts the work it asks for next.
fn receive(app: &mut App, workers: &Workers, message: Message, saver: Option<&Saver>) {
    let effect = match message {
        Message::FolderRead(read) => app.folder_read(*read),
        Message::Posts(batch) => {
            app.folder_posts(batch);
            None
        }
        Message::Indexed(indexed) => app.folder_indexed(*indexed),
        Message::Loaded(loaded) => app.folder_loaded(loaded),
        Message::PostsReread(reread) => app.posts_reread(*reread),
        Message::Merged(merged) => {
            app.index_merged(merged.job, merged.index);
            None
        }
        Message::FolderChanged(paths) => app.folder_changed(&paths),
        Message::StateNotSaved(why) => {
            app.state_not_saved(why);
            None
        }
        Message::PicturesFound(post, found) => {
            for effect in app.pictures_found(post, found) {
                carry_out(app, workers, effect, saver);
            }
            None
        }
        Message::PictureDrawn(key, drawn) => {
            app.picture_drawn(key, drawn);
            None
        }
    };
    if let Some(effect) = effect {
        carry_out(app, workers, effect, saver);
    }
    for effect in app.picture_effects() {
        carry_out(app, workers, effect, saver);
    }
}

/// Applies `action` and carries out its effects here, on the calling thread, waiting for
/// them: what the event loop does with workers, for tests and scripts.
pub fn perform(app: &mut App, action: Action) {
    for effect in app.handle(action) {
        perform_effect(app, effect);
    }
}

/// Carries out `effect` on the calling thread (see [`perform`]). A folder is read whole,
/// not streamed.
pub fn perform_effect(app: &mut App, effect: Effect) {
    let next = match effect {
        Effect::ReadFolder(request) => app.folder_read(worker::read_folder(&app.root, request)),
        Effect::ReadPosts(paths) => app.posts_reread(worker::reread_posts(&app.root, &paths)),
        Effect::Merge(job) => {
            let index = library::search::SearchIndex::build(&app.merge_posts(&job));
            app.index_merged(job, index);
            None
        }
        Effect::FindPictures(job) => {
            let found = pictures::jobs::find_pictures(&job);
            for effect in app.pictures_found(job.post, found) {
                perform_effect(app, effect);
            }
            None
        }
        Effect::DrawPicture(key) => {
            if let Some(encoder) = app.pictures.settings.encoder.clone() {
                let placed = app.pictures.settings.placed_kitty;
                let drawn =
                    pictures::jobs::draw_picture(&key, &encoder, app.picture_background(), placed);
                app.picture_drawn(key, drawn);
            }
            None
        }
        // Nothing is opened, no terminal is handed over and no state is saved without one.
        Effect::OpenUrl(_) | Effect::Edit { .. } | Effect::SaveState(_) => None,
    };
    if let Some(next) = next {
        perform_effect(app, next);
    }
    for effect in app.picture_effects() {
        perform_effect(app, effect);
    }
}

/// Clears the screen and forgets what was drawn, so the next frame writes every cell.
///
/// `Terminal::clear` would also ask the terminal for the cursor position (and wait up to two
/// seconds for an answer); geul never needs the cursor, so it clears without asking.
fn redraw_from_scratch<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
) -> Result<(), B::Error> {
    terminal
        .backend_mut()
        .clear_region(ratatui::backend::ClearType::All)?;
    terminal.current_buffer_mut().reset();
    terminal.swap_buffers();
    Ok(())
}
