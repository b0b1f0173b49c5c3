//! Rendering: Markdown source to styled lines wrapped for one pane width.

pub mod emphasis;
pub mod width;
