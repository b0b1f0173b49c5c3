//! geul running in the tmux pane: what it has written so far (frames, clears), and
//! keys pressed with a capture before and after.

use super::*;

/// Counts what geul has written to its pane, read incrementally from a `pipe-pane` log.
///
/// Every frame ends with [`FRAME_END`] and `Ctrl-l` clears with [`CLEAR`] first, so the
/// counts say exactly when a frame is complete. tmux parses output before it feeds the
/// pipe, so once a frame's end is in the log, a capture shows the whole frame.
pub(crate) struct OutputLog {
    pub(crate) path: PathBuf,
    pub(crate) file: Option<std::fs::File>,
    pub(crate) tail: Vec<u8>,
    pub(crate) frames: usize,
    pub(crate) clears: usize,
    /// Frames completed since the last clear.
    pub(crate) frames_since_clear: usize,
}

impl OutputLog {
    pub(crate) fn new(path: PathBuf) -> OutputLog {
        OutputLog {
            path,
            file: None,
            tail: Vec::new(),
            frames: 0,
            clears: 0,
            frames_since_clear: 0,
        }
    }

    /// Reads what was appended since the last call and updates the counts.
    pub(crate) fn update(&mut self) {
        use std::io::Read;
        if self.file.is_none() {
            self.file = std::fs::File::open(&self.path).ok();
        }
        let Some(file) = self.file.as_mut() else {
            return;
        };
        let mut new = Vec::new();
        if file.read_to_end(&mut new).is_err() || new.is_empty() {
            return;
        }
        // A marker may straddle two reads: scan the previous read's last bytes again
        // (fewer than a marker's length, so nothing is counted twice).
        let mut bytes = std::mem::take(&mut self.tail);
        bytes.extend_from_slice(&new);
        let count = |needle: &[u8]| bytes.windows(needle.len()).filter(|w| *w == needle).count();
        self.frames += count(FRAME_END);
        self.clears += count(CLEAR);
        // Frames after the last clear in these bytes (or all of them, with none).
        let last_clear = bytes
            .windows(CLEAR.len())
            .rposition(|w| w == CLEAR)
            .map(|at| at + CLEAR.len());
        let after = &bytes[last_clear.unwrap_or(0)..];
        let frames_after = after
            .windows(FRAME_END.len())
            .filter(|w| *w == FRAME_END)
            .count();
        self.frames_since_clear = match last_clear {
            Some(_) => frames_after,
            None => self.frames_since_clear + frames_after,
        };
        let keep = FRAME_END.len().max(CLEAR.len()) - 1;
        self.tail = bytes[bytes.len().saturating_sub(keep)..].to_vec();
    }

    /// Waits until geul has written nothing for `quiet` (at most [`common::TIMEOUT`]).
    pub(crate) fn wait_quiet(&mut self, quiet: Duration) {
        let start = Instant::now();
        let mut last = (self.frames, self.clears, self.tail.clone());
        let mut since = Instant::now();
        while since.elapsed() < quiet && start.elapsed() < common::TIMEOUT {
            std::thread::sleep(Duration::from_millis(5));
            self.update();
            let now = (self.frames, self.clears, self.tail.clone());
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// Waits until a full redraw after the `clears`th clear is complete; false after
    /// [`REACTION`].
    pub(crate) fn wait_clear(&mut self, clears: usize) -> bool {
        let start = Instant::now();
        loop {
            self.update();
            if self.clears > clears && self.frames_since_clear > 0 {
                return true;
            }
            if start.elapsed() > REACTION {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits until more than `frames` frames are complete; false after [`REACTION`].
    pub(crate) fn wait_frames(&mut self, frames: usize) -> bool {
        let start = Instant::now();
        loop {
            self.update();
            if self.frames > frames {
                return true;
            }
            if start.elapsed() > REACTION {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// geul on one post in its own tmux session.
pub(crate) struct Reader<'a> {
    pub(crate) tmux: &'a Tmux,
    pub(crate) target: String,
    pub(crate) log: OutputLog,
}

impl Reader<'_> {
    /// Captures the pane, then runs `then` (more tmux arguments, may be empty) in the same
    /// tmux call.
    pub(crate) fn capture_then(&self, then: &[&str]) -> Capture {
        let t = self.target.as_str();
        let mut args = vec!["capture-pane", "-p", "-t", t, ";"];
        args.extend(["display-message", "-p", "-t", t, MARK, ";"]);
        args.extend(["capture-pane", "-p", "-e", "-t", t]);
        if !then.is_empty() {
            args.push(";");
            args.extend(then);
        }
        Capture::parse(&self.tmux.stdout(&args))
    }

    pub(crate) fn capture(&self) -> Capture {
        self.capture_then(&[])
    }

    /// Captures the pane, sends `key` in the same tmux call and waits for the frame the
    /// key causes. Returns the capture and whether that frame came.
    pub(crate) fn capture_and_press(&mut self, key: &str) -> (Capture, bool) {
        self.log.update();
        let frames = self.log.frames;
        let target = self.target.clone();
        let capture = self.capture_then(&["send-keys", "-t", &target, key]);
        (capture, self.log.wait_frames(frames))
    }

    pub(crate) fn dead(&self) -> bool {
        let format = "#{pane_dead}";
        let out = self
            .tmux
            .stdout(&["display-message", "-p", "-t", &self.target, format]);
        out.trim() == "1"
    }
}
