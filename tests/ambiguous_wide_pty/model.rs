//! The terminal model itself, checked: wide characters, cursor reports, tears, split
//! escape sequences, and the same screen as vt100 when ambiguous characters are narrow.

use super::*;

/// A `cols` x `rows` model fed `bytes`.
pub(crate) fn model(cols: u16, rows: u16, ambiguous_wide: bool, bytes: &[u8]) -> CjkTerminal {
    let mut terminal = CjkTerminal::new(cols, rows, ambiguous_wide);
    terminal.feed(bytes);
    terminal
}

#[test]
pub(crate) fn a_wide_ambiguous_character_takes_two_columns() {
    let wide = model(10, 2, true, "a·b“c”".as_bytes());
    assert_eq!(
        wide.row_cells(0)[..8],
        ["a", "·", "", "b", "“", "", "c", "”"]
    );
    assert_eq!(wide.row_text(0).trim_end(), "a·b“c”");
    assert_eq!(wide.cursor(), (9, 0));

    let narrow = model(10, 2, false, "a·b“c”".as_bytes());
    assert_eq!(narrow.row_cells(0)[..6], ["a", "·", "b", "“", "c", "”"]);
    assert_eq!(narrow.cursor(), (6, 0));

    // Hangul is wide, ASCII narrow, in both; a combining mark joins its letter.
    for ambiguous_wide in [false, true] {
        let t = model(10, 2, ambiguous_wide, "한e\u{301}x".as_bytes());
        assert_eq!(t.row_cells(0)[..4], ["한", "", "e\u{301}", "x"]);
        assert_eq!(t.cursor(), (4, 0));
    }
}

#[test]
pub(crate) fn a_cursor_request_is_answered_with_the_position_after_what_was_printed() {
    let mut wide = model(20, 5, true, "\x1b[3;1H·\x1b[6n".as_bytes());
    assert_eq!(wide.take_answers(), b"\x1b[3;3R");
    assert!(wide.take_answers().is_empty(), "an answer is taken once");
    let mut narrow = model(20, 5, false, "\x1b[3;1H·\x1b[6n한\x1b[6n".as_bytes());
    assert_eq!(narrow.take_answers(), b"\x1b[3;2R\x1b[3;4R");

    // geul's probe, as a whole, learns that ambiguous characters are wide.
    let probe = "\x1b[1;1H\u{00B7}\x1b[6n\x1b[1;1H\x1b[2K";
    assert_eq!(
        model(80, 2, true, probe.as_bytes()).take_answers(),
        b"\x1b[1;3R"
    );
}

#[test]
pub(crate) fn printing_past_the_right_edge_counts_as_a_tear() {
    // Filling the last column is not a tear; only printing after it is.
    let mut t = model(4, 3, false, b"abcd");
    assert_eq!((t.tears(), t.cursor()), (0, (3, 0)));
    t.feed(b"e");
    assert_eq!(t.tears(), 1);
    assert_eq!(
        (t.row_text(0), t.row_text(1)),
        ("abcd".into(), "e   ".into())
    );

    // A cursor move after the last column cancels the wrap, as ratatui's frames do.
    let t = model(4, 3, false, b"abcd\x1b[2;1Hx\rabcd\r\n");
    assert_eq!(t.tears(), 0);

    // A wide character that does not fit in the last column moves to the next row.
    let t = model(4, 3, true, "abc·".as_bytes());
    assert_eq!(t.tears(), 1);
    assert_eq!(t.row_cells(1)[..2], ["·", ""]);
    assert_eq!(t.cell(3, 0), " ");
    let t = model(4, 3, false, "abc·".as_bytes());
    assert_eq!(t.tears(), 0);
    assert_eq!(t.tear_notes().len(), 0);
}

#[test]
pub(crate) fn overwriting_half_a_wide_character_blanks_the_other_half() {
    // The second half: the first goes.
    let t = model(6, 1, false, "한글\x1b[1;2Hx".as_bytes());
    assert_eq!(t.row_cells(0), [" ", "x", "글", "", " ", " "]);
    // The first half: the second goes.
    let t = model(6, 1, true, "한·\x1b[1;3Hy".as_bytes());
    assert_eq!(t.row_cells(0), ["한", "", "y", " ", " ", " "]);
    // A wide character over the halves of two others.
    let t = model(6, 1, false, "한글\x1b[1;2H쓰".as_bytes());
    assert_eq!(t.row_cells(0), [" ", "쓰", "", " ", " ", " "]);
    // Erasing from the middle of one.
    let t = model(6, 1, false, "한글\x1b[1;4H\x1b[K".as_bytes());
    assert_eq!(t.row_cells(0), ["한", "", " ", " ", " ", " "]);
}

