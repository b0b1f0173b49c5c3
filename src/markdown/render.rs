//! Markdown body to wrapped, styled lines: the article pane's content.
//!
//! Pipeline (all of it runs once per post and pane width; the result is cached by the UI):
//! 1. [`emphasis::prepare`] lets bold/italic glued to Korean parse (cjk-friendly rules);
//! 2. soft breaks are kept as line breaks unless the post is hard-wrapped prose;
//! 3. [`blocks::split`] finds the top-level blocks;
//! 4. each block's source goes through tui-markdown (inline styles, highlighting), its
//!    lines are rewritten into display form (width model, control characters), restyled
//!    by block kind and wrapped by [`wrap`] with the right prefix and hanging indent;
//!    tables are laid out by [`table`] from the same parser's events.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use tui_markdown::{AlertKind, StyleSheet};
use unicode_segmentation::UnicodeSegmentation;

use super::blocks::{self, Block, BlockKind};
use super::softbreak::{self, SoftBreaks};
use std::borrow::Cow;

use super::{emphasis, footnotes, table};
use crate::styled::Glyphs;
use crate::styled::Theme;
use crate::styled::wrap::{hard_wrap, line_width, wrap_line};
use crate::text::{display_form, display_text, str_width};

/// How to render: pane width, soft-break policy and palette.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'t> {
    /// Columns available; no rendered line is wider.
    pub width: u16,
    /// What to do with the author's single line breaks.
    pub soft_breaks: SoftBreaks,
    /// Colours and styles.
    pub theme: &'t Theme,
}

/// Where a rendered row came from: the block and the unwrapped line inside it. Rows of
/// the same source line share an anchor, so after a resize the reader can find the row
/// that shows the same source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Anchor {
    /// Index of the block (0 is the article header).
    pub block: u32,
    /// Index of the unwrapped line within the block.
    pub line: u32,
}

/// A rendered row with its anchor.
pub type Row = (Line<'static>, Anchor);

/// tui-markdown's style sheet for geul: final styles for what geul keeps as rendered, and
/// plain styles where geul restyles by block kind (headings, quotes).
#[derive(Debug, Clone)]
struct Sheet {
    theme: Theme,
}

impl StyleSheet for Sheet {
    fn heading(&self, _level: u8) -> Style {
        Style::new()
    }
    fn heading_marker(&self, _level: u8) -> &str {
        ""
    }
    fn code(&self) -> Style {
        self.theme.code
    }
    fn link(&self) -> Style {
        self.theme.link
    }
    fn blockquote(&self) -> Style {
        Style::new()
    }
    fn code_block_fence(&self) -> &str {
        ""
    }
    fn html(&self) -> Style {
        self.theme.dim
    }
    fn footnote_ref(&self) -> Style {
        self.theme.dim
    }
    fn footnote_def(&self) -> Style {
        self.theme.dim
    }
    fn alert(&self, _kind: AlertKind) -> Style {
        Style::new()
    }
    fn table_header(&self) -> Style {
        self.theme.headings[1]
    }
    fn table_border(&self) -> Style {
        self.theme.rule
    }
    fn list_marker(&self) -> Style {
        self.theme.list_marker
    }
    fn image_alt(&self) -> Style {
        self.theme.dim.add_modifier(Modifier::ITALIC)
    }
}

/// Renders a Markdown body into rows at most `opts.width` wide. Block indices start at
/// `first_block` so a header can take the ones before.
pub fn render_body(body: &str, opts: &RenderOptions<'_>, first_block: u32) -> Vec<Row> {
    let width = usize::from(opts.width.max(1));
    let displayed = display_source(body);
    let numbered = footnotes::number(&displayed);
    let prepared = emphasis::prepare(&numbered);
    let source = if opts.soft_breaks.keeps_breaks(&prepared) {
        softbreak::keep_breaks(&prepared).into_owned()
    } else {
        prepared.into_owned()
    };
    let (blocks, definitions) = blocks::split(&source);
    let sheet = Sheet {
        theme: opts.theme.clone(),
    };
    let mut ctx = Context {
        opts,
        sheet,
        width,
        rows: Vec::new(),
        glyphs: Glyphs::current(),
        summary_next: false,
    };

    let mut footnotes: Vec<(u32, &Block)> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let index = first_block + i as u32;
        if block.kind == BlockKind::Footnote {
            footnotes.push((index, block));
            continue;
        }
        let slice = &source[block.range.clone()];
        ctx.separate(index);
        ctx.block(index, block, slice, &definitions);
    }
    if !footnotes.is_empty() {
        // Footnotes are shown last, so their anchors must sort after every other block's,
        // or a resize could not find its place again.
        let after = first_block + blocks.len() as u32;
        ctx.separate(after);
        ctx.rule(after);
        for (i, (_, block)) in footnotes.into_iter().enumerate() {
            let index = after + 1 + i as u32;
            let slice = &source[block.range.clone()];
            for (n, line) in ctx.markdown(slice, &definitions).into_iter().enumerate() {
                ctx.wrap(index, n as u32, &line.spans, &[], &[]);
            }
        }
    }
    ctx.rows
}

