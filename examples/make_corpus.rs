//! Writes the benchmark corpus (`benches/corpus/`: deterministic, seeded Korean blog posts
//! of about 3 KB) to a folder as Markdown files with YAML front matter, for measuring the
//! reader and the CLI on a real folder.
//!
//! ```sh
//! cargo run --release --example make_corpus -- /tmp/corpus-10k 10000
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/corpus/mod.rs"]
#[allow(dead_code)]
mod corpus;

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
    match corpus::folder::write_folder(&dir, count) {
        Ok(bytes) => {
            println!(
                "{count} posts, {:.1} MB, in {}",
                bytes as f64 / 1e6,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write the corpus to {}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}
