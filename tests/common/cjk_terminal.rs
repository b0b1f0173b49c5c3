//! A small model of a terminal that draws East Asian *ambiguous*-width characters (`·`, `“`,
//! `…`, box drawing, block elements) two columns wide, the option many Korean, Chinese and
//! Japanese users turn on. tmux and vt100 always draw them narrow, so the tests bring their
//! own terminal.
//!
//! The model is a grid of cells with a cursor. Printed text is split into grapheme
//! clusters; each advances the cursor by its width (`width_cjk` when ambiguous characters
//! are wide, `width` otherwise). A zero-width cluster, or the rest of a cluster split
//! across reads, joins the cell before the cursor. The model wraps like xterm (a
//! pending-wrap flag at the right margin; a wide character that does not fit in the last
//! column moves to the next row) and counts every such wrap as a *tear*: geul (through
//! ratatui) positions every cell itself and never means the terminal to wrap, so a wrap
//! means geul's idea of a width differs from the terminal's. Writing over half of a wide
//! character blanks its other half, as real terminals do.
//!
//! It understands what ratatui and crossterm send: CR, LF, BS, TAB, cursor movement (CUP,
//! CUU/CUD/CUF/CUB, CHA, VPA), erasing (ED, EL, ECH), save/restore cursor, cursor position
//! requests (answered, see [`CjkTerminal::take_answers`]) and the private modes for the
//! alternate screen (which clear it) and autowrap. SGR, OSC and every other sequence are
//! consumed and ignored. Sequences and UTF-8 may be split across [`CjkTerminal::feed`]
//! calls.

use std::time::Duration;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{PtySession, VirtualTerminal};

/// ratatui ends every frame by hiding the cursor.
pub const FRAME_END: &[u8] = b"\x1b[?25l";

/// One column of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    /// The grapheme drawn here; empty in the second column of a wide character.
    symbol: String,
    /// 1 or 2 for a character starting here, 0 for the second column of a wide one.
    width: u8,
}

impl Cell {
    fn blank() -> Cell {
        Cell {
            symbol: " ".to_string(),
            width: 1,
        }
    }

    fn trailing() -> Cell {
        Cell {
            symbol: String::new(),
            width: 0,
        }
    }
}

/// A `cols` x `rows` terminal screen; see the module documentation.
pub struct CjkTerminal {
    cols: usize,
    rows: usize,
    ambiguous_wide: bool,
    grid: Vec<Vec<Cell>>,
    x: usize,
    y: usize,
    /// The last column was written: the next printable character wraps first.
    wrap_pending: bool,
    autowrap: bool,
    saved: (usize, usize, bool),
    /// The unfinished end of the last [`CjkTerminal::feed`]: part of an escape sequence or
    /// of a UTF-8 character.
    partial: Vec<u8>,
    answers: Vec<u8>,
    tears: usize,
    /// Each kind of tear (what was printed, and how it wrapped), with its count and the
    /// row it first happened on.
    tear_kinds: Vec<(String, usize, usize)>,
}

impl CjkTerminal {
    /// A blank `cols` x `rows` screen, the cursor at the top left. With `ambiguous_wide`
    /// East Asian ambiguous characters take two columns; without, one (like vt100, tmux
    /// and most terminals by default).
    pub fn new(cols: u16, rows: u16, ambiguous_wide: bool) -> CjkTerminal {
        let (cols, rows) = (usize::from(cols.max(1)), usize::from(rows.max(1)));
        CjkTerminal {
            cols,
            rows,
            ambiguous_wide,
            grid: vec![vec![Cell::blank(); cols]; rows],
            x: 0,
            y: 0,
            wrap_pending: false,
            autowrap: true,
            saved: (0, 0, false),
            partial: Vec::new(),
            answers: Vec::new(),
            tears: 0,
            tear_kinds: Vec::new(),
        }
    }

    /// Whether ambiguous characters are drawn two columns wide.
    pub fn ambiguous_wide(&self) -> bool {
        self.ambiguous_wide
    }

