//! Byte patterns: one alternative of a query term, compiled into fixed-length atoms and
//! the needle a SIMD `memmem` looks for.

use std::ops::Range;

use aho_corasick::AhoCorasick;
use memchr::memmem::{Finder, FinderBuilder};

use super::bloom::Grams;
use super::projection::{
    Compact, Hay, Proj, ProjectionRank, ToFolded, compact_into, compact_slot, decode3,
    project_into, slot,
};
use crate::text::hangul::{compose_syllable, initial_index, is_initial_consonant, syllable_parts};

/// One unit of a pattern. Every atom has a fixed byte length, so a pattern has one too and a
/// hit of any part of it tells where the whole must start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Atom {
    /// Exact folded text.
    Lit(String),
    /// Initial consonant `k` (see [`initial_index`]): a syllable with that initial, or the
    /// jamo itself.
    Initial(u8),
    /// A syllable with initial+medial block `lv` and a final in the bit set `finals`. All
    /// members share their first two UTF-8 bytes (see [`syllable_atoms`]), which serve as
    /// part of a needle.
    Syllable { lv: u32, finals: u32 },
}

impl Atom {
    fn len(&self) -> usize {
        match self {
            Atom::Lit(s) => s.len(),
            Atom::Initial(_) | Atom::Syllable { .. } => 3,
        }
    }

    /// The bytes of the folded text this atom certainly starts with, and whether it is
    /// fully known.
    fn known_prefix(&self) -> (Vec<u8>, bool) {
        match self {
            Atom::Lit(s) => (s.as_bytes().to_vec(), true),
            Atom::Initial(_) => (Vec::new(), false),
            Atom::Syllable { lv, finals } => {
                let first = compose_syllable(*lv, finals.trailing_zeros());
                let mut buf = [0u8; 4];
                let bytes = first.map_or(&[][..], |c| c.encode_utf8(&mut buf).as_bytes());
                (bytes.get(..2).unwrap_or_default().to_vec(), false)
            }
        }
    }

    /// Appends what any match of the atom is in a compact projection.
    fn compact(&self, out: &mut Vec<u8>) {
        match self {
            Atom::Lit(s) => {
                compact_into(s, out);
            }
            Atom::Initial(k) => out.push(compact_slot(*k)),
            Atom::Syllable { lv, .. } => {
                let k = compose_syllable(*lv, 0)
                    .and_then(initial_index)
                    .unwrap_or(0);
                out.push(compact_slot(k));
            }
        }
    }

    fn project(&self, out: &mut Vec<u8>) {
        match self {
            Atom::Lit(s) => {
                project_into(s, out);
            }
            Atom::Initial(k) => out.extend_from_slice(&slot(*k)),
            Atom::Syllable { lv, .. } => {
                let k = compose_syllable(*lv, 0)
                    .and_then(initial_index)
                    .unwrap_or(0);
                out.extend_from_slice(&slot(k));
            }
        }
    }
}

/// Syllables with block `lv` and a final in `finals`, split into atoms whose members share
/// their first two UTF-8 bytes (28 consecutive code points span at most two 64-code-point
/// blocks), so each can anchor a needle.
pub(super) fn syllable_atoms(lv: u32, finals: u32) -> Vec<Atom> {
    let mut groups: Vec<(u32, u32)> = Vec::with_capacity(2);
    for t in (0..28).filter(|t| finals & (1 << t) != 0) {
        let Some(c) = compose_syllable(lv, t) else {
            continue;
        };
        let block = c as u32 >> 6;
        match groups.iter_mut().find(|g| g.0 == block) {
            Some(g) => g.1 |= 1 << t,
            None => groups.push((block, 1 << t)),
        }
    }
    groups
        .into_iter()
        .map(|(_, finals)| Atom::Syllable { lv, finals })
        .collect()
}

#[derive(Debug, Clone)]
pub(super) struct BytePattern {
    atoms: Vec<Atom>,
    pub(super) len: usize,
    /// Search the projection (`true`) or the folded text for `needle`.
    in_projection: bool,
    /// Byte offset of the needle from the start of the pattern.
    offset: usize,
    needle: Finder<'static>,
    /// `needle` with ASCII case ignored, for a text needle with ASCII letters: searches a
    /// body that may hold capitals (see [`Hay::caseless`]).
    caseless_needle: Option<AhoCorasick>,
    /// For a projection pattern, its needle in a compact projection (see [`Compact`]).
    compact_needle: Option<Finder<'static>>,
    /// Signature keys any match contains (see [`Signatures`]).
    pub(super) grams: Grams,
}

