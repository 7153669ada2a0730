//! Generates the Rust of `idl/bank.idl` into `OUT_DIR/bank.rs`, as a user's build script
//! would, formatted as the build.rs API formats it.

use std::{env, fs, path::PathBuf};

use orbit_codegen::rust::{RustOptions, generate};

fn main() {
    let idl = "idl/bank.idl";
    println!("cargo:rerun-if-changed={idl}");
    let compilation = orbit_idl::Frontend::new().compile_file(idl);
    if compilation.diagnostics.has_errors() {
        panic!("{}", compilation.render_diagnostics());
    }
    let Some(model) = compilation.model.as_ref() else {
        panic!("no model for {idl}");
    };
    let tokens = match generate(model, &RustOptions::default()) {
        Ok(tokens) => tokens,
        Err(diagnostics) => panic!("{}", diagnostics.render(&compilation.sources)),
    };
    let code = match orbit_codegen::rust::print::format_tokens(tokens.clone()) {
        Ok(code) => code,
        Err(error) => panic!(
            "generated code does not parse: {error}
{tokens}"
        ),
    };
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("bank.rs"), code).expect("OUT_DIR is writable");
}
