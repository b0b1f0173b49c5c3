//! Styled lines shared by the renderer ([`crate::markdown`]) and the reader
//! ([`crate::tui`]): the theme, geul's own glyphs, the line wrapper and fitting text to a
//! width. Stands on [`crate::text`] only.

pub mod fit;
pub mod glyphs;
pub mod theme;
pub mod wrap;

pub use fit::truncate;
pub use glyphs::Glyphs;
pub use theme::{Theme, ThemeName};
