//! The far end of the pseudo-terminal in the pty tests: vt100's screen, answering cursor
//! position requests and, when given a colour, the background question.

use super::find_bytes;

/// A cursor position request (`ESC [ 6 n`), which the virtual terminal answers.
const CURSOR_REQUEST: &[u8] = b"\x1b[6n";

/// The question for the background colour (OSC 11), which the virtual terminal answers
/// when it is given a colour.
const BACKGROUND_REQUEST: &[u8] = b"\x1b]11;?\x1b\\";

/// The far end of the pseudo-terminal: a model of a terminal that parses everything geul
/// prints and answers what a terminal answers.
pub trait VirtualTerminal: Send + 'static {
    /// Takes bytes geul printed (a sequence may be split across calls) and returns what the
    /// terminal sends back, one answer per cursor position request it has processed.
    fn process(&mut self, bytes: &[u8]) -> Vec<Vec<u8>>;

    /// Changes the screen's size.
    fn set_size(&mut self, cols: u16, rows: u16);
}

/// vt100's screen, answering cursor position requests unless told not to.
pub struct Vt100Terminal {
    parser: vt100::Parser,
    /// A tail that may be the start of a cursor position request split across reads.
    pending: Vec<u8>,
    answer_cursor_requests: bool,
    /// The answer to the background question, when the terminal answers it.
    background_answer: Option<Vec<u8>>,
}

impl Vt100Terminal {
    pub fn new(cols: u16, rows: u16, answer_cursor_requests: bool) -> Vt100Terminal {
        Vt100Terminal {
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            pending: Vec::new(),
            answer_cursor_requests,
            background_answer: None,
        }
    }

    /// The terminal, answering the background question (OSC 11) with `rgb`
    /// (`"ffff/ffff/ffff"`), as xterm does.
    pub fn with_background(mut self, rgb: &str) -> Vt100Terminal {
        self.background_answer = Some(format!("\x1b]11;rgb:{rgb}\x1b\\").into_bytes());
        self
    }

    /// The parsed screen.
    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }
}

impl VirtualTerminal for Vt100Terminal {
    fn process(&mut self, bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut answers = Vec::new();
        self.pending.extend_from_slice(bytes);
        // Like a real terminal, answer each cursor position request with the cursor's
        // position after everything printed before it, and the background question in
        // its turn among them.
        loop {
            let cursor = find_bytes(&self.pending, CURSOR_REQUEST, 0)
                .filter(|_| self.answer_cursor_requests);
            let background = find_bytes(&self.pending, BACKGROUND_REQUEST, 0)
                .filter(|_| self.background_answer.is_some());
            let (at, answer) = match (cursor, background) {
                (Some(c), Some(b)) if b < c => (b, self.background_answer.clone()),
                (Some(c), _) => (c, None),
                (None, Some(b)) => (b, self.background_answer.clone()),
                (None, None) => break,
            };
            let answer = match answer {
                Some(answer) => {
                    self.parser.process(&self.pending[..at]);
                    self.pending.drain(..at + BACKGROUND_REQUEST.len());
                    answer
                }
                None => {
                    let end = at + CURSOR_REQUEST.len();
                    self.parser.process(&self.pending[..end]);
                    self.pending.drain(..end);
                    let (row, col) = self.parser.screen().cursor_position();
                    format!("\x1b[{};{}R", row + 1, col + 1).into_bytes()
                }
            };
            answers.push(answer);
        }
        // Keep a tail that may be the start of a request split across reads.
        let keep = [CURSOR_REQUEST, BACKGROUND_REQUEST]
            .iter()
            .flat_map(|request| {
                (1..request.len())
                    .rev()
                    .find(|&k| self.pending.ends_with(&request[..k]))
            })
            .max()
            .unwrap_or(0);
        let done = self.pending.len() - keep;
        self.parser.process(&self.pending[..done]);
        self.pending.drain(..done);
        answers
    }

    fn set_size(&mut self, cols: u16, rows: u16) {
        self.parser.set_size(nonzero(rows), nonzero(cols));
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}
