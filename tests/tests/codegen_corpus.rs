//! Compiles the Rust generated for every file of the shared IDL corpus and prints
//! `codegen corpus: P/N compile`.
//!
//! N counts the files that check clean and that the generator accepts; P those whose generated
//! module compiles without a warning. The generated code of all files goes into one scratch
//! crate, `<target>/codegen-corpus/`, one module per IDL file, depending on the runtime by path,
//! and that crate is checked with one `cargo check` (its own target folder is kept between
//! runs, so dependencies are built once). Errors are attributed to IDL files by the module file
//! their primary span is in. Because rustc may stop before reporting every error of a crate,
//! the modules that failed are then left out and the rest checked again, until a check passes.
//!
//! The files the generator refuses and those that do not compile are listed with the reason;
//! `docs/codegen-corpus.md` records them.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use orbit_codegen::rust::{self, RustOptions};
use orbit_idl::Frontend;
use orbit_tests::corpus;
use serde_json::Value;

/// At least this share of the files that generate must compile.
const REQUIRED_COMPILE_RATE: f64 = 0.95;

/// Lints the scratch crate denies, as a strict user crate would.
const CRATE_LINTS: &str = "#![deny(warnings, missing_docs, rust_2018_idioms)]";

/// How often failing modules are left out and the rest checked again, at most.
const MAX_CHECKS: usize = 4;

/// One corpus file whose Rust was generated.
struct Generated {
    /// The IDL file, relative to the corpus.
    idl: PathBuf,
    /// The Rust module holding its code (`src/<module>.rs`).
    module: String,
    /// The formatted code.
    code: String,
}

/// What became of the corpus files.
#[derive(Default)]
struct Outcome {
    generated: Vec<Generated>,
    /// Files the generator refused, with the first diagnostic.
    refused: Vec<(PathBuf, String)>,
    /// Files the front end rejects (not counted: they are the IDL corpus test's business).
    unchecked: usize,
}

#[test]
fn generated_code_of_the_corpus_compiles() {
    let Some(dir) = corpus::corpus_dir() else {
        return;
    };
    let outcome = generate_all(&dir);
    let scratch = scratch_dir();
    write_crate(&scratch, &outcome.generated).expect("the scratch crate can be written");

    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let mut unattributed = Vec::new();
    let mut verified = false;
    for _ in 0..MAX_CHECKS {
        let included: Vec<&Generated> = outcome
            .generated
            .iter()
            .filter(|g| !failures.contains_key(&g.module))
            .collect();
        write_lib(&scratch, &included).expect("the scratch crate's lib.rs can be written");
        let check = cargo_check(&scratch);
        unattributed = check.unattributed;
        if check.errors.is_empty() {
            verified = true;
            break;
        }
        for (module, error) in check.errors {
            failures.entry(module).or_insert(error);
        }
    }

    let total = outcome.generated.len();
    let compiled = total - failures.len();
    println!(
        "codegen corpus: {compiled}/{total} compile ({} refused by the generator, {} rejected \
         by the front end, of {} files)",
        outcome.refused.len(),
        outcome.unchecked,
        total + outcome.refused.len() + outcome.unchecked
    );
    if !verified {
        println!(
            "note: after {MAX_CHECKS} checks new errors were still appearing; files counted as \
             compiling were not all confirmed"
        );
    }
    for (idl, reason) in &outcome.refused {
        println!("does not generate: {}: {reason}", idl.display());
    }
    for generated in &outcome.generated {
        if let Some(error) = failures.get(&generated.module) {
            println!(
                "does not compile: {} (src/{}.rs): {error}",
                generated.idl.display(),
                generated.module
            );
        }
    }

    assert!(
        unattributed.is_empty(),
        "errors outside the generated modules:\n{}",
        unattributed.join("\n")
    );
    assert!(total > 0, "no corpus file generated");
    let rate = compiled as f64 / total as f64;
    assert!(
        rate >= REQUIRED_COMPILE_RATE,
        "{compiled}/{total} generated files compile ({:.1}%), below {:.0}%",
        rate * 100.0,
        REQUIRED_COMPILE_RATE * 100.0
    );
}

/// Runs the front end and the generator over every corpus file.
fn generate_all(dir: &Path) -> Outcome {
    let mut outcome = Outcome::default();
    for (index, relative) in corpus::idl_files(dir).into_iter().enumerate() {
        let mut frontend = Frontend::new();
        frontend.include_dir(corpus::source_root(dir, &relative));
        let compilation = frontend.compile_file(dir.join(&relative));
        let Some(model) = compilation
            .model
            .as_ref()
            .filter(|_| !compilation.diagnostics.has_errors())
        else {
            outcome.unchecked += 1;
            continue;
        };
        match rust::generate(model, &RustOptions::default()) {
            Ok(tokens) => {
                let code = match rust::print::format_tokens(tokens) {
                    Ok(code) => code,
                    Err(error) => {
                        outcome.refused.push((
                            relative,
                            format!("the generated code does not parse: {error}"),
                        ));
                        continue;
                    }
                };
                outcome.generated.push(Generated {
                    module: module_name(index, &relative),
                    idl: relative,
                    code,
                });
            }
            Err(diagnostics) => {
                let first = diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map(|d| {
                        let place = d.primary.as_ref().map(|label| {
                            let file = compilation.sources.file(label.span.file);
                            let (line, column) = compilation.sources.line_col(label.span);
                            let name = file.path.strip_prefix(dir).unwrap_or(&file.path);
                            format!(" ({}:{line}:{column})", name.display())
                        });
                        format!("{}{}", d.message, place.unwrap_or_default())
                    })
                    .unwrap_or_else(|| "refused without an error".to_owned());
                let more = diagnostics.error_count().saturating_sub(1);
                let reason = if more > 0 {
                    format!("{first} and {more} more")
                } else {
                    first
                };
                outcome.refused.push((relative, reason));
            }
        }
    }
    outcome
}

