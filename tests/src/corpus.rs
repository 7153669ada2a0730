//! The shared corpus of real IDL files (`../shared/idl-corpus` beside the checkout).
//!
//! The corpus is not part of the repository: it sits beside the checkout on developer machines
//! and in CI. Tests that need it call [`corpus_dir`], which says clearly when it is absent so the
//! test can skip instead of passing silently.

use std::path::{Path, PathBuf};

/// Environment variable that overrides where the corpus is looked for.
pub const CORPUS_ENV: &str = "ORBIT_IDL_CORPUS";

/// The corpus folder, or `None` (after printing why) when it is absent.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os(CORPUS_ENV).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/idl-corpus"),
        PathBuf::from,
    );
    if dir.join("SOURCES.tsv").is_file() {
        Some(dir.canonicalize().unwrap_or(dir))
    } else {
        eprintln!(
            "SKIPPED: the IDL corpus was not found at `{}` (set {CORPUS_ENV} to its folder); \
             the corpus tests did not run",
            dir.display()
        );
        None
    }
}

/// Every `.idl` file under `dir`, as paths relative to it, sorted.
pub fn idl_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "idl")
                && let Ok(relative) = path.strip_prefix(root)
            {
                out.push(relative.to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The include root of a corpus file: its first path component (`tao/`, `ros-data-types/`, …),
/// as the corpus README prescribes.
pub fn source_root(corpus: &Path, relative: &Path) -> PathBuf {
    match relative.components().next() {
        Some(first) => corpus.join(first),
        None => corpus.to_path_buf(),
    }
}

/// What the corpus test expects of a file that does not simply check clean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expectation {
    /// The file is wrong on purpose upstream (or wrong by the spec); the checker must reject it
    /// with an error whose message contains the given text.
    Reject {
        /// Text one of the errors must contain.
        message: String,
        /// Why the file is wrong.
        reason: String,
    },
    /// The file should pass but does not yet; the reason is recorded in `docs/idl-corpus.md`.
    KnownFailure {
        /// Why it fails.
        reason: String,
    },
}

/// Reads `tests/corpus/expectations.tsv`: `path<TAB>reject|known-failure<TAB>message<TAB>reason`.
pub fn expectations() -> Vec<(PathBuf, Expectation)> {
    let text = include_str!("../corpus/expectations.tsv");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(
                fields.len() == 4,
                "expectations.tsv: expected 4 tab-separated fields in `{line}`"
            );
            let expectation = match fields[1] {
                "reject" => Expectation::Reject {
                    message: fields[2].to_owned(),
                    reason: fields[3].to_owned(),
                },
                "known-failure" => Expectation::KnownFailure {
                    reason: fields[3].to_owned(),
                },
                other => panic!("expectations.tsv: unknown expectation `{other}`"),
            };
            (PathBuf::from(fields[0]), expectation)
        })
        .collect()
}
