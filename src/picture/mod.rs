//! Pictures in the article: a post's thumbnail and inline images, decoded within limits,
//! scaled once per size and drawn as text.
//!
//! - [`decode`]: a file to pixels, refusing what is too large, too big, not a file, not a
//!   picture or broken, with a short reason ([`PictureError`]).
//! - [`half_blocks`]: pixels to styled lines, two pixels a cell (`▀`), for `geul render`
//!   and terminals with no graphics protocol.
//! - [`PictureCache`]: each picture decoded and scaled once per (file, size).
//! - [`placeholder`]: the one line shown instead of a picture that cannot be.
//! - [`dimensions`] and [`cells_for`]: a picture's size from its header, and the cells it
//!   takes, so the reader keeps its rows before it is decoded.
//!
//! Where a picture is (resolving a post's `src`) is [`crate::library::images`]. Nothing here
//! knows the reader, rendering or the command line.

mod cache;
mod decode;
mod error;
mod halfblocks;
mod placeholder;
mod size;

pub use cache::{PictureCache, PictureKey, Rendered, render};
pub use decode::{PictureLimits, decode, decode_bytes};
pub use error::PictureError;
pub use halfblocks::{UPPER_HALF, fitted_size, half_blocks};
pub use placeholder::{PICTURE_MARK, placeholder};
pub use size::{cells_for, dimensions};