#[test]
pub(crate) fn an_escape_sequence_split_across_reads_is_understood() {
    let bytes =
        "\x1b]0;title\x07\x1b[?1049h\x1b[2;3H한·\x1b[38;5;12m!\x1b[0m\x1b7\x1b[H\x1b8\x1b[6n"
            .as_bytes();
    let whole = model(10, 3, true, bytes);
    assert_eq!(whole.row_cells(1)[..7], [" ", " ", "한", "", "·", "", "!"]);
    for size in 1..=5 {
        let mut split = CjkTerminal::new(10, 3, true);
        for chunk in bytes.chunks(size) {
            split.feed(chunk);
        }
        assert_eq!(split.contents(), whole.contents(), "in chunks of {size}");
        assert_eq!(split.cursor(), whole.cursor(), "in chunks of {size}");
        assert_eq!(split.take_answers(), b"\x1b[2;8R", "in chunks of {size}");
    }

    // A grapheme cluster split across reads ends up as it would whole.
    for text in [
        "\u{270D}\u{FE0F}x",
        "\u{1F469}\u{200D}\u{1F4BB}x",
        "\u{1F1F0}\u{1F1F7}x",
    ] {
        let whole = model(10, 1, false, text.as_bytes());
        let mut split = CjkTerminal::new(10, 1, false);
        let mut chars = text.chars();
        let first = chars.next().unwrap().to_string();
        split.feed(first.as_bytes());
        split.feed(chars.as_str().as_bytes());
        assert_eq!(split.row_cells(0), whole.row_cells(0), "{text:?}");
        assert_eq!(split.cursor(), whole.cursor(), "{text:?}");
    }
}

#[test]
pub(crate) fn erasing_tabs_and_backspaces_move_and_clear_like_xterm() {
    let t = model(
        20,
        3,
        false,
        b"ab\tc\x08d\r\ne\x1b[1;2H\x1b[1K\x1b[3;5Hz\x1b[2A\x1b[4Cy",
    );
    assert_eq!(t.row_text(0).trim_end(), "        dy");
    assert_eq!(t.row_text(1).trim_end(), "e");
    assert_eq!(t.cell(4, 2), "z");
    assert_eq!(t.cell(8, 0), "d", "BS then d overwrote c");
    let t = model(20, 3, false, b"x\x1b[2;2Hyy\x1b[3;1Hzz\x1b[2;2H\x1b[J");
    assert_eq!(t.contents(), "x\n\n");
    let t = model(20, 3, false, b"x\x1b[2;2Hyy\x1b[3;1Hzz\x1b[2;2H\x1b[1J");
    assert_eq!(t.contents(), "\n  y\nzz");
    let t = model(20, 3, false, b"x\x1b[2;2Hyy\x1b[?1049l");
    assert_eq!(t.contents(), "\n\n");
}

/// The cells of a vt100 screen in the model's terms: `""` for the second half of a wide
/// character, `" "` for a blank.
pub(crate) fn vt100_rows(screen: &vt100::Screen) -> Vec<Vec<String>> {
    let (rows, cols) = screen.size();
    (0..rows.get())
        .map(|y| {
            (0..cols.get())
                .map(|x| match screen.cell(y, x) {
                    Some(cell) if cell.is_wide_continuation() => String::new(),
                    Some(cell) if cell.has_contents() => cell.contents().to_string(),
                    _ => " ".to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
pub(crate) fn drawing_ambiguous_characters_narrow_the_model_shows_what_vt100_shows() {
    // geul in a vt100 terminal (which draws ambiguous characters narrow and answers the
    // probe): the start screen, both popups, the cheatsheet's lists, table and code.
    let cheatsheet = reference()
        .targets
        .iter()
        .find(|t| t.path == WALKED[0])
        .expect("the cheatsheet");
    let mut session = PtySession::spawn(&[], COLS, ROWS);
    // The first frame comes before the folder is read: wait for the posts.
    session.wait_for("the first frame with the posts", |text| {
        text.contains("q quit") && !text.contains(" reading ")
    });
    session.settle();
    let mut keys = vec!["?", "\x1b", "#", "\x1b"];
    keys.extend(std::iter::repeat_n("j", cheatsheet.presses));
    keys.extend(["\r", " ", " ", "j", "\x0c", " ", " ", "k", " "]);
    for key in keys {
        let before = session.raw_len();
        session.send(key);
        assert!(
            session.wait_for_output(FRAME_END, before, REACTION),
            "no frame after {key:?}:\n{}",
            session.contents()
        );
    }
    session.settle();
    let raw = session.raw();

    // Replay it frame by frame into vt100 and the narrow model, in uneven reads.
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(ROWS).unwrap(),
        std::num::NonZeroU16::new(COLS).unwrap(),
        0,
    );
    let mut terminal = CjkTerminal::new(COLS, ROWS, false);
    let mut at = 0;
    let mut frames = 0;
    let mut saw_hangul = false;
    let mut saw_table = false;
    while let Some(end) = find_bytes(&raw, FRAME_END, at).map(|i| i + FRAME_END.len()) {
        parser.process(&raw[at..end]);
        let mut chunk = 1;
        let mut from = at;
        while from < end {
            let to = (from + chunk).min(end);
            terminal.feed(&raw[from..to]);
            from = to;
            chunk = chunk % 13 + 1;
        }
        at = end;
        frames += 1;
        let expected = vt100_rows(parser.screen());
        let shown = grid(&terminal);
        let rows = differing_rows(&expected, &shown);
        assert!(
            rows.is_empty(),
            "frame {frames}: the model differs from vt100:\n{}",
            rows.iter()
                .take(6)
                .map(|(y, a, b)| format!("row {y:>2} vt100: |{a}|\n       model: |{b}|"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        saw_hangul |= terminal.contents().contains("프롬프트");
        saw_table |= terminal.contents().contains("난이도");
    }
    assert!(frames > 15, "only {frames} frames recorded");
    assert!(saw_hangul, "no Korean on the screens compared");
    assert!(saw_table, "no table on the screens compared");
    assert_eq!(
        terminal.tears(),
        0,
        "geul never wraps in a terminal whose widths it measured: {:?}",
        terminal.tear_notes()
    );
}
