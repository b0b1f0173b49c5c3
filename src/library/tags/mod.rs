//! Tags: the hashtags written in a post's body, counts of every tag across posts, the posts
//! carrying chosen tags, and fuzzy picking among tags.
//!
//! Tags are compared folded (see [`crate::text::fold`]) everywhere, so `Rust` and `rust`,
//! or a tag saved decomposed and one typed composed, are one tag.

mod count;
mod extract;
mod fuzzy;

pub use count::{filter_by_tags, tag_counts};
pub use extract::{extract, line_tags};
pub use fuzzy::fuzzy_tags;
