//! Where the `<details>` of a body are, read while their tags are rewritten: the line of
//! each summary, the line its element closes on, and whether it starts open. The reader
//! folds a details' body under its summary line; everything else shows it open.
//!
//! The tags themselves are gone from the result (see `html`); a summary that the next
//! line goes on from, in the same paragraph, ends with a hard line break (`\`), so the
//! summary is a line of its own whatever the soft-break policy, and the renderer can fold
//! what follows it.

/// One `<details>` element of a body, by lines of the body (0-based; the result of
/// [`super::normalize`] has the same lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Details {
    /// The line its `<summary>` is on.
    pub summary_line: usize,
    /// The line its `</details>` is on, or the body's last line when it never closes. Its
    /// body is the lines after `summary_line` up to this one.
    pub end_line: usize,
    /// Whether the tag has the `open` attribute: a browser shows it expanded at first.
    pub open: bool,
}

impl Details {
    /// Whether body line `line` is inside this details' body (after its summary).
    pub fn holds(&self, line: usize) -> bool {
        self.summary_line < line && line <= self.end_line
    }
}

/// An element being read, by byte offsets in the text written so far.
#[derive(Debug, Default)]
struct Open {
    open: bool,
    /// Where the summary's replacement starts and ends.
    summary: Option<(usize, usize)>,
}

/// A details read whole, by byte offsets in the text written.
#[derive(Debug)]
struct Found {
    summary: (usize, usize),
    end: usize,
    open: bool,
}

/// The `<details>` met so far while a body is rewritten.
#[derive(Debug, Default)]
pub(super) struct Recorder {
    stack: Vec<Open>,
    found: Vec<Found>,
}

impl Recorder {
    /// A `<details>` tag (`raw`, as written) was met.
    pub(super) fn open(&mut self, raw: &str) {
        self.stack.push(Open {
            open: has_open_attribute(raw),
            summary: None,
        });
    }

    /// A `<summary>` of the innermost details starts at `start`; the first one counts.
    pub(super) fn summary_start(&mut self, start: usize) {
        if let Some(top) = self.stack.last_mut()
            && top.summary.is_none()
        {
            top.summary = Some((start, start));
        }
    }

    /// The `</summary>` of the innermost details was written, ending at `end`.
    pub(super) fn summary_end(&mut self, end: usize) {
        if let Some(Open {
            summary: Some((start, last)),
            ..
        }) = self.stack.last_mut()
            && *last == *start
        {
            *last = end;
        }
    }

    /// A `</details>` at byte `at` of the text written.
    pub(super) fn close(&mut self, at: usize) {
        if let Some(top) = self.stack.pop()
            && let Some(summary) = top.summary
        {
            self.found.push(Found {
                summary,
                end: at,
                open: top.open,
            });
        }
    }

    /// The details of `text` (the whole result), by lines, ordered by their summary
    /// line; elements never closed run to the end. Summaries that the next line goes on
    /// from get their hard line break in `text`.
    pub(super) fn finish(mut self, text: &mut String) -> Vec<Details> {
        while !self.stack.is_empty() {
            self.close(text.len());
        }
        let mut found = self.found;
        found.sort_by_key(|f| f.summary.0);
        let lines = LineCounter::new(text);
        let details: Vec<Details> = found
            .iter()
            .map(|f| Details {
                summary_line: lines.line_of(f.summary.0),
                end_line: lines.line_of(f.end),
                open: f.open,
            })
            .collect();
        let breaks: Vec<usize> = found
            .iter()
            .map(|f| f.summary)
            .filter(|&(start, end)| end > start && goes_on_after(text, end))
            .map(|(_, end)| end)
            .collect();
        if !breaks.is_empty() {
            // One copy for all of them: a body may hold thousands.
            let mut with = String::with_capacity(text.len() + breaks.len());
            let mut done = 0;
            for at in breaks {
                with.push_str(&text[done..at]);
                with.push('\\');
                done = at;
            }
            with.push_str(&text[done..]);
            *text = with;
        }
        details
    }
}

/// Whether the paragraph goes on after a summary ending at `end`: the rest of its line is
/// blank and the next line is text that does not start a block of its own (a list item,
/// a quote, a heading, a fence, a table row, a rule or a setext underline, HTML).
fn goes_on_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let Some((line, after)) = rest.split_once('\n') else {
        return false;
    };
    if !line.trim().is_empty() {
        return false;
    }
    let next = after.split('\n').next().unwrap_or_default();
    let content = next.trim_start_matches(' ');
    if content.trim().is_empty() || next.len() - content.len() > 3 {
        return false;
    }
    let starts_block = content
        .starts_with(['-', '*', '+', '>', '#', '|', '<', '=', '`', '~', '\t'])
        || content.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() < 10 && n.bytes().all(|b| b.is_ascii_digit())
        });
    !starts_block
}

/// Whether a `<details …>` tag carries `open` (`<details open>`, `open=""`, `OPEN`) as
/// an attribute's name, not inside a value.
fn has_open_attribute(raw: &str) -> bool {
    let inside = raw
        .trim_start_matches('<')
        .trim_end_matches('>')
        .get("details".len()..)
        .unwrap_or_default();
    let mut quote: Option<char> = None;
    // Names are the words not right after an `=`.
    let mut word = String::new();
    let mut value_next = false;
    let mut names = Vec::new();
    let mut end_word = |word: &mut String, value_next: &mut bool| {
        if !word.is_empty() {
            if !*value_next {
                names.push(std::mem::take(word));
            }
            word.clear();
            *value_next = false;
        }
    };
    for c in inside.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                value_next = false;
            }
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '=') => {
                end_word(&mut word, &mut value_next);
                value_next = true;
            }
            (None, c) if c.is_whitespace() || c == '/' => end_word(&mut word, &mut value_next),
            (None, c) => word.push(c),
        }
    }
    end_word(&mut word, &mut value_next);
    names.iter().any(|w| w.eq_ignore_ascii_case("open"))
}

/// Byte offsets of `text` to line numbers, in one pass over its line breaks.
struct LineCounter {
    breaks: Vec<usize>,
}

impl LineCounter {
    fn new(text: &str) -> LineCounter {
        LineCounter {
            breaks: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    /// The line (0-based) byte `at` is on.
    fn line_of(&self, at: usize) -> usize {
        self.breaks.partition_point(|&nl| nl < at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_attribute_is_read_in_any_form_and_never_inside_a_value() {
        assert!(has_open_attribute("<details open>"));
        assert!(has_open_attribute("<details class=\"x\" OPEN=\"\">"));
        assert!(has_open_attribute("<details\nopen\n>"));
        assert!(!has_open_attribute("<details>"));
        assert!(!has_open_attribute("<details title=\"open\">"));
        assert!(!has_open_attribute("<details class=opened>"));
    }

    #[test]
    fn a_summary_goes_on_into_plain_text_but_not_into_a_block_or_a_blank_line() {
        let goes_on_after = |text: &str, _: usize| goes_on_after(text, "**▸ a**".len());
        assert!(goes_on_after("**▸ a**\n내용\n", 7));
        assert!(!goes_on_after("**▸ a**\n\n내용\n", 7));
        assert!(!goes_on_after("**▸ a**\n- 항목\n", 7));
        assert!(!goes_on_after("**▸ a**\n1. 항목\n", 7));
        assert!(!goes_on_after("**▸ a**\n```\n", 7));
        assert!(!goes_on_after("**▸ a** 뒤\n내용\n", 7));
        assert!(!goes_on_after("**▸ a**", 7));
    }
}
