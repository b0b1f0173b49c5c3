//! How pictures reach this terminal: the kitty graphics protocol, sixel, iTerm2's inline
//! images, or Unicode half blocks, which every colour terminal shows.
//!
//! The terminal is asked at start-up, in the same batch as the width probe and within its
//! deadline ([`query`]; the questions are ratatui-image's: a kitty graphics query, the
//! device attributes, which list sixel, and the cell size in pixels, ended by a status
//! request every terminal answers). [`choose`] then picks a protocol from the config, the
//! answers and the environment. Inside tmux, half blocks are used unless the config names
//! a protocol: tmux passes graphics through only when `allow-passthrough` is on, and
//! pictures it does not know of are left on the screen when its panes redraw.

use ratatui_image::picker::ProtocolType;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};

use super::encoder::{Encoder, HALF_BLOCK_CELL};
use crate::config::Images;

/// What the terminal answered about graphics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GraphicsAnswers {
    /// It answered the kitty graphics query.
    pub kitty: bool,
    /// Its device attributes list sixel graphics.
    pub sixel: bool,
    /// Its cell size in pixels (width, height).
    pub cell: Option<(u16, u16)>,
    /// It is kitty older than 0.28, by its XTVERSION answer: it has the graphics protocol
    /// but not the Unicode placeholders ratatui-image places pictures with (it would show
    /// boxes), so pictures are placed directly (see [`super::kitty`]).
    pub old_kitty: bool,
    /// It answered the closing status request: every answer before it is in.
    pub complete: bool,
}

/// The questions, to send after the width probe's (not wrapped for tmux: inside tmux half
/// blocks are used anyway): the terminal's name and version (XTVERSION), then
/// ratatui-image's.
pub fn query() -> String {
    format!(
        "\x1b[>0q{}",
        Parser::query(false, QueryStdioOptions::default())
    )
}

/// Whether an XTVERSION answer in `bytes` names kitty older than 0.28.
fn is_old_kitty(bytes: &[u8]) -> bool {
    let Some(start) = memchr::memmem::find(bytes, b"\x1bP>|") else {
        return false;
    };
    let rest = &bytes[start + 4..];
    let end = memchr::memmem::find(rest, b"\x1b\\").unwrap_or(rest.len());
    let name = String::from_utf8_lossy(&rest[..end]);
    let Some(version) = name
        .strip_prefix("kitty(")
        .and_then(|v| v.split(')').next())
    else {
        return false;
    };
    let mut numbers = version.split('.').map(|n| n.parse::<u32>().unwrap_or(0));
    let (major, minor) = (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0));
    (major, minor) < (0, 28)
}

/// The answers found in `bytes` (what the terminal sent back, keys typed meanwhile too).
pub fn answers(bytes: &[u8]) -> GraphicsAnswers {
    let mut parser = Parser::new();
    let mut found = GraphicsAnswers {
        old_kitty: is_old_kitty(bytes),
        ..GraphicsAnswers::default()
    };
    for &byte in bytes {
        for response in parser.push(char::from(byte)) {
            match response {
                Response::Kitty => found.kitty = true,
                Response::Sixel => found.sixel = true,
                Response::CellSize(Some((w, h))) => found.cell = Some((w, h)),
                Response::Status => found.complete = true,
                _ => {}
            }
        }
    }
    found
}

/// `bytes` without the answers to [`query`] (a kitty `ESC _ G … ESC \`, device attributes
/// `ESC [ ? … c`, a cell size `ESC [ 6 ; … t`, the status `ESC [ 0 n`): what is left was
/// typed.
pub fn without_answers(bytes: &[u8]) -> Vec<u8> {
    let mut left = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match answer_at(&bytes[i..]) {
            Some(len) => i += len,
            None => {
                left.push(bytes[i]);
                i += 1;
            }
        }
    }
    left
}

