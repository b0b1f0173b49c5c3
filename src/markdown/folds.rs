//! `<details>` in a rendered article: the reader shows a details' summary as a line that
//! folds its body away, as a browser does.
//!
//! The library records each details by lines of the body (its summary line and the line
//! it ends on, [`Details`]). A details folds when a top-level block starts on its summary
//! line: its body is then the blocks starting after that line up to its end, and, when the
//! summary's paragraph goes on past its line (the site syntax ends such a summary with a
//! hard break), the rest of that paragraph. A details whose summary is inside a larger
//! block (a list item, the middle of a paragraph) stays open, as text.
//!
//! The article is rendered with the folded bodies left out ([`Folds::place`], as rows
//! arrive, chunk by chunk), so every row of an [`Article`](super::Article) is a row on
//! screen and scrolling, search, links and chips need not know about folding; toggling a
//! details renders the article again (the reader keys its place by anchors, which stay).
//! The body of a details is drawn behind a dim bar, one per level of nesting
//! ([`Nesting`]), so what belongs to it shows.

use std::collections::BTreeSet;

use super::render::{Anchor, Row};
use crate::library::site_syntax::Details;

/// The glyph before a folded summary (as the site syntax writes it).
pub const FOLDED: char = '▸';
/// The glyph before an unfolded summary.
pub const UNFOLDED: char = '▾';

/// Which `<details>` of a post are open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Folding {
    /// Every one, as on paper (`geul render`).
    #[default]
    AllOpen,
    /// As a browser shows them (open only with the `open` attribute), except the details
    /// whose summary lines are in the set: the reader toggled those.
    Toggled(BTreeSet<usize>),
}

impl Folding {
    /// Whether `details` is shown open.
    pub fn is_open(&self, details: &Details) -> bool {
        match self {
            Folding::AllOpen => true,
            Folding::Toggled(toggled) => details.open != toggled.contains(&details.summary_line),
        }
    }
}

/// A details that folds, in the article rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    /// The body line of its summary: names the details across renders and widths.
    pub line: usize,
    /// The anchor of its summary's rows.
    pub summary: Anchor,
    /// Whether its body is shown.
    pub open: bool,
}

/// How deep in details bodies each body line is, for the bars drawn left of a body.
#[derive(Debug, Default)]
pub(crate) struct Nesting {
    /// (first line, depth from that line on), ascending.
    steps: Vec<(usize, usize)>,
    /// The summary lines, ascending.
    summaries: Vec<usize>,
}

impl Nesting {
    /// The nesting of `details` (ordered by summary line).
    pub(crate) fn new(details: &[Details]) -> Nesting {
        let mut changes: Vec<(usize, isize)> = Vec::with_capacity(details.len() * 2);
        for d in details.iter().filter(|d| d.end_line > d.summary_line) {
            changes.push((d.summary_line + 1, 1));
            changes.push((d.end_line + 1, -1));
        }
        changes.sort_unstable();
        let mut steps: Vec<(usize, usize)> = Vec::new();
        let mut depth: isize = 0;
        for (line, change) in changes {
            depth += change;
            let depth = usize::try_from(depth).unwrap_or(0);
            match steps.last_mut() {
                Some(last) if last.0 == line => last.1 = depth,
                _ => steps.push((line, depth)),
            }
        }
        Nesting {
            steps,
            summaries: details.iter().map(|d| d.summary_line).collect(),
        }
    }

    /// Whether there is no details at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// How many details bodies hold body line `line`.
    pub(crate) fn depth(&self, line: usize) -> usize {
        match self.steps.partition_point(|(from, _)| *from <= line) {
            0 => 0,
            n => self.steps[n - 1].1,
        }
    }

    /// Whether a details' summary is on body line `line`.
    pub(crate) fn summary_on(&self, line: usize) -> bool {
        self.summaries.binary_search(&line).is_ok()
    }
}

