//! geul's command line: parses the arguments, runs [`geul::cli`], and turns the outcome
//! into an exit code, with errors on stderr.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use geul::cli::{self, Cli, Command, output};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    tune_allocator(cli.command.as_ref());
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // `eprintln!` would panic when stderr is a terminal that went away.
            let message = output::safe_message(&format!("{error:#}")).into_owned();
            let _ = writeln!(std::io::stderr(), "geul: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Sets glibc's allocator up for the run ahead, before any thread starts.
///
/// Everything but `geul render` runs long or reads a whole folder: every buffer of 128 KiB
/// or more gets its own mapping, returned to the system when freed. By default glibc
/// raises that threshold once such a buffer is freed, after which the megabytes the index
/// is built in (on several threads, batch after batch while a folder is read) stay in its
/// heaps as free space: about 5 MiB of the peak memory of a 10,000-post folder.
///
/// `geul render` is one short run that frees and allocates the same few megabytes chunk
/// after chunk on every core. Returned to the system, they are faulted in again page by
/// page: a quarter of the page faults of rendering a 2 MB article, and about 2 ms of its
/// 40 (`scripts/compare-render.sh`). So it keeps what it frees.
fn tune_allocator(command: Option<&Command>) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const MIB: libc::c_int = 1024 * 1024;
        let (mmap_threshold, trim_threshold, top_pad) = match command {
            Some(Command::Render { .. }) => (32 * MIB, 64 * MIB, 16 * MIB),
            _ => (MIB / 8, MIB / 8, 0),
        };
        // SAFETY: mallopt only sets allocator parameters; called before any thread starts.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, mmap_threshold);
            libc::mallopt(libc::M_TRIM_THRESHOLD, trim_threshold);
            if top_pad > 0 {
                libc::mallopt(libc::M_TOP_PAD, top_pad);
            }
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = command;
}

/// Prints clap's message for a bad command line (or --help, --version) and exits as clap
/// would. A message quoting an argument with control characters, such as a file name
/// passed by a shell glob, is printed plain with them escaped.
fn usage_error(error: clap::Error) -> ExitCode {
    let plain = error.to_string();
    let safe = output::safe_lines(&plain);
    if !error.use_stderr() || safe == plain {
        error.exit();
    }
    eprint!("{safe}");
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

/// Output cut short by the reader (`geul list | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(BrokenPipe))
    })
}
