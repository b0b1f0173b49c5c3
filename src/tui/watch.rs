//! Watching the folder, so a post saved in an editor shows without `r`.
//!
//! notify's watcher (inotify on Linux) reports changes; where the system cannot watch (a
//! network file system, too many watches) geul falls back to notify's polling of
//! modification times, and the status line says so. A thread of geul's own drops the
//! events that change nothing (a file opened or read: geul's own reading of the folder
//! makes those, so counting them would read the folder again and again) and waits until
//! the folder has been quiet for a moment, so an editor's write-to-temp-then-rename
//! arrives as one change. The changes reach the event loop as a worker message.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread;
use std::time::Duration;

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::worker::Message;

/// How long the folder must be quiet before a change is reported: long enough to cover
/// an editor's save (write, rename, chmod), short enough to feel immediate.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// How often the polling fallback compares modification times.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// How the folder is being watched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchMode {
    /// The user turned watching off (`--no-watch`, `watch = false`).
    Off,
    /// The system reports changes.
    Events,
    /// The system could not watch; modification times are polled.
    Polling,
    /// Neither worked; only `r` reads the folder again. Holds why.
    Failed(String),
}

/// A running watch of the folder; dropping it stops watching (and its thread).
pub enum FolderWatch {
    /// Watching with the system's events.
    Events(RecommendedWatcher),
    /// Watching by polling.
    Polling(PollWatcher),
}

type RawEvents = Receiver<notify::Result<notify::Event>>;

impl FolderWatch {
    /// Starts watching `root` recursively, sending changes as [`Message::FolderChanged`]
    /// to `messages`. Returns the watch (if any) and how it watches.
    pub fn start(root: &Path, messages: &Sender<Message>) -> (Option<FolderWatch>, WatchMode) {
        let (raw, events) = channel();
        let error = match RecommendedWatcher::new(raw, notify::Config::default())
            .and_then(|w| watching(w, root))
        {
            Ok(watcher) => {
                debounce_on_a_thread(events, messages.clone());
                return (Some(FolderWatch::Events(watcher)), WatchMode::Events);
            }
            Err(error) => error,
        };
        let (raw, events) = channel();
        let polling = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        match PollWatcher::new(raw, polling).and_then(|w| watching(w, root)) {
            Ok(watcher) => {
                debounce_on_a_thread(events, messages.clone());
                (Some(FolderWatch::Polling(watcher)), WatchMode::Polling)
            }
            Err(poll_error) => (
                None,
                WatchMode::Failed(format!("{error}; polling: {poll_error}")),
            ),
        }
    }
}

fn watching<W: Watcher>(mut watcher: W, root: &Path) -> notify::Result<W> {
    watcher.watch(root, RecursiveMode::Recursive)?;
    Ok(watcher)
}

/// Whether an event can change what is in the folder: not an open, read or close, and
/// not a new access time.
fn changes_something(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

fn debounce_on_a_thread(events: RawEvents, messages: Sender<Message>) {
    let spawned = thread::Builder::new()
        .name("geul-watch".into())
        .spawn(move || debounce(&events, &messages));
    // Without the thread nothing is reported; `r` still works.
    drop(spawned);
}

/// Collects the changed paths until the folder has been quiet for [`DEBOUNCE`], then sends
/// them as one message. Ends when the watcher is dropped or the reader has quit. A watcher
/// error is sent as a change with no paths, which reads the folder again.
fn debounce(events: &RawEvents, messages: &Sender<Message>) {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut changed = false;
    loop {
        let next = if changed {
            events.recv_timeout(DEBOUNCE)
        } else {
            events.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        match next {
            Ok(Ok(event)) if changes_something(&event.kind) => {
                changed = true;
                for path in event.paths {
                    if !paths.contains(&path) {
                        paths.push(path);
                    }
                }
            }
            Ok(Ok(_)) => {}
            Ok(Err(_)) => {
                changed = true;
                paths.clear();
            }
            Err(RecvTimeoutError::Timeout) => {
                changed = false;
                if messages
                    .send(Message::FolderChanged(std::mem::take(&mut paths)))
                    .is_err()
                {
                    return;
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Whether a change to `path` can change what geul shows: a Markdown file, or a folder
/// (a folder renamed or removed takes its posts with it), outside hidden folders. An empty
/// list (the watcher's own error) always counts.
pub fn matters(root: &Path, paths: &[PathBuf]) -> bool {
    paths.is_empty()
        || paths.iter().any(|path| {
            let inside = path.strip_prefix(root).unwrap_or(path);
            let hidden = inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            let markdown = path.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")
            });
            !hidden && (markdown || path.extension().is_none())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_and_folders_matter_but_other_files_and_hidden_ones_do_not() {
        let root = Path::new("/blog");
        let p = |s: &str| vec![PathBuf::from(s)];
        assert!(matters(root, &p("/blog/dev/post.md")));
        assert!(matters(root, &p("/blog/dev/POST.Markdown")));
        assert!(matters(root, &p("/blog/dev")));
        assert!(!matters(root, &p("/blog/dev/picture.png")));
        assert!(!matters(root, &p("/blog/.git/index")));
        assert!(!matters(root, &p("/blog/dev/.post.md.swp")));
        assert!(matters(root, &[]));
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{AccessKind, CreateKind, RemoveKind};
        assert!(!changes_something(&EventKind::Access(AccessKind::Any)));
        assert!(!changes_something(&EventKind::Modify(
            ModifyKind::Metadata(MetadataKind::AccessTime)
        )));
        assert!(changes_something(&EventKind::Create(CreateKind::File)));
        assert!(changes_something(&EventKind::Remove(RemoveKind::File)));
        assert!(changes_something(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn a_burst_of_events_is_one_change_and_reads_are_none() {
        let (raw, events) = channel();
        let (messages, inbox) = channel();
        let worker = thread::spawn(move || debounce(&events, &messages));
        let event = |kind: EventKind, path: &str| {
            Ok(notify::Event::new(kind).add_path(PathBuf::from(path)))
        };
        use notify::event::{AccessKind, CreateKind};
        for _ in 0..5 {
            raw.send(event(EventKind::Access(AccessKind::Any), "/blog/a.md"))
                .expect("send");
        }
        raw.send(event(
            EventKind::Create(CreateKind::File),
            "/blog/.a.md.tmp",
        ))
        .expect("send");
        raw.send(event(EventKind::Modify(ModifyKind::Any), "/blog/a.md"))
            .expect("send");
        let first = inbox.recv_timeout(Duration::from_secs(5));
        let Ok(Message::FolderChanged(paths)) = first else {
            panic!("one change was expected, not {first:?}");
        };
        assert_eq!(
            paths,
            [
                PathBuf::from("/blog/.a.md.tmp"),
                PathBuf::from("/blog/a.md")
            ]
        );
        raw.send(event(EventKind::Access(AccessKind::Any), "/blog/a.md"))
            .expect("send");
        drop(raw);
        assert!(worker.join().is_ok());
        assert!(inbox.try_recv().is_err(), "reads alone report nothing");
    }
}
