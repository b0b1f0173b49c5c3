//! The command that opens a post in the user's editor at the line being read: `$VISUAL`,
//! else `$EDITOR`, else `vi`, split like a shell word list (`code --wait`, a quoted path)
//! but never run through a shell, so nothing in a file name or a post is ever interpreted.

use std::ffi::OsString;
use std::path::Path;

/// A program and its arguments, ready for `std::process::Command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorCommand {
    /// The program, as the user named it (found on `PATH` when it has no `/`).
    pub program: String,
    /// Its arguments: the user's own, then the line and the file.
    pub args: Vec<OsString>,
}

/// Why no editor command could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorError {
    /// The variable's value does not split into words (an unclosed quote).
    Unparsable {
        /// `VISUAL` or `EDITOR`.
        variable: &'static str,
        /// What the splitter said.
        reason: String,
    },
}

impl std::fmt::Display for EditorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditorError::Unparsable { variable, reason } => {
                write!(f, "${variable} cannot be read as a command: {reason}")
            }
        }
    }
}

impl std::error::Error for EditorError {}

/// How an editor is told the line to open at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineArgument {
    /// `+N FILE`: vi, vim, nvim, nano, emacs, kakoune, micro, joe, mg.
    Plus,
    /// `FILE:N`: helix.
    Suffix,
    /// `--goto FILE:N`: VS Code and its kin.
    Goto,
    /// Unknown: the file alone.
    None,
}

fn line_argument(program: &str) -> LineArgument {
    let name = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    match name {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nano" | "pico" | "emacs"
        | "emacsclient" | "kak" | "micro" | "joe" | "jed" | "mg" | "ne" | "vis" => {
            LineArgument::Plus
        }
        "hx" | "helix" => LineArgument::Suffix,
        "code" | "code-insiders" | "codium" | "cursor" => LineArgument::Goto,
        _ => LineArgument::None,
    }
}

/// The command opening `file` at `line` (1-based) in the editor named by `visual` (the
/// value of `$VISUAL`), else `editor` (`$EDITOR`), else `vi`. Empty values count as unset.
pub fn editor_command(
    visual: Option<&str>,
    editor: Option<&str>,
    file: &Path,
    line: usize,
) -> Result<EditorCommand, EditorError> {
    let chosen = [("VISUAL", visual), ("EDITOR", editor)]
        .into_iter()
        .find_map(|(variable, value)| {
            value
                .filter(|v| !v.trim().is_empty())
                .map(|v| (variable, v))
        });
    let mut words = match chosen {
        Some((variable, value)) => {
            shell_words::split(value).map_err(|error| EditorError::Unparsable {
                variable,
                reason: error.to_string(),
            })?
        }
        None => vec!["vi".to_string()],
    };
    let program = words.remove(0);
    let mut args: Vec<OsString> = words.into_iter().map(OsString::from).collect();
    let line = line.max(1);
    let with_line = |suffix: &str| {
        let mut arg = file.as_os_str().to_os_string();
        arg.push(suffix);
        arg
    };
    match line_argument(&program) {
        LineArgument::Plus => {
            args.push(format!("+{line}").into());
            args.push(file.as_os_str().to_os_string());
        }
        LineArgument::Suffix => args.push(with_line(&format!(":{line}"))),
        LineArgument::Goto => {
            args.push("--goto".into());
            args.push(with_line(&format!(":{line}")));
        }
        LineArgument::None => args.push(file.as_os_str().to_os_string()),
    }
    Ok(EditorCommand { program, args })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(command: &EditorCommand) -> Vec<String> {
        command
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    fn open(visual: Option<&str>, editor: Option<&str>) -> EditorCommand {
        editor_command(visual, editor, Path::new("/blog/dev/a post.md"), 42).expect("command")
    }

    #[test]
    fn visual_comes_before_editor_and_vi_is_the_last_resort() {
        assert_eq!(open(Some("nvim"), Some("nano")).program, "nvim");
        assert_eq!(open(None, Some("nano")).program, "nano");
        assert_eq!(open(Some(""), Some("nano")).program, "nano");
        assert_eq!(open(None, None).program, "vi");
        assert_eq!(open(Some("  "), None).program, "vi");
    }

    #[test]
    fn vim_like_editors_get_the_line_as_plus_n_before_the_file() {
        for editor in [
            "vi",
            "vim",
            "/usr/bin/nvim",
            "nano",
            "emacs",
            "kak",
            "micro",
        ] {
            let command = open(None, Some(editor));
            assert_eq!(args(&command), ["+42", "/blog/dev/a post.md"], "{editor}");
        }
    }

    #[test]
    fn helix_gets_the_line_after_the_file() {
        assert_eq!(args(&open(None, Some("hx"))), ["/blog/dev/a post.md:42"]);
    }

    #[test]
    fn vs_code_keeps_its_own_flags_and_gets_goto() {
        let command = open(Some("code --wait"), None);
        assert_eq!(command.program, "code");
        assert_eq!(
            args(&command),
            ["--wait", "--goto", "/blog/dev/a post.md:42"]
        );
    }

    #[test]
    fn an_unknown_editor_gets_the_file_alone() {
        let command = open(None, Some("'/opt/My Editor/ed' -x"));
        assert_eq!(command.program, "/opt/My Editor/ed");
        assert_eq!(args(&command), ["-x", "/blog/dev/a post.md"]);
    }

    #[test]
    fn shell_syntax_in_the_variable_is_never_run() {
        let command = open(None, Some("vim; rm -rf ~"));
        assert_eq!(command.program, "vim;");
        assert_eq!(args(&command), ["rm", "-rf", "~", "/blog/dev/a post.md"]);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_naming_the_variable() {
        let error =
            editor_command(Some("vim 'oops"), None, Path::new("a.md"), 1).expect_err("unparsable");
        assert!(
            error.to_string().starts_with("$VISUAL cannot be read"),
            "{error}"
        );
    }

    #[test]
    fn line_zero_opens_at_the_first_line() {
        let command = editor_command(None, Some("vim"), Path::new("a.md"), 0).expect("command");
        assert_eq!(args(&command), ["+1", "a.md"]);
    }
}
