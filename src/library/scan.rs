//! Walking a folder for posts and reading each one.

use std::path::{Path, PathBuf};

use super::Post;

/// Why a folder could not be opened as a library at all. Problems with single files never
/// end up here: they are recorded on the [`Post`] instead.
#[derive(Debug)]
pub enum ScanError {
    /// The folder does not exist.
    NotFound(PathBuf),
    /// The path exists but is not a folder.
    NotADirectory(PathBuf),
    /// The folder exists but could not be listed.
    Unreadable(PathBuf, std::io::Error),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotFound(p) => write!(f, "folder not found: {}", p.display()),
            Self::NotADirectory(p) => write!(f, "not a folder: {}", p.display()),
            Self::Unreadable(p, e) => write!(f, "cannot read folder {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for ScanError {}

/// Every post found under one folder, newest first (undated posts last, ties by path).
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The folder that was scanned.
    pub root: PathBuf,
    /// The posts, newest first.
    pub posts: Vec<Post>,
}

impl Library {
    /// Scans `root` recursively for `.md`/`.markdown` files (hidden folders skipped).
    pub fn load(root: &Path) -> Result<Library, ScanError> {
        let _ = root;
        todo!("library helper")
    }
}

/// Builds a post from a file's text (temporary: replaced by the real front-matter reader).
pub fn post_from_text(path: PathBuf, relative_path: PathBuf, text: &str) -> Post {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut body = text.as_str();
    let mut title = String::new();
    if let Some(rest) = body.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        for line in rest[..end].lines() {
            if let Some((k, v)) = line.split_once(':')
                && k.trim() == "title"
            {
                title = v.trim().trim_matches('"').to_string();
            }
        }
        body = &rest[end + 5..];
    }
    Post {
        path,
        relative_path,
        title,
        body: body.to_string(),
        ..Post::default()
    }
}
