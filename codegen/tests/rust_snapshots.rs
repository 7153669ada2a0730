//! Snapshots of the Rust generated for the representative IDL files under `tests/idl/`, as
//! `prettyplease` formats it when a build script writes it, and a check that generating is
//! deterministic.
//!
//! The files directly in `tests/idl/` are shared with the `.proto` snapshots; those in
//! `tests/idl/rust/` exercise what only the Rust mapping has (names that are Rust keywords,
//! error enums, output structs, recursion, documentation).
//!
//! Review changes with `cargo insta review` (or set `INSTA_UPDATE=always` and read the diff).

use std::path::Path;

use orbit_codegen::rust::{self, RustOptions};
use orbit_idl::Frontend;

/// The generated Rust of the IDL file at `path`, formatted; or, when the generator refuses the
/// file, its diagnostics (a file may be there for the `.proto` mapping and use names that
/// collide in Rust, say).
fn generated(path: &Path) -> String {
    // Relative to the package (the tests' working folder), so diagnostics name the same file on
    // every machine.
    let path = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path);
    let mut frontend = Frontend::new();
    if let Some(dir) = path.parent() {
        frontend.include_dir(dir);
    }
    let compilation = frontend.compile_file(path);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    let model = compilation
        .model
        .as_ref()
        .expect("a file without errors has a model");
    match rust::generate(model, &RustOptions::default()) {
        Ok(tokens) => rust::print::format_tokens(tokens.clone())
            .unwrap_or_else(|e| panic!("the generated code does not parse: {e}\n{tokens}")),
        Err(diagnostics) => format!(
            "// the Rust generator refuses this file:\n\n{}",
            diagnostics.render(&compilation.sources)
        ),
    }
}

#[test]
fn rust_snapshots() {
    insta::glob!("idl/**/*.idl", |path| {
        insta::assert_snapshot!(generated(path));
    });
}

#[test]
fn output_is_the_same_on_every_run() {
    insta::glob!("idl/**/*.idl", |path| {
        let first = generated(path);
        for _ in 0..2 {
            assert_eq!(generated(path), first, "{}", path.display());
        }
    });
}
