//! The 초성 projection: a copy of folded text in which every Hangul syllable and initial
//! jamo is replaced by a marker of its initial consonant, at the same byte offsets, so a
//! query of initials is a plain byte search. The short fields keep it so; each body keeps
//! a [`Compact`] one, a byte per character, half the size for Korean text.

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

/// Folded bytes and their projection, as searched by patterns.
#[derive(Clone, Copy)]
pub(super) struct Hay<'a> {
    /// The text searched: folded, or (for a body whose folding changes only ASCII
    /// capitals) the original.
    pub(super) folded: &'a [u8],
    pub(super) proj: Proj<'a>,
    /// `folded` may hold ASCII capitals, which match their lowercase letters: it is an
    /// original body that folding would change only in those.
    pub(super) caseless: bool,
}

/// How a [`Hay`] holds its projection.
#[derive(Clone, Copy)]
pub(super) enum Proj<'a> {
    /// The projection itself, the same length as the folded text.
    Full(&'a [u8]),
    /// The compact projection of one post's body (see [`Compact`]).
    Compact(Compact<'a>),
}

impl<'a> Hay<'a> {
    /// `folded` with its projection, `None` meaning it equals `folded` (no Hangul).
    pub(super) fn new(folded: &'a str, proj: Option<&'a [u8]>) -> Self {
        Hay {
            folded: folded.as_bytes(),
            proj: Proj::Full(proj.unwrap_or(folded.as_bytes())),
            caseless: false,
        }
    }
}

/// The projection of one text with one byte per character instead of the character's
/// bytes: [`COMPACT_BASE`] + k for a character with initial consonant k, the byte itself
/// (lowercase) for ASCII, [`COMPACT_OTHER`] for any other character. For Korean text this
/// is about half the size of the text (a syllable is three bytes), where the full
/// projection is as large as it; bodies keep this one.
///
/// Every match of a pattern maps character by character onto the compact projection of its
/// atoms (see [`compact_into`]), so a search finds candidates with `memmem` here, maps them
/// back to the text and verifies them there.
#[derive(Debug, Clone, Copy)]
pub(super) struct Compact<'a> {
    bytes: &'a [u8],
    /// `marks[j]`: the compact offset of the first character at or after text offset
    /// `j * MARK_STEP`, so an offset is mapped either way by walking at most a step
    /// (made by [`compact_marks`]).
    marks: &'a [u32],
}

/// Text bytes between two [`Compact::marks`].
const MARK_STEP: usize = 128;

/// The compact byte of a character with initial consonant `k` (0..19): below any lead byte.
const COMPACT_BASE: u8 = 0x80;

/// The compact byte of a character with initial consonant `k` (see [`Compact`]).
pub(super) fn compact_slot(k: u8) -> u8 {
    COMPACT_BASE + k
}

/// The compact byte of a non-ASCII character without an initial consonant.
const COMPACT_OTHER: u8 = 0xFF;

/// Appends the compact projection of `text` (see [`Compact`]) to `out`; returns whether
/// any character had an initial consonant. ASCII capitals project to their lowercase
/// letters, as folding would make them.
pub(super) fn compact_into(text: &str, out: &mut Vec<u8>) -> bool {
    let mut changed = false;
    for c in text.chars() {
        let byte = compact_byte(c);
        changed |= (COMPACT_BASE..COMPACT_OTHER).contains(&byte);
        out.push(byte);
    }
    changed
}

/// The compact projection of one character (see [`Compact`]).
fn compact_byte(c: char) -> u8 {
    if c.is_ascii() {
        c.to_ascii_lowercase() as u8
    } else if let Some(k) = initial_index(c) {
        compact_slot(k)
    } else {
        COMPACT_OTHER
    }
}

