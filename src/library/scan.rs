//! Walking a folder for posts and reading each one.
//!
//! Loading never writes to the folder and never fails because of one file: a file that
//! cannot be read or whose front matter does not parse is still listed, with
//! [`Post::error`] set, so the reader can say what is wrong with it.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;
use walkdir::{DirEntry, WalkDir};

use super::{Post, PostDate, dialect, front_matter, tags};

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
    ///
    /// Hidden files and folders (names starting with `.`) are skipped; the extension is
    /// matched case-insensitively. Symbolic links are followed, and a link that loops back
    /// to a folder being walked is skipped rather than walked forever. Sub-folders that
    /// cannot be listed are skipped too: only the root itself can make loading fail.
    pub fn load(root: &Path) -> Result<Library, ScanError> {
        check_root(root)?;

        let mut posts = Vec::new();
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
                // A loop, a broken link or an unreadable sub-folder: nothing to list.
                Err(_) => continue,
            };
            if entry.file_type().is_file() && is_markdown(entry.path()) {
                posts.push(read_post(root, entry.path()));
            }
        }
        sort_newest_first(&mut posts);

        Ok(Library {
            root: root.to_path_buf(),
            posts,
        })
    }
}

/// Builds a [`Post`] from the text of one file, applying every fallback: title from the
/// first `#` heading, else the file stem; date from a `YYYY-MM-DD-` file-name prefix.
///
/// `path` is the file as found, `relative_path` the same file relative to the scanned
/// folder; only `relative_path`'s file name is used for the fallbacks. Pure: reads nothing
/// from disk, so it suits tests and text that did not come from a file.
pub fn post_from_text(path: PathBuf, relative_path: PathBuf, text: &str) -> Post {
    let parsed = front_matter::parse(text);
    let meta = parsed.metadata;

    let title = meta
        .title
        .or_else(|| first_heading(&parsed.body))
        .unwrap_or_else(|| stem_title(&relative_path));
    let date = meta.date.or_else(|| date_from_file_name(&relative_path));

    let mut tags = meta.tags;
    for tag in tags::extract(&parsed.body) {
        // Both lists are NFC already, so exact comparison is enough.
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }

    Post {
        path,
        relative_path,
        title,
        date,
        categories: meta.categories,
        tags,
        description: meta.description,
        thumbnail: meta.thumbnail,
        body: parsed.body,
        body_line: parsed.body_line,
        error: parsed.error,
    }
}

fn check_root(root: &Path) -> Result<(), ScanError> {
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

fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown")
        })
}

fn read_post(root: &Path, path: &Path) -> Post {
    let relative_path = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    match std::fs::read(path) {
        // Invalid UTF-8 is replaced, not reported: the rest of the post is still readable.
        Ok(bytes) => post_from_text(
            path.to_path_buf(),
            relative_path,
            &String::from_utf8_lossy(&bytes),
        ),
        Err(error) => Post {
            path: path.to_path_buf(),
            title: stem_title(&relative_path),
            date: date_from_file_name(&relative_path),
            body_line: 1,
            error: Some(format!("cannot read: {error}")),
            relative_path,
            ..Post::default()
        },
    }
}

