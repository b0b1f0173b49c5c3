//! Rendering: Markdown source to styled lines wrapped for one pane width.
//!
//! Nothing here draws to a terminal: the output is plain ratatui `Line`s that the article
//! pane slices and `geul render` prints, through the same code path.

pub mod article;
pub mod blocks;
mod body;
mod cut;
pub mod emphasis;
pub mod folds;
pub mod footnotes;
pub mod links;
mod nesting;
mod parallel;
pub mod pictures;
mod progressive;
pub mod render;
pub mod softbreak;
pub mod table;
mod toc;

pub use article::{Article, Chip, render_post};
pub use folds::{Fold, Folding};
pub use pictures::{PicturePlan, PictureRef, PictureSpot, PlannedPicture, Space};
pub use progressive::{ArticleRenderer, ReadBody};
pub use render::{Anchor, RenderOptions, Row};
pub use softbreak::SoftBreaks;
