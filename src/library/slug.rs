//! Heading slugs, the way GitHub makes anchors of headings: what `#section` in a link
//! names. Korean and other letters are kept as they are, so `## 생성형 AI란?` is
//! `#생성형-ai란`.

use unicode_normalization::UnicodeNormalization;

/// The anchor GitHub gives a heading whose text is `heading`: lowercased, everything but
/// letters, marks, digits, connector punctuation (`_`), hyphens and spaces removed, and each
/// space made a hyphen. The text is taken in NFC, so a heading saved in NFD has the same
/// slug.
pub fn slug(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    for c in heading.trim().nfc().flat_map(char::to_lowercase) {
        if c == ' ' {
            out.push('-');
        } else if c == '-' || c == '_' || c.is_alphanumeric() || is_mark(c) {
            out.push(c);
        }
    }
    out
}

/// Combining marks, which GitHub keeps (they belong to the letter before them).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Slugs for the headings of one article, in order: a slug already given gets `-1`, `-2`,
/// … as GitHub numbers repeated headings.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: std::collections::HashMap<String, usize>,
}

impl Slugger {
    /// The slug of the next heading, `heading`, numbered if it was given before (the
    /// algorithm of github-slugger: the count of a base slug goes up until the numbered
    /// slug is new).
    pub fn next(&mut self, heading: &str) -> String {
        let base = slug(heading);
        let mut candidate = base.clone();
        while self.seen.contains_key(&candidate) {
            let count = self.seen.entry(base.clone()).or_insert(0);
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_korean_heading_keeps_its_syllables_and_loses_its_punctuation() {
        assert_eq!(slug("생성형 AI란?"), "생성형-ai란");
        assert_eq!(slug("1. 설치하기 (Ubuntu)"), "1-설치하기-ubuntu");
    }

    #[test]
    fn emoji_and_symbols_are_dropped_but_their_spaces_stay() {
        assert_eq!(slug("🚀 시작하기"), "-시작하기");
        assert_eq!(slug("C++ & Rust"), "c--rust");
    }

    #[test]
    fn hyphens_and_underscores_are_kept() {
        assert_eq!(slug("snake_case vs kebab-case"), "snake_case-vs-kebab-case");
    }

    #[test]
    fn a_heading_saved_in_nfd_has_the_same_slug_as_in_nfc() {
        let nfd: String = "한글 제목".nfd().collect();
        assert_eq!(slug(&nfd), slug("한글 제목"));
    }

    #[test]
    fn repeated_headings_are_numbered_like_github_does() {
        let mut slugger = Slugger::default();
        assert_eq!(slugger.next("예제"), "예제");
        assert_eq!(slugger.next("예제"), "예제-1");
        assert_eq!(slugger.next("예제"), "예제-2");
        assert_eq!(slugger.next("예제 1"), "예제-1-1");
    }
}