/// Folds the rows of an article as they arrive, chunk after chunk (see the module doc).
#[derive(Debug, Default)]
pub(crate) struct Folds {
    /// Shared by the copies [`Folds::all_open`] makes for chunks placed in parallel.
    details: std::sync::Arc<[Details]>,
    folding: Folding,
    /// The first details not yet met by a block.
    next: usize,
    /// The end lines of the folded bodies the next block may be in, innermost last.
    folded: Vec<usize>,
}

impl Folds {
    /// Folds for a post's `details` shown as `folding` says.
    pub(crate) fn new(details: &[Details], folding: Folding) -> Folds {
        Folds {
            details: details.into(),
            folding,
            next: 0,
            folded: Vec::new(),
        }
    }

    /// Shows the details as `folding` says from now on.
    pub(crate) fn set_folding(&mut self, folding: Folding) {
        self.folding = folding;
    }

    /// Whether no row can fold.
    pub(crate) fn is_empty(&self) -> bool {
        self.details.is_empty()
    }

    /// The same details all shown open, starting again from the first: with nothing
    /// folded, placing a chunk depends on no chunk before it, so each chunk can be placed
    /// with its own copy, on its own thread.
    pub(crate) fn all_open(&self) -> Option<Folds> {
        matches!(self.folding, Folding::AllOpen).then(|| Folds {
            details: std::sync::Arc::clone(&self.details),
            folding: Folding::AllOpen,
            next: 0,
            folded: Vec::new(),
        })
    }

    /// The rows of blocks `first_block..` (the `n`th starting on body line `lines[n]`, and
    /// with a summary when `summaries[n]`) with the folded bodies left out and the open
    /// summaries marked `▾`; each details found folding is added to `found`. Returns
    /// whether any row was left out.
    pub(crate) fn place(
        &mut self,
        rows: &mut Vec<Row>,
        first_block: u32,
        (lines, summaries): (&[usize], &[bool]),
        found: &mut Vec<Fold>,
    ) -> bool {
        if self.details.is_empty() {
            return false;
        }
        // For each block: rows from which anchor line on are hidden (0: all of them).
        let mut hidden_from: Vec<Option<u32>> = Vec::with_capacity(lines.len());
        let mut open_summary: Vec<bool> = Vec::with_capacity(lines.len());
        for (n, &line) in lines.iter().enumerate() {
            let block = first_block + n as u32;
            while self.folded.last().is_some_and(|&end| end < line) {
                self.folded.pop();
            }
            let mut hide = (!self.folded.is_empty()).then_some(0);
            let mut open = false;
            while let Some(d) = self.details.get(self.next).copied() {
                if d.summary_line > line {
                    break;
                }
                // No block starts on its summary line, or it has no body: it stays as
                // text.
                if d.summary_line < line
                    || d.end_line <= d.summary_line
                    || !summaries.get(n).copied().unwrap_or(false)
                {
                    self.next += 1;
                    continue;
                }
                let is_open = self.folding.is_open(&d);
                found.push(Fold {
                    line: d.summary_line,
                    summary: Anchor { block, line: 1 },
                    open: is_open,
                });
                if is_open {
                    open = true;
                } else {
                    // The rest of the summary's paragraph, then the blocks up to its end.
                    hide = hide.or(Some(2));
                    self.folded.push(d.end_line);
                }
                self.next += 1;
            }
            hidden_from.push(hide);
            open_summary.push(open && hide.is_none());
        }
        let before = rows.len();
        let index = |anchor: &Anchor| {
            anchor
                .block
                .checked_sub(first_block)
                .map(|i| i as usize)
                .filter(|&i| i < lines.len())
        };
        rows.retain(|(_, anchor)| {
            index(anchor)
                .and_then(|i| hidden_from[i])
                .is_none_or(|from| anchor.line < from)
        });
        let mut marked = None;
        for (line, anchor) in rows.iter_mut() {
            if anchor.line == 1
                && marked != Some(anchor.block)
                && index(anchor).is_some_and(|i| open_summary[i])
            {
                marked = Some(anchor.block);
                unfold_glyph(line);
            }
        }
        rows.len() != before
    }
}

