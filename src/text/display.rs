//! Display forms: each grapheme rewritten into the form the terminal and geul's buffer
//! agree on under the width model (see [`super::width`]).
//!
//! Control characters never reach the terminal: they become visible control pictures, and
//! bidi overrides are dropped, so no byte of a post can drive or reorder the terminal.

use std::borrow::Cow;

use super::graphemes::graphemes;
use super::width::{TerminalWidths, model};

/// The form in which `grapheme` is drawn under the installed model.
pub fn display_form(grapheme: &str) -> Cow<'_, str> {
    display_form_in(grapheme, model())
}

/// Rewrites every grapheme of `text` into its display form (borrowing when nothing changes).
pub fn display_text(text: &str) -> Cow<'_, str> {
    display_text_keeping(text, |_| false)
}

/// [`display_text`], leaving the graphemes `keep` accepts as they are.
///
/// Only the graphemes around a character [`may_change`] looks for are segmented and
/// rewritten: the text between them is the same in display form, and a grapheme boundary
/// found in the whole text is one for the text after it too.
pub fn display_text_keeping(text: &str, keep: impl Fn(&str) -> bool) -> Cow<'_, str> {
    if !may_change(text) {
        return Cow::Borrowed(text);
    }
    let m = model();
    // Nothing is copied until the first grapheme whose form differs; `copied` is how much
    // of `text` is in `out` (or known unchanged, while there is no `out`).
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = next_other_form(text, from) {
        let start = boundary_at_or_before(text, at, from);
        let Some(g) = graphemes(&text[start..]).next() else {
            break;
        };
        let end = start + g.len();
        from = end;
        if keep(g) {
            continue;
        }
        if let Cow::Owned(form) = display_form_in(g, m) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + form.len()));
            out.push_str(&text[copied..start]);
            out.push_str(&form);
            copied = end;
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    }
}

/// The grapheme boundary of `text` at or before byte `at`, but not before `floor` (a
/// boundary already known): where the grapheme holding the character at `at` starts.
fn boundary_at_or_before(text: &str, at: usize, floor: usize) -> usize {
    use unicode_segmentation::GraphemeCursor;
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => at,
        // The whole text is the one chunk given, so no more context can be asked for;
        // should it be, segmenting from `floor` is as exact, only slower.
        _ => match cursor.prev_boundary(text, 0) {
            Ok(Some(start)) => start.max(floor),
            _ => floor,
        },
    }
}

/// Whether [`display_text`] could rewrite anything in `text`: only a grapheme holding a
/// control, a bidi control, a keycap mark, a regional indicator, ZWJ, a skin tone or VS16
/// has a display form other than itself (see [`display_form_in`]). A byte scan, so text
/// with none of them is passed through without segmenting it.
pub fn may_change(text: &str) -> bool {
    next_other_form(text, 0).is_some()
}

