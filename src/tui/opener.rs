//! Opening a web or mail link outside geul: with `$BROWSER` where it is set, else the
//! system's opener (`xdg-open`, `open` on macOS). The program is started without a shell,
//! detached from the terminal (its own process group, no standard input, output thrown
//! away so it never draws over the reader), and not waited for.

use std::ffi::OsString;
use std::process::{Command, Stdio};

/// A program and its arguments that open one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCommand {
    /// The program.
    pub program: String,
    /// Its arguments, the URL among them.
    pub args: Vec<OsString>,
}

/// The system's own opener on this platform.
fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// The command opening `url` (already checked: `http`, `https` or `mailto`, no control
/// characters or spaces). `browser` is the value of `$BROWSER`: a `:`-separated list of
/// commands of which the first is used, `%s` standing for the URL (else it comes last).
/// Without it, or where it does not split into words, the system opener.
pub fn open_command(url: &str, browser: Option<&str>) -> OpenCommand {
    let words = browser
        .and_then(|value| value.split(':').find(|c| !c.trim().is_empty()))
        .and_then(|first| shell_words::split(first).ok())
        .filter(|words| !words.is_empty());
    let Some(mut words) = words else {
        return OpenCommand {
            program: system_opener().to_string(),
            args: vec![url.into()],
        };
    };
    let program = words.remove(0);
    let mut placed = false;
    let mut args: Vec<OsString> = words
        .into_iter()
        .map(|word| {
            if word.contains("%s") {
                placed = true;
                word.replace("%s", url).into()
            } else {
                word.into()
            }
        })
        .collect();
    if !placed {
        args.push(url.into());
    }
    OpenCommand { program, args }
}

/// Starts `command` detached and returns at once; a thread reaps it when it ends. An error
/// (no such program) is for the status line.
pub fn spawn_detached(command: &OpenCommand) -> std::io::Result<()> {
    let mut process = Command::new(&command.program);
    process
        .args(&command.args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group: a Ctrl-c meant for geul does not reach the browser.
        process.process_group(0);
    }
    let mut child = process.spawn()?;
    // Reaped off the UI thread so a slow opener never holds the reader up.
    let _ = std::thread::Builder::new()
        .name("geul-opener".into())
        .spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(command: &OpenCommand) -> Vec<String> {
        command
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn without_browser_the_system_opener_gets_the_url() {
        let command = open_command("https://example.com", None);
        assert_eq!(command.program, system_opener());
        assert_eq!(args(&command), ["https://example.com"]);
    }

    #[test]
    fn browser_takes_the_first_command_and_puts_the_url_at_percent_s() {
        let command = open_command("https://a.example", Some("firefox --new-tab %s:lynx"));
        assert_eq!(command.program, "firefox");
        assert_eq!(args(&command), ["--new-tab", "https://a.example"]);
    }

    #[test]
    fn browser_without_percent_s_gets_the_url_last() {
        let command = open_command("mailto:me@example.com", Some("'/opt/my browser'"));
        assert_eq!(command.program, "/opt/my browser");
        assert_eq!(args(&command), ["mailto:me@example.com"]);
    }

    #[test]
    fn an_unusable_browser_value_falls_back_to_the_system_opener() {
        assert_eq!(
            open_command("https://x.example", Some("'unclosed")).program,
            system_opener()
        );
        assert_eq!(
            open_command("https://x.example", Some(" : ")).program,
            system_opener()
        );
    }

    #[test]
    fn the_opener_runs_detached_with_the_url_as_one_argument() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("opened");
        let script = dir.path().join("browser.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s|' \"$@\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\n",
                out.display()
            ),
        )
        .expect("script");
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .expect("chmod");
        let url = "https://example.com/a;b&c=$(id)";
        let command = open_command(url, Some(&format!("'{}'", script.display())));
        spawn_detached(&command).expect("spawn");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !out.exists() {
            assert!(std::time::Instant::now() < deadline, "the opener never ran");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let seen = std::fs::read_to_string(&out).expect("read");
        assert_eq!(
            seen,
            format!("{url}|"),
            "the URL arrives whole, uninterpreted"
        );
    }

    #[test]
    fn a_missing_opener_is_an_error_not_a_crash() {
        let command = OpenCommand {
            program: "/nonexistent/geul-opener".into(),
            args: vec!["https://example.com".into()],
        };
        assert!(spawn_detached(&command).is_err());
    }
}
