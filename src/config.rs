//! The optional configuration file, `$XDG_CONFIG_HOME/geul/config.toml`.
//!
//! Every key is optional; a missing file means defaults. A file that does not parse is a
//! clear error naming the line, never silently ignored.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::markdown::SoftBreaks;
use crate::styled::ThemeName;

/// Whether to ask the terminal how wide it draws emoji and ambiguous characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum WidthProbe {
    /// Probe at start-up (a fraction of a second at most), fall back to Unicode widths.
    #[default]
    Auto,
    /// Do not probe; use Unicode's widths.
    Off,
}

/// How wide the terminal draws East Asian ambiguous characters (`·`, `“`, `…`, box drawing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum AmbiguousWidth {
    /// One column, as most terminals draw them.
    Narrow,
    /// Two columns, as terminals with a CJK "ambiguous characters are wide" option do.
    Wide,
}

impl AmbiguousWidth {
    /// Columns the cursor advances for one ambiguous character.
    pub fn columns(self) -> u8 {
        match self {
            Self::Narrow => 1,
            Self::Wide => 2,
        }
    }
}

/// How pictures are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Images {
    /// The best the terminal can do (in `geul render`: half blocks when colour is on).
    #[default]
    Auto,
    /// The kitty graphics protocol.
    Kitty,
    /// Sixel graphics.
    Sixel,
    /// iTerm2's inline images.
    Iterm2,
    /// Unicode half blocks, two pixels a cell, in colour: every colour terminal.
    Halfblocks,
    /// No pictures: their alt text only.
    Off,
}

/// The settings a user may put in the config file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Folder of posts opened when no folder is given on the command line.
    pub posts: Option<PathBuf>,
    /// `auto` (follow the terminal's background), `dark` or `light`.
    pub theme: Option<ThemeName>,
    /// `auto`, `keep` or `join`.
    pub soft_breaks: Option<SoftBreaks>,
    /// `auto` or `off`.
    pub width_probe: Option<WidthProbe>,
    /// Width of the sidebar in columns, [`SIDEBAR_WIDTHS`].
    #[serde(default, deserialize_with = "sidebar_width")]
    pub sidebar_width: Option<u16>,
    /// `narrow` or `wide`; overrides what the width probe measures for `·` and the like.
    pub ambiguous_width: Option<AmbiguousWidth>,
    /// Whether the reader watches the folder for changes (default: it does).
    pub watch: Option<bool>,
    /// How pictures are drawn (`auto`, `kitty`, `sixel`, `iterm2`, `halfblocks`, `off`);
    /// `geul render` draws half blocks for any but `off`.
    pub images: Option<Images>,
    /// The height of a post's thumbnail in the reader, in rows (default: a third of the
    /// article pane).
    pub thumbnail_height: Option<u16>,
    /// Whether link text is a terminal hyperlink (OSC 8) a click opens (default: it is,
    /// except on the Linux console and dumb terminals, which print the sequence).
    pub hyperlinks: Option<bool>,
    /// Whether geul remembers where the reader left off, what was read and the
    /// bookmarks (default: it does); `false` reads and writes no state.
    pub state: Option<bool>,
}

/// The sidebar widths the config may ask for: narrower cannot show a title, wider leaves
/// no article (the reader still keeps the sidebar to two fifths of the screen).
pub const SIDEBAR_WIDTHS: std::ops::RangeInclusive<u16> = 16..=80;

/// Reads `sidebar-width`, refusing a value outside [`SIDEBAR_WIDTHS`] with a message that
/// names the range (rather than silently using another width).
fn sidebar_width<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u16>, D::Error> {
    let width = i64::deserialize(deserializer)?;
    match u16::try_from(width) {
        Ok(width) if SIDEBAR_WIDTHS.contains(&width) => Ok(Some(width)),
        _ => Err(serde::de::Error::custom(format!(
            "sidebar-width = {width} is out of range: {} to {} columns",
            SIDEBAR_WIDTHS.start(),
            SIDEBAR_WIDTHS.end()
        ))),
    }
}

