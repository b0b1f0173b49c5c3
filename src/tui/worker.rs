//! Work done off the UI thread: reading the folder and building its search index, reading
//! single posts the watcher saw change, and merging index segments. Each job runs on a
//! thread of its own and reports back by message; the event loop picks the messages up
//! between key presses, so the reader draws and answers keys (quitting included) while a
//! large folder is read.
//!
//! A first read streams: posts go to the reader in batches as they are read
//! ([`Message::Posts`]) and to an indexing thread, which sends an index segment for what
//! it has taken in ([`Message::Indexed`]), so search works on what is loaded. Segments
//! grow with what is indexed (each at least half of it), so there are few of them (about
//! log₁.₅ of the post count), and no post is indexed twice. When the read ends,
//! [`Message::Loaded`] says so; the last segment says indexing is done.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::library::scan::markdown_files;
use crate::library::search::{MergeJob, SearchIndex};
use crate::library::{Library, LoadProgress, Post, PostId, ScanError, is_post_path, read_one};
use crate::tui::pictures::encoder::Encoder;
use crate::tui::pictures::jobs::{FindJob, draw_picture, find_pictures};
use crate::tui::pictures::{DrawKey, Drawn, FoundPictures};

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

/// A batch of posts of a streaming read, in the order they were read: the reader gives
/// them the next ids.
#[derive(Debug)]
pub struct PostsRead {
    /// Which request this answers.
    pub request: u64,
    /// The posts.
    pub posts: Vec<Post>,
}

/// An index over posts of a streaming read.
#[derive(Debug)]
pub struct Indexed {
    /// Which request this answers.
    pub request: u64,
    /// The place, in the order posts were read, of the post of the index's first entry;
    /// the others follow.
    pub first: usize,
    /// The index.
    pub index: SearchIndex,
    /// Whether indexing is finished.
    pub done: bool,
}

/// A streaming read came to its end (every batch was sent before).
#[derive(Debug)]
pub struct Loaded {
    /// Which request this answers.
    pub request: u64,
    /// Whether the folder could be read at all.
    pub result: Result<(), ScanError>,
}

/// What became of the paths the watcher reported.
#[derive(Debug, Default)]
pub struct Reread {
    /// The posts written or added, read again.
    pub posts: Vec<Post>,
    /// One index over `posts`, in their order, however many changed at once (a `git
    /// checkout`).
    pub index: SearchIndex,
    /// Paths relative to the folder where nothing is left: the post there, or every post
    /// under it when it was a folder, is gone.
    pub gone: Vec<PathBuf>,
    /// Whether the folder itself was still there.
    pub folder_exists: bool,
}

/// A merge of index segments, built.
#[derive(Debug)]
pub struct Merged {
    /// What was merged.
    pub job: MergeJob,
    /// The index over the job's posts.
    pub index: SearchIndex,
}

/// A message from a worker.
#[derive(Debug)]
pub enum Message {
    /// A folder was read and indexed, whole.
    FolderRead(Box<FolderRead>),
    /// A batch of a streaming read.
    Posts(PostsRead),
    /// An index segment of a streaming read.
    Indexed(Box<Indexed>),
    /// A streaming read ended.
    Loaded(Loaded),
    /// Posts the watcher saw change, read again.
    PostsReread(Box<Reread>),
    /// Index segments merged.
    Merged(Box<Merged>),
    /// The watcher saw these paths change (none: it saw something it could not name).
    FolderChanged(Vec<PathBuf>),
    /// The folder's state could not be saved: why.
    StateNotSaved(String),
    /// A post's pictures, found and measured.
    PicturesFound(PostId, FoundPictures),
    /// A picture decoded and encoded for the terminal.
    PictureDrawn(DrawKey, Drawn),
}

/// Picture work, done in order on one thread (decoding takes a core; two at once would
/// only slow the reader's other work).
#[derive(Debug)]
pub enum PictureJob {
    /// Find a post's pictures.
    Find(FindJob),
    /// Draw one picture with this encoder over this background colour, to be placed
    /// directly (old kitty) or not.
    Draw(DrawKey, Box<Encoder>, [u8; 3], bool),
}

/// Reads `root` in batches, sending them to `out` as they are read and to an indexing
/// thread. Falls back to one whole answer when no thread can be had for the index.
pub fn stream_folder(root: &Path, request: u64, progress: &LoadProgress, out: &Sender<Message>) {
    let (to_index, batches) = channel::<Vec<Post>>();
    let index_out = out.clone();
    let spawned = thread::Builder::new()
        .name("geul-index".into())
        .spawn(move || index_batches(&batches, request, &index_out));
    if spawned.is_err() {
        let read = read_folder_counting(root, request, progress);
        let _ = out.send(Message::FolderRead(Box::new(read)));
        return;
    }
    let result = Library::load_batches(root, progress, |batch| {
        // Sent to the index first: the reader then cannot get a segment before its posts,
        // as the posts are sent before the indexer can have built it. The copy shares
        // the bodies, so only the small fields are copied.
        let copy = batch.clone();
        let _ = out.send(Message::Posts(PostsRead {
            request,
            posts: batch,
        }));
        let _ = to_index.send(copy);
    });
    drop(to_index);
    let _ = out.send(Message::Loaded(Loaded { request, result }));
}

