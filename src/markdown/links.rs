//! Where the links of a rendered article are drawn: the cells of each link's text and of
//! its dim destination, and where it leads. The article pane uses them to make links
//! clickable (OSC 8) and to highlight the link chosen with Tab.
//!
//! A link is rendered as its text in the link style followed by ` (destination)` in the
//! dim link-URL style ([`crate::markdown::render`]); an autolink, whose text is its
//! destination, as the text alone. Both styles survive wrapping, so the links are found
//! again in the wrapped rows by their styles: no second parse, and a link broken across
//! rows is one link with cells on each.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Line;

use crate::styled::Theme;
use crate::text::str_width;

/// A run of cells on one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRun {
    /// Row index in the article.
    pub row: usize,
    /// First column.
    pub column: usize,
    /// Columns taken.
    pub width: usize,
}

/// A link as drawn: its cells in reading order and its destination as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpot {
    /// The destination (`https://…`, `../dev/post.md#part`, `#heading`).
    pub url: String,
    /// The cells of the text and of the dim destination, in reading order.
    pub cells: Vec<CellRun>,
}

impl LinkSpot {
    /// The first cell: where the link starts, which orders links and names the chosen one.
    pub fn start(&self) -> (usize, usize) {
        self.cells.first().map_or((0, 0), |c| (c.row, c.column))
    }
}

/// The schemes an autolink's text starts with (`<https://…>` shows its address alone).
const AUTOLINK_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

/// The links drawn on `rows` of `lines`, in reading order. A link that starts before the
/// range or ends after it is found only in part (or not at all): callers that need whole
/// links scan a few rows more on each side.
pub fn links_in(lines: &[Line<'_>], rows: Range<usize>, theme: &Theme) -> Vec<LinkSpot> {
    let mut scan = Scan::default();
    let end = rows.end.min(lines.len());
    for (row, line) in lines.iter().enumerate().take(end).skip(rows.start) {
        let mut column = 0;
        // A row of a list item or a quote starts with its indent or bar: a link wrapped
        // onto it goes on after them.
        let mut leading = true;
        for span in &line.spans {
            let width = str_width(&span.content);
            let style = line.style.patch(span.style);
            let cells = CellRun { row, column, width };
            if leading && is_row_prefix(&span.content) {
                column += width;
                continue;
            }
            leading = false;
            let opens_url = scan.url_cells.is_empty() && span.content.trim_start().starts_with('(');
            if style == theme.link_url && (opens_url || !scan.url_cells.is_empty()) {
                scan.url.push_str(&span.content);
                scan.url_cells.push(cells);
                // The destination ends at the parenthesis that closes the one it opened
                // with (a URL may hold parentheses of its own).
                if scan.url.matches('(').count() == scan.url.matches(')').count() {
                    scan.end_link();
                }
            } else {
                scan.end_link();
                if is_link_text(style, theme) {
                    scan.text.push_str(&span.content);
                    scan.text_cells.push(cells);
                } else {
                    scan.end_text();
                }
            }
            column += width;
        }
    }
    scan.end_link();
    scan.end_text();
    scan.found
}

/// Whether `text` is what a wrapped row of a list item or a quote starts with: spaces,
/// bullets' room and quote bars (of either glyph set).
fn is_row_prefix(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, ' ' | '▌' | '▐' | '|' | '│'))
}

/// Whether `style` is the link style, alone or with emphasis on top (`**[bold link](…)**`).
fn is_link_text(style: Style, theme: &Theme) -> bool {
    style.fg == theme.link.fg && style.add_modifier.contains(theme.link.add_modifier)
}

/// The state of [`links_in`] between spans.
#[derive(Default)]
struct Scan {
    /// Link text seen since the last other span, and its cells.
    text: String,
    text_cells: Vec<CellRun>,
    /// The destination being read, and its cells.
    url: String,
    url_cells: Vec<CellRun>,
    /// Links complete, in order.
    found: Vec<LinkSpot>,
}

impl Scan {
    /// A destination just ended: with the text before it, it is a link.
    fn end_link(&mut self) {
        if self.url_cells.is_empty() {
            return;
        }
        let url = self
            .url
            .trim()
            .strip_prefix('(')
            .and_then(|u| u.strip_suffix(')'))
            .unwrap_or(self.url.trim())
            .to_string();
        let mut cells = std::mem::take(&mut self.text_cells);
        cells.append(&mut self.url_cells);
        self.text.clear();
        self.url.clear();
        if !url.is_empty() {
            self.found.push(LinkSpot { url, cells });
        }
    }

