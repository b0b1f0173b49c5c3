//! The interactive reader: state (`app`), keys (`keymap`), one file per pane, and the
//! event loop here.

pub mod app;
pub mod article_pane;
pub mod cells;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod picker;
pub mod probe;
pub mod prompt;
pub mod search_panel;
pub mod sidebar;
pub mod status;
pub mod terminal;
pub mod ui;

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event;
use ratatui::layout::Rect;

use self::app::{App, AppSettings};
use self::terminal::TerminalGuard;
use crate::library::Post;
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
        if let Some(action) = keymap::action_for(&event, &app.mode) {
            app.handle(action);
        }
        // Apply everything already queued (a burst of resize events, key repeat) before
        // drawing again.
        while event::poll(std::time::Duration::ZERO)? {
            if let Some(action) = keymap::action_for(&event::read()?, &app.mode) {
                app.handle(action);
            }
            if app.should_quit {
                break;
            }
        }
    }
    drop(guard);
    Ok(Ending::Quit)
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
