//! A folder with things in it that are not posts but are named like them: a FIFO, a
//! socket, a symlink to a device, dangling and looping symlinks. Reading the folder must
//! skip each of them without blocking and still find the real posts.

#![cfg(unix)]

use std::os::unix::net::UnixListener;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use geul::library::Library;

/// Loads `root` on a thread and gives up after a generous limit: a read that blocks on a
/// FIFO would otherwise hang the test run instead of failing it.
fn load_without_blocking(root: &Path) -> Library {
    let (done, result) = mpsc::channel();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        let _ = done.send(Library::load(&root));
    });
    match result.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(library)) => library,
        Ok(Err(error)) => panic!("the folder could not be read: {error}"),
        Err(_) => panic!("reading the folder blocked"),
    }
}

fn titles(library: &Library) -> Vec<String> {
    let mut titles: Vec<String> = library.posts.iter().map(|p| p.title.clone()).collect();
    titles.sort();
    titles
}

#[test]
fn fifos_sockets_devices_and_broken_links_named_md_are_skipped_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join("real.md"), "---\ntitle: 진짜 글\n---\n본문\n").expect("write");
    let fifo = root.join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let _socket = UnixListener::bind(root.join("socket.md")).expect("bind a socket");
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.md")).expect("symlink");
    std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("dangling.md")).expect("symlink");
    std::fs::create_dir(root.join("loop")).expect("mkdir");
    std::os::unix::fs::symlink(root.join("loop"), root.join("loop/again")).expect("symlink");

    let library = load_without_blocking(root);
    assert_eq!(titles(&library), ["진짜 글"]);
}

#[test]
fn hidden_folders_and_node_modules_are_not_walked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join("post.md"), "# 글\n").expect("write");
    for hidden in [".git/objects", ".obsidian", "node_modules/some-package"] {
        std::fs::create_dir_all(root.join(hidden)).expect("mkdir");
        std::fs::write(root.join(hidden).join("note.md"), "# 숨김\n").expect("write");
    }
    let library = load_without_blocking(root);
    assert_eq!(titles(&library), ["글"]);
}

#[test]
fn fifty_thousand_small_posts_are_all_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for folder in 0..50 {
        let sub = root.join(format!("{folder:02}"));
        std::fs::create_dir(&sub).expect("mkdir");
        for i in 0..1000 {
            let text =
                format!("---\ntitle: 글 {folder}-{i}\ndate: 2024-01-01\n---\n짧은 본문 {i}\n");
            std::fs::write(sub.join(format!("{i:04}.md")), text).expect("write");
        }
    }
    let library = load_without_blocking(root);
    assert_eq!(library.posts.len(), 50_000);
    assert!(library.posts.iter().all(|p| p.error.is_none()));
}

#[test]
fn a_hundred_thousand_files_of_which_ten_are_posts_give_the_ten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for i in 0..10 {
        std::fs::write(root.join(format!("post-{i}.md")), format!("# 글 {i}\n")).expect("write");
    }
    // Most of the files are where a blog's tools put them, a few are plain non-posts.
    for (folder, count) in [
        ("node_modules/pkg", 60_000),
        (".git/objects", 39_000),
        ("assets", 990),
    ] {
        let at = root.join(folder);
        std::fs::create_dir_all(&at).expect("mkdir");
        for i in 0..count {
            let name = if folder == "assets" {
                format!("img-{i}.png")
            } else {
                format!("f{i}.md")
            };
            std::fs::write(at.join(name), "x").expect("write");
        }
    }
    let library = load_without_blocking(root);
    assert_eq!(library.posts.len(), 10);
}
