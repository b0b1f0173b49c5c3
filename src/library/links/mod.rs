//! Where a link of a post leads: a heading of the same post, another post of the folder,
//! a page for the system opener, or nowhere (with the reason).
//!
//! Links to posts come in the forms blogs use: relative paths (`../dev/foo.md`,
//! `foo.md#section`), site-rooted permalinks that match a post (`/2025/01/19/foo/`,
//! `/posts/foo`), Jekyll's `{% post_url 2025-01-19-foo %}` and `[[wiki links]]` by title or
//! file name. Only posts the folder holds are ever named: a path that climbs out of the
//! folder (`../../etc/passwd`) resolves to nothing, and so does any scheme but `http`,
//! `https` and `mailto`.

use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

use super::Post;

mod extract;
mod permalink;
mod wiki;

pub use extract::{BodyLink, body_links};
pub use permalink::post_slug;
pub(crate) use permalink::split_date_prefix;

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A heading of the post the link is in, by its slug (see [`crate::library::slug`]).
    Anchor(String),
    /// A post of the folder, by its path relative to the folder, perhaps at a heading.
    Post {
        /// The post's path relative to the folder.
        path: PathBuf,
        /// The slug of a heading to scroll to.
        anchor: Option<String>,
    },
    /// A page outside geul (`http`, `https`, `mailto`), for the system opener.
    External(String),
    /// A link geul will not follow.
    Refused(Refusal),
}

/// Why a link is not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The link is empty.
    Empty,
    /// A scheme geul does not open (`javascript:`, `file:`, `ftp:` …).
    Scheme(String),
    /// The URL holds characters no URL may hold (controls, spaces).
    Malformed,
    /// The path climbs out of the folder.
    OutsideFolder,
    /// No post of the folder is at that path or permalink.
    NoSuchPost(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Empty => write!(f, "the link is empty"),
            Refusal::Scheme(scheme) => write!(f, "links to {scheme}: are not opened"),
            Refusal::Malformed => write!(f, "the link is not a valid URL"),
            Refusal::OutsideFolder => write!(f, "the link leads out of the folder"),
            Refusal::NoSuchPost(what) => write!(f, "no post of the folder is at {what}"),
        }
    }
}

/// Schemes handed to the system opener.
const OPENED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Where `href`, a link in the post at `from` (relative to the folder), leads among
/// `posts`.
pub fn resolve<'a>(
    from: &Path,
    href: &str,
    posts: impl IntoIterator<Item = &'a Post> + Clone,
) -> LinkTarget {
    let href = href.trim();
    if href.is_empty() {
        return LinkTarget::Refused(Refusal::Empty);
    }
    if let Some(name) = liquid_post_url(href) {
        return post_url(name, posts);
    }
    if let Some(scheme) = scheme(href) {
        return external(href, scheme);
    }
    if let Some(rest) = href.strip_prefix("//") {
        // Protocol-relative: the site's own scheme, which for a page on the web is https.
        return external(&format!("https://{rest}"), "https");
    }
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(decode(fragment))),
        None => (href, None),
    };
    let path = path.split_once('?').map_or(path, |(path, _query)| path);
    if path.is_empty() {
        return match fragment {
            Some(fragment) if !fragment.is_empty() => LinkTarget::Anchor(fragment),
            _ => LinkTarget::Refused(Refusal::Empty),
        };
    }
    let decoded = decode(path);
    let found = if let Some(rooted) = decoded.strip_prefix('/') {
        site_rooted(rooted, posts)
    } else {
        match relative(from, &decoded) {
            Some(joined) => find_file(&joined, posts.clone())
                .or_else(|| permalink::find(&joined.to_string_lossy(), posts)),
            None => return LinkTarget::Refused(Refusal::OutsideFolder),
        }
    };
    match found {
        Some(path) => LinkTarget::Post {
            path,
            anchor: fragment.filter(|f| !f.is_empty()),
        },
        None => LinkTarget::Refused(Refusal::NoSuchPost(decoded)),
    }
}

