//! Unicode, and nothing else: how wide text is in the terminal, the form it is drawn in,
//! folding for matching, and Hangul syllable arithmetic.
//!
//! This is the bottom layer. It knows nothing of ratatui, of Markdown or of posts, so the
//! domain ([`crate::library`]) and the renderer ([`crate::markdown`]) can both stand on it.

pub mod collation;
pub mod display;
pub mod fold;
pub mod graphemes;
pub mod hangul;
pub mod spaces;
pub mod width;

pub use display::{display_form, display_text};
pub use graphemes::graphemes;
pub use width::{TerminalWidths, grapheme_width, str_width, truncate_with};
