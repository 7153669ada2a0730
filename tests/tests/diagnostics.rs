//! The malformed-input suite: every file in `tests/diagnostics/` is wrong in one known way (a few
//! in several). Each file states what it expects in leading comment lines:
//!
//! ```text
//! // expect-error: 3:15: expected `;`, found `}`
//! // expect-warning: include/cycle_b.idl:2:10: …
//! ```
//!
//! (a place in an included file is named by its path from the case file's folder).
//!
//! The test asserts that the front end reports exactly those errors and warnings, at exactly those lines and columns, and keeps the whole rendered output as a
//! reviewed snapshot in `tests/snapshots/`.

use std::path::PathBuf;

use orbit_idl::{Frontend, Severity};

const DIR: &str = "diagnostics";

/// `(severity, "line:col", message)` from the file's `// expect-…:` lines.
fn expectations(text: &str) -> Vec<(Severity, String, String)> {
    text.lines()
        .filter_map(|line| {
            let (severity, rest) = if let Some(rest) = line.strip_prefix("// expect-error: ") {
                (Severity::Error, rest)
            } else if let Some(rest) = line.strip_prefix("// expect-warning: ") {
                (Severity::Warning, rest)
            } else {
                return None;
            };
            let (position, message) = rest.split_once(": ")?;
            Some((severity, position.to_owned(), message.to_owned()))
        })
        .collect()
}

fn cases() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(DIR)
        .expect("tests/diagnostics is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "idl"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_malformed_input_gets_its_exact_diagnostics() {
    let files = cases();
    assert!(files.len() >= 50, "only {} malformed inputs", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable case");
        let expected = expectations(&text);
        assert!(
            !expected.is_empty(),
            "{} states no `// expect-error:` or `// expect-warning:` line",
            path.display()
        );
        let compilation = Frontend::new().compile_file(path);
        let found: Vec<(Severity, String, String)> = compilation
            .diagnostics
            .iter()
            .filter_map(|d| {
                let label = d.primary.as_ref()?;
                let (line, col) = compilation.sources.line_col(label.span);
                // A place in another file (an included one) is named by its path from the case.
                let file = &compilation.sources.file(label.span.file).path;
                let position = match file.strip_prefix(path.parent()?) {
                    Ok(other) if file != path => format!("{}:{line}:{col}", other.display()),
                    _ => format!("{line}:{col}"),
                };
                Some((d.severity, position, d.message.clone()))
            })
            .collect();
        if found != expected {
            failures.push(format!(
                "{}:\n  expected: {expected:?}\n  found:    {found:?}",
                path.display()
            ));
        }
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
        insta::assert_snapshot!(name, compilation.render_diagnostics());
    }
    assert!(
        failures.is_empty(),
        "diagnostics differ:\n{}",
        failures.join("\n")
    );
}

#[test]
fn nesting_beyond_the_limit_is_a_diagnostic_not_a_stack_overflow() {
    for (open, close) in [("(", ")"), ("module M {", "};")] {
        let depth = 100_000;
        let text = if open == "(" {
            format!(
                "const long X = {}1{};\n",
                open.repeat(depth),
                close.repeat(depth)
            )
        } else {
            format!("{}{}", open.repeat(depth), close.repeat(depth))
        };
        let compilation = Frontend::new().compile_source("deep.idl", &text);
        let messages: Vec<&str> = compilation
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, ["nesting deeper than 256 levels"], "for `{open}`");
    }
}

#[test]
fn every_case_file_is_named_for_its_class() {
    // Keeps the folder readable: the prefix says which stage the case exercises.
    for path in cases() {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let known = [
            "syntax_", "lex_", "pp_", "sem_", "const_", "bound_", "ann_", "multi_",
        ];
        assert!(
            known.iter().any(|p| name.starts_with(p)),
            "{name}: name it with one of the prefixes {known:?}"
        );
    }
}
