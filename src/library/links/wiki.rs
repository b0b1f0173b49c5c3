//! `[[wiki links]]`: a post named by its title or its file name, as note-taking tools
//! write them (`[[생성형 AI란]]`, `[[what-is-ai]]`, `[[Title|shown text]]`).

use std::path::PathBuf;

use crate::library::Post;
use crate::text::fold::fold;

use super::permalink::post_slug;

/// The post `name` names: the shown text after a `|` is dropped; a post whose title is
/// `name` comes first, then one whose file stem or slug is, compared folded (NFC, Latin case
/// ignored).
pub(super) fn find<'a>(name: &str, posts: impl IntoIterator<Item = &'a Post>) -> Option<PathBuf> {
    let name = name.split_once('|').map_or(name, |(target, _shown)| target);
    let name = name.trim();
    let name = [".md", ".markdown"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    let wanted = fold(name);
    let mut by_file = None;
    for post in posts {
        if fold(post.title.trim()) == wanted {
            return Some(post.relative_path.clone());
        }
        if by_file.is_none() {
            let stem = post
                .relative_path
                .file_stem()
                .map(|s| fold(&s.to_string_lossy()));
            let slug = post_slug(&post.relative_path).map(|s| fold(&s));
            if stem.as_ref() == Some(&wanted) || slug.as_ref() == Some(&wanted) {
                by_file = Some(post.relative_path.clone());
            }
        }
    }
    by_file
}
