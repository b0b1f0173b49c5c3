//! geul's command line: parses the arguments, runs [`geul::cli`], and turns the outcome
//! into an exit code, with errors on stderr.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use geul::cli::{self, Cli, Command, output};

mod allocator;

#[global_allocator]
static ALLOCATOR: allocator::ByCommand = allocator::ByCommand;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    choose_allocator(cli.command.as_ref());
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

/// Puts the process on the allocator that serves `command` best (see [`allocator`]).
fn choose_allocator(command: Option<&Command>) {
    use allocator::Run;
    match command {
        Some(Command::Render { file, .. }) => match std::fs::metadata(file) {
            Ok(meta) if meta.len() >= allocator::MIMALLOC_MIN_FILE_LEN => allocator::use_mimalloc(),
            _ => allocator::tune_glibc(Run::Short),
        },
        _ => allocator::tune_glibc(Run::Long),
    }
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
