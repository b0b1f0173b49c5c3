//! Links chosen by keyboard and links a click opens: Tab through the links of the article
//! (the status line says where each leads, Enter follows), and OSC 8 hyperlinks whose URL
//! can never carry a control byte to the terminal. Driven through `App::handle`; the bytes
//! checked are the ones ratatui's crossterm backend writes.

mod common;

use std::path::PathBuf;

use common::app_screen::{dated_post, screen};
use geul::library::Post;
use geul::tui::action::Action;
use geul::tui::app::{App, AppSettings, Effect, Focus};
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;

fn post(name: &str, title: &str, day: u32, body: &str) -> Post {
    dated_post(name, title, day, body)
}

fn blog() -> Vec<Post> {
    vec![
        post(
            "links.md",
            "링크 모음",
            20,
            "처음은 [러스트 문서](https://doc.rust-lang.org/) 입니다.\n\n\
             다음은 [옆 글](other.md) 이고\n\n\
             마지막은 [메일](mailto:me@example.com) 입니다.\n",
        ),
        post("other.md", "옆 글", 10, "옆 글의 본문입니다.\n"),
    ]
}

fn app(posts: Vec<Post>, settings: AppSettings) -> App {
    App::new(
        PathBuf::from("/blog"),
        posts,
        settings,
        Rect::new(0, 0, 90, 20),
    )
}

fn status(app: &App) -> String {
    screen(app).lines().last().unwrap_or_default().to_string()
}

#[test]
fn tab_goes_to_the_article_then_through_its_links_saying_where_each_leads_then_back() {
    let mut app = app(blog(), AppSettings::default());
    assert_eq!(app.focus, Focus::Sidebar);
    app.handle(Action::TabForward);
    assert_eq!(app.focus, Focus::Article, "first to the article");
    assert!(app.reader.link.is_none());
    app.handle(Action::TabForward);
    assert!(
        status(&app).contains("opens https://doc.rust-lang.org/"),
        "{}",
        status(&app)
    );
    app.handle(Action::TabForward);
    assert!(status(&app).contains("→ other.md"), "{}", status(&app));
    app.handle(Action::TabForward);
    assert!(
        status(&app).contains("opens mailto:me@example.com"),
        "{}",
        status(&app)
    );
    app.handle(Action::TabBack);
    assert!(status(&app).contains("→ other.md"), "Shift-Tab goes back");
    app.handle(Action::TabForward);
    app.handle(Action::TabForward);
    assert_eq!(app.focus, Focus::Sidebar, "after the last link, the list");
    assert!(app.reader.link.is_none());
}

#[test]
fn what_m_says_shows_while_a_link_is_chosen_and_the_link_comes_back_at_the_next_key() {
    let mut app = app(blog(), AppSettings::default());
    app.handle(Action::TabForward);
    app.handle(Action::TabForward);
    assert!(status(&app).contains("opens https://doc.rust-lang.org/"));
    app.handle(Action::Mark);
    assert!(status(&app).contains("marked line"), "{}", status(&app));
    app.handle(Action::ToggleRead);
    assert!(status(&app).contains("marked read"), "{}", status(&app));
    app.handle(Action::Redraw);
    assert!(
        status(&app).contains("marked read"),
        "a redraw is not a key"
    );
    app.handle(Action::Down);
    assert!(
        status(&app).contains("opens https://doc.rust-lang.org/"),
        "{}",
        status(&app)
    );
}

#[test]
fn enter_on_a_link_chosen_with_tab_opens_the_post_it_leads_to_and_backspace_comes_back() {
    let mut app = app(blog(), AppSettings::default());
    let links = app.reader.open;
    app.handle(Action::TabForward);
    app.handle(Action::TabForward);
    app.handle(Action::TabForward);
    let effects = app.handle(Action::Open);
    assert!(effects.is_empty(), "{effects:?}");
    let shown: String = screen(&app).split_whitespace().collect();
    assert!(shown.contains("옆글의본문입니다."), "{shown}");
    app.handle(Action::HistoryBack);
    assert_eq!(app.reader.open, links);
}

