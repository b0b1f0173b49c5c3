//! Bit-sliced Bloom filters of character pairs, which rule out most bodies a pattern
//! cannot be in before any scan.

use super::bodies::Bodies;
use super::pattern::Atom;
use crate::library::parallel::parallel_fill;
use crate::text::hangul::{compose_syllable, initial_consonant, is_initial_consonant};

/// Key of a character (`b == '\0'`) or of two adjacent characters in a [`Signatures`]
/// filter.
fn gram_key(a: char, b: char) -> u64 {
    let x = (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b));
    let h = (x ^ (x >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 32)
}

/// The initial consonant of `c` as a compatibility jamo (`생` → `ㅅ`, `ㅅ` → `ㅅ`).
fn initial_jamo(c: char) -> Option<char> {
    initial_consonant(c).or_else(|| is_initial_consonant(c).then_some(c))
}

/// Signature keys a match of a pattern certainly contains, per filter of [`Signatures`].
#[derive(Debug, Clone, Default)]
pub(super) struct Grams {
    /// Keys of known characters and pairs of them.
    exact: Vec<u64>,
    /// Keys where one or both characters are known only by their initial consonant.
    initials: Vec<u64>,
}

impl Grams {
    pub(super) fn new(atoms: &[Atom]) -> Grams {
        // A few keys reject almost every post that lacks the pattern.
        const MAX: usize = 4;
        #[derive(Clone, Copy)]
        enum Unit {
            Exact(char),
            Initial(char),
        }
        let jamo = |lv: u32| compose_syllable(lv, 0).and_then(initial_jamo);
        let mut units: Vec<Unit> = Vec::new();
        for atom in atoms {
            match atom {
                Atom::Lit(s) => units.extend(s.chars().map(Unit::Exact)),
                Atom::Initial(k) => units.extend(jamo(u32::from(*k) * 21).map(Unit::Initial)),
                Atom::Syllable { lv, .. } => units.extend(jamo(*lv).map(Unit::Initial)),
            }
        }
        let mut grams = Grams::default();
        match units.as_slice() {
            [] => {}
            [Unit::Exact(c)] => grams.exact.push(gram_key(*c, '\0')),
            [Unit::Initial(j)] => grams.initials.push(gram_key(*j, '\0')),
            _ => {
                for w in units.windows(2) {
                    match (w[0], w[1]) {
                        (Unit::Exact(a), Unit::Exact(b)) => grams.exact.push(gram_key(a, b)),
                        (Unit::Exact(a) | Unit::Initial(a), Unit::Exact(b) | Unit::Initial(b)) => {
                            grams.initials.push(gram_key(a, b));
                        }
                    }
                }
            }
        }
        grams.exact.truncate(MAX);
        grams.initials.truncate(MAX);
        grams
    }
}

/// Bloom filters of post bodies, bit-sliced: a post's filter has a bit for every character
/// and every pair of adjacent non-space characters (`exact`), and for the same pairs with
/// one or both characters replaced by their initial consonant (`initials`, for 초성 and
/// half-typed patterns; kept apart so neither fills up). All posts' filters have the same
/// size and are stored transposed, 64 posts at a time: for each block of 64 posts and each
/// filter bit, one word holding that bit of the 64 filters. So the posts that may contain a
/// pattern are the AND of a few words per block: a kilobyte or two per search, instead of
/// a cache miss per post. Scanning skips every other post, above all those a rare
/// alternative of a term would scan to the end. There are no false negatives: the filters
/// are built from the folded text the patterns search.
#[derive(Debug, Clone, Default)]
pub(super) struct Signatures {
    /// Per block of 64 posts, `bits` words of the `exact` filters, then `bits` words of the
    /// `initials` filters. Blocks are contiguous, so each thread building them fills its
    /// own slice of this one buffer, with no copy to assemble.
    words: Vec<u64>,
    /// Filter size in bits (a power of two).
    bits: usize,
}

/// Transposes a 64×64 bit matrix: bit `j` of `a[i]` moves to bit `i` of `a[j]`.
fn transpose64(a: &mut [u64; 64]) {
    let mut width = 32;
    let mut mask: u64 = 0x0000_0000_FFFF_FFFF;
    while width != 0 {
        let mut k = 0;
        while k < 64 {
            let t = ((a[k] >> width) ^ a[k + width]) & mask;
            a[k] ^= t << width;
            a[k + width] ^= t;
            k = (k + width + 1) & !width;
        }
        width >>= 1;
        mask ^= mask << width;
    }
}

impl Signatures {
    /// Filter bits for posts of `typical_len` bytes: about 1 bit per 2 bytes, so for
    /// Korean prose (a key or two per 3-byte syllable) about a third of the bits end up
    /// set and the four keys of a pattern still reject most posts that lack them. Twice
    /// that cost 5 MB more on 10,000 posts for searches hardly faster. Much longer posts
    /// fill up and are simply scanned. At most 2 KB per post and filter.
    fn bits_for(typical_len: usize) -> usize {
        (typical_len / 2).next_power_of_two().clamp(1024, 1 << 14)
    }

    /// Builds the filters of every post in `body`, on all cores.
    pub(super) fn build(body: &Bodies) -> Signatures {
        let posts = body.len();
        let mut lens: Vec<usize> = (0..posts).map(|i| body.text(i).0.len()).collect();
        lens.sort_unstable();
        let bits = Self::bits_for(lens.get(posts / 2).copied().unwrap_or(0));
        drop(lens);
        let block_words = 2 * bits;
        let mut words = vec![0u64; posts.div_ceil(64) * block_words];
        parallel_fill(&mut words, block_words, 64, |first_block, blocks| {
            Self::build_blocks(body, first_block, blocks, bits);
        });
        Signatures { words, bits }
    }

