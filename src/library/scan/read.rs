//! Reading one post: its text into a [`Post`], with every fallback for what the front
//! matter leaves out.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

use crate::library::post::{MAX_TAGS, READ_ERROR};
use crate::library::{Body, Post, PostDate, dialect, front_matter, site_syntax, tags};

/// Builds a [`Post`] from the text of one file, applying every fallback: title from the
/// first `#` heading, else the file stem; date from a `YYYY-MM-DD-` file-name prefix.
///
/// `path` is the file as found, `relative_path` the same file relative to the scanned
/// folder; only `relative_path`'s file name is used for the fallbacks. Pure: reads nothing
/// from disk, so it suits tests and text that did not come from a file.
pub fn post_from_text(path: PathBuf, relative_path: PathBuf, text: &str) -> Post {
    post_sharing_body(path, relative_path, text, None)
}

/// [`post_from_text`] for a reader that holds the body of `text` already, as
/// [`front_matter::body`] gives it, in `body`: the post shares it rather than holding a
/// copy of its own, unless site syntax rewrote the body.
pub fn post_from_text_sharing(
    path: PathBuf,
    relative_path: PathBuf,
    text: &str,
    body: &Body,
) -> Post {
    post_sharing_body(path, relative_path, text, Some(body))
}

fn post_sharing_body(
    path: PathBuf,
    relative_path: PathBuf,
    text: &str,
    shared: Option<&Body>,
) -> Post {
    let mut parsed = front_matter::parse(text);
    // Jekyll and Hugo syntax becomes the Markdown it stands for before anything reads the
    // body, so the article, its hashtags, its title and search all see the same text.
    let (normalized, details) = site_syntax::normalize_reading_details(&parsed.body);
    if let Cow::Owned(body) = normalized {
        parsed.body = Cow::Owned(body);
    }
    let meta = parsed.metadata;

    let title = meta
        .title
        .or_else(|| first_heading(&parsed.body))
        .unwrap_or_else(|| stem_title(&relative_path));
    let date = meta.date.or_else(|| date_from_file_name(&relative_path));

    let mut tags = meta.tags;
    let mut seen: std::collections::HashSet<String> = tags.iter().cloned().collect();
    for tag in tags::extract(&parsed.body) {
        if tags.len() >= MAX_TAGS {
            break;
        }
        // Both lists are NFC already, so exact comparison is enough.
        if seen.insert(tag.clone()) {
            tags.push(tag);
        }
    }

    // A folder's posts are all kept: their lists hold what they have and no room to grow
    // (tens of thousands of posts, a few unused slots each).
    let mut categories = meta.categories;
    categories.shrink_to_fit();
    tags.shrink_to_fit();
    Post {
        path,
        relative_path,
        title,
        date,
        categories,
        tags,
        description: meta.description,
        thumbnail: meta.thumbnail,
        body: match shared {
            Some(body) if **body == *parsed.body => body.clone(),
            _ => parsed.body.into(),
        },
        body_line: parsed.body_line,
        error: parsed.error,
        details: details.into(),
    }
}
/// The most of one file geul reads. A post is a few kilobytes; a file that keeps growing
/// while it is read, or a huge one, must not take all the memory there is.
pub const MAX_POST_BYTES: u64 = 50 * 1024 * 1024;

/// Reads the regular file at `path`, at most `max` bytes of it; returns the bytes and
/// whether the file had more. Anything else at `path` (a FIFO, a device, a socket) is
/// refused without waiting: the file is opened non-blocking and checked before a byte is
/// read, so one swapped in after the walk cannot block either.
pub fn read_capped(path: &Path, max: u64) -> std::io::Result<(Vec<u8>, bool)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let expected = usize::try_from(metadata.len().min(max)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected);
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    let more = bytes.len() as u64 > max;
    bytes.truncate(usize::try_from(max).unwrap_or(usize::MAX));
    Ok((bytes, more))
}

