//! Styled lines shared by the renderer ([`crate::markdown`]) and the reader
//! ([`crate::tui`]): the theme, geul's own glyphs, the line wrapper, fitting text to a
//! width and keeping graphemes whole across spans. Stands on [`crate::text`] only.

pub mod background;
pub mod fit;
pub mod glyphs;
pub mod spans;
pub mod theme;
pub mod wrap;

pub use background::Background;
pub use fit::truncate;
pub use glyphs::Glyphs;
pub use spans::join_split_graphemes;
pub use theme::{Theme, ThemeName};
