//! geul's command line: the reader, and subcommands for scripts and tests.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use ratatui::backend::IntoCrossterm;
use ratatui::text::Line;

use geul::config::{AmbiguousWidth, Config, WidthProbe};
use geul::library::search::{Query, SearchIndex, SearchOptions};
use geul::library::tags;
use geul::library::{Library, Post, PostId, scan};
use geul::markdown::{RenderOptions, SoftBreaks, render_post};
use geul::styled::{Theme, ThemeName};
use geul::text::display_text;
use geul::text::width::{self, TerminalWidths};
use geul::tui::{self, app::AppSettings};

/// 글 geul — read a folder of Markdown articles in the terminal.
///
/// With no subcommand, opens the reader on DIR (default: the `posts` setting of the config
/// file, else ./posts). Keys: j/k move, Enter opens, Tab switches panes, ? shows every key,
/// q quits.
#[derive(Debug, Parser)]
#[command(name = "geul", version)]
struct Cli {
    /// Folder of posts to open.
    dir: Option<PathBuf>,

    /// Config file to use instead of $XDG_CONFIG_HOME/geul/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,

    /// Colour theme (overrides the config file).
    #[arg(long, global = true, value_enum)]
    theme: Option<ThemeName>,

    /// Keep the author's line breaks, join them, or decide per post (overrides the config).
    #[arg(long, global = true, value_enum)]
    soft_breaks: Option<SoftBreaks>,

    /// Ask the terminal how wide it draws emoji and ambiguous characters at start-up.
    #[arg(long, global = true, value_enum)]
    width_probe: Option<WidthProbe>,

    /// How wide the terminal draws ambiguous characters such as `·`, `“` and box drawing
    /// (default: what the width probe measures; `narrow` for subcommands).
    #[arg(long, global = true, value_enum)]
    ambiguous_width: Option<AmbiguousWidth>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
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
        /// Most results to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Also search inside fenced code blocks.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("geul: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Output cut short by the reader (`geul list | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(BrokenPipe))
    })
}

/// Settings after merging the config file and command-line flags (flags win).
struct Settings {
    config: Config,
    theme: Theme,
    soft_breaks: SoftBreaks,
    /// Columns of an ambiguous character, when the user said.
    ambiguous: Option<u8>,
}

fn settings(cli: &Cli) -> anyhow::Result<Settings> {
    let config = match &cli.config {
        Some(path) => Config::load(path, true)?,
        None => match Config::default_path() {
            Some(path) => Config::load(&path, false)?,
            None => Config::default(),
        },
    };
    let theme = Theme::new(cli.theme.or(config.theme).unwrap_or_default());
    let soft_breaks = cli.soft_breaks.or(config.soft_breaks).unwrap_or_default();
    let ambiguous = cli
        .ambiguous_width
        .or(config.ambiguous_width)
        .map(AmbiguousWidth::columns);
    Ok(Settings {
        config,
        theme,
        soft_breaks,
        ambiguous,
    })
}

fn posts_dir(dir: Option<&Path>, config: &Config) -> PathBuf {
    dir.map(Path::to_path_buf)
        .or_else(|| config.posts.clone())
        .unwrap_or_else(|| PathBuf::from("posts"))
}

