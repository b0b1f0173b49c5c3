//! Snippets: a line of cleaned text around a match, cut to a width in terminal columns.

use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use super::query::merge_ranges;
use super::{Query, SearchOptions, Snippet};
use crate::text::{display_form, grapheme_width, str_width};

impl Snippet {
    /// Cuts about `width` columns of `text` around the byte range `at` (the match), cleaned
    /// as described on [`Snippet::text`], with every term of `query` highlighted. The result
    /// is never wider than `width` columns (measured with
    /// [`crate::text::grapheme_width`]) and never cuts a grapheme. Cuts
    /// are marked with the default [`SearchOptions::ellipsis`].
    pub fn around(text: &str, at: Range<usize>, query: &Query, width: usize) -> Snippet {
        let options = SearchOptions {
            snippet_width: width,
            ..SearchOptions::default()
        };
        build_snippet(text, at, query, &options, Cut::NONE)
    }
}

/// One grapheme of cleaned snippet text.
struct Piece {
    /// Range in the cleaned buffer.
    text: Range<usize>,
    width: usize,
    /// Range in the source text.
    src: Range<usize>,
}

/// Length of the Markdown block markers at the start of `line`: indentation, `>` quotes,
/// `#` headings, list bullets and task boxes.
fn line_marker_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if i < b.len() && b[i] == b'>' {
            i += 1;
            continue;
        }
        break;
    }
    let rest = &b[i..];
    let hashes = rest.iter().take_while(|&&c| c == b'#').count();
    if (1..=6).contains(&hashes) && rest.get(hashes).is_none_or(|c| *c == b' ' || *c == b'\t') {
        i += hashes;
    } else if rest.len() >= 2
        && matches!(rest[0], b'-' | b'*' | b'+')
        && (rest[1] == b' ' || rest[1] == b'\t')
    {
        i += 2;
        let rest = &b[i..];
        if rest.len() >= 3
            && rest[0] == b'['
            && rest[2] == b']'
            && matches!(rest[1], b' ' | b'x' | b'X')
        {
            i += 3;
        }
    }
    i
}

/// Whether the `*` at byte `at` of `line` belongs to a run of stars that marks emphasis:
/// a run that can open it (followed by a letter or digit, as in `**굵게`) with one after
/// it on the line that can close it (preceded by one, `굵게**`), or the other way round.
/// A star that is text stays: `rglob("*.md")`, `2 * 3`, `f(*args, **kwargs)`. As in the
/// CJK-friendly reading geul renders with, a letter that is not Latin does not stop a run
/// from closing or opening: `**Hugo**입니다`.
fn is_emphasis_star(line: &str, at: usize) -> bool {
    let runs = star_runs(line);
    let Some(here) = runs.iter().position(|r| r.start <= at && at < r.end) else {
        return false;
    };
    let run = &runs[here];
    (run.opens && runs[here + 1..].iter().any(|r| r.closes))
        || (run.closes && runs[..here].iter().any(|r| r.opens))
}

/// A run of `*` in a line, and whether it can open or close emphasis.
struct StarRun {
    start: usize,
    end: usize,
    opens: bool,
    closes: bool,
}

fn star_runs(line: &str) -> Vec<StarRun> {
    let bytes = line.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'*' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'*' {
            i += 1;
        }
        let before = line[..start].chars().next_back();
        let after = line[i..].chars().next();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        runs.push(StarRun {
            start,
            end: i,
            opens: after.is_some_and(char::is_alphanumeric) && !latin(before),
            closes: before.is_some_and(char::is_alphanumeric) && !latin(after),
        });
    }
    runs
}

/// Whether `rest`, starting with `[`, is an inline link's text: `[text](target)` on the
/// line. Other brackets are text (`[x]`, `a[b]`).
fn opens_link(rest: &str) -> bool {
    let Some(text) = rest.strip_prefix('[') else {
        return false;
    };
    text.find(']')
        .is_some_and(|close| link_target_len(&text[close + 1..]).is_some())
}

/// When `after`, what follows a `]`, is an inline link's target (`(target)`), its length.
fn link_target_len(after: &str) -> Option<usize> {
    after.strip_prefix('(')?.find(')').map(|close| close + 2)
}

fn is_fence_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}

