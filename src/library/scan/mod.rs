//! Walking a folder for posts and reading each one.
//!
//! Loading never writes to the folder and never fails because of one file: a file that
//! cannot be read or whose front matter does not parse is still listed, with
//! [`Post::error`] set, so the reader can say what is wrong with it.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering as Atomic};

use walkdir::{DirEntry, WalkDir};

use super::Post;
use super::parallel::parallel_files;

mod read;

use read::read_post;
pub use read::{MAX_POST_BYTES, post_from_text, post_from_text_sharing, read_capped};

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

/// How far a load has come, for a reader to show while it waits. Shared between the
/// thread that loads and the one that draws, so every count is atomic.
#[derive(Debug, Default)]
pub struct LoadProgress {
    found: AtomicUsize,
    read: AtomicUsize,
    walked: AtomicBool,
    /// What the walk could not go into: the first few, said to the user.
    skipped: std::sync::Mutex<Vec<Skipped>>,
    skipped_count: AtomicUsize,
}

/// A place the walk passed over without reading it, and why: a link that leads nowhere or
/// back into itself, a folder that cannot be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path, as found under the folder.
    pub path: PathBuf,
    /// Why it was passed over.
    pub reason: String,
}

/// How many skipped places are kept to be named; the rest are only counted.
const SKIPPED_NAMED: usize = 8;

impl LoadProgress {
    /// Posts found so far.
    pub fn found(&self) -> usize {
        self.found.load(Atomic::Relaxed)
    }

    /// Posts read so far.
    pub fn read(&self) -> usize {
        self.read.load(Atomic::Relaxed)
    }

    /// Whether the whole folder has been walked, so [`LoadProgress::found`] is the total.
    pub fn walked(&self) -> bool {
        self.walked.load(Atomic::Relaxed)
    }

    /// How many places the walk passed over (dangling or looping links, folders that
    /// cannot be listed).
    pub fn skipped_count(&self) -> usize {
        self.skipped_count.load(Atomic::Relaxed)
    }

    /// The first few places passed over, with the reason.
    pub fn skipped(&self) -> Vec<Skipped> {
        self.skipped
            .lock()
            .map(|skipped| skipped.clone())
            .unwrap_or_default()
    }

    fn skip(&self, path: PathBuf, reason: String) {
        self.skipped_count.fetch_add(1, Atomic::Relaxed);
        if let Ok(mut skipped) = self.skipped.lock()
            && skipped.len() < SKIPPED_NAMED
        {
            skipped.push(Skipped { path, reason });
        }
    }
}

impl Library {
    /// Scans `root` recursively for `.md`/`.markdown` files (hidden folders skipped).
    ///
    /// Hidden files and folders (names starting with `.`) are skipped; the extension is
    /// matched case-insensitively. Symbolic links are followed, and a link that loops back
    /// to a folder being walked is skipped rather than walked forever. Sub-folders that
    /// cannot be listed are skipped too: only the root itself can make loading fail.
    pub fn load(root: &Path) -> Result<Library, ScanError> {
        Self::load_counting(root, &LoadProgress::default())
    }

    /// [`Library::load`], counting into `progress` as it goes. The folder is walked first;
    /// the files are then read and parsed on every core.
    pub fn load_counting(root: &Path, progress: &LoadProgress) -> Result<Library, ScanError> {
        check_root(root)?;
        let paths = markdown_files(root, progress)?;
        progress.walked.store(true, Atomic::Relaxed);
        let mut posts = read_all(root, &paths, progress);
        sort_newest_first(&mut posts);
        Ok(Library {
            root: root.to_path_buf(),
            posts,
        })
    }
}

/// The first batch [`Library::load_batches`] hands over: small, so a reader shows posts
/// at once. Later batches double up to [`LAST_BATCH`].
const FIRST_BATCH: usize = 64;

/// The largest batch: big enough to keep every core busy, small enough to arrive often.
const LAST_BATCH: usize = 512;