/// Where `{% post_url NAME %}` leads: the post whose file, without its extension, is
/// `NAME` (Jekyll allows a folder before the name).
pub fn post_url<'a>(name: &str, posts: impl IntoIterator<Item = &'a Post>) -> LinkTarget {
    let name = name.trim().trim_matches('/');
    let found = posts.into_iter().find(|post| {
        let stem = post.relative_path.with_extension("");
        stem.ends_with(name) || stem.file_name().is_some_and(|n| n == name)
    });
    match found {
        Some(post) => LinkTarget::Post {
            path: post.relative_path.clone(),
            anchor: None,
        },
        None => LinkTarget::Refused(Refusal::NoSuchPost(name.to_string())),
    }
}

/// Where `[[NAME]]` leads: see [`wiki::find`].
pub fn resolve_wiki<'a>(name: &str, posts: impl IntoIterator<Item = &'a Post>) -> LinkTarget {
    // The shown text after `|` names nothing: `[[title#heading|shown]]`.
    let name = name.split_once('|').map_or(name, |(target, _shown)| target);
    let (name, heading) = match name.split_once('#') {
        Some((name, heading)) => (name, Some(crate::library::slug::slug(heading))),
        None => (name, None),
    };
    if name.trim().is_empty() {
        return match heading {
            Some(anchor) => LinkTarget::Anchor(anchor),
            None => LinkTarget::Refused(Refusal::Empty),
        };
    }
    match wiki::find(name, posts) {
        Some(path) => LinkTarget::Post {
            path,
            anchor: heading,
        },
        None => LinkTarget::Refused(Refusal::NoSuchPost(format!("[[{}]]", name.trim()))),
    }
}

/// The name inside `{% post_url NAME %}`, if `href` is that Liquid tag.
fn liquid_post_url(href: &str) -> Option<&str> {
    let inner = href.strip_prefix("{%")?.strip_suffix("%}")?.trim();
    inner
        .strip_prefix("post_url")?
        .strip_prefix(char::is_whitespace)
}

/// The scheme of an absolute URL (`https` of `https://…`), lowercased; `None` for a path.
fn scheme(href: &str) -> Option<&str> {
    let (scheme, _) = href.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_valid = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts_with_letter && rest_valid).then_some(scheme)
}

/// An absolute URL with scheme `scheme`: opened if the scheme is one geul opens and the URL
/// holds no character a URL may not (a control or white space could end a terminal
/// sequence or split an argument).
fn external(href: &str, scheme: &str) -> LinkTarget {
    let scheme = scheme.to_ascii_lowercase();
    if !OPENED_SCHEMES.contains(&scheme.as_str()) {
        return LinkTarget::Refused(Refusal::Scheme(scheme));
    }
    if href.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return LinkTarget::Refused(Refusal::Malformed);
    }
    LinkTarget::External(href.to_string())
}

/// `text` with `%XX` escapes decoded (left as it is where they do not make UTF-8).
fn decode(text: &str) -> String {
    percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |decoded| decoded.into_owned())
}

/// `target` taken from the folder of `from`, with `.` and `..` applied; `None` when it
/// climbs out of the folder.
fn relative(from: &Path, target: &str) -> Option<PathBuf> {
    let base = from.parent().unwrap_or(Path::new(""));
    normalize(&base.join(target))
}

/// `path` with `.` and `..` applied, relative to the folder; `None` when a `..` climbs out.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            // A root or prefix inside a joined relative path cannot come from a relative
            // link; refuse rather than guess.
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// A site-rooted path (`/posts/dev/foo.md`, `/2025/01/19/foo/`): a post at that path under
/// the folder, else the post whose permalink it is.
fn site_rooted<'a>(
    rooted: &str,
    posts: impl IntoIterator<Item = &'a Post> + Clone,
) -> Option<PathBuf> {
    normalize(Path::new(rooted))
        .and_then(|path| find_file(&path, posts.clone()))
        .or_else(|| permalink::find(rooted, posts))
}

/// The post at `path` relative to the folder, trying the Markdown extensions and a page
/// bundle's `index.md` where the link leaves them out.
fn find_file<'a>(path: &Path, posts: impl IntoIterator<Item = &'a Post>) -> Option<PathBuf> {
    let candidates = [
        path.to_path_buf(),
        path.with_extension("md"),
        path.with_extension("markdown"),
        path.join("index.md"),
        path.join("_index.md"),
    ];
    let posts: Vec<&Post> = posts.into_iter().collect();
    candidates.iter().find_map(|candidate| {
        posts
            .iter()
            .find(|post| &post.relative_path == candidate)
            .map(|post| post.relative_path.clone())
    })
}

#[cfg(test)]
mod tests;
