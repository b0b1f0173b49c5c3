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

pub mod action;
pub mod app;
pub mod cache;
pub mod cells;
pub mod keymap;
pub mod layout;
pub mod list_cursor;
pub mod overlays;
pub mod panes;
pub mod probe;
pub mod reader;
pub mod sidebar;
pub mod terminal;

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event;
use ratatui::layout::Rect;

use self::action::Action;
use self::app::{App, AppSettings, Effect};
use self::terminal::TerminalGuard;
use crate::library::{Library, Post};
use crate::text::width;

/// How often the idle event loop checks for a signal asking it to stop.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// How the reader learns the terminal's widths.
#[derive(Debug, Clone, Copy, Default)]
pub struct WidthSettings {
    /// Ask the terminal at start-up (see [`probe`]).
    pub probe: bool,
    /// Columns of an ambiguous character, if the user set it; wins over the probe.
    pub ambiguous: Option<u8>,
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal asked geul to stop (the terminal was restored first).
    Signal(i32),
}

/// Runs the reader until the user quits or a signal stops it. The terminal is restored on
/// every way out.
pub fn run(
    root: PathBuf,
    posts: Vec<Post>,
    settings: AppSettings,
    widths: WidthSettings,
) -> anyhow::Result<Ending> {
    let stop = terminal::stop_requested()?;
    let mut guard = TerminalGuard::enter()?;
    // Learn the terminal's widths before anything is laid out, so every cached render and
    // every frame uses the same model.
    let measured = if widths.probe { probe::measure() } else { None };
    let model = measured.unwrap_or_default();
    width::install(widths.ambiguous.map_or(model, |c| model.with_ambiguous(c)));
    let size = guard.terminal.size()?;
    let mut app = App::new(
        root,
        posts,
        settings,
        Rect::new(0, 0, size.width, size.height),
    );
    redraw_from_scratch(&mut guard.terminal)?;
    while !app.should_quit {
        if app.full_redraw {
            redraw_from_scratch(&mut guard.terminal)?;
            app.full_redraw = false;
        }
        // The terminal may have changed size since the last resize event was handled:
        // lay the state out for the size this frame will have.
        let size = guard.terminal.size()?;
        if (size.width, size.height) != (app.area.width, app.area.height) {
            perform(&mut app, Action::Resize(size.width, size.height));
        }
        guard
            .terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))?;
        // Wait for input, looking up now and then for a signal asking geul to stop.
        loop {
            let signal = stop.load(Ordering::Relaxed);
            if signal != 0 {
                return Ok(Ending::Signal(i32::try_from(signal).unwrap_or(i32::MAX)));
            }
            if event::poll(SIGNAL_CHECK)? {
                break;
            }
        }
        let event = event::read()?;
        if let Some(action) = keymap::action_for(&event, app.key_context()) {
            perform(&mut app, action);
        }
        // Apply everything already queued (a burst of resize events, key repeat) before
        // drawing again.
        while !app.should_quit && event::poll(Duration::ZERO)? {
            if let Some(action) = keymap::action_for(&event::read()?, app.key_context()) {
                perform(&mut app, action);
            }
        }
    }
    drop(guard);
    Ok(Ending::Quit)
}

/// Applies `action` to `app` and carries out the effects it asks for.
pub fn perform(app: &mut App, action: Action) {
    for effect in app.handle(action) {
        match effect {
            Effect::ReadFolder => {
                let library = Library::load(&app.root);
                app.reloaded(library);
            }
        }
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
