//! The front-matter block read into a loose value tree, the same for YAML and TOML.

use super::Format;
use super::toml::read_toml;
use super::yaml::read_yaml;

/// A front-matter value with only the distinctions geul needs, so YAML and TOML share one
/// reading of the keys.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Loose {
    /// A string, or a number/boolean/date written where a string was expected.
    Text(String),
    List(Vec<Loose>),
    /// A nested table or a null: ignored.
    Other,
}

/// Top-level keys, lower-cased (blogs written by hand do use `Title:`), with their values.
pub(super) type Fields = Vec<(String, Loose)>;

/// The deepest nesting of `[` and `{` a front-matter block may have: a real one has two
/// or three levels; a crafted one of a hundred thousand makes the parsers take seconds.
pub(super) const MAX_NESTING: usize = 64;

pub(super) fn read_fields(format: Format, raw: &str) -> Result<Fields, String> {
    if nesting(raw) > MAX_NESTING {
        return Err(format!(
            "front matter: nested deeper than {MAX_NESTING} levels in {}",
            block_lines(raw)
        ));
    }
    match format {
        Format::Yaml => read_yaml(raw),
        Format::Toml => read_toml(raw),
    }
}

/// How deep `[` and `{` nest in `raw`, outside quoted text.
fn nesting(raw: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut quote: Option<char> = None;
    for c in raw.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, '\n') => {}
            (None, _) => {}
        }
    }
    deepest
}

/// The fence line is line 1 of the file, so the block's first line is line 2.
pub(super) const FIRST_BLOCK_LINE: usize = 2;

/// The file lines a block spans, for errors the parser could not place on one line.
pub(super) fn block_lines(raw: &str) -> String {
    let last = FIRST_BLOCK_LINE + raw.lines().count().saturating_sub(1);
    if last == FIRST_BLOCK_LINE {
        format!("line {FIRST_BLOCK_LINE}")
    } else {
        format!("lines {FIRST_BLOCK_LINE}-{last}")
    }
}
