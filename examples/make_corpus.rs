//! Writes the benchmark corpus (`benches/corpus/mod.rs`: deterministic, seeded Korean blog
//! posts of about 3 KB) to a folder as Markdown files with YAML front matter, for measuring
//! the reader and the CLI on a real folder.
//!
//! ```sh
//! cargo run --release --example make_corpus -- /tmp/corpus-10k 10000
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/corpus/mod.rs"]
#[allow(dead_code)]
mod corpus;

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

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", quoted.join(", "))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: make_corpus DIR COUNT");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("COUNT must be a whole number, not {count:?}");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let generator = corpus::Generator::new();
    let mut bytes = 0usize;
    for i in 0..count {
        let post = generator.post(0x6765_756C, i);
        let path = dir.join(&post.relative_path);
        let mut text = String::with_capacity(post.body.len() + 256);
        text.push_str("---\n");
        text.push_str(&format!("title: {}\n", quoted(&post.title)));
        if let Some(date) = post.date {
            text.push_str(&format!("date: {}\n", date.format("%Y-%m-%d %H:%M")));
        }
        text.push_str(&format!("categories: {}\n", list(&post.categories)));
        text.push_str(&format!("tags: {}\n", list(&post.tags)));
        if let Some(description) = &post.description {
            text.push_str(&format!("description: {}\n", quoted(description)));
        }
        text.push_str("---\n\n");
        text.push_str(&post.body);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::File::create(&path))
            .and_then(|mut file| file.write_all(text.as_bytes()));
        if let Err(error) = written {
            eprintln!("cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
        bytes += text.len();
    }
    println!(
        "{count} posts, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    ExitCode::SUCCESS
}