struct Context<'o, 't> {
    opts: &'o RenderOptions<'t>,
    sheet: Sheet,
    width: usize,
    rows: Vec<Row>,
    /// geul's own glyphs for this terminal.
    glyphs: &'static Glyphs,
    /// The paragraph after a `메타 설명` heading is the post's summary.
    summary_next: bool,
}

impl Context<'_, '_> {
    fn theme(&self) -> &Theme {
        self.opts.theme
    }

    /// One blank row between blocks.
    fn separate(&mut self, index: u32) {
        if !self.rows.is_empty() {
            self.rows.push((
                Line::default(),
                Anchor {
                    block: index,
                    line: 0,
                },
            ));
        }
    }

    fn push(&mut self, index: u32, line: u32, row: Line<'static>) {
        self.rows.push((
            row,
            Anchor {
                block: index,
                line: line + 1,
            },
        ));
    }

    fn wrap(
        &mut self,
        index: u32,
        line: u32,
        spans: &[Span<'_>],
        first: &[Span<'static>],
        rest: &[Span<'static>],
    ) {
        let spans: Vec<Span<'_>> = spans
            .iter()
            .map(|s| Span::styled(display_text(&s.content).into_owned(), s.style))
            .collect();
        for row in wrap_line(&spans, self.width, first, rest) {
            self.push(index, line, row);
        }
    }

    fn rule(&mut self, index: u32) {
        let rule = Line::from(Span::styled(
            Glyphs::fill(self.glyphs.rule, self.width),
            self.theme().rule,
        ));
        self.push(index, 0, rule);
    }

    /// Renders Markdown through tui-markdown into owned lines in display form.
    fn markdown(&self, source: &str, definitions: &str) -> Vec<Line<'static>> {
        let options = tui_markdown::Options::new(self.sheet.clone()).table_width(self.opts.width);
        let owned;
        let source = if definitions.is_empty() {
            source
        } else {
            owned = format!("{source}{definitions}");
            &owned
        };
        let mut text: Text<'_> = tui_markdown::from_str_with_options(source, &options);
        // A table nested in a quote or list is tui-markdown's: its border spans (the only
        // ones with the table-border style) are redrawn in this terminal's glyphs.
        let border = (self.glyphs != &Glyphs::UNICODE).then(|| self.sheet.table_border());
        emphasis::remove_helpers(&mut text);
        let mut lines: Vec<Line<'static>> = text
            .lines
            .into_iter()
            .map(|line| {
                let line_style = line.style;
                let spans = line
                    .spans
                    .into_iter()
                    .filter(|s| !s.content.is_empty())
                    .map(|s| {
                        let content = if s.content == "[img] " {
                            "🖼 ".to_string()
                        } else if border == Some(s.style) {
                            self.glyphs.redraw_table_border(&s.content)
                        } else {
                            s.content.into_owned()
                        };
                        Span::styled(content, line_style.patch(s.style))
                    })
                    .collect::<Vec<_>>();
                Line::from(restyle_link_urls(spans, self.theme()))
            })
            .collect();
        while lines.first().is_some_and(|l| line_width(l) == 0) {
            lines.remove(0);
        }
        while lines.last().is_some_and(|l| line_width(l) == 0) {
            lines.pop();
        }
        lines
    }

    fn block(&mut self, index: u32, block: &Block, slice: &str, definitions: &str) {
        let summary = std::mem::take(&mut self.summary_next);
        match &block.kind {
            BlockKind::Heading(level) => self.heading(index, *level, slice, definitions),
            BlockKind::Paragraph => {
                for (n, line) in self.markdown(slice, definitions).into_iter().enumerate() {
                    self.paragraph_line(index, n as u32, line, summary);
                }
            }
            BlockKind::Quote => self.quote(index, slice, definitions),
            BlockKind::List => self.list(index, slice, definitions),
            BlockKind::Code { lang, text } => self.code(index, lang.as_deref(), text),
            BlockKind::Table => match table::parse(slice, self.theme()) {
                Some(table) => {
                    for (line, row) in table.layout(self.width, self.theme(), self.glyphs) {
                        self.push(index, row, line);
                    }
                }
                None => {
                    for (n, line) in self.markdown(slice, definitions).into_iter().enumerate() {
                        self.wrap(index, n as u32, &line.spans, &[], &[]);
                    }
                }
            },
            BlockKind::Rule => self.rule(index),
            BlockKind::Html | BlockKind::Other | BlockKind::Footnote => {
                for (n, line) in self.markdown(slice, definitions).into_iter().enumerate() {
                    self.wrap(index, n as u32, &line.spans, &[], &[]);
                }
            }
        }
    }

    fn heading(&mut self, index: u32, level: u8, slice: &str, definitions: &str) {
        let theme = self.theme().clone();
        let style = theme.headings[usize::from(level.clamp(1, 4)) - 1];
        let lines = self.markdown(slice, definitions);
        let plain: String = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.as_ref()))
            .collect();
        self.summary_next = plain.contains("메타 설명") || plain.eq_ignore_ascii_case("summary");
        let mut widest = 0;
        for (n, line) in lines.into_iter().enumerate() {
            let spans: Vec<Span<'static>> = line
                .spans
                .into_iter()
                .map(|s| s.patch_style(style))
                .collect();
            for row in wrap_line(&spans, self.width, &[], &[]) {
                widest = widest.max(line_width(&row));
                self.push(index, n as u32, row);
            }
        }
        let underline = match level {
            1 => Some((self.glyphs.heavy_rule, theme.headings[0])),
            2 => Some((self.glyphs.rule, theme.rule)),
            _ => None,
        };
        if let Some((glyph, style)) = underline {
            self.push(
                index,
                u32::MAX - 1,
                Line::from(Span::styled(Glyphs::fill(glyph, widest.max(1)), style)),
            );
        }
    }

