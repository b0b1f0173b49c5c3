//! Saving the folder's state off the UI thread: one thread takes the states to save in
//! order, saves only the newest of those waiting, and says when a save failed. Dropping
//! the saver waits for the last save, so quitting keeps what was asked for.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::worker::Message;
use crate::library::state::{FolderState, StateStore};

/// The thread that saves states, and the way to it.
#[derive(Debug)]
pub struct Saver {
    to_thread: Option<Sender<FolderState>>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// A saver into `store`, reporting failures to `report` as
    /// [`Message::StateNotSaved`]. Without a thread it saves on the caller's.
    pub fn start(store: StateStore, report: Sender<Message>) -> Saver {
        let (to_thread, states) = channel::<FolderState>();
        let spawned = thread::Builder::new()
            .name("geul-state".into())
            .spawn(move || save_each(&store, &states, &report));
        Saver {
            to_thread: spawned.is_ok().then_some(to_thread),
            thread: spawned.ok(),
        }
    }

    /// Asks for `state` to be saved; a later state asked for before this one was written
    /// replaces it.
    pub fn save(&self, state: FolderState) {
        if let Some(to_thread) = &self.to_thread {
            let _ = to_thread.send(state);
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.to_thread = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Unfinished saves older than this are another run's leftovers, not a save under way.
const STALE_SAVE: Duration = Duration::from_secs(600);

fn save_each(store: &StateStore, states: &Receiver<FolderState>, report: &Sender<Message>) {
    store.sweep_unfinished(STALE_SAVE);
    while let Ok(mut state) = states.recv() {
        // Only the newest of the states waiting is worth writing.
        while let Ok(newer) = states.try_recv() {
            state = newer;
        }
        if let Err(error) = store.save(&state) {
            let _ = report.send(Message::StateNotSaved(error.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn the_last_state_asked_for_is_on_disk_when_the_saver_is_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::at(dir.path().join("geul"));
        let (report, reports) = channel();
        let saver = Saver::start(store.clone(), report);
        let mut state = FolderState::new(PathBuf::from("/blog"));
        for n in 0..20 {
            state.last_open = Some(format!("{n}.md"));
            saver.save(state.clone());
        }
        drop(saver);
        let loaded = store.load(&PathBuf::from("/blog"));
        assert!(loaded.problem.is_none());
        assert_eq!(loaded.state.last_open.as_deref(), Some("19.md"));
        assert!(reports.try_recv().is_err(), "no failure reported");
    }

    #[test]
    fn a_state_that_cannot_be_written_is_reported_not_fatal() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A file where the state folder should be: nothing can be written under it.
        let blocked = dir.path().join("geul");
        std::fs::write(&blocked, "not a folder").expect("write");
        let (report, reports) = channel();
        let saver = Saver::start(StateStore::at(blocked), report);
        saver.save(FolderState::new(PathBuf::from("/blog")));
        drop(saver);
        match reports.try_recv() {
            Ok(Message::StateNotSaved(why)) => assert!(why.contains("cannot save"), "{why}"),
            other => panic!("expected a failure, got {other:?}"),
        }
    }
}
