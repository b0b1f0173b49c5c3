//! Zero stale cells in a real terminal.
//!
//! For every sample post (and the shared seed post, when it is there) geul runs inside a
//! detached 100x40 tmux session, with the width probe on (tmux answers the cursor position
//! reports). The article is stepped through a line at a time with `j`; after every step
//! the pane is captured, `Ctrl-l` forces a full redraw, and the pane is captured again. A
//! cell that differs between the two captures was left stale by the incremental redraw.
//!
//! tmux runs on its own socket (`-L geul-test-<pid>-<n>`, one a test) with its own config, so it never
//! touches a tmux server the user has running, and the server is killed at the end even
//! when the test fails. Without tmux on PATH the test says so and passes.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{geul_bin, list_posts, manifest_dir, poll, post_files, posts_dir, squash};

const COLS: u16 = 100;
const ROWS: u16 = 40;
/// At most this many `j` steps per post.
const MAX_STEPS: usize = 400;
/// How long to wait for the frame a key causes before deciding none is coming.
const REACTION: Duration = Duration::from_secs(5);
/// Separates the plain capture from the one with escapes in a single tmux call.
const MARK: &str = "==8<== geul capture ==8<==";
/// ratatui ends every frame by hiding the cursor.
const FRAME_END: &[u8] = b"\x1b[?25l";
/// `Ctrl-l` clears the whole screen before its frame.
const CLEAR: &[u8] = b"\x1b[2J";

/// A private tmux server, killed on drop.
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    fn start() -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        let conf = "set -g status off\n\
                    set -g default-size 100x40\n\
                    set -g remain-on-exit on\n\
                    set -g history-limit 0\n\
                    set -sg escape-time 0\n";
        std::fs::write(dir.path().join("tmux.conf"), conf).expect("write tmux.conf");
        // One server per test: the tests of this file run at once.
        static SERVERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SERVERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Tmux {
            socket: format!("geul-test-{}-{n}", std::process::id()),
            dir,
        }
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(self.dir.path().join("tmux.conf"))
            .stdin(Stdio::null())
            .env_remove("TMUX");
        command
    }

    /// Runs one tmux command line (several commands joined by `;` arguments).
    fn run(&self, args: &[&str]) -> Output {
        let output = self.command().args(args).output().expect("run tmux");
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .command()
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// One pane capture: text only, and with SGR escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Capture {
    plain: String,
    styled: String,
}

impl Capture {
    fn parse(output: &str) -> Capture {
        let (plain, styled) = output
            .split_once(&format!("{MARK}\n"))
            .expect("capture marker");
        Capture {
            plain: plain.to_string(),
            styled: styled.to_string(),
        }
    }

    /// The scroll percent on the status line (the last row), if shown.
    fn percent(&self) -> Option<u32> {
        let status = self.plain.lines().rfind(|l| !l.trim().is_empty())?;
        let end = status.find('%')?;
        let digits: String = status[..end]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.chars().rev().collect::<String>().parse().ok()
    }
}

/// The article pane's text in a plain capture: what follows the sidebar's `│` on each
/// row, without the scrollbar and without whitespace (titles wrap).
fn article_text(plain: &str) -> String {
    let rows: String = plain
        .lines()
        .filter_map(|l| l.split_once('│').map(|(_, rest)| rest))
        .collect();
    squash(&rows).replace(['│', '█'], "")
}

/// Counts what geul has written to its pane, read incrementally from a `pipe-pane` log.
///
/// Every frame ends with [`FRAME_END`] and `Ctrl-l` clears with [`CLEAR`] first, so the
/// counts say exactly when a frame is complete. tmux parses output before it feeds the
/// pipe, so once a frame's end is in the log, a capture shows the whole frame.
struct OutputLog {
    path: PathBuf,
    file: Option<std::fs::File>,
    tail: Vec<u8>,
    frames: usize,
    clears: usize,
    /// Frames completed since the last clear.
    frames_since_clear: usize,
}

