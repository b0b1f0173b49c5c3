//! JSON that is safe to show in a terminal and still exact.
//!
//! serde_json already writes C0 controls as escapes; this formatter also writes DEL, C1
//! controls (U+0080..U+009F) and the bidi marks, overrides and isolates (U+200E, U+200F,
//! U+202A..U+202E, U+2066..U+2069) as `\uXXXX`. A JSON parser reads them back as the same
//! characters, so the strings stay exact, while `geul list --format json` shown in a
//! terminal cannot recolour it, retitle it or reorder its text.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::text::is_terminal_active;

/// Writes `value` as pretty JSON (two-space indent) and a final newline, with every
/// terminal-active character escaped.
pub fn write_json(out: &mut impl Write, value: &impl Serialize) -> anyhow::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, TerminalSafe::new());
    value.serialize(&mut serializer)?;
    writeln!(out)?;
    Ok(())
}

/// serde_json's pretty printer, with every [`is_terminal_active`] character written as
/// `\uXXXX` (serde_json escapes C0 controls itself before a fragment gets here).
struct TerminalSafe<'a> {
    pretty: PrettyFormatter<'a>,
}

impl TerminalSafe<'_> {
    fn new() -> Self {
        TerminalSafe {
            pretty: PrettyFormatter::new(),
        }
    }
}

/// Whether `fragment` may hold an [`is_terminal_active`] character, by its bytes alone:
/// every such character is C0 (`< 0x20`), DEL (`0x7f`), C1 (U+0080..U+009F, which UTF-8
/// writes as `0xc2 0x80..0x9f`) or a mark in U+200E..U+2069 (written `0xe2 0x80|0x81 ..`).
/// So a fragment with none of those lead bytes (most Korean and ASCII text) is written
/// whole, without looking at each character.
fn may_hold_terminal_active(fragment: &str) -> bool {
    fragment
        .bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
}

impl Formatter for TerminalSafe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !may_hold_terminal_active(fragment) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_terminal_active(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                // Every such character is in the Basic Multilingual Plane: one `\u` escape.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The layout is the pretty printer's.

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: &impl Serialize) -> String {
        let mut out = Vec::new();
        write_json(&mut out, value).expect("writes");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_layout() {
        let value = serde_json::json!([{"path": "a.md", "tags": ["x", "y"], "n": 1}, {}]);
        let mut expected = serde_json::to_string_pretty(&value).expect("serializes");
        expected.push('\n');
        assert_eq!(written(&value), expected);
    }

    #[test]
    fn c1_controls_and_bidi_marks_are_escaped_and_parse_back_exactly() {
        let hostile = "a\u{1b}]0;pwn\u{7}b\u{9b}31m\u{85}\u{202e}evil\u{2066}\u{200f}\u{7f}";
        let text = written(&hostile);
        assert_eq!(
            text,
            "\"a\\u001b]0;pwn\\u0007b\\u009b31m\\u0085\\u202eevil\\u2066\\u200f\\u007f\"\n"
        );
        let back: String = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, hostile);
    }

    #[test]
    fn ordinary_unicode_is_written_as_is() {
        assert_eq!(
            written(&"한국어 글 · “따옴표” 🚄"),
            "\"한국어 글 · “따옴표” 🚄\"\n"
        );
    }

    #[test]
    fn every_terminal_active_character_is_caught_by_the_byte_check() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if is_terminal_active(c) {
                assert!(
                    may_hold_terminal_active(c.encode_utf8(&mut [0; 4])),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn object_keys_are_escaped_too() {
        let value = serde_json::json!({"\u{202e}": 1});
        assert!(!written(&value).contains('\u{202e}'));
    }
}