/// The length of the answer to [`query`] at the start of `bytes`, if one is there.
fn answer_at(bytes: &[u8]) -> Option<usize> {
    if let Some(body) = bytes.strip_prefix(b"\x1b_G") {
        let end = body.windows(2).position(|w| w == b"\x1b\\")?;
        return Some(3 + end + 2);
    }
    if let Some(body) = bytes.strip_prefix(b"\x1bP>|") {
        let end = body.windows(2).position(|w| w == b"\x1b\\")?;
        return Some(4 + end + 2);
    }
    let body = bytes.strip_prefix(b"\x1b[")?;
    if let Some(rest) = body.strip_prefix(b"?") {
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))?;
        return (rest[end] == b'c').then_some(3 + end + 1);
    }
    if body.starts_with(b"0n") {
        return Some(4);
    }
    if body.starts_with(b"6;") {
        let end = body
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))?;
        return (body[end] == b't').then_some(2 + end + 1);
    }
    None
}

/// Where geul runs, as far as choosing a protocol goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surroundings {
    /// Inside tmux (`TMUX` set, or `TERM` naming it).
    pub tmux: bool,
    /// A terminal known to speak iTerm2's protocol (`TERM_PROGRAM`, `LC_TERMINAL`).
    pub iterm2: bool,
    /// A terminal known to draw kitty and sixel pictures badly (WezTerm, Konsole).
    pub no_kitty_or_sixel: bool,
}

impl Surroundings {
    /// Read from the environment.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        let term_program = var("TERM_PROGRAM");
        Surroundings {
            tmux: !var("TMUX").is_empty() || var("TERM").starts_with("tmux"),
            iterm2: ["iTerm", "WezTerm", "mintty", "vscode", "rio"]
                .iter()
                .any(|name| term_program.contains(name))
                || var("LC_TERMINAL").contains("iTerm"),
            no_kitty_or_sixel: !var("WEZTERM_EXECUTABLE").is_empty()
                || !var("KONSOLE_VERSION").is_empty(),
        }
    }
}

/// Whether the terminal must be asked about graphics to choose for `images`: not when the
/// choice is made already (off, half blocks), nor for `auto` inside tmux, which draws half
/// blocks; there the questions would only do harm (tmux takes the kitty query, an APC
/// string, for the pane's title).
pub fn needs_answers(images: Images, around: &Surroundings) -> bool {
    match images {
        Images::Off | Images::Halfblocks => false,
        Images::Auto => !around.tmux,
        Images::Kitty | Images::Sixel | Images::Iterm2 => true,
    }
}

/// The protocol `images` asks for, given what the terminal answered and where geul runs;
/// `None` for no pictures.
pub fn choose_protocol(
    images: Images,
    answers: Option<&GraphicsAnswers>,
    around: &Surroundings,
) -> Option<ProtocolType> {
    let cell = answers.and_then(|a| a.cell);
    Some(match images {
        Images::Off => return None,
        Images::Halfblocks => ProtocolType::Halfblocks,
        Images::Kitty => ProtocolType::Kitty,
        Images::Sixel => ProtocolType::Sixel,
        Images::Iterm2 => ProtocolType::Iterm2,
        // Without the cell size, a graphics protocol cannot know how many cells a
        // picture takes.
        Images::Auto if around.tmux || cell.is_none() => ProtocolType::Halfblocks,
        Images::Auto => {
            let answers = answers.copied().unwrap_or_default();
            if answers.kitty && !around.no_kitty_or_sixel {
                ProtocolType::Kitty
            } else if answers.sixel && !around.no_kitty_or_sixel {
                ProtocolType::Sixel
            } else if around.iterm2 {
                ProtocolType::Iterm2
            } else {
                ProtocolType::Halfblocks
            }
        }
    })
}