    /// The screen size as (columns, rows).
    pub fn size(&self) -> (usize, usize) {
        (self.cols, self.rows)
    }

    /// The cursor as (column, row), both from 0.
    pub fn cursor(&self) -> (usize, usize) {
        (self.x, self.y)
    }

    /// How many times the terminal had to wrap a line (or move a wide character that did
    /// not fit in the last column to the next row): each is a place where the program and
    /// the terminal disagreed about where text ends.
    pub fn tears(&self) -> usize {
        self.tears
    }

    /// Every kind of tear: what was printed, how often, and the row it first happened on.
    pub fn tear_notes(&self) -> Vec<String> {
        self.tear_kinds
            .iter()
            .map(|(kind, count, row)| format!("{count} x {kind} (first on row {row})"))
            .collect()
    }

    /// What the terminal has to send back (cursor position reports), since the last call.
    pub fn take_answers(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.answers)
    }

    /// The symbol in column `x` of row `y`: a grapheme, `" "` when blank, `""` in the
    /// second column of a wide character.
    pub fn cell(&self, x: usize, y: usize) -> &str {
        &self.grid[y][x].symbol
    }

    /// Every cell of row `y`, as [`CjkTerminal::cell`] gives them.
    pub fn row_cells(&self, y: usize) -> Vec<&str> {
        self.grid[y].iter().map(|c| c.symbol.as_str()).collect()
    }

    /// The symbols of row `y` in order (a wide character once), blanks included.
    pub fn row_text(&self, y: usize) -> String {
        self.grid[y].iter().map(|c| c.symbol.as_str()).collect()
    }

    /// Row `y` lined up for a reader whose own terminal draws ambiguous characters narrow
    /// (a log, a CI page): an ambiguous character drawn wide is followed by a space, so
    /// every column of the row stays in its place.
    pub fn row_lined_up(&self, y: usize) -> String {
        line_up(&self.row_cells(y))
    }

    /// The screen's text: every row without trailing blanks, separated by newlines.
    pub fn contents(&self) -> String {
        (0..self.rows)
            .map(|y| self.row_text(y).trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Takes bytes a program printed.
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut data = std::mem::take(&mut self.partial);
        data.extend_from_slice(bytes);
        let mut at = 0;
        while at < data.len() {
            match self.step(&data[at..]) {
                Some(used) => at += used,
                None => break,
            }
        }
        self.partial = data[at..].to_vec();
    }

    /// Acts on the control, sequence or text at the start of `bytes`; returns how many
    /// bytes it took, or `None` when `bytes` ends before it does.
    fn step(&mut self, bytes: &[u8]) -> Option<usize> {
        match bytes[0] {
            0x1b => self.escape(bytes),
            b'\r' => {
                self.move_to(0, self.y);
                Some(1)
            }
            b'\n' | 0x0b | 0x0c => {
                self.wrap_pending = false;
                self.line_feed();
                Some(1)
            }
            0x08 => {
                self.move_to(self.x.saturating_sub(1), self.y);
                Some(1)
            }
            b'\t' => {
                self.move_to((self.x / 8 + 1) * 8, self.y);
                Some(1)
            }
            0x00..=0x1f | 0x7f => Some(1),
            _ => self.text(bytes),
        }
    }

    /// Prints the run of text at the start of `bytes`.
    fn text(&mut self, bytes: &[u8]) -> Option<usize> {
        let end = bytes
            .iter()
            .position(|&b| b < 0x20 || b == 0x7f)
            .unwrap_or(bytes.len());
        let run = &bytes[..end];
        match std::str::from_utf8(run) {
            Ok(text) => {
                self.print(text);
                Some(end)
            }
            Err(error) => {
                let valid = error.valid_up_to();
                self.print(std::str::from_utf8(&run[..valid]).unwrap_or_default());
                match error.error_len() {
                    Some(bad) => {
                        self.print("\u{FFFD}");
                        Some(valid + bad)
                    }
                    // A character split across reads: wait for the rest.
                    None if end == bytes.len() => (valid > 0).then_some(valid),
                    // Cut short by a control character.
                    None => {
                        self.print("\u{FFFD}");
                        Some(end)
                    }
                }
            }
        }
    }

    fn print(&mut self, text: &str) {
        for grapheme in text.graphemes(true) {
            if grapheme.chars().all(char::is_control) {
                continue;
            }
            let width = self.width_of(grapheme);
            self.print_grapheme(grapheme, width);
        }
    }

    /// Columns `grapheme` takes in this terminal (at most 2).
    fn width_of(&self, grapheme: &str) -> usize {
        let width = if self.ambiguous_wide {
            grapheme.width_cjk()
        } else {
            grapheme.width()
        };
        width.min(2)
    }

    /// Adds `grapheme` to the character before the cursor when it continues it: always
    /// when it is zero-width (a combining mark), else when the two form one grapheme
    /// cluster (VS16, the rest of a ZWJ sequence or of a flag that arrived in a later
    /// read, as a real terminal's parser would see it). The character widens if the
    /// cluster is wider. Returns whether it joined.
    fn join_previous(&mut self, grapheme: &str, width: usize) -> bool {
        let y = self.y;
        let before = if self.wrap_pending {
            Some(self.x)
        } else {
            self.x.checked_sub(1)
        };
        let Some(mut x) = before else {
            return width == 0;
        };
        if self.grid[y][x].width == 0 {
            match x.checked_sub(1) {
                Some(lead) => x = lead,
                None => return width == 0,
            }
        }
        let joined = format!("{}{grapheme}", self.grid[y][x].symbol);
        if width != 0 && joined.graphemes(true).nth(1).is_some() {
            return false;
        }
        let old = usize::from(self.grid[y][x].width);
        let new = self.width_of(&joined);
        self.grid[y][x].symbol = joined;
        if new == 2 && old == 1 && x + 1 < self.cols {
            self.erase(x + 1, y);
            self.grid[y][x].width = 2;
            self.grid[y][x + 1] = Cell::trailing();
            if !self.wrap_pending {
                self.x = x + 2;
                if self.x >= self.cols {
                    self.x = self.cols - 1;
                    self.wrap_pending = true;
                }
            }
        }
        true
    }

    fn print_grapheme(&mut self, grapheme: &str, width: usize) {
        if self.join_previous(grapheme, width) {
            return;
        }
        if self.wrap_pending && self.autowrap {
            self.tear(format!(
                "{grapheme:?} printed after the last column wrapped to the next row"
            ));
            self.x = 0;
            self.line_feed();
        }
        self.wrap_pending = false;
        if width == 2 && self.x + 1 >= self.cols {
            if !self.autowrap || self.cols < 2 {
                return;
            }
            self.tear(format!(
                "{grapheme:?}, wide, did not fit in the last column and moved to the next row"
            ));
            self.x = 0;
            self.line_feed();
        }
        let (x, y) = (self.x, self.y);
        self.erase(x, y);
        if width == 2 {
            self.erase(x + 1, y);
        }
        self.grid[y][x] = Cell {
            symbol: grapheme.to_string(),
            width: width as u8,
        };
        if width == 2 {
            self.grid[y][x + 1] = Cell::trailing();
        }
        self.x += width;
        if self.x >= self.cols {
            self.x = self.cols - 1;
            self.wrap_pending = true;
        }
    }

    fn tear(&mut self, kind: String) {
        self.tears += 1;
        match self.tear_kinds.iter_mut().find(|(k, _, _)| *k == kind) {
            Some((_, count, _)) => *count += 1,
            None => self.tear_kinds.push((kind, 1, self.y)),
        }
    }

    /// Down a row, scrolling the screen up at the bottom.
    fn line_feed(&mut self) {
        if self.y + 1 < self.rows {
            self.y += 1;
        } else {
            self.grid.remove(0);
            self.grid.push(vec![Cell::blank(); self.cols]);
        }
    }

    fn move_to(&mut self, x: usize, y: usize) {
        self.x = x.min(self.cols - 1);
        self.y = y.min(self.rows - 1);
        self.wrap_pending = false;
    }

    /// Blanks one cell, and the other half of the wide character it belongs to.
    fn erase(&mut self, x: usize, y: usize) {
        let row = &mut self.grid[y];
        match row[x].width {
            0 if x > 0 => row[x - 1] = Cell::blank(),
            2 if x + 1 < row.len() => row[x + 1] = Cell::blank(),
            _ => {}
        }
        row[x] = Cell::blank();
    }

    fn erase_row(&mut self, y: usize, columns: std::ops::Range<usize>) {
        for x in columns.start..columns.end.min(self.cols) {
            self.erase(x, y);
        }
    }

    fn clear(&mut self) {
        self.grid = vec![vec![Cell::blank(); self.cols]; self.rows];
    }

    /// An escape sequence starting at `bytes[0]` (ESC).
    fn escape(&mut self, bytes: &[u8]) -> Option<usize> {
        let kind = *bytes.get(1)?;
        match kind {
            b'[' => self.csi(bytes),
            // OSC, DCS, SOS, PM, APC: a string up to BEL or ST, ignored.
            b']' | b'P' | b'X' | b'^' | b'_' => {
                let body = &bytes[2..];
                let bel = body.iter().position(|&b| b == 0x07).map(|i| i + 1);
                let st = body.windows(2).position(|w| w == b"\x1b\\").map(|i| i + 2);
                let end = match (bel, st) {
                    (Some(a), Some(b)) => a.min(b),
                    (a, b) => a.or(b)?,
                };
                Some(2 + end)
            }
            b'7' => {
                self.saved = (self.x, self.y, self.wrap_pending);
                Some(2)
            }
            b'8' => {
                let (x, y, wrap) = self.saved;
                self.move_to(x, y);
                self.wrap_pending = wrap;
                Some(2)
            }
            // Character set designations and the like take one more byte.
            b'(' | b')' | b'*' | b'+' | b'#' | b'%' | b' ' => bytes.get(2).map(|_| 3),
            _ => Some(2),
        }
    }

    /// A control sequence `ESC [ params intermediates final`.
    fn csi(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut end = 2;
        loop {
            let byte = *bytes.get(end)?;
            match byte {
                0x40..=0x7e => break,
                // A new sequence starts before this one ended: drop this one.
                0x1b => return Some(end),
                _ => end += 1,
            }
        }
        let body = &bytes[2..end];
        let action = bytes[end];
        let intermediate = body.iter().any(|b| (0x20..=0x2f).contains(b));
        let private = body.first().filter(|b| b"?<=>".contains(b)).copied();
        let params: Vec<usize> = String::from_utf8_lossy(body)
            .trim_start_matches(['?', '<', '=', '>'])
            .split(';')
            .map(|p| p.split(':').next().unwrap_or("").parse().unwrap_or(0))
            .collect();
        let used = end + 1;
        if intermediate {
            return Some(used);
        }
        if let Some(marker) = private {
            if marker == b'?' && (action == b'h' || action == b'l') {
                self.set_private_modes(&params, action == b'h');
            }
            return Some(used);
        }
        let param = |i: usize, default: usize| match params.get(i) {
            Some(&0) | None => default,
            Some(&n) => n,
        };
        let count = param(0, 1);
        let (x, y) = (self.x, self.y);
        match action {
            b'H' | b'f' => self.move_to(param(1, 1) - 1, param(0, 1) - 1),
            b'A' => self.move_to(x, y.saturating_sub(count)),
            b'B' | b'e' => self.move_to(x, y + count),
            b'C' | b'a' => self.move_to(x + count, y),
            b'D' => self.move_to(x.saturating_sub(count), y),
            b'E' => self.move_to(0, y + count),
            b'F' => self.move_to(0, y.saturating_sub(count)),
            b'G' | b'`' => self.move_to(count - 1, y),
            b'd' => self.move_to(x, count - 1),
            b'J' => match params.first().copied().unwrap_or(0) {
                0 => {
                    self.erase_row(y, x..self.cols);
                    for row in y + 1..self.rows {
                        self.erase_row(row, 0..self.cols);
                    }
                }
                1 => {
                    for row in 0..y {
                        self.erase_row(row, 0..self.cols);
                    }
                    self.erase_row(y, 0..x + 1);
                }
                _ => self.clear(),
            },
            b'K' => match params.first().copied().unwrap_or(0) {
                0 => self.erase_row(y, x..self.cols),
                1 => self.erase_row(y, 0..x + 1),
                _ => self.erase_row(y, 0..self.cols),
            },
            b'X' => self.erase_row(y, x..x + count),
            b'n' if params.first() == Some(&6) => {
                let report = format!("\x1b[{};{}R", self.y + 1, self.x + 1);
                self.answers.extend_from_slice(report.as_bytes());
            }
            b's' => self.saved = (x, y, self.wrap_pending),
            b'u' => {
                let (x, y, _) = self.saved;
                self.move_to(x, y);
            }
            // SGR and everything else: nothing to do for the text on screen.
            _ => {}
        }
        Some(used)
    }

    fn set_private_modes(&mut self, modes: &[usize], on: bool) {
        for mode in modes {
            match mode {
                7 => self.autowrap = on,
                47 | 1047 | 1049 => self.clear(),
                _ => {}
            }
        }
    }
}