    fn paragraph_line(&mut self, index: u32, n: u32, line: Line<'static>, summary: bool) {
        let theme = self.theme().clone();
        if let Some(tags) = hashtag_line(&line) {
            let mut spans = Vec::new();
            for (i, tag) in tags.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw("  "));
                }
                spans.push(Span::styled(format!("#{tag}"), theme.tag_chip));
            }
            self.wrap(index, n, &spans, &[], &[]);
            return;
        }
        let first = line.spans.first().map(|s| s.content.as_ref()).unwrap_or("");
        let style = if starts_with_keycap(first) {
            Some(theme.step)
        } else if summary {
            Some(theme.summary)
        } else {
            None
        };
        let spans: Vec<Span<'static>> = match style {
            Some(style) => line
                .spans
                .into_iter()
                .map(|s| s.patch_style(style))
                .collect(),
            None => line.spans,
        };
        self.wrap(index, n, &spans, &[], &[]);
    }

    fn quote(&mut self, index: u32, slice: &str, definitions: &str) {
        let theme = self.theme().clone();
        let lines = self.markdown(slice, definitions);
        let mut kind = BoxKind::Plain;
        let mut hang = 0;
        for (n, line) in lines.into_iter().enumerate() {
            let (depth, mut content) = strip_quote_prefix(line.spans);
            if n == 0
                && let Some((found, title, rest)) = split_box_title(&content)
            {
                kind = found;
                let bar = bars(depth.max(1), kind.bar_style(&theme), self.glyphs);
                let style = kind.title_style(&theme);
                let title: Vec<Span<'static>> =
                    title.into_iter().map(|s| s.patch_style(style)).collect();
                self.wrap(index, 0, &title, &bar, &bar);
                if rest.iter().all(|s| s.content.trim().is_empty()) {
                    continue;
                }
                content = rest;
            }
            let bar = bars(depth.max(1), kind.bar_style(&theme), self.glyphs);
            if content.iter().all(|s| s.content.trim().is_empty()) {
                // A blank line inside the quote ends any list item before it.
                hang = 0;
            }
            let (marker, body, new_hang) = split_list_marker(content, &theme, self.glyphs, hang);
            hang = new_hang;
            let mut first = bar.clone();
            if marker.is_empty() && hang > 0 {
                first.push(Span::raw(" ".repeat(hang)));
            }
            first.extend(marker);
            let mut rest = bar;
            if hang > 0 {
                rest.push(Span::raw(" ".repeat(hang)));
            }
            self.wrap(index, n as u32, &body, &first, &rest);
        }
    }

    fn list(&mut self, index: u32, slice: &str, definitions: &str) {
        let theme = self.theme().clone();
        let mut hang = 0;
        for (n, line) in self.markdown(slice, definitions).into_iter().enumerate() {
            let (marker, body, new_hang) = split_list_marker(line.spans, &theme, self.glyphs, hang);
            hang = new_hang;
            let rest = if hang > 0 {
                vec![Span::raw(" ".repeat(hang))]
            } else {
                vec![]
            };
            // A line of an item without a marker (the author's own line break) hangs too.
            let first = if marker.is_empty() {
                rest.clone()
            } else {
                marker
            };
            self.wrap(index, n as u32, &body, &first, &rest);
        }
    }

    fn code(&mut self, index: u32, lang: Option<&str>, text: &str) {
        let theme = self.theme().clone();
        let expanded = expand_tabs(text);
        let lines: Vec<Line<'static>> = match lang {
            Some(lang) => {
                let fence = "`".repeat(longest_backtick_run(&expanded).max(2) + 1);
                let source = format!("{fence}{lang}\n{expanded}{fence}\n");
                self.markdown(&source, "")
            }
            None => expanded
                .lines()
                .map(|l| Line::from(Span::styled(display_text(l).into_owned(), theme.code)))
                .collect(),
        };
        let top = self.glyphs.code_top;
        let label = match lang {
            Some(lang) => format!("{top} {lang} "),
            None => top.to_string(),
        };
        let frame = theme.code_meta;
        self.push(
            index,
            0,
            Line::from(Span::styled(
                crate::styled::truncate(&label, self.width).into_owned(),
                frame,
            )),
        );
        let gutter = Span::styled(self.glyphs.code_gutter, frame);
        let inner = self.width.saturating_sub(2).max(2);
        let mark = Span::styled("↪ ", frame);
        for (n, line) in lines.into_iter().enumerate() {
            let spans: Vec<Span<'_>> = line
                .spans
                .iter()
                .map(|s| Span::styled(display_text(&s.content).into_owned(), s.style))
                .collect();
            for row in hard_wrap(&spans, inner, &mark) {
                let mut spans = if self.width > 4 {
                    vec![gutter.clone()]
                } else {
                    vec![]
                };
                spans.extend(row.spans);
                self.push(index, n as u32 + 1, Line::from(spans));
            }
        }
        self.push(
            index,
            u32::MAX - 1,
            Line::from(Span::styled(self.glyphs.code_bottom, frame)),
        );
    }
}