/// Newest first; undated posts after all dated ones; equal dates by relative path, so the
/// order never depends on the order the file system lists files in.
fn sort_newest_first(posts: &mut [Post]) {
    posts.sort_by(|a, b| {
        let by_date = match (a.date, b.date) {
            (Some(a), Some(b)) => b.cmp(&a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_date.then_with(|| a.relative_path.cmp(&b.relative_path))
    });
}

/// The text of the first level-1 ATX heading (`# Title`), without its markup or closing
/// `#`s. Setext headings (`Title` over `===`) are left alone: on a post with broken front
/// matter, the `title: x` line above a `---` would otherwise read as one.
fn first_heading(body: &str) -> Option<String> {
    let mut heading: Option<String> = None;
    for (event, range) in dialect::parse(body) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if body
                .get(range)
                .is_some_and(|source| source.trim_start().starts_with('#')) =>
            {
                heading = Some(String::new())
            }
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                if let Some(text) = heading.take() {
                    let text = text.trim();
                    if !text.is_empty() {
                        return Some(text.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// The file name without its extension, NFC-normalised because macOS stores file names
/// decomposed and a decomposed title would not match what users type.
fn stem_title(relative_path: &Path) -> String {
    relative_path
        .file_stem()
        .map(|stem| stem.to_string_lossy().nfc().collect())
        .unwrap_or_default()
}

/// The date of a Jekyll-style name: `2019-03-02-some-title.md`.
fn date_from_file_name(relative_path: &Path) -> Option<PostDate> {
    let name = relative_path.file_name()?.to_str()?;
    let prefix = name.get(..10)?;
    if name.get(10..11) != Some("-") {
        return None;
    }
    let date = NaiveDate::parse_from_str(prefix, "%Y-%m-%d").ok()?;
    Some(date.and_time(NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn date(text: &str) -> PostDate {
        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn post(name: &str, text: &str) -> Post {
        post_from_text(PathBuf::from("/blog").join(name), PathBuf::from(name), text)
    }

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

    // --- one post -----------------------------------------------------------------------

    /// The shape of `shared/seed/what-is-generative-ai.md`: four keys written ` : `, a
    /// body with headings, a meta section and a trailing hashtag section.
    const SEED_SHAPE: &str = "---
title : \"생성형 AI란 무엇인가?\"
date : \"2025-11-20\"
category : \"AI 정보 공유\"
thumbnail : \"/thumbnails/insight02.png\"
---



“짧은 인사말.” 🤔

# 큰 제목 🤖

## 1. 첫 번째 이야기 ✅

본문 #아님 문장입니다.

---

### 📝 메타 설명

한 문단 요약입니다.

---

### # 해시태그

#터미널리더
#마크다운 #한국어블로그
#터미널리더

---
";

    #[test]
    fn a_post_shaped_like_the_seed_is_read_completely() {
        let post = post("what-is-generative-ai.md", SEED_SHAPE);
        assert_eq!(post.error, None);
        assert_eq!(post.title, "생성형 AI란 무엇인가?");
        assert_eq!(post.date_string().as_deref(), Some("2025-11-20"));
        assert_eq!(post.categories, ["AI 정보 공유"]);
        assert_eq!(post.thumbnail.as_deref(), Some("/thumbnails/insight02.png"));
        assert_eq!(post.tags, ["터미널리더", "마크다운", "한국어블로그"]);
        assert_eq!(post.body_line, 7);
        assert!(post.body.starts_with("\n\n\n“짧은 인사말.”"));
        assert_eq!(post.path, PathBuf::from("/blog/what-is-generative-ai.md"));
    }

    #[test]
    fn front_matter_tags_come_before_body_hashtags_without_duplicates() {
        let post = post(
            "a.md",
            "---\ntags: [LLM, AI]\n---\nText\n\n#AI #생성형AI #LLM\n",
        );
        assert_eq!(post.tags, ["LLM", "AI", "생성형AI"]);
    }

    #[test]
    fn tags_differing_only_in_unicode_composition_are_merged() {
        let post = post(
            "a.md",
            "---\ntags: [\"\u{1112}\u{1161}\u{11ab}\"]\n---\n#한\n",
        );
        assert_eq!(post.tags, ["한"]);
    }

    #[test]
    fn the_title_falls_back_to_the_first_heading() {
        let post = post(
            "note.md",
            "Intro\n\n## Second level\n\n# 진짜 제목 🚀 ##\n\n# Later\n",
        );
        assert_eq!(post.title, "진짜 제목 🚀");
    }

    #[test]
    fn an_empty_front_matter_title_falls_back_to_the_heading() {
        let post = post("note.md", "---\ntitle: \"\"\n---\n# From heading\n");
        assert_eq!(post.title, "From heading");
    }

    #[test]
    fn the_heading_title_loses_its_inline_markup() {
        let post = post("note.md", "# **굵은** `code` 제목\n");
        assert_eq!(post.title, "굵은 code 제목");
    }

    #[test]
    fn the_heading_title_is_read_as_the_article_shows_it() {
        let post = post("note.md", "# ~~초안~~ 제목 $x^2$ {#anchor}\n");
        assert_eq!(post.title, "초안 제목 x^2");
    }

    #[test]
    fn a_heading_inside_a_code_block_is_not_the_title() {
        let post = post("note.md", "```\n# not a title\n```\n");
        assert_eq!(post.title, "note");
    }

    #[test]
    fn the_title_falls_back_to_the_file_stem() {
        assert_eq!(post("drafts/메모.md", "just text\n").title, "메모");
        assert_eq!(post("empty.markdown", "").title, "empty");
    }

    #[test]
    fn a_decomposed_file_name_gives_a_composed_title() {
        let post = post("\u{1112}\u{1161}\u{11ab}.md", "");
        assert_eq!(post.title, "한");
    }

    #[test]
    fn the_date_falls_back_to_a_jekyll_file_name() {
        let post = post("_posts/2019-03-02-some-title.md", "---\ntitle: x\n---\n");
        assert_eq!(post.date, Some(date("2019-03-02 00:00")));
        assert_eq!(post.title, "x");
    }

    #[test]
    fn a_front_matter_date_wins_over_the_file_name() {
        let post = post("2019-03-02-x.md", "---\ndate: 2020-07-14 09:48\n---\n");
        assert_eq!(post.date, Some(date("2020-07-14 09:48")));
    }

    #[test]
    fn a_file_name_that_only_looks_like_a_date_gives_no_date() {
        assert_eq!(post("2019-13-02-x.md", "").date, None);
        assert_eq!(post("2019-03-02.md", "").date, None);
        assert_eq!(post("20190302-x.md", "").date, None);
    }

    #[test]
    fn a_post_without_category_has_none() {
        assert!(post("a.md", "---\ntitle: x\n---\n").categories.is_empty());
    }

    #[test]
    fn a_post_with_broken_yaml_is_kept_with_the_error_and_its_whole_text() {
        let text = "---\ntitle: \"unterminated\ndate: 2024-01-01\n---\n\n# 본문 제목\n\n#태그\n";
        let post = post("2024-02-03-broken.md", text);
        let error = post.error.unwrap();
        assert!(
            error.starts_with("front matter: YAML error at line "),
            "{error}"
        );
        assert_eq!(post.body, text);
        assert_eq!(post.body_line, 1);
        assert_eq!(post.title, "본문 제목");
        assert_eq!(post.date, Some(date("2024-02-03 00:00")));
        assert_eq!(post.tags, ["태그"]);
    }

    #[test]
    fn a_file_that_cannot_be_read_is_kept_with_the_error() {
        let dir = tempfile::tempdir().unwrap();
        // Reading a folder fails on every platform, even for root.
        let not_a_file = dir.path().join("2021-05-06-unreadable.md");
        fs::create_dir(&not_a_file).unwrap();
        let post = read_post(dir.path(), &not_a_file);
        assert!(post.error.unwrap().starts_with("cannot read: "));
        assert_eq!(post.title, "2021-05-06-unreadable");
        assert_eq!(post.date, Some(date("2021-05-06 00:00")));
        assert_eq!(
            post.relative_path,
            PathBuf::from("2021-05-06-unreadable.md")
        );
        assert_eq!(post.body, "");
    }

    // --- scanning -----------------------------------------------------------------------

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
