//! Zero stale cells in a real terminal.
//!
//! For every sample post (and the shared seed post, when it is there) geul runs inside a
//! detached 100x40 tmux session, with the width probe on (tmux answers the cursor position
//! reports). The article is stepped through a line at a time with `j`; after every step
//! the pane is captured, `Ctrl-l` forces a full redraw, and the pane is captured again. A
//! cell that differs between the two captures was left stale by the incremental redraw.
//!
//! tmux runs on its own socket (`-L geul-test-<pid>`) with its own config, so it never
//! touches a tmux server the user has running, and the server is killed at the end even
//! when the test fails. Without tmux on PATH the test says so and passes.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{geul_bin, list_posts, manifest_dir, poll, posts_dir, squash};

const COLS: u16 = 100;
const ROWS: u16 = 40;
/// At most this many `j` steps per post.
const MAX_STEPS: usize = 400;
/// Output that has not grown for this long is taken as a finished frame.
const QUIET: Duration = Duration::from_millis(25);
/// How long to wait for geul to answer a key before deciding it drew nothing.
const REACTION: Duration = Duration::from_millis(1500);
/// Separates the plain capture from the one with escapes in a single tmux call.
const MARK: &str = "----8<---- geul capture ----8<----";

/// A private tmux server, killed on drop.
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    fn start() -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        let conf = dir.path().join("tmux.conf");
        std::fs::write(
            &conf,
            "set -g status off\nset -g default-size 100x40\nset -g remain-on-exit on\nset -g history-limit 0\nset -sg escape-time 0\n",
        )
        .expect("write tmux.conf");
        Tmux {
            socket: format!("geul-test-{}", std::process::id()),
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

/// geul on one post in its own tmux session.
struct Reader<'a> {
    tmux: &'a Tmux,
    target: String,
    log: PathBuf,
}

