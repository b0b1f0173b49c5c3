//! A seeded token soup: punctuation, CJK, variation selectors and delimiters thrown
//! together, reproducibly.

/// Pieces of token soup: Hangul, Latin, digits, ASCII and CJK punctuation, curly quotes,
/// emoji, variation selectors (VS1, VS2, VS15, an ideographic one), a Hangul jamo, code,
/// links, HTML, entities, escapes and every delimiter.
pub(crate) const TOKENS: &[&str] = &[
    "가",
    "나",
    "을",
    "ᄏ",
    "a",
    "b",
    "1",
    "(",
    ")",
    "“",
    "”",
    "’",
    "「",
    "」",
    "。",
    "、",
    "·",
    "：",
    "!",
    ".",
    "＊",
    "〽",
    "😀",
    "\u{FE00}",
    "\u{FE0E}",
    "。\u{FE01}",
    "“\u{FE01}",
    "葛\u{E0100}",
    "`",
    "\\",
    "\\*",
    "\\_",
    "[",
    "](u)",
    "<b>",
    "&amp;",
    " ",
    "\nㅋ",
    "*",
    "**",
    "***",
    "_",
    "__",
    "~~",
    "*",
    "**",
    "_",
];

/// A small deterministic generator (xorshift64), so failures reproduce.
pub(crate) struct Soup(pub(crate) u64);

impl Soup {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One to fourteen tokens after a Hangul letter. Each line starts with a letter so
    /// that no line turns into a list item or thematic break, which the two renderers
    /// draw differently.
    pub(crate) fn sentence(&mut self) -> String {
        let len = 1 + self.below(14);
        std::iter::once("ㅋ")
            .chain((0..len).map(|_| TOKENS[self.below(TOKENS.len())]))
            .collect()
    }
}
