//! Whitespace told from the bytes of its UTF-8 form, for passes over whole bodies that
//! would otherwise decode every character: Korean prose is full of `“` and `·`, whose lead
//! bytes some spaces share.

/// Whether the character `rest` starts with is whitespace beyond ASCII: U+0085, U+00A0,
/// U+1680, U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F and U+3000, the rest of what
/// [`char::is_whitespace`] says.
#[inline]
pub fn starts_with_wide_space(rest: &[u8]) -> bool {
    matches!(
        rest,
        [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// Whether `text` holds a whitespace character other than the space.
#[inline]
pub fn holds_other_space(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_other_space = |i: usize, b: u8| match b {
        // Tab, line feed, vertical tab, form feed, carriage return.
        0x09..=0x0D => true,
        // The lead bytes of the wide spaces.
        0xC2 | 0xE1..=0xE3 => starts_with_wide_space(&bytes[i..]),
        _ => false,
    };
    // Blocks without a byte that can start one are passed over whole (the compiler
    // vectorises a fold without an early exit); only the others are read byte by byte.
    let may_start_one = |b: u8| matches!(b, 0x09..=0x0D | 0xC2 | 0xE1..=0xE3);
    bytes.chunks(16).enumerate().any(|(n, block)| {
        block.iter().fold(false, |any, &b| any | may_start_one(b))
            && (block.iter().enumerate()).any(|(j, &b)| is_other_space(n * 16 + j, b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_spaces_are_told_by_their_bytes_as_by_their_characters() {
        for c in '\u{80}'..=char::MAX {
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            assert_eq!(starts_with_wide_space(bytes), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn other_spaces_are_told_from_their_bytes_exactly() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("가{c}·"), format!("“{c}")] {
                let expected = text.chars().any(|c| c.is_whitespace() && c != ' ');
                assert_eq!(holds_other_space(&text), expected, "{text:?}");
            }
        }
    }
}