fn load(dir: &Path) -> anyhow::Result<Library> {
    Library::load(dir).map_err(|e| {
        anyhow::anyhow!(
            "{e} (open another folder with `geul DIR`, or set `posts` in the config file)"
        )
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = settings(&cli)?;
    if cli.command.is_some()
        && let Some(columns) = settings.ambiguous
    {
        width::install(TerminalWidths::UNICODE.with_ambiguous(columns));
    }
    match &cli.command {
        None => {
            let dir = posts_dir(cli.dir.as_deref(), &settings.config);
            let library = load(&dir)?;
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                bail!(
                    "the reader needs a terminal; for scripts use `geul render FILE`, `geul list`, `geul tags` or `geul search QUERY` (see --help)"
                );
            }
            let app_settings = AppSettings {
                theme: settings.theme,
                soft_breaks: settings.soft_breaks,
                sidebar_width: settings
                    .config
                    .sidebar_width
                    .unwrap_or(AppSettings::default().sidebar_width),
            };
            let probe = cli
                .width_probe
                .or(settings.config.width_probe)
                .unwrap_or_default()
                == WidthProbe::Auto;
            let widths = tui::WidthSettings {
                probe,
                ambiguous: settings.ambiguous,
            };
            match tui::run(library.root, library.posts, app_settings, widths)? {
                tui::Ending::Quit => Ok(ExitCode::SUCCESS),
                // The shell's convention for a process stopped by signal N.
                tui::Ending::Signal(n) => Ok(ExitCode::from(u8::try_from(128 + n).unwrap_or(1))),
            }
        }
        Some(Command::Render { file, width, color }) => {
            let post = read_one(file)?;
            let options = RenderOptions {
                width: *width,
                soft_breaks: settings.soft_breaks,
                theme: &settings.theme,
            };
            let article = render_post(&post, &options);
            let color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let mut out = std::io::stdout().lock();
            for line in &article.lines {
                write_line(&mut out, line, color)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List {
            dir,
            category,
            tag,
            format,
        }) => {
            let library = load(&posts_dir(dir.as_deref(), &settings.config))?;
            // Indexes of the posts carrying the tag, in order (the reader's own tag rule).
            let tagged = tag.as_deref().map(|t| {
                tags::filter_by_tags(&library.posts, &[t.trim_start_matches('#').to_string()])
            });
            let posts: Vec<&Post> = library
                .posts
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    category
                        .as_ref()
                        .is_none_or(|c| p.categories.iter().any(|pc| pc == c))
                        && tagged
                            .as_ref()
                            .is_none_or(|ids| ids.binary_search(&PostId(*i)).is_ok())
                })
                .map(|(_, p)| p)
                .collect();
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => {
                    let items: Vec<serde_json::Value> = posts
                        .iter()
                        .map(|p| {
                            serde_json::json!({
                                "path": p.path.display().to_string(),
                                "title": p.title,
                                "date": p.date_string(),
                                "categories": p.categories,
                                "tags": p.tags,
                                "description": p.description,
                                "error": p.error,
                            })
                        })
                        .collect();
                    serde_json::to_writer_pretty(&mut out, &items)?;
                    writeln!(out)?;
                }
                Format::Text => {
                    for p in posts {
                        let date = p.date_string().unwrap_or_else(|| "----------".to_string());
                        let category = if p.categories.is_empty() {
                            "-".to_string()
                        } else {
                            p.categories.join(", ")
                        };
                        let mark = if p.error.is_some() { " [error]" } else { "" };
                        writeln!(
                            out,
                            "{date}  {}  {}  ({}){mark}",
                            display_text(&category),
                            display_text(&p.title),
                            p.path.display()
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Search {
            query,
            dir,
            format,
            limit,
            include_code,
        }) => {
            let library = load(&posts_dir(dir.as_deref(), &settings.config))?;
            let index = SearchIndex::build(&library.posts);
            let hits = index.search_with(
                &Query::parse_finished(query),
                *limit,
                &SearchOptions {
                    include_code: *include_code,
                    ..SearchOptions::default()
                },
            );
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => {
                    let items: Vec<serde_json::Value> = hits
                        .iter()
                        .filter_map(|hit| {
                            let post = library.posts.get(hit.post.index())?;
                            Some(serde_json::json!({
                                "path": post.path.display().to_string(),
                                "title": post.title,
                                "score": hit.score,
                                "field": format!("{:?}", hit.field).to_lowercase(),
                                "snippet": hit.snippet.text,
                            }))
                        })
                        .collect();
                    serde_json::to_writer_pretty(&mut out, &items)?;
                    writeln!(out)?;
                }
                Format::Text => {
                    for hit in &hits {
                        let Some(post) = library.posts.get(hit.post.index()) else {
                            continue;
                        };
                        writeln!(
                            out,
                            "{}\t{}\t{}\t{}",
                            post.path.display(),
                            display_text(&post.title),
                            hit.score,
                            display_text(&hit.snippet.text)
                        )?;
                    }
                }
            }
            if hits.is_empty() {
                eprintln!("geul: no post matches {query:?}");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Tags { dir, format }) => {
            let library = load(&posts_dir(dir.as_deref(), &settings.config))?;
            let counts = tags::tag_counts(library.posts.iter().map(|p| p.tags.as_slice()));
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => {
                    let items: Vec<serde_json::Value> = counts
                        .iter()
                        .map(|(tag, count)| serde_json::json!({"tag": tag, "count": count}))
                        .collect();
                    serde_json::to_writer_pretty(&mut out, &items)?;
                    writeln!(out)?;
                }
                Format::Text => {
                    for (tag, count) in counts {
                        writeln!(out, "{count:>4}  #{}", display_text(&tag))?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads one file as a post, for `geul render`.
fn read_one(file: &Path) -> anyhow::Result<Post> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let relative = file.file_name().map(PathBuf::from).unwrap_or_default();
    Ok(scan::post_from_text(file.to_path_buf(), relative, &text))
}

/// Prints one rendered line, with SGR styles when `color` is on.
fn write_line(out: &mut impl Write, line: &Line<'_>, color: bool) -> std::io::Result<()> {
    for span in &line.spans {
        if color {
            let style: crossterm::style::ContentStyle =
                line.style.patch(span.style).into_crossterm();
            write!(out, "{}", style.apply(span.content.as_ref()))?;
        } else {
            out.write_all(span.content.as_bytes())?;
        }
    }
    writeln!(out)
}