/// Indexes the batches of a streaming read as they come. What piled up while the last
/// segment was built becomes the next one, once it is at least half of what is indexed:
/// segments then grow geometrically and stay few, and each post is indexed once. The
/// copies of the posts are dropped as soon as they are indexed.
fn index_batches(batches: &Receiver<Vec<Post>>, request: u64, out: &Sender<Message>) {
    let mut pending: Vec<Post> = Vec::new();
    let mut indexed = 0;
    let mut reading = true;
    while reading {
        match batches.recv() {
            Ok(batch) => pending.extend(batch),
            Err(_) => reading = false,
        }
        while let Ok(more) = batches.try_recv() {
            pending.extend(more);
        }
        if pending.is_empty() || (reading && pending.len() < indexed / 2) {
            continue;
        }
        let segment = Indexed {
            request,
            first: indexed,
            index: SearchIndex::build(&pending),
            done: false,
        };
        indexed += pending.len();
        pending.clear();
        give_back_free_memory();
        if out.send(Message::Indexed(Box::new(segment))).is_err() {
            return; // The reader has quit.
        }
    }
    let _ = out.send(Message::Indexed(Box::new(Indexed {
        request,
        first: indexed,
        index: SearchIndex::default(),
        done: true,
    })));
}

/// Returns the free memory in the allocator's heaps to the system. Reading a folder
/// frees as it goes (each file's buffer once its post is made, the copies of a batch once
/// indexed, the build's scratch), and glibc keeps such small chunks: lying between live
/// posts, they are never trimmed of themselves, and add up to megabytes of the peak.
/// Done once per segment (about 20 times for 10,000 posts), it lowers the peak by about
/// 2 MiB there; once per batch as well lowered it no further.
fn give_back_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of glibc's heaps; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Reads again what the watcher reported at `paths` under `root`: each post written or
/// added alone (every post under a folder that appeared), and what is gone.
pub fn reread_posts(root: &Path, paths: &[PathBuf]) -> Reread {
    let (mut posts, mut gone) = (Vec::new(), Vec::new());
    // A post named twice (itself, and under its folder) is read once: its id may appear
    // only once in the index made here.
    let mut seen = std::collections::HashSet::new();
    let mut read = |path: &Path| {
        seen.insert(path.to_path_buf())
            .then(|| read_one(root, path))
    };
    for path in paths {
        let inside = path.strip_prefix(root).unwrap_or(path);
        let hidden = inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                // A post replaced by a folder of its name is gone as a post.
                if is_post_path(root, path) {
                    gone.push(inside.to_path_buf());
                }
                let files = markdown_files(path, &LoadProgress::default()).unwrap_or_default();
                posts.extend(files.iter().filter_map(|file| read(file)));
            }
            Ok(_) if is_post_path(root, path) => posts.extend(read(path)),
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                gone.push(inside.to_path_buf());
            }
            // Unreadable for now (a save under way): read it as a post, with its error.
            Err(_) if is_post_path(root, path) => posts.extend(read(path)),
            Err(_) => {}
        }
    }
    let index = SearchIndex::build(&posts);
    Reread {
        posts,
        index,
        gone,
        folder_exists: root.is_dir(),
    }
}

/// The workers' mailbox: jobs go out on their own threads, results come back here.
#[derive(Debug)]
pub struct Workers {
    sender: Sender<Message>,
    receiver: Receiver<Message>,
    /// The picture thread's inbox, once it is started.
    pictures: std::sync::OnceLock<Sender<PictureJob>>,
}

impl Default for Workers {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Workers {
            sender,
            receiver,
            pictures: std::sync::OnceLock::new(),
        }
    }
}

impl Workers {
    /// Reads `root` on a new thread, counting into `progress`. Streaming, the posts arrive
    /// in batches (see the module documentation); else the result arrives whole as
    /// [`Message::FolderRead`].
    pub fn read_folder(
        &self,
        root: PathBuf,
        request: u64,
        progress: Arc<LoadProgress>,
        stream: bool,
    ) {
        let out = self.sender.clone();
        self.spawn("geul-read-folder", move || {
            if stream {
                stream_folder(&root, request, &progress, &out);
            } else {
                let read = read_folder_counting(&root, request, &progress);
                let _ = out.send(Message::FolderRead(Box::new(read)));
            }
        });
    }

    /// Reads the posts at `paths` again; the result arrives as [`Message::PostsReread`].
    pub fn reread_posts(&self, root: PathBuf, paths: Vec<PathBuf>) {
        let out = self.sender.clone();
        self.spawn("geul-reread", move || {
            let _ = out.send(Message::PostsReread(Box::new(reread_posts(&root, &paths))));
        });
    }

