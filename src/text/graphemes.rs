//! Extended grapheme clusters, with fast paths for the text geul reads most.
//!
//! Blog posts are mostly ASCII and precomposed Hangul, and for those the cluster
//! boundaries are known without Unicode's tables: an ASCII control is a cluster of its own
//! (CR LF aside), and so is a printable ASCII character or a precomposed syllable
//! (U+AC00..U+D7A3) followed by ASCII, another such character or nothing: only a jamo, a
//! combining mark, a joiner or a spacing mark could extend it, and none of those is ASCII
//! or a syllable. A few punctuation blocks behave the same (see [`plain_len`]), and so
//! does the common emoji, with its VS16 or keycap mark, before such a character (see
//! [`emoji_len`]). Everything else goes through `unicode-segmentation`, so the clusters are exactly
//! `str::graphemes(true)`'s.

use unicode_segmentation::UnicodeSegmentation;

/// The extended grapheme clusters of `text`, in order; the same as
/// `text.graphemes(true)`, faster on ASCII and Hangul.
pub fn graphemes(text: &str) -> Graphemes<'_> {
    Graphemes { rest: text }
}

/// Iterator returned by [`graphemes`].
#[derive(Debug, Clone)]
pub struct Graphemes<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let len = first_len(self.rest);
        let (grapheme, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(grapheme)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (usize::from(!self.rest.is_empty()), Some(self.rest.len()))
    }
}

/// Byte length of the first grapheme of `text` (not empty).
#[inline]
fn first_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    match bytes[0] {
        b'\r' if bytes.get(1) == Some(&b'\n') => 2,
        // A control (CR, LF included) always ends its cluster.
        0x00..=0x1F | 0x7F => 1,
        _ => match plain_len(bytes) {
            Some(len) if ends_a_cluster(bytes, len) => len,
            _ => emoji_len(bytes).unwrap_or_else(|| slow_first_len(text)),
        },
    }
}

/// Whether a cluster surely ends at byte `at` of `bytes`, after a character that joins
/// nothing after it: at the end, or before ASCII or a plain character, neither of which
/// extends what comes before it.
#[inline]
fn ends_a_cluster(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_none_or(u8::is_ascii) || plain_len(&bytes[at..]).is_some()
}

/// The byte length of the first cluster of `bytes` when it is the kind of emoji posts use
/// most, told without Unicode's tables: a pictograph (U+1F000..U+1FFFF, or U+2600..U+27BF
/// such as `✅` and `⚠`) or printable ASCII, then only VS16 and keycap marks (`⚠️`, `1️⃣`),
/// then the end of a cluster (see [`ends_a_cluster`]). None of those characters joins the
/// one after it, and both marks extend the one before. (Not every plain character may be
/// extended: the soft hyphen is a control.)
fn emoji_len(bytes: &[u8]) -> Option<usize> {
    let mut len = match *bytes {
        [0xF0, 0x9F, _, _, ..] => 4,
        [0xE2, 0x98..=0x9E, _, ..] => 3,
        [0x20..=0x7E, ..] => 1,
        _ => return None,
    };
    // VS16 is EF B8 8F, the keycap mark U+20E3 E2 83 A3.
    while let [0xEF, 0xB8, 0x8F, ..] | [0xE2, 0x83, 0xA3, ..] = bytes[len..] {
        len += 3;
    }
    ends_a_cluster(bytes, len).then_some(len)
}

/// Whether a grapheme boundary is known to lie between the characters `before` and
/// `after` without looking further: both plain (see [`plain_len`]), or `after` ASCII and
/// `before` plain. `false` means "look it up", not "no boundary".
#[inline]
pub fn surely_a_boundary(before: char, after: char) -> bool {
    let mut a = [0; 4];
    let mut b = [0; 4];
    let before = before.encode_utf8(&mut a).as_bytes();
    let after = after.encode_utf8(&mut b).as_bytes();
    plain_len(before).is_some()
        && (after.is_ascii() && after != b"\n" && after != b"\r" || plain_len(after).is_some())
}

#[cold]
fn slow_first_len(text: &str) -> usize {
    text.graphemes(true).next().map_or(text.len(), str::len)
}