/// Tip, warning or plain blockquote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BoxKind {
    Plain,
    Tip,
    Warning,
}

impl BoxKind {
    fn bar_style(self, theme: &Theme) -> Style {
        match self {
            BoxKind::Warning => theme.warning_title.remove_modifier(Modifier::BOLD),
            _ => theme.quote_bar,
        }
    }
    fn title_style(self, theme: &Theme) -> Style {
        match self {
            BoxKind::Warning => theme.warning_title,
            _ => theme.tip_title,
        }
    }
}

/// Labels that make a leading bold run a box title.
const TIP_LABELS: &[&str] = &[
    "POINT",
    "TIP",
    "실전 TIP",
    "팁",
    "NOTE",
    "참고",
    "핵심",
    "요약",
    "IMPORTANT",
    "INFO",
    "HINT",
    "💡 TIP",
    "ℹ️ NOTE",
    "ℹ NOTE",
    "❗ IMPORTANT",
];
const WARNING_LABELS: &[&str] = &[
    "주의",
    "경고",
    "WARNING",
    "CAUTION",
    "⚠️ WARNING",
    "⚠ WARNING",
    "🔴 CAUTION",
];

/// If the quote's first line starts with a bold label, returns the box kind, the title
/// spans (label plus any emoji that follow it) and the remaining spans of the line.
fn split_box_title(
    content: &[Span<'static>],
) -> Option<(BoxKind, Vec<Span<'static>>, Vec<Span<'static>>)> {
    let first = content.iter().position(|s| !s.content.trim().is_empty())?;
    let label_span = &content[first];
    if !label_span.style.add_modifier.contains(Modifier::BOLD) {
        return None;
    }
    let label = label_span
        .content
        .trim()
        .trim_end_matches(':')
        .to_uppercase();
    let kind = if TIP_LABELS.iter().any(|l| l.to_uppercase() == label) {
        BoxKind::Tip
    } else if WARNING_LABELS.iter().any(|l| l.to_uppercase() == label) {
        BoxKind::Warning
    } else {
        return None;
    };
    // The title runs on while the following spans hold no letters (emoji, spaces, colons).
    let mut end = first + 1;
    while end < content.len() && !content[end].content.chars().any(char::is_alphanumeric) {
        end += 1;
    }
    let mut title: Vec<Span<'static>> = content[first..end].to_vec();
    let has_emoji = title.iter().skip(1).any(|s| {
        s.content
            .chars()
            .any(|c| !c.is_ascii() && !c.is_alphanumeric())
    }) || label_span
        .content
        .chars()
        .any(|c| !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace());
    if !has_emoji {
        let icon = if kind == BoxKind::Warning {
            "⚠ "
        } else {
            "💡 "
        };
        title.insert(0, Span::styled(icon, label_span.style));
    }
    let rest: Vec<Span<'static>> = content[end..].to_vec();
    let rest = trim_leading_space(rest);
    Some((kind, title, rest))
}

fn trim_leading_space(mut spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    while let Some(first) = spans.first_mut() {
        let trimmed = first.content.trim_start();
        if trimmed.is_empty() {
            spans.remove(0);
        } else {
            if trimmed.len() != first.content.len() {
                first.content = trimmed.to_string().into();
            }
            break;
        }
    }
    spans
}

/// Quote bars for `depth` levels.
fn bars(depth: usize, style: Style, glyphs: &Glyphs) -> Vec<Span<'static>> {
    let bar = format!("{} ", glyphs.quote_bar);
    (0..depth)
        .map(|_| Span::styled(bar.clone(), style))
        .collect()
}

