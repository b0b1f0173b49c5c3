//! The config file and the command-line flags, merged into one set of settings (flags win).

use std::path::{Path, PathBuf};

use super::Cli;
use crate::config::{AmbiguousWidth, Config, ConfigError, WidthProbe};
use crate::markdown::SoftBreaks;
use crate::styled::{Background, Theme, ThemeName};

/// The folder opened when neither the command line nor the config file names one.
const DEFAULT_POSTS_DIR: &str = "posts";

/// Settings after merging the config file and command-line flags (flags win).
pub struct Settings {
    /// The config file as read (defaults when there is none).
    pub config: Config,
    /// The colour theme asked for (`auto` is settled by [`Settings::theme_from_env`], or
    /// by the reader once it has asked the terminal).
    pub theme: ThemeName,
    /// What to do with the author's line breaks.
    pub soft_breaks: SoftBreaks,
    /// Columns of an ambiguous character, when the user said.
    pub ambiguous: Option<u8>,
    /// Whether the reader asks the terminal for its widths at start-up.
    pub width_probe: WidthProbe,
}

impl Settings {
    /// Reads the config file `cli` names (or the default one, if it exists) and applies the
    /// flags on top.
    pub fn resolve(cli: &Cli) -> anyhow::Result<Settings> {
        let config = match &cli.config {
            Some(path) => Config::load(path, true)?,
            None => match Config::default_path() {
                // The default file is optional: one that cannot be read is said and
                // passed over; one that does not parse still stops geul (it was meant).
                Some(path) => match Config::load(&path, false) {
                    Err(error @ ConfigError::Read(..)) => {
                        let message = format!("{error}; using the defaults");
                        eprintln!("geul: {}", super::output::safe_message(&message));
                        Config::default()
                    }
                    loaded => loaded?,
                },
                None => Config::default(),
            },
        };
        Ok(Settings::merge(cli, config))
    }

    /// `config` with the flags of `cli` on top.
    fn merge(cli: &Cli, config: Config) -> Settings {
        let theme = cli.theme.or(config.theme).unwrap_or_default();
        let soft_breaks = cli.soft_breaks.or(config.soft_breaks).unwrap_or_default();
        let ambiguous = cli
            .ambiguous_width
            .or(config.ambiguous_width)
            .map(AmbiguousWidth::columns);
        let width_probe = cli.width_probe.or(config.width_probe).unwrap_or_default();
        Settings {
            config,
            theme,
            soft_breaks,
            ambiguous,
            width_probe,
        }
    }

    /// The palette where the terminal is not asked (`geul render`): with `auto`, the one for
    /// the background `COLORFGBG` names, else dark.
    pub fn theme_from_env(&self) -> Theme {
        Theme::new(self.theme.background(Background::from_env()))
    }

    /// Whether geul remembers anything of a folder (`state = false` in the config turns it
    /// off; so does `--no-state`).
    pub fn state_enabled(&self) -> bool {
        self.config.state.unwrap_or(true)
    }

    /// The posts folder: `dir` when given, else the config's `posts`, else `./posts`.
    pub fn posts_dir(&self, dir: Option<&Path>) -> PathBuf {
        dir.map(Path::to_path_buf)
            .or_else(|| self.config.posts.clone())
            .unwrap_or_else(|| PathBuf::from(DEFAULT_POSTS_DIR))
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn cli(args: &[&str]) -> Cli {
        Cli::parse_from(std::iter::once("geul").chain(args.iter().copied()))
    }

    #[test]
    fn flags_win_over_the_config_file() {
        let config = Config {
            soft_breaks: Some(SoftBreaks::Join),
            ambiguous_width: Some(AmbiguousWidth::Wide),
            width_probe: Some(WidthProbe::Off),
            ..Config::default()
        };
        let settings = Settings::merge(
            &cli(&["--soft-breaks", "keep", "--ambiguous-width", "narrow"]),
            config,
        );
        assert_eq!(settings.soft_breaks, SoftBreaks::Keep);
        assert_eq!(settings.ambiguous, Some(1));
        assert_eq!(settings.width_probe, WidthProbe::Off);
    }

    #[test]
    fn without_flags_or_config_the_defaults_apply() {
        let settings = Settings::merge(&cli(&[]), Config::default());
        assert_eq!(settings.soft_breaks, SoftBreaks::default());
        assert_eq!(settings.ambiguous, None);
        assert_eq!(settings.width_probe, WidthProbe::Auto);
        assert_eq!(settings.theme, ThemeName::Auto);
    }

    #[test]
    fn the_posts_folder_comes_from_the_command_line_then_the_config_then_posts() {
        let configured = Settings::merge(
            &cli(&[]),
            Config {
                posts: Some(PathBuf::from("blog")),
                ..Config::default()
            },
        );
        assert_eq!(
            configured.posts_dir(Some(Path::new("here"))),
            Path::new("here")
        );
        assert_eq!(configured.posts_dir(None), Path::new("blog"));
        let plain = Settings::merge(&cli(&[]), Config::default());
        assert_eq!(plain.posts_dir(None), Path::new("posts"));
    }
}
