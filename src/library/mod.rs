//! The domain: a folder of posts, read once, with everything the reader needs to list,
//! filter and search them. Nothing here knows about terminals.

mod body;
pub mod dialect;
pub mod front_matter;
pub mod grouping;
pub mod images;
pub mod links;
pub mod outline;
pub(crate) mod parallel;
pub mod post;
pub mod posts;
pub mod scan;
pub mod search;
pub mod site_syntax;
pub mod slug;
pub mod state;
pub mod tags;

pub use body::Body;
pub use post::{Failure, Post, PostDate, PostId, UNCATEGORIZED, UNDATED};
pub use posts::Posts;
pub use scan::{Library, LoadProgress, ScanError, Skipped, is_post_path, read_one};