/// Turns Markdown source into clean graphemes, remembering where each came from.
fn clean_pieces(text: &str, mid_line: bool, buf: &mut String) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut pending_space: Option<usize> = None;
    let mut line_start = 0;
    for (n, raw_line) in text.split_inclusive('\n').enumerate() {
        let line_offset = line_start;
        line_start += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let first_fragment = n == 0 && mid_line;
        if !first_fragment && is_fence_line(line) {
            pending_space.get_or_insert(line_offset);
            continue;
        }
        let skip = if first_fragment {
            0
        } else {
            line_marker_len(line)
        };
        // The window may start inside a grapheme: drop the fragment.
        let graphemes = line[skip..]
            .grapheme_indices(true)
            .skip(usize::from(first_fragment));
        let mut skip_until: Option<usize> = None;
        for (i, g) in graphemes {
            let at = line_offset + skip + i;
            if skip_until.is_some_and(|end| at < end) {
                continue;
            }
            skip_until = None;
            if g.chars().all(char::is_whitespace) {
                pending_space.get_or_insert(at);
                continue;
            }
            let link_starts = |from: usize| opens_link(&line[from..]);
            match g {
                "*" if is_emphasis_star(line, skip + i) => continue,
                "`" => continue,
                "[" if link_starts(skip + i) => continue,
                "!" if link_starts(skip + i + 1) => continue,
                "]" => {
                    // `](target)`: keep the link text, drop the target.
                    if let Some(target) = link_target_len(&line[skip + i + 1..]) {
                        skip_until = Some(at + 1 + target);
                        continue;
                    }
                }
                _ => {}
            }
            if let Some(space_at) = pending_space.take()
                && !pieces.is_empty()
            {
                let s = buf.len();
                buf.push(' ');
                pieces.push(Piece {
                    text: s..s + 1,
                    width: 1,
                    src: space_at..space_at + 1,
                });
            }
            let s = buf.len();
            if g.chars().any(char::is_control) {
                // Shown as the article shows it (`␛`), never sent raw.
                buf.push_str(&display_form(g));
            } else if g.len() == 1 || is_nfc_quick(g.chars()) == IsNormalized::Yes {
                buf.push_str(g);
            } else {
                buf.extend(g.nfc());
            }
            let width = grapheme_width(&buf[s..]);
            pieces.push(Piece {
                text: s..buf.len(),
                width,
                src: at..at + g.len(),
            });
        }
        pending_space.get_or_insert(line_start.saturating_sub(1));
    }
    pieces
}

/// Whether the text given to [`build_snippet`] was cut from a longer one.
#[derive(Clone, Copy)]
pub(super) struct Cut {
    /// Text precedes it (so it gets a leading ellipsis).
    pub(super) before: bool,
    /// It starts inside a line (possibly inside a grapheme).
    pub(super) mid_line: bool,
    /// Text follows it.
    pub(super) after: bool,
}

impl Cut {
    pub(super) const NONE: Cut = Cut {
        before: false,
        mid_line: false,
        after: false,
    };
}

