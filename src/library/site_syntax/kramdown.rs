//! kramdown's extensions: attribute lists (`{: .class}`, `{: width="40%"}`), the table of
//! contents (`{:toc}`), and `{::options /}`, `{::comment}`, `{::nomarkdown}`.

use super::{Output, TOC_MARKER, line_end};

/// A kramdown extension or attribute list at `start` (a `{:`).
pub(super) fn extension(body: &str, start: usize, out: &mut Output) -> Option<usize> {
    let rest = &body[start..line_end(body, start)];
    if let Some(block) = rest.strip_prefix("{::") {
        let name: String = block
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let close = rest.find('}')?;
        let end = start + close + 1;
        if rest[..close].ends_with('/') || name == "options" {
            out.keep_lines_of(&body[start..end]);
            return Some(end);
        }
        // A span with content: `{::comment}…{:/comment}`, hidden with what it holds.
        let closing = format!("{{:/{name}}}");
        let after = body[end..]
            .find(&closing)
            .map_or(body.len(), |i| end + i + closing.len());
        out.keep_lines_of(&body[start..after]);
        return Some(after);
    }
    let close = rest.find('}')?;
    let end = start + close + 1;
    let inner = rest[2..close].trim();
    if inner == "toc" {
        // `* TOC` or `1. 목차` above `{:toc}` is the list kramdown replaces.
        out.clear_previous_line_if(is_toc_list_item);
        out.push(TOC_MARKER);
        return Some(end);
    }
    let is_attribute_list = inner.is_empty()
        || inner.starts_with(['.', '#'])
        || inner.contains('=')
        || inner
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if !is_attribute_list {
        return None;
    }
    out.keep_lines_of(&body[start..end]);
    Some(end)
}

/// A list item standing for the table of contents: `* TOC`, `- 목차`, `1. toc`.
fn is_toc_list_item(line: &str) -> bool {
    let item = line.trim_start();
    let text = item
        .strip_prefix(['*', '-', '+'])
        .or_else(|| {
            let digits = item.trim_start_matches(|c: char| c.is_ascii_digit());
            (digits.len() < item.len())
                .then(|| digits.strip_prefix('.'))
                .flatten()
        })
        .map(str::trim);
    text.is_some_and(|t| !t.is_empty() && t.split_whitespace().count() <= 3)
}
