//! Asking the terminal for its background colour (OSC 11), for the `auto` theme.
//!
//! The question goes out with the width probe's (see [`super::probe`]) and its answer,
//! `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or ST (`ESC \`), is picked out of the bytes
//! read within the probe's deadline; keys typed meanwhile are left where they are.
//! crossterm has no such query, and the crates that have one wait for their own answer,
//! a second round trip.

use crate::styled::Background;

/// The question: what is the default background colour? Ended by ST, which xterm repeats
/// in its answer.
pub const QUERY: &str = "\x1b]11;?\x1b\\";

/// How every answer begins.
const ANSWER_START: &[u8] = b"\x1b]11;";

/// The background the answer in `bytes` (all that was read) reports, if one is there.
pub fn found(bytes: &[u8]) -> Option<Background> {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], ANSWER_START) {
        let answer = &bytes[from + at..];
        if let Some((colour, _)) = parse_answer(answer) {
            return Some(Background::of_colour(colour));
        }
        from += at + 1;
    }
    None
}

/// `bytes` without answers to [`QUERY`], complete or cut short by the deadline (no key
/// sends `ESC ] 11 ;`): what is left was typed.
pub fn without_answers(bytes: &[u8]) -> Vec<u8> {
    let mut left = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(rest) = bytes[i..].strip_prefix(ANSWER_START) {
            let len = terminated(rest).map_or(rest.len(), |(_, len)| len);
            i += ANSWER_START.len() + len;
        } else {
            left.push(bytes[i]);
            i += 1;
        }
    }
    left
}

/// The length of the body of the string at the start of `bytes` and its length with its
/// terminator (BEL or ST), if it is terminated.
fn terminated(bytes: &[u8]) -> Option<(usize, usize)> {
    let end = bytes.iter().position(|&b| b == 0x07 || b == 0x1b)?;
    match bytes[end] {
        0x07 => Some((end, end + 1)),
        _ => (bytes.get(end + 1) == Some(&b'\\')).then_some((end, end + 2)),
    }
}

/// The colour an answer at the start of `bytes` reports, each channel from 0.0 to 1.0, and
/// the answer's length; `None` for anything but a complete, well-formed answer. Channels
/// have one to four hex digits each (`rgb:f/f/f` and `rgb:ffff/ffff/ffff` are both white);
/// `rgba:` (rxvt's, with opacity) is read for its colour.
pub fn parse_answer(bytes: &[u8]) -> Option<([f64; 3], usize)> {
    let rest = bytes.strip_prefix(ANSWER_START)?;
    let (body_len, len) = terminated(rest)?;
    let body = std::str::from_utf8(&rest[..body_len]).ok()?;
    let (channels, count) = if let Some(channels) = body.strip_prefix("rgb:") {
        (channels, 3)
    } else if let Some(channels) = body.strip_prefix("rgba:") {
        (channels, 4)
    } else {
        return None;
    };
    let values: Vec<f64> = channels.split('/').map(channel).collect::<Option<_>>()?;
    if values.len() != count {
        return None;
    }
    Some(([values[0], values[1], values[2]], ANSWER_START.len() + len))
}

/// One channel, `h` to `hhhh`, scaled to 0.0..=1.0 by its own number of digits.
fn channel(hex: &str) -> Option<f64> {
    if !(1..=4).contains(&hex.len()) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let value = u16::from_str_radix(hex, 16).ok()?;
    let max = (1u32 << (4 * hex.len())) - 1;
    Some(f64::from(value) / f64::from(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colour(answer: &[u8]) -> Option<[f64; 3]> {
        parse_answer(answer).map(|(colour, _)| colour)
    }

    #[test]
    fn an_answer_ended_by_st_or_bel_gives_its_colour_and_length() {
        let st = b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\";
        assert_eq!(parse_answer(st), Some(([1.0, 1.0, 1.0], st.len())));
        let bel = b"\x1b]11;rgb:0000/0000/0000\x07j";
        assert_eq!(parse_answer(bel), Some(([0.0, 0.0, 0.0], bel.len() - 1)));
    }

    #[test]
    fn channels_of_one_to_four_digits_are_scaled_by_their_own_width() {
        assert_eq!(
            colour(b"\x1b]11;rgb:f/0/8\x07"),
            Some([1.0, 0.0, 8.0 / 15.0])
        );
        assert_eq!(
            colour(b"\x1b]11;rgb:ff/80/00\x07"),
            Some([1.0, 128.0 / 255.0, 0.0])
        );
        assert_eq!(
            colour(b"\x1b]11;rgb:fff/000/fff\x07"),
            Some([1.0, 0.0, 1.0])
        );
        assert_eq!(
            colour(b"\x1b]11;rgba:ffff/ffff/ffff/8000\x1b\\"),
            Some([1.0, 1.0, 1.0])
        );
    }

    #[test]
    fn garbage_and_unfinished_answers_are_refused() {
        for answer in [
            &b"\x1b]11;rgb:ffff/ffff/ffff"[..],
            b"\x1b]11;rgb:ffff/ffff/ffff\x1b",
            b"\x1b]11;rgb:fffff/ffff/ffff\x07",
            b"\x1b]11;rgb:ffff/ffff\x07",
            b"\x1b]11;rgb:ffff/ffff/ffff/ffff\x07",
            b"\x1b]11;rgb:ffff//ffff\x07",
            b"\x1b]11;rgb:gg/00/00\x07",
            b"\x1b]11;rgb:+f/0/0\x07",
            b"\x1b]11;#ffffff\x07",
            b"\x1b]11;?\x07",
            b"\x1b]10;rgb:ffff/ffff/ffff\x07",
        ] {
            assert_eq!(parse_answer(answer), None, "{answer:?}");
        }
    }

    #[test]
    fn a_white_answer_among_other_bytes_is_a_light_background() {
        let bytes = b"\x1b[1;2Rq\x1b]11;garbage\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[1;3R";
        assert_eq!(found(bytes), Some(Background::Light));
        assert_eq!(
            found(b"\x1b]11;rgb:1e1e/1e1e/2e2e\x07"),
            Some(Background::Dark)
        );
        assert_eq!(found(b"\x1b[1;2R"), None);
    }

    #[test]
    fn answers_are_taken_out_and_typed_keys_kept() {
        let bytes = b"j\x1b]11;rgb:ffff/ffff/ffff\x07k\x1b]11;rgb:0/0/0\x1b\\\x1b[Bq";
        assert_eq!(without_answers(bytes), b"jk\x1b[Bq");
        // An answer the deadline cut short is not read as Esc and keys.
        assert_eq!(without_answers(b"q\x1b]11;rgb:ff"), b"q");
    }
}
