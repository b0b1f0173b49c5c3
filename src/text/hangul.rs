//! Hangul syllable arithmetic: initial consonants (초성) and the parts of a syllable.
//!
//! [`initials`] projects folded text onto Hangul initial consonants without changing any
//! byte offset: every syllable U+AC00..U+D7A3 and every conjoining initial U+1100..U+1112
//! is three bytes in UTF-8, exactly like the compatibility jamo that replaces it. A search
//! can therefore look for `ㅅㅅㅎ` in the projection and use the offset it finds directly in
//! the folded text.

/// First precomposed Hangul syllable, `가`.
const SYLLABLE_FIRST: u32 = 0xAC00;
/// Last precomposed Hangul syllable, `힣`.
const SYLLABLE_LAST: u32 = 0xD7A3;
/// Syllables per initial consonant: 21 medials × 28 finals (including "no final").
const PER_INITIAL: u32 = 21 * 28;
/// Finals per initial+medial pair, including "no final".
const FINALS: u32 = 28;

/// The 19 initial consonants as compatibility jamo, in syllable-block order.
const CHOSEONG: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];

/// The initial consonant (초성) of `c` as a compatibility jamo, if `c` is a precomposed
/// syllable (`생` → `ㅅ`) or a conjoining initial jamo (U+1100..U+1112).
pub fn initial_consonant(c: char) -> Option<char> {
    let u = c as u32;
    if (SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&u) {
        return Some(CHOSEONG[((u - SYLLABLE_FIRST) / PER_INITIAL) as usize]);
    }
    if (0x1100..=0x1112).contains(&u) {
        return Some(CHOSEONG[(u - 0x1100) as usize]);
    }
    None
}

/// Index 0..19 of the initial consonant of `c` in `ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ` order: for a
/// precomposed syllable, a conjoining initial, or one of these compatibility jamo itself.
pub(crate) fn initial_index(c: char) -> Option<u8> {
    let u = c as u32;
    let index = if (SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&u) {
        (u - SYLLABLE_FIRST) / PER_INITIAL
    } else if (0x1100..=0x1112).contains(&u) {
        u - 0x1100
    } else if (0x3131..=0x314E).contains(&u) {
        CHOSEONG.iter().position(|&j| j == c)? as u32
    } else {
        return None;
    };
    u8::try_from(index).ok()
}

/// Whether `c` is one of the 19 compatibility jamo that can start a syllable
/// (`ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ`), i.e. a character a 초성 query is made of.
pub fn is_initial_consonant(c: char) -> bool {
    CHOSEONG.contains(&c)
}

/// Replaces every Hangul syllable (and conjoining initial) of `text` by its initial
/// consonant, leaving everything else alone. Byte offsets are unchanged.
pub fn initials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(initial_consonant(c).unwrap_or(c));
    }
    out
}

/// A precomposed syllable split into its initial+medial block index and its final index
/// (0 = no final, 1..=27 in the usual ㄱ ㄲ ㄳ ... ㅎ order).
pub(crate) fn syllable_parts(c: char) -> Option<(u32, u32)> {
    let u = c as u32;
    if (SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&u) {
        let s = u - SYLLABLE_FIRST;
        Some((s / FINALS, s % FINALS))
    } else {
        None
    }
}

/// The syllable with initial+medial block `lv` and final index `t`.
pub(crate) fn compose_syllable(lv: u32, t: u32) -> Option<char> {
    char::from_u32(SYLLABLE_FIRST + lv * FINALS + t).filter(|c| syllable_parts(*c).is_some())
}

/// How the final consonant `t` of a syllable being typed can still change with the next
/// keystroke: the finals it can grow into (ㄹ + ㄱ → ㄺ), and the split that happens when a
/// vowel follows (팡 + ㅣ → 파 + 이: final left behind, consonant that moves on as an initial).
pub(crate) struct FinalEvolution {
    /// Bit set of final indexes the final may become, including itself.
    pub grows_into: u32,
    /// Final index left on the syllable, and the initial consonant (compatibility jamo)
    /// that starts the next syllable.
    pub split: Option<(u32, char)>,
}

