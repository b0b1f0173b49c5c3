//! YAML front matter (between `---` lines) into loose values.

use super::long_numbers::quote_long_numbers;
use super::loose::{FIRST_BLOCK_LINE, Fields, Loose, block_lines};

/// `raw` read by serde_yaml: every shape YAML allows, and its errors.
pub(super) fn read_yaml(raw: &str) -> Result<Fields, String> {
    // One leading newline stands in for the opening fence, so every line number serde_yaml
    // reports (including those inside its message, such as "while parsing a block mapping
    // at line 2 column 1") is already a line number of the file.
    let raw = quote_long_numbers(raw);
    let raw = raw.as_ref();
    let padded = format!("\n{raw}");
    let value: serde_yaml::Value = serde_yaml::from_str(&padded).map_err(|error| {
        let message = error.to_string();
        match error.location() {
            Some(at) => {
                let position = format!(" at line {} column {}", at.line(), at.column());
                let message = message.replacen(&position, "", 1);
                format!(
                    "front matter: YAML error at line {}, column {}: {message}",
                    at.line(),
                    at.column()
                )
            }
            None => format!(
                "front matter: YAML error in {}: {message}",
                block_lines(raw)
            ),
        }
    })?;
    match value {
        serde_yaml::Value::Mapping(mapping) => Ok(mapping
            .into_iter()
            .filter_map(|(key, value)| Some((key_name(&key)?, from_yaml(value))))
            .collect()),
        // An empty block, or one holding only comments.
        serde_yaml::Value::Null => Ok(Vec::new()),
        _ => Err(format!(
            "front matter: YAML error at line {FIRST_BLOCK_LINE}: expected `key: value` lines"
        )),
    }
}

fn key_name(key: &serde_yaml::Value) -> Option<String> {
    match key {
        serde_yaml::Value::String(name) => Some(name.to_lowercase()),
        _ => None,
    }
}

fn from_yaml(value: serde_yaml::Value) -> Loose {
    use serde_yaml::Value;
    match value {
        Value::String(text) => Loose::Text(text),
        Value::Number(number) => Loose::Text(number.to_string()),
        Value::Bool(flag) => Loose::Text(flag.to_string()),
        Value::Sequence(items) => Loose::List(items.into_iter().map(from_yaml).collect()),
        // `!!str 2024-01-01` and friends: the tag says nothing geul needs.
        Value::Tagged(tagged) => from_yaml(tagged.value),
        Value::Null | Value::Mapping(_) => Loose::Other,
    }
}

#[cfg(test)]
mod tests {
    use crate::library::front_matter::{Metadata, parse};

    #[test]
    fn a_yaml_error_names_the_line_and_keeps_the_body_and_the_keys_that_read() {
        let text = "---\ntitle: \"ok\"\ndate: [2024\n---\n# Heading\n";
        let parsed = parse(text);
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: YAML error at line "),
            "{error}"
        );
        assert_eq!(parsed.body, "# Heading\n");
        assert_eq!(parsed.body_line, 5);
        assert_eq!(parsed.metadata.title.as_deref(), Some("ok"));
        assert_eq!(parsed.metadata.date, None, "`[2024` is no date");
    }

    #[test]
    fn a_yaml_error_line_counts_from_the_top_of_the_file() {
        // Line 3 of the file has a second colon inside a plain value.
        let parsed = parse("---\ntitle: fine\ndate: a: b\n---\n");
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: YAML error at line 3, column"),
            "{error}"
        );
        assert!(
            !error.contains(" at line 3 column"),
            "position said twice: {error}"
        );
    }

    #[test]
    fn a_yaml_error_with_crlf_and_bom_still_returns_the_text() {
        let parsed = parse("\u{feff}---\r\ntitle: [\r\n---\r\nBody\r\n");
        assert!(parsed.error.is_some());
        assert_eq!(parsed.body, "Body\n");
        assert_eq!(parsed.body_line, 4);
    }

    #[test]
    fn a_yaml_error_without_a_position_names_the_block_lines() {
        let parsed = parse("---\n  bad: indent\nfoo: 1\n---\n");
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: YAML error in lines 2-3: "),
            "{error}"
        );
    }

    #[test]
    fn yaml_that_is_not_key_value_lines_is_an_error() {
        let parsed = parse("---\n- a\n- b\n---\nBody\n");
        assert_eq!(
            parsed.error.as_deref(),
            Some("front matter: YAML error at line 2: expected `key: value` lines")
        );
        assert_eq!(parsed.body, "Body\n");
        assert_eq!(parsed.metadata, Metadata::default(), "no key to read");
    }
}
