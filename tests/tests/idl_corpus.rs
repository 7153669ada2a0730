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

    let (mut total, mut ok, mut rejected_as_expected) = (0, 0, 0);
    let (mut unresolved_total, mut unresolved_ok) = (0, 0);
    let mut problems = Vec::new();
    for relative in &files {
        let mut frontend = Frontend::new();
        frontend.include_dir(corpus::source_root(&dir, relative));
        let compilation = frontend.compile_file(dir.join(relative));
        let errors = errors(&compilation);
        let name = relative.display();

        if errors.iter().any(|m| is_missing_include(m)) {
            unresolved_total += 1;
            let unexpected: Vec<&String> = errors
                .iter()
                .filter(|m| !follows_from_missing_include(m))
                .collect();
            if unexpected.is_empty() {
                unresolved_ok += 1;
            } else {
                problems.push(format!(
                    "{name} (missing include): errors beyond the missing include:\n{}",
                    compilation.render_diagnostics()
                ));
            }
            continue;
        }

        total += 1;
        match expectations.get(relative) {
            None if errors.is_empty() => ok += 1,
            None => problems.push(format!("{name}:\n{}", compilation.render_diagnostics())),
            Some(Expectation::Reject { message, reason }) => {
                if errors.iter().any(|m| m.contains(message.as_str())) {
                    ok += 1;
                    rejected_as_expected += 1;
                } else {
                    problems.push(format!(
                        "{name}: expected a rejection mentioning `{message}` ({reason}), got:\n{}",
                        compilation.render_diagnostics()
                    ));
                }
            }
            Some(Expectation::KnownFailure { reason }) => {
                if errors.is_empty() {
                    problems.push(format!(
                        "{name}: listed as a known failure ({reason}) but now checks clean: \
                         remove it from tests/corpus/expectations.tsv and docs/idl-corpus.md"
                    ));
                    ok += 1;
                } else {
                    eprintln!("known failure: {name}: {reason}");
                }
            }
        }
    }

    println!(
        "corpus: {ok}/{total} files ok ({} clean, {rejected_as_expected} rejected as expected)",
        ok - rejected_as_expected
    );
    println!("corpus: {unresolved_ok}/{unresolved_total} files with missing includes ok");
    for problem in &problems {
        eprintln!("{problem}");
    }
    let rate = ok as f64 / total as f64;
    assert!(
        rate >= REQUIRED_PASS_RATE,
        "corpus pass rate {:.1}% is below {:.0}%",
        rate * 100.0,
        REQUIRED_PASS_RATE * 100.0
    );
    assert!(
        unresolved_ok == unresolved_total,
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