/// A row of cells (as [`CjkTerminal::row_cells`] gives them) as text whose columns line
/// up where ambiguous characters are narrow: the second half of a character that is
/// narrow there becomes a space.
pub fn line_up<S: AsRef<str>>(cells: &[S]) -> String {
    let mut text = String::new();
    let mut previous = "";
    for cell in cells {
        let symbol = cell.as_ref();
        if symbol.is_empty() && previous.width() < 2 {
            text.push(' ');
        }
        text.push_str(symbol);
        previous = symbol;
    }
    text
}

impl VirtualTerminal for CjkTerminal {
    fn process(&mut self, bytes: &[u8]) -> Vec<Vec<u8>> {
        self.feed(bytes);
        let answers = self.take_answers();
        // One answer per report: each ends with `R`.
        answers
            .split_inclusive(|&b| b == b'R')
            .map(<[u8]>::to_vec)
            .collect()
    }

    fn set_size(&mut self, cols: u16, rows: u16) {
        let (cols, rows) = (usize::from(cols.max(1)), usize::from(rows.max(1)));
        self.grid.resize(rows, vec![Cell::blank(); cols]);
        for row in &mut self.grid {
            row.resize(cols, Cell::blank());
            // A wide character cut in half by the new edge goes.
            if row.last().is_some_and(|c| c.width == 2) {
                row[cols - 1] = Cell::blank();
            }
        }
        (self.cols, self.rows) = (cols, rows);
        self.move_to(self.x, self.y);
    }
}

/// geul in a pseudo-terminal drawn by a [`CjkTerminal`].
pub type CjkSession = PtySession<CjkTerminal>;

impl CjkSession {
    /// Starts geul with `args` in a `cols` x `rows` [`CjkTerminal`] (see
    /// [`PtySession::start`] for the environment); the terminal answers geul's start-up
    /// width probe, so geul learns whether ambiguous characters are wide.
    pub fn spawn_cjk(args: &[&str], cols: u16, rows: u16, ambiguous_wide: bool) -> CjkSession {
        PtySession::start(
            CjkTerminal::new(cols, rows, ambiguous_wide),
            args,
            cols,
            rows,
        )
    }

    /// Waits for the next complete frame written at or after byte `from` of geul's output
    /// (see [`PtySession::raw_len`]); returns whether one came within `timeout`.
    pub fn wait_for_frame(&self, from: usize, timeout: Duration) -> bool {
        self.wait_for_output(FRAME_END, from, timeout)
    }

    /// Types `keys` and waits for the frame they cause; returns whether it came within
    /// `timeout`.
    pub fn press(&mut self, keys: &str, timeout: Duration) -> bool {
        let from = self.raw_len();
        self.send(keys);
        self.wait_for_frame(from, timeout)
    }
}