impl Library {
    /// [`Library::load_counting`] for a reader that shows posts while they are read: the
    /// posts go to `batch` a few hundred at a time (each batch read on every core), in
    /// the order the folder is walked, not sorted.
    pub fn load_batches(
        root: &Path,
        progress: &LoadProgress,
        mut batch: impl FnMut(Vec<Post>),
    ) -> Result<(), ScanError> {
        check_root(root)?;
        let paths = markdown_files(root, progress)?;
        progress.walked.store(true, Atomic::Relaxed);
        let (mut start, mut size) = (0, FIRST_BATCH);
        while start < paths.len() {
            let end = (start + size).min(paths.len());
            batch(read_all(root, &paths[start..end], progress));
            start = end;
            size = (size * 2).min(LAST_BATCH);
        }
        Ok(())
    }
}

/// Reads the posts at `paths` under `root` on every core, in order, counting each one
/// into `progress`.
fn read_all(root: &Path, paths: &[PathBuf], progress: &LoadProgress) -> Vec<Post> {
    parallel_files(paths.len(), |range| {
        range
            .filter_map(|i| paths.get(i))
            .map(|path| {
                let post = read_post(root, path);
                progress.read.fetch_add(1, Atomic::Relaxed);
                post
            })
            .collect()
    })
}

/// Reads the one post at `path` under `root` (a file that cannot be read is still a
/// post, with [`Post::error`] set): what the reader does for a file it sees change.
pub fn read_one(root: &Path, path: &Path) -> Post {
    read_post(root, path)
}

/// Whether `path` under `root` is a post a scan would list: a Markdown file outside
/// hidden files and folders. Says nothing of whether it exists.
pub fn is_post_path(root: &Path, path: &Path) -> bool {
    let inside = path.strip_prefix(root).unwrap_or(path);
    let hidden = inside
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    !hidden && is_markdown(path)
}

/// The Markdown files under `root`, in file-name order per folder.
pub(crate) fn markdown_files(
    root: &Path,
    progress: &LoadProgress,
) -> Result<Vec<PathBuf>, ScanError> {
    let mut paths = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // Depth 0 is the root, which may itself be a hidden folder such as `~/.blog`.
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) if error.depth() == 0 => {
                let io = error
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot walk the folder"));
                return Err(ScanError::Unreadable(root.to_path_buf(), io));
            }
            // A loop, a broken link or an unreadable sub-folder: nothing to list, but
            // counted, so the user hears of it.
            Err(error) => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                progress.skip(path, skip_reason(&error));
                continue;
            }
        };
        if entry.file_type().is_file() && is_markdown(entry.path()) {
            paths.push(entry.into_path());
            progress.found.fetch_add(1, Atomic::Relaxed);
        }
    }
    Ok(paths)
}
/// Why the walk passed over a place, in a few words.
fn skip_reason(error: &walkdir::Error) -> String {
    if error.loop_ancestor().is_some() {
        return "a link that loops back into the folder".into();
    }
    match error.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => "a link to nothing".into(),
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "cannot be read (permission denied)".into()
        }
        Some(io) => format!("cannot be read ({io})"),
        None => "cannot be read".into(),
    }
}

/// Checks that `root` is a folder geul can list, without reading any post: what
/// [`Library::load`] would fail on first.
pub fn check_root(root: &Path) -> Result<(), ScanError> {
    let metadata = match std::fs::metadata(root) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ScanError::NotFound(root.to_path_buf()));
        }
        Err(error) => return Err(ScanError::Unreadable(root.to_path_buf(), error)),
    };
    if !metadata.is_dir() {
        return Err(ScanError::NotADirectory(root.to_path_buf()));
    }
    // Listing it once now turns "permission denied" into an error about the folder,
    // instead of an empty library.
    std::fs::read_dir(root)
        .map(drop)
        .map_err(|error| ScanError::Unreadable(root.to_path_buf(), error))
}

/// Whether the walk passes over `entry`: hidden files and folders (`.git`, `.obsidian`),
/// and the folders of installed packages (`node_modules`), which a site's source folder
/// often holds, with thousands of files and no posts.
fn is_hidden(entry: &DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.') || (name == "node_modules" && entry.file_type().is_dir())
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown")
        })
}
/// Newest first; undated posts after all dated ones; equal dates by relative path, so the
/// order never depends on the order the file system lists files in.
fn sort_newest_first(posts: &mut [Post]) {
    posts.sort_by(newest_first);
}

