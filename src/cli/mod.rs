//! The command line: the clap types, and one file per subcommand.
//!
//! This is the top layer; it may use every other one. Everything it prints goes through
//! [`output`], so no byte of a post or a file name reaches the terminal raw.

pub mod categories;
pub mod list;
pub mod output;
mod pictures;
pub mod reader;
pub mod remembered;
pub mod render;
pub mod search;
pub mod settings;
pub mod tags;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::library::grouping::{GroupBy, SortBy};

use self::settings::Settings;
use crate::config::{AmbiguousWidth, Images, WidthProbe};
use crate::library::Library;
use crate::markdown::SoftBreaks;
use crate::styled::ThemeName;
use crate::text::width::{self, TerminalWidths};

/// 글 geul — read a folder of Markdown articles in the terminal.
///
/// With no subcommand, opens the reader on DIR (default: the `posts` setting of the config
/// file, else ./posts). Keys: j/k move, Enter opens, Tab switches panes, ? shows every key,
/// q quits.
#[derive(Debug, Parser)]
#[command(name = "geul", version)]
pub struct Cli {
    /// Folder of posts to open.
    pub dir: Option<PathBuf>,

    /// Do not watch the folder: the reader shows changes on disk only after `r`.
    #[arg(long)]
    pub no_watch: bool,

    /// Start from the newest post, not where the reader left off.
    #[arg(long)]
    pub fresh: bool,

    /// Remember nothing: read and write no state (no place, read marks or bookmarks).
    #[arg(long, global = true)]
    pub no_state: bool,

    /// Config file to use instead of $XDG_CONFIG_HOME/geul/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Colour theme (overrides the config file).
    #[arg(long, global = true, value_enum)]
    pub theme: Option<ThemeName>,

    /// Keep the author's line breaks, join them, or decide per post (overrides the config).
    #[arg(long, global = true, value_enum)]
    pub soft_breaks: Option<SoftBreaks>,

    /// Ask the terminal how wide it draws emoji and ambiguous characters at start-up.
    #[arg(long, global = true, value_enum)]
    pub width_probe: Option<WidthProbe>,

    /// How wide the terminal draws ambiguous characters such as `·`, `“` and box drawing
    /// (default: what the width probe measures; `narrow` for subcommands).
    #[arg(long, global = true, value_enum)]
    pub ambiguous_width: Option<AmbiguousWidth>,

    /// How pictures are drawn: `auto` asks the terminal (kitty, sixel, iTerm2, else half
    /// blocks; half blocks inside tmux), or one by name, or `off` (default: the config's
    /// `images`, else `auto`). `geul render` draws half blocks for any but `off`.
    #[arg(long, global = true, value_enum)]
    pub images: Option<Images>,

