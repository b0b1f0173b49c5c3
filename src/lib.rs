//! geul (글): a terminal reader for folders of Markdown articles.
//!
//! # Layers
//!
//! Modules import one way only; `tests/layers.rs` fails on an import against it.
//!
//! ```text
//!   text  <-  styled  <-  markdown  <-  tui  <-  cli
//!     ^                     |    |
//!     |                  picture |
//!     |                     |    |
//!     +------ library <-----+----+
//! ```
//!
//! - [`text`]: Unicode only. The width model, display forms and control pictures,
//!   folding for matching, Hangul syllables. No ratatui, no Markdown, no posts.
//! - [`styled`]: ratatui lines shared by rendering and the reader: the theme, geul's own
//!   glyphs, the line wrapper, fitting text to a width. Stands on `text`.
//! - [`library`]: the domain. Posts, scanning, front matter, the one way Markdown is read
//!   (`dialect`), hashtags and the search index. Stands on `text` only: it never imports
//!   ratatui, rendering or the reader.
//! - [`picture`]: a post's pictures decoded within limits, scaled once per size and cached,
//!   drawn as half blocks, or a one-line placeholder with the reason. Stands on `library`,
//!   `text` and `styled`; no reader, rendering or command line.
//! - [`markdown`]: a post to an `Article`, wrapped, styled lines for one width.
//! - [`tui`]: the interactive reader. Actions, the key map, the app state, panes,
//!   overlays and the event loop.
//! - [`cli`]: the command line on top of everything: settings, subcommands, safe output.
//! - [`config`]: the optional configuration file, read by `cli`.

pub mod cli;
pub mod config;
pub mod library;
pub mod markdown;
pub mod picture;
pub mod styled;
pub mod text;
pub mod tui;
