//! Helpers shared by the end-to-end tests: where the binary and the sample posts are, the
//! post list as `geul list` reports it, and a pseudo-terminal session that drives the real
//! binary and feeds what it prints to a virtual terminal (vt100's screen, or another model
//! of a terminal) that answers cursor position requests.
//!
//! Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

pub mod app_screen;
pub mod cjk_terminal;
pub mod sample_reader;
pub mod virtual_terminal;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub use virtual_terminal::{VirtualTerminal, Vt100Terminal};

/// How long any wait in these tests may take before it counts as a failure.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The geul binary cargo built for these tests.
pub fn geul_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_geul"))
}

/// The crate's root folder.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample posts shipped with the repository.
pub fn posts_dir() -> PathBuf {
    manifest_dir().join("posts")
}

/// Every `.md` and `.markdown` file under `dir`, in path order.
pub fn post_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read the posts folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "md" || e == "markdown")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Writes a post named `name` into `dir` with a title, a date and the category `책`.
pub fn write_post(dir: &Path, name: &str, title: &str, date: &str, body: &str) {
    let text = format!("---\ntitle: {title}\ndate: {date}\ncategory: 책\n---\n{body}");
    std::fs::write(dir.join(name), text).expect("write a post");
}

/// A `geul` command with an empty config home, so the user's config never leaks in, and
/// a state home inside it, so no run reads or writes the user's remembered state.
pub fn geul_command(config_home: &Path) -> Command {
    let mut command = Command::new(geul_bin());
    command
        .current_dir(manifest_dir())
        .env("XDG_CONFIG_HOME", config_home)
        .env("XDG_STATE_HOME", config_home.join("state"))
        .env_remove("NO_COLOR")
        // The `auto` theme would follow the tester's terminal.
        .env_remove("COLORFGBG")
        .stdin(Stdio::null());
    command
}

/// Runs geul with `args` and the empty test config home, and returns what it printed.
pub fn run_geul<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    geul_command(&std::env::temp_dir().join("geul-cli-test-no-config"))
        .args(args)
        .output()
        .expect("geul runs")
}

/// What geul printed as JSON, after checking that it succeeded.
pub fn output_json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

/// One entry of `geul list --format json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPost {
    /// Path as printed.
    pub path: String,
    /// Title from the front matter.
    pub title: String,
    /// Categories.
    pub categories: Vec<String>,
}