/// The byte offset of the first character at or after `from` (a character boundary) that
/// [`has_other_form`], found from the bytes of its UTF-8 form without decoding the text:
/// Korean prose is full of `“`, `·` and emoji whose lead bytes are those of such characters
/// too.
fn next_other_form(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let lead = |b: u8| b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xE2 | 0xEF | 0xF0);
    let mut from = from;
    // A scan for the lead bytes first, 32 bytes at a time where none is (the compiler
    // vectorises a fold without an early exit); the rest of a character only where one is.
    let next_lead = |from: usize| {
        let rest = bytes.get(from..)?;
        rest.chunks(32).enumerate().find_map(|(n, block)| {
            let any = block.iter().fold(false, |any, &b| any | lead(b));
            any.then(|| from + n * 32 + block.iter().position(|&b| lead(b)).unwrap_or(0))
        })
    };
    while let Some(i) = next_lead(from) {
        let other = match bytes[i] {
            // C1 controls, U+0080..U+009F.
            0xC2 => matches!(at(i + 1), 0x80..=0x9F),
            0xE2 => matches!(
                (at(i + 1), at(i + 2)),
                // ZWJ and the bidi marks U+200D..U+200F, embeddings and overrides
                // U+202A..U+202E, isolates U+2066..U+2069, the keycap mark U+20E3.
                (0x80, 0x8D..=0x8F | 0xAA..=0xAE) | (0x81, 0xA6..=0xA9) | (0x83, 0xA3)
            ),
            // VS16, U+FE0F.
            0xEF => at(i + 1) == 0xB8 && at(i + 2) == 0x8F,
            // Regional indicators U+1F1E6..U+1F1FF, skin tones U+1F3FB..U+1F3FF.
            0xF0 => {
                at(i + 1) == 0x9F
                    && matches!(
                        (at(i + 2), at(i + 3)),
                        (0x87, 0xA6..=0xBF) | (0x8F, 0xBB..=0xBF)
                    )
            }
            // ASCII controls.
            _ => true,
        };
        if other {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// A character whose grapheme may be drawn in another form (see [`may_change`]); what
/// [`next_other_form`] finds by its bytes.
#[cfg(test)]
fn has_other_form(c: char) -> bool {
    is_dangerous(c)
        || is_skin_tone(c)
        || matches!(
            c,
            '\u{20E3}' | '\u{200D}' | '\u{FE0F}' | '\u{1F1E6}'..='\u{1F1FF}'
        )
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
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !is_dangerous(c)
        && !matches!(c, '\u{20E3}' | '\u{200D}' | '\u{FE0F}')
        && !is_skin_tone(c)
    {
        // One character that is none of the sequences below is drawn as it is (the
        // common case: a Hangul syllable, CJK, punctuation).
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
        // Without VS16 a ZWJ sequence built on it (`🏳️‍🌈`, `❤️‍🔥`, `🧑‍⚕️`) is no emoji
        // sequence for such a terminal: tmux draws the rest joined into the first
        // component's cells, where Unicode would add their widths up. Its first component
        // alone is drawn alike by both.
        let first = g.split('\u{200D}').next().unwrap_or(g);
        let base: String = first.chars().filter(|c| *c != '\u{FE0F}').collect();
        return Cow::Owned(base);
    }
    Cow::Borrowed(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`display_text`] as it was: every grapheme of the text rewritten.
    fn every_grapheme(text: &str, m: TerminalWidths) -> String {
        graphemes(text).map(|g| display_form_in(g, m)).collect()
    }

    proptest::proptest! {
        #[test]
        fn only_the_graphemes_that_can_change_are_looked_at(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', '1', '#', ' ', '\n', '\r', '\t', '\u{7}', '\u{85}', '가', '·', '“',
                '\u{301}', '\u{20E3}', '\u{200D}', '\u{FE0F}', '\u{1F1F0}', '\u{1F1F7}',
                '\u{1F3FB}', '\u{1F469}', '\u{2764}', '\u{202E}', '\u{1100}', '\u{1161}',
                '\u{11A8}', '\u{600}', '\u{915}', '\u{94D}',
            ]), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            for m in [TerminalWidths::UNICODE, TerminalWidths { zwj: 4, skin_tone: 4,
                emoji_vs16: 1, keycap: 1, regional_indicator: 1, ..TerminalWidths::UNICODE }] {
                let shown = crate::text::width::with_model(m, || display_text(&text).into_owned());
                proptest::prop_assert_eq!(shown, every_grapheme(&text, m));
            }
        }
    }
    use crate::text::width::grapheme_width_in;

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
    fn a_zwj_sequence_with_vs16_is_its_first_component_where_vs16_draws_narrow() {
        // tmux 3.3: ZWJ sequences are joined (👩‍💻 takes 2), VS16 emoji are narrow.
        let joining = TerminalWidths { zwj: 2, ..TMUX };
        for (sequence, first) in [
            ("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "\u{1F3F3}"),
            ("\u{2764}\u{FE0F}\u{200D}\u{1F525}", "\u{2764}"),
            ("\u{1F9D1}\u{200D}\u{2695}\u{FE0F}", "\u{1F9D1}"),
        ] {
            let form = display_form_in(sequence, joining);
            assert_eq!(form, first, "{sequence:?}");
            assert_eq!(
                display_form_in(sequence, TerminalWidths::UNICODE),
                sequence,
                "kept whole where VS16 is drawn wide"
            );
        }
        assert_eq!(
            display_form_in("\u{1F469}\u{200D}\u{1F4BB}", joining),
            "\u{1F469}\u{200D}\u{1F4BB}",
            "a sequence without VS16 stays whole"
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
    fn text_without_a_rewritable_character_is_borrowed_as_it_is() {
        for text in ["생성형 AI “인용” · ─ • …", "e\u{301} 中文 ©", ""] {
            assert!(!may_change(text), "{text:?}");
            assert!(matches!(display_text(text), Cow::Borrowed(_)), "{text:?}");
        }
        for text in [
            "a\tb",
            "\u{85}",
            "\u{202E}x",
            "1\u{FE0F}\u{20E3}",
            "👩\u{200D}💻",
            "👍🏽",
            "🇰🇷",
        ] {
            assert!(may_change(text), "{text:?}");
        }
    }

    #[test]
    fn rewritable_characters_are_found_by_their_bytes_as_by_decoding() {
        let by_chars = |text: &str| text.char_indices().find(|&(_, c)| has_other_form(c));
        let mut samples: Vec<char> = (0..0x2100).filter_map(char::from_u32).collect();
        samples.extend([
            '\u{FE0E}',
            '\u{FE0F}',
            '\u{FF0F}',
            '😀',
            '\u{1F1E5}',
            '🇦',
            '🇿',
        ]);
        samples.extend([
            '\u{1F200}',
            '\u{1F3FA}',
            '🏻',
            '🏿',
            '\u{1F400}',
            '\u{E0001}',
        ]);
        for c in samples {
            let text = format!("가{c}나");
            let found = next_other_form(&text, 0);
            assert_eq!(found, by_chars(&text).map(|(i, _)| i), "{c:?}");
            assert_eq!(may_change(&text), found.is_some(), "{c:?}");
        }
    }

    #[test]
    fn control_characters_become_visible_pictures() {
        assert_eq!(display_text("a\u{1b}[2Jb\u{7}"), "a\u{241B}[2Jb\u{2407}");
        assert_eq!(
            display_form_in("\u{9b}", TerminalWidths::UNICODE),
            "\u{FFFD}"
        );
    }
}
