//! Where a post's pictures are: a front-matter thumbnail or an inline image's `src`,
//! resolved the way the blog's site generator would, to a file under the blog's root.
//!
//! - relative to the post (`images/a.png`, `../assets/b.jpg`, a Hugo page bundle's files);
//! - site-rooted (`/thumbnails/x.png`, `/assets/...`, `/images/...`) against the site
//!   root, found by walking up from the post to a folder with `_config.yml`, `hugo.toml`,
//!   `config.toml`, `static/`, `public/`, `assets/` or `.git`, trying `static/` and
//!   `public/` under it too (Hugo serves `static/x.png` as `/x.png`);
//! - remote `http(s)` pictures are never fetched: they resolve to their host, for a
//!   placeholder;
//! - anything that resolves outside the site root (by `..` or through a symlink) is not
//!   read.

use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

mod in_body;

pub use in_body::{BodyImage, body_images};

/// Files and folders that mark the root of a site.
const SITE_MARKERS: [&str; 9] = [
    "_config.yml",
    "_config.yaml",
    "hugo.toml",
    "hugo.yaml",
    "config.toml",
    "static",
    "public",
    "assets",
    ".git",
];

/// Folders a site generator serves at the site's root.
const SERVED_FOLDERS: [&str; 2] = ["static", "public"];

/// How far above the opened folder the site root is looked for.
const MAX_LEVELS_UP: usize = 6;

/// Where a picture is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageSource {
    /// A file under the site root.
    File(PathBuf),
    /// A picture on the web, never fetched: its host, for the placeholder.
    Remote {
        /// `example.com`.
        host: String,
    },
    /// No picture to show, and why (for the placeholder).
    Unavailable(String),
}

/// The root of the site a post belongs to: the nearest folder at or above the post's
/// folder holding a [`SITE_MARKERS`] entry, looked for no higher than a few levels above
/// `opened` (the folder geul was opened on); `opened` itself when there is none.
pub fn site_root(post: &Path, opened: &Path) -> PathBuf {
    let highest = opened
        .ancestors()
        .nth(MAX_LEVELS_UP)
        .unwrap_or(Path::new("/"));
    let mut dir = post.parent();
    while let Some(candidate) = dir {
        if SITE_MARKERS.iter().any(|m| candidate.join(m).exists()) {
            return candidate.to_path_buf();
        }
        if candidate == highest || candidate.as_os_str().is_empty() {
            break;
        }
        dir = candidate.parent();
    }
    opened.to_path_buf()
}

/// Where `src` (as written in the post at `post`, a file path) is, within `root` (see
/// [`site_root`]).
pub fn resolve_image(src: &str, post: &Path, root: &Path) -> ImageSource {
    let src = src.trim();
    if src.is_empty() {
        return ImageSource::Unavailable("no picture named".into());
    }
    if let Some(host) = remote_host(src) {
        return ImageSource::Remote { host };
    }
    if let Some((scheme, _)) = src.split_once(':')
        && scheme.len() > 1
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return ImageSource::Unavailable(format!("{scheme}: pictures are not shown"));
    }
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let path = percent_decode_str(path).decode_utf8_lossy().into_owned();
    let candidates: Vec<PathBuf> = match path.strip_prefix('/') {
        Some(rooted) => std::iter::once(root.join(rooted))
            .chain(SERVED_FOLDERS.iter().map(|f| root.join(f).join(rooted)))
            .collect(),
        None => vec![post.parent().unwrap_or(root).join(&path)],
    };
    let mut outside = false;
    for candidate in candidates {
        let Some(candidate) = normalize(&candidate) else {
            outside = true;
            continue;
        };
        if !candidate.starts_with(root) {
            outside = true;
            continue;
        }
        if candidate.is_file() {
            return match within(&candidate, root) {
                true => ImageSource::File(candidate),
                false => ImageSource::Unavailable("the picture is outside the blog".into()),
            };
        }
    }
    if outside {
        ImageSource::Unavailable("the picture is outside the blog".into())
    } else {
        ImageSource::Unavailable(format!("{path} not found"))
    }
}

/// The host of an `http(s)` or protocol-relative URL.
fn remote_host(src: &str) -> Option<String> {
    let lower = src.get(..8).unwrap_or(src).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &src[8..]
    } else if lower.starts_with("http://") {
        &src[7..]
    } else {
        src.strip_prefix("//")?
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    Some(host.chars().filter(|c| !c.is_control()).collect())
}

/// `path` with `.` and `..` applied lexically; `None` when `..` climbs above the start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Whether the real file behind `path` (symlinks followed) is inside the real `root`.
fn within(path: &Path, root: &Path) -> bool {
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(path), Ok(root)) => path.starts_with(root),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
