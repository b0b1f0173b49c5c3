//! Keys typed with a Korean input method on. With the 두벌식 (2-set) layout active, the
//! keys of a Latin keyboard arrive as jamo: `ㅓ` for `j`, `ㅏ` for `k`, `ㅂ` for `q`. Outside
//! text prompts geul reads each jamo as the key at the same place, so navigation works
//! without switching the input method.

/// The 두벌식 layout: each Latin key and the jamo it types, unshifted.
const LAYOUT: [(char, char); 26] = [
    ('q', 'ㅂ'),
    ('w', 'ㅈ'),
    ('e', 'ㄷ'),
    ('r', 'ㄱ'),
    ('t', 'ㅅ'),
    ('y', 'ㅛ'),
    ('u', 'ㅕ'),
    ('i', 'ㅑ'),
    ('o', 'ㅐ'),
    ('p', 'ㅔ'),
    ('a', 'ㅁ'),
    ('s', 'ㄴ'),
    ('d', 'ㅇ'),
    ('f', 'ㄹ'),
    ('g', 'ㅎ'),
    ('h', 'ㅗ'),
    ('j', 'ㅓ'),
    ('k', 'ㅏ'),
    ('l', 'ㅣ'),
    ('z', 'ㅋ'),
    ('x', 'ㅌ'),
    ('c', 'ㅊ'),
    ('v', 'ㅍ'),
    ('b', 'ㅠ'),
    ('n', 'ㅜ'),
    ('m', 'ㅡ'),
];

/// The jamo Shift types on the keys that have a second one (the tense consonants and two
/// vowels); Shift on any other key types the unshifted jamo.
const SHIFTED: [(char, char); 7] = [
    ('Q', 'ㅃ'),
    ('W', 'ㅉ'),
    ('E', 'ㄸ'),
    ('R', 'ㄲ'),
    ('T', 'ㅆ'),
    ('O', 'ㅒ'),
    ('P', 'ㅖ'),
];

/// The Latin key at the place of `jamo` on a 두벌식 keyboard; `shift` says whether Shift
/// was held (so `ㅎ` with Shift is `G`). `None` for anything that is not a jamo of the
/// layout.
pub fn latin_key(jamo: char, shift: bool) -> Option<char> {
    if let Some((latin, _)) = SHIFTED.iter().find(|(_, j)| *j == jamo) {
        return Some(*latin);
    }
    let (latin, _) = LAYOUT.iter().find(|(_, j)| *j == jamo)?;
    Some(if shift {
        latin.to_ascii_uppercase()
    } else {
        *latin
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vim_keys_arrive_as_jamo_and_map_back() {
        let keys: String = ['ㅓ', 'ㅏ', 'ㅗ', 'ㅣ', 'ㅂ', 'ㅎ', 'ㅜ', 'ㅅ', 'ㅠ']
            .iter()
            .filter_map(|&jamo| latin_key(jamo, false))
            .collect();
        assert_eq!(keys, "jkhlqgntb");
    }

    #[test]
    fn shift_gives_the_capital_unless_the_key_has_a_jamo_of_its_own() {
        assert_eq!(latin_key('ㅎ', true), Some('G'));
        assert_eq!(latin_key('ㅜ', true), Some('N'));
        assert_eq!(latin_key('ㅃ', true), Some('Q'));
        assert_eq!(latin_key('ㅖ', false), Some('P'));
    }

    #[test]
    fn every_latin_letter_has_exactly_one_jamo() {
        for (latin, jamo) in LAYOUT {
            assert_eq!(latin_key(jamo, false), Some(latin));
        }
        assert_eq!(LAYOUT.len(), 26);
    }

    #[test]
    fn syllables_and_other_characters_are_not_keys() {
        assert_eq!(latin_key('한', false), None);
        assert_eq!(latin_key('j', false), None);
        assert_eq!(latin_key('ㆍ', false), None);
    }
}
