//! How a post's row in the sidebar shares its columns between the title and the date, so
//! titles stay readable in a narrow sidebar and in a blog whose titles all begin alike:
//! - a bracketed prefix that repeats the post's group (`[LangChain] …` under LangChain) is
//!   dimmed, and dropped when the title does not fit;
//! - the date shrinks (`25.11.20`, then `11.20`, then nothing) before the title would be
//!   cut to fewer than [`TITLE_KEPT`] columns.

use chrono::NaiveDateTime;

use crate::library::Post;
use crate::styled::truncate;
use crate::text::display_text;
use crate::text::str_width;
use crate::tui::sidebar::Sidebar;

/// The fewest columns a title is cut to while a date could give way instead.
pub const TITLE_KEPT: usize = 12;

/// A post row laid out for a width: what to show of the title and of the date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostRow {
    /// The group prefix kept before the title, to be dimmed (`[LangChain] `), if any.
    pub prefix: String,
    /// The title, cut with an ellipsis if it had to be.
    pub title: String,
    /// Spaces between the title and the date (at least one when there is a date).
    pub pad: usize,
    /// The date as shown (`25.11.20`, `11.20`), or nothing.
    pub date: String,
    /// Whether the title (or its prefix) was cut or dropped to fit.
    pub cut: bool,
}

/// Lays out a row of `width` columns (the row's mark excluded) for `title` (already in
/// display form) in group `group`, dated `date`.
pub fn post_row(title: &str, group: &str, date: Option<NaiveDateTime>, width: usize) -> PostRow {
    let (prefix, rest) = split_group_prefix(title, group);
    let dates: Vec<String> = match date {
        Some(d) => vec![
            d.format("%y.%m.%d").to_string(),
            d.format("%m.%d").to_string(),
            String::new(),
        ],
        None => vec![String::new()],
    };
    let room_beside = |date: &str| {
        let taken = if date.is_empty() {
            0
        } else {
            str_width(date) + 1
        };
        width.saturating_sub(taken)
    };
    let whole = str_width(prefix) + str_width(rest);
    let widest = dates.first().map_or(width, |d| room_beside(d));
    // With the widest date: the whole title, else the title without the prefix (which
    // only repeats the group heading above). Only then does the date give way.
    let (prefix, rest) = if whole <= widest {
        (prefix, rest)
    } else {
        ("", rest)
    };
    let wanted = str_width(prefix) + str_width(rest);
    let dropped_prefix = wanted < whole;
    // The widest date that leaves the title whole, or at least TITLE_KEPT columns.
    let date = dates
        .iter()
        .find(|d| room_beside(d) >= wanted.min(TITLE_KEPT))
        .or(dates.last())
        .cloned()
        .unwrap_or_default();
    let room = room_beside(&date);
    let (prefix, title, cut) = if wanted <= room {
        (prefix.to_string(), rest.to_string(), dropped_prefix)
    } else {
        (String::new(), truncate(rest, room).into_owned(), true)
    };
    let used = str_width(&prefix) + str_width(&title);
    let pad = if date.is_empty() {
        0
    } else {
        room.saturating_sub(used) + 1
    };
    PostRow {
        prefix,
        title,
        pad,
        date,
        cut,
    }
}

/// The row of the post `post` listed in group `group` of `sidebar`, for a list `width`
/// columns wide (its two-column mark included).
pub fn sidebar_row(sidebar: &Sidebar, group: usize, post: &Post, width: usize) -> PostRow {
    let group = sidebar.groups().get(group).map_or("", |g| g.name.as_str());
    post_row(
        &display_text(&post.title),
        group,
        post.date,
        width.saturating_sub(2),
    )
}