/// The encoder for `images` (see [`choose_protocol`]); half blocks use ratatui-image's
/// nominal 10 × 20 pixel cell, graphics protocols the cell size the terminal gave (that
/// nominal one when it gave none and the protocol was named anyway).
pub fn choose(
    images: Images,
    answers: Option<&GraphicsAnswers>,
    around: &Surroundings,
) -> Option<Encoder> {
    let protocol = choose_protocol(images, answers, around)?;
    let cell = answers.and_then(|a| a.cell).unwrap_or(HALF_BLOCK_CELL);
    Some(Encoder::new(protocol, cell))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_tmux_auto_asks_no_graphics_question_and_a_named_protocol_still_does() {
        let tmux = Surroundings {
            tmux: true,
            ..Surroundings::default()
        };
        let plain = Surroundings::default();
        assert!(!needs_answers(Images::Auto, &tmux));
        assert!(needs_answers(Images::Auto, &plain));
        assert!(needs_answers(Images::Kitty, &tmux));
        assert!(!needs_answers(Images::Halfblocks, &plain));
        assert!(!needs_answers(Images::Off, &plain));
    }

    const KITTY_REPLY: &[u8] = b"\x1b_Gi=31;OK\x1b\\\x1b[?62;22;52c\x1b[6;18;9t\x1b[0n";

    #[test]
    fn the_answers_of_a_kitty_terminal_are_read() {
        let found = answers(KITTY_REPLY);
        assert_eq!(
            found,
            GraphicsAnswers {
                kitty: true,
                sixel: false,
                cell: Some((9, 18)),
                old_kitty: false,
                complete: true
            }
        );
        let sixel = answers(b"\x1b[?62;4;22c\x1b[0n");
        assert!(sixel.sixel && !sixel.kitty && sixel.cell.is_none());
    }

    #[test]
    fn a_kitty_without_unicode_placeholders_is_told_apart() {
        let mut old = b"\x1bP>|kitty(0.26.5)\x1b\\".to_vec();
        old.extend_from_slice(KITTY_REPLY);
        let answers_of_old = answers(&old);
        assert!(answers_of_old.kitty && answers_of_old.old_kitty);
        assert_eq!(
            choose_protocol(
                Images::Auto,
                Some(&answers_of_old),
                &Surroundings::default()
            ),
            Some(ProtocolType::Kitty)
        );
        let mut new = b"\x1bP>|kitty(0.35.2)\x1b\\".to_vec();
        new.extend_from_slice(KITTY_REPLY);
        assert!(!answers(&new).old_kitty);
        assert_eq!(without_answers(&new), b"");
    }

    #[test]
    fn keys_typed_among_the_answers_are_kept() {
        let mut bytes = b"q".to_vec();
        bytes.extend_from_slice(KITTY_REPLY);
        bytes.extend_from_slice(b"\x1b[Bj");
        assert_eq!(without_answers(&bytes), b"q\x1b[Bj");
    }

    #[test]
    fn auto_picks_what_the_terminal_said_and_half_blocks_in_tmux() {
        let kitty = answers(KITTY_REPLY);
        let plain = Surroundings::default();
        assert_eq!(
            choose_protocol(Images::Auto, Some(&kitty), &plain),
            Some(ProtocolType::Kitty)
        );
        let tmux = Surroundings {
            tmux: true,
            ..Surroundings::default()
        };
        assert_eq!(
            choose_protocol(Images::Auto, Some(&kitty), &tmux),
            Some(ProtocolType::Halfblocks)
        );
        assert_eq!(
            choose_protocol(Images::Kitty, Some(&kitty), &tmux),
            Some(ProtocolType::Kitty),
            "asked for by name, it is used"
        );
        assert_eq!(
            choose_protocol(Images::Auto, None, &plain),
            Some(ProtocolType::Halfblocks)
        );
        assert_eq!(choose_protocol(Images::Off, Some(&kitty), &plain), None);
        let sixel = answers(b"\x1b[?62;4c\x1b[6;20;10t\x1b[0n");
        assert_eq!(
            choose_protocol(Images::Auto, Some(&sixel), &plain),
            Some(ProtocolType::Sixel)
        );
    }
}