    /// Link text ended with no destination after it: an autolink if it is an address.
    fn end_text(&mut self) {
        let text = self.text.trim();
        if AUTOLINK_SCHEMES.iter().any(|s| text.starts_with(s)) && !text.contains(' ') {
            self.found.push(LinkSpot {
                url: text.to_string(),
                cells: std::mem::take(&mut self.text_cells),
            });
        }
        self.text.clear();
        self.text_cells.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Article, RenderOptions, SoftBreaks, render_post};

    fn article(body: &str, width: u16) -> (Article, Theme) {
        let theme = Theme::default();
        let post = crate::library::scan::post_from_text(
            "/blog/a.md".into(),
            "a.md".into(),
            &format!("---\ntitle: 링크\n---\n{body}\n"),
        );
        let article = render_post(
            &post,
            &RenderOptions {
                width,
                soft_breaks: SoftBreaks::Join,
                theme: &theme,
            },
        );
        (article, theme)
    }

    fn all_links(article: &Article, theme: &Theme) -> Vec<LinkSpot> {
        links_in(&article.lines, 0..article.lines.len(), theme)
    }

    #[test]
    fn a_link_covers_its_text_and_its_dim_destination() {
        let (article, theme) = article("앞 [공식 문서](https://doc.rust-lang.org) 뒤", 60);
        let links = all_links(&article, &theme);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].url, "https://doc.rust-lang.org");
        let row = links[0].cells[0].row;
        let text = article.row_text(row);
        assert!(
            text.starts_with("앞 공식 문서 (https://doc.rust-lang.org) 뒤"),
            "{text}"
        );
        let covered: usize = links[0].cells.iter().map(|c| c.width).sum();
        assert_eq!(links[0].cells[0].column, 3, "after `앞 `");
        assert_eq!(covered, str_width("공식 문서 (https://doc.rust-lang.org)"));
    }

    #[test]
    fn a_link_wrapped_across_rows_is_one_link_with_cells_on_each() {
        let (article, theme) = article(
            "가나다라 [러스트 책의 시작하기 장](https://doc.rust-lang.org/book/ch01-00-getting-started.html)을 보세요",
            24,
        );
        let links = all_links(&article, &theme);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(
            links[0].url,
            "https://doc.rust-lang.org/book/ch01-00-getting-started.html"
        );
        let rows: std::collections::BTreeSet<usize> =
            links[0].cells.iter().map(|c| c.row).collect();
        assert!(rows.len() >= 3, "{rows:?}");
    }

    #[test]
    fn bold_link_text_and_an_autolink_are_links_too_and_plain_text_is_not() {
        let (article, theme) = article(
            "**[굵은 링크](https://b.example)** 와 <https://a.example/x> 그리고 그냥 https 글자",
            80,
        );
        let links = all_links(&article, &theme);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://b.example", "https://a.example/x"]);
    }

    #[test]
    fn links_are_in_reading_order_with_relative_destinations_kept_as_written() {
        let (article, theme) = article(
            "[첫째](../dev/one.md#설치) 그리고 [둘째](#마무리)\n\n[셋째](https://c.example)",
            80,
        );
        let urls: Vec<String> = all_links(&article, &theme)
            .into_iter()
            .map(|l| l.url)
            .collect();
        assert_eq!(urls, ["../dev/one.md#설치", "#마무리", "https://c.example"]);
    }

    #[test]
    fn a_link_wrapped_in_a_list_item_or_a_quote_goes_on_after_the_indent_or_the_bar() {
        let url = "https://doc.rust-lang.org/book/ch01-00-getting-started-with-a-long-path.html";
        for body in [
            format!("- 목록 안의 긴 링크입니다 [러스트 책]({url}) 끝"),
            format!("> 인용 안의 긴 링크입니다 [러스트 책]({url}) 끝"),
        ] {
            let (article, theme) = article(&body, 40);
            let links = all_links(&article, &theme);
            assert_eq!(links.len(), 1, "{body}: {links:?}");
            assert_eq!(links[0].url, url, "{body}");
        }
    }

    #[test]
    fn grey_text_in_parentheses_is_no_link() {
        let (article, theme) = article("[TOC]\n\n본문만 있고 제목은 없습니다.", 40);
        assert!(all_links(&article, &theme).is_empty());
    }
}