/// tui-markdown starts each blockquote line with one `>` span per level and a space.
fn strip_quote_prefix(spans: Vec<Span<'static>>) -> (usize, Vec<Span<'static>>) {
    let depth = spans.iter().take_while(|s| s.content == ">").count();
    let mut rest: Vec<Span<'static>> = spans.into_iter().skip(depth).collect();
    if depth > 0 && rest.first().is_some_and(|s| s.content == " ") {
        rest.remove(0);
    }
    (depth, rest)
}

/// Recognises tui-markdown's list markers (`- `, `    - `, `1. `, `- [x] `) at the start of
/// a line and replaces them with geul's (`•`, `◦`, `▪`, numbers, `☐`/`☑`). Returns the
/// marker spans, the content spans and the hanging indent for continuation rows. A line
/// without a marker that starts with spaces hangs at that indentation; otherwise it keeps
/// the previous item's indent.
fn split_list_marker(
    spans: Vec<Span<'static>>,
    theme: &Theme,
    glyphs: &Glyphs,
    previous_hang: usize,
) -> (Vec<Span<'static>>, Vec<Span<'static>>, usize) {
    let spans = normalize_task_marker(spans);
    let Some(first) = spans.first() else {
        return (vec![], spans, previous_hang);
    };
    let text = first.content.to_string();
    let indent = text.len() - text.trim_start_matches(' ').len();
    let token = text[indent..].trim_end().to_string();
    let token = token.as_str();
    let is_bullet = token == "-" || token.starts_with("- [");
    let is_number = token.len() > 1
        && (token.ends_with('.') || token.ends_with(')'))
        && token[..token.len() - 1].chars().all(|c| c.is_ascii_digit());
    if !(text.ends_with(' ') && (is_bullet || is_number)) {
        if indent > 0 && token.is_empty() {
            // A continuation line tui-markdown indented itself.
            return (vec![], spans, indent);
        }
        return (vec![], spans, previous_hang);
    }
    let depth = indent / 4;
    let mut rest: Vec<Span<'static>> = spans.into_iter().skip(1).collect();
    let mut task = if token.starts_with("- [x]") || token.starts_with("- [X]") {
        Some(true)
    } else if token.starts_with("- [ ]") {
        Some(false)
    } else {
        None
    };
    if task.is_none()
        && let Some(next) = rest.first()
    {
        match next.content.as_ref() {
            "[x] " | "[X] " => task = Some(true),
            "[ ] " => task = Some(false),
            _ => {}
        }
        if task.is_some() {
            rest.remove(0);
        }
    }
    let symbol = match (task, is_number) {
        (Some(true), false) => "☑".to_string(),
        (Some(false), false) => "☐".to_string(),
        (_, true) => token.to_string(),
        (None, false) => glyphs.bullets[depth % 3].to_string(),
    };
    let mut marker_text = format!("{}{} ", " ".repeat(depth * 2), symbol);
    if is_number && let Some(t) = task {
        marker_text.push_str(if t { "☑ " } else { "☐ " });
    }
    let hang = str_width(&marker_text);
    (
        vec![Span::styled(marker_text, theme.list_marker)],
        rest,
        hang,
    )
}