/// How long the compact projection a body keeps is: a byte per character when some
/// character has an initial consonant, else nothing (no 초성 pattern can match it). Known
/// before the projection is made, so all bodies' projections go into one buffer of the
/// exact size, filled in place (see [`compact_fill`]).
pub(super) fn compact_len(text: &str) -> usize {
    if text.chars().any(|c| initial_index(c).is_some()) {
        text.bytes().filter(|&b| is_char_start(b)).count()
    } else {
        0
    }
}

/// Writes the compact projection of `text` into `out`, which is [`compact_len`] long.
pub(super) fn compact_fill(text: &str, out: &mut [u8]) {
    for (c, byte) in text.chars().zip(out) {
        *byte = compact_byte(c);
    }
}

/// How many [`Compact::marks`] a text of `len` bytes has.
pub(super) fn marks_len(len: usize) -> usize {
    len / MARK_STEP + 1
}

/// Writes the [`Compact::marks`] of `text` into `out`, which is [`marks_len`] long.
/// Offsets are 32-bit: a post is far shorter than 4 GB (files are read up to
/// `MAX_POST_BYTES`).
pub(super) fn compact_marks(text: &str, out: &mut [u32]) {
    let mut c = 0u32;
    let mut next = 0;
    for (i, &byte) in text.as_bytes().iter().enumerate() {
        if is_char_start(byte) {
            while next * MARK_STEP <= i {
                if let Some(mark) = out.get_mut(next) {
                    *mark = c;
                }
                next += 1;
            }
            c = c.saturating_add(1);
        }
    }
    for mark in out.iter_mut().skip(next) {
        *mark = c;
    }
}

/// Bytes of the UTF-8 character that starts with `lead`.
fn char_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

fn is_char_start(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

impl<'a> Compact<'a> {
    /// The compact projection `bytes` of a text (made with [`compact_into`]) and its
    /// `marks` (made with [`compact_marks`]).
    pub(super) fn new(bytes: &'a [u8], marks: &'a [u32]) -> Compact<'a> {
        Compact { bytes, marks }
    }

    pub(super) fn bytes(self) -> &'a [u8] {
        self.bytes
    }

    /// The text offset and compact offset of the first character at or after mark `j`.
    fn mark(self, folded: &[u8], j: usize) -> (usize, usize) {
        let mut f = (j * MARK_STEP).min(folded.len());
        while f < folded.len() && !is_char_start(folded[f]) {
            f += 1;
        }
        (f, self.marks.get(j).map_or(0, |&m| m as usize))
    }

    /// A compact offset at or after that of text offset `pos`, from the marks alone:
    /// without reading the text there, which is likely not in cache.
    pub(super) fn upper_bound(self, pos: usize) -> usize {
        self.marks
            .get(pos / MARK_STEP + 1)
            .map_or(self.bytes.len(), |&m| m as usize)
    }

    /// The compact offset of text offset `pos` (rounded up to a character): the number
    /// of characters that start before it.
    pub(super) fn to_compact(self, folded: &[u8], pos: usize) -> usize {
        let pos = pos.min(folded.len());
        let (f, c) = self.mark(folded, pos / MARK_STEP);
        let between = folded.get(f..pos).unwrap_or_default();
        c + between.iter().filter(|&&b| is_char_start(b)).count()
    }
}

/// Maps increasing compact offsets back to text offsets, walking forward from the last
/// place or the nearest mark.
pub(super) struct ToFolded<'a> {
    compact: Compact<'a>,
    folded: &'a [u8],
    /// A mark at or before every offset still to be mapped: marks are looked up from here,
    /// nearby, rather than by bisecting all of them.
    mark: usize,
    /// The last place mapped, a character start in both forms; `None` before the first.
    at: Option<(usize, usize)>,
}

impl<'a> ToFolded<'a> {
    /// A mapping of compact offsets that are all at or after text offset `from`.
    pub(super) fn new(compact: Compact<'a>, folded: &'a [u8], from: usize) -> Self {
        ToFolded {
            compact,
            folded,
            mark: (from / MARK_STEP).min(compact.marks.len().saturating_sub(1)),
            at: None,
        }
    }

