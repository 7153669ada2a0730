//! The real-world corpus: every `.idl` file preprocesses without errors, except the includes
//! that `SOURCES.tsv` marks UNRESOLVED (files that are not in the corpus).

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use super::*;
use crate::{
    preprocess::FsLoader,
    test_corpus::{corpus_dir, idl_files},
};

/// For each corpus file (path relative to the corpus), the include names marked UNRESOLVED.
fn unresolved_includes(corpus: &Path) -> HashMap<String, HashSet<String>> {
    let table = std::fs::read_to_string(corpus.join("SOURCES.tsv")).unwrap_or_default();
    let mut map: HashMap<String, HashSet<String>> = HashMap::new();
    for row in table.lines().skip(1) {
        let columns: Vec<&str> = row.split('\t').collect();
        let (Some(path), Some(includes)) = (columns.first(), columns.get(6)) else {
            continue;
        };
        for include in includes.split("; ") {
            if let Some((name, target)) = include.split_once(" -> ")
                && target.starts_with("UNRESOLVED")
            {
                let name = name.trim_matches(|c| matches!(c, '"' | '<' | '>'));
                map.entry((*path).to_owned())
                    .or_default()
                    .insert(name.to_owned());
            }
        }
    }
    map
}

#[test]
fn every_corpus_file_preprocesses() {
    let Some(corpus) = corpus_dir("every_corpus_file_preprocesses") else {
        return;
    };
    let corpus = corpus.as_path();
    let unresolved = unresolved_includes(corpus);
    let files = idl_files(corpus);
    assert!(files.len() >= 100, "only {} corpus files", files.len());
    let mut failures = Vec::new();
    let mut pragmas = 0;
    for path in &files {
        let relative = path.strip_prefix(corpus).unwrap_or(path);
        let Some(source_root) = relative.components().next() else {
            continue;
        };
        let opts = PreprocessOptions {
            include_dirs: vec![corpus.join(source_root)],
            defines: Vec::new(),
        };
        let bytes = std::fs::read(path).unwrap_or_default();
        let r = run_loader(&path.display().to_string(), &bytes, &FsLoader, &opts);
        pragmas += r.unit.pragmas.len();
        for diagnostic in r.diagnostics.iter().filter(|d| !d.is_error()) {
            println!("{}", r.describe(diagnostic));
        }
        for diagnostic in r.diagnostics.iter().filter(|d| d.is_error()) {
            println!("{}", r.describe(diagnostic));
            let file = diagnostic
                .primary
                .as_ref()
                .map(|l| r.sources.file(l.span.file).path.clone())
                .unwrap_or_default();
            let file = file
                .strip_prefix(corpus)
                .unwrap_or(&file)
                .display()
                .to_string();
            let allowed = unresolved.get(&file).is_some_and(|names| {
                names
                    .iter()
                    .any(|n| diagnostic.message == format!("cannot find include file `{n}`"))
            });
            if !allowed {
                failures.push(r.describe(diagnostic));
            }
        }
        if r.unit.fatal {
            failures.push(format!("{}: fatal", relative.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(pragmas >= 60, "only {pragmas} pragmas");
}
