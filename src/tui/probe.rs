//! Asking the terminal how far it moves the cursor for the sequences terminals disagree on.
//!
//! For each sample (see [`TerminalWidths::PROBES`]) geul moves to column 1, prints the
//! sample and asks for a cursor position report (`ESC [ 6 n`). All requests go out at once
//! and the answers are read with one short deadline, so a terminal that never answers
//! costs at most that deadline; missing answers fall back to Unicode's widths.
//!
//! When pictures may be shown, the questions about graphics (see
//! [`super::pictures::protocol`]) go out in the same batch and their answers are read
//! within the same deadline. So does the question about the background colour (see
//! [`super::background`]), for the `auto` theme.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;

use super::pictures::protocol::{self, GraphicsAnswers};
use super::{background, early_keys};
use crate::styled::Background;
use crate::text::TerminalWidths;

/// How long to wait for all answers.
pub const DEADLINE: Duration = Duration::from_millis(400);

/// How many deadlines a terminal that has begun answering gets for the rest.
const ANSWERING_GRACE: u32 = 3;

/// How long the graphics answers are waited for after the last byte that came, once the
/// widths are in.
const QUIET: Duration = Duration::from_millis(100);

/// What the probe learnt: the terminal's widths (`None` when it did not answer at all),
/// and the keys the user typed while it was asked, for the reader to handle first.
#[derive(Debug, Default)]
pub struct Probe {
    /// The measured widths.
    pub widths: Option<TerminalWidths>,
    /// Keys typed during the probe, in order.
    pub typed: Vec<KeyEvent>,
    /// What the terminal said about graphics, when it was asked.
    pub graphics: Option<GraphicsAnswers>,
    /// The background the terminal reported, when it was asked and answered.
    pub background: Option<Background>,
}

/// What the terminal is asked besides its widths.
#[derive(Debug, Clone, Copy, Default)]
pub struct Questions {
    /// How it shows pictures.
    pub graphics: bool,
    /// Its background colour.
    pub background: bool,
}

/// What [`ask`] learnt from the bytes that came back.
#[derive(Debug, Default)]
struct Answers {
    widths: Option<TerminalWidths>,
    graphics: Option<GraphicsAnswers>,
    background: Option<Background>,
    /// The bytes that were not answers: typed.
    typed: Vec<u8>,
}

/// Measures the terminal on stdin/stdout, which must be a terminal in raw mode showing a
/// screen geul will redraw anyway (the alternate screen).
/// It is also asked the `questions`.
#[cfg(unix)]
pub fn measure(questions: Questions) -> Probe {
    let answers = ask(questions);
    Probe {
        widths: answers.widths,
        typed: early_keys::decode(&answers.typed),
        graphics: answers.graphics,
        background: answers.background,
    }
}

/// Sends the probes and reads the answers.
#[cfg(unix)]
fn ask(questions: Questions) -> Answers {
    let mut out = io::stdout();
    let mut request = String::new();
    // First, so a terminal answering in order has answered it before the last cursor
    // report, which ends the wait; and before the first sample, so a terminal that prints
    // what it does not understand does not move the sample.
    if questions.background {
        request.push_str(background::QUERY);
    }
    for (_, sample) in TerminalWidths::PROBES {
        request.push_str("\x1b[1;1H");
        request.push_str(sample);
        request.push_str("\x1b[6n");
    }
    request.push_str("\x1b[1;1H\x1b[2K");
    if questions.graphics {
        request.push_str(&protocol::query());
    }
    if out
        .write_all(request.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return Answers::default();
    }
    let (columns, bytes) = read_reports(TerminalWidths::PROBES.len(), questions.graphics, DEADLINE);
    answers_in(questions, &columns, &bytes)
}

/// What the cursor report `columns` and all the `bytes` read say, for the `questions`.
fn answers_in(questions: Questions, columns: &[u16], bytes: &[u8]) -> Answers {
    let widths = (!columns.is_empty()).then(|| {
        let mut advances = [None; TerminalWidths::PROBES.len()];
        for (slot, column) in advances.iter_mut().zip(columns) {
            *slot = u8::try_from(column.saturating_sub(1)).ok();
        }
        TerminalWidths::from_measurements(advances)
    });
    Answers {
        widths,
        graphics: questions.graphics.then(|| protocol::answers(bytes)),
        background: questions
            .background
            .then(|| background::found(bytes))
            .flatten(),
        typed: background::without_answers(&protocol::without_answers(&without_reports(bytes))),
    }
}

