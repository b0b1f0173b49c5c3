//! Display-safe text for the terminal: paths on one line, messages without control bytes.
//!
//! A path is shown with Rust-style escapes, so it stays on one line and reads back
//! unambiguously: `\n`, `\r`, `\t`, `\xNN` for other ASCII controls and for bytes that are
//! not UTF-8, `\u{NNNN}` for C1 controls and bidi marks, overrides and isolates, and `\\`
//! for a backslash. Everything else, Korean included, is printed as it is.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// Whether a terminal would act on `c`: C0 and C1 controls, DEL, and the bidi marks,
/// embeddings, overrides and isolates that reorder the text around them.
pub fn is_terminal_active(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `path` as one display-safe line (see the module documentation for the escapes).
pub fn display_path(path: &Path) -> String {
    let bytes = path_bytes(path);
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                push_char(&mut out, c);
            }
        }
        for byte in chunk.invalid() {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Cow<'_, [u8]> {
    match path.to_string_lossy() {
        Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
        Cow::Owned(text) => Cow::Owned(text.into_bytes()),
    }
}

/// `text` with every [`is_terminal_active`] character escaped as in paths, newlines
/// included, so a message is one line that cannot drive the terminal. Backslashes are left
/// alone: a message may already hold an escaped path, and escaping is then a no-op.
pub fn safe_message(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_terminal_active) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_char(&mut out, c);
    }
    Cow::Owned(out)
}

/// [`safe_message`] for a message of several lines: each line made safe, the line breaks
/// kept.
pub fn safe_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_terminal_active(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(safe_message).collect();
    Cow::Owned(lines.join("\n"))
}

/// Pushes `c`, escaped when a terminal would act on it.
fn push_char(out: &mut String, c: char) {
    if !is_terminal_active(c) {
        out.push(c);
        return;
    }
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        // Writing to a String cannot fail.
        c if c.is_ascii() => {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_in_a_path_are_shown_not_sent() {
        let path = Path::new("posts/esc\u{1b}[31mred\u{1b}]0;pwn\u{7}.md");
        assert_eq!(display_path(path), r"posts/esc\x1b[31mred\x1b]0;pwn\x07.md");
    }

    #[test]
    fn line_breaks_tabs_c1_controls_and_bidi_overrides_are_escaped() {
        let path = Path::new("a\nb\rc\td\u{9b}e\u{85}f\u{202e}g\u{2066}h\u{200f}\u{7f}.md");
        assert_eq!(
            display_path(path),
            r"a\nb\rc\td\u{9b}e\u{85}f\u{202e}g\u{2066}h\u{200f}\x7f.md"
        );
    }

    #[test]
    fn a_backslash_is_doubled_so_the_escapes_stay_unambiguous() {
        assert_eq!(display_path(Path::new(r"a\x1b.md")), r"a\\x1b.md");
    }

    #[test]
    fn korean_and_other_ordinary_unicode_is_untouched() {
        let path = "posts/여행 & 일상/부산 1박 2일 🚄 “따옴표”.md";
        assert_eq!(display_path(Path::new(path)), path);
    }

    #[cfg(unix)]
    #[test]
    fn bytes_that_are_not_utf8_are_shown_as_hex_escapes() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;

        let path = Path::new(OsStr::from_bytes(b"bad\xff\xfe\xed\x95\x9c.md"));
        assert_eq!(display_path(path), r"bad\xff\xfe한.md");
    }

    #[test]
    fn a_message_loses_its_control_characters_but_keeps_its_backslashes() {
        assert_eq!(
            safe_message("folder not found: a\u{1b}]0;pwn\u{7}\n\\x"),
            r"folder not found: a\x1b]0;pwn\x07\n\x"
        );
        assert!(matches!(safe_message("plain 한글"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaping_a_message_twice_changes_nothing_more() {
        let once = safe_message("a\u{1b}b\u{202e}c").into_owned();
        assert_eq!(safe_message(&once), once);
    }

    #[test]
    fn a_message_of_several_lines_keeps_its_line_breaks() {
        assert_eq!(
            safe_lines("error: 'a\u{1b}b'\n\nUsage: geul"),
            "error: 'a\\x1bb'\n\nUsage: geul"
        );
    }
}
