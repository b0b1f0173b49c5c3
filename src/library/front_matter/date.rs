//! Publication dates in the forms blogs write them.

use std::sync::OnceLock;

use chrono::DateTime;
use chrono::NaiveTime;
use chrono::format::{Item, Parsed, StrftimeItems};

use crate::library::PostDate;

/// Reads a publication date in any of the forms blogs write it, keeping the date and time
/// as written (a UTC offset is dropped, not applied: the author's wall clock is what the
/// reader expects to see).
///
/// Accepted: `2025-11-20`, `2025/11/20`, `2025.11.20`, `2020-07-14 09:48`,
/// `2020-07-14 09:48:00`, `2020-07-14T09:48:00.123`, RFC 3339 such as
/// `2024-05-01T08:30:00+09:00` or `...Z`, and Jekyll's `2024-05-01 08:30:00 +0900`.
/// A date alone gets midnight.
pub fn parse_date(value: &str) -> Option<PostDate> {
    let value = value.trim();
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(value) {
        return Some(with_offset.naive_local());
    }
    let forms = forms();
    for items in &forms.with_offset {
        if let Some(with_offset) = parsed(value, items).and_then(|p| p.to_datetime().ok()) {
            return Some(with_offset.naive_local());
        }
    }
    for items in &forms.local {
        if let Some(local) =
            parsed(value, items).and_then(|p| p.to_naive_datetime_with_offset(0).ok())
        {
            return Some(local);
        }
    }
    for items in &forms.date {
        if let Some(date) = parsed(value, items).and_then(|p| p.to_naive_date().ok()) {
            return Some(date.and_time(NaiveTime::MIN));
        }
    }
    None
}

/// The date forms, each a format string parsed once into chrono's items: a folder of
/// thousands of posts would otherwise parse the same format strings thousands of times.
struct Forms {
    with_offset: Vec<Vec<Item<'static>>>,
    local: Vec<Vec<Item<'static>>>,
    date: Vec<Vec<Item<'static>>>,
}

fn forms() -> &'static Forms {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    FORMS.get_or_init(|| {
        let items = |forms: &[&'static str]| -> Vec<Vec<Item<'static>>> {
            forms
                .iter()
                .map(|form| StrftimeItems::new(form).collect())
                .collect()
        };
        Forms {
            with_offset: items(&[
                "%Y-%m-%d %H:%M:%S%.f %z",
                "%Y-%m-%d %H:%M %z",
                "%Y-%m-%dT%H:%M:%S%.f%z",
                "%Y-%m-%dT%H:%M%z",
            ]),
            local: items(&[
                "%Y-%m-%d %H:%M:%S%.f",
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M",
                "%Y-%m-%dT%H:%M",
            ]),
            date: items(&["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]),
        }
    })
}

/// `value` read whole with `items`, or `None` where it does not fit them.
fn parsed(value: &str, items: &[Item<'static>]) -> Option<Parsed> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, value, items.iter()).ok()?;
    Some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::front_matter::parse;
    use crate::library::front_matter::testing::{date, metadata};

    #[test]
    fn a_bare_date_is_read_as_midnight() {
        assert_eq!(
            metadata("---\ndate: 2025-11-20\n---\n").date,
            Some(date("2025-11-20 00:00:00"))
        );
    }

    #[test]
    fn a_quoted_date_is_read() {
        assert_eq!(
            metadata("---\ndate: '2025-11-20'\n---\n").date,
            Some(date("2025-11-20 00:00:00"))
        );
    }

    #[test]
    fn a_date_with_hours_and_minutes_is_read() {
        assert_eq!(
            metadata("---\ndate: 2020-07-14 09:48\n---\n").date,
            Some(date("2020-07-14 09:48:00"))
        );
    }

    #[test]
    fn a_date_with_seconds_is_read() {
        assert_eq!(
            metadata("---\ndate: 2020-07-14 09:48:31\n---\n").date,
            Some(date("2020-07-14 09:48:31"))
        );
    }

    #[test]
    fn an_rfc3339_date_keeps_the_local_time_as_written() {
        let meta = metadata("---\ndate: 2024-05-01T08:30:00+09:00\n---\n");
        assert_eq!(meta.date, Some(date("2024-05-01 08:30:00")));
        let utc = metadata("---\ndate: \"2024-05-01T23:30:00Z\"\n---\n");
        assert_eq!(utc.date, Some(date("2024-05-01 23:30:00")));
    }

    #[test]
    fn a_jekyll_date_with_a_numeric_offset_keeps_the_local_time() {
        let meta = metadata("---\ndate: 2019-03-02 10:15:00 +0900\n---\n");
        assert_eq!(meta.date, Some(date("2019-03-02 10:15:00")));
    }

    #[test]
    fn dates_with_slashes_or_dots_are_read() {
        assert_eq!(parse_date("2023/01/05"), Some(date("2023-01-05 00:00:00")));
        assert_eq!(parse_date("2023.01.05"), Some(date("2023-01-05 00:00:00")));
    }

    #[test]
    fn an_unreadable_date_is_left_empty_without_an_error() {
        let parsed = parse("---\ndate: someday\ntitle: x\n---\n");
        assert_eq!(parsed.error, None);
        assert_eq!(parsed.metadata.date, None);
        assert_eq!(parse_date("2023-02-30"), None);
    }
}
