//! The corpus as a folder of Markdown files with YAML front matter, the way a blog keeps
//! its posts, for measuring the reader and the CLI on real files.

use std::io::Write;
use std::path::Path;

use geul::library::Post;

use super::Generator;

/// A YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML flow list of double-quoted scalars.
fn flow_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The file a blog would hold for `post`: front matter, a blank line, the body.
pub fn markdown_file(post: &Post) -> String {
    let mut text = String::with_capacity(post.body.len() + 256);
    text.push_str("---\n");
    text.push_str(&format!("title: {}\n", quoted(&post.title)));
    if let Some(date) = post.date {
        text.push_str(&format!("date: {}\n", date.format("%Y-%m-%d %H:%M")));
    }
    text.push_str(&format!("categories: {}\n", flow_list(&post.categories)));
    text.push_str(&format!("tags: {}\n", flow_list(&post.tags)));
    if let Some(description) = &post.description {
        text.push_str(&format!("description: {}\n", quoted(description)));
    }
    text.push_str("---\n\n");
    text.push_str(&post.body);
    text
}

/// Writes the first `count` posts of the standard corpus under `dir` (in one folder per
/// year, as `posts` names them) and returns the bytes written.
pub fn write_folder(dir: &Path, count: usize) -> std::io::Result<usize> {
    let generator = Generator::new();
    let mut bytes = 0;
    for i in 0..count {
        let post = generator.post(super::SEED, i);
        let path = dir.join(&post.relative_path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let text = markdown_file(&post);
        std::fs::File::create(&path)?.write_all(text.as_bytes())?;
        bytes += text.len();
    }
    Ok(bytes)
}

/// A folder of `count` corpus posts under the system's temporary folder, written once and
/// kept for later runs (a marker file says it is complete). Returns the folder.
pub fn cached_folder(count: usize) -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("geul-corpus-{count}"));
    let marker = dir.join(".complete");
    if !marker.exists() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        write_folder(&dir, count)?;
        std::fs::write(&marker, b"")?;
    }
    Ok(dir)
}
