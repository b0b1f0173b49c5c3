//! Jekyll and Hugo syntax in a post's body, turned into the Markdown it stands for before
//! anything reads the body: Liquid tags and outputs (`{% highlight %}`, `{% raw %}`,
//! `{{ "/x" | relative_url }}`, `{% post_url %}`), kramdown's attribute lists and
//! extensions (`{:toc}`, `{: width="40%"}`, `{::comment}`), Hugo shortcodes
//! (`{{< figure >}}`, `{{< highlight >}}`, `{{< youtube >}}`, `{{< ref >}}`), HTML
//! comments (`<!--more-->`) and the HTML tags posts carry (`<br>`, `<img>`, `<kbd>`,
//! `<details>`, `<iframe>`, `<script>`; see `html`).
//!
//! Code is left alone: nothing inside a code block or a code span is touched, nor the
//! content of `{% highlight %}` and `{% raw %}`. The result has exactly as many lines as
//! the body, so a line of the result is the same line of the file (places, editor jumps and
//! error lines stay right).

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::Event;

use super::dialect;
pub use details::Details;

mod details;
mod html;
mod hugo;
mod kramdown;
mod liquid;

/// The line a table of contents marker becomes: `{:toc}`, `[TOC]` and `[[_TOC_]]` all
/// read as this one.
pub const TOC_MARKER: &str = "[TOC]";

/// GitLab's table of contents marker.
const GITLAB_TOC: &str = "[[_TOC_]]";

/// `body` with the site generators' syntax replaced by plain Markdown (see the module
/// doc); borrowed when there is none.
pub fn normalize(body: &str) -> Cow<'_, str> {
    normalize_reading_details(body).0
}

/// [`normalize`], with the `<details>` elements of the body (by line, ordered by their
/// summary line), which the reader folds.
pub fn normalize_reading_details(body: &str) -> (Cow<'_, str>, Vec<Details>) {
    if !might_have_site_syntax(body) {
        return (Cow::Borrowed(body), Vec::new());
    }
    let mut out = Output::new(body.len());
    let protected = code_ranges(body);
    let mut protected = protected.iter().peekable();
    let mut at = 0;
    while at < body.len() {
        while protected.peek().is_some_and(|r| r.end <= at) {
            protected.next();
        }
        if let Some(code) = protected.peek().filter(|r| r.start <= at) {
            out.push(&body[at..code.end]);
            at = code.end;
            continue;
        }
        let next_code = protected.peek().map_or(body.len(), |r| r.start);
        let Some(offset) = memchr::memchr3(b'{', b'<', b'[', &body.as_bytes()[at..next_code])
        else {
            out.push(&body[at..next_code]);
            at = next_code;
            continue;
        };
        let start = at + offset;
        out.push(&body[at..start]);
        at = match construct(body, start, &mut out) {
            Some(end) => end,
            None => {
                out.push(&body[start..start + 1]);
                start + 1
            }
        };
    }
    let details = std::mem::take(&mut out.details).finish(&mut out.text);
    // The cheap test above lets through bodies with nothing to change (an autolink's
    // `<https:`): those stay borrowed.
    if out.text == body {
        (Cow::Borrowed(body), details)
    } else {
        (Cow::Owned(out.text), details)
    }
}

/// Whether `body` holds anything [`normalize`] would change (a cheap test on bytes): a
/// `{%`, `{{` or `{:`, a `<!--` or an HTML tag's start (`<` and a letter or `/`), or
/// GitLab's `[[_TOC_]]`. One pass finds every `{` and `<`, rare in prose, and one more
/// looks for the marker.
fn might_have_site_syntax(body: &str) -> bool {
    let bytes = body.as_bytes();
    let opens_construct = |i: usize| match (bytes[i], bytes.get(i + 1)) {
        (b'{', Some(b'%' | b'{' | b':')) => true,
        (b'<', Some(next)) => {
            next.is_ascii_alphabetic() || *next == b'/' || bytes[i..].starts_with(b"<!--")
        }
        _ => false,
    };
    memchr::memchr2_iter(b'{', b'<', bytes).any(opens_construct)
        || memchr::memmem::find(bytes, GITLAB_TOC.as_bytes()).is_some()
}

