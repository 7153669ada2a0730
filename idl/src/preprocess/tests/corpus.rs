//! The real-world corpus: every `.idl` file preprocesses without errors, except the includes
//! that `SOURCES.tsv` marks UNRESOLVED (files that are not in the corpus).

use std::{
    collections::{HashMap, HashSet},
    path::{Path, PathBuf},
};

use super::*;
use crate::preprocess::FsLoader;

/// The shared corpus beside the checkout: `<checkout>/../shared/idl-corpus`.
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/idl-corpus");

fn idl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            idl_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "idl") {
            out.push(path);
        }
    }
}

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
    let Ok(corpus) = Path::new(CORPUS).canonicalize() else {
        println!(
            "SKIPPED: the IDL corpus is not at {CORPUS}; the preprocessor corpus test did not run"
        );
        return;
    };
    let corpus = corpus.as_path();
    let unresolved = unresolved_includes(corpus);
    let mut files = Vec::new();
    idl_files(corpus, &mut files);
    files.sort();
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
