//! The state geul remembers of a folder, for subcommands that read it (`geul list
//! --unread`). They only read it: the reader alone writes state.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, bail};

use super::output;
use crate::library::state::StateStore;

/// The posts read in the folder at `dir` (keys relative to it), as remembered; nothing
/// when nothing was remembered yet. Refused when remembering is off (`--no-state`,
/// `state = false`), since every post would then count as unread.
pub fn read_posts(dir: &Path, enabled: bool) -> anyhow::Result<BTreeSet<String>> {
    if !enabled {
        bail!("--unread needs the remembered state, which is off (--no-state or state = false)");
    }
    let Some(store) = StateStore::default_location() else {
        bail!("--unread needs the remembered state, and there is no home folder to keep it in");
    };
    let folder = std::fs::canonicalize(dir)
        .with_context(|| format!("cannot open {}", output::display_path(dir)))?;
    let loaded = store.load(&folder);
    if let Some(problem) = loaded.problem {
        eprintln!("geul: {}", output::safe_message(&problem.to_string()));
    }
    Ok(loaded.state.read)
}