/// On other platforms geul does not probe.
#[cfg(not(unix))]
pub fn measure(_questions: Questions) -> Probe {
    Probe::default()
}

/// Reads up to `count` cursor position reports from stdin before `deadline` passes (and,
/// with `graphics`, the answer to the status request that ends the graphics questions) and
/// returns their columns, and all the bytes read (keys pressed meanwhile among them).
#[cfg(unix)]
fn read_reports(count: usize, graphics: bool, deadline: Duration) -> (Vec<u16>, Vec<u8>) {
    let start = Instant::now();
    let mut last_read = start;
    let mut buffer = Vec::new();
    let mut columns = Vec::new();
    let done = |columns: &Vec<u16>, buffer: &[u8]| {
        columns.len() >= count && (!graphics || memchr::memmem::find(buffer, b"\x1b[0n").is_some())
    };
    while !done(&columns, &buffer) {
        // A terminal that has begun answering answers the rest too: it gets longer for
        // them, so no answer arrives after the reader reads keys (where `ESC _ G i …` of a
        // kitty answer would read as keys typed). Once the widths are in, the graphics
        // answers are waited for only while they keep coming: a terminal that answers
        // cursor reports but not the status request costs a moment, not the deadline.
        let limit = if columns.is_empty() {
            deadline
        } else if columns.len() < count {
            deadline * ANSWERING_GRACE
        } else {
            (last_read.duration_since(start) + QUIET).min(deadline * ANSWERING_GRACE)
        };
        let Some(left) = limit.checked_sub(start.elapsed()) else {
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
        last_read = Instant::now();
        columns = parse_reports(&buffer);
    }
    (columns, buffer)
}

/// `bytes` with every complete cursor position report (`ESC [ digits ; digits R`) taken
/// out: what is left was typed.
pub fn without_reports(bytes: &[u8]) -> Vec<u8> {
    let mut left = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(len) = report_at(&bytes[i..]) {
            i += len;
        } else {
            left.push(bytes[i]);
            i += 1;
        }
    }
    left
}

/// The length of the cursor position report at the start of `bytes`, if one is there.
fn report_at(bytes: &[u8]) -> Option<usize> {
    let body = bytes.strip_prefix(b"\x1b[")?;
    let end = body.iter().position(|&b| b == b'R')?;
    let numbers = &body[..end];
    let separators = numbers.iter().filter(|&&b| b == b';').count();
    let digits_only = numbers.iter().all(|&b| b.is_ascii_digit() || b == b';');
    (separators == 1 && digits_only && numbers.len() >= 3).then_some(end + 3)
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
    fn keys_typed_among_the_reports_are_kept() {
        let bytes = b"\x1b[1;2Rq\x1b[1;3R\x1b[Bj\x1b[12;5R";
        assert_eq!(without_reports(bytes), b"q\x1b[Bj");
    }

    #[test]
    fn an_incomplete_report_is_not_counted() {
        assert_eq!(parse_reports(b"\x1b[1;2R\x1b[1;"), vec![2]);
    }

    #[test]
    fn a_background_answer_among_cursor_reports_and_typed_keys_is_read_and_the_keys_kept() {
        let questions = Questions {
            graphics: false,
            background: true,
        };
        let bytes = b"j\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[1;2Rq\x1b[1;3R\x1b[B";
        let answers = answers_in(questions, &parse_reports(bytes), bytes);
        assert_eq!(answers.background, Some(Background::Light));
        assert!(answers.widths.is_some());
        assert_eq!(answers.typed, b"jq\x1b[B");
        let keys = early_keys::decode(&answers.typed);
        assert_eq!(keys.len(), 3, "{keys:?}");
    }

    #[test]
    fn a_background_not_asked_for_is_not_read() {
        let bytes = b"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[1;2R";
        let answers = answers_in(Questions::default(), &parse_reports(bytes), bytes);
        assert_eq!(answers.background, None);
    }
}
