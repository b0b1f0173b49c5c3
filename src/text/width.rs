//! The one width model every layout decision goes through.
//!
//! Terminals disagree about how far the cursor moves for some sequences (emoji with VS16,
//! keycaps, East Asian ambiguous characters, ZWJ sequences, skin tones, flags). The buffer
//! ratatui keeps and the wrapper geul runs must agree with the terminal, or cells go stale.
//! geul therefore (1) learns the terminal's advances once at start-up (see
//! `tui::probe`), (2) rewrites each grapheme into a *display form* both sides agree on
//! (dropping VS16 where the terminal draws the base narrow, a keycap as its digit, ...; see
//! [`super::display`]), and (3) measures every grapheme with [`grapheme_width`], which the
//! cell writer also uses.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::OnceLock;

use super::graphemes::{graphemes, plain_len};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How many columns the terminal advances the cursor for each kind of sequence that
/// terminals disagree on. [`TerminalWidths::UNICODE`] is what unicode-width 0.2 says, the
/// behaviour of terminals that follow Unicode's emoji presentation rules (kitty, WezTerm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TerminalWidths {
    /// An emoji made wide by VS16, such as `⚠️`.
    pub emoji_vs16: u8,
    /// A keycap such as `1️⃣`.
    pub keycap: u8,
    /// East Asian ambiguous characters such as `·` and `“`.
    pub ambiguous: u8,
    /// A ZWJ sequence such as `👩‍💻`.
    pub zwj: u8,
    /// An emoji with a skin-tone modifier such as `👍🏽`.
    pub skin_tone: u8,
    /// A regional-indicator flag such as `🇰🇷`.
    pub flag: u8,
    /// A lone regional indicator such as `🇰`. A terminal that advances 1 here keeps a
    /// flag's two indicators in two cells of its own grid (tmux does), so overwriting the
    /// first leaves the second on screen; such terminals get the flag as letters.
    pub regional_indicator: u8,
}

impl TerminalWidths {
    /// Unicode's widths, as computed by unicode-width 0.2.
    pub const UNICODE: TerminalWidths = TerminalWidths {
        emoji_vs16: 2,
        keycap: 2,
        ambiguous: 1,
        zwj: 2,
        skin_tone: 2,
        flag: 2,
        regional_indicator: 2,
    };

    /// The sample sequence the start-up probe prints for each field, in field order.
    pub const PROBES: [(&'static str, &'static str); 7] = [
        ("emoji_vs16", "\u{26A0}\u{FE0F}"),
        ("keycap", "1\u{FE0F}\u{20E3}"),
        ("ambiguous", "\u{00B7}"),
        ("zwj", "\u{1F469}\u{200D}\u{1F4BB}"),
        ("skin_tone", "\u{1F44D}\u{1F3FD}"),
        ("flag", "\u{1F1F0}\u{1F1F7}"),
        ("regional_indicator", "\u{1F1F0}"),
    ];

    /// Builds the model from measured advances in [`Self::PROBES`] order; a missing
    /// measurement keeps Unicode's value.
    pub fn from_measurements(advances: [Option<u8>; 7]) -> TerminalWidths {
        let u = Self::UNICODE;
        let pick = |i: usize, d: u8| advances[i].unwrap_or(d);
        TerminalWidths {
            emoji_vs16: pick(0, u.emoji_vs16),
            keycap: pick(1, u.keycap),
            ambiguous: pick(2, u.ambiguous),
            zwj: pick(3, u.zwj),
            skin_tone: pick(4, u.skin_tone),
            flag: pick(5, u.flag),
            regional_indicator: pick(6, u.regional_indicator),
        }
    }
}

impl TerminalWidths {
    /// This model with ambiguous characters `columns` wide (the user's setting wins over
    /// the probe, which cannot see every terminal).
    pub fn with_ambiguous(self, columns: u8) -> TerminalWidths {
        TerminalWidths {
            ambiguous: columns,
            ..self
        }
    }
}

impl Default for TerminalWidths {
    fn default() -> Self {
        Self::UNICODE
    }
}

static MODEL: OnceLock<TerminalWidths> = OnceLock::new();

/// Installs the terminal's measured widths. Call once, before anything is rendered; later
/// calls are ignored so cached layouts stay valid. Returns whether this call installed it.
pub fn install(widths: TerminalWidths) -> bool {
    MODEL.set(widths).is_ok()
}

thread_local! {
    /// A model for this thread only, set by [`with_model`].
    static THREAD_MODEL: Cell<Option<TerminalWidths>> = const { Cell::new(None) };
}

/// The model in force: this thread's (see [`with_model`]), else the installed one, else
/// Unicode's.
pub fn model() -> TerminalWidths {
    THREAD_MODEL
        .with(Cell::get)
        .or_else(|| MODEL.get().copied())
        .unwrap_or_default()
}

/// Runs `f` with `widths` as the model on the current thread only, then restores the
/// previous one. Tests use it to lay out for a terminal other than the process-wide one.
pub fn with_model<R>(widths: TerminalWidths, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<TerminalWidths>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_MODEL.with(|m| m.set(self.0));
        }
    }
    let _restore = Restore(THREAD_MODEL.with(|m| m.replace(Some(widths))));
    f()
}

