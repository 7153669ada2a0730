//! Emits the `.proto` files of `idl/services.idl` (which includes `idl/everything.idl`),
//! compiles them with protox (no `protoc`) and generates prost types from the result with
//! prost-build, into `OUT_DIR/prost.rs` and the files it includes; and generates Orbit's own Rust
//! for the same file (data types, and the request and response messages of the interfaces)
//! into `OUT_DIR/orbit_generated.rs`, as a user's build script would.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

use orbit_codegen::rust::{RustOptions, generate};

/// The data types and interfaces, for both sides.
const SERVICES: &str = "idl/services.idl";
/// Included by `SERVICES`.
const DATA: &str = "idl/everything.idl";

fn main() {
    println!("cargo:rerun-if-changed={DATA}");
    println!("cargo:rerun-if-changed={SERVICES}");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let compilation = compile(SERVICES);
    let Some(model) = compilation.model.as_ref() else {
        panic!("no model for {SERVICES}");
    };
    let files = orbit_codegen::proto::generate(model)
        .unwrap_or_else(|d| panic!("{}", d.render(&compilation.sources)));
    let proto_dir = out.join("proto");
    fs::create_dir_all(&proto_dir).expect("OUT_DIR is writable");
    for file in &files {
        fs::write(proto_dir.join(&file.name), &file.content).expect("OUT_DIR is writable");
    }
    prost_types(&proto_dir, files.iter().map(|f| f.name.as_str()));

    let tokens = generate(model, &RustOptions::default())
        .unwrap_or_else(|d| panic!("{}", d.render(&compilation.sources)));
    let code = orbit_codegen::rust::print::format_tokens(tokens.clone())
        .unwrap_or_else(|e| panic!("generated code does not parse: {e}\n{tokens}"));
    fs::write(out.join("orbit_generated.rs"), code).expect("OUT_DIR is writable");
}

/// Runs the IDL front end on `path`, which must check clean.
fn compile(path: &str) -> orbit_idl::Compilation {
    let compilation = orbit_idl::Frontend::new().compile_file(path);
    if compilation.diagnostics.has_errors() {
        panic!("{}", compilation.render_diagnostics());
    }
    compilation
}

/// Compiles the `.proto` files with protox and hands the descriptors to prost-build.
fn prost_types<'a>(dir: &Path, names: impl IntoIterator<Item = &'a str>) {
    let descriptors = protox::compile(names, [dir])
        .unwrap_or_else(|e| panic!("protox refused the emitted files: {e:?}"));
    prost_build::Config::new()
        .include_file("prost.rs")
        .compile_fds(descriptors)
        .unwrap_or_else(|e| panic!("prost-build failed: {e}"));
}
