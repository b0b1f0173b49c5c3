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
    pub(super) proj: &'a [u8],
}

impl<'a> Hay<'a> {
    pub(super) fn new(folded: &'a str, proj: Option<&'a [u8]>) -> Self {
        Hay {
            folded: folded.as_bytes(),
            proj: proj.unwrap_or(folded.as_bytes()),
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
