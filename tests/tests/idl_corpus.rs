//! Runs the front end over every real IDL file of the shared corpus and prints
//! `corpus: P/N files ok`.
//!
//! A file is ok when it checks with no error, or — for the few files that are wrong on purpose
//! (`tests/corpus/expectations.tsv`) — when it is rejected with the expected error. Files whose
//! `#include`s name headers of other toolchains that the corpus lacks are counted apart: for them
//! the only errors allowed are the missing include and unresolved names that follow from it.

use std::{collections::BTreeMap, path::PathBuf};

use orbit_idl::{Compilation, Frontend};
use orbit_tests::corpus::{self, Expectation};

/// At least this share of the files that do not depend on missing includes must be ok.
const REQUIRED_PASS_RATE: f64 = 0.97;

/// Error messages that may follow from a missing include.
fn follows_from_missing_include(message: &str) -> bool {
    message.starts_with("cannot find include file") || message.starts_with("cannot find `")
}

fn is_missing_include(message: &str) -> bool {
    message.starts_with("cannot find include file")
}

fn errors(compilation: &Compilation) -> Vec<String> {
    compilation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect()
}

/// Files counted, files ok, and how many of the ok ones were rejected as expected.
#[derive(Default)]
struct Tally {
    total: usize,
    ok: usize,
    rejected: usize,
}

#[test]
fn every_corpus_file_checks() {
    let Some(dir) = corpus::corpus_dir() else {
        return;
    };
    let expectations: BTreeMap<PathBuf, Expectation> = corpus::expectations().into_iter().collect();
    let files = corpus::idl_files(&dir);
    assert!(
        files.len() >= 100,
        "only {} IDL files found under {}",
        files.len(),
        dir.display()
    );

    let mut resolved = Tally::default();
    let mut unresolved = Tally::default();
    let mut problems = Vec::new();
    for relative in &files {
        let mut frontend = Frontend::new();
        frontend.include_dir(corpus::source_root(&dir, relative));
        let compilation = frontend.compile_file(dir.join(relative));
        let errors = errors(&compilation);
        let name = relative.display();

        // A file whose includes name other toolchains' headers is judged only on the errors
        // that do not follow from the missing include.
        let missing_include = errors.iter().any(|m| is_missing_include(m));
        let (tally, own): (&mut Tally, Vec<&String>) = if missing_include {
            let own = errors.iter().filter(|m| !follows_from_missing_include(m));
            (&mut unresolved, own.collect())
        } else {
            (&mut resolved, errors.iter().collect())
        };
        tally.total += 1;
        match expectations.get(relative) {
            None if own.is_empty() => tally.ok += 1,
            None => problems.push(format!("{name}:\n{}", compilation.render_diagnostics())),
            Some(Expectation::Reject { message, reason }) => {
                if own.iter().any(|m| m.contains(message.as_str())) {
                    tally.ok += 1;
                    tally.rejected += 1;
                } else {
                    problems.push(format!(
                        "{name}: expected a rejection mentioning `{message}` ({reason}), got:\n{}",
                        compilation.render_diagnostics()
                    ));
                }
            }
            Some(Expectation::KnownFailure { reason }) => {
                if own.is_empty() {
                    problems.push(format!(
                        "{name}: listed as a known failure ({reason}) but now checks clean: \
                         remove it from tests/corpus/expectations.tsv and docs/idl-corpus.md"
                    ));
                    tally.ok += 1;
                } else {
                    eprintln!("known failure: {name}: {reason}");
                }
            }
        }
    }

    println!(
        "corpus: {}/{} files ok ({} clean, {} rejected as expected)",
        resolved.ok,
        resolved.total,
        resolved.ok - resolved.rejected,
        resolved.rejected
    );
    println!(
        "corpus: {}/{} files with includes of other toolchains ok ({} rejected as expected)",
        unresolved.ok, unresolved.total, unresolved.rejected
    );
    for problem in &problems {
        eprintln!("{problem}");
    }
    let (ok, total) = (resolved.ok, resolved.total);
    let rate = ok as f64 / total as f64;
    assert!(
        rate >= REQUIRED_PASS_RATE,
        "corpus pass rate {:.1}% is below {:.0}%",
        rate * 100.0,
        REQUIRED_PASS_RATE * 100.0
    );
    assert!(
        unresolved.ok == unresolved.total,
        "files with missing includes had other errors (see above)"
    );
    assert!(
        !problems.iter().any(|p| p.contains("now checks clean")),
        "tests/corpus/expectations.tsv lists a file that now checks clean (see above)"
    );
}

#[test]
fn files_marked_unresolved_upstream_report_the_missing_include() {
    let Some(dir) = corpus::corpus_dir() else {
        return;
    };
    let sources = std::fs::read_to_string(dir.join("SOURCES.tsv")).expect("SOURCES.tsv");
    let mut checked = 0;
    for line in sources.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some(includes)) = (fields.first(), fields.get(6)) else {
            continue;
        };
        let active_unresolved = includes
            .split("; ")
            .any(|inc| inc.contains("UNRESOLVED") && !inc.contains("inactive"));
        if !active_unresolved {
            continue;
        }
        let relative = PathBuf::from(path);
        let mut frontend = Frontend::new();
        frontend.include_dir(corpus::source_root(&dir, &relative));
        let compilation = frontend.compile_file(dir.join(&relative));
        assert!(
            errors(&compilation).iter().any(|m| is_missing_include(m)),
            "{path}: SOURCES.tsv marks an active include unresolved, but no missing include \
             was reported:\n{}",
            compilation.render_diagnostics()
        );
        checked += 1;
    }
    assert!(checked > 0, "SOURCES.tsv marks no file unresolved");
}
