//! Text normalization for matching: NFC and case folding.
//!
//! Everything that compares text (search, in-article highlighting, tag filters) folds both
//! sides with [`fold`], so a post saved in NFD (as macOS tools sometimes write it) matches a
//! query typed in NFC and the reverse, and `Rust` matches `rust`.
//!
//! Highlights must land on the characters the reader sees, which are the *original*
//! characters, so [`fold_with_map`] also returns a [`Folded`] that maps byte offsets in the
//! folded text back to byte offsets in the original. The map is coarse only where folding
//! changed the length of a unit (a decomposed syllable, `İ` → `i̇`): such a unit is mapped as
//! a whole, so a highlight never ends inside a grapheme.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// Folds `text` for matching: NFC, then Unicode lowercase.
///
/// The result of folding a query and folding a text agree whenever the two are canonically
/// equivalent up to letter case.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_core(text, &mut out, None);
    out
}

/// Like [`fold`], but borrows `text` when folding would not change it (the usual case for
/// Korean text and lowercase tags), so comparing many short strings allocates nothing.
pub fn fold_cow(text: &str) -> Cow<'_, str> {
    let unchanged = if text.is_ascii() {
        !text.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        is_nfc_quick(text.chars()) == IsNormalized::Yes
            && text.chars().all(|c| {
                if c.is_ascii() {
                    !c.is_ascii_uppercase()
                } else if caseless(c) {
                    true
                } else {
                    let mut lower = c.to_lowercase();
                    lower.len() == 1 && lower.next() == Some(c)
                }
            })
    };
    if unchanged {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(fold(text))
    }
}

/// Folds `text` like [`fold`] and remembers where each folded byte came from.
pub fn fold_with_map(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut map = MapBuilder::default();
    fold_core(text, &mut out, Some(&mut map));
    Folded {
        text: out,
        anchors: map.anchors,
        original_len: text.len(),
    }
}

/// Folded text plus the way back to the original it was folded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    text: String,
    /// Starts of regions, sorted by folded offset. A region is either linear (folded and
    /// original bytes correspond one to one) or atomic (one unit whose length changed).
    /// Before the first anchor the mapping is linear from (0, 0); no anchors at all means
    /// folding kept every offset.
    anchors: Vec<Anchor>,
    original_len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    folded: usize,
    original: usize,
    atomic: bool,
}

impl Folded {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether every folded byte offset equals the original one (true for NFC text that
    /// only changed ASCII case, or did not change at all).
    pub fn is_offset_preserving(&self) -> bool {
        self.anchors.is_empty() && self.text.len() == self.original_len
    }

    /// The byte range in the original text that the folded `range` came from. A range
    /// that starts or ends inside a unit whose length changed is widened to the whole
    /// unit, so the result always lies on character (and, for decomposed text, grapheme)
    /// boundaries of the original.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.floor(range.start);
        let end = if range.end <= range.start {
            start
        } else {
            self.ceil(range.end)
        };
        start..end.max(start)
    }

    fn region(&self, f: usize) -> Option<&Anchor> {
        let idx = self.anchors.partition_point(|a| a.folded <= f);
        idx.checked_sub(1).map(|i| &self.anchors[i])
    }

    fn floor(&self, f: usize) -> usize {
        let f = f.min(self.text.len());
        match self.region(f) {
            None => f.min(self.original_len),
            Some(a) if a.atomic => a.original,
            Some(a) => (a.original + (f - a.folded)).min(self.original_len),
        }
    }

    fn ceil(&self, f: usize) -> usize {
        let f = f.min(self.text.len());
        if f == self.text.len() {
            return self.original_len;
        }
        let idx = self.anchors.partition_point(|a| a.folded <= f);
        let Some(a) = idx.checked_sub(1).map(|i| self.anchors[i]) else {
            return f.min(self.original_len);
        };
        if a.folded == f {
            a.original
        } else if a.atomic {
            self.anchors
                .get(idx)
                .map_or(self.original_len, |next| next.original)
        } else {
            (a.original + (f - a.folded)).min(self.original_len)
        }
    }
}

/// Collects anchors while folding; only anchors where the offset relation changes are kept,
/// so the map of ordinary text stays empty.
#[derive(Default)]
struct MapBuilder {
    anchors: Vec<Anchor>,
    after_atomic: bool,
}

impl MapBuilder {
    fn linear(&mut self, original: usize, folded: usize) {
        if self.after_atomic {
            self.anchors.push(Anchor {
                folded,
                original,
                atomic: false,
            });
            self.after_atomic = false;
        }
    }

    fn atomic(&mut self, original: usize, folded: usize) {
        self.anchors.push(Anchor {
            folded,
            original,
            atomic: true,
        });
        self.after_atomic = true;
    }
}

/// Characters that certainly have no lowercase mapping; skipping `to_lowercase` for them
/// keeps folding Korean text a plain copy.
fn caseless(c: char) -> bool {
    let u = c as u32;
    u < 0xC0
        || (0x1100..=0x11FF).contains(&u)
        || (0x2E80..=0x9FFF).contains(&u)
        || (0xA960..=0xD7FF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0x1F000..=0x1FAFF).contains(&u)
}

/// Whether every character of `text` is ASCII or in a range that is always NFC and has no
/// case: Hangul syllables, compatibility jamo, CJK and general punctuation. Such text (most
/// Korean posts) folds by lowercasing its ASCII letters, which keeps every offset; checking
/// bytes is several times faster than the general path.
fn is_simple(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            i += 1;
            continue;
        }
        let simple = match b.get(i..i + 3) {
            Some(&[lead, b1, b2]) if lead & 0xF0 == 0xE0 => {
                let c = (u32::from(lead & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                matches!(c, 0xAC00..=0xD7A3 | 0x3131..=0x318E | 0x3000..=0x303F | 0x2010..=0x2027 | 0x2030..=0x205E)
            }
            _ => false,
        };
        if !simple {
            return false;
        }
        i += 3;
    }
    true
}

