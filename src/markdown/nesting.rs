//! A cap on how deep block containers nest on one line. `> - > - …` five thousand times
//! (20 KB) or `1. 1. …` makes every level a block rendered inside the one around it: seconds
//! and a gigabyte for a small post. Past [`MAX_NESTING`] containers, the markers of the
//! deeper ones are dropped and their text is shown at the deepest level kept.

use std::borrow::Cow;

/// The deepest a line's quotes and list items nest before the rest is shown flat.
pub(crate) const MAX_NESTING: usize = 32;

/// `line` with the container markers beyond [`MAX_NESTING`] dropped; borrowed when it
/// nests less.
pub(crate) fn cap_nesting(line: &str) -> Cow<'_, str> {
    let bytes = line.as_bytes();
    let mut at = 0;
    let mut depth = 0;
    let mut kept_end = None;
    while let Some(next) = marker_end(bytes, at) {
        depth += 1;
        if depth == MAX_NESTING {
            kept_end = Some(next);
        }
        at = next;
    }
    match kept_end {
        Some(kept) if depth > MAX_NESTING => {
            Cow::Owned(format!("{}{}", &line[..kept], &line[at..]))
        }
        _ => Cow::Borrowed(line),
    }
}

/// The end of the container marker at `at` (with up to three spaces before it and the
/// space after it): `>`, `-`, `*`, `+`, or `1.` / `1)`.
fn marker_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    while i < bytes.len() && i - at < 3 && bytes[i] == b' ' {
        i += 1;
    }
    let after_marker = match *bytes.get(i)? {
        b'>' => i + 1,
        b'-' | b'*' | b'+' => i + 1,
        b'0'..=b'9' => {
            let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            let end = i + digits;
            (digits <= 9 && matches!(bytes.get(end), Some(b'.' | b')'))).then_some(end + 1)?
        }
        _ => return None,
    };
    match bytes.get(after_marker) {
        Some(b' ' | b'\t') => Some(after_marker + 1),
        // A quote needs no space after it; a list marker does.
        _ if bytes[i] == b'>' => Some(after_marker),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_nested_deeper_than_the_cap_keeps_its_text_at_the_deepest_level_kept() {
        let line = format!("{}끝\n", "> - ".repeat(5000));
        let capped = cap_nesting(&line);
        assert_eq!(capped, format!("{}끝\n", "> - ".repeat(16)));
        let ordered = format!("{}x\n", "1. ".repeat(10_000));
        assert_eq!(cap_nesting(&ordered), format!("{}x\n", "1. ".repeat(32)));
        let quotes = format!("{} 깊은 인용\n", ">".repeat(4000));
        assert_eq!(
            cap_nesting(&quotes),
            format!("{}깊은 인용\n", ">".repeat(32))
        );
    }

    #[test]
    fn ordinary_lines_are_borrowed_as_they_are() {
        for line in [
            "> - 목록 안의 인용\n",
            "- **굵게** 시작\n",
            "2024-01-01 날짜\n",
            "  1) 하나\n",
            "-1 은 음수\n",
        ] {
            assert!(matches!(cap_nesting(line), Cow::Borrowed(_)), "{line}");
        }
    }
}
