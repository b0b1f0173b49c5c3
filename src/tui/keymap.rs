//! Keys and mouse events to [`Action`]s. The table [`BINDINGS`] is also what the help
//! overlay shows, so the two cannot drift apart.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::action::{Action, KeyContext};
use super::jamo_keys::latin_key;

/// Every binding, as shown in the help overlay: keys, then what they do.
pub const BINDINGS: &[(&str, &str)] = &[
    ("j k  ↓ ↑", "move in the list · scroll the article a line"),
    ("Enter l →", "open the post · expand or collapse a category"),
    ("h ←", "collapse · go to the category · back to the list"),
    (
        "Tab S-Tab",
        "article, its links and ▸ summaries (Enter), then list",
    ),
    (
        "Enter",
        "in the article: fold or unfold the first ▸ summary seen",
    ),
    ("Space PgDn Ctrl-d", "page down"),
    ("b PgUp Ctrl-u", "page up"),
    ("g G Home End  [ ]", "top · bottom · previous · next post"),
    (
        "o O  { }",
        "outline · pin it on the right · previous · next heading",
    ),
    (
        "v s  z",
        "group by … · sort by … · hide the list (full width)",
    ),
    ("f", "links of the article · Enter follows the one chosen"),
    ("i", "pictures off · on again (remembered)"),
    (
        "Ctrl-o  Ctrl-n",
        "back · forward through jumps (Backspace also goes back)",
    ),
    ("e", "edit the post in $VISUAL · $EDITOR · vi at this line"),
    (
        "m '  u",
        "bookmark here · bookmarks (d deletes) · read or unread",
    ),
    ("#", "pick a hashtag to filter by (again: narrow further)"),
    ("/", "search titles, tags and text (초성 works: ㅅㅅㅎ)"),
    (
        "n N  t",
        "next · previous match · next tag chip (Enter: filter)",
    ),
    ("Esc", "clear the filter and highlights · close a popup"),
    (
        "wheel · click",
        "scroll the pane under the pointer · select · fold ▸",
    ),
    (
        "r  Ctrl-l  ~",
        "reload · redraw the screen · newest post from its top",
    ),
    (
        "?  q Ctrl-c",
        "this help (j k scroll, any other key closes) · quit",
    ),
    (
        "ㅓ ㅏ ㅗ ㅣ …",
        "the same keys with a Korean input method on",
    ),
];

/// The action for a terminal event in `context`, if it means anything. While a prompt is
/// open, printable keys are text; while the help is open, a key bound to nothing closes it
/// (what each action does to the help is the help overlay's own rule).
pub fn action_for(event: &Event, context: KeyContext) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release && context == KeyContext::Prompt => {
            prompt_action(key)
        }
        Event::Key(key) if key.kind != KeyEventKind::Release && context == KeyContext::Help => {
            // `q` closes the help, as it does in `less` and `man`; it does not quit.
            Some(match key_action(&as_latin(key)) {
                Some(Action::Quit) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    Action::Close
                }
                Some(action) => action,
                None => Action::Close,
            })
        }
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(&as_latin(key)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                x: mouse.column,
                y: mouse.row,
                delta: -3,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                x: mouse.column,
                y: mouse.row,
                delta: 3,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: mouse.column,
                y: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// `key` with a jamo typed through a Korean input method read as the Latin key at its
/// place (see [`latin_key`]); any other key as it is. Prompts never use this: there a
/// jamo is text.
fn as_latin(key: &KeyEvent) -> KeyEvent {
    match key.code {
        KeyCode::Char(c) => match latin_key(c, key.modifiers.contains(KeyModifiers::SHIFT)) {
            Some(latin) => KeyEvent {
                code: KeyCode::Char(latin),
                ..*key
            },
            None => *key,
        },
        _ => *key,
    }
}

fn prompt_action(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Char('l') if ctrl => Action::Redraw,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Action::Input(c),
        KeyCode::Backspace => Action::DeleteChar,
        KeyCode::Enter => Action::Open,
        KeyCode::Esc => Action::Close,
        KeyCode::Down | KeyCode::Tab => Action::Down,
        KeyCode::Up | KeyCode::BackTab => Action::Up,
        _ => return None,
    })
}

