//! Work done off the UI thread: reading the folder and building its search index. Each
//! job runs on a thread of its own and reports back by message; the event loop picks the
//! messages up between key presses, so the reader draws and answers keys (quitting
//! included) while a large folder is read.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use crate::library::search::SearchIndex;
use crate::library::{Library, LoadProgress, ScanError};

/// A folder read and indexed.
#[derive(Debug)]
pub struct FolderRead {
    /// Which request this answers (see [`Workers::read_folder`]); an answer to an older
    /// request than the latest is stale.
    pub request: u64,
    /// The posts, or why the folder could not be read.
    pub library: Result<Library, ScanError>,
    /// The search index over the posts (empty when the folder could not be read).
    pub index: SearchIndex,
}

/// Reads and indexes `root` on the calling thread.
pub fn read_folder(root: &Path, request: u64) -> FolderRead {
    read_folder_counting(root, request, &LoadProgress::default())
}

/// [`read_folder`], counting the posts found and read into `progress`.
pub fn read_folder_counting(root: &Path, request: u64, progress: &LoadProgress) -> FolderRead {
    let library = Library::load_counting(root, progress);
    let index = match &library {
        Ok(library) => SearchIndex::build(&library.posts),
        Err(_) => SearchIndex::build(&[]),
    };
    FolderRead {
        request,
        library,
        index,
    }
}

/// A message from a worker.
#[derive(Debug)]
pub enum Message {
    /// A folder was read.
    FolderRead(Box<FolderRead>),
    /// The watcher saw these paths change (none: it saw something it could not name).
    FolderChanged(Vec<PathBuf>),
}

/// The workers' mailbox: jobs go out on their own threads, results come back here.
#[derive(Debug)]
pub struct Workers {
    sender: Sender<Message>,
    receiver: Receiver<Message>,
}

impl Default for Workers {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Workers { sender, receiver }
    }
}

impl Workers {
    /// Reads `root` on a new thread, counting into `progress`; the result arrives as
    /// [`Message::FolderRead`].
    pub fn read_folder(&self, root: PathBuf, request: u64, progress: Arc<LoadProgress>) {
        let sender = self.sender.clone();
        let job_root = root.clone();
        let job_progress = Arc::clone(&progress);
        let spawned = thread::Builder::new()
            .name("geul-read-folder".into())
            .spawn(move || {
                let read = read_folder_counting(&job_root, request, &job_progress);
                // The reader may have quit meanwhile; nobody is left to tell then.
                let _ = sender.send(Message::FolderRead(Box::new(read)));
            });
        if spawned.is_err() {
            // No thread to be had: read here rather than never.
            let read = read_folder_counting(&root, request, &progress);
            let _ = self.sender.send(Message::FolderRead(Box::new(read)));
        }
    }

    /// Where other senders (the folder watcher) post their messages.
    pub fn sender(&self) -> &Sender<Message> {
        &self.sender
    }

    /// A finished job's message, if one is waiting.
    pub fn try_recv(&self) -> Option<Message> {
        self.receiver.try_recv().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_folder_read_on_a_worker_comes_back_with_its_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.md"), "# 생성형 AI\n\n확산 모델\n").expect("write");
        let workers = Workers::default();
        workers.read_folder(dir.path().to_path_buf(), 7, Arc::default());
        let deadline = Instant::now() + Duration::from_secs(10);
        let message = loop {
            if let Some(message) = workers.try_recv() {
                break message;
            }
            assert!(Instant::now() < deadline, "no answer from the worker");
            thread::sleep(Duration::from_millis(5));
        };
        let Message::FolderRead(read) = message else {
            panic!("a folder read was expected, not {message:?}");
        };
        assert_eq!(read.request, 7);
        let posts = read.library.as_ref().map(|l| l.posts.len()).unwrap_or(0);
        assert_eq!(posts, 1);
        assert_eq!(read.index.search("ㅎㅅ", 5).len(), 1);
    }

    #[test]
    fn a_missing_folder_comes_back_as_an_error() {
        let read = read_folder(Path::new("/nonexistent/geul/folder"), 1);
        assert!(read.library.is_err());
    }
}
