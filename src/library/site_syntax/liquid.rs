//! Jekyll's Liquid: `{% tag %}` and `{{ output }}`.

use super::{Output, verbatim_until, window};
use crate::library::links::split_date_prefix;

/// How far a tag or an output may run before its closing: further, it is not one.
const MAX_LEN: usize = 2000;

/// The inside of a delimited construct at `start` (`{%`…`%}`), trimmed of white space and
/// of Liquid's `-` whitespace controls, and the byte after its closing.
fn delimited<'a>(body: &'a str, start: usize, close: &str) -> Option<(&'a str, usize)> {
    // Both openers (`{%`, `{{`) are two bytes; the closing is looked for after them.
    let window = window(body, start, MAX_LEN);
    let end = 2 + window.get(2..)?.find(close)?;
    let inner = window[2..end].trim().trim_matches('-').trim();
    Some((inner, start + end + close.len()))
}

/// The tag named `name` (`{% endhighlight %}`, `{%- endraw -%}`) first in `text`, as (its
/// start, its end).
fn find_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("{%") {
        let start = from + i;
        match delimited(text, start, "%}") {
            Some((inner, end)) if inner == name => return Some((start, end)),
            _ => from = start + 2,
        }
    }
    None
}

/// A Liquid tag at `start`.
pub(super) fn tag(body: &str, start: usize, out: &mut Output) -> Option<usize> {
    let (inner, end) = delimited(body, start, "%}")?;
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let args = args.trim();
    let whole = &body[start..end];
    match name {
        "highlight" => {
            let language = args.split_whitespace().next().unwrap_or("");
            out.replace(whole, &format!("```{language}"));
            let (close_start, close_end) =
                verbatim_until(body, end, out, |rest| find_tag(rest, "endhighlight"));
            out.replace(&body[close_start..close_end], "```");
            Some(close_end)
        }
        "raw" => {
            out.keep_lines_of(whole);
            let (close_start, close_end) =
                verbatim_until(body, end, out, |rest| find_tag(rest, "endraw"));
            out.keep_lines_of(&body[close_start..close_end]);
            Some(close_end)
        }
        "comment" => {
            let close = find_tag(&body[end..], "endcomment").map_or(body.len(), |(_, e)| end + e);
            out.keep_lines_of(&body[start..close]);
            Some(close)
        }
        "post_url" => {
            let name = args.split_whitespace().next().unwrap_or("");
            if out.in_link_destination() && body[end..].starts_with(')') {
                // As the permalink Jekyll makes of it, which reads well as the link's
                // destination and which the link resolver matches to the post; a name
                // without a date stays the tag, in angle brackets, for the resolver.
                // A tag written over several lines keeps them, after it.
                match permalink(name) {
                    Some(permalink) => out.replace(whole, &permalink),
                    None => out.replace(whole, &format!("<{{% post_url {name} %}}>")),
                }
            } else {
                out.replace(whole, name);
            }
            Some(end)
        }
        // include, assign, capture, if, for and the rest: their output is the site's
        // business, not the article's.
        _ => {
            out.keep_lines_of(whole);
            Some(end)
        }
    }
}

/// A Liquid output at `start`: a quoted path through URL filters becomes the path, the
/// site's base URL becomes nothing, anything else (a page variable) is dropped.
pub(super) fn output(body: &str, start: usize, out: &mut Output) -> Option<usize> {
    let (inner, end) = delimited(body, start, "}}")?;
    let value = inner.split('|').next().unwrap_or("").trim();
    let literal = ['"', '\'']
        .iter()
        .find_map(|&q| value.strip_prefix(q).and_then(|v| v.strip_suffix(q)));
    out.replace(&body[start..end], literal.unwrap_or(""));
    Some(end)
}

/// `2025-01-19-what-is-ai` (perhaps under a folder) as Jekyll's default permalink,
/// `/2025/01/19/what-is-ai/`; `None` for a name without its date.
fn permalink(name: &str) -> Option<String> {
    let file = name.rsplit('/').next().unwrap_or(name);
    let (date, slug) = split_date_prefix(file)?;
    Some(format!(
        "/{}/{}/{}/{slug}/",
        &date[..4],
        &date[5..7],
        &date[8..10]
    ))
}