fn key_action(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            KeyCode::Char('d') => Some(Action::PageDown),
            KeyCode::Char('u') => Some(Action::PageUp),
            KeyCode::Char('l') => Some(Action::Redraw),
            KeyCode::Char('o') => Some(Action::HistoryBack),
            // Ctrl-i is Tab in most terminals (Tab switches focus), so Ctrl-n goes forward
            // too; a terminal that reports Ctrl-i apart from Tab gets it as well.
            KeyCode::Char('n' | 'i') => Some(Action::HistoryForward),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Action::Open,
        KeyCode::Char('h') | KeyCode::Left => Action::Back,
        KeyCode::Tab => Action::TabForward,
        KeyCode::BackTab => Action::TabBack,
        KeyCode::Char(' ') | KeyCode::PageDown => Action::PageDown,
        KeyCode::Char('b') | KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Char('[') => Action::PreviousPost,
        KeyCode::Char(']') => Action::NextPost,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('#') => Action::OpenTagPicker,
        KeyCode::Char('/') => Action::OpenSearch,
        KeyCode::Char('n') => Action::NextMatch,
        KeyCode::Char('N') => Action::PreviousMatch,
        KeyCode::Char('t') => Action::NextChip,
        KeyCode::Char('r') => Action::Reload,
        KeyCode::Char('o') => Action::OpenOutline,
        KeyCode::Char('O') => Action::TogglePinnedOutline,
        KeyCode::Char('i') => Action::TogglePictures,
        KeyCode::Char('z') => Action::ToggleSidebar,
        KeyCode::Char('v') => Action::CycleGrouping,
        KeyCode::Char('s') => Action::CycleSort,
        KeyCode::Char('{') => Action::PreviousHeading,
        KeyCode::Char('}') => Action::NextHeading,
        KeyCode::Char('f') => Action::OpenLinks,
        KeyCode::Backspace => Action::HistoryBack,
        KeyCode::Char('e') => Action::Edit,
        KeyCode::Char('u') => Action::ToggleRead,
        KeyCode::Char('~') => Action::StartFresh,
        KeyCode::Char('m') => Action::Mark,
        KeyCode::Char('\'') => Action::OpenBookmarks,
        KeyCode::Char('d') => Action::DeleteItem,
        KeyCode::Esc => Action::Close,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action_for_normal(event: &Event) -> Option<Action> {
        action_for(event, KeyContext::Panes)
    }

    fn typing() -> KeyContext {
        KeyContext::Prompt
    }

    #[test]
    fn movement_keys_scroll_the_help_instead_of_closing_it() {
        assert_eq!(
            action_for(
                &key(KeyCode::Char('j'), KeyModifiers::NONE),
                KeyContext::Help
            ),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(&key(KeyCode::PageUp, KeyModifiers::NONE), KeyContext::Help),
            Some(Action::PageUp)
        );
    }

    #[test]
    fn any_key_closes_the_help_and_so_does_q_while_ctrl_c_still_quits() {
        assert_eq!(
            action_for(
                &key(KeyCode::Char('x'), KeyModifiers::NONE),
                KeyContext::Help
            ),
            Some(Action::Close)
        );
        assert_eq!(
            action_for(
                &key(KeyCode::Char('q'), KeyModifiers::NONE),
                KeyContext::Help
            ),
            Some(Action::Close)
        );
        assert_eq!(
            action_for(
                &key(KeyCode::Char('c'), KeyModifiers::CONTROL),
                KeyContext::Help
            ),
            Some(Action::Quit)
        );
    }

    #[test]
    fn while_typing_letters_are_text_and_backspace_deletes() {
        let typed = action_for(&key(KeyCode::Char('q'), KeyModifiers::NONE), typing());
        assert_eq!(typed, Some(Action::Input('q')));
        assert_eq!(
            action_for(&key(KeyCode::Char('한'), KeyModifiers::NONE), typing()),
            Some(Action::Input('한'))
        );
        assert_eq!(
            action_for(&key(KeyCode::Backspace, KeyModifiers::NONE), typing()),
            Some(Action::DeleteChar)
        );
        assert_eq!(
            action_for(&key(KeyCode::Esc, KeyModifiers::NONE), typing()),
            Some(Action::Close)
        );
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn vim_keys_and_arrows_do_the_same() {
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            action_for_normal(&key(KeyCode::Down, KeyModifiers::NONE))
        );
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('h'), KeyModifiers::NONE)),
            Some(Action::Back)
        );
        assert_eq!(
            action_for_normal(&key(KeyCode::Right, KeyModifiers::NONE)),
            Some(Action::Open)
        );
    }

    #[test]
    fn ctrl_c_quits_and_ctrl_l_redraws() {
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('l'), KeyModifiers::CONTROL)),
            Some(Action::Redraw)
        );
    }

    #[test]
    fn jamo_from_a_korean_input_method_work_as_the_keys_at_their_place() {
        let jamo = |c| key(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action_for_normal(&jamo('ㅓ')), Some(Action::Down));
        assert_eq!(action_for_normal(&jamo('ㅏ')), Some(Action::Up));
        assert_eq!(action_for_normal(&jamo('ㅗ')), Some(Action::Back));
        assert_eq!(action_for_normal(&jamo('ㅣ')), Some(Action::Open));
        assert_eq!(action_for_normal(&jamo('ㅂ')), Some(Action::Quit));
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('ㅎ'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(&jamo('ㅓ'), KeyContext::Help),
            Some(Action::Down),
            "the help scrolls with jamo too"
        );
    }

    #[test]
    fn in_a_prompt_jamo_stay_text() {
        assert_eq!(
            action_for(&key(KeyCode::Char('ㅅ'), KeyModifiers::NONE), typing()),
            Some(Action::Input('ㅅ'))
        );
    }

    #[test]
    fn backspace_and_ctrl_o_go_back_and_ctrl_n_goes_forward_while_tab_still_moves_focus_forward() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            action_for_normal(&key(KeyCode::Backspace, none)),
            Some(Action::HistoryBack)
        );
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('o'), ctrl)),
            Some(Action::HistoryBack)
        );
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('n'), ctrl)),
            Some(Action::HistoryForward)
        );
        assert_eq!(
            action_for_normal(&key(KeyCode::Tab, none)),
            Some(Action::TabForward)
        );
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('o'), none)),
            Some(Action::OpenOutline)
        );
    }

    #[test]
    fn shifted_g_goes_to_the_bottom() {
        assert_eq!(
            action_for_normal(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
    }
}
