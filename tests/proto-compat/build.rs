//! Emits the `.proto` files of `idl/everything.idl`, compiles them with protox (no `protoc`)
//! and generates prost types from the result with prost-build, into `OUT_DIR/prost.rs` and the
//! files it includes; and generates Orbit's own Rust types for the same IDL into
//! `OUT_DIR/orbit_generated.rs`, as a user's build script would.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

use orbit_codegen::rust::{RustOptions, generate};

const IDL: &str = "idl/everything.idl";

fn main() {
    println!("cargo:rerun-if-changed={IDL}");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let compilation = orbit_idl::Frontend::new().compile_file(IDL);
    if compilation.diagnostics.has_errors() {
        panic!("{}", compilation.render_diagnostics());
    }
    let Some(model) = compilation.model.as_ref() else {
        panic!("no model for {IDL}");
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
    let file = syn::parse2::<syn::File>(tokens.clone())
        .unwrap_or_else(|e| panic!("generated code does not parse: {e}\n{tokens}"));
    fs::write(out.join("orbit_generated.rs"), prettyplease::unparse(&file))
        .expect("OUT_DIR is writable");
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