fn fold_core(text: &str, out: &mut String, mut map: Option<&mut MapBuilder>) {
    if text.is_ascii() || is_simple(text) {
        // ASCII lowercasing keeps every offset: no anchors needed.
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        fold_nfc(text, out, map);
        return;
    }
    // Text that may not be NFC is composed one grapheme at a time: composition never
    // crosses a grapheme boundary in practice, and a grapheme is the unit a highlight may
    // widen to.
    let base = out.len();
    for (i, g) in text.grapheme_indices(true) {
        let f0 = out.len();
        if g.len() == 1 {
            out.push(char::from(g.as_bytes()[0].to_ascii_lowercase()));
            if let Some(m) = map.as_deref_mut() {
                m.linear(i, f0 - base);
            }
            continue;
        }
        for c in g.nfc() {
            push_lowercase(c, out);
        }
        if let Some(m) = map.as_deref_mut() {
            let folded = &out[f0..];
            let same_shape = folded == g
                || (g.chars().count() == 1
                    && folded.chars().count() == 1
                    && folded.len() == g.len());
            if same_shape {
                m.linear(i, f0 - base);
            } else {
                m.atomic(i, f0 - base);
            }
        }
    }
}

/// Folds text already in NFC: only case changes, copied in runs so unchanged text costs a
/// `memcpy`.
fn fold_nfc(text: &str, out: &mut String, mut map: Option<&mut MapBuilder>) {
    let base = out.len();
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            if !c.is_ascii_uppercase() {
                continue;
            }
        } else if caseless(c) {
            continue;
        } else {
            let mut lower = c.to_lowercase();
            if lower.len() == 1 && lower.next() == Some(c) {
                continue;
            }
        }
        if run < i {
            if let Some(m) = map.as_deref_mut() {
                m.linear(run, out.len() - base);
            }
            out.push_str(&text[run..i]);
        }
        let f0 = out.len();
        push_lowercase(c, out);
        if let Some(m) = map.as_deref_mut() {
            if out.len() - f0 == c.len_utf8() && out[f0..].chars().count() == 1 {
                m.linear(i, f0 - base);
            } else {
                m.atomic(i, f0 - base);
            }
        }
        run = i + c.len_utf8();
    }
    if run < text.len() {
        if let Some(m) = map {
            m.linear(run, out.len() - base);
        }
        out.push_str(&text[run..]);
    }
}

fn push_lowercase(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if caseless(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn folding_lowercases_latin_and_leaves_hangul_alone() {
        assert_eq!(fold("Rust와 PYTHON"), "rust와 python");
        assert_eq!(fold("ÉCOLE"), "école");
    }

    #[test]
    fn folding_borrows_text_that_is_already_folded() {
        assert!(matches!(fold_cow("파이썬 rust"), Cow::Borrowed(_)));
        assert_eq!(fold_cow("Rust"), "rust");
        assert_eq!(fold_cow(&nfd("파이썬")), "파이썬");
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_one() {
        for text in [
            "Rust와 “생성형” AI… ㅋㅋ　끝",
            "plain",
            "",
            "émoji 👍 and Ǆ",
            "\u{1109}\u{1162}",
        ] {
            let general: String = text.nfc().flat_map(char::to_lowercase).collect();
            assert_eq!(fold(text), general, "{text:?}");
        }
        assert!(is_simple("Rust와 “생성형” AI… ㅋㅋ　끝"));
        assert!(!is_simple("é"));
        assert!(!is_simple("\u{1109}\u{1162}"));
    }

    #[test]
    fn decomposed_hangul_folds_to_the_same_text_as_composed() {
        let composed = "생성형 AI";
        let decomposed = nfd(composed);
        assert_ne!(composed, decomposed);
        assert_eq!(fold(&decomposed), fold(composed));
        assert_eq!(fold(composed), "생성형 ai");
    }

    #[test]
    fn an_unchanged_text_maps_every_offset_to_itself() {
        let f = fold_with_map("생성형 ai 모델");
        assert!(f.is_offset_preserving());
        assert_eq!(f.to_original(3..9), 3..9);
    }

    #[test]
    fn ascii_case_changes_keep_offsets() {
        let f = fold_with_map("한국어 RUST 책");
        assert!(f.is_offset_preserving());
        assert_eq!(f.as_str(), "한국어 rust 책");
        assert_eq!(f.to_original(10..14), 10..14);
    }

    #[test]
    fn folded_offsets_of_decomposed_text_map_to_whole_original_syllables() {
        let original = format!("AI {}", nfd("생성형"));
        let f = fold_with_map(&original);
        assert_eq!(f.as_str(), "ai 생성형");
        // "성" is folded bytes 6..9; in the original it is the second decomposed syllable.
        let r = f.to_original(6..9);
        assert_eq!(&original[r], nfd("성"));
        let all = f.to_original(3..12);
        assert_eq!(&original[all], nfd("생성형"));
        assert_eq!(f.to_original(0..2), 0..2);
    }

    #[test]
    fn a_range_inside_a_changed_unit_widens_to_the_whole_unit() {
        // U+0130 lowercases to "i̇" (two chars, three bytes) from two bytes.
        let original = "xİy";
        let f = fold_with_map(original);
        assert_eq!(f.as_str(), "xi\u{307}y");
        assert_eq!(f.to_original(1..2), 1..3);
        assert_eq!(f.to_original(4..5), 3..4);
    }
}
