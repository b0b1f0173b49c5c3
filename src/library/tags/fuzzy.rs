//! Picking tags by a few typed characters, the way the tag picker narrows its list.

use std::cmp::Reverse;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern as FuzzyPattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::text::fold::fold;
use crate::text::hangul::{
    self, final_evolution, initial_consonant, is_initial_consonant, syllable_parts,
};

/// Indexes into `tags` (as returned by [`tag_counts`](super::tag_counts)) that match
/// `pattern` fuzzily, best first (by score, then count). Uses nucleo's fuzzy matching; a tag
/// it rejects is still accepted when every character of the pattern matches a later
/// character of the tag under the search rules (a jamo consonant matches a syllable's
/// initial, the last syllable may be incomplete), so `ㅍㅇㅆ` and `파이써` both find
/// `파이썬`. A blank pattern lists every tag by count.
pub fn fuzzy_tags(tags: &[(String, usize)], pattern: &str) -> Vec<usize> {
    let folded_pattern = fold(pattern.trim());
    if folded_pattern.is_empty() {
        let mut all: Vec<usize> = (0..tags.len()).collect();
        all.sort_by_key(|&i| Reverse(tags[i].1));
        return all;
    }
    let fuzzy = FuzzyPattern::new(
        &folded_pattern,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let projected = FuzzyPattern::new(
        &hangul::initials(&folded_pattern),
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let words: Vec<Vec<CharRule>> = folded_pattern.split_whitespace().map(char_rules).collect();
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = Vec::new();
    for (i, (tag, _)) in tags.iter().enumerate() {
        let folded = fold(tag);
        let score = fuzzy
            .score(Utf32Str::new(&folded, &mut buf), &mut matcher)
            .or_else(|| {
                if !words.iter().all(|w| rules_match_subsequence(w, &folded)) {
                    return None;
                }
                let tag_initials = hangul::initials(&folded);
                Some(
                    projected
                        .score(Utf32Str::new(&tag_initials, &mut buf), &mut matcher)
                        .unwrap_or(1),
                )
            });
        if let Some(score) = score {
            scored.push((score, i));
        }
    }
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(tags[b.1].1.cmp(&tags[a.1].1))
            .then(a.1.cmp(&b.1))
    });
    scored.into_iter().map(|(_, i)| i).collect()
}

/// How one character of a fuzzy tag pattern may match.
enum CharRule {
    Exact(char),
    Initial(char),
    Syllable { lv: u32, finals: u32 },
}

fn char_rules(word: &str) -> Vec<CharRule> {
    let chars: Vec<char> = word.chars().collect();
    let last = chars.len().saturating_sub(1);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if is_initial_consonant(c) {
                return CharRule::Initial(c);
            }
            match syllable_parts(c) {
                Some((lv, 0)) if i == last => CharRule::Syllable {
                    lv,
                    finals: (1 << 28) - 1,
                },
                Some((lv, t)) if i == last => CharRule::Syllable {
                    lv,
                    finals: final_evolution(t).grows_into,
                },
                _ => CharRule::Exact(c),
            }
        })
        .collect()
}

fn rules_match_subsequence(rules: &[CharRule], text: &str) -> bool {
    let mut chars = text.chars();
    rules.iter().all(|rule| {
        chars.any(|c| match rule {
            CharRule::Exact(e) => c == *e,
            CharRule::Initial(j) => c == *j || initial_consonant(c) == Some(*j),
            CharRule::Syllable { lv, finals } => {
                syllable_parts(c).is_some_and(|(l, t)| l == *lv && finals & (1 << t) != 0)
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_tags_accept_initial_consonants_where_fuzzy_matching_fails() {
        let tags = vec![
            ("파이썬".to_string(), 5),
            ("rust".to_string(), 9),
            ("프로그래밍".to_string(), 2),
            ("파이프라인".to_string(), 1),
        ];
        assert_eq!(fuzzy_tags(&tags, "rs"), vec![1]);
        assert_eq!(fuzzy_tags(&tags, "ㅍㅇㅆ"), vec![0]);
        assert_eq!(fuzzy_tags(&tags, "파이써"), vec![0]);
        let p = fuzzy_tags(&tags, "ㅍ");
        assert_eq!(p.len(), 3);
        assert_eq!(fuzzy_tags(&tags, ""), vec![1, 0, 2, 3]);
    }
}
