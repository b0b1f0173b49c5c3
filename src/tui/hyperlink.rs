//! OSC 8 hyperlinks: the escape sequences that make a link's text clickable in terminals
//! that support them, with the URL made safe first. A URL comes from a post, so nothing of
//! it may end the sequence early or act on the terminal: every byte that is not printable
//! ASCII (controls, ESC, BEL, DEL, the C1 string terminator, spaces, non-ASCII) is
//! percent-encoded, and only the schemes geul would open are linked at all.

use std::num::NonZeroU16;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use ratatui::buffer::{Buffer, CellDiffOption};
use unicode_width::UnicodeWidthStr;

/// Bytes encoded in a linked URL: controls and DEL (in `CONTROLS`), space, and everything
/// non-ASCII (always encoded by `utf8_percent_encode`).
const UNSAFE: &AsciiSet = &CONTROLS.add(b' ').add(0x7F);

/// The schemes linked: the ones geul opens itself.
const LINKED_SCHEMES: [&str; 3] = ["http:", "https:", "mailto:"];

/// `url` as it may stand inside an OSC 8 sequence, or `None` if it is not a URL geul links.
pub fn safe_uri(url: &str) -> Option<String> {
    let lower = url.get(..7).unwrap_or(url).to_ascii_lowercase();
    if !LINKED_SCHEMES.iter().any(|s| lower.starts_with(s)) {
        return None;
    }
    Some(utf8_percent_encode(url, UNSAFE).to_string())
}

/// The sequence that starts a link to `uri` (already [`safe_uri`]).
pub fn open(uri: &str) -> String {
    format!("\x1b]8;;{uri}\x1b\\")
}

/// The sequence that ends a link.
pub const CLOSE: &str = "\x1b]8;;\x1b\\";

/// Whether a terminal of type `term` (`$TERM`) takes OSC 8 hyperlinks by default: every
/// terminal emulator either links them or skips them as an unknown OSC sequence, but the
/// Linux console and dumb terminals print them.
pub fn terminal_links_them(term: Option<&str>) -> bool {
    !matches!(term, None | Some("" | "dumb" | "linux"))
}

/// Makes `width` columns of row `y` from column `x` a hyperlink to `uri` (already
/// [`safe_uri`]): each cell's symbol is wrapped in the sequences, and keeps its width by
/// force so ratatui's diff still knows how far the cursor moves. Each cell is a link of
/// its own, so a partial redraw never leaves a sequence open; the `id` ties the cells of
/// one link together for terminals that underline a whole link on hover.
pub fn link_cells(buf: &mut Buffer, x: u16, y: u16, width: u16, uri: &str, id: u64) {
    let open = format!("\x1b]8;id=g{id:x};{uri}\x1b\\");
    let end = x.saturating_add(width).min(buf.area.right());
    let mut column = x;
    while column < end {
        let Some(cell) = buf.cell_mut((column, y)) else {
            break;
        };
        let drawn = match cell.diff_option {
            CellDiffOption::ForcedWidth(w) => w.get(),
            _ => u16::try_from(cell.symbol().width()).unwrap_or(1),
        };
        // A cell of width 0 is the covered half of a wide character: not drawn itself.
        let drawn = drawn.max(1);
        if let Some(forced) = NonZeroU16::new(drawn) {
            let symbol = format!("{open}{}{CLOSE}", cell.symbol());
            cell.set_symbol(&symbol);
            cell.diff_option = CellDiffOption::ForcedWidth(forced);
        }
        column = column.saturating_add(drawn);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_url_is_linked_as_it_is() {
        assert_eq!(
            safe_uri("https://example.com/a?b=1#c").as_deref(),
            Some("https://example.com/a?b=1#c")
        );
        assert_eq!(
            open("https://example.com"),
            "\u{1b}]8;;https://example.com\u{1b}\\"
        );
    }

    #[test]
    fn no_control_byte_of_a_url_reaches_the_terminal_inside_the_sequence() {
        let hostile = "https://x.example/\u{1b}]8;;evil\u{7}\u{1b}\\ \u{9c}\u{7f}\r\n끝";
        let uri = safe_uri(hostile).expect("an https URL");
        assert!(
            uri.bytes().all(|b| (0x21..=0x7E).contains(&b)),
            "only printable ASCII is left: {uri:?}"
        );
        let sequence = open(&uri);
        assert_eq!(
            sequence.matches('\u{1b}').count(),
            2,
            "ESC only at the start and end"
        );
        assert!(uri.contains("%1B") && uri.contains("%07") && uri.contains("%EB%81%9D"));
    }

    #[test]
    fn only_schemes_geul_opens_are_linked() {
        assert_eq!(safe_uri("javascript:alert(1)"), None);
        assert_eq!(safe_uri("file:///etc/passwd"), None);
        assert_eq!(safe_uri("../relative.md"), None);
        assert!(safe_uri("MAILTO:me@example.com").is_some());
    }
}
