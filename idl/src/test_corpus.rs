//! The shared corpus of real IDL files for this crate's tests: `../shared/idl-corpus` beside
//! the checkout, or the folder `ORBIT_IDL_CORPUS` names (as `tests/src/corpus.rs` does for the
//! workspace's tests).

use std::path::{Path, PathBuf};

/// The corpus folder, or `None` after saying why the test calling it is skipped.
pub(crate) fn corpus_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("ORBIT_IDL_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/idl-corpus"),
        PathBuf::from,
    );
    match dir.canonicalize() {
        Ok(dir) if dir.is_dir() => Some(dir),
        _ => {
            println!(
                "SKIPPED: the IDL corpus is not at `{}` (set ORBIT_IDL_CORPUS to its folder); \
                 {test} did not run",
                dir.display()
            );
            None
        }
    }
}

/// Every `.idl` file under `dir`, sorted.
pub(crate) fn idl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "idl") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