impl OutputLog {
    fn new(path: PathBuf) -> OutputLog {
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
    fn update(&mut self) {
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
    fn wait_quiet(&mut self, quiet: Duration) {
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
    fn wait_clear(&mut self, clears: usize) -> bool {
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
    fn wait_frames(&mut self, frames: usize) -> bool {
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
struct Reader<'a> {
    tmux: &'a Tmux,
    target: String,
    log: OutputLog,
}

impl Reader<'_> {
    /// Captures the pane, then runs `then` (more tmux arguments, may be empty) in the same
    /// tmux call.
    fn capture_then(&self, then: &[&str]) -> Capture {
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

    fn capture(&self) -> Capture {
        self.capture_then(&[])
    }

    /// Captures the pane, sends `key` in the same tmux call and waits for the frame the
    /// key causes. Returns the capture and whether that frame came.
    fn capture_and_press(&mut self, key: &str) -> (Capture, bool) {
        self.log.update();
        let frames = self.log.frames;
        let target = self.target.clone();
        let capture = self.capture_then(&["send-keys", "-t", &target, key]);
        (capture, self.log.wait_frames(frames))
    }

    fn dead(&self) -> bool {
        let format = "#{pane_dead}";
        let out = self
            .tmux
            .stdout(&["display-message", "-p", "-t", &self.target, format]);
        out.trim() == "1"
    }
}

/// Where a full redraw showed something different from the incremental one.
struct Stale {
    step: usize,
    percent: Option<u32>,
    lines: Vec<(usize, String, String)>,
    styles_only: bool,
}

/// Result of walking one post.
struct Walk {
    post: String,
    steps: usize,
    reached_end: bool,
    stale: Vec<Stale>,
    note: Option<String>,
    /// Frames that showed half blocks (`▀` `▄`): a picture in view.
    picture_frames: usize,
}

fn differing_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    (0..a.len().max(b.len()))
        .filter_map(|i| {
            let x = a.get(i).copied().unwrap_or("");
            let y = b.get(i).copied().unwrap_or("");
            (x != y).then(|| (i, x.to_string(), y.to_string()))
        })
        .collect()
}

/// The first character where two lines differ, with its neighbours and code points.
fn describe_difference(incremental: &str, redrawn: &str) -> String {
    let a: Vec<char> = incremental.chars().collect();
    let b: Vec<char> = redrawn.chars().collect();
    let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let around = |v: &[char]| -> String {
        v[i.saturating_sub(2).min(v.len())..(i + 3).min(v.len())]
            .iter()
            .map(|c| format!("{c:?} U+{:04X}", u32::from(*c)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "first difference at char {i}: incremental [{}] vs redrawn [{}]",
        around(&a),
        around(&b)
    )
}

/// Starts geul on a folder holding only `post` and steps through the whole article,
/// comparing every frame with a full redraw.
fn walk(tmux: &Tmux, index: usize, post: &Path) -> Walk {
    let name = post
        .strip_prefix(manifest_dir())
        .unwrap_or(post)
        .display()
        .to_string();
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join(post.file_name().expect("a file name"));
    std::fs::copy(post, &file).expect("copy the post");
    walk_newest(tmux, index, folder.path(), name, &[], false)
}

/// Starts geul on `folder` (with `args`) and steps through the whole of its newest post,
/// comparing every frame with a full redraw.
fn walk_newest(
    tmux: &Tmux,
    index: usize,
    folder: &Path,
    name: String,
    args: &[&str],
    pictures: bool,
) -> Walk {
    let mut result = Walk {
        post: name.clone(),
        steps: 0,
        reached_end: false,
        stale: Vec::new(),
        note: None,
        picture_frames: 0,
    };
    let title = list_posts(folder)
        .first()
        .map(|p| p.title.clone())
        .unwrap_or_default();
    let config_home = tempfile::tempdir().expect("temp dir");

    let session = format!("post{index}");
    let target = format!("{session}:0.0");
    let log = tmux.dir.path().join(format!("{session}.log"));
    let env = format!("XDG_CONFIG_HOME={}", config_home.path().display());
    let (cols, rows) = (COLS.to_string(), ROWS.to_string());
    let bin = geul_bin();
    let bin = bin.to_str().expect("UTF-8 path");
    let dir = folder.to_str().expect("UTF-8 path");
    let mut command = vec![
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        &cols,
        "-y",
        &rows,
        "env",
        &env,
        bin,
        dir,
    ];
    command.extend(args);
    tmux.run(&command);
    let pipe = format!("cat >> '{}'", log.display());
    tmux.run(&["pipe-pane", "-o", "-t", &target, &pipe]);
    let mut reader = Reader {
        tmux,
        target,
        log: OutputLog::new(log),
    };

    let title = article_text(&title);
    let shown = poll(common::TIMEOUT, || {
        article_text(&reader.capture().plain)
            .contains(&title)
            .then_some(())
    });
    if shown.is_none() {
        panic!(
            "{name}: the title {title:?} never appeared (pane dead: {}):\n{}",
            reader.dead(),
            reader.capture().plain
        );
    }

    // The title can show before the first frame is complete: let start-up finish, so
    // every frame counted from here on is the answer to a key.
    reader.log.wait_quiet(Duration::from_millis(300));

    // Focus the article (a frame: the separator changes colour).
    let (_, focused) = reader.capture_and_press("Tab");
    if !focused {
        result.note = Some(format!("Tab drew nothing (pane dead: {})", reader.dead()));
        return result;
    }
    // Pictures come back from the worker and are drawn in frames of their own: with
    // pictures, each key's frames are let finish before the screen is captured, so a
    // picture's frame never passes for a key's.
    let settle = |reader: &mut Reader<'_>| {
        if pictures {
            reader.log.wait_quiet(Duration::from_millis(60));
        }
    };
    settle(&mut reader);
    let mut previous: Option<Capture> = None;
    for step in 0..=MAX_STEPS {
        // The incremental frame, then a full redraw of the same state.
        let clears = reader.log.clears;
        let (incremental, mut drawn) = reader.capture_and_press("C-l");
        if pictures {
            drawn = reader.log.wait_clear(clears);
        }
        if !drawn || reader.log.clears <= clears {
            let dead = reader.dead();
            result.note = Some(format!(
                "step {step}: Ctrl-l drew no full redraw (pane dead: {dead})"
            ));
            break;
        }
        // Capture the redraw and step on (a step past the end only redraws).
        let (redrawn, drawn) = reader.capture_and_press("j");
        settle(&mut reader);
        result.picture_frames += usize::from(redrawn.plain.contains(['▀', '▄']));
        if incremental != redrawn {
            let plain = differing_lines(&incremental.plain, &redrawn.plain);
            let styles_only = plain.is_empty();
            let lines = if styles_only {
                differing_lines(&incremental.styled, &redrawn.styled)
            } else {
                plain
            };
            let percent = incremental.percent();
            result.stale.push(Stale {
                step,
                percent,
                lines,
                styles_only,
            });
        }
        result.steps = step;
        let percent = redrawn.percent();
        if percent == Some(100) {
            result.reached_end = true;
            break;
        }
        if previous.as_ref().is_some_and(|p| p.plain == redrawn.plain) {
            result.note = Some(format!(
                "step {step}: j no longer scrolls but the status shows {percent:?}%"
            ));
            break;
        }
        if !drawn {
            let dead = reader.dead();
            result.note = Some(format!("step {step}: j drew nothing (pane dead: {dead})"));
            break;
        }
        if step == MAX_STEPS {
            result.note = Some(format!("stopped after {MAX_STEPS} steps at {percent:?}%"));
        }
        previous = Some(redrawn);
    }
    let _ = tmux
        .command()
        .args(["kill-session", "-t", &session])
        .output();
    result
}

/// The files to walk: every sample post, then the shared seed post when present.
fn posts_to_walk() -> Vec<PathBuf> {
    let mut posts = post_files(&posts_dir());
    let seed = manifest_dir().join("../shared/seed/what-is-generative-ai.md");
    if seed.is_file() {
        posts.push(seed);
    } else {
        eprintln!("note: {} is absent, not walked", seed.display());
    }
    posts
}

/// The failure report for one post, or `None` when it passed.
fn report(walk: &Walk) -> Option<String> {
    if walk.stale.is_empty() && walk.reached_end {
        return None;
    }
    let mut report = format!("\n== {} ==\n", walk.post);
    if !walk.reached_end {
        let note = walk.note.as_deref().unwrap_or("?");
        let _ = writeln!(report, "did not reach the end of the article: {note}");
    }
    if !walk.stale.is_empty() {
        let steps: Vec<String> = walk.stale.iter().map(|s| s.step.to_string()).collect();
        let _ = writeln!(
            report,
            "stale cells after {} of {} steps: {}",
            walk.stale.len(),
            walk.steps + 1,
            steps.join(" ")
        );
    }
    for stale in walk.stale.iter().take(3) {
        let kind = if stale.styles_only {
            "styles only (text equal)"
        } else {
            "text"
        };
        let _ = writeln!(
            report,
            "-- step {} ({:?}%), {kind}:",
            stale.step, stale.percent
        );
        for (row, incremental, redrawn) in stale.lines.iter().take(6) {
            let _ = writeln!(report, "   row {row:>2} incremental: {incremental:?}");
            let _ = writeln!(report, "          redrawn:     {redrawn:?}");
            let _ = writeln!(
                report,
                "          {}",
                describe_difference(incremental, redrawn)
            );
        }
    }
    Some(report)
}

#[test]
fn every_step_through_posts_with_pictures_in_half_blocks_matches_a_full_redraw() {
    let has_tmux = Command::new("tmux")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !has_tmux.is_ok_and(|s| s.success()) {
        eprintln!("skipped: tmux not installed");
        return;
    }
    let tmux = Tmux::start();
    let mut failures = Vec::new();
    // The newest post of each sample site: a thumbnail and inline pictures (Jekyll), a
    // thumbnail (Hugo).
    for (i, site) in ["jekyll-blog", "hugo-blog"].iter().enumerate() {
        let folder = manifest_dir().join("posts/sites").join(site);
        let args = ["--images", "halfblocks", "--no-state"];
        let walk = walk_newest(
            &tmux,
            100 + i,
            &folder,
            format!("{site} (pictures)"),
            &args,
            true,
        );
        eprintln!(
            "{}: {} steps, {} with a picture in view, {} stale, reached the end: {}",
            walk.post,
            walk.steps,
            walk.picture_frames,
            walk.stale.len(),
            walk.reached_end
        );
        assert!(
            walk.picture_frames > 0,
            "{}: no picture was ever in view",
            walk.post
        );
        failures.extend(report(&walk));
    }
    assert!(
        failures.is_empty(),
        "posts with pictures redraw differently after Ctrl-l:{}",
        failures.concat()
    );
}

#[test]
fn every_step_through_every_post_matches_a_full_redraw() {
    let has_tmux = Command::new("tmux")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !has_tmux.is_ok_and(|s| s.success()) {
        eprintln!("skipped: tmux not installed");
        return;
    }
    let tmux = Tmux::start();
    let start = Instant::now();
    let mut failures = Vec::new();
    let posts = posts_to_walk();
    for (i, post) in posts.iter().enumerate() {
        let started = Instant::now();
        let walk = walk(&tmux, i, post);
        let end = if walk.reached_end {
            "to 100%"
        } else {
            "NOT to the end"
        };
        eprintln!(
            "{}: {} steps {end}, {} stale, {:.1} s",
            walk.post,
            walk.steps,
            walk.stale.len(),
            started.elapsed().as_secs_f64()
        );
        if let Some(note) = &walk.note {
            eprintln!("  note: {note}");
        }
        failures.extend(report(&walk));
    }
    eprintln!(
        "walked {} posts in {:.1} s",
        posts.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} posts redraw differently after Ctrl-l:{}",
        failures.len(),
        posts.len(),
        failures.concat()
    );
}