#[test]
fn enter_on_a_web_link_asks_the_event_loop_to_open_it_and_starts_nothing_itself() {
    let mut app = app(blog(), AppSettings::default());
    app.handle(Action::TabForward);
    app.handle(Action::TabForward);
    let effects = app.handle(Action::Open);
    assert!(
        effects.contains(&Effect::OpenUrl("https://doc.rust-lang.org/".into())),
        "{effects:?}"
    );
}

#[test]
fn the_chosen_link_is_highlighted_and_esc_lets_it_go() {
    let mut app = app(blog(), AppSettings::default());
    let theme = app.settings.theme.clone();
    app.handle(Action::TabForward);
    app.handle(Action::TabForward);
    let mut terminal = Terminal::new(TestBackend::new(90, 20)).expect("backend");
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .expect("draw");
    let chosen = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.symbol() != " " && c.bg == theme.link_chosen.bg.unwrap_or_default())
        .map(|c| c.symbol())
        .collect::<String>();
    assert_eq!(chosen, "러스트문서(https://doc.rust-lang.org/)");
    app.handle(Action::Close);
    assert!(app.reader.link.is_none());
}

/// What the backend wrote, kept where the test can read it.
#[derive(Clone, Default)]
struct Written(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Written {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every escape sequence in `bytes`, as text: CSI sequences whole, OSC sequences whole.
fn escape_sequences(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != 0x1b {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        match bytes.get(i) {
            Some(b'[') => {
                i += 1;
                while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                    i += 1;
                }
                i += 1;
            }
            Some(b']') => {
                while i < bytes.len() && !(bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'\\')) {
                    i += 1;
                }
                i += 2;
            }
            _ => i += 1,
        }
        found.push(bytes[start..i.min(bytes.len())].to_vec());
    }
    found
}

#[test]
fn no_control_byte_of_a_posts_link_url_reaches_the_terminal_inside_osc_8() {
    let hostile = "[함정](<https://evil.example/a\u{1b}]8;;https://other.example\u{7}b\u{9c}c\u{7f}>) 과 \
                   [보통](https://ok.example/경로?q=1)\n";
    let settings = AppSettings {
        hyperlinks: true,
        ..AppSettings::default()
    };
    let mut app = app(vec![post("trap.md", "함정", 1, hostile)], settings);
    app.handle(Action::TabForward);
    let written = Written::default();
    let mut terminal = Terminal::new(CrosstermBackend::new(written.clone())).expect("backend");
    terminal
        .resize(Rect::new(0, 0, 90, 20))
        .expect("a size for the test terminal");
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .expect("draw");
    let bytes = written.0.borrow().clone();
    let sequences = escape_sequences(&bytes);
    let links: Vec<&Vec<u8>> = sequences
        .iter()
        .filter(|s| s.starts_with(b"\x1b]8;"))
        .collect();
    assert!(
        links.iter().any(|s| s
            .windows(31)
            .any(|w| w == b"https://ok.example/%EA%B2%BD%EB")),
        "the plain link is a hyperlink, its Korean percent-encoded"
    );
    for sequence in &sequences {
        if sequence.starts_with(b"\x1b]") {
            assert!(sequence.starts_with(b"\x1b]8;"), "only OSC 8: {sequence:?}");
            let payload = &sequence[2..sequence.len() - 2];
            assert!(
                payload.iter().all(|b| (0x20..0x7f).contains(b)),
                "only printable ASCII inside: {:?}",
                String::from_utf8_lossy(sequence)
            );
        } else {
            assert!(
                sequence.starts_with(b"\x1b["),
                "only CSI otherwise: {sequence:?}"
            );
        }
    }
    // The article shows a control character as its visible symbol (ESC as ␛), and the
    // link carries what is shown, percent-encoded.
    let smuggled = b"/a%E2%90%9B]8;;https://other.example%E2%90%87b";
    assert!(
        links
            .iter()
            .any(|s| s.windows(smuggled.len()).any(|w| w == smuggled)),
        "the sequence hidden in the hostile URL stays inside it, harmless"
    );
}
