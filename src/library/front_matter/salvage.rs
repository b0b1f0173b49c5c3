//! What can still be read from a front-matter block that does not parse: one missing quote
//! must not cost a post its title and date. Each top-level `key: value` line is read on its
//! own (YAML; `key = value` for TOML), with a list under a key as its `- item` lines, and a
//! quote or bracket left open at either end of a value dropped.

use super::Format;
use super::loose::{Fields, Loose};

/// The fields of `raw` (the block between its fences) read line by line.
pub(super) fn salvage_fields(format: Format, raw: &str) -> Fields {
    let separator = match format {
        Format::Yaml => ':',
        Format::Toml => '=',
    };
    let mut fields: Fields = Vec::new();
    let mut list: Option<(String, Vec<Loose>)> = None;
    for line in raw.lines() {
        let indented = line.starts_with([' ', '\t']);
        let trimmed = line.trim();
        // `  - item` under a key whose value was left empty.
        if let (Some((_, items)), Some(item)) = (list.as_mut(), trimmed.strip_prefix("- "))
            && (indented || format == Format::Yaml)
        {
            items.push(Loose::Text(unquote(item).to_string()));
            continue;
        }
        if let Some((key, items)) = list.take() {
            fields.push((key, Loose::List(items)));
        }
        if indented || trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(separator) else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']).to_lowercase();
        if key.is_empty() || key.contains(char::is_whitespace) {
            continue;
        }
        let value = value.trim();
        if value.is_empty() {
            list = Some((key, Vec::new()));
        } else if let Some(inner) = value.strip_prefix('[') {
            // An inline list, perhaps left open: `[a, "b"` still gives a and b.
            let inner = inner.strip_suffix(']').unwrap_or(inner);
            let items = inner
                .split(',')
                .map(|item| unquote(item.trim()))
                .filter(|item| !item.is_empty())
                .map(|item| Loose::Text(item.to_string()))
                .collect();
            fields.push((key, Loose::List(items)));
        } else {
            fields.push((key, Loose::Text(unquote(value).to_string())));
        }
    }
    if let Some((key, items)) = list {
        fields.push((key, Loose::List(items)));
    }
    fields
}

/// `value` without the quotes around it, or without a quote left open at one end.
fn unquote(value: &str) -> &str {
    let value = value.trim();
    for quote in ['"', '\''] {
        let opens = value.starts_with(quote);
        let closes = value.len() > 1 && value.ends_with(quote);
        match (opens, closes) {
            (true, true) => return &value[1..value.len() - 1],
            (true, false) => return &value[1..],
            (false, true) => return &value[..value.len() - 1],
            (false, false) => {}
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(fields: &Fields, key: &str) -> Option<String> {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| match v {
                Loose::Text(t) => Some(t.clone()),
                _ => None,
            })
    }

    fn list(fields: &Fields, key: &str) -> Vec<String> {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| match v {
                Loose::List(items) => items
                    .iter()
                    .filter_map(|i| match i {
                        Loose::Text(t) => Some(t.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_title_with_a_quote_left_open_is_still_the_title_and_the_other_keys_are_read() {
        let raw = "title: \"생성형 AI란\ndate: 2025-11-20\ncategory: AI 정보 공유\ntags: [AI, \"프롬프트\"]\n";
        let fields = salvage_fields(Format::Yaml, raw);
        assert_eq!(text(&fields, "title").as_deref(), Some("생성형 AI란"));
        assert_eq!(text(&fields, "date").as_deref(), Some("2025-11-20"));
        assert_eq!(text(&fields, "category").as_deref(), Some("AI 정보 공유"));
        assert_eq!(list(&fields, "tags"), ["AI", "프롬프트"]);
    }

    #[test]
    fn a_list_under_a_key_is_read_from_its_dash_lines() {
        let raw = "Title: 글\ntags:\n  - 하나\n  - '둘\nbroken: [\n";
        let fields = salvage_fields(Format::Yaml, raw);
        assert_eq!(
            text(&fields, "title").as_deref(),
            Some("글"),
            "keys lower-cased"
        );
        assert_eq!(list(&fields, "tags"), ["하나", "둘"]);
    }

    #[test]
    fn toml_lines_are_read_with_their_equals_sign() {
        let raw = "title = \"휴고 글\ndate = 2024-02-10\n";
        let fields = salvage_fields(Format::Toml, raw);
        assert_eq!(text(&fields, "title").as_deref(), Some("휴고 글"));
        assert_eq!(text(&fields, "date").as_deref(), Some("2024-02-10"));
    }

    #[test]
    fn lines_that_are_not_keys_are_passed_over() {
        let fields = salvage_fields(Format::Yaml, "그냥 문장\n  indented: x\n# comment: y\n:\n");
        assert!(fields.is_empty(), "{fields:?}");
    }
}