/// The construct starting at `start` (a `{` or `<`), written to `out`; the byte after it,
/// or `None` when there is none there.
fn construct(body: &str, start: usize, out: &mut Output) -> Option<usize> {
    let rest = &body[start..];
    if rest.starts_with("<!--") {
        let end = rest.find("-->").map_or(body.len(), |i| start + i + 3);
        out.keep_lines_of(&body[start..end]);
        return Some(end);
    }
    if rest.starts_with('[') {
        // GitLab's `[[_TOC_]]`, alone on its line, is the table of contents marker.
        let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
        let end = start + GITLAB_TOC.len();
        let alone = rest.starts_with(GITLAB_TOC)
            && body[line_start..start].trim().is_empty()
            && body[end..line_end(body, start)].trim().is_empty();
        if alone {
            out.push(TOC_MARKER);
            return Some(end);
        }
        return None;
    }
    if rest.starts_with('<') {
        return html::tag(body, start, out);
    }
    if rest.starts_with("{{<") || rest.starts_with("{{%") {
        return hugo::shortcode(body, start, out);
    }
    if rest.starts_with("{%") {
        return liquid::tag(body, start, out);
    }
    if rest.starts_with("{{") {
        return liquid::output(body, start, out);
    }
    if rest.starts_with("{:") {
        return kramdown::extension(body, start, out);
    }
    None
}

/// Byte ranges of code blocks and code spans, in order: never rewritten.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = dialect::code_ranges(body);
    for (event, range) in dialect::parse(body) {
        if let Event::Code(_) = event {
            ranges.push(range);
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// The text being built, with the helpers every construct needs.
struct Output {
    text: String,
    /// The `<details>` met so far.
    details: details::Recorder,
}

impl Output {
    fn new(capacity: usize) -> Output {
        Output {
            text: String::with_capacity(capacity),
            details: details::Recorder::default(),
        }
    }

    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Writes only the line breaks of `removed`, so the line count stays.
    fn keep_lines_of(&mut self, removed: &str) {
        for _ in 0..memchr::memchr_iter(b'\n', removed.as_bytes()).count() {
            self.text.push('\n');
        }
    }

    /// Writes `replacement` for `removed`, then as many line breaks as `removed` had
    /// beyond those of `replacement`.
    fn replace(&mut self, removed: &str, replacement: &str) {
        self.text.push_str(replacement);
        let had = memchr::memchr_iter(b'\n', removed.as_bytes()).count();
        let has = memchr::memchr_iter(b'\n', replacement.as_bytes()).count();
        for _ in has..had {
            self.text.push('\n');
        }
    }

    /// Whether the text so far ends where a link's destination starts (`](`).
    fn in_link_destination(&self) -> bool {
        self.text.ends_with("](")
    }

    /// The last line written, without its line break.
    fn current_line(&self) -> &str {
        let start = self.text.rfind('\n').map_or(0, |i| i + 1);
        &self.text[start..]
    }

    /// Empties the line above the one being written (which is blank so far) when `drop`
    /// says so (a `* TOC` item above `{:toc}`); line breaks stay.
    fn clear_previous_line_if(&mut self, drop: impl Fn(&str) -> bool) {
        let without_break = self.text.strip_suffix('\n').unwrap_or(&self.text);
        let start = without_break.rfind('\n').map_or(0, |i| i + 1);
        if self.current_line().trim().is_empty() && drop(&without_break[start..]) {
            let end = without_break.len();
            self.text.replace_range(start..end, "");
        }
    }
}

/// `body` from `start` for at most `max` bytes, cut back to a character boundary.
fn window(body: &str, start: usize, max: usize) -> &str {
    let mut end = body.len().min(start.saturating_add(max));
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[start..end]
}

/// The end of the line `at` is on (the index of its `\n`, or the body's end).
fn line_end(body: &str, at: usize) -> usize {
    memchr::memchr(b'\n', &body.as_bytes()[at..]).map_or(body.len(), |i| at + i)
}

/// Copies `body` from `from` verbatim up to the first `closing` that `is_closing` accepts,
/// then returns (the closing's start, its end); to the end of the body when there is none.
fn verbatim_until(
    body: &str,
    from: usize,
    out: &mut Output,
    find_closing: impl Fn(&str) -> Option<(usize, usize)>,
) -> (usize, usize) {
    match find_closing(&body[from..]) {
        Some((start, end)) => {
            out.push(&body[from..from + start]);
            (from + start, from + end)
        }
        None => {
            out.push(&body[from..]);
            (body.len(), body.len())
        }
    }
}

#[cfg(test)]
mod tests;