/// Turns the first `▸` of a summary row into `▾`.
fn unfold_glyph(line: &mut ratatui::text::Line<'static>) {
    for span in &mut line.spans {
        if span.content.contains(FOLDED) {
            let shown = span
                .content
                .replacen(FOLDED, UNFOLDED.encode_utf8(&mut [0; 4]), 1);
            span.content = shown.into();
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::library::Post;
    use crate::library::scan::post_from_text;
    use crate::markdown::{Article, ArticleRenderer, ReadBody, RenderOptions, SoftBreaks};
    use crate::styled::Theme;

    const POST: &str = "---\ntitle: 접기\n---\n\n머리 문단\n\n<details>\n<summary>설정 보기</summary>\n\n\
        숨은 문단\n\n- 숨은 항목\n\n</details>\n\n<details open>\n<summary>열린 채로</summary>\n\
        바로 이어지는 줄\n</details>\n\n<details>\n<summary>바깥</summary>\n\n바깥 글\n\n\
        <details>\n<summary>안쪽</summary>\n\n```sh\necho 안쪽\n```\n\n</details>\n\n</details>\n\n끝 문단\n";

    fn post(text: &str) -> Post {
        post_from_text(PathBuf::from("d.md"), PathBuf::from("d.md"), text)
    }

    /// A renderer of `post` 40 columns wide, its body cut in chunks of about `chunk_bytes`.
    fn renderer(post: &Post, folding: Folding, chunk_bytes: usize) -> ArticleRenderer {
        let theme = Theme::default();
        let opts = RenderOptions {
            width: 40,
            soft_breaks: SoftBreaks::Auto,
            theme: &theme,
        };
        let read = ReadBody::in_chunks(&post.body, SoftBreaks::Auto, chunk_bytes);
        ArticleRenderer::with_body(post, &opts, Some(read)).folded(folding)
    }

    fn render(post: &Post, folding: Folding, chunk_bytes: usize) -> Article {
        renderer(post, folding, chunk_bytes).finish()
    }

    fn rows(article: &Article) -> Vec<String> {
        (0..article.lines.len())
            .map(|r| article.row_text(r))
            .collect()
    }

    fn browser() -> Folding {
        Folding::Toggled(BTreeSet::new())
    }

    #[test]
    fn a_collapsed_details_hides_its_body() {
        let post = post(POST);
        let rows = rows(&render(&post, browser(), usize::MAX));
        let first = rows.iter().position(|r| r == "머리 문단").unwrap_or(0);
        let body: Vec<&str> = rows[first..].iter().map(String::as_str).collect();
        assert_eq!(
            body,
            [
                "머리 문단",
                "",
                "▸ 설정 보기",
                "",
                "▾ 열린 채로",
                "│ 바로 이어지는 줄",
                "",
                "▸ 바깥",
                "",
                "끝 문단"
            ]
        );
    }

    #[test]
    fn toggling_opens_a_closed_details_and_closes_an_open_one() {
        let post = post(POST);
        let lines: Vec<usize> = post.details.iter().map(|d| d.summary_line).collect();
        let toggled = Folding::Toggled(lines.iter().copied().collect());
        let article = render(&post, toggled, usize::MAX);
        let rows = rows(&article);
        assert!(rows.contains(&"▾ 설정 보기".to_string()), "{rows:#?}");
        assert!(rows.contains(&"│ • 숨은 항목".to_string()), "{rows:#?}");
        assert!(rows.contains(&"▸ 열린 채로".to_string()), "{rows:#?}");
        assert!(!rows.iter().any(|r| r.contains("바로 이어지는 줄")));
        assert!(rows.contains(&"│ │ │ echo 안쪽".to_string()), "{rows:#?}");
        assert_eq!(
            article.folds.iter().map(|f| f.line).collect::<Vec<_>>(),
            lines
        );
        assert_eq!(
            article.folds.iter().map(|f| f.open).collect::<Vec<_>>(),
            [true, false, true, true]
        );
        for fold in &article.folds {
            let row = article.row_of(fold.summary);
            assert!(article.row_text(row).contains(['▸', '▾']), "{fold:?}");
        }
    }

    #[test]
    fn a_details_inside_a_list_item_stays_open_as_text() {
        let post =
            post("- 항목 <details><summary>목록 안</summary>\n\n  숨지 않음\n  </details>\n\n끝\n");
        let article = render(&post, browser(), usize::MAX);
        assert!(article.folds.is_empty());
        let rows = rows(&article);
        assert!(rows.iter().any(|r| r.contains("숨지 않음")), "{rows:#?}");
    }

    #[test]
    fn a_chunked_render_equals_the_whole_render_with_details_across_chunks() {
        let mut body = String::from("---\ntitle: 긴 접기\n---\n\n");
        for i in 0..40 {
            body.push_str(&format!(
                "## 절 {i}\n\n<details{}>\n<summary>요약 {i}</summary>\n\n",
                if i % 3 == 0 { " open" } else { "" }
            ));
            for j in 0..6 {
                body.push_str(&format!(
                    "본문 {i}-{j}입니다. 여러 조각에 걸친 접힌 글.\n\n"
                ));
                if j == 3 {
                    body.push_str(&format!(
                        "<details>\n<summary>안쪽 {i}</summary>\n안쪽 첫 줄\n\n- 안쪽 항목\n\n</details>\n\n"
                    ));
                }
            }
            body.push_str("</details>\n\n사이 문단\n\n");
        }
        let post = post(&body);
        assert_eq!(post.details.len(), 80);
        let some = Folding::Toggled(
            post.details
                .iter()
                .step_by(5)
                .map(|d| d.summary_line)
                .collect(),
        );
        for folding in [Folding::AllOpen, browser(), some] {
            let whole = render(&post, folding.clone(), usize::MAX);
            for chunk_bytes in [1, 90, 700, 4000] {
                let chunked = render(&post, folding.clone(), chunk_bytes);
                assert!(
                    chunked.lines == whole.lines,
                    "{folding:?} in chunks of {chunk_bytes}"
                );
                assert_eq!(chunked.anchors, whole.anchors);
                assert_eq!(chunked.folds, whole.folds);
                // Chunk by chunk, as the reader renders while idle.
                let mut renderer = renderer(&post, folding.clone(), chunk_bytes);
                while renderer.render_next() {}
                assert!(renderer.article().lines == whole.lines);
                assert_eq!(renderer.article().folds, whole.folds);
            }
        }
    }

    fn details(summary_line: usize, end_line: usize, open: bool) -> Details {
        Details {
            summary_line,
            end_line,
            open,
        }
    }

    #[test]
    fn nesting_counts_the_bodies_around_a_line() {
        let nesting = Nesting::new(&[details(2, 20, false), details(5, 9, true)]);
        let depths: Vec<usize> = [0, 2, 3, 5, 6, 9, 10, 20, 21]
            .iter()
            .map(|&l| nesting.depth(l))
            .collect();
        assert_eq!(depths, [0, 0, 1, 1, 2, 2, 1, 1, 0]);
        assert!(nesting.summary_on(5) && !nesting.summary_on(6));
    }

    #[test]
    fn a_details_folds_in_a_browser_unless_open_or_toggled() {
        let closed = details(3, 8, false);
        let open = details(10, 12, true);
        let folding = Folding::Toggled(BTreeSet::from([10]));
        assert!(!folding.is_open(&closed) && !folding.is_open(&open));
        assert!(Folding::Toggled(BTreeSet::new()).is_open(&open));
        assert!(Folding::AllOpen.is_open(&closed));
    }
}
