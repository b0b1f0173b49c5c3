//! `geul [DIR]`: the interactive reader.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use super::folder_error;
use super::settings::Settings;
use crate::config::WidthProbe;
use crate::library::scan::check_root;
use crate::tui::{self, app::AppSettings};

/// Opens the reader on `dir` (or the configured folder) and runs it until the user quits;
/// `no_watch` (or `watch = false` in the config) keeps it from watching the folder.
pub fn run(dir: Option<&Path>, no_watch: bool, settings: &Settings) -> anyhow::Result<ExitCode> {
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
        theme: settings.theme.clone(),
        soft_breaks: settings.soft_breaks,
        sidebar_width: settings
            .config
            .sidebar_width
            .unwrap_or(AppSettings::default().sidebar_width),
        watch: !no_watch && settings.config.watch.unwrap_or(true),
    };
    let widths = tui::WidthSettings {
        probe: settings.width_probe == WidthProbe::Auto,
        ambiguous: settings.ambiguous,
    };
    match tui::run(root, app_settings, widths)? {
        tui::Ending::Quit => Ok(ExitCode::SUCCESS),
        // The shell's convention for a process stopped by signal N.
        tui::Ending::Signal(n) => Ok(ExitCode::from(u8::try_from(128 + n).unwrap_or(1))),
        // As if by SIGHUP, which is what a closed terminal means.
        tui::Ending::HungUp => Ok(ExitCode::from(129)),
    }
}