/// The order of [`Library::posts`]: newest first, undated last, equal dates by relative
/// path.
pub fn newest_first(a: &Post, b: &Post) -> Ordering {
    let by_date = match (a.date, b.date) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_date.then_with(|| a.relative_path.cmp(&b.relative_path))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn write(root: &Path, relative: &str, contents: impl AsRef<[u8]>) {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    fn relative_paths(library: &Library) -> Vec<String> {
        library
            .posts
            .iter()
            .map(|post| post.relative_path.to_string_lossy().replace('\\', "/"))
            .collect()
    }

    #[test]
    fn a_folder_read_on_every_core_lists_each_post_once_newest_first_and_counts_them() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            let day = i % 28 + 1;
            let month = i % 12 + 1;
            write(
                dir.path(),
                &format!("{}/{i:03}.md", i % 7),
                format!("---\ntitle: 글 {i}\ndate: 2024-{month:02}-{day:02}\n---\n본문 {i}\n"),
            );
        }
        let progress = LoadProgress::default();
        let library = Library::load_counting(dir.path(), &progress).unwrap();
        assert_eq!(library.posts.len(), 300);
        let mut titles: Vec<&str> = library.posts.iter().map(|p| p.title.as_str()).collect();
        titles.sort();
        titles.dedup();
        assert_eq!(titles.len(), 300, "every post once");
        assert!(
            library.posts.windows(2).all(|w| w[0].date >= w[1].date),
            "newest first"
        );
        assert_eq!(
            (progress.found(), progress.read(), progress.walked()),
            (300, 300, true)
        );
        let again = Library::load(dir.path()).unwrap();
        assert_eq!(
            relative_paths(&again),
            relative_paths(&library),
            "the same order each time"
        );
    }

    #[test]
    fn a_folder_read_in_batches_hands_over_every_post_once_small_batches_first() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            write(
                dir.path(),
                &format!("{}/{i:03}.md", i % 5),
                format!("# 글 {i}\n"),
            );
        }
        let mut sizes = Vec::new();
        let mut titles = Vec::new();
        let progress = LoadProgress::default();
        Library::load_batches(dir.path(), &progress, |batch| {
            sizes.push(batch.len());
            titles.extend(batch.into_iter().map(|p| p.title));
        })
        .unwrap();
        assert_eq!(sizes, [64, 128, 108]);
        titles.sort();
        titles.dedup();
        assert_eq!(titles.len(), 300);
        assert_eq!(progress.read(), 300);
        assert!(Library::load_batches(&dir.path().join("nowhere"), &progress, |_| {}).is_err());
    }

    #[test]
    fn nested_folders_are_scanned_and_posts_sorted_newest_first_with_undated_last() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "old.md", "---\ndate: 2020-01-01\n---\n");
        write(
            root,
            "a/b/new.md",
            "---\ndate: 2024-05-01T08:30:00+09:00\n---\n",
        );
        write(
            root,
            "a/same-morning.md",
            "---\ndate: 2024-05-01 07:00\n---\n",
        );
        write(root, "2022-06-07-jekyll.md", "# Jekyll\n");
        write(root, "z-undated.md", "no date\n");
        write(root, "b-undated.md", "no date\n");

        let library = Library::load(root).unwrap();
        assert_eq!(library.root, root);
        assert_eq!(
            relative_paths(&library),
            [
                "a/b/new.md",
                "a/same-morning.md",
                "2022-06-07-jekyll.md",
                "old.md",
                "b-undated.md",
                "z-undated.md",
            ]
        );
        assert_eq!(library.posts[0].path, root.join("a/b/new.md"));
    }

    #[test]
    fn equal_dates_are_ordered_by_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["c.md", "a.md", "b/a.md"] {
            write(dir.path(), name, "---\ndate: 2024-01-01\n---\n");
        }
        let library = Library::load(dir.path()).unwrap();
        assert_eq!(relative_paths(&library), ["a.md", "b/a.md", "c.md"]);
    }

    #[test]
    fn hidden_folders_and_hidden_files_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), ".git/notes.md", "x");
        write(dir.path(), ".obsidian/deep/more.md", "x");
        write(dir.path(), ".draft.md", "x");
        write(dir.path(), "visible.md", "x");
        let library = Library::load(dir.path()).unwrap();
        assert_eq!(relative_paths(&library), ["visible.md"]);
    }

    #[test]
    fn a_hidden_root_folder_is_still_scanned() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(".blog");
        write(&root, "post.md", "x");
        let library = Library::load(&root).unwrap();
        assert_eq!(relative_paths(&library), ["post.md"]);
    }

    #[test]
    fn markdown_extensions_are_matched_in_any_case_and_other_files_ignored() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.md",
            "b.markdown",
            "c.MD",
            "d.Markdown",
            "e.txt",
            "f.mdx",
            "md",
            "g.md.bak",
        ] {
            write(dir.path(), name, "x");
        }
        let library = Library::load(dir.path()).unwrap();
        assert_eq!(
            relative_paths(&library),
            ["a.md", "b.markdown", "c.MD", "d.Markdown"]
        );
    }

    #[test]
    fn a_folder_named_like_a_post_is_not_a_post() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "folder.md/inside.md", "x");
        let library = Library::load(dir.path()).unwrap();
        assert_eq!(relative_paths(&library), ["folder.md/inside.md"]);
    }

    #[test]
    fn invalid_utf8_is_replaced_without_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "bytes.md",
            b"# Title \xff\xfe ok\n\nbody \xc3\n",
        );
        let library = Library::load(dir.path()).unwrap();
        let post = &library.posts[0];
        assert_eq!(post.error, None);
        assert_eq!(post.title, "Title \u{fffd}\u{fffd} ok");
        assert!(post.body.contains("body \u{fffd}"));
    }

    #[test]
    fn a_broken_post_is_listed_not_dropped() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "broken.md", "---\ntitle: [\n---\n");
        write(dir.path(), "fine.md", "# Fine\n");
        let library = Library::load(dir.path()).unwrap();
        assert_eq!(library.posts.len(), 2);
        assert!(library.posts.iter().any(|post| post.error.is_some()));
    }

    #[test]
    fn an_empty_folder_is_an_empty_library() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Library::load(dir.path()).unwrap().posts.is_empty());
    }

    #[test]
    fn loading_writes_nothing_to_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.md", "---\ntitle: [\n---\n");
        write(dir.path(), "sub/b.md", "# B\n");
        let before: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .map(|entry| entry.unwrap().into_path())
            .collect();
        Library::load(dir.path()).unwrap();
        let after: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .map(|entry| entry.unwrap().into_path())
            .collect();
        assert_eq!(before, after);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_does_not_hang_the_scan() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "sub/post.md", "x");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let library = Library::load(dir.path()).unwrap();
        assert_eq!(relative_paths(&library), ["sub/post.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_post_is_listed_under_its_link_name() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        write(elsewhere.path(), "real.md", "# Real\n");
        fs::create_dir(dir.path().join("posts")).unwrap();
        std::os::unix::fs::symlink(
            elsewhere.path().join("real.md"),
            dir.path().join("posts/link.md"),
        )
        .unwrap();
        let library = Library::load(dir.path()).unwrap();
        assert_eq!(relative_paths(&library), ["posts/link.md"]);
        assert_eq!(library.posts[0].title, "Real");
    }

    #[test]
    fn a_missing_folder_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere");
        match Library::load(&missing) {
            Err(ScanError::NotFound(path)) => assert_eq!(path, missing),
            other => panic!("expected NotFound, got {other:?}"),
        }
    }

    #[test]
    fn a_file_path_is_not_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "post.md", "x");
        let file = dir.path().join("post.md");
        match Library::load(&file) {
            Err(ScanError::NotADirectory(path)) => assert_eq!(path, file),
            other => panic!("expected NotADirectory, got {other:?}"),
        }
    }

    #[test]
    fn scan_errors_read_as_sentences() {
        let error = ScanError::NotFound(PathBuf::from("/x"));
        assert_eq!(error.to_string(), "folder not found: /x");
    }
}