/// The byte length of the character `bytes` starts with, if it is a *plain* one: a
/// character that neither extends the character before it (no mark, jamo, joiner or
/// selector) nor joins the one after it (no prepended mark, jamo, regional indicator).
/// Between two plain characters, and between a plain character and ASCII, there is always
/// a boundary. Plain: printable ASCII, U+00A0..U+02FF (Latin-1 and Latin extensions, `·`),
/// U+2010..U+2027 (dashes, curly quotes, `•`, `…`), U+2190..U+21FF (arrows),
/// U+2500..U+25FF (box drawing, blocks, shapes: rules and quote bars), U+3000..U+3029 (CJK
/// punctuation) and the precomposed Hangul syllables.
#[inline]
pub(super) fn plain_len(bytes: &[u8]) -> Option<usize> {
    // The arms and ranges go from the most frequent in Korean prose to the least.
    match *bytes {
        [0x20..=0x7E, ..] => Some(1),
        // U+B000..U+CFFF, most syllables, known by the lead byte alone (the text is UTF-8).
        [0xEB | 0xEC, _, _, ..] => Some(3),
        [0xC2, 0xA0..=0xBF, ..] | [0xC3..=0xCB, _, ..] => Some(2),
        [b0 @ 0xE0..=0xEF, b1, b2, ..] => {
            let c =
                (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            ((0xAC00..=0xD7A3).contains(&c)
                || matches!(c, 0x2010..=0x2027 | 0x2190..=0x21FF | 0x2500..=0x25FF | 0x3000..=0x3029))
            .then_some(3)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn both(text: &str) -> (Vec<&str>, Vec<&str>) {
        (graphemes(text).collect(), text.graphemes(true).collect())
    }

    #[test]
    fn a_boundary_said_to_be_sure_is_one() {
        let chars = [
            'a',
            ' ',
            '가',
            '힣',
            '·',
            '…',
            '─',
            '。',
            '\u{1100}',
            '\u{1161}',
            '\u{11A8}',
            '\u{301}',
            '\u{200D}',
            '\u{FE0F}',
            '\u{20E3}',
            '\u{1F1F0}',
            '\u{600}',
            '\n',
            '\r',
            '中',
            '😀',
        ];
        for before in chars {
            for after in chars {
                let pair = format!("{before}{after}");
                if surely_a_boundary(before, after) {
                    assert_eq!(pair.graphemes(true).count(), 2, "{pair:?}");
                }
            }
        }
        assert!(surely_a_boundary('가', 'a') && surely_a_boundary('a', '가'));
    }

    #[test]
    fn ascii_and_hangul_split_one_character_at_a_time() {
        assert_eq!(
            graphemes("생성형 AI!").collect::<Vec<_>>(),
            ["생", "성", "형", " ", "A", "I", "!"]
        );
    }

    #[test]
    fn crlf_is_one_cluster_and_other_controls_stand_alone() {
        assert_eq!(
            graphemes("a\r\nb\r\u{1b}\n").collect::<Vec<_>>(),
            ["a", "\r\n", "b", "\r", "\u{1b}", "\n"]
        );
    }

    #[test]
    fn marks_jamo_and_emoji_after_fast_characters_stay_in_their_cluster() {
        for text in [
            "e\u{301}x",
            "1\u{FE0F}\u{20E3} 다음",
            "가\u{11A8}나",
            "한\u{200D}글",
            "가\u{302E}",
            "👩\u{200D}💻 코딩",
            "🇰🇷🇯🇵🇺",
            "각\u{FE0F}",
            "✅ 완료",
            "⚠\u{FE0F}경고",
            "1\u{FE0F}\u{20E3} 다음",
            "🤔.",
            "🇰🇷a",
            "🇰a",
            "👍🏽 좋아요",
            "👩\u{FE0F}\u{200D}💻",
            "✅\u{FE0F}\u{FE0F}\u{20E3}\u{301}가",
            "\u{1F1E6}\u{FE0F}\u{1F1E6}",
            "\u{AD}\u{FE0F}#",
        ] {
            let (fast, reference) = both(text);
            assert_eq!(fast, reference, "{text:?}");
        }
    }

    #[test]
    fn every_plain_character_has_a_boundary_on_both_sides() {
        let plain = (0x20..=0x7E)
            .chain(0xA0..=0x2FF)
            .chain(0x2010..=0x2027)
            .chain(0x2190..=0x21FF)
            .chain(0x2500..=0x25FF)
            .chain(0x3000..=0x3029)
            .chain(0xAC00..=0xD7A3)
            .filter_map(char::from_u32);
        for c in plain {
            let mut buf = [0; 4];
            assert_eq!(
                plain_len(c.encode_utf8(&mut buf).as_bytes()),
                Some(c.len_utf8())
            );
            for neighbour in ['a', '가', 'ᄀ', '\u{301}', '\u{200D}'] {
                for pair in [format!("{c}{neighbour}"), format!("{neighbour}{c}")] {
                    let (fast, reference) = both(&pair);
                    assert_eq!(fast, reference, "{pair:?}");
                }
            }
            for neighbour in ['a', '가'] {
                for pair in [format!("{c}{neighbour}"), format!("{neighbour}{c}")] {
                    assert_eq!(pair.graphemes(true).count(), 2, "{pair:?}");
                }
            }
        }
    }

    fn arb_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", " ", "\r", "\n", "\t", "\u{1b}", "가", "힣", "ᄀ", "ᅡ", "ᆨ", "\u{301}", "\u{200D}",
            "\u{FE0F}", "\u{20E3}", "👩", "💻", "🇰", "🇷", "👍", "🏽", "·", "“", "\u{600}",
            "\u{903}", "ힰ", "ퟋ", "中", "#", "é", "\u{2026}", "\u{3001}", "\u{AD}", "\u{85}", "©",
            "─", "↔", "▌", "✅", "⚠", "🤔",
        ]);
        prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn clusters_are_exactly_unicode_segmentations(text in arb_text()) {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn clusters_of_any_string_are_unicode_segmentations(text in any::<String>()) {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }
    }
}