    /// The text offset of compact offset `at`.
    pub(super) fn map(&mut self, at: usize) -> usize {
        let (mut f, mut c) = match self.at {
            Some((f, c)) if c <= at && at - c < MARK_STEP => (f, c),
            _ => {
                self.mark = self.last_mark_at_or_before(at);
                self.compact.mark(self.folded, self.mark)
            }
        };
        while c < at && f < self.folded.len() {
            f += char_width(self.folded[f]);
            c += 1;
        }
        self.at = Some((f, c));
        f
    }

    /// The last mark at or before compact offset `at`, galloping from `self.mark`.
    fn last_mark_at_or_before(&self, at: usize) -> usize {
        let marks = self.compact.marks;
        let (mut lo, mut step) = (self.mark, 1);
        if marks.get(lo).is_none_or(|&m| m as usize > at) {
            return marks
                .partition_point(|&m| m as usize <= at)
                .saturating_sub(1);
        }
        while lo + step < marks.len() && marks[lo + step] as usize <= at {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(marks.len());
        lo + marks[lo..hi].partition_point(|&m| m as usize <= at) - 1
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

    type Range = std::ops::Range<usize>;

    /// Every match of every pattern of `query` in each of `texts` from `from` on, found in
    /// the full projection and in the compact one, as `(full, compact)`.
    fn matches_both_ways(texts: &[&str], query: &str, from: usize) -> (Vec<Range>, Vec<Range>) {
        let query = Query::parse(query);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for text in texts {
            let folded = fold(text);
            let full = projection(&folded);
            let mut bytes = vec![0; compact_len(&folded)];
            compact_fill(&folded, &mut bytes);
            let mut pushed = Vec::new();
            if compact_into(&folded, &mut pushed) {
                assert_eq!(bytes, pushed, "filled in place as appended");
            } else {
                assert!(bytes.is_empty(), "no initials, no projection");
                bytes = pushed;
            }
            let mut marks = vec![0; marks_len(folded.len())];
            compact_marks(&folded, &mut marks);
            let compact = Hay {
                folded: folded.as_bytes(),
                proj: Proj::Compact(Compact::new(&bytes, &marks)),
                caseless: false,
            };
            let full = Hay::new(&folded, full.as_deref());
            let end = folded.len();
            for pattern in query.terms.iter().flat_map(|t| &t.patterns) {
                let (mut pa, mut pb) = (from.min(end), from.min(end));
                while let Some(r) = pattern.find(full, pa, end) {
                    pa = r.end;
                    a.push(r);
                }
                while let Some(r) = pattern.find(compact, pb, end) {
                    pb = r.end;
                    b.push(r);
                }
            }
        }
        (a, b)
    }

    #[test]
    fn initials_are_found_the_same_in_the_compact_projection() {
        let texts = [
            "생성형 AI와 ㅅㅅㅎ, 파이썬 자동화.",
            "새로운 “생각” ᄉ 끝 é 😀 상승해",
        ];
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
            "ㅅㅎ",
        ] {
            let (full, compact) = matches_both_ways(&texts, query, 0);
            assert_eq!(full, compact, "{query}");
        }
        assert!(!matches_both_ways(&texts, "ㅅㅅㅎ", 0).0.is_empty());
        assert_eq!(matches_both_ways(&texts, "ㅅㅎ", 0).1.len(), 3);
    }

    proptest::proptest! {
        #[test]
        fn any_pattern_finds_the_same_matches_in_the_compact_projection(
            texts in proptest::collection::vec("([가-힣]|[ㄱ-ㅎ]|[a-cA-C]|[ \\n.]|ᄀ|é|😀|“){0,200}", 1..5),
            query in "([ㄱ-ㅎ]|[가나다생성형파이썬]|[abc ]){1,4}",
            from in 0usize..600,
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let (full, compact) = matches_both_ways(&texts, &query, from);
            proptest::prop_assert_eq!(full, compact);
        }
    }
}
