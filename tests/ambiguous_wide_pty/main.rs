//! What a user sees in a terminal that draws East Asian *ambiguous*-width characters (`·`,
//! `“`, `…`, `•`, box drawing, `▌`, `█`) two columns wide, the option many Korean and other
//! CJK users turn on.
//!
//! No such terminal is at hand (tmux and vt100 draw them narrow), so geul runs in a
//! pseudo-terminal whose far end is [`CjkTerminal`], a small terminal model in
//! `tests/common/cjk_terminal.rs` that answers geul's start-up width probe the way such a
//! terminal does. Every check is first made on the same model drawing ambiguous
//! characters narrow (the control: it must pass there), and the model itself is checked
//! against vt100 on geul's own output at the end of this file.

#[path = "../common/mod.rs"]
mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::Duration;

use common::cjk_terminal::{CjkSession, CjkTerminal, FRAME_END, line_up};
use common::{PtySession, find_bytes, list_posts, posts_dir, squash};

const COLS: u16 = 100;
const ROWS: u16 = 30;
/// At most this many `j` steps per post.
const MAX_STEPS: usize = 80;
/// How long to wait for the frame a key causes.
const REACTION: Duration = Duration::from_secs(5);
/// `Ctrl-l` clears the whole screen before its frame.
const CLEAR: &[u8] = b"\x1b[2J";
/// The posts walked line by line: a table, code, quotes and lists; tip boxes.
const WALKED: [&str; 2] = [
    "dev/markdown-cheatsheet-for-bloggers.md",
    "ai/prompt-writing-tips.md",
];
/// The popups checked, by the start and the end of their title.
const HELP: Popup = Popup {
    key: "?",
    title_start: "geul",
    title_end: "keys",
};
const TAGS: Popup = Popup {
    key: "#",
    title_start: "# tags",
    title_end: "tags",
};

mod columns;
mod driving;
mod model;
mod popups;
mod reference;
mod table;
mod walk;

use columns::*;
use driving::*;
use popups::*;
use reference::*;
use walk::*;