/// A module name for the corpus file at `relative`, unique through its index.
fn module_name(index: usize, relative: &Path) -> String {
    let stem: String = relative
        .with_extension("")
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("f{index:03}_{stem}")
}

/// `<target>/codegen-corpus`.
fn scratch_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the temporary folder is inside the target folder")
        .join("codegen-corpus")
}

/// The workspace's root folder.
fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is inside the workspace")
        .to_path_buf()
}

/// Writes the scratch crate: its manifest, the workspace's lock file (so the offline build
/// uses the versions already downloaded) and one module file per generated IDL file, removing
/// module files of earlier runs.
fn write_crate(dir: &Path, generated: &[Generated]) -> std::io::Result<()> {
    let src = dir.join("src");
    if src.exists() {
        fs::remove_dir_all(&src)?;
    }
    fs::create_dir_all(&src)?;
    let runtime = workspace_dir().join("runtime");
    let manifest = format!(
        "[package]\n\
         name = \"orbit-codegen-corpus\"\n\
         version = \"0.0.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\n\
         [dependencies]\n\
         orbit = {{ path = {:?}, default-features = false }}\n\n\
         # Not a member of the Orbit workspace it sits in.\n\
         [workspace]\n",
        runtime.display().to_string()
    );
    fs::write(dir.join("Cargo.toml"), manifest)?;
    fs::copy(workspace_dir().join("Cargo.lock"), dir.join("Cargo.lock"))?;
    for g in generated {
        let header = format!("//! Generated from `{}`.\n\n", g.idl.display());
        fs::write(src.join(format!("{}.rs", g.module)), header + &g.code)?;
    }
    Ok(())
}

/// Writes `lib.rs` declaring the modules of `included`.
fn write_lib(dir: &Path, included: &[&Generated]) -> std::io::Result<()> {
    let mut lib = format!(
        "//! The Rust generated for the IDL corpus, one module per file.\n\n{CRATE_LINTS}\n\n"
    );
    for g in included {
        // Writing to a String cannot fail.
        let _ = writeln!(lib, "/// `{}`.\npub mod {};", g.idl.display(), g.module);
    }
    fs::write(dir.join("src/lib.rs"), lib)
}

/// What one `cargo check` of the scratch crate reported.
struct Check {
    /// The first error of each module that has one, rendered.
    errors: BTreeMap<String, String>,
    /// Errors that are in no generated module (in `lib.rs`, or Cargo's own).
    unattributed: Vec<String>,
}

/// Runs `cargo check --message-format=json` on the scratch crate, offline, with its own target
/// folder kept between runs.
fn cargo_check(dir: &Path) -> Check {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(dir)
        .args(["check", "--offline", "--quiet", "--message-format=json"])
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut check = Check {
        errors: BTreeMap::new(),
        unattributed: Vec::new(),
    };
    for line in stdout.lines() {
        let Ok(value) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if value["reason"] != "compiler-message" || value["message"]["level"] != "error" {
            continue;
        }
        let message = &value["message"];
        let text = message["message"].as_str().unwrap_or_default();
        let primary = message["spans"]
            .as_array()
            .and_then(|spans| spans.iter().find(|s| s["is_primary"] == true));
        let file = primary.and_then(|s| s["file_name"].as_str());
        let module = file
            .and_then(|f| f.strip_prefix("src/"))
            .and_then(|f| f.strip_suffix(".rs"))
            .filter(|m| *m != "lib");
        match (module, primary) {
            (Some(module), Some(span)) => {
                let summary = format!(
                    "{text} at {}:{}:{}",
                    file.unwrap_or_default(),
                    span["line_start"],
                    span["column_start"]
                );
                check.errors.entry(module.to_owned()).or_insert(summary);
            }
            // rustc's closing summary, which the attributed errors already account for.
            _ if text.starts_with("aborting due to") => {}
            _ => check
                .unattributed
                .push(message["rendered"].as_str().unwrap_or(text).to_owned()),
        }
    }
    if !output.status.success() && check.errors.is_empty() && check.unattributed.is_empty() {
        check.unattributed.push(format!(
            "cargo check failed without a compiler error:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    check
}