pub(super) fn read_post(root: &Path, path: &Path) -> Post {
    let relative_path = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    match read_capped(path, MAX_POST_BYTES) {
        // Invalid UTF-8 is replaced, not reported: the rest of the post is still readable.
        Ok((bytes, false)) => {
            post_from_text(path.to_path_buf(), relative_path, &utf8_lossy(&bytes))
        }
        // Too large to be a post: shown as text, said in the pane.
        Ok((bytes, true)) => {
            let mut post = post_from_text(path.to_path_buf(), relative_path, &utf8_lossy(&bytes));
            post.error = Some(format!(
                "the file is larger than {} MiB; only its start is shown",
                MAX_POST_BYTES / 1024 / 1024
            ));
            post
        }
        Err(error) => Post {
            path: path.to_path_buf(),
            title: stem_title(&relative_path),
            date: date_from_file_name(&relative_path),
            body_line: 1,
            error: Some(format!("{READ_ERROR}{error}")),
            relative_path,
            ..Post::default()
        },
    }
}
/// `bytes` as text, with U+FFFD for invalid UTF-8, exactly as [`String::from_utf8_lossy`]
/// gives it. Valid text (nearly every post) is borrowed, checked with SIMD: on Korean text,
/// where nearly every character is three bytes, the standard check was a fifth of loading.
fn utf8_lossy(bytes: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
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
    fn a_file_larger_than_the_cap_is_read_to_the_cap_and_said_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.md");
        fs::write(&path, "가".repeat(100)).expect("write");
        let (bytes, more) = read_capped(&path, 30).expect("read");
        assert_eq!((bytes.len(), more), (30, true));
        let (bytes, more) = read_capped(&path, 300).expect("read");
        assert_eq!((bytes.len(), more), (300, false));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let (done, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let fifo = read_capped(&fifo, MAX_POST_BYTES)
                .map(|_| ())
                .map_err(|e| e.to_string());
            let zero = read_capped(Path::new("/dev/zero"), MAX_POST_BYTES)
                .map(|_| ())
                .map_err(|e| e.to_string());
            let _ = done.send((fifo, zero));
        });
        let (fifo, zero) = result
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("reading did not block");
        assert_eq!(fifo, Err("not a regular file".to_string()));
        assert_eq!(zero, Err("not a regular file".to_string()));
    }

    #[test]
    fn jekyll_syntax_is_read_as_the_markdown_it_stands_for_keeping_the_lines() {
        let text = "---\ntitle: 지킬 글\n---\n* TOC\n{:toc}\n\n{% highlight python %}\n# 주석\n{% endhighlight %}\n\n<!--more-->\n#지킬 #블로그\n";
        let post = post("2025-01-19-jekyll.md", text);
        assert_eq!(
            post.body,
            "\n[TOC]\n\n```python\n# 주석\n```\n\n\n#지킬 #블로그\n"
        );
        assert_eq!(post.tags, ["지킬", "블로그"], "the code comment is no tag");
        assert_eq!(
            post.body.lines().count(),
            text.lines().count() - 3,
            "every line of the body is still the same line of the file"
        );
    }

    #[test]
    fn a_post_read_with_its_body_at_hand_shares_that_body() {
        let body = Body::from(front_matter::body(SEED_SHAPE));
        let post = post_from_text_sharing("a.md".into(), "a.md".into(), SEED_SHAPE, &body);
        assert_eq!(
            post,
            post_from_text("a.md".into(), "a.md".into(), SEED_SHAPE)
        );
        assert!(std::ptr::eq(post.body.as_str(), body.as_str()));
    }

    #[test]
    fn a_post_whose_site_syntax_is_rewritten_keeps_its_own_body() {
        let text = "---\ntitle: 지킬 글\n---\n{% highlight python %}\n# 주석\n{% endhighlight %}\n";
        let body = Body::from(front_matter::body(text));
        let post = post_from_text_sharing("a.md".into(), "a.md".into(), text, &body);
        assert_eq!(post.body, "```python\n# 주석\n```\n");
        assert_eq!(
            body.as_str(),
            "{% highlight python %}\n# 주석\n{% endhighlight %}\n"
        );
    }

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
    fn a_post_with_broken_yaml_keeps_the_error_its_body_and_the_keys_that_still_read() {
        let text = "---\ntitle: \"unterminated\ndate: 2024-01-01\n---\n\n# 본문 제목\n\n#태그\n";
        let post = post("2024-02-03-broken.md", text);
        let error = post.error.unwrap();
        assert!(
            error.starts_with("front matter: YAML error at line "),
            "{error}"
        );
        assert_eq!(&*post.body, "\n# 본문 제목\n\n#태그\n");
        assert_eq!(post.body_line, 5);
        assert_eq!(post.title, "unterminated", "the quote left open is dropped");
        assert_eq!(post.date, Some(date("2024-01-01 00:00")));
        assert_eq!(post.tags, ["태그"]);
    }

    #[test]
    fn a_date_of_22_digits_is_ignored_and_a_41_digit_tag_keeps_its_digits() {
        let text = "---\ntitle: 큰 날짜\ndate: 9999999999999999999999\ntags: [12345678901234567890123456789012345678901, 글]\n---\n본문\n";
        let post = post("big.md", text);
        assert_eq!(post.error, None, "the block still parses");
        assert_eq!(post.title, "큰 날짜");
        assert_eq!(post.date, None);
        assert_eq!(
            post.tags,
            ["12345678901234567890123456789012345678901", "글"],
            "not #1e41"
        );
    }

    #[test]
    fn a_hundred_thousand_tags_are_cut_to_the_first_few_hundred() {
        let tags: Vec<String> = (0..100_000).map(|i| format!("t{i}")).collect();
        let text = format!(
            "---\ntitle: 태그 폭탄\ntags: [{}]\n---\n{}\n",
            tags.join(", "),
            (0..40_000)
                .map(|i| format!("#b{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let post = post("tags.md", &text);
        assert_eq!(post.tags.len(), crate::library::post::MAX_TAGS);
        assert_eq!(post.tags[0], "t0");
        assert_eq!(post.title, "태그 폭탄");
    }

    #[test]
    fn front_matter_nested_too_deep_is_refused_before_the_parser_and_its_keys_still_read() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let text = format!("---\ntitle: 깊은 글\nx: {deep}\n---\n본문\n");
        let post = post("deep.md", &text);
        let error = post.error.expect("refused");
        assert!(error.contains("nested deeper than 64 levels"), "{error}");
        assert_eq!(post.title, "깊은 글");
        assert_eq!(&*post.body, "본문\n");
    }

    #[test]
    fn a_block_that_never_closes_leaves_the_whole_text_as_the_body() {
        let text = "---\ntitle: 끝없는 글\n\n# 본문 제목\n";
        let post = post("open.md", text);
        assert!(post.error.is_some());
        assert_eq!(&*post.body, text);
        assert_eq!(post.title, "본문 제목");
    }

    #[test]
    fn invalid_utf8_is_replaced_as_from_utf8_lossy_replaces_it() {
        for bytes in [
            &b"plain"[..],
            b"bad \xff byte",
            b"\xe2\x82 cut",
            "한글".as_bytes(),
            b"",
        ] {
            assert_eq!(utf8_lossy(bytes), String::from_utf8_lossy(bytes));
        }
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
}
