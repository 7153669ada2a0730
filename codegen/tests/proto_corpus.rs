//! Emits the `.proto` files of every IDL file of the shared corpus that checks clean, and
//! compiles them with protox: generation may refuse a file (with diagnostics that have a place),
//! but must never panic or write a file protobuf rejects.

mod common;

use std::path::{Path, PathBuf};

use orbit_idl::Frontend;

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ORBIT_IDL_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/idl-corpus"),
        PathBuf::from,
    );
    if dir.join("SOURCES.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: the IDL corpus was not found at `{}`",
            dir.display()
        );
        None
    }
}

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

#[test]
fn corpus_files_give_valid_proto_or_placed_diagnostics() {
    let Some(dir) = corpus_dir() else { return };
    let mut files = Vec::new();
    idl_files(&dir, &mut files);
    files.sort();
    let (mut generated, mut refused) = (0, 0);
    let mut problems = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&dir).unwrap_or(path);
        let mut frontend = Frontend::new();
        if let Some(first) = relative.components().next() {
            frontend.include_dir(dir.join(first));
        }
        let compilation = frontend.compile_file(path);
        let Some(model) = compilation.model.as_ref() else {
            continue;
        };
        if compilation.diagnostics.has_errors() {
            continue;
        }
        match orbit_codegen::proto::generate(model) {
            Ok(out) => {
                generated += 1;
                if let Err(e) = common::protox_check(&out) {
                    problems.push(format!(
                        "{}: protox refused the output: {e}",
                        relative.display()
                    ));
                }
            }
            Err(diagnostics) => {
                refused += 1;
                eprintln!(
                    "{}: {}",
                    relative.display(),
                    diagnostics.render(&compilation.sources)
                );
                if diagnostics.iter().any(|d| d.primary.is_none()) {
                    problems.push(format!(
                        "{}: a diagnostic without a place",
                        relative.display()
                    ));
                }
            }
        }
    }
    println!("proto corpus: {generated} generated, {refused} refused");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(generated > 0);
}
