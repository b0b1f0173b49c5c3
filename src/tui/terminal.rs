//! Entering and leaving the terminal's reader mode, always restoring it.
//!
//! The guard restores on drop (normal exit and `?` errors), and a panic hook restores before
//! the panic message is printed, so a crash never leaves the terminal raw or in the
//! alternate screen. `SIGTERM`, `SIGINT` and `SIGQUIT` set a flag the event loop checks, so
//! `kill` or a shutdown also leave the normal way.

use std::io::{self, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal in raw mode and the alternate screen, with mouse reporting on.
pub struct TerminalGuard {
    /// The ratatui terminal drawing to stdout.
    pub terminal: Terminal<CrosstermBackend<io::Stdout>>,
}

/// Puts the terminal back the way the shell expects it. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = stdout().flush();
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen and installs the restoring panic hook.
    pub fn enter() -> io::Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enable_raw_mode()?;
        let entered = execute!(stdout(), EnterAlternateScreen, EnableMouseCapture);
        if let Err(e) = entered {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

/// A number that turns from 0 to the signal's when the process is asked to stop by
/// `SIGTERM`, `SIGINT` or `SIGQUIT`. The handler only stores it (async-signal-safe); the
/// event loop sees it and leaves through the guard. A second such signal ends geul at once,
/// in case the loop cannot get to it.
///
/// `SIGHUP` keeps its default action: it means the terminal is gone, so there is nothing
/// to restore, and crossterm busy-loops reading a closed terminal (a read of 0 bytes is
/// retried at once), so a process that outlived its terminal would spin.
pub fn stop_requested() -> io::Result<Arc<AtomicUsize>> {
    let signal = Arc::new(AtomicUsize::new(0));
    #[cfg(unix)]
    for number in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        let value = usize::try_from(number).unwrap_or(usize::MAX);
        let code = 128 + number;
        let already = Arc::new(std::sync::atomic::AtomicBool::new(false));
        // Order matters: the shutdown check sees the flag as it was before this signal.
        signal_hook::flag::register_conditional_shutdown(number, code, Arc::clone(&already))?;
        signal_hook::flag::register(number, already)?;
        signal_hook::flag::register_usize(number, Arc::clone(&signal), value)?;
    }
    Ok(signal)
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}