/// Inside a blockquote tui-markdown puts a task box before the bullet
/// (`[x] `, ` `, `- `); move it after the bullet, where the list code expects it.
fn normalize_task_marker(mut spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    let is_box = |s: &Span<'_>| matches!(s.content.as_ref(), "[x] " | "[X] " | "[ ] ");
    let misplaced = spans.len() >= 3
        && is_box(&spans[0])
        && spans[1].content == " "
        && spans[2].content.ends_with("- ");
    if misplaced {
        let task = spans.remove(0);
        spans.remove(0);
        spans.insert(1, task);
    }
    spans
}

/// Keeps link destinations (the span after ` (`) dim instead of link-styled.
fn restyle_link_urls(mut spans: Vec<Span<'static>>, theme: &Theme) -> Vec<Span<'static>> {
    for i in 1..spans.len() {
        if spans[i - 1].content == " ("
            && spans[i].style == theme.link
            && spans.get(i + 1).is_some_and(|s| s.content == ")")
        {
            spans[i].style = theme.link_url;
            spans[i - 1].style = theme.link_url;
            if let Some(close) = spans.get_mut(i + 1) {
                close.style = theme.link_url;
            }
        }
    }
    spans
}

/// The tags of a line made only of `#tag` tokens, if it is one.
fn hashtag_line(line: &Line<'_>) -> Option<Vec<String>> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    // The library's rule for what a hashtag line is, so chips and a post's tags agree.
    let tags = crate::library::tags::line_tags(&text);
    // A token it drops (a colour such as `#fff`) would vanish from the chips: keep such a
    // line as text.
    let hash_tokens = text.split_whitespace().filter(|t| t.contains('#')).count();
    (!tags.is_empty() && tags.len() == hash_tokens)
        .then(|| tags.into_iter().map(str::to_string).collect())
}

fn starts_with_keycap(text: &str) -> bool {
    text.graphemes(true)
        .next()
        .is_some_and(|g| g.ends_with('\u{20E3}'))
}

/// Rewrites the source into display form before parsing, so every block (and the code
/// highlighter) sees the text as it will be drawn. Line breaks and tabs are structure and
/// stay; keycaps stay so step lines can still be recognised (they are rewritten when
/// wrapped).
fn display_source(source: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(source.len());
    let mut changed = false;
    for g in source.graphemes(true) {
        if matches!(g, "\n" | "\r\n" | "\r" | "\t") || g.ends_with('\u{20E3}') {
            out.push_str(g);
            continue;
        }
        let form = display_form(g);
        changed |= form != g;
        out.push_str(&form);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(source)
    }
}

/// Expands tabs to the next multiple of four columns.
fn expand_tabs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut col = 0;
        for g in line.graphemes(true) {
            if g == "\t" {
                let n = 4 - col % 4;
                out.push_str(&" ".repeat(n));
                col += n;
            } else {
                out.push_str(g);
                col += str_width(g);
            }
        }
    }
    out
}

