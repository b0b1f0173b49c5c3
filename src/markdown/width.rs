//! The one width model every layout decision goes through.
//!
//! Terminals disagree about how far the cursor moves for some sequences (emoji with VS16,
//! keycaps, East Asian ambiguous characters, ZWJ sequences, skin tones, flags). The buffer
//! ratatui keeps and the wrapper geul runs must agree with the terminal, or cells go stale.
//! geul therefore (1) learns the terminal's advances once at start-up (see
//! `tui::probe`), (2) rewrites each grapheme into a *display form* both sides agree on
//! (dropping VS16 where the terminal draws the base narrow, a keycap as its digit, ...), and
//! (3) measures every grapheme with [`grapheme_width`], which the cell writer also uses.
//!
//! Control characters never reach the terminal: they become visible control pictures.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;
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

/// The form in which `grapheme` is drawn under the installed model.
pub fn display_form(grapheme: &str) -> Cow<'_, str> {
    display_form_in(grapheme, model())
}

/// Columns `grapheme` (already in display form) takes under the installed model.
pub fn grapheme_width(grapheme: &str) -> usize {
    grapheme_width_in(grapheme, model())
}

/// Columns of a whole string in display form: the sum of its graphemes.
pub fn str_width(text: &str) -> usize {
    let m = model();
    text.graphemes(true).map(|g| grapheme_width_in(g, m)).sum()
}

/// Rewrites every grapheme of `text` into its display form (borrowing when nothing changes).
pub fn display_text(text: &str) -> Cow<'_, str> {
    let m = model();
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_control()) {
        return Cow::Borrowed(text);
    }
    let mut changed = false;
    let mut out = String::with_capacity(text.len());
    for g in text.graphemes(true) {
        let form = display_form_in(g, m);
        changed |= matches!(form, Cow::Owned(_));
        out.push_str(&form);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Truncates `text` (display form) to at most `max` columns, ending with the glyph set's
/// ellipsis (`…`) when cut.
/// Never cuts through a grapheme.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if str_width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let ellipsis = crate::glyphs::Glyphs::current().ellipsis;
    let room = max.saturating_sub(str_width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
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

fn is_keycap(g: &str) -> bool {
    g.ends_with('\u{20E3}')
}

fn is_flag(g: &str) -> bool {
    let mut n = 0;
    for c in g.chars() {
        if !('\u{1F1E6}'..='\u{1F1FF}').contains(&c) {
            return false;
        }
        n += 1;
    }
    n == 2
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// A visible stand-in for a control character, so no byte of a post can drive the terminal.
fn control_picture(c: char) -> char {
    match c {
        '\t' => ' ',
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// [`display_form`] under an explicit model (pure; used by tests).
pub fn display_form_in(g: &str, m: TerminalWidths) -> Cow<'_, str> {
    if g.len() == 1 {
        let c = g.as_bytes()[0] as char;
        if c.is_ascii_control() {
            return Cow::Owned(control_picture(c).to_string());
        }
        return Cow::Borrowed(g);
    }
    if g.chars().any(is_dangerous) {
        // Bidi overrides and C1 controls are dropped/replaced: they could reorder or
        // drive the terminal.
        let cleaned: String = g
            .chars()
            .filter_map(|c| {
                if c.is_control() {
                    Some(control_picture(c))
                } else if is_dangerous(c) {
                    None
                } else {
                    Some(c)
                }
            })
            .collect();
        return Cow::Owned(cleaned);
    }
    if is_keycap(g) {
        if m.keycap == 2 {
            return Cow::Borrowed(g);
        }
        return Cow::Owned(g.chars().take(1).collect());
    }
    if is_flag(g) {
        if m.flag == 2 && m.regional_indicator == 2 {
            return Cow::Borrowed(g);
        }
        // Regional indicators map to their ASCII letters: 🇰🇷 reads as "KR".
        let letters: String = g
            .chars()
            .map(|c| char::from_u32(c as u32 - 0x1F1E6 + 'A' as u32).unwrap_or('?'))
            .collect();
        return Cow::Owned(letters);
    }
    if g.contains('\u{200D}') && m.zwj != 2 {
        let first = g.split('\u{200D}').next().unwrap_or(g);
        return display_form_in(first, m).into_owned().into();
    }
    if g.chars().any(is_skin_tone) && m.skin_tone != 2 {
        let base: String = g.chars().filter(|c| !is_skin_tone(*c)).collect();
        return Cow::Owned(base);
    }
    if g.contains('\u{FE0F}') && m.emoji_vs16 != 2 {
        let base: String = g.chars().filter(|c| *c != '\u{FE0F}').collect();
        return Cow::Owned(base);
    }
    Cow::Borrowed(g)
}

/// [`grapheme_width`] under an explicit model (pure; used by tests).
pub fn grapheme_width_in(g: &str, m: TerminalWidths) -> usize {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        if c.is_ascii() {
            return usize::from(!c.is_ascii_control());
        }
        let narrow = c.width().unwrap_or(0);
        if m.ambiguous == 2 && c.width_cjk().unwrap_or(0) == 2 && narrow == 1 {
            return 2;
        }
        return narrow;
    }
    g.width()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMUX: TerminalWidths = TerminalWidths {
        emoji_vs16: 1,
        keycap: 1,
        ambiguous: 1,
        zwj: 4,
        skin_tone: 4,
        flag: 2,
        regional_indicator: 1,
    };

    #[test]
    fn hangul_syllables_are_two_columns_wide() {
        assert_eq!(grapheme_width_in("한", TerminalWidths::UNICODE), 2);
        assert_eq!(str_width("생성형 AI"), 9);
    }

    #[test]
    fn a_terminal_that_draws_vs16_emoji_narrow_gets_the_bare_symbol() {
        let form = display_form_in("\u{26A0}\u{FE0F}", TMUX);
        assert_eq!(form, "\u{26A0}");
        assert_eq!(grapheme_width_in(&form, TMUX), 1);
    }

    #[test]
    fn a_keycap_becomes_its_digit_where_the_terminal_draws_it_narrow() {
        assert_eq!(display_form_in("1\u{FE0F}\u{20E3}", TMUX), "1");
        assert_eq!(
            display_form_in("1\u{FE0F}\u{20E3}", TerminalWidths::UNICODE),
            "1\u{FE0F}\u{20E3}"
        );
    }

    #[test]
    fn a_flag_becomes_letters_where_the_terminal_keeps_its_halves_apart() {
        assert_eq!(display_form_in("\u{1F1F0}\u{1F1F7}", TMUX), "KR");
        assert_eq!(
            display_form_in("\u{1F1F0}\u{1F1F7}", TerminalWidths::UNICODE),
            "\u{1F1F0}\u{1F1F7}"
        );
    }

    #[test]
    fn skin_tones_and_zwj_sequences_fall_back_to_their_base_emoji() {
        assert_eq!(display_form_in("\u{1F44D}\u{1F3FD}", TMUX), "\u{1F44D}");
        assert_eq!(
            display_form_in("\u{1F469}\u{200D}\u{1F4BB}", TMUX),
            "\u{1F469}"
        );
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
    fn control_characters_become_visible_pictures() {
        assert_eq!(display_text("a\u{1b}[2Jb\u{7}"), "a\u{241B}[2Jb\u{2407}");
        assert_eq!(
            display_form_in("\u{9b}", TerminalWidths::UNICODE),
            "\u{FFFD}"
        );
    }

    #[test]
    fn truncation_adds_an_ellipsis_and_never_splits_a_syllable() {
        assert_eq!(truncate("생성형 AI란", 6), "생성…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