/// `[Group] rest` as the prefix (with its space) and the rest, when the bracketed text is
/// the group's name (or the last part of a folder group), ignoring case; else no prefix.
fn split_group_prefix<'t>(title: &'t str, group: &str) -> (&'t str, &'t str) {
    let group = group.rsplit('/').next().unwrap_or(group).trim();
    let Some(inner_end) = title.strip_prefix('[').and_then(|t| t.find(']')) else {
        return ("", title);
    };
    let inner = &title[1..=inner_end];
    let after = &title[inner_end + 2..];
    let rest = after.trim_start();
    if group.is_empty() || rest.is_empty() || !inner.trim().eq_ignore_ascii_case(group) {
        return ("", title);
    }
    let prefix_len = title.len() - rest.len();
    (&title[..prefix_len], rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Option<NaiveDateTime> {
        chrono::NaiveDate::from_ymd_opt(2025, 11, 20).and_then(|d| d.and_hms_opt(0, 0, 0))
    }

    /// The row as it reads: prefix, title, padding, date.
    fn shown(row: &PostRow) -> String {
        format!(
            "{}{}{}{}",
            row.prefix,
            row.title,
            " ".repeat(row.pad),
            row.date
        )
    }

    const TITLE: &str = "[LangChain] 에이전트로 검색 도구 만들기";

    #[test]
    fn at_fifty_columns_the_whole_title_and_the_date_fit_and_the_prefix_is_kept_to_dim() {
        let row = post_row(TITLE, "LangChain", date(), 48);
        assert_eq!(row.prefix, "[LangChain] ");
        assert_eq!(
            shown(&row),
            "[LangChain] 에이전트로 검색 도구 만들기 25.11.20"
        );
        assert!(!row.cut);
        assert_eq!(str_width(&shown(&row)), 48);
    }

    #[test]
    fn at_thirty_four_columns_the_prefix_gives_way_first_and_the_date_stays() {
        let row = post_row(TITLE, "LangChain", date(), 32);
        assert_eq!(shown(&row), "에이전트로 검색 도구 …  25.11.20");
        assert!(row.cut);
        assert_eq!(str_width(&shown(&row)), 32);
    }

    #[test]
    fn at_twenty_four_columns_the_date_keeps_its_year_while_the_title_keeps_twelve() {
        let row = post_row(TITLE, "LangChain", date(), 22);
        assert_eq!(shown(&row), "에이전트로 …  25.11.20");
        assert_eq!(str_width(&shown(&row)), 22);
    }

    #[test]
    fn narrower_the_date_shrinks_to_month_and_day_then_goes() {
        let row = post_row(TITLE, "LangChain", date(), 18);
        assert_eq!(shown(&row), "에이전트로 … 11.20");
        let row = post_row(TITLE, "LangChain", date(), 14);
        assert_eq!(shown(&row), "에이전트로 검…", "at 16 columns: no date");
        assert_eq!(row.date, "");
    }

    #[test]
    fn the_prefix_goes_before_the_date_does() {
        let row = post_row(TITLE, "LangChain", date(), 41);
        assert_eq!(shown(&row), "에이전트로 검색 도구 만들기      25.11.20");
        assert_eq!(str_width(&shown(&row)), 41);
        assert!(row.cut, "the status line shows the whole title");
    }

    #[test]
    fn a_short_title_keeps_the_whole_date_even_in_a_narrow_row() {
        let row = post_row("짧은 글", "일기", date(), 16);
        assert_eq!(shown(&row), "짧은 글 25.11.20");
        assert!(!row.cut);
    }

    #[test]
    fn a_prefix_that_is_not_the_group_is_part_of_the_title() {
        let row = post_row("[공지] 이사했습니다", "LangChain", date(), 40);
        assert_eq!(row.prefix, "");
        assert!(row.title.starts_with("[공지]"));
    }

    #[test]
    fn a_folder_group_matches_its_last_part_and_case_is_ignored() {
        let (prefix, rest) = split_group_prefix("[langchain] 글", "dev/LangChain");
        assert_eq!((prefix, rest), ("[langchain] ", "글"));
        assert_eq!(
            split_group_prefix("[LangChain]", "LangChain"),
            ("", "[LangChain]")
        );
    }

    #[test]
    fn an_undated_post_gives_the_title_the_whole_row() {
        let row = post_row("날짜 없는 글", "일기", None, 30);
        assert_eq!(row.date, "");
        assert_eq!(row.pad, 0);
    }
}
