//! TOML front matter (between `+++` lines) into loose values.

use super::loose::{FIRST_BLOCK_LINE, Fields, Loose, block_lines};

pub(super) fn read_toml(raw: &str) -> Result<Fields, String> {
    let table: ::toml::Table = ::toml::from_str(raw).map_err(|error| {
        // The message can span lines ("invalid string\nexpected ..."); the error is shown
        // on one status line.
        let message = error
            .message()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        match error.span() {
            Some(span) => {
                let before = raw.get(..span.start).unwrap_or(raw);
                let line = FIRST_BLOCK_LINE + before.matches('\n').count();
                format!("front matter: TOML error at line {line}: {message}")
            }
            None => format!(
                "front matter: TOML error in {}: {message}",
                block_lines(raw)
            ),
        }
    })?;
    Ok(table
        .into_iter()
        .map(|(key, value)| (key.to_lowercase(), from_toml(value)))
        .collect())
}

fn from_toml(value: ::toml::Value) -> Loose {
    use ::toml::Value;
    match value {
        Value::String(text) => Loose::Text(text),
        Value::Integer(number) => Loose::Text(number.to_string()),
        Value::Float(number) => Loose::Text(number.to_string()),
        Value::Boolean(flag) => Loose::Text(flag.to_string()),
        // Displayed in RFC 3339 form, which `parse_date` reads back.
        Value::Datetime(datetime) => Loose::Text(datetime.to_string()),
        Value::Array(items) => Loose::List(items.into_iter().map(from_toml).collect()),
        Value::Table(_) => Loose::Other,
    }
}

#[cfg(test)]
mod tests {
    use crate::library::front_matter::testing::{date, metadata};
    use crate::library::front_matter::{Format, parse};

    #[test]
    fn toml_front_matter_between_plus_lines_is_read() {
        let parsed = parse(
            "+++\ntitle = \"Hugo post\"\ndate = 2024-05-01T08:30:00+09:00\ncategories = [\"Web\"]\ntags = [\"hugo\", \"#go\"]\ndescription = \"Summary\"\n+++\n\nBody\n",
        );
        assert_eq!(parsed.error, None);
        assert_eq!(parsed.format, Some(Format::Toml));
        let meta = parsed.metadata;
        assert_eq!(meta.title.as_deref(), Some("Hugo post"));
        assert_eq!(meta.date, Some(date("2024-05-01 08:30:00")));
        assert_eq!(meta.categories, ["Web"]);
        assert_eq!(meta.tags, ["hugo", "go"]);
        assert_eq!(meta.description.as_deref(), Some("Summary"));
        assert_eq!(parsed.body, "\nBody\n");
        assert_eq!(parsed.body_line, 8);
    }

    #[test]
    fn toml_local_dates_and_date_times_are_read() {
        assert_eq!(
            metadata("+++\ndate = 2023-04-05\n+++\n").date,
            Some(date("2023-04-05 00:00:00"))
        );
        assert_eq!(
            metadata("+++\ndate = 2023-04-05T06:07:08\n+++\n").date,
            Some(date("2023-04-05 06:07:08"))
        );
        assert_eq!(
            metadata("+++\ndate = \"2023-04-05 06:07\"\n+++\n").date,
            Some(date("2023-04-05 06:07:00"))
        );
    }

    #[test]
    fn a_toml_error_names_the_line_in_the_file() {
        let text = "+++\ntitle = \"ok\"\ntags = [\"a\",\n+++\nBody\n";
        let parsed = parse(text);
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: TOML error at line "),
            "{error}"
        );
        assert_eq!(parsed.body, "Body\n");
        assert_eq!(parsed.body_line, 5);
        assert_eq!(parsed.metadata.title.as_deref(), Some("ok"));
        assert!(text.contains("tags"));
    }

    #[test]
    fn a_toml_error_on_a_given_line_reports_that_line() {
        let parsed = parse("+++\ntitle = \"ok\"\nthis is not toml\n+++\n");
        let error = parsed.error.unwrap();
        assert!(
            error.starts_with("front matter: TOML error at line 3:"),
            "{error}"
        );
    }
}
