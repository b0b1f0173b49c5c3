//! `geul [DIR]`: the interactive reader.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use super::folder_error;
use super::settings::Settings;
use crate::config::{Images, WidthProbe};
use crate::library::scan::check_root;
use crate::library::state::StateStore;
use crate::tui::pictures::PictureSettings;
use crate::tui::{self, app::AppSettings};

/// How the reader starts, from the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Start {
    /// Do not watch the folder (`--no-watch`, or `watch = false` in the config).
    pub no_watch: bool,
    /// Start from the newest post, not where the reader left off (`--fresh`).
    pub fresh: bool,
    /// Read and write no state (`--no-state`, or `state = false` in the config).
    pub no_state: bool,
    /// How pictures are drawn (`--images`, or `images` in the config).
    pub images: Images,
}

/// Opens the reader on `dir` (or the configured folder) and runs it until the user quits.
pub fn run(dir: Option<&Path>, start: Start, settings: &Settings) -> anyhow::Result<ExitCode> {
    // The folder is checked first, so a wrong folder is reported even without a terminal;
    // its posts are read by the reader itself, behind its first frame.
    let root = settings.posts_dir(dir);
    check_root(&root).map_err(folder_error)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the reader needs a terminal; for scripts use `geul render FILE`, `geul list`, `geul tags` or `geul search QUERY` (see --help)"
        );
    }
    let app_settings = AppSettings {
        soft_breaks: settings.soft_breaks,
        sidebar_width: settings
            .config
            .sidebar_width
            .unwrap_or(AppSettings::default().sidebar_width),
        watch: !start.no_watch && settings.config.watch.unwrap_or(true),
        hyperlinks: settings.config.hyperlinks.unwrap_or_else(|| {
            tui::hyperlink::terminal_links_them(std::env::var("TERM").ok().as_deref())
        }),
        pictures: PictureSettings {
            images: start.images,
            encoder: None,
            thumbnail_rows: settings.config.thumbnail_height,
            placed_kitty: false,
        },
        // The theme is chosen by the reader, once it has asked the terminal.
        ..AppSettings::default()
    };
    let remembered = remembered(&root, start, settings);
    let terminal = tui::TerminalSettings {
        probe: settings.width_probe == WidthProbe::Auto,
        ambiguous: settings.ambiguous,
        theme: settings.theme,
    };
    match tui::run(root, app_settings, terminal, remembered)? {
        tui::Ending::Quit => Ok(ExitCode::SUCCESS),
        // The shell's convention for a process stopped by signal N.
        tui::Ending::Signal(n) => Ok(ExitCode::from(u8::try_from(128 + n).unwrap_or(1))),
        // As if by SIGHUP, which is what a closed terminal means.
        tui::Ending::HungUp => Ok(ExitCode::from(129)),
    }
}

/// The state remembered of the folder at `root`, loaded now (a small file, read before
/// the first frame so the reader can open where it was left); `None` when state is off
/// or there is nowhere to keep it.
fn remembered(root: &Path, start: Start, settings: &Settings) -> Option<tui::Remembered> {
    if start.no_state || !settings.state_enabled() {
        return None;
    }
    let store = StateStore::default_location()?;
    // The folder is known by its canonical path, however it was named.
    let folder = std::fs::canonicalize(root).ok()?;
    let loaded = store.load(&folder);
    Some(tui::Remembered {
        store,
        loaded,
        fresh: start.fresh,
    })
}
