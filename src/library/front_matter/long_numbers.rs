//! Numbers too long to be numbers: a 22-digit `date` or a 41-digit tag. serde_yaml reads
//! a plain scalar of digits as an integer, and one that does not fit in 64 bits makes the
//! whole block fail (`invalid type: integer … as u128`) or, longer still, becomes a float
//! (`1e41`). Written by hand in front matter, such a value is an identifier or a typo,
//! never arithmetic: it is quoted before parsing, so it is read as the text it is.

use std::borrow::Cow;

/// Digits from which a plain scalar is read as text: more than fit in 64 bits exactly.
const LONG: usize = 16;

/// `raw` (a YAML block) with every plain scalar of [`LONG`] digits or more quoted.
pub(super) fn quote_long_numbers(raw: &str) -> Cow<'_, str> {
    if !has_long_digit_run(raw) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for line in raw.split_inclusive('\n') {
        quote_in_line(line, &mut out);
    }
    Cow::Owned(out)
}

fn has_long_digit_run(raw: &str) -> bool {
    let mut run = 0;
    for b in raw.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= LONG {
            return true;
        }
    }
    false
}

/// Copies `line` to `out`, quoting long numbers that stand as whole values: right after
/// `key:`, after a list item's `-`, or as an item of a `[…]` list. Quoted text is left
/// alone, and so is a number inside a longer plain text (`title: 사건 - 123…`).
fn quote_in_line(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    let mut flow_depth = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            out.push(char::from(b));
            i += 1;
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'[' => flow_depth += 1,
            b']' => flow_depth = flow_depth.saturating_sub(1),
            _ => {}
        }
        if (b.is_ascii_digit() || b == b'-' || b == b'+') && starts_value(&line[..i], flow_depth) {
            let end = bytes[i..]
                .iter()
                .position(|c| {
                    !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-'))
                })
                .map_or(bytes.len(), |n| i + n);
            let token = &line[i..end];
            let digits = token.bytes().filter(u8::is_ascii_digit).count();
            let rest = line[end..].trim_start_matches(' ');
            let ends_value = rest.is_empty()
                || rest.starts_with(['\n', '\r'])
                || (flow_depth > 0 && rest.starts_with([',', ']']))
                || line[end..].starts_with(" #");
            if digits >= LONG && ends_value {
                out.push('"');
                out.push_str(token);
                out.push('"');
                i = end;
                continue;
            }
        }
        // Copy a whole character (the line may hold Korean).
        let width = line[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&line[i..i + width]);
        i += width;
    }
}

/// Whether a value starts after `before` (the line up to here): `key:`, `- `, `- key:`,
/// or `[` / `,` inside a flow list.
fn starts_value(before: &str, flow_depth: usize) -> bool {
    if !before.ends_with([' ', '[', ',']) {
        return false;
    }
    let before = before.trim();
    let item = before.strip_prefix('-').map_or(before, str::trim_start);
    let after_key = item
        .strip_suffix(':')
        .is_some_and(|key| !key.is_empty() && !key.contains(": "));
    after_key
        || before == "-"
        || (flow_depth > 0 && (before.ends_with('[') || before.ends_with(',')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_numbers_as_values_and_list_items_are_quoted() {
        assert_eq!(
            quote_long_numbers("date: 9999999999999999999999\n"),
            "date: \"9999999999999999999999\"\n"
        );
        assert_eq!(
            quote_long_numbers("tags: [12345678901234567890123456789012345678901, rust]\n"),
            "tags: [\"12345678901234567890123456789012345678901\", rust]\n"
        );
        assert_eq!(
            quote_long_numbers("tags:\n  - 12345678901234567890 # id\n"),
            "tags:\n  - \"12345678901234567890\" # id\n"
        );
    }

    #[test]
    fn short_numbers_quoted_text_and_keys_are_left_alone() {
        for raw in [
            "date: 2024-01-01\nsize: 1234567\n",
            "title: \"12345678901234567890\"\n",
            "title: 전화 01012345678901234567 번호\n",
            "12345678901234567890: key\n",
            "title: 사건 - 12345678901234567890\n",
            "title: 하나, 12345678901234567890\n",
        ] {
            assert_eq!(quote_long_numbers(raw), raw);
        }
    }
}