    /// Builds the index `job` asks for over `posts` (the job's, in its order); the result
    /// arrives as [`Message::Merged`].
    pub fn merge(&self, job: MergeJob, posts: Vec<Post>) {
        let out = self.sender.clone();
        self.spawn("geul-merge", move || {
            let index = SearchIndex::build(&posts);
            let _ = out.send(Message::Merged(Box::new(Merged { job, index })));
        });
    }

    /// Runs `job` on a thread of its own, or here when no thread can be had (rather than
    /// never). The reader may have quit by the time a job ends: nobody is left to tell
    /// then, so a failed send is no error.
    /// Hands `job` to the picture thread (started on the first job); its answer comes
    /// back as a message. Without a thread, the job is done here.
    pub fn picture(&self, job: PictureJob) {
        let inbox = self.pictures.get_or_init(|| {
            let (inbox, jobs) = channel::<PictureJob>();
            let out = self.sender.clone();
            let _ = thread::Builder::new()
                .name("geul-pictures".into())
                .spawn(move || {
                    while let Ok(job) = jobs.recv() {
                        if out.send(do_picture_job(job)).is_err() {
                            return; // The reader has quit.
                        }
                    }
                });
            inbox
        });
        if let Err(std::sync::mpsc::SendError(job)) = inbox.send(job) {
            let _ = self.sender.send(do_picture_job(job));
        }
    }

    fn spawn<F: FnOnce() + Send + 'static>(&self, name: &str, job: F) {
        // A thread that cannot be spawned drops what it was given: the job is shared so
        // that it is still here to run then. Whoever takes it first runs it.
        let job = Arc::new(Mutex::new(Some(job)));
        let run = |job: &Mutex<Option<F>>| {
            if let Some(job) = job.lock().ok().and_then(|mut job| job.take()) {
                job();
            }
        };
        let on_thread = Arc::clone(&job);
        if thread::Builder::new()
            .name(name.into())
            .spawn(move || run(&on_thread))
            .is_err()
        {
            run(&job);
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

/// Does one picture job and says what came of it.
pub fn do_picture_job(job: PictureJob) -> Message {
    match job {
        PictureJob::Find(find) => Message::PicturesFound(find.post, find_pictures(&find)),
        PictureJob::Draw(key, encoder, background, placed) => {
            let drawn = draw_picture(&key, &encoder, background, placed);
            Message::PictureDrawn(key, drawn)
        }
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
        workers.read_folder(dir.path().to_path_buf(), 7, Arc::default(), false);
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
    fn a_streamed_folder_arrives_in_batches_then_ends_and_its_index_covers_every_post() {
        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..300 {
            let text = format!("# 글 {i}\n\n생성형 {i}\n");
            std::fs::write(dir.path().join(format!("{i:03}.md")), text).expect("write");
        }
        let (out, inbox) = channel();
        stream_folder(dir.path(), 3, &LoadProgress::default(), &out);
        drop(out);
        let (mut posts, mut loaded, mut segments) = (0, false, Vec::new());
        let mut done = false;
        // The indexer ends on its own once the read has ended.
        while let Ok(message) = inbox.recv_timeout(Duration::from_secs(20)) {
            match message {
                Message::Posts(batch) => {
                    assert!(!loaded, "no batch after the end");
                    assert_eq!(batch.request, 3);
                    posts += batch.posts.len();
                }
                Message::Loaded(end) => {
                    assert!(end.result.is_ok());
                    loaded = true;
                }
                Message::Indexed(part) if part.done => {
                    assert_eq!(part.first, 300);
                    done = true;
                    break;
                }
                Message::Indexed(part) => {
                    assert!(part.first + part.index.len() <= posts, "posts come first");
                    assert_eq!(part.index.search("생성형", 1000).len(), part.index.len());
                    segments.push((part.first, part.index.len()));
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(posts, 300);
        assert!(done, "indexing ends");
        let mut next = 0;
        for &(first, len) in &segments {
            assert_eq!(
                first, next,
                "the segments cover every post once: {segments:?}"
            );
            assert!(len * 2 >= first, "each at least half of what came before");
            next = first + len;
        }
        assert_eq!(next, 300);
    }

    #[test]
    fn a_changed_post_is_read_alone_and_a_deleted_one_is_gone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::write(root.join("a.md"), "# 가\n\n확산\n").expect("write");
        std::fs::create_dir(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("sub/b.md"), "# 나\n").expect("write");
        let changes = reread_posts(
            root,
            &[
                root.join("a.md"),
                root.join("gone.md"),
                root.join("sub"),
                root.join("sub/b.md"),
                root.join(".a.md.swp"),
            ],
        );
        let titles: Vec<&str> = changes.posts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["가", "나"]);
        assert_eq!(changes.gone, [PathBuf::from("gone.md")]);
        let found: Vec<usize> = changes
            .index
            .search("확산", 5)
            .iter()
            .map(|hit| hit.post.index())
            .collect();
        assert_eq!(found, [0], "the index holds the posts read, in order");
    }

    #[test]
    fn a_missing_folder_comes_back_as_an_error() {
        let read = read_folder(Path::new("/nonexistent/geul/folder"), 1);
        assert!(read.library.is_err());
    }
}
