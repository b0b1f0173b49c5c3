//! The terminal going away under the reader: its window closed (the pty's other end
//! closed) or a `SIGHUP`. geul must end promptly, never spin on a terminal that only
//! answers with end-of-file (crossterm retries reads of 0 bytes at once, issue 793).

#![cfg(unix)]

mod common;

use std::fs::File;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{find_bytes, geul_bin, manifest_dir, posts_dir};

/// A pseudo-terminal made with openpty(3): (master, slave).
fn open_pty(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
    let mut master = -1;
    let mut slave = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the given ints; the name and termios
    // pointers may be null; the winsize is read only.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(made, 0, "openpty failed");
    // Neither end may leak into geul: a master it held itself would never hang up.
    for fd in [master, slave] {
        // SAFETY: fcntl on a descriptor just opened.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// geul on the sample posts with the pty's slave as its terminal, started *without* a
/// session of its own: the pty is not its controlling terminal, so closing the other end
/// sends it no `SIGHUP`, and only noticing the hang-up itself can end it.
fn spawn_on(slave: &OwnedFd, config: &std::path::Path) -> Child {
    let stdio = || {
        let fd = slave.try_clone().expect("dup the slave");
        Stdio::from(File::from(fd))
    };
    Command::new(geul_bin())
        .args([
            posts_dir().to_str().expect("UTF-8 path"),
            "--width-probe",
            "off",
            "--no-watch",
        ])
        .current_dir(manifest_dir())
        .env("TERM", "xterm-256color")
        .env("XDG_CONFIG_HOME", config)
        .env("XDG_STATE_HOME", config)
        .stdin(stdio())
        .stdout(stdio())
        .stderr(stdio())
        .spawn()
        .expect("spawn geul")
}

/// Reads the master until the first frame is on it (the status line names the help key), then
/// stops reading and lets go of its copy of the master.
fn wait_for_first_frame(master: &OwnedFd) {
    let mut reader = File::from(master.try_clone().expect("dup the master"));
    let (done, seen) = mpsc::channel();
    std::thread::spawn(move || {
        let mut output = Vec::new();
        let mut chunk = [0u8; 4096];
        while find_bytes(&output, b"help", 0).is_none() {
            match reader.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => output.extend_from_slice(&chunk[..n]),
            }
        }
        let _ = done.send(String::from_utf8_lossy(&output).into_owned());
    });
    let output = seen
        .recv_timeout(Duration::from_secs(20))
        .unwrap_or_default();
    assert!(
        output.contains("help"),
        "geul never drew its first frame: {output:?}"
    );
}

/// Waits up to `limit` for `child` to end.
fn ended_within(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn closing_the_terminal_ends_geul_within_two_seconds_even_without_sighup() {
    let config = tempfile::tempdir().expect("temp dir");
    let (master, slave) = open_pty(100, 30);
    let mut child = spawn_on(&slave, config.path());
    drop(slave);
    wait_for_first_frame(&master);
    // The window closes: the last descriptor of the master goes.
    drop(master);
    let ended = ended_within(&mut child, Duration::from_secs(2));
    if ended.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let status = ended.expect("geul is still running 2 s after its terminal went away");
    assert_eq!(
        status.code(),
        Some(129),
        "ends as a hang-up does: {status:?}"
    );
}
