//! Entering and leaving the terminal's reader mode, always restoring it.
//!
//! The guard restores on drop (normal exit and `?` errors), and a panic hook restores before
//! the panic message is printed, so a crash never leaves the terminal raw or in the
//! alternate screen. `SIGTERM`, `SIGINT`, `SIGQUIT` and `SIGHUP` set a flag the event loop
//! checks, so `kill` or a shutdown also leave the normal way, and [`hung_up`] tells the loop
//! when the terminal itself is gone.

use std::io::{self, Write, stdout};
use std::mem::ManuallyDrop;
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
    /// The ratatui terminal drawing to stdout. Dropped by hand (see the `Drop` impl):
    /// ratatui's own drop prints to stderr when it cannot show the cursor, and printing to
    /// a terminal that went away panics.
    pub terminal: ManuallyDrop<Terminal<CrosstermBackend<io::Stdout>>>,
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
            Ok(terminal) => Ok(TerminalGuard {
                terminal: ManuallyDrop::new(terminal),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

/// A number that turns from 0 to the signal's when the process is asked to stop by
/// `SIGTERM`, `SIGINT`, `SIGQUIT` or `SIGHUP`. The handler only stores it
/// (async-signal-safe); the event loop sees it and leaves through the guard, restoring the
/// terminal (for `SIGHUP` sent by `kill` the terminal is still there and must be left
/// usable; when it hung up, the writes fail harmlessly). A second such signal ends geul at
/// once, in case the loop cannot get to it.
pub fn stop_requested() -> io::Result<Arc<AtomicUsize>> {
    let signal = Arc::new(AtomicUsize::new(0));
    #[cfg(unix)]
    for number in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
        signal_hook::consts::SIGHUP,
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

/// Whether the terminal on stdin has gone away (the window closed, the pty's other end
/// closed): stdin reports a hang-up or an error. crossterm would read the 0 bytes a closed
/// terminal gives again and again, busy, so the event loop asks this before reading.
#[cfg(unix)]
pub fn hung_up() -> bool {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd for the duration of the call; a zero timeout never blocks.
    let ready = unsafe { libc::poll(&mut fds, 1, 0) };
    ready > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// On other platforms a closed terminal ends the read with an error instead.
#[cfg(not(unix))]
pub fn hung_up() -> bool {
    false
}

/// Watches stdin from a thread of its own for the terminal going away. When it does, it
/// asks the event loop to stop as a `SIGHUP` would (through `stop`); if the loop has not
/// ended the process shortly after (it can be stuck inside crossterm, which retries reads
/// of 0 bytes forever on a closed terminal), it restores what it can and exits with 129
/// itself.
pub fn watch_for_hangup(stop: Arc<AtomicUsize>) {
    const EVERY: std::time::Duration = std::time::Duration::from_millis(100);
    const GRACE: std::time::Duration = std::time::Duration::from_millis(500);
    #[cfg(unix)]
    let hangup = usize::try_from(signal_hook::consts::SIGHUP).unwrap_or(1);
    #[cfg(not(unix))]
    let hangup = 1;
    let _ = std::thread::Builder::new()
        .name("geul-hangup".into())
        .spawn(move || {
            while !hung_up() {
                std::thread::sleep(EVERY);
            }
            stop.store(hangup, std::sync::atomic::Ordering::Relaxed);
            std::thread::sleep(GRACE);
            restore();
            std::process::exit(129);
        });
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
        if hung_up() {
            // Nothing left to restore, nowhere to say so: the process is ending, and the
            // terminal's memory goes with it.
            return;
        }
        // SAFETY: dropped once, here, and never used again: the guard is being dropped.
        unsafe { ManuallyDrop::drop(&mut self.terminal) };
    }
}
