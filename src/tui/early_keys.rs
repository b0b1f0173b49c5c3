//! Keys typed while geul asks the terminal for its widths at start-up. The probe reads
//! the terminal's answers straight from stdin, so a key pressed meanwhile (a quick `q`, a
//! `j` typed ahead) arrives among them; it is taken out, decoded here and handled as soon
//! as the reader starts, instead of being lost.
//!
//! Only what a person types ahead is decoded: printable characters (UTF-8, so a syllable
//! from an input method too), Enter, Tab, Backspace, Esc, Ctrl with a letter, and the
//! arrow, Home, End and page keys. Anything else is dropped.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The keys in `bytes` (stdin as read during the probe, cursor reports removed), in order.
pub fn decode(bytes: &[u8]) -> Vec<KeyEvent> {
    let text = String::from_utf8_lossy(bytes);
    let mut keys = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let key = match c {
            '\x1b' => match chars.peek() {
                Some('[') | Some('O') => {
                    chars.next();
                    let mut sequence = String::new();
                    while let Some(&next) = chars.peek() {
                        chars.next();
                        sequence.push(next);
                        if next.is_ascii_alphabetic() || next == '~' {
                            break;
                        }
                    }
                    escape_sequence(&sequence).map(plain)
                }
                _ => Some(plain(KeyCode::Esc)),
            },
            '\r' | '\n' => Some(plain(KeyCode::Enter)),
            '\t' => Some(plain(KeyCode::Tab)),
            '\x7f' | '\x08' => Some(plain(KeyCode::Backspace)),
            '\x01'..='\x1a' => {
                let letter = char::from(b'a' + (c as u8 - 1));
                Some(KeyEvent::new(KeyCode::Char(letter), KeyModifiers::CONTROL))
            }
            c if c.is_control() || c == char::REPLACEMENT_CHARACTER => None,
            c if c.is_uppercase() => Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)),
            c => Some(plain(KeyCode::Char(c))),
        };
        keys.extend(key);
    }
    keys
}

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The key of a CSI or SS3 sequence after its `[` or `O`.
fn escape_sequence(sequence: &str) -> Option<KeyCode> {
    Some(match sequence {
        "A" => KeyCode::Up,
        "B" => KeyCode::Down,
        "C" => KeyCode::Right,
        "D" => KeyCode::Left,
        "H" | "1~" | "7~" => KeyCode::Home,
        "F" | "4~" | "8~" => KeyCode::End,
        "5~" => KeyCode::PageUp,
        "6~" => KeyCode::PageDown,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(bytes: &[u8]) -> Vec<KeyCode> {
        decode(bytes).into_iter().map(|k| k.code).collect()
    }

    #[test]
    fn letters_typed_ahead_are_kept_in_order() {
        assert_eq!(
            codes(b"jjq"),
            [KeyCode::Char('j'), KeyCode::Char('j'), KeyCode::Char('q')]
        );
    }

    #[test]
    fn a_syllable_from_an_input_method_is_one_key() {
        assert_eq!(
            codes("ㅓ한".as_bytes()),
            [KeyCode::Char('ㅓ'), KeyCode::Char('한')]
        );
    }

    #[test]
    fn control_keys_and_arrows_are_decoded() {
        assert_eq!(
            codes(b"\x1b[B\x1bOA\x1b[6~\r\x7f\t"),
            [
                KeyCode::Down,
                KeyCode::Up,
                KeyCode::PageDown,
                KeyCode::Enter,
                KeyCode::Backspace,
                KeyCode::Tab
            ]
        );
        let ctrl_c = decode(b"\x03");
        assert_eq!(ctrl_c[0].code, KeyCode::Char('c'));
        assert!(ctrl_c[0].modifiers.contains(KeyModifiers::CONTROL));
    }

    #[test]
    fn a_lone_escape_is_esc_and_unknown_sequences_are_dropped() {
        assert_eq!(codes(b"\x1b"), [KeyCode::Esc]);
        assert_eq!(codes(b"\x1b[200~x"), [KeyCode::Char('x')]);
    }

    #[test]
    fn a_capital_letter_comes_with_shift() {
        let keys = decode(b"G");
        assert_eq!(keys[0].code, KeyCode::Char('G'));
        assert!(keys[0].modifiers.contains(KeyModifiers::SHIFT));
    }
}