/// The posts under `dir`, newest first, as `geul list DIR --format json` reports them.
pub fn list_posts(dir: &Path) -> Vec<ListedPost> {
    let config = tempfile::tempdir().expect("temp dir");
    let output = geul_command(config.path())
        .args([
            "list".as_ref(),
            dir.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ])
        .output()
        .expect("run geul list");
    assert!(
        output.status.success(),
        "geul list {} failed: {}\n{}",
        dir.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let value: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("geul list prints JSON");
    value
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|item| ListedPost {
            path: item["path"].as_str().unwrap_or_default().to_string(),
            title: item["title"].as_str().unwrap_or_default().to_string(),
            categories: item["categories"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| c.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// `text` without any whitespace: titles wrap differently at different widths, so screen
/// text and titles are compared with all whitespace removed.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Waits until `check` returns `Some`, polling every few milliseconds, or `None` after
/// `timeout`.
pub fn poll<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if start.elapsed() > timeout {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The real geul binary running in a pseudo-terminal, with everything it prints fed to a
/// [`VirtualTerminal`] (vt100's unless said otherwise) and kept as raw bytes too.
pub struct PtySession<T: VirtualTerminal = Vt100Terminal> {
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    terminal: Arc<Mutex<T>>,
    raw: Arc<Mutex<Vec<u8>>>,
    cursor_reports: Arc<AtomicUsize>,
    reader: Option<JoinHandle<()>>,
    _config_home: tempfile::TempDir,
}

impl PtySession {
    /// Starts geul with `args` in a `cols` x `rows` terminal with `TERM=xterm-256color`,
    /// the crate root as working folder and an empty config home. The terminal answers
    /// cursor position requests, as real terminals do.
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> PtySession {
        PtySession::spawn_with(args, cols, rows, true)
    }

    /// Like [`PtySession::spawn`], but the terminal answers cursor position requests only
    /// when `answer_cursor_requests` is set (some terminals and pipes never answer).
    pub fn spawn_with(
        args: &[&str],
        cols: u16,
        rows: u16,
        answer_cursor_requests: bool,
    ) -> PtySession {
        let terminal = Vt100Terminal::new(cols, rows, answer_cursor_requests);
        PtySession::start(terminal, args, cols, rows)
    }

    /// Like [`PtySession::spawn`], with environment variables set (`Some`) or removed
    /// (`None`) for geul alone.
    pub fn spawn_env(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, Option<&str>)],
    ) -> PtySession {
        let terminal = Vt100Terminal::new(cols, rows, true);
        PtySession::start_env(terminal, args, cols, rows, env)
    }

    /// The screen's text, rows separated by newlines.
    pub fn contents(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// The screen's text and attributes (changes when only a highlight moves).
    pub fn formatted(&self) -> String {
        self.with_screen(vt100::Screen::contents_formatted)
    }

    /// Runs `f` on the parsed screen.
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        self.with_terminal(|terminal| f(terminal.screen()))
    }

    /// Waits until `check` holds for the screen's text once the screen has stopped
    /// changing (so a half-drawn frame never counts); panics after [`TIMEOUT`] with `what`
    /// and the screen. Returns the text.
    pub fn wait_for(&mut self, what: &str, mut check: impl FnMut(&str) -> bool) -> String {
        self.wait_until(what, |screen| check(&screen.contents()));
        self.contents()
    }

    /// Waits until `check` holds for the parsed screen once it has stopped changing;
    /// panics after [`TIMEOUT`] with `what` and the screen.
    pub fn wait_until(&mut self, what: &str, mut check: impl FnMut(&vt100::Screen) -> bool) {
        let found = poll(TIMEOUT, || {
            if !self.with_screen(&mut check) {
                return None;
            }
            self.settle();
            self.with_screen(&mut check).then_some(())
        });
        if found.is_none() {
            panic!(
                "timed out after {TIMEOUT:?} waiting for {what}\nprocess: {}\nscreen:\n{}",
                self.process_state(),
                self.contents()
            );
        }
    }

    /// Waits until the screen (text and attributes) differs from `before` and then holds
    /// still for a moment; returns whether it changed before `timeout`.
    pub fn wait_for_change(&self, before: &str, timeout: Duration) -> bool {
        let changed = poll(timeout, || (self.formatted() != before).then_some(())).is_some();
        self.settle();
        changed
    }

    /// Waits until the screen has not changed for 50 ms (at most [`TIMEOUT`]).
    pub fn settle(&self) {
        let mut last = self.formatted();
        let mut still_since = Instant::now();
        let start = Instant::now();
        while still_since.elapsed() < Duration::from_millis(50) && start.elapsed() < TIMEOUT {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.formatted();
            if now != last {
                last = now;
                still_since = Instant::now();
            }
        }
    }
}

impl<T: VirtualTerminal> PtySession<T> {
    /// Starts geul with `args` in a `cols` x `rows` pseudo-terminal whose far end is
    /// `terminal`, with `TERM=xterm-256color`, the crate root as working folder and an
    /// empty config home. Every answer the terminal gives is sent back to geul.
    pub fn start(terminal: T, args: &[&str], cols: u16, rows: u16) -> PtySession<T> {
        PtySession::start_env(terminal, args, cols, rows, &[])
    }

    /// [`PtySession::start`] with environment variables set (`Some`) or removed (`None`).
    pub fn start_env(
        terminal: T,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, Option<&str>)],
    ) -> PtySession<T> {
        let config_home = tempfile::tempdir().expect("temp dir");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(geul_bin());
        command.args(args);
        command.cwd(manifest_dir());
        command.env("TERM", "xterm-256color");
        command.env("XDG_CONFIG_HOME", config_home.path());
        // Each session remembers in its own state home unless the test names one.
        command.env("XDG_STATE_HOME", config_home.path().join("state"));
        command.env_remove("NO_COLOR");
        command.env_remove("COLORFGBG");
        for (name, value) in env {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            }
        }
        let child = pty
            .slave
            .spawn_command(command)
            .expect("spawn geul in the pty");
        // Only the child may hold the slave side, so the reader sees EOF when it exits.
        drop(pty.slave);

        let terminal = Arc::new(Mutex::new(terminal));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let cursor_reports = Arc::new(AtomicUsize::new(0));
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let reader = {
            let terminal = Arc::clone(&terminal);
            let raw = Arc::clone(&raw);
            let writer = Arc::clone(&writer);
            let cursor_reports = Arc::clone(&cursor_reports);
            std::thread::spawn(move || {
                let mut chunk = [0u8; 8192];
                loop {
                    let n = match reader.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let mut terminal = terminal.lock().unwrap();
                    for answer in terminal.process(&chunk[..n]) {
                        let mut writer = writer.lock().unwrap();
                        let _ = writer.write_all(&answer);
                        let _ = writer.flush();
                        cursor_reports.fetch_add(1, Ordering::SeqCst);
                    }
                    // Recorded once the terminal has taken them, so whatever `raw` shows is
                    // on the screen.
                    raw.lock().unwrap().extend_from_slice(&chunk[..n]);
                }
            })
        };
        PtySession {
            master: pty.master,
            writer,
            child,
            cursor_reports,
            terminal,
            raw,
            reader: Some(reader),
            _config_home: config_home,
        }
    }

    /// Types `keys` (raw bytes: `"\r"` is Enter, `"\t"` Tab, `"\x0c"` Ctrl-l).
    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// How many cursor position requests geul has sent (each one was answered).
    pub fn cursor_reports(&self) -> usize {
        self.cursor_reports.load(Ordering::SeqCst)
    }

    /// Runs `f` on the terminal.
    pub fn with_terminal<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.terminal.lock().unwrap())
    }

    /// Every byte geul has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// How many bytes geul has written so far (all of them on the screen).
    pub fn raw_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Waits until geul has written `needle` at or after byte `from` of its output; returns
    /// whether it did within `timeout`.
    pub fn wait_for_output(&self, needle: &[u8], from: usize, timeout: Duration) -> bool {
        let from = from.saturating_sub(needle.len() - 1);
        poll(timeout, || {
            find_bytes(&self.raw.lock().unwrap(), needle, from).map(|_| ())
        })
        .is_some()
    }

    /// Waits until geul has written nothing for `quiet` (at most [`TIMEOUT`]).
    pub fn wait_quiet(&self, quiet: Duration) {
        let start = Instant::now();
        let mut last = self.raw_len();
        let mut still_since = Instant::now();
        while still_since.elapsed() < quiet && start.elapsed() < TIMEOUT {
            std::thread::sleep(Duration::from_millis(5));
            let now = self.raw_len();
            if now != last {
                last = now;
                still_since = Instant::now();
            }
        }
    }

    /// Whether geul is still running (for failure messages).
    pub fn process_state(&mut self) -> String {
        match self.child.try_wait().ok().flatten() {
            Some(status) => format!("exited: {status:?}"),
            None => "running".to_string(),
        }
    }

    /// Resizes the terminal, as a window manager would, and the virtual screen with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.terminal.lock().unwrap().set_size(cols, rows);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// The exit status if geul has exited.
    pub fn try_wait(&mut self) -> Option<portable_pty::ExitStatus> {
        self.child.try_wait().expect("query the child")
    }

    /// Waits up to `timeout` for geul to exit, then for its output to be read to the end.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<portable_pty::ExitStatus> {
        let status = poll(timeout, || self.child.try_wait().ok().flatten())?;
        if let Some(reader) = self.reader.take() {
            // The reader ends at EOF, which follows the exit once the output is drained.
            let done = poll(Duration::from_secs(2), || {
                reader.is_finished().then_some(())
            });
            if done.is_some() {
                let _ = reader.join();
            }
        }
        Some(status)
    }

    /// Presses `q` and checks that geul exits, successfully, within [`TIMEOUT`].
    pub fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit(TIMEOUT).expect("geul exits soon after q");
        assert!(status.success(), "exit status {status:?}");
    }

    /// Sends `signal` (e.g. `libc::SIGTERM`) to geul.
    #[cfg(unix)]
    pub fn signal(&self, signal: libc::c_int) {
        let pid = self.child.process_id().expect("geul has a process id");
        let pid = libc::pid_t::try_from(pid).expect("a pid fits pid_t");
        // SAFETY: kill(2) with a pid we spawned and a valid signal number.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(sent, 0, "kill({pid}, {signal}) failed");
    }

    /// The pty's local modes (`c_lflag`), e.g. to check canonical mode is back on.
    #[cfg(unix)]
    pub fn local_modes(&self) -> Option<libc::tcflag_t> {
        let fd = self.master.as_raw_fd()?;
        // SAFETY: `termios` is plain data, and `fd` is the open master of this pty.
        unsafe {
            let mut termios: libc::termios = std::mem::zeroed();
            (libc::tcgetattr(fd, &mut termios) == 0).then_some(termios.c_lflag)
        }
    }
}

impl<T: VirtualTerminal> Drop for PtySession<T> {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The scroll percent a status line shows (`1/25 · 62% · …`), if any.
pub fn scroll_percent(status: &str) -> Option<u32> {
    let end = status.find('%')?;
    let digits: String = status[..end]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// Position of the first occurrence of `needle` in `haystack` at or after `from`.
pub fn find_bytes(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Position of the last occurrence of `needle` in `haystack`.
pub fn rfind_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The article pane's first row with text (right of the sidebar), squashed.
pub fn article_top(session: &PtySession) -> String {
    session.with_screen(|screen| {
        let (_, cols) = screen.size();
        let separator = (0..cols.get())
            .find(|&col| screen.cell(0, col).is_some_and(|c| c.contents() == "│"))
            .unwrap_or(0);
        screen
            .rows(separator + 1, cols.get().saturating_sub(separator + 2))
            .map(|row| squash(&row))
            .find(|row| !row.is_empty())
            .unwrap_or_default()
    })
}

/// The status line (the screen's last row), squashed.
pub fn status(session: &PtySession) -> String {
    squash(session.contents().lines().last().unwrap_or_default())
}
