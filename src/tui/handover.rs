//! Handing the terminal to another program and taking it back: the editor (`e`). The
//! reader leaves raw mode, the alternate screen and mouse reporting, the program runs in
//! the foreground (never through a shell), and the reader mode comes back however it
//! ended.

use std::io::{self, stdout};
use std::path::Path;
use std::process::Command;

use crossterm::event::EnableMouseCapture;
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use super::editor::editor_command;
use super::terminal::restore;

/// Opens `file` at `line` in `$VISUAL`, else `$EDITOR`, else `vi`, waiting for it to end.
/// Errors are sentences for the status line: no such editor, a variable that does not
/// split into words, an editor that failed.
pub fn edit(file: &Path, line: usize) -> Result<(), String> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let command = editor_command(visual.as_deref(), editor.as_deref(), file, line)
        .map_err(|e| e.to_string())?;
    restore();
    let status = Command::new(&command.program).args(&command.args).status();
    let back = take_back();
    let status = match status {
        Ok(status) => status,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(format!(
                "no editor “{}” (set $VISUAL or $EDITOR)",
                command.program
            ));
        }
        Err(error) => return Err(format!("cannot start {}: {error}", command.program)),
    };
    back.map_err(|e| format!("cannot take the terminal back: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} ended with {status}", command.program))
    }
}

/// Enters the reader's terminal mode again after a program had the terminal.
fn take_back() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        crossterm::cursor::Hide
    )
}
