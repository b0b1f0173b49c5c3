//! The status line: where you are, what is filtered or found, and what keys do. Like
//! every pane it writes through `put_line`, which draws each grapheme in display form, so
//! a notice holding a file name cannot drive the terminal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::library::posts::Failures;
use crate::styled::{Theme, truncate};
use crate::text::str_width;
use crate::tui::cells::put_line;
use crate::tui::reader::ArticleSearch;

/// What the status line shows.
#[derive(Debug, Clone, Copy)]
pub struct StatusLine<'a> {
    /// Position of the open post among the posts shown (1-based, 0 when none) and their
    /// count.
    pub position: (usize, usize),
    /// How far through the open article the view is, when one is open.
    pub percent: Option<u16>,
    /// Tags every shown post carries.
    pub tag_filter: &'a [String],
    /// The query highlighted in the article.
    pub search: Option<&'a ArticleSearch>,
    /// A one-off message.
    pub notice: Option<&'a str>,
    /// How many posts could not be read, and how many did not parse.
    pub failures: Failures,
    /// How many places of the folder the walk passed over (dangling or looping links,
    /// unreadable folders).
    pub skipped: usize,
    /// While the folder is read: posts read and found so far, and whether the folder is
    /// walked (so the second count is the total).
    pub reading: Option<(usize, usize, bool)>,
    /// Once the folder is read and while its search index is still built: posts indexed
    /// and posts there are.
    pub indexing: Option<(usize, usize)>,
    /// What to say about how the folder is watched, when it is not watched as usual.
    pub watch: Option<&'a str>,
    /// The whole title of the post selected in the list when the list had to cut it: shown
    /// in the room the rest leaves, never pushing the key hints out.
    pub full_title: Option<&'a str>,
    /// Palette.
    pub theme: &'a Theme,
}

impl StatusLine<'_> {
    fn left(&self) -> Vec<Span<'static>> {
        let theme = self.theme;
        let on_status = theme.status.bg.unwrap_or_default();
        let (index, total) = self.position;
        let mut left = vec![Span::styled(format!(" {index}/{total} "), theme.status)];
        if let Some((read, found, walked)) = self.reading {
            let text = match (found, walked) {
                (0, _) => "· reading the folder… ".to_string(),
                (found, true) => format!("· reading {}/{} ", thousands(read), thousands(found)),
                (found, false) => format!("· reading {}/{}… ", thousands(read), thousands(found)),
            };
            left.push(Span::styled(text, theme.accent.bg(on_status)));
        } else if let Some((indexed, total)) = self.indexing {
            let text = format!("· indexing {}/{}… ", thousands(indexed), thousands(total));
            left.push(Span::styled(text, theme.accent.bg(on_status)));
        }
        if let Some(percent) = self.percent {
            left.push(Span::styled(format!("· {percent}% "), theme.status));
        }
        if !self.tag_filter.is_empty() {
            let tags: Vec<String> = self.tag_filter.iter().map(|t| format!("#{t}")).collect();
            left.push(Span::styled(
                format!("· filter {} (Esc clears) ", tags.join(" + ")),
                theme.key.bg(on_status),
            ));
        }
        if let Some(search) = self.search {
            let text = if search.matches.is_empty() {
                format!("· “{}” not in this post ", search.query)
            } else {
                format!("· match {}/{} ", search.current + 1, search.matches.len())
            };
            left.push(Span::styled(text, theme.status));
        }
        if let Some(notice) = self.notice {
            left.push(Span::styled(format!("· {notice} "), theme.status));
        }
        if let Some(watch) = self.watch {
            left.push(Span::styled(format!("· {watch} "), theme.status));
        }
        let posts = |n: usize| if n == 1 { "post" } else { "posts" };
        let Failures {
            unreadable,
            unparsed,
        } = self.failures;
        if unparsed > 0 {
            left.push(Span::styled(
                format!("· {unparsed} {} failed to parse ", posts(unparsed)),
                theme.error.bg(on_status),
            ));
        }
        if unreadable > 0 {
            left.push(Span::styled(
                format!("· {unreadable} {} could not be read ", posts(unreadable)),
                theme.error.bg(on_status),
            ));
        }
        if self.skipped > 0 {
            let noun = if self.skipped == 1 { "place" } else { "places" };
            left.push(Span::styled(
                format!("· {} {noun} skipped (geul list says which) ", self.skipped),
                theme.error.bg(on_status),
            ));
        }
        left
    }

    fn right(&self) -> Vec<Span<'static>> {
        let theme = self.theme;
        let hints = [("?", "help"), ("/", "search"), ("#", "tags"), ("q", "quit")];
        let mut right = Vec::new();
        for (key, what) in hints {
            right.push(Span::styled(
                format!(" {key}"),
                theme.key.bg(theme.status.bg.unwrap_or_default()),
            ));
            right.push(Span::styled(format!(" {what}"), theme.status));
        }
        right.push(Span::styled(" ", theme.status));
        right
    }
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut left = self.left();
        let right = self.right();
        let mut left_w: usize = left.iter().map(|s| str_width(&s.content)).sum();
        let right_w: usize = right.iter().map(|s| str_width(&s.content)).sum();
        let width = usize::from(area.width);
        let room = width.saturating_sub(left_w + right_w);
        // `·` may be drawn two columns wide: measured, not counted.
        let frame = str_width("·  ");
        if let Some(title) = self.full_title
            && room > frame + 5
        {
            let title = format!("· {} ", truncate(title, room - frame));
            left_w += str_width(&title);
            left.push(Span::styled(title, theme.status));
        }
        let mut spans = left;
        if left_w + right_w <= width {
            spans.push(Span::styled(
                " ".repeat(width - left_w - right_w),
                theme.status,
            ));
            spans.extend(right);
        } else {
            spans.push(Span::styled(
                " ".repeat(width.saturating_sub(left_w)),
                theme.status,
            ));
        }
        put_line(buf, area.x, area.y, area.width, &Line::from(spans));
    }
}

