//! Helpers shared by the front-matter tests.

use chrono::NaiveDateTime;

use super::{Metadata, parse};
use crate::library::PostDate;

pub(super) fn date(text: &str) -> PostDate {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

pub(super) fn metadata(text: &str) -> Metadata {
    let parsed = parse(text);
    assert_eq!(parsed.error, None, "unexpected error for {text:?}");
    parsed.metadata
}
