//! Sorting titles the way a Korean reader expects: Hangul in 가나다 order first, then
//! Latin letters (case ignored), then digits (by their value: `2` before `10`), then
//! everything else; the order of Korean phone books and file browsers.

use std::cmp::Ordering;
use std::iter::Peekable;
use std::str::Chars;

use unicode_normalization::UnicodeNormalization;

use super::hangul::initial_index;

/// Syllables per initial consonant: 21 medials × 28 finals.
const PER_INITIAL: u32 = 21 * 28;

/// Where a character sorts: its class first (Hangul, Latin, digit, other), then its place
/// in the class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A syllable or jamo: a lone initial consonant sorts just before the syllables it
    /// starts (`ㄱ` before `가`).
    Hangul(u32),
    /// A Latin letter, lowercased.
    Latin(char),
    /// A run of ASCII digits, by value: (length without leading zeros, the digits).
    Number(usize, u64),
    /// Anything else, by code point.
    Other(char),
}

fn key(c: char, rest: &mut Peekable<Chars<'_>>) -> Key {
    let u = c as u32;
    if (0xAC00..=0xD7A3).contains(&u) {
        return Key::Hangul((u - 0xAC00) * 2 + 1);
    }
    if let Some(index) = initial_index(c) {
        return Key::Hangul(u32::from(index) * PER_INITIAL * 2);
    }
    if c.is_ascii_digit() {
        let mut digits = String::from(c);
        while let Some(&next) = rest.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(next);
            rest.next();
        }
        let significant = digits.trim_start_matches('0');
        // Runs too long for a u64 still order by length first, then by their first digits.
        let value = significant
            .get(..significant.len().min(19))
            .and_then(|d| d.parse().ok())
            .unwrap_or(0);
        return Key::Number(significant.len(), value);
    }
    if c.is_ascii_alphabetic() {
        return Key::Latin(c.to_ascii_lowercase());
    }
    // Accented Latin (up to the end of Latin Extended-B) sorts with the letters.
    match c.to_lowercase().next() {
        Some(lower) if lower.is_alphabetic() && (lower as u32) < 0x250 => Key::Latin(lower),
        _ => Key::Other(c),
    }
}

/// Compares `a` and `b` in Korean title order (see the module doc); strings equal in that
/// order (differing only in case or normalization) compare by their text, so the order is
/// total and stable.
pub fn compare(a: &str, b: &str) -> Ordering {
    let a_nfc: String = a.nfc().collect();
    let b_nfc: String = b.nfc().collect();
    let mut left = a_nfc.chars().peekable();
    let mut right = b_nfc.chars().peekable();
    loop {
        match (left.next(), right.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(l), Some(r)) => {
                let order = key(l, &mut left).cmp(&key(r, &mut right));
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(titles: &[&str]) -> Vec<String> {
        let mut titles: Vec<String> = titles.iter().map(|t| t.to_string()).collect();
        titles.sort_by(|a, b| compare(a, b));
        titles
    }

    #[test]
    fn hangul_comes_in_ganada_order_before_latin() {
        assert_eq!(
            sorted(&["Rust 입문", "다람쥐", "가나다", "apple", "나비"]),
            ["가나다", "나비", "다람쥐", "apple", "Rust 입문"]
        );
    }

    #[test]
    fn latin_ignores_case_and_digits_come_after_letters() {
        assert_eq!(
            sorted(&["2025 회고", "beta", "Alpha", "한글"]),
            ["한글", "Alpha", "beta", "2025 회고"]
        );
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(
            sorted(&["글 10", "글 2", "글 1", "글 002"]),
            ["글 1", "글 002", "글 2", "글 10"]
        );
    }

    #[test]
    fn a_lone_initial_consonant_sorts_before_the_syllables_it_starts() {
        assert_eq!(sorted(&["가", "ㄱ", "까", "ㄲ"]), ["ㄱ", "가", "ㄲ", "까"]);
    }

    #[test]
    fn nfd_text_sorts_with_its_nfc_form() {
        let nfd: String = "나비".nfd().collect();
        assert_eq!(compare(&nfd, "다람쥐"), Ordering::Less);
        assert_eq!(compare(&nfd, "가"), Ordering::Greater);
    }

    #[test]
    fn symbols_and_emoji_come_last() {
        assert_eq!(
            sorted(&["🚀 시작", "[공지]", "시작"]),
            ["시작", "[공지]", "🚀 시작"]
        );
    }
}