    /// The subcommand; none opens the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands, for scripts and tests.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one article exactly as the article pane shows it at a width.
    Render {
        /// The Markdown file.
        file: PathBuf,
        /// Columns to lay the article out in.
        #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(1..))]
        width: u16,
        /// ANSI colours: `auto` means on a terminal and NO_COLOR unset.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// List posts, newest first.
    List {
        /// Folder of posts (default: as for the reader).
        dir: Option<PathBuf>,
        /// Only posts in this category.
        #[arg(long)]
        category: Option<String>,
        /// Only posts carrying this tag (with or without `#`).
        #[arg(long)]
        tag: Option<String>,
        /// Only posts not read yet in the reader (as it remembers them).
        #[arg(long)]
        unread: bool,
        /// Group as the sidebar can: category, folder, month, tag or none.
        #[arg(long, value_parser = group_by)]
        group_by: Option<GroupBy>,
        /// Order (within each group): newest, oldest, title or reading-time.
        #[arg(long, default_value = "newest", value_parser = sort_by)]
        sort: SortBy,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Every category (or folder, month, first tag) with its post count, in the sidebar's
    /// order.
    Categories {
        /// Folder of posts (default: as for the reader).
        dir: Option<PathBuf>,
        /// How to group: category, folder, month, tag or none.
        #[arg(long, default_value = "category", value_parser = group_by)]
        group_by: GroupBy,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Search titles, tags, descriptions and text; ranked results, best first.
    Search {
        /// Words to find (all must match); `#tag` matches tags only; 초성 like ㅅㅅㅎ work.
        query: String,
        /// Folder of posts (default: as for the reader).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Most results to print (at least 1).
        #[arg(long, default_value_t = 20, value_parser = at_least_one)]
        limit: usize,
        /// Also search inside code blocks (fenced and indented).
        #[arg(long)]
        include_code: bool,
    },
    /// Every hashtag with its post count, most used first.
    Tags {
        /// Folder of posts (default: as for the reader).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// When `geul render` writes ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal with NO_COLOR unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How a subcommand prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per result, for people.
    Text,
    /// A pretty-printed JSON array, for scripts.
    Json,
}

/// Runs what the command line asks for and says how geul should exit.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = Settings::resolve(&cli)?;
    let Some(command) = &cli.command else {
        let start = reader::Start {
            no_watch: cli.no_watch,
            fresh: cli.fresh,
            no_state: cli.no_state,
            images: cli.images.or(settings.config.images).unwrap_or_default(),
        };
        return reader::run(cli.dir.as_deref(), start, &settings);
    };
    // Subcommands print for a pipe, not a probed terminal: Unicode widths, unless the user
    // said how wide ambiguous characters are.
    if let Some(columns) = settings.ambiguous {
        width::install(TerminalWidths::UNICODE.with_ambiguous(columns));
    }
    match command {
        Command::Render { file, width, color } => {
            let images = cli.images.or(settings.config.images).unwrap_or_default();
            render::run(file, *width, *color, images, &settings)
        }
        Command::List {
            dir,
            category,
            tag,
            unread,
            group_by,
            sort,
            format,
        } => {
            let read = match unread {
                true => Some(remembered::read_posts(
                    &settings.posts_dir(dir.as_deref()),
                    !cli.no_state && settings.state_enabled(),
                )?),
                false => None,
            };
            let filter = list::Filter {
                category: category.as_deref(),
                tag: tag.as_deref(),
                read: read.as_ref(),
            };
            let arrangement = list::Arrangement {
                group_by: *group_by,
                sort: *sort,
            };
            list::run(
                &open_library(dir.as_deref(), &settings)?,
                &filter,
                arrangement,
                *format,
            )
        }
        Command::Search {
            query,
            dir,
            format,
            limit,
            include_code,
        } => {
            let request = search::Request {
                query,
                limit: *limit,
                include_code: *include_code,
            };
            search::run(&open_library(dir.as_deref(), &settings)?, &request, *format)
        }
        Command::Categories {
            dir,
            group_by,
            format,
        } => categories::run(
            &open_library(dir.as_deref(), &settings)?,
            *group_by,
            *format,
        ),
        Command::Tags { dir, format } => {
            tags::run(&open_library(dir.as_deref(), &settings)?, *format)
        }
    }
}

/// Loads the posts folder a command names (or the configured one), with a hint on failure.
/// Places the walk passed over (dangling or looping links, unreadable folders) are said on
/// stderr, so a post missing from the output has an explanation.
fn open_library(dir: Option<&Path>, settings: &Settings) -> anyhow::Result<Library> {
    let dir = settings.posts_dir(dir);
    let progress = crate::library::LoadProgress::default();
    let library = Library::load_counting(&dir, &progress).map_err(folder_error)?;
    let count = progress.skipped_count();
    if count > 0 {
        let mut note = format!(
            "skipped {count} {} of the folder:",
            if count == 1 { "place" } else { "places" }
        );
        for skipped in progress.skipped() {
            let path = output::display_path(&skipped.path);
            note.push_str(&format!("\n  {path}: {}", skipped.reason));
        }
        if count > progress.skipped().len() {
            note.push_str("\n  …");
        }
        eprintln!("geul: {}", output::safe_lines(&note));
    }
    Ok(library)
}

/// A folder that cannot be read, said with what to do about it.
fn folder_error(error: crate::library::ScanError) -> anyhow::Error {
    anyhow::anyhow!(
        "{error} (open another folder with `geul DIR`, or set `posts` in the config file)"
    )
}

/// Parses a count that must be at least 1 (`--limit 0` would print nothing and say that
/// nothing matched).
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(error) => Err(error.to_string()),
    }
}

/// Parses `--group-by`, listing the choices when the name is unknown.
fn group_by(text: &str) -> Result<GroupBy, String> {
    text.parse()
}

fn sort_by(text: &str) -> Result<SortBy, String> {
    text.parse()
}
