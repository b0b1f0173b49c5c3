use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::library::state::{Bookmark, Place};

fn store() -> (tempfile::TempDir, StateStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = StateStore::at(dir.path().join("geul"));
    (dir, store)
}

fn remembered() -> FolderState {
    let mut state = FolderState::new(PathBuf::from("/home/me/blog/_posts"));
    state.last_open = Some("dev/a.md".into());
    state.remember_place(
        Path::new("dev/a.md"),
        Place {
            line: 120,
            row: Some(4),
        },
    );
    state.set_read(Path::new("dev/a.md"), true);
    state.collapsed.insert("여행".into());
    state.tag_filter.push("rust".into());
    state.outline_pinned = true;
    state.known.insert("dev/a.md".into());
    state.bookmarks.push(Bookmark {
        post: "dev/a.md".into(),
        line: 33,
        row: Some(2),
        label: "설치하기".into(),
    });
    state
}

#[test]
fn a_saved_state_reads_back_the_same() {
    let (_dir, store) = store();
    let state = remembered();
    store.save(&state).expect("save");
    let loaded = store.load(&state.folder);
    assert!(loaded.problem.is_none(), "{:?}", loaded.problem);
    assert_eq!(loaded.state, state);
}

#[test]
fn a_folder_never_saved_starts_fresh_without_a_problem() {
    let (_dir, store) = store();
    let loaded = store.load(Path::new("/somewhere/else"));
    assert!(loaded.problem.is_none());
    assert_eq!(
        loaded.state,
        FolderState::new(PathBuf::from("/somewhere/else"))
    );
}

#[test]
fn each_folder_has_its_own_file_named_after_it() {
    let (_dir, store) = store();
    let a = store.file_for(Path::new("/blog/a/posts"));
    let b = store.file_for(Path::new("/blog/b/posts"));
    assert_ne!(a, b);
    let name = a.file_name().map(|n| n.to_string_lossy().into_owned());
    assert!(
        name.as_deref()
            .is_some_and(|n| n.starts_with("posts-") && n.ends_with(".json"))
    );
    assert_eq!(
        a,
        store.file_for(Path::new("/blog/a/posts")),
        "stable across calls"
    );
}

#[test]
fn a_damaged_file_is_reported_once_set_aside_and_replaced_by_a_fresh_state() {
    let (_dir, store) = store();
    let state = remembered();
    store.save(&state).expect("save");
    let path = store.file_for(&state.folder);
    std::fs::write(&path, b"{\"version\": 1, \"places\": {\"a.md\": ").expect("damage");
    let loaded = store.load(&state.folder);
    let Some(StoreError::Corrupt { set_aside, .. }) = &loaded.problem else {
        panic!(
            "a damaged file should be reported, got {:?}",
            loaded.problem
        );
    };
    assert_eq!(loaded.state, FolderState::new(state.folder.clone()));
    let aside = set_aside.as_ref().expect("moved aside");
    assert!(aside.exists() && !path.exists());
    let again = store.load(&state.folder);
    assert!(
        again.problem.is_none(),
        "reported once: {:?}",
        again.problem
    );
}

#[test]
fn a_state_of_a_later_format_is_set_aside_not_misread() {
    let (_dir, store) = store();
    let folder = PathBuf::from("/blog");
    std::fs::create_dir_all(store.dir()).expect("dir");
    std::fs::write(store.file_for(&folder), br#"{"version": 99}"#).expect("write");
    let loaded = store.load(&folder);
    assert!(matches!(loaded.problem, Some(StoreError::Corrupt { .. })));
}

#[test]
fn something_other_than_a_file_at_the_state_path_is_an_error_not_a_hang() {
    let (_dir, store) = store();
    let folder = PathBuf::from("/blog");
    std::fs::create_dir_all(store.file_for(&folder)).expect("a directory in the way");
    let loaded = store.load(&folder);
    assert!(matches!(loaded.problem, Some(StoreError::Unreadable(..))));
}

#[test]
fn a_read_only_state_folder_is_a_message_not_a_crash() {
    let (_dir, store) = store();
    std::fs::create_dir_all(store.dir()).expect("dir");
    std::fs::set_permissions(store.dir(), std::fs::Permissions::from_mode(0o500)).expect("chmod");
    let probe = store.dir().join("probe");
    if std::fs::write(&probe, b"").is_ok() {
        // Running as root: permissions do not stop writes, so there is nothing to test.
        eprintln!("skipped: permissions do not apply to this user");
        return;
    }
    let error = store.save(&remembered()).expect_err("cannot write");
    assert!(
        error.to_string().starts_with("cannot save the state to"),
        "{error}"
    );
}

#[test]
fn saving_leaves_no_temporary_files_behind() {
    let (_dir, store) = store();
    for line in 0..5 {
        let mut state = remembered();
        state.remember_place(Path::new("dev/a.md"), Place { line, row: None });
        store.save(&state).expect("save");
    }
    let names: Vec<String> = std::fs::read_dir(store.dir())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_state_folder_that_cannot_be_made_is_a_message_not_a_crash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"").expect("a file where the folder would go");
    let store = StateStore::at(blocker.join("geul"));
    let error = store.save(&remembered()).expect_err("cannot write");
    assert!(
        error.to_string().starts_with("cannot save the state to"),
        "{error}"
    );
}

#[test]
fn unfinished_saves_are_swept_once_old_but_young_ones_and_other_files_stay() {
    let (_dir, store) = store();
    store.save(&remembered()).expect("save");
    std::fs::create_dir_all(store.dir()).expect("mkdir");
    let old = store.dir().join(".state-old.tmp");
    let young = store.dir().join(".state-young.tmp");
    std::fs::write(&old, b"{\"ver").expect("write");
    std::fs::write(&young, b"{\"ver").expect("write");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .and_then(|f| f.set_modified(an_hour_ago))
        .expect("age the file");
    let swept = store.sweep_unfinished(std::time::Duration::from_secs(600));
    assert_eq!(swept, 1);
    assert!(!old.exists() && young.exists());
    assert!(
        store.file_for(Path::new("/home/me/blog/_posts")).exists(),
        "the state stays"
    );
}
