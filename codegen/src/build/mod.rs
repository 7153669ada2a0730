//! Generating code from IDL files and writing it to disk: the build.rs API ([`configure`],
//! [`Builder`], [`compile`]) and what `idlc rust` and `idlc proto` run.
//!
//! For each IDL file the front end runs on its own ([`orbit_idl::Frontend`]); when the file is
//! free of errors, the Rust code of its model (see [`crate::rust`]) is formatted with
//! `prettyplease` and written to `{out_dir}/{stem}.rs`, where `stem` is the IDL file's name
//! without its extension, and its `.proto` files (see [`crate::proto`]) are written when asked
//! for. Files are rewritten only when their content changes, so that Cargo does not rebuild what
//! includes them.
//!
//! # Organization
//!
//! * this module: [`configure`] and [`compile`], the entry points of build scripts;
//! * [`builder`]: [`Builder`], its options and its terminal
//!   [`compile`](Builder::compile);
//! * [`generate`]: one IDL file to formatted Rust and `.proto` text, with its diagnostics;
//! * [`output`]: output names, clashes between them, and writing only what changed;
//! * [`attributes`]: [`Builder::type_attribute`], extra attributes on generated types;
//! * [`error`]: [`CompileError`], the diagnostics of a failed build rendered for people.

pub mod attributes;
pub mod builder;
pub mod error;
pub mod generate;
pub mod output;

#[cfg(test)]
mod tests;

use std::{io, path::Path};

pub use builder::Builder;
pub use error::CompileError;
pub use generate::{Generated, Targets, format_rust, generate_file, parse_rust};

/// A [`Builder`] with the default options, to configure before calling
/// [`compile`](Builder::compile).
///
/// # Examples
///
/// In `build.rs`, after `[build-dependencies] orbit-codegen`:
///
/// ```no_run
/// // In `fn main` of `build.rs`. `no_run`: compiling writes to `OUT_DIR`, which only Cargo
/// // sets, for build scripts.
/// orbit_codegen::configure()
///     .server(false)
///     .compile(&["idl/bank.idl"], &["idl"])
///     .unwrap();
/// ```
pub fn configure() -> Builder {
    Builder::new()
}

/// Compiles IDL files with the default options: for each `x.idl` of `files`, writes the Rust
/// code (client proxies, server traits and skeletons, and every data type) to `OUT_DIR/x.rs`,
/// for [`orbit::include_idl!("x")`][include_idl] to include. `#include`d files are searched in
/// the including file's folder, then in `includes`.
///
/// This is `configure().compile(files, includes)`; see [`Builder::compile`].
///
/// [include_idl]: https://docs.rs/orbit/latest/orbit/macro.include_idl.html
///
/// # Errors
///
/// As [`Builder::compile`]: meant to be unwrapped in a build script, so that an IDL error fails
/// the build and shows its diagnostics.
///
/// # Examples
///
/// ```no_run
/// // In `fn main` of `build.rs`. `no_run`: compiling writes to `OUT_DIR`, which only Cargo
/// // sets, for build scripts.
/// orbit_codegen::compile(&["idl/bank.idl"], &["idl"]).unwrap();
/// ```
pub fn compile(files: &[impl AsRef<Path>], includes: &[impl AsRef<Path>]) -> io::Result<()> {
    configure().compile(files, includes)
}