impl Reader<'_> {
    fn log_len(&self) -> u64 {
        std::fs::metadata(&self.log).map(|m| m.len()).unwrap_or(0)
    }

    fn clears(&self) -> usize {
        let bytes = std::fs::read(&self.log).unwrap_or_default();
        bytes.windows(4).filter(|w| w == b"\x1b[2J").count()
    }

    /// Waits until geul's output, which was `before` bytes long, has grown and then been
    /// quiet for [`QUIET`]. Returns false if nothing came within [`REACTION`].
    fn wait_for_output(&self, before: u64) -> bool {
        if poll(REACTION, || (self.log_len() > before).then_some(())).is_none() {
            return false;
        }
        self.wait_quiet();
        true
    }

    fn wait_quiet(&self) {
        let mut len = self.log_len();
        let mut since = Instant::now();
        let start = Instant::now();
        while since.elapsed() < QUIET && start.elapsed() < common::TIMEOUT {
            std::thread::sleep(Duration::from_millis(5));
            let now = self.log_len();
            if now != len {
                len = now;
                since = Instant::now();
            }
        }
    }

    /// Captures the pane, then runs `then` (more tmux arguments, may be empty) in the same
    /// tmux call.
    fn capture_then(&self, then: &[&str]) -> Capture {
        let t = self.target.as_str();
        let mut args = vec![
            "capture-pane",
            "-p",
            "-t",
            t,
            ";",
            "display-message",
            "-p",
            MARK,
        ];
        args.extend(["-t", t, ";", "capture-pane", "-p", "-e", "-t", t]);
        if !then.is_empty() {
            args.push(";");
            args.extend(then);
        }
        Capture::parse(&self.tmux.stdout(&args))
    }

    fn capture(&self) -> Capture {
        self.capture_then(&[])
    }

    fn send(&self, key: &str) {
        self.tmux.run(&["send-keys", "-t", &self.target, key]);
    }

    fn dead(&self) -> bool {
        self.tmux
            .stdout(&["display-message", "-p", "-t", &self.target, "#{pane_dead}"])
            .trim()
            == "1"
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
        v[i.saturating_sub(2)..(i + 3).min(v.len())]
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

fn walk(tmux: &Tmux, index: usize, post: &Path) -> Walk {
    let name = post
        .strip_prefix(manifest_dir())
        .unwrap_or(post)
        .display()
        .to_string();
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join(post.file_name().expect("a file name"));
    std::fs::copy(post, &file).expect("copy the post");
    let title = list_posts(folder.path())
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
    tmux.run(&[
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
        bin.to_str().expect("UTF-8 path"),
        folder.path().to_str().expect("UTF-8 path"),
    ]);
    let pipe = format!("cat >> '{}'", log.display());
    tmux.run(&["pipe-pane", "-o", "-t", &target, &pipe]);
    let reader = Reader { tmux, target, log };

    let shown = poll(common::TIMEOUT, || {
        let capture = reader.capture();
        squash(&capture.plain)
            .contains(&squash(&title))
            .then_some(())
    });
    if shown.is_none() {
        panic!(
            "{name}: the title {title:?} never appeared (pane dead: {}):\n{}",
            reader.dead(),
            reader.capture().plain
        );
    }
    reader.wait_quiet();

    // Focus the article.
    let before = reader.log_len();
    reader.send("Tab");
    reader.wait_for_output(before);

    let mut result = Walk {
        post: name.clone(),
        steps: 0,
        reached_end: false,
        stale: Vec::new(),
        note: None,
    };
    let mut previous: Option<Capture> = None;
    for step in 0..=MAX_STEPS {
        // The incremental frame, then a full redraw of the same state.
        let clears = reader.clears();
        let incremental = reader.capture_then(&["send-keys", "-t", &reader.target, "C-l"]);
        if poll(REACTION * 2, || (reader.clears() > clears).then_some(())).is_none() {
            result.note = Some(format!(
                "step {step}: Ctrl-l drew nothing (pane dead: {})",
                reader.dead()
            ));
            break;
        }
        reader.wait_quiet();
        let redrawn = reader.capture();
        if incremental != redrawn {
            let plain = differing_lines(&incremental.plain, &redrawn.plain);
            let styles_only = plain.is_empty();
            let lines = if styles_only {
                differing_lines(&incremental.styled, &redrawn.styled)
            } else {
                plain
            };
            result.stale.push(Stale {
                step,
                percent: incremental.percent(),
                lines,
                styles_only,
            });
        }
        result.steps = step;
        if redrawn.percent() == Some(100) {
            result.reached_end = true;
            break;
        }
        if previous.as_ref().is_some_and(|p| p.plain == redrawn.plain) {
            result.note = Some(format!(
                "step {step}: j no longer scrolls but the status shows {:?}%",
                redrawn.percent()
            ));
            break;
        }
        if step == MAX_STEPS {
            result.note = Some(format!(
                "stopped after {MAX_STEPS} steps at {:?}%",
                redrawn.percent()
            ));
            break;
        }
        previous = Some(redrawn);
        let before = reader.log_len();
        reader.send("j");
        if !reader.wait_for_output(before) && reader.dead() {
            result.note = Some(format!(
                "step {step}: geul died:\n{}",
                reader.capture().plain
            ));
            break;
        }
    }
    let _ = tmux
        .command()
        .args(["kill-session", "-t", &session])
        .output();
    result
}

/// The files to walk: every sample post, then the shared seed post when present.
fn posts_to_walk() -> Vec<PathBuf> {
    let mut posts = Vec::new();
    let mut pending = vec![posts_dir()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read posts/") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "md" || e == "markdown")
            {
                posts.push(path);
            }
        }
    }
    posts.sort();
    let seed = manifest_dir().join("../shared/seed/what-is-generative-ai.md");
    if seed.is_file() {
        posts.push(seed);
    } else {
        eprintln!("note: {} is absent, not walked", seed.display());
    }
    posts
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
    let walks: Vec<Walk> = posts_to_walk()
        .iter()
        .enumerate()
        .map(|(i, post)| walk(&tmux, i, post))
        .collect();

    let mut report = String::new();
    let mut failed = 0;
    for walk in &walks {
        let end = if walk.reached_end {
            "to 100%"
        } else {
            "not to the end"
        };
        eprintln!(
            "{}: {} steps {end}, {} stale",
            walk.post,
            walk.steps,
            walk.stale.len()
        );
        if let Some(note) = &walk.note {
            eprintln!("  note: {note}");
        }
        if walk.stale.is_empty() && walk.reached_end {
            continue;
        }
        failed += 1;
        let _ = writeln!(report, "\n== {} ==", walk.post);
        if !walk.reached_end {
            let _ = writeln!(
                report,
                "did not reach the end of the article: {}",
                walk.note.as_deref().unwrap_or("?")
            );
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
    }
    eprintln!(
        "walked {} posts in {:.1} s",
        walks.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(
        failed == 0,
        "{failed} of {} posts redraw differently after Ctrl-l:{report}",
        walks.len()
    );
}