impl BytePattern {
    pub(super) fn new(atoms: Vec<Atom>) -> Option<BytePattern> {
        let atoms = merge_atoms(atoms);
        if atoms.is_empty() {
            return None;
        }
        let len = atoms.iter().map(Atom::len).sum();
        // The longest run of known folded bytes is the most selective needle, unless it is
        // short and jamo are involved: then the whole pattern's projection is better.
        let mut best: (usize, Vec<u8>) = (0, Vec::new());
        let mut run: (usize, Vec<u8>) = (0, Vec::new());
        let mut offset = 0;
        for atom in &atoms {
            let (bytes, complete) = atom.known_prefix();
            if run.1.is_empty() {
                run.0 = offset;
            }
            run.1.extend_from_slice(&bytes);
            if !complete {
                if run.1.len() > best.1.len() {
                    best = std::mem::take(&mut run);
                }
                run.1.clear();
            }
            offset += atom.len();
        }
        if run.1.len() > best.1.len() {
            best = run;
        }
        let has_initial = atoms.iter().any(|a| matches!(a, Atom::Initial(_)));
        let caseless = |bytes: &[u8]| {
            // One short literal pattern always builds; were it not to, capitals would
            // not match, nothing worse.
            bytes
                .iter()
                .any(u8::is_ascii_alphabetic)
                .then(|| {
                    AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .build([bytes])
                        .ok()
                })
                .flatten()
        };
        let (in_projection, offset, needle) =
            if best.1.len() >= 3 || (!has_initial && !best.1.is_empty()) {
                (false, best.0, Finder::new(&best.1).into_owned())
            } else {
                let mut needle = Vec::with_capacity(len);
                for atom in &atoms {
                    atom.project(&mut needle);
                }
                let finder =
                    FinderBuilder::new().build_forward_with_ranker_owned(ProjectionRank, needle);
                (true, 0, finder)
            };
        let compact_needle = in_projection.then(|| {
            let mut needle = Vec::with_capacity(len);
            for atom in &atoms {
                atom.compact(&mut needle);
            }
            FinderBuilder::new().build_forward_with_ranker_owned(ProjectionRank, needle)
        });
        let grams = Grams::new(&atoms);
        let caseless_needle = if in_projection {
            None
        } else {
            caseless(needle.needle())
        };
        Some(BytePattern {
            atoms,
            len,
            in_projection,
            offset,
            needle,
            caseless_needle,
            compact_needle,
            grams,
        })
    }

    fn verify(&self, hay: Hay<'_>, start: usize) -> bool {
        let mut p = start;
        for atom in &self.atoms {
            match atom {
                Atom::Lit(s) => {
                    let Some(text) = hay.folded.get(p..p + s.len()) else {
                        return false;
                    };
                    let same = if hay.caseless {
                        text.eq_ignore_ascii_case(s.as_bytes())
                    } else {
                        text == s.as_bytes()
                    };
                    if !same {
                        return false;
                    }
                }
                Atom::Initial(k) => {
                    // Check the haystack the needle was found in: its bytes are in cache,
                    // while the other one at the same offset would be a cache miss.
                    let ok = match hay.proj {
                        Proj::Full(proj) if self.in_projection => {
                            proj.get(p..p + 3) == Some(&slot(*k)[..])
                        }
                        _ => {
                            hay.folded
                                .get(p..p + 3)
                                .and_then(decode3)
                                .and_then(initial_index)
                                == Some(*k)
                        }
                    };
                    if !ok {
                        return false;
                    }
                }
                Atom::Syllable { lv, finals } => {
                    let Some(c) = hay.folded.get(p..p + 3).and_then(decode3) else {
                        return false;
                    };
                    match syllable_parts(c) {
                        Some((l, t)) if l == *lv && finals & (1 << t) != 0 => {}
                        _ => return false,
                    }
                }
            }
            p += atom.len();
        }
        true
    }

    /// The first match starting at or after `from` and ending at or before `to`.
    pub(super) fn find(&self, hay: Hay<'_>, from: usize, to: usize) -> Option<Range<usize>> {
        let bytes = match hay.proj {
            Proj::Full(proj) if self.in_projection => proj,
            Proj::Compact(compact) if self.in_projection => {
                return self.find_compact(hay, compact, from, to);
            }
            _ => hay.folded,
        };
        let caseless = match &self.caseless_needle {
            Some(needle) if hay.caseless && !self.in_projection => Some(needle),
            _ => None,
        };
        let mut pos = from + self.offset;
        while pos < to {
            let window = bytes.get(pos..to)?;
            let found = match caseless {
                Some(needle) => needle.find(window).map(|m| m.start()),
                None => self.needle.find(window),
            };
            let hit = pos + found?;
            let start = hit - self.offset;
            if start + self.len <= to && self.verify(hay, start) {
                return Some(start..start + self.len);
            }
            pos = hit + 1;
        }
        None
    }
}

impl BytePattern {
    /// [`BytePattern::find`] in a compact projection: candidates found there are mapped to
    /// the folded text and verified. Every match maps onto the compact needle character by
    /// character, and the mapping keeps order, so the first verified candidate is the first
    /// match, as in the full projection.
    fn find_compact(
        &self,
        hay: Hay<'_>,
        compact: Compact<'_>,
        from: usize,
        to: usize,
    ) -> Option<Range<usize>> {
        let needle = self.compact_needle.as_ref()?;
        let bytes = compact.bytes();
        let mut pos = compact.to_compact(hay.folded, from);
        let end = compact.upper_bound(to).min(bytes.len());
        let mut to_folded = ToFolded::new(compact, hay.folded, from);
        while pos < end {
            let hit = pos + needle.find(bytes.get(pos..end)?)?;
            let start = to_folded.map(hit);
            if start + self.len > to {
                // Candidates only move on from here.
                return None;
            }
            if start >= from && self.verify(hay, start) {
                return Some(start..start + self.len);
            }
            pos = hit + 1;
        }
        None
    }
}

/// needles are as long as possible.
fn merge_atoms(atoms: Vec<Atom>) -> Vec<Atom> {
    let mut out: Vec<Atom> = Vec::with_capacity(atoms.len());
    for atom in atoms {
        let atom = match atom {
            Atom::Syllable { lv, finals } if finals.count_ones() == 1 => {
                match compose_syllable(lv, finals.trailing_zeros()) {
                    Some(c) => Atom::Lit(c.to_string()),
                    None => continue,
                }
            }
            other => other,
        };
        match (out.last_mut(), atom) {
            (Some(Atom::Lit(prev)), Atom::Lit(s)) => prev.push_str(&s),
            (_, atom) => out.push(atom),
        }
    }
    out
}

pub(super) fn char_atom(c: char) -> Atom {
    match initial_index(c) {
        Some(k) if is_initial_consonant(c) => Atom::Initial(k),
        _ => Atom::Lit(c.to_string()),
    }
}
