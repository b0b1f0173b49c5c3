//! geul (글): a terminal reader for folders of Markdown articles.
//!
//! The crate is split the way data flows:
//! - [`library`]: the domain. Scanning a folder, front matter, hashtags, the search index.
//!   It never imports anything from the UI.
//! - [`markdown`]: rendering. Markdown source to wrapped, styled lines for a given width,
//!   measured with one width model.
//! - [`tui`]: the interactive reader. App state, key map, panes, event loop.
//! - [`config`]: the optional configuration file.
//! - [`cli`]: the command line on top of everything: settings, subcommands, safe output.

pub mod cli;
pub mod config;
pub mod library;
pub mod markdown;
pub mod styled;
pub mod text;
pub mod tui;