/// See [`FinalEvolution`]. `t` is a final index 1..=27.
pub(crate) fn final_evolution(t: u32) -> FinalEvolution {
    let bit = |i: u32| 1u32 << i;
    let grows_into = bit(t)
        | match t {
            1 => bit(3),                  // ㄱ → ㄳ
            4 => bit(5) | bit(6),         // ㄴ → ㄵ ㄶ
            8 => (9..=15).map(bit).sum(), // ㄹ → ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ
            17 => bit(18),                // ㅂ → ㅄ
            _ => 0,
        };
    let split = match t {
        1 => Some((0, 'ㄱ')),
        2 => Some((0, 'ㄲ')),
        3 => Some((1, 'ㅅ')),
        4 => Some((0, 'ㄴ')),
        5 => Some((4, 'ㅈ')),
        6 => Some((4, 'ㅎ')),
        7 => Some((0, 'ㄷ')),
        8 => Some((0, 'ㄹ')),
        9 => Some((8, 'ㄱ')),
        10 => Some((8, 'ㅁ')),
        11 => Some((8, 'ㅂ')),
        12 => Some((8, 'ㅅ')),
        13 => Some((8, 'ㅌ')),
        14 => Some((8, 'ㅍ')),
        15 => Some((8, 'ㅎ')),
        16 => Some((0, 'ㅁ')),
        17 => Some((0, 'ㅂ')),
        18 => Some((17, 'ㅅ')),
        19 => Some((0, 'ㅅ')),
        20 => Some((0, 'ㅆ')),
        21 => Some((0, 'ㅇ')),
        22 => Some((0, 'ㅈ')),
        23 => Some((0, 'ㅊ')),
        24 => Some((0, 'ㅋ')),
        25 => Some((0, 'ㅌ')),
        26 => Some((0, 'ㅍ')),
        27 => Some((0, 'ㅎ')),
        _ => None,
    };
    FinalEvolution { grows_into, split }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_consonants_of_syllables_are_compatibility_jamo() {
        assert_eq!(initial_consonant('생'), Some('ㅅ'));
        assert_eq!(initial_consonant('확'), Some('ㅎ'));
        assert_eq!(initial_consonant('까'), Some('ㄲ'));
        assert_eq!(initial_consonant('\u{1109}'), Some('ㅅ'));
        assert_eq!(initial_consonant('a'), None);
        assert_eq!(initial_consonant('ㅅ'), None);
        assert!(is_initial_consonant('ㅎ'));
        assert!(!is_initial_consonant('ㅏ'));
        assert!(!is_initial_consonant('ㄳ'));
        assert_eq!(initial_index('생'), Some(9));
        assert_eq!(initial_index('ㅅ'), Some(9));
        assert_eq!(initial_index('ㅎ'), Some(18));
        assert_eq!(initial_index('ㄳ'), None);
    }

    #[test]
    fn the_initials_projection_keeps_byte_offsets() {
        let text = "생성형 ai와 확산 모델";
        let p = initials(text);
        assert_eq!(p, "ㅅㅅㅎ aiㅇ ㅎㅅ ㅁㄷ");
        assert_eq!(p.len(), text.len());
        assert_eq!(initials("plain"), "plain");
    }

    #[test]
    fn syllables_split_and_compose_by_final() {
        let (lv, t) = syllable_parts('성').unwrap_or_default();
        assert_eq!(t, 21);
        assert_eq!(compose_syllable(lv, 0), Some('서'));
        assert_eq!(syllable_parts('서').map(|p| p.1), Some(0));
        let e = final_evolution(8);
        assert_eq!(e.split, Some((0, 'ㄹ')));
        assert_ne!(e.grows_into & (1 << 9), 0);
    }
}