/// The largest config file read: a real one is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Why the config file could not be used.
#[derive(Debug)]
pub enum ConfigError {
    /// The file exists but could not be read.
    Read(PathBuf, std::io::Error),
    /// The file is not valid TOML or has an unknown key or a bad value.
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Read(path, e) => write!(f, "cannot read config {}: {e}", path.display()),
            Self::Parse {
                path,
                line: Some(line),
                message,
            } => {
                write!(f, "config {} line {line}: {message}", path.display())
            }
            Self::Parse {
                path,
                line: None,
                message,
            } => write!(f, "config {}: {message}", path.display()),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The default location: `$XDG_CONFIG_HOME/geul/config.toml`, else
    /// `~/.config/geul/config.toml`.
    pub fn default_path() -> Option<PathBuf> {
        use etcetera::BaseStrategy;
        etcetera::choose_base_strategy()
            .ok()
            .map(|s| s.config_dir().join("geul").join("config.toml"))
    }

    /// Loads `path`. With `required == false` a missing file gives the defaults. Only a
    /// regular file of at most [`MAX_CONFIG_BYTES`] is read: a FIFO or a device named as
    /// the config would otherwise block or never end.
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        let read_error = |e| ConfigError::Read(path.to_path_buf(), e);
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                return Ok(Config::default());
            }
            Err(e) => return Err(read_error(e)),
        };
        if !metadata.is_file() {
            return Err(read_error(std::io::Error::other("not a regular file")));
        }
        if metadata.len() > MAX_CONFIG_BYTES {
            return Err(read_error(std::io::Error::other("larger than 1 MiB")));
        }
        let text = std::fs::read_to_string(path).map_err(read_error)?;
        Config::parse(&text, path)
    }

    /// Parses config text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                message: e.message().trim().to_string(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_key_is_read() {
        let text = "posts = \"~/blog\"\ntheme = \"light\"\nsoft-breaks = \"join\"\nwidth-probe = \"off\"\nsidebar-width = 40\nambiguous-width = \"wide\"\nwatch = false\nstate = false\n";
        let config = Config::parse(text, Path::new("c.toml")).expect("valid config");
        assert_eq!(config.theme, Some(ThemeName::Light));
        assert_eq!(config.soft_breaks, Some(SoftBreaks::Join));
        assert_eq!(config.width_probe, Some(WidthProbe::Off));
        assert_eq!(config.sidebar_width, Some(40));
        assert_eq!(config.watch, Some(false));
        assert_eq!(config.ambiguous_width, Some(AmbiguousWidth::Wide));
        assert_eq!(config.state, Some(false));
    }

    #[test]
    fn every_theme_is_read_auto_among_them() {
        for (text, theme) in [
            ("theme = \"auto\"\n", ThemeName::Auto),
            ("theme = \"dark\"\n", ThemeName::Dark),
            ("theme = \"light\"\n", ThemeName::Light),
        ] {
            let config = Config::parse(text, Path::new("c.toml")).expect("valid config");
            assert_eq!(config.theme, Some(theme), "{text}");
        }
        assert!(Config::parse("theme = \"sepia\"\n", Path::new("c.toml")).is_err());
    }

    #[test]
    fn a_bad_value_is_an_error_naming_the_line() {
        let err = Config::parse(
            "theme = \"dark\"\nsoft-breaks = \"sometimes\"\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn a_sidebar_width_out_of_range_is_an_error_naming_the_key_and_the_range() {
        for text in [
            "sidebar-width = 10\n",
            "sidebar-width = 500\n",
            "sidebar-width = -3\n",
        ] {
            let message = Config::parse(text, Path::new("c.toml"))
                .expect_err("out of range")
                .to_string();
            assert!(
                message.contains("sidebar-width") && message.contains("16 to 80 columns"),
                "{message}"
            );
            assert!(message.contains("line 1"), "{message}");
        }
        let edges = Config::parse("sidebar-width = 16\n", Path::new("c.toml"));
        assert_eq!(edges.ok().and_then(|c| c.sidebar_width), Some(16));
    }

    #[test]
    fn an_unknown_key_is_an_error() {
        assert!(Config::parse("colour = 1\n", Path::new("c.toml")).is_err());
    }

    #[test]
    fn a_fifo_named_as_the_config_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("config.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let error = Config::load(&fifo, true).expect_err("not a regular file");
        assert!(error.to_string().contains("not a regular file"), "{error}");
    }

    #[test]
    fn a_missing_file_gives_defaults_unless_required() {
        let missing = Path::new("/nonexistent/geul/config.toml");
        assert_eq!(Config::load(missing, false).ok(), Some(Config::default()));
        assert!(Config::load(missing, true).is_err());
    }
}
