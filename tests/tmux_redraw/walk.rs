//! Walking a post a line at a time, each step checked against a full redraw, and the
//! report of what was left stale.

use super::*;

/// Where a full redraw showed something different from the incremental one.
pub(crate) struct Stale {
    pub(crate) step: usize,
    pub(crate) percent: Option<u32>,
    pub(crate) lines: Vec<(usize, String, String)>,
    pub(crate) styles_only: bool,
}

/// Result of walking one post.
pub(crate) struct Walk {
    pub(crate) post: String,
    pub(crate) steps: usize,
    pub(crate) reached_end: bool,
    pub(crate) stale: Vec<Stale>,
    pub(crate) note: Option<String>,
    /// Frames that showed half blocks (`▀` `▄`): a picture in view.
    pub(crate) picture_frames: usize,
}

pub(crate) fn differing_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
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
pub(crate) fn describe_difference(incremental: &str, redrawn: &str) -> String {
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
pub(crate) fn walk(tmux: &Tmux, index: usize, post: &Path) -> Walk {
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
pub(crate) fn walk_newest(
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
pub(crate) fn posts_to_walk() -> Vec<PathBuf> {
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
pub(crate) fn report(walk: &Walk) -> Option<String> {
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
