//! The 초성 projection: a copy of folded text in which every Hangul syllable and initial
//! jamo is replaced by a marker of its initial consonant, at the same byte offsets, so a
//! query of initials is a plain byte search.

use memchr::arch::all::packedpair::HeuristicFrequencyRank;

use crate::text::hangul::initial_index;

/// The projection of a Hangul syllable (or initial jamo) with initial consonant `k`:
/// three bytes like the syllable itself, so offsets match the folded text. `0xF8` never
/// occurs in UTF-8, so a slot can only match at a slot, and a match never needs the folded
/// text to check alignment; the initial is a continuation byte, which the frequency ranker
/// below can tell apart from the marker.
pub(super) fn slot(k: u8) -> [u8; 3] {
    [SLOT_MARK, SLOT_BASE + k, SLOT_BASE + k]
}

const SLOT_MARK: u8 = 0xF8;
const SLOT_BASE: u8 = 0x80;

/// Appends the projection of `folded` to `out`; returns whether it differs from `folded`.
pub(super) fn project_into(folded: &str, out: &mut Vec<u8>) -> bool {
    let b = folded.as_bytes();
    let mut changed = false;
    let (mut i, mut run) = (0, 0);
    while i < b.len() {
        let lead = b[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let width = match lead {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        // Only three-byte characters have initials: syllables (lead EA..ED), conjoining
        // (E1) and compatibility (E3) jamo. Decode just those.
        if matches!(lead, 0xE1 | 0xE3 | 0xEA..=0xED)
            && let Some(k) = b.get(i..i + 3).and_then(decode3).and_then(initial_index)
        {
            out.extend_from_slice(&b[run..i]);
            out.extend_from_slice(&slot(k));
            run = i + 3;
            changed = true;
        }
        i += width;
    }
    out.extend_from_slice(&b[run..]);
    changed
}

/// The projection of `folded`, or `None` when it has no Hangul and equals `folded`.
pub(super) fn projection(folded: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(folded.len());
    project_into(folded, &mut out).then_some(out)
}

/// Byte frequencies in the projection of Korean text, so `memmem` prefilters on the rarer
/// initials of a needle instead of treating every slot byte as a rare non-ASCII byte.
#[derive(Clone, Copy)]
pub(super) struct ProjectionRank;

impl HeuristicFrequencyRank for ProjectionRank {
    fn rank(&self, byte: u8) -> u8 {
        // Rough share of syllables starting with each initial, scaled to 255 for ㅇ.
        const SLOTS: [u8; 19] = [
            230, 40, 170, 200, 40, 150, 160, 150, 15, 210, 40, 255, 200, 15, 110, 70, 100, 90, 200,
        ];
        match byte {
            SLOT_MARK => 255,
            SLOT_BASE..=0x92 => SLOTS[usize::from(byte - SLOT_BASE)],
            b' ' | b'\n' => 250,
            b'a'..=b'z' | b'0'..=b'9' | b'.' | b',' => 140,
            0x00..=0x7F => 100,
            // Bytes of other scripts are rare in Korean posts.
            _ => 50,
        }
    }
}

/// Folded bytes and their projection (same length), as searched by patterns.
#[derive(Clone, Copy)]
pub(super) struct Hay<'a> {
    pub(super) folded: &'a [u8],
    /// The projection, or `None` when it is not stored and patterns decode the initials
    /// from `folded` as they go (the body column: a stored projection would be as large
    /// as all the bodies).
    pub(super) proj: Option<&'a [u8]>,
}

impl<'a> Hay<'a> {
    /// `folded` with its projection, `None` meaning it equals `folded` (no Hangul).
    pub(super) fn new(folded: &'a str, proj: Option<&'a [u8]>) -> Self {
        Hay {
            folded: folded.as_bytes(),
            proj: Some(proj.unwrap_or(folded.as_bytes())),
        }
    }

    /// `folded` without a projection: patterns read initials off the folded text.
    pub(super) fn decoding(folded: &'a str) -> Self {
        Hay {
            folded: folded.as_bytes(),
            proj: None,
        }
    }
}

/// Decodes a three-byte UTF-8 sequence.
pub(super) fn decode3(b: &[u8]) -> Option<char> {
    match *b {
        [a, b1, b2] if a & 0xF0 == 0xE0 && b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 => {
            let u =
                (u32::from(a & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            char::from_u32(u)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::search::Query;
    use crate::text::fold::fold;

    /// Every match of every pattern of `query` in `text`, read from the stored projection
    /// and by decoding, as `(stored, decoded)`.
    fn matches_both_ways(text: &str, query: &str, from: usize) -> (Vec<Range>, Vec<Range>) {
        let folded = fold(text);
        let proj = projection(&folded);
        let stored = Hay::new(&folded, proj.as_deref());
        let decoded = Hay::decoding(&folded);
        let query = Query::parse(query);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for pattern in query.terms.iter().flat_map(|t| &t.patterns) {
            let (mut pa, mut pb) = (from.min(folded.len()), from.min(folded.len()));
            while let Some(r) = pattern.find(stored, pa, folded.len()) {
                pa = r.end;
                a.push(r);
            }
            while let Some(r) = pattern.find(decoded, pb, folded.len()) {
                pb = r.end;
                b.push(r);
            }
        }
        (a, b)
    }

    type Range = std::ops::Range<usize>;

    #[test]
    fn initials_are_found_the_same_by_decoding_as_in_the_projection() {
        let text = "생성형 AI와 ㅅㅅㅎ, 파이썬 자동화. 새로운 생각 ᄉ 끝";
        for query in [
            "ㅅ",
            "ㅅㅅㅎ",
            "생ㅅ",
            "ㅍㅇ",
            "a ㅅ",
            "파이써",
            "생서",
            "팡",
            "ㅅa",
        ] {
            let (stored, decoded) = matches_both_ways(text, query, 0);
            assert_eq!(stored, decoded, "{query}");
        }
        assert!(!matches_both_ways(text, "ㅅㅅㅎ", 0).0.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_pattern_finds_the_same_matches_by_decoding(
            text in "([가-힣]|[ㄱ-ㅎ]|[a-cA-C]|[ \n.]|ᄀ|é|😀){0,40}",
            query in "([ㄱ-ㅎ]|[가나다생성형파이썬]|[abc ]){1,4}",
            from in 0usize..8,
        ) {
            let (stored, decoded) = matches_both_ways(&text, &query, from);
            proptest::prop_assert_eq!(stored, decoded);
        }
    }
}