/// Columns `grapheme` (already in display form) takes under the installed model.
pub fn grapheme_width(grapheme: &str) -> usize {
    grapheme_width_in(grapheme, model())
}

/// Columns of a whole string in display form: the sum of its graphemes.
pub fn str_width(text: &str) -> usize {
    str_width_in(text, model())
}

/// [`str_width`] under an explicit model.
///
/// A *plain* character (printable ASCII, a precomposed syllable, common punctuation; see
/// [`super::graphemes`]) joins nothing after it, and nothing plain or ASCII extends it:
/// those are measured in place, each read once. Anything else is segmented and measured
/// from the start of its cluster, which is where the plain character before it starts,
/// should it have one (a mark or a joiner may extend it).
pub fn str_width_in(text: &str, m: TerminalWidths) -> usize {
    let bytes = text.as_bytes();
    let mut width = 0;
    let mut i = 0;
    // The plain character measured last: where it starts and its width.
    let mut last_plain = None;
    while i < bytes.len() {
        if let Some(len) = plain_len(&bytes[i..]) {
            let w = match len {
                1 => 1,
                // Three bytes from 0xEA are a precomposed syllable among the plain.
                3 if bytes[i] >= 0xEA => 2,
                _ => grapheme_width_in(&text[i..i + len], m),
            };
            width += w;
            last_plain = Some((i, w));
            i += len;
            continue;
        }
        if let Some((start, w)) = last_plain.take() {
            width -= w;
            i = start;
        }
        let Some(g) = graphemes(&text[i..]).next() else {
            break;
        };
        width += grapheme_width_in(g, m);
        i += g.len();
    }
    width
}

/// [`grapheme_width`] under an explicit model (pure; used by tests).
pub fn grapheme_width_in(g: &str, m: TerminalWidths) -> usize {
    if let [b] = g.as_bytes() {
        return usize::from(!b.is_ascii_control());
    }
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            // Precomposed Hangul: wide in every model.
            return 2;
        }
        let narrow = c.width().unwrap_or(0);
        if m.ambiguous == 2 && c.width_cjk().unwrap_or(0) == 2 && narrow == 1 {
            return 2;
        }
        return narrow;
    }
    g.width()
}

/// Truncates `text` (display form) to at most `max` columns, ending with `ellipsis` when
/// cut. Never cuts through a grapheme, and the result, ellipsis included, is never wider
/// than `max` (the ellipsis is dropped when it alone is wider).
pub fn truncate_with<'a>(text: &'a str, max: usize, ellipsis: &str) -> Cow<'a, str> {
    if str_width(text) <= max {
        return Cow::Borrowed(text);
    }
    let ellipsis_width = str_width(ellipsis);
    let (room, ellipsis) = if ellipsis_width <= max {
        (max - ellipsis_width, ellipsis)
    } else {
        (max, "")
    };
    let mut out = String::new();
    let mut used = 0;
    for g in graphemes(text) {
        let w = grapheme_width(g);
        if used + w > room {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push_str(ellipsis);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_string_is_as_wide_as_its_graphemes(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', '1', '#', ' ', '~', '\n', '\r', '\u{7}', '\u{7F}', '가', '힣', '·', '“', '中', '\u{2764}',
                '\u{301}', '\u{20E3}', '\u{200D}', '\u{FE0F}', '\u{1F1F0}', '\u{1F469}',
                '\u{1100}', '\u{1161}', '\u{11A8}', '\u{D7B0}', '\u{600}', '\u{AC00}',
            ]), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            for m in [TerminalWidths::UNICODE, TerminalWidths::UNICODE.with_ambiguous(2)] {
                let each: usize = graphemes(&text).map(|g| grapheme_width_in(g, m)).sum();
                proptest::prop_assert_eq!(str_width_in(&text, m), each);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_as_wide_as_its_graphemes(text in proptest::prelude::any::<String>()) {
            let m = TerminalWidths::UNICODE.with_ambiguous(2);
            let each: usize = graphemes(&text).map(|g| grapheme_width_in(g, m)).sum();
            proptest::prop_assert_eq!(str_width_in(&text, m), each);
        }
    }

    #[test]
    fn hangul_syllables_are_two_columns_wide() {
        assert_eq!(grapheme_width_in("한", TerminalWidths::UNICODE), 2);
        assert_eq!(str_width("생성형 AI"), 9);
    }

    #[test]
    fn ambiguous_characters_are_wide_only_where_the_terminal_says_so() {
        let wide = TerminalWidths {
            ambiguous: 2,
            ..TerminalWidths::UNICODE
        };
        assert_eq!(grapheme_width_in("·", TerminalWidths::UNICODE), 1);
        assert_eq!(grapheme_width_in("·", wide), 2);
        assert_eq!(grapheme_width_in("“", wide), 2);
        assert_eq!(grapheme_width_in("a", wide), 1);
    }

    #[test]
    fn truncation_adds_an_ellipsis_and_never_splits_a_syllable() {
        assert_eq!(truncate_with("생성형 AI란", 6, "…"), "생성…");
        assert_eq!(truncate_with("abc", 3, "…"), "abc");
        assert_eq!(truncate_with("생성형", 1, "…"), "…");
        assert_eq!(truncate_with("생성형", 3, "⋯⋯"), "⋯⋯");
    }
}
