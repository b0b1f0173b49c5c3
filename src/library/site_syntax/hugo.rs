//! Hugo shortcodes: `{{< name params >}}` and `{{% name params %}}`.

use super::{Output, verbatim_until, window};

/// How far a shortcode may run before its closing: further, it is not one.
const MAX_LEN: usize = 2000;

/// A parsed shortcode: its name (`/name` for a closing one) and its parameters, named
/// (`src="x"`) or positional (`"x.md"`, `go`).
struct Shortcode<'a> {
    name: &'a str,
    named: Vec<(&'a str, String)>,
    positional: Vec<String>,
}

impl Shortcode<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A named parameter, else the positional one at `index`.
    fn param(&self, key: &str, index: usize) -> Option<&str> {
        self.get(key)
            .or_else(|| self.positional.get(index).map(String::as_str))
    }
}

/// The shortcode at `start` and the byte after it.
fn parse(body: &str, start: usize) -> Option<(Shortcode<'_>, usize)> {
    let window = window(body, start, MAX_LEN);
    let close = if window.starts_with("{{<") {
        ">}}"
    } else {
        "%}}"
    };
    // The opener is three bytes; the closing is looked for after it.
    let end = 3 + window.get(3..)?.find(close)?;
    let inner = window[3..end].trim();
    let inner = inner
        .strip_prefix("/*")
        .and_then(|i| i.strip_suffix("*/"))
        .unwrap_or(inner);
    let (name, mut rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let mut code = Shortcode {
        name,
        named: Vec::new(),
        positional: Vec::new(),
    };
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let (key, after) = if rest[key_end..].starts_with('=') && !rest.starts_with(['"', '`']) {
            (Some(&rest[..key_end]), &rest[key_end + 1..])
        } else {
            (None, rest)
        };
        let (value, after) = value(after);
        match key {
            Some(key) => code.named.push((key, value)),
            None => code.positional.push(value),
        }
        rest = after;
    }
    Some((code, start + end + close.len()))
}

/// A parameter value at the start of `text` (quoted with `"` or `` ` ``, or bare) and what
/// follows it.
fn value(text: &str) -> (String, &str) {
    for quote in ['"', '`'] {
        if let Some(quoted) = text.strip_prefix(quote) {
            let end = quoted.find(quote).unwrap_or(quoted.len());
            let after = quoted.get(end + 1..).unwrap_or("");
            return (quoted[..end].to_string(), after);
        }
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    (text[..end].to_string(), &text[end..])
}

/// A Hugo shortcode at `start`.
pub(super) fn shortcode(body: &str, start: usize, out: &mut Output) -> Option<usize> {
    let (code, end) = parse(body, start)?;
    let whole = &body[start..end];
    let replacement = match code.name {
        "figure" | "img" | "image" => {
            let src = code.param("src", 0).unwrap_or("");
            let caption = code
                .get("caption")
                .or_else(|| code.get("alt"))
                .or_else(|| code.get("title"))
                .unwrap_or("");
            format!("![{caption}]({})", destination(src))
        }
        "highlight" | "code" => {
            let language = code.param("lang", 0).unwrap_or("");
            out.replace(whole, &format!("```{language}"));
            let closing = format!("/{}", code.name);
            let (close_start, close_end) =
                verbatim_until(body, end, out, |rest| find_closing(rest, &closing));
            out.replace(&body[close_start..close_end], "```");
            return Some(close_end);
        }
        "youtube" => {
            let id = code.param("id", 0).unwrap_or("");
            format!("[▶ YouTube {id}](https://www.youtube.com/watch?v={id})")
        }
        "vimeo" => {
            let id = code.param("id", 0).unwrap_or("");
            format!("[▶ Vimeo {id}](https://vimeo.com/{id})")
        }
        "gist" => {
            let user = code.param("user", 0).unwrap_or("");
            let id = code.param("id", 1).unwrap_or("");
            format!("[gist {user}/{id}](https://gist.github.com/{user}/{id})")
        }
        "ref" | "relref" => destination(code.param("path", 0).unwrap_or("")),
        name if name.starts_with('/') => String::new(),
        name => format!("⟨{name}⟩"),
    };
    out.replace(whole, &replacement);
    Some(end)
}

/// A path as a link destination: in angle brackets when it holds a space.
fn destination(path: &str) -> String {
    if path.contains(char::is_whitespace) {
        format!("<{path}>")
    } else {
        path.to_string()
    }
}

/// The closing shortcode `{{< /name >}}` (or `{{% /name %}}`) first in `text`.
fn find_closing(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let start = from + i;
        let is_shortcode = text[start..].starts_with("{{<") || text[start..].starts_with("{{%");
        if is_shortcode
            && let Some((code, end)) = parse(text, start)
            && code.name == name
        {
            return Some((start, end));
        }
        from = start + 2;
    }
    None
}
