//! A private tmux server for one test, on its own socket, killed on drop.

use super::*;

/// A private tmux server, killed on drop.
pub(crate) struct Tmux {
    pub(crate) socket: String,
    pub(crate) dir: tempfile::TempDir,
}

impl Tmux {
    /// A server, when tmux is installed; else says the test is skipped.
    pub(crate) fn start_if_installed() -> Option<Tmux> {
        let version = Command::new("tmux")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !version.is_ok_and(|s| s.success()) {
            eprintln!("skipped: tmux not installed");
            return None;
        }
        Some(Tmux::start())
    }

    pub(crate) fn start() -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        // `exit-empty off`: a test walks posts one session at a time, and a server that
        // exits as its last session is killed can refuse the next `new-session` with
        // "server exited unexpectedly". The server is killed on drop instead.
        let conf = "set -g status off\n\
                    set -g default-size 100x40\n\
                    set -g remain-on-exit on\n\
                    set -g history-limit 0\n\
                    set -sg escape-time 0\n\
                    set -s exit-empty off\n";
        std::fs::write(dir.path().join("tmux.conf"), conf).expect("write tmux.conf");
        // One server per test: the tests of this file run at once.
        static SERVERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SERVERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Tmux {
            socket: format!("geul-test-{}-{n}", std::process::id()),
            dir,
        }
    }

    pub(crate) fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(self.dir.path().join("tmux.conf"))
            .stdin(Stdio::null())
            .env_remove("TMUX");
        command
    }

    /// Runs one tmux command line (several commands joined by `;` arguments).
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        let output = self.command().args(args).output().expect("run tmux");
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    pub(crate) fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .command()
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}