    /// Fills `blocks` (whole blocks, the first being block `first_block`) with the filters
    /// of their posts.
    fn build_blocks(body: &Bodies, first_block: usize, blocks: &mut [u64], bits: usize) {
        let posts = body.len();
        let filter_words = bits / 64;
        // 64 posts' filters at a time, then transposed into the block 64 bits at a time.
        let mut block_exact = vec![0u64; 64 * filter_words];
        let mut block_initials = vec![0u64; 64 * filter_words];
        for (b, out) in blocks.chunks_mut(2 * bits).enumerate() {
            let first = (first_block + b) * 64;
            block_exact.fill(0);
            block_initials.fill(0);
            for (d, post) in (first..posts.min(first + 64)).enumerate() {
                let e = &mut block_exact[d * filter_words..(d + 1) * filter_words];
                let i = &mut block_initials[d * filter_words..(d + 1) * filter_words];
                Self::fill(body.text(post).0, bits - 1, e, i);
            }
            let (out_exact, out_initials) = out.split_at_mut(bits);
            for (filters, rows) in [(&block_exact, out_exact), (&block_initials, out_initials)] {
                let mut m = [0u64; 64];
                for w in 0..filter_words {
                    for (d, word) in m.iter_mut().enumerate() {
                        *word = filters[d * filter_words + w];
                    }
                    transpose64(&mut m);
                    rows[w * 64..(w + 1) * 64].copy_from_slice(&m);
                }
            }
        }
    }

    /// Sets the bits of one post's filters, from the text search reads.
    fn fill(folded: &str, mask: usize, exact: &mut [u64], initials: &mut [u64]) {
        let set = |words: &mut [u64], key: u64| {
            let bit = key as usize & mask;
            words[bit / 64] |= 1 << (bit % 64);
        };
        let mut prev: Option<(char, Option<char>)> = None;
        for c in folded.chars() {
            // A body searched in place may hold ASCII capitals; its folded form would not.
            let c = c.to_ascii_lowercase();
            if c.is_whitespace() {
                prev = None;
                continue;
            }
            let i = initial_jamo(c);
            set(exact, gram_key(c, '\0'));
            if let Some(i) = i {
                set(initials, gram_key(i, '\0'));
            }
            if let Some((p, pi)) = prev {
                set(exact, gram_key(p, c));
                // The pair with either or both characters known only by their initial.
                if let Some(i) = i {
                    set(initials, gram_key(p, i));
                }
                if let Some(pi) = pi {
                    set(initials, gram_key(pi, c));
                    if let Some(i) = i {
                        set(initials, gram_key(pi, i));
                    }
                }
            }
            prev = Some((c, i));
        }
    }

    /// A bitmap over posts of those whose body may contain a match with these keys, or
    /// `None` when the keys rule nothing out.
    pub(super) fn candidates(&self, grams: &Grams) -> Option<Vec<u64>> {
        let mask = self.bits.checked_sub(1)?;
        // Offsets of the keys' words within a block.
        let offsets: Vec<usize> = grams
            .exact
            .iter()
            .map(|&k| k as usize & mask)
            .chain(
                grams
                    .initials
                    .iter()
                    .map(|&k| self.bits + (k as usize & mask)),
            )
            .collect();
        if offsets.is_empty() {
            return None;
        }
        let out = self
            .words
            .chunks_exact(2 * self.bits)
            .map(|block| offsets.iter().fold(!0, |all, &at| all & block[at]))
            .collect();
        Some(out)
    }

    pub(super) fn bytes(&self) -> usize {
        self.words.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Post;
    use crate::library::search::testing::{hits, post};
    use crate::library::search::{Query, SearchIndex};

    #[test]
    fn a_bit_matrix_transposes() {
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let mut m = [0u64; 64];
        for w in m.iter_mut() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            *w = rng;
        }
        let original = m;
        transpose64(&mut m);
        for (i, row) in original.iter().enumerate() {
            for (j, col) in m.iter().enumerate() {
                assert_eq!(row >> j & 1, col >> i & 1, "bit {i},{j}");
            }
        }
    }

    #[test]
    fn signatures_rule_out_posts_without_a_pattern_and_keep_those_with_it() {
        let mut posts: Vec<Post> = (0..130)
            .map(|i| post(&i.to_string(), "평범한 본문 내용"))
            .collect();
        posts[3].body = "생성형 모델".into();
        posts[100].body = "생성하는 방법".into();
        let index = SearchIndex::build(&posts);
        let candidates = |q: &str| {
            let query = Query::parse_finished(q);
            let bitmap = index
                .signatures
                .candidates(&query.terms[0].patterns[0].grams);
            bitmap.map(|b| {
                (0..posts.len())
                    .filter(|&i| b[i / 64] >> (i % 64) & 1 == 1)
                    .count()
            })
        };
        // Bloom filters may let a stray post through, never drop one that matches.
        assert!(candidates("생성형").is_some_and(|n| (1..10).contains(&n)));
        assert!(candidates("생성ㅎ").is_some_and(|n| (2..10).contains(&n)));
        // Both undated: ordered by path, "100.md" before "3.md".
        assert_eq!(hits(&posts, "생성ㅎ"), vec![100, 3]);
    }
}