fn longest_backtick_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str, width: u16) -> Vec<Line<'static>> {
        let theme = Theme::default();
        let options = RenderOptions {
            width,
            soft_breaks: SoftBreaks::Auto,
            theme: &theme,
        };
        render_body(source, &options, 1)
            .into_iter()
            .map(|(line, _)| line)
            .collect()
    }

    fn text(source: &str, width: u16) -> Vec<String> {
        render(source, width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn span_with<'a>(lines: &'a [Line<'static>], needle: &str) -> &'a Span<'static> {
        lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .find(|s| s.content.contains(needle))
            .unwrap_or_else(|| panic!("no span contains {needle:?}"))
    }

    #[test]
    fn a_tip_box_gets_a_bar_on_every_row_and_a_styled_title() {
        let theme = Theme::default();
        let lines = render(
            "> **POINT** 💡\n> 생성형 AI는 정답 찾기가 아니라 그럴듯한 결과물 만들기입니다.\n",
            30,
        );
        let rows = text(
            "> **POINT** 💡\n> 생성형 AI는 정답 찾기가 아니라 그럴듯한 결과물 만들기입니다.\n",
            30,
        );
        assert_eq!(rows[0], "▌ POINT 💡");
        assert!(rows.len() > 2, "the body wraps: {rows:?}");
        assert!(rows.iter().all(|r| r.starts_with("▌ ")), "{rows:?}");
        assert_eq!(span_with(&lines, "POINT").style, theme.tip_title);
    }

    #[test]
    fn a_warning_label_gets_the_warning_style_and_an_icon() {
        let theme = Theme::default();
        let lines = render("> **주의**\n> 원본은 꼭 백업하세요.\n", 40);
        assert_eq!(span_with(&lines, "주의").style, theme.warning_title);
        assert!(text("> **주의**\n> 원본은 꼭 백업하세요.\n", 40)[0].starts_with("▌ ⚠ 주의"));
    }

    #[test]
    fn gfm_alerts_become_titled_boxes() {
        let rows = text("> [!TIP]\n> 짧게 쓰세요.\n", 40);
        assert!(rows[0].contains("Tip"), "{rows:?}");
        assert!(rows.iter().all(|r| r.starts_with("▌ ")));
    }

    #[test]
    fn a_table_in_a_tip_has_one_column_borders_where_ambiguous_characters_are_wide() {
        use crate::text::width::{TerminalWidths, with_model};
        let wide = TerminalWidths::UNICODE.with_ambiguous(2);
        let rows = with_model(wide, || {
            text("> **TIP**\n> | a | 한글 |\n> |---|---|\n> | 1 | 둘 |\n", 40)
        });
        assert!(rows.contains(&"▐ +---+------+".to_string()), "{rows:?}");
        assert!(rows.contains(&"▐ | a | 한글 |".to_string()), "{rows:?}");
    }

    #[test]
    fn numbered_lines_inside_a_tip_keep_their_numbers() {
        let rows = text("> **실전 TIP**\n> 1. 먼저 백업\n> 2. 그다음 정리\n", 40);
        assert!(rows.contains(&"▌ 1. 먼저 백업".to_string()), "{rows:?}");
        assert!(rows.contains(&"▌ 2. 그다음 정리".to_string()), "{rows:?}");
    }

    #[test]
    fn bullets_nest_and_wrapped_rows_hang_under_the_text() {
        let rows = text(
            "* 첫째 항목은 꽤 길어서 줄이 바뀝니다\n  * 둘째\n    * 셋째\n",
            20,
        );
        assert!(rows[0].starts_with("• 첫째"));
        assert!(rows[1].starts_with("  "), "hanging indent: {rows:?}");
        assert!(rows.iter().any(|r| r.starts_with("  ◦ 둘째")), "{rows:?}");
        assert!(rows.iter().any(|r| r.starts_with("    ▪ 셋째")), "{rows:?}");
    }

    #[test]
    fn an_authors_line_break_inside_an_item_hangs_too() {
        let rows = text("* “이 메일은 스팸이다”\n  처럼 분류가 중심이었다면,\n", 60);
        assert_eq!(
            rows,
            ["• “이 메일은 스팸이다”", "  처럼 분류가 중심이었다면,"]
        );
    }

    #[test]
    fn a_loose_list_stays_a_list() {
        let rows = text("* 하나\n\n* 둘\n", 40);
        assert!(
            rows.iter().filter(|r| r.starts_with("• ")).count() == 2,
            "{rows:?}"
        );
    }

    #[test]
    fn task_items_inside_a_tip_show_boxes() {
        let rows = text("> **TIP**\n> - [x] 끝\n> - [ ] 할 일\n", 40);
        assert!(rows.contains(&"▌ ☑ 끝".to_string()), "{rows:?}");
        assert!(rows.contains(&"▌ ☐ 할 일".to_string()), "{rows:?}");
    }

    #[test]
    fn emphasis_in_a_table_keeps_its_columns_aligned() {
        let rows = text(
            "| 항목 | 설명 |\n|---|---|\n| 일반 | **“인용”**입니다 |\n| 1️⃣ | 둘 |\n",
            60,
        );
        let widths: Vec<usize> = rows.iter().map(|r| str_width(r)).collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "{rows:?} {widths:?}"
        );
    }

    #[test]
    fn task_items_show_boxes() {
        let rows = text("- [x] 끝\n- [ ] 할 일\n", 40);
        assert_eq!(rows, ["☑ 끝", "☐ 할 일"]);
    }

    #[test]
    fn keycap_lines_read_as_step_headings() {
        let theme = Theme::default();
        let lines = render("1️⃣ **패턴 학습**\n", 40);
        assert!(
            lines[0].spans.iter().all(|s| s.style.fg == theme.step.fg),
            "{:?}",
            lines[0]
        );
    }

    #[test]
    fn headings_have_no_hash_marks_and_level_one_is_underlined() {
        let rows = text("# 생성형 AI 🤖\n\n본문\n", 40);
        assert_eq!(rows[0], "생성형 AI 🤖");
        assert!(rows[1].chars().all(|c| c == '━'));
    }

    #[test]
    fn a_rule_spans_the_pane() {
        let rows = text("위\n\n---\n\n아래\n", 33);
        assert!(rows.contains(&"─".repeat(33)));
    }

    #[test]
    fn the_hashtag_section_becomes_chips() {
        let theme = Theme::default();
        let lines = render("### # 해시태그\n\n#생성형AI #LLM\n#확산모델\n", 40);
        assert_eq!(span_with(&lines, "#생성형AI").style, theme.tag_chip);
        assert_eq!(span_with(&lines, "#확산모델").style, theme.tag_chip);
        assert!(
            text("### # 해시태그\n\n#생성형AI #LLM\n", 40)[0] == "# 해시태그",
            "the heading keeps its text"
        );
    }

    #[test]
    fn a_line_with_a_colour_token_stays_text_so_nothing_is_dropped() {
        assert_eq!(text("#fff #디자인\n", 40), ["#fff #디자인"]);
    }

    #[test]
    fn the_meta_description_is_a_dim_summary() {
        let theme = Theme::default();
        let lines = render(
            "### 📝 메타 설명\n\n이 글은 생성형 AI의 원리를 정리합니다.\n",
            60,
        );
        assert_eq!(span_with(&lines, "원리를").style, theme.summary);
    }

    #[test]
    fn links_show_their_text_styled_and_the_url_dimmed() {
        let theme = Theme::default();
        let lines = render("[가이드](https://example.com/page#section)를 보세요.\n", 80);
        assert_eq!(span_with(&lines, "가이드").style, theme.link);
        assert_eq!(
            span_with(&lines, "https://example.com").style,
            theme.link_url
        );
    }

    #[test]
    fn images_show_their_alt_text() {
        assert_eq!(text("![노트북 화면](/x.png)\n", 40)[0], "🖼 노트북 화면");
    }

    #[test]
    fn code_blocks_are_framed_with_tabs_expanded_and_long_lines_marked() {
        let rows = text(
            "```python\nif x:\n\treturn 'a very long line that will not fit'\n```\n",
            30,
        );
        assert_eq!(rows[0], "╭─ python ");
        assert!(
            rows[2].starts_with("│     return"),
            "tab became four spaces: {rows:?}"
        );
        assert!(
            rows.iter().any(|r| r.starts_with("│ ↪ ")),
            "continuation mark: {rows:?}"
        );
        assert_eq!(rows.last().map(String::as_str), Some("╰─"));
    }

    #[test]
    fn stars_inside_code_are_left_alone() {
        let rows = text("`**굵게**` 그대로\n", 40);
        assert_eq!(rows[0], "**굵게** 그대로");
    }

    #[test]
    fn tables_are_box_drawn_and_fit_the_pane() {
        let rows = text(
            "| 항목 | 설명 |\n|:---|---:|\n| 가 | 아주 긴 설명이 들어가는 칸입니다 |\n",
            24,
        );
        assert!(rows[0].starts_with('┌'));
        assert!(rows.iter().all(|r| str_width(r) <= 24), "{rows:?}");
    }
}