/// `n` with a comma between thousands: `7,975`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::cells::buffer_rows;

    fn status<'a>(theme: &'a Theme, filter: &'a [String]) -> StatusLine<'a> {
        StatusLine {
            position: (3, 21),
            percent: Some(40),
            tag_filter: filter,
            search: None,
            notice: None,
            failures: Failures::default(),
            skipped: 0,
            reading: None,
            indexing: None,
            watch: None,
            full_title: None,
            theme,
        }
    }

    #[test]
    fn a_cut_title_takes_the_room_left_and_the_key_hints_stay() {
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 1));
        StatusLine {
            full_title: Some("아주 긴 제목은 상태 줄에서 보입니다"),
            ..status(&theme, &[])
        }
        .render(buf.area, &mut buf);
        assert_eq!(
            buffer_rows(&buf),
            [" 3/21 · 40% · 아주 긴 제목…   ? help / search # tags q quit "]
        );
    }

    #[test]
    fn the_status_line_shows_the_place_and_the_key_hints() {
        let theme = Theme::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 1));
        status(&theme, &[]).render(buf.area, &mut buf);
        assert_eq!(
            buffer_rows(&buf),
            [format!(
                " 3/21 · 40% {}? help / search # tags q quit ",
                " ".repeat(18)
            )]
        );
    }

    #[test]
    fn a_filter_and_load_errors_are_said_and_the_hints_give_way() {
        let theme = Theme::default();
        let filter = ["생성형AI".to_string()];
        let mut line = status(&theme, &filter);
        line.failures = Failures {
            unparsed: 2,
            unreadable: 0,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 70, 1));
        line.render(buf.area, &mut buf);
        let rows = buffer_rows(&buf);
        assert!(
            rows[0].starts_with(" 3/21 · 40% · filter #생성형AI (Esc clears) · 2 posts failed"),
            "{rows:?}"
        );
        assert!(!rows[0].contains("quit"), "{rows:?}");
    }

    #[test]
    fn posts_that_could_not_be_read_are_told_apart_from_posts_that_did_not_parse() {
        let theme = Theme::default();
        let mut line = status(&theme, &[]);
        line.failures = Failures {
            unparsed: 1,
            unreadable: 3,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 100, 1));
        line.render(buf.area, &mut buf);
        let rows = buffer_rows(&buf);
        assert!(
            rows[0].starts_with(" 3/21 · 40% · 1 post failed to parse · 3 posts could not be read"),
            "{rows:?}"
        );
    }

    #[test]
    fn places_the_walk_passed_over_are_counted() {
        let theme = Theme::default();
        let mut line = status(&theme, &[]);
        line.skipped = 2;
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 1));
        line.render(buf.area, &mut buf);
        let rows = buffer_rows(&buf);
        assert!(
            rows[0].starts_with(" 3/21 · 40% · 2 places skipped (geul list says which)"),
            "{rows:?}"
        );
    }

    #[test]
    fn while_the_folder_is_read_the_status_line_says_so() {
        let theme = Theme::default();
        let mut line = status(&theme, &[]);
        line.position = (0, 0);
        line.percent = None;
        line.reading = Some((0, 0, false));
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 1));
        line.render(buf.area, &mut buf);
        assert!(buffer_rows(&buf)[0].starts_with(" 0/0 · reading the folder… "));
        line.reading = Some((3200, 7975, true));
        line.render(buf.area, &mut buf);
        assert!(buffer_rows(&buf)[0].starts_with(" 0/0 · reading 3,200/7,975 "));
        line.reading = Some((10, 1200, false));
        line.render(buf.area, &mut buf);
        assert!(
            buffer_rows(&buf)[0].starts_with(" 0/0 · reading 10/1,200… "),
            "still walking"
        );
    }
}