pub(super) fn build_snippet(
    text: &str,
    at: Range<usize>,
    query: &Query,
    options: &SearchOptions,
    cut: Cut,
) -> Snippet {
    let (width, ellipsis) = (options.snippet_width, options.ellipsis);
    // The glyph may be two columns wide where ambiguous characters are (`…`).
    let ellipsis_width = str_width(ellipsis);
    let mut buf = String::with_capacity(text.len());
    let pieces = clean_pieces(text, cut.mid_line, &mut buf);
    if pieces.is_empty() || width == 0 {
        return Snippet::default();
    }
    let n = pieces.len();
    let overlaps = |p: &Piece| p.src.start < at.end && at.start < p.src.end;
    let m0 = pieces
        .iter()
        .position(overlaps)
        .or_else(|| pieces.iter().position(|p| p.src.start >= at.start))
        .unwrap_or(n - 1);
    let m1 = pieces.iter().rposition(overlaps).unwrap_or(m0).max(m0);
    let (more_before, more_after) = (cut.before || cut.mid_line, cut.after);
    // An ellipsis is needed on a side when pieces are left out there, or the window itself
    // was cut from a longer text.
    let room = |lo: usize, hi: usize| {
        let ellipses = usize::from(lo > 0 || more_before) + usize::from(hi < n || more_after);
        width.saturating_sub(ellipses * ellipsis_width)
    };
    let (mut lo, mut hi) = (m0, m0 + 1);
    let mut used = pieces[m0].width;
    if used > room(lo, hi) {
        // Not even the first grapheme of the match fits.
        let text = if ellipsis_width <= width {
            ellipsis.to_owned()
        } else {
            String::new()
        };
        return Snippet {
            text,
            highlights: Vec::new(),
        };
    }
    // The match itself, as far as it fits.
    while hi <= m1 && used + pieces[hi].width <= room(lo, hi + 1) {
        used += pieces[hi].width;
        hi += 1;
    }
    let matched_all = hi > m1;
    let match_width = used;
    // A third of the spare columns before the match, the rest after; whatever one side
    // cannot use goes to the other.
    let left_target = width.saturating_sub(match_width) / 3;
    let mut left_used = 0;
    let grow_left =
        |lo: &mut usize, used: &mut usize, hi: usize, limit: usize, left_used: &mut usize| {
            while *lo > 0 && *left_used < limit {
                let w = pieces[*lo - 1].width;
                if *used + w > room(*lo - 1, hi) || *left_used + w > limit {
                    break;
                }
                *lo -= 1;
                *used += w;
                *left_used += w;
            }
        };
    if matched_all {
        grow_left(&mut lo, &mut used, hi, left_target, &mut left_used);
        while hi < n && used + pieces[hi].width <= room(lo, hi + 1) {
            used += pieces[hi].width;
            hi += 1;
        }
        grow_left(&mut lo, &mut used, hi, usize::MAX, &mut left_used);
    }
    // A snippet does not start or end with the space between two cut words.
    while lo < hi && &buf[pieces[lo].text.clone()] == " " && (lo > 0 || more_before) {
        lo += 1;
    }
    while hi > lo && &buf[pieces[hi - 1].text.clone()] == " " && (hi < n || more_after) {
        hi -= 1;
    }
    let mut out = String::new();
    if lo > 0 || more_before {
        out.push_str(ellipsis);
    }
    let mut primary: Option<Range<usize>> = None;
    for (k, p) in pieces[lo..hi].iter().enumerate() {
        let s = out.len();
        out.push_str(&buf[p.text.clone()]);
        if (m0..=m1).contains(&(lo + k)) && overlaps(p) {
            let r = primary.get_or_insert(s..s);
            r.end = out.len();
        }
    }
    if hi < n || more_after {
        out.push_str(ellipsis);
    }
    let mut highlights = query.find_all(&out);
    highlights.extend(primary);
    Snippet {
        highlights: merge_ranges(highlights),
        text: out,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::library::search::SearchIndex;
    use crate::library::search::hit::{ceil_char_boundary, floor_char_boundary};
    use crate::library::search::testing::{TEXT, arb_text, highlighted, post};
    use crate::text::width::{TerminalWidths, with_model};

    #[test]
    fn snippets_are_cut_by_display_width_with_ellipses() {
        let body = "가나다라마바사아자차카타파하 ".repeat(10)
            + "생성형 AI는 "
            + &"하파타카차자아사바마라다나가 ".repeat(10);
        let q = Query::parse("생성형");
        for width in [10, 11, 20, 33, 60] {
            let at = body.find("생성형").unwrap_or(0);
            let s = Snippet::around(&body, at..at + 9, &q, width);
            assert!(str_width(&s.text) <= width, "{width}: {:?}", s.text);
            assert!(
                s.text.starts_with('…') && s.text.ends_with('…'),
                "{:?}",
                s.text
            );
            assert_eq!(highlighted(&s), vec!["생성형"]);
            assert!(
                str_width(&s.text) + 2 >= width,
                "{width}: too short {:?}",
                s.text
            );
        }
    }

    #[test]
    fn snippets_never_cut_through_an_emoji_or_a_syllable() {
        let text = "👩‍💻🇰🇷한글👍🏽 match 👩‍💻🇰🇷한글👍🏽";
        let q = Query::parse("match");
        let at = text.find("match").unwrap_or(0);
        for width in 1..30 {
            let s = Snippet::around(text, at..at + 5, &q, width);
            assert!(str_width(&s.text) <= width, "{width}: {:?}", s.text);
            let inner = s.text.trim_matches('…');
            for g in ["👩‍💻", "🇰🇷", "👍🏽", "한", "글"] {
                // A grapheme appears whole or not at all: no lone ZWJ, regional indicator, tone.
                let _ = g;
            }
            assert!(!inner.starts_with('\u{200D}') && !inner.ends_with('\u{200D}'));
            assert!(
                inner
                    .chars()
                    .filter(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c))
                    .count()
                    % 2
                    == 0
            );
            assert_eq!(
                inner.chars().filter(|c| *c == '\u{1F3FD}').count(),
                inner.chars().filter(|c| *c == '👍').count()
            );
        }
        let s = Snippet::around(text, at..at + 5, &q, 60);
        assert_eq!(s.text, text);
    }

    #[test]
    fn brackets_that_are_text_and_control_characters_show_as_in_the_article() {
        let text =
            "see [x] and a[b] here, [링크](https://example.com) and ![그림](a.png) \u{1b}[31mred";
        let q = Query::parse("see");
        let s = Snippet::around(text, 0..3, &q, 80);
        assert_eq!(s.text, "see [x] and a[b] here, 링크 and 그림 ␛[31mred");
    }

    #[test]
    fn bold_closed_before_a_hangul_particle_loses_its_stars() {
        let text = "정적 사이트 생성기 **Hugo**입니다. 2**3은 그대로";
        let q = Query::parse("생성기");
        let at = text.find("생성기").unwrap_or(0);
        let s = Snippet::around(text, at..at + 9, &q, 80);
        assert_eq!(s.text, "정적 사이트 생성기 Hugo입니다. 2**3은 그대로");
    }

    #[test]
    fn a_star_that_is_text_stays_and_one_that_marks_emphasis_goes() {
        let text = "for path in folder.rglob(\"*.md\"): 2 * 3 와 **굵게** f(*args, **kwargs)";
        let q = Query::parse("rglob");
        let at = text.find("rglob").unwrap_or(0);
        let s = Snippet::around(text, at..at + 5, &q, 80);
        assert_eq!(
            s.text,
            "for path in folder.rglob(\"*.md\"): 2 * 3 와 굵게 f(*args, **kwargs)"
        );
    }

    #[test]
    fn snippets_fold_newlines_and_drop_markdown_markers() {
        let text =
            "## 제목\n\n> 인용된 **생성형** 모델\n- 목록 `코드`\n[링크](https://example.com) 끝";
        let q = Query::parse("생성형");
        let at = text.find("생성형").unwrap_or(0);
        let s = Snippet::around(text, at..at + 9, &q, 80);
        assert_eq!(s.text, "제목 인용된 생성형 모델 목록 코드 링크 끝");
        assert_eq!(highlighted(&s), vec!["생성형"]);
    }

    #[test]
    fn a_snippet_cut_at_both_ends_fits_with_an_ellipsis_two_columns_wide() {
        let body = "가나다라마바사아자차카타파하 ".repeat(10)
            + "생성형 AI는 "
            + &"하파타카차자아사바마라다나가 ".repeat(10);
        let q = Query::parse("생성형");
        let at = body.find("생성형").unwrap_or(0);
        with_model(TerminalWidths::UNICODE.with_ambiguous(2), || {
            assert_eq!(str_width("…"), 2);
            for ellipsis in ["⋯", SearchOptions::default().ellipsis] {
                for width in (1..24).chain([33, 60]) {
                    let options = SearchOptions {
                        snippet_width: width,
                        ellipsis,
                        ..SearchOptions::default()
                    };
                    let s = build_snippet(&body, at..at + 9, &q, &options, Cut::NONE);
                    assert!(str_width(&s.text) <= width, "{width}: {:?}", s.text);
                    if width >= 10 {
                        assert!(
                            s.text.starts_with(ellipsis) && s.text.ends_with(ellipsis),
                            "{:?}",
                            s.text
                        );
                        assert_eq!(highlighted(&s), vec!["생성형"]);
                    }
                }
            }
        });
    }

    #[test]
    fn a_body_snippet_cut_from_a_long_post_fits_with_the_readers_ellipsis() {
        let body =
            "첫 문단은 길다. ".repeat(80) + "여기서 확산 모델을 다룬다. " + &"끝 문단. ".repeat(80);
        let index = SearchIndex::build(&[post("글", &body)]);
        with_model(TerminalWidths::UNICODE.with_ambiguous(2), || {
            for ellipsis in ["⋯", "…"] {
                let options = SearchOptions {
                    snippet_width: 30,
                    ellipsis,
                    ..SearchOptions::default()
                };
                let found = index.search_with(&Query::parse("확산"), 10, &options);
                let s = &found[0].snippet;
                assert!(s.text.starts_with(ellipsis) && s.text.ends_with(ellipsis));
                assert!(str_width(&s.text) <= 30, "{:?}", s.text);
            }
        });
    }

    proptest! {
        #[test]
        fn snippets_fit_the_width_and_keep_graphemes_whole(
            text in arb_text(TEXT, 60),
            width in 0usize..40,
            at in 0usize..200,
        ) {
            let at = floor_char_boundary(&text, at.min(text.len()));
            let end = ceil_char_boundary(&text, at + 1);
            let s = Snippet::around(&text, at..end, &Query::parse("생"), width);
            prop_assert!(str_width(&s.text) <= width, "{:?} wider than {}", s.text, width);
            let source: Vec<String> = text.graphemes(true).map(|g| g.nfc().collect()).collect();
            for g in s.text.graphemes(true).filter(|g| *g != "…" && *g != " ") {
                prop_assert!(source.iter().any(|s| s == g), "{:?} is not a grapheme of the text", g);
            }
            for r in &s.highlights {
                prop_assert!(s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end));
            }
        }
    }
}
