//! Asking the terminal how far it moves the cursor for the sequences terminals disagree on.
//!
//! For each sample (see [`TerminalWidths::PROBES`]) geul moves to column 1, prints the
//! sample and asks for a cursor position report (`ESC [ 6 n`). All requests go out at once
//! and the answers are read with one short deadline, so a terminal that never answers
//! costs at most that deadline; missing answers fall back to Unicode's widths.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use crate::text::TerminalWidths;

/// How long to wait for all answers.
pub const DEADLINE: Duration = Duration::from_millis(400);

/// Measures the terminal on stdin/stdout, which must be a terminal in raw mode showing a
/// screen geul will redraw anyway (the alternate screen). Returns `None` when the terminal
/// did not answer at all.
#[cfg(unix)]
pub fn measure() -> Option<TerminalWidths> {
    let mut out = io::stdout();
    let mut request = String::new();
    for (_, sample) in TerminalWidths::PROBES {
        request.push_str("\x1b[1;1H");
        request.push_str(sample);
        request.push_str("\x1b[6n");
    }
    request.push_str("\x1b[1;1H\x1b[2K");
    out.write_all(request.as_bytes()).ok()?;
    out.flush().ok()?;

    let answers = read_reports(TerminalWidths::PROBES.len(), DEADLINE);
    if answers.is_empty() {
        return None;
    }
    let mut advances = [None; TerminalWidths::PROBES.len()];
    for (slot, column) in advances.iter_mut().zip(answers) {
        *slot = u8::try_from(column.saturating_sub(1)).ok();
    }
    Some(TerminalWidths::from_measurements(advances))
}

/// On other platforms geul does not probe.
#[cfg(not(unix))]
pub fn measure() -> Option<TerminalWidths> {
    None
}

/// Reads up to `count` cursor position reports from stdin before `deadline` passes and
/// returns their columns. Bytes that are not reports (a key pressed meanwhile) are dropped.
#[cfg(unix)]
fn read_reports(count: usize, deadline: Duration) -> Vec<u16> {
    let start = Instant::now();
    let mut buffer = Vec::new();
    let mut columns = Vec::new();
    while columns.len() < count {
        let Some(left) = deadline.checked_sub(start.elapsed()) else {
            break;
        };
        let mut fds = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        };
        let timeout = i32::try_from(left.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: one valid pollfd for the duration of the call.
        let ready = unsafe { libc::poll(&mut fds, 1, timeout) };
        if ready <= 0 {
            break;
        }
        let mut chunk = [0u8; 256];
        // SAFETY: reading into a stack buffer of the given length.
        let n = unsafe { libc::read(libc::STDIN_FILENO, chunk.as_mut_ptr().cast(), chunk.len()) };
        if n <= 0 {
            break;
        }
        buffer.extend_from_slice(&chunk[..n as usize]);
        columns = parse_reports(&buffer);
    }
    columns
}

/// Columns of every complete `ESC [ row ; col R` in `bytes`, in order.
pub fn parse_reports(bytes: &[u8]) -> Vec<u16> {
    let text = String::from_utf8_lossy(bytes);
    let mut columns = Vec::new();
    for part in text.split('\x1b').skip(1) {
        let Some(body) = part.strip_prefix('[') else {
            continue;
        };
        let Some(end) = body.find('R') else { continue };
        let mut numbers = body[..end].split(';');
        if let (Some(_row), Some(col), None) = (numbers.next(), numbers.next(), numbers.next())
            && let Ok(col) = col.parse()
        {
            columns.push(col);
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_reports_are_parsed_in_order_and_noise_is_ignored() {
        let bytes = b"\x1b[1;2Rj\x1b[1;3R\x1b[A\x1b[12;5R";
        assert_eq!(parse_reports(bytes), vec![2, 3, 5]);
    }

    #[test]
    fn an_incomplete_report_is_not_counted() {
        assert_eq!(parse_reports(b"\x1b[1;2R\x1b[1;"), vec![2]);
    }
}
