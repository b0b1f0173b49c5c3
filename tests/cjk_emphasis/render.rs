//! How each side renders an input: geul (prepare, pulldown-cmark through tui-markdown,
//! helpers removed) and comrak in cjk-friendly mode, as characters with their look, and
//! the segments and plain text they are compared as.

use super::*;

/// geul's pipeline: the characters tui-markdown draws, each with its look.
pub(crate) fn geul(source: &str, container: Container, pipeline: Pipeline) -> Vec<(char, Look)> {
    let prepared = match pipeline {
        Pipeline::Prepared => prepare(source),
        Pipeline::Raw => source.into(),
    };
    let mut text = tui_markdown::from_str(&prepared);
    remove_helpers(&mut text);
    let mut out = Vec::new();
    for line in &text.lines {
        let mut spans = line.spans.as_slice();
        // The container's own decoration is not content: tui-markdown prefixes quoted
        // lines with `>` and a space, and list items with their marker.
        match container {
            Container::Paragraph => {}
            Container::BlockQuote => {
                while let Some((first, rest)) = spans.split_first() {
                    let content = first.content.trim();
                    if content == ">" || content.is_empty() {
                        spans = rest;
                    } else {
                        break;
                    }
                }
            }
            Container::ListItem => {
                if let Some((first, rest)) = spans.split_first()
                    && first.content.trim() == "-"
                {
                    spans = rest;
                }
            }
            Container::TableCell => {}
        }
        for span in spans {
            // Table borders (dark grey) and the header row (cyan) are not the cell.
            if container == Container::TableCell
                && matches!(span.style.fg, Some(Color::DarkGray | Color::Cyan))
            {
                continue;
            }
            let look = if span.style.bg == Some(Color::Black) {
                Look::Code
            } else {
                Look::Text {
                    bold: span.style.add_modifier.contains(Modifier::BOLD),
                    italic: span.style.add_modifier.contains(Modifier::ITALIC),
                }
            };
            out.extend(span.content.chars().map(|c| (c, look)));
        }
        out.push(('\n', PLAIN));
    }
    out
}

/// comrak's view: the same characters from its AST, bold inside `Strong`, italic inside
/// `Emph`. Links are followed by ` (destination)` because that is how tui-markdown shows
/// them.
pub(crate) fn comrak(source: &str) -> Vec<(char, Look)> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.cjk_friendly_emphasis = true;
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    let root = parse_document(&arena, source, &options);
    let mut out = Vec::new();
    walk(root, PLAIN, &mut out);
    out
}

pub(crate) fn walk<'a>(node: &'a AstNode<'a>, look: Look, out: &mut Vec<(char, Look)>) {
    let push = |text: &str, look: Look, out: &mut Vec<(char, Look)>| {
        out.extend(text.chars().map(|c| (c, look)));
    };
    let children = |look: Look, out: &mut Vec<(char, Look)>| {
        for child in node.children() {
            walk(child, look, out);
        }
    };
    let value = node.data().value.clone();
    match value {
        NodeValue::Text(text) => push(&text, look, out),
        NodeValue::Code(code) => push(&code.literal, Look::Code, out),
        NodeValue::HtmlInline(html) => push(&html, look, out),
        // tui-markdown shows footnote references as `[name]` and starts a definition with
        // `[name]: `, in the footnote style (italic for references).
        NodeValue::FootnoteReference(reference) => {
            push(&format!("[{}]", reference.name), look.with_italic(), out);
        }
        NodeValue::FootnoteDefinition(definition) => {
            push(&format!("[{}]: ", definition.name), PLAIN, out);
            children(look, out);
        }
        NodeValue::ThematicBreak => push("---\n", PLAIN, out),
        NodeValue::SoftBreak | NodeValue::LineBreak => push(" ", PLAIN, out),
        NodeValue::Strong => children(look.with_bold(), out),
        NodeValue::Emph => children(look.with_italic(), out),
        NodeValue::Link(link) => {
            children(look, out);
            push(&format!(" ({})", link.url), PLAIN, out);
        }
        NodeValue::Paragraph => {
            children(look, out);
            push("\n", PLAIN, out);
        }
        NodeValue::TableRow(true) => {}
        _ => children(look, out),
    }
}

/// A run of visible text with one look.
pub(crate) type Segment = (String, Look);

/// Non-whitespace characters grouped into maximal runs of one look.
pub(crate) fn segments(chars: &[(char, Look)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for &(c, look) in chars.iter().filter(|(c, _)| !c.is_whitespace()) {
        match out.last_mut() {
            Some((text, last)) if *last == look => text.push(c),
            _ => out.push((c.to_string(), look)),
        }
    }
    out
}

/// All visible characters in order, whitespace runs collapsed to one space (dropped in a
/// table, where tui-markdown pads cells).
pub(crate) fn plain(chars: &[(char, Look)], container: Container) -> String {
    let text: String = chars.iter().map(|&(c, _)| c).collect();
    let separator = if container == Container::TableCell {
        ""
    } else {
        " "
    };
    text.split_whitespace().collect::<Vec<_>>().join(separator)
}

pub(crate) fn show(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|(text, look)| match look {
            Look::Code => format!("`{text}`"),
            Look::Text {
                bold: true,
                italic: true,
            } => format!("<bi>{text}</bi>"),
            Look::Text { bold: true, .. } => format!("<b>{text}</b>"),
            Look::Text { italic: true, .. } => format!("<i>{text}</i>"),
            Look::Text { .. } => text.clone(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}
