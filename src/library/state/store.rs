//! Where the state of each folder is kept: `$XDG_STATE_HOME/geul/` (default
//! `~/.local/state/geul/`), one JSON file a folder, named after the folder and a hash of
//! its canonical path.
//!
//! Writes are atomic (a temporary file in the same folder, flushed to disk, then renamed
//! over the old one), so a crash or a full disk leaves the old file or the new one, never
//! a torn one. A file that cannot be read back is reported once and set aside
//! (`*.corrupt`), and geul starts from a fresh state: remembering is never fatal.

use std::hash::Hasher;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{FolderState, STATE_VERSION};

/// The largest state file read back; anything larger was not written by geul.
const MAX_STATE_BYTES: u64 = 64 * 1024 * 1024;

/// Why the state could not be read or written.
#[derive(Debug)]
pub enum StoreError {
    /// The state file exists but could not be read.
    Unreadable(PathBuf, std::io::Error),
    /// The state file did not parse; it was moved to `set_aside` (if it could be).
    Corrupt {
        /// The state file.
        path: PathBuf,
        /// Where it was moved.
        set_aside: Option<PathBuf>,
        /// What was wrong with it.
        reason: String,
    },
    /// The state could not be written.
    Unwritable(PathBuf, std::io::Error),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unreadable(path, error) => {
                write!(f, "cannot read the saved state {}: {error}", path.display())
            }
            StoreError::Corrupt {
                path,
                set_aside,
                reason,
            } => {
                write!(
                    f,
                    "the saved state {} is damaged ({reason})",
                    path.display()
                )?;
                match set_aside {
                    Some(aside) => write!(f, "; kept as {} and started afresh", aside.display()),
                    None => write!(f, "; started afresh"),
                }
            }
            StoreError::Unwritable(path, error) => {
                write!(f, "cannot save the state to {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// The state read for a folder, and what went wrong reading it, if anything.
#[derive(Debug)]
pub struct Loaded {
    /// The state: as saved, or fresh.
    pub state: FolderState,
    /// A problem to report once; the state is fresh then.
    pub problem: Option<StoreError>,
}

/// The folder of state files.
#[derive(Debug, Clone)]
pub struct StateStore {
    dir: PathBuf,
}

impl StateStore {
    /// A store in `dir`.
    pub fn at(dir: PathBuf) -> StateStore {
        StateStore { dir }
    }

    /// The store in `$XDG_STATE_HOME/geul` (default `~/.local/state/geul`); `None` where
    /// there is no home folder to put it in.
    pub fn default_location() -> Option<StateStore> {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok()?;
        let dir = base
            .state_dir()
            .unwrap_or_else(|| base.data_dir())
            .join("geul");
        Some(StateStore::at(dir))
    }

    /// The folder of state files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The state file of the folder whose canonical path is `folder`:
    /// `NAME-HASH.json`, NAME the folder's own name (for a person looking), HASH a
    /// stable 64-bit FNV-1a hash of the whole path.
    pub fn file_for(&self, folder: &Path) -> PathBuf {
        let mut hasher = fnv::FnvHasher::default();
        hasher.write(folder.as_os_str().as_encoded_bytes());
        let name: String = folder
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .take(40)
            .collect();
        let name = name.trim_start_matches('.');
        self.dir
            .join(format!("{name}-{:016x}.json", hasher.finish()))
    }

    /// The state of the folder whose canonical path is `folder`: as saved, or fresh when
    /// none was saved or it cannot be read (said once in [`Loaded::problem`]).
    pub fn load(&self, folder: &Path) -> Loaded {
        let path = self.file_for(folder);
        let fresh = || FolderState::new(folder.to_path_buf());
        let text = match read_regular_file(&path) {
            Ok(Some(text)) => text,
            Ok(None) => {
                return Loaded {
                    state: fresh(),
                    problem: None,
                };
            }
            Err(error) => {
                return Loaded {
                    state: fresh(),
                    problem: Some(StoreError::Unreadable(path, error)),
                };
            }
        };
        let reason = match serde_json::from_slice::<FolderState>(&text) {
            Ok(state) if state.version == STATE_VERSION => {
                return Loaded {
                    state: FolderState {
                        folder: folder.to_path_buf(),
                        ..state
                    },
                    problem: None,
                };
            }
            Ok(state) => format!("format version {}, expected {STATE_VERSION}", state.version),
            Err(error) => error.to_string(),
        };
        let set_aside = set_aside(&path);
        Loaded {
            state: fresh(),
            problem: Some(StoreError::Corrupt {
                path,
                set_aside,
                reason,
            }),
        }
    }

    /// Saves `state` atomically as the state of its folder.
    pub fn save(&self, state: &FolderState) -> Result<(), StoreError> {
        let path = self.file_for(&state.folder);
        let unwritable = |error| StoreError::Unwritable(path.clone(), error);
        std::fs::create_dir_all(&self.dir).map_err(unwritable)?;
        let mut file = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(&self.dir)
            .map_err(unwritable)?;
        {
            let mut writer = BufWriter::new(file.as_file_mut());
            serde_json::to_writer(&mut writer, state).map_err(|e| unwritable(e.into()))?;
            writer.flush().map_err(unwritable)?;
        }
        file.as_file().sync_all().map_err(unwritable)?;
        file.persist(&path).map_err(|e| unwritable(e.error))?;
        // The rename itself is durable once the folder is synced; where a folder cannot be
        // opened for that (some file systems), the file is still whole.
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl StateStore {
    /// Removes the temporary files of saves that never finished (geul was killed between
    /// writing one and renaming it) once they are older than `age`, so they do not pile
    /// up; a younger one may be another geul's save under way. Returns how many went.
    pub fn sweep_unfinished(&self, age: std::time::Duration) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        entries
            .flatten()
            .filter(|entry| {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
            })
            .filter(|entry| {
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|modified| modified.elapsed().ok())
                    .is_some_and(|elapsed| elapsed >= age)
            })
            .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
            .count()
    }
}

/// How the temporary file of a save is named: `.state-RANDOM.tmp`.
const TEMP_PREFIX: &str = ".state-";
const TEMP_SUFFIX: &str = ".tmp";

/// The bytes of `path` if it is a regular file of a sane size; `None` if it does not
/// exist. Anything else at that name (a FIFO would block a read) is an error.
fn read_regular_file(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    if !metadata.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if metadata.len() > MAX_STATE_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} MiB",
            MAX_STATE_BYTES / 1024 / 1024
        )));
    }
    std::fs::read(path).map(Some)
}

/// Moves a damaged state file out of the way (`NAME.corrupt`, numbered if taken) so it is
/// reported once and kept for a person to look at; `None` if it could not be moved.
fn set_aside(path: &Path) -> Option<PathBuf> {
    (0..100).find_map(|n| {
        let aside = if n == 0 {
            path.with_extension("json.corrupt")
        } else {
            path.with_extension(format!("json.corrupt.{n}"))
        };
        if aside.exists() {
            return None;
        }
        std::fs::rename(path, &aside).ok().map(|()| aside)
    })
}

#[cfg(test)]
mod tests;
