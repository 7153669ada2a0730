//! Code generation for Orbit, and `idlc`, the Orbit IDL compiler.
//!
//! Rust and `.proto` generation from the checked [`orbit_idl::Model`] arrive in later releases.
//! Today this crate holds what they will share with the command line: checking IDL files and
//! reporting problems the way rustc does.
//!
//! # Checking IDL files with `idlc check`
//!
//! ```text
//! idlc check [-I DIR]... [-D NAME[=VALUE]]... [--format human|json] [--color auto|always|never] FILE...
//! ```
//!
//! `idlc check` preprocesses, parses and checks each `FILE` on its own and reports every
//! problem it finds. `-I DIR` adds a folder to search for `#include`d files (after the including
//! file's own folder); `-D NAME` defines a macro as `1`, `-D NAME=VALUE` as `VALUE`, as a C
//! compiler would. Install it with `cargo install --path codegen` or run it from the workspace:
//!
//! ```text
//! $ cargo run -p orbit-codegen --bin idlc -- check -I idl bank.idl
//! ```
//!
//! Take this file, `bank.idl`, with a missing `;`:
//!
//! ```idl
//! module Bank {
//!     struct Money { long long cents }
//! };
//! ```
//!
//! `idlc check bank.idl` prints to standard error (in colour on a terminal, unless `--color
//! never` or `NO_COLOR` is set):
//!
//! ```text
//! error: expected `;`, found `}`
//!   ┌─ bank.idl:2:36
//!   │
//! 2 │     struct Money { long long cents }
//!   │                                    ^ expected `;`
//!
//! error: could not check `bank.idl` due to 1 previous error
//! ```
//!
//! When every file is free of errors it prints one line, `checked 1 file: no errors`.
//! The exit status is `0` when every file is free of errors (warnings are allowed), `1` when any
//! file has errors, and `2` when the command line itself is wrong. With `--format json`, nothing
//! is written to standard error; instead each diagnostic is one JSON object on its own line of
//! standard output, with 1-based positions and the human rendering:
//!
//! ```text
//! {"file":"bank.idl","line":2,"column":36,"end_line":2,"end_column":37,"severity":"error","message":"expected `;`, found `}`","label":"expected `;`","notes":[],"help":[],"rendered":"error: …"}
//! ```
//!
//! # Using the library
//!
//! The same reporting is available to programs and build scripts: run the front end, then hand
//! its diagnostics to an [`Emitter`](diagnostics::Emitter) or to
//! [`json_lines`](diagnostics::json_lines).
//!
//! ```
//! use orbit_codegen::diagnostics::{ColorMode, Emitter};
//!
//! let compilation = orbit_idl::Frontend::new()
//!     .compile_source("bank.idl", "module Bank { struct Money { long long cents; }; };");
//! let mut emitter = Emitter::stderr(ColorMode::Auto);
//! emitter.emit(&compilation.sources, &compilation.diagnostics)?;
//! emitter.emit_summary("check", "bank.idl", &compilation.diagnostics)?;
//! assert!(!compilation.diagnostics.has_errors());
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # Organization
//!
//! * [`diagnostics`]: rendering diagnostics for people and tools, shared by `idlc` and build
//!   scripts;
//! * [`check`]: checking a list of files and reporting on each, the body of `idlc check`;
//! * `src/bin/idlc/`: the command line itself, a thin clap layer over this library.

#![forbid(unsafe_code)]

pub mod build;
pub mod check;
pub mod diagnostics;
pub mod ident;
pub mod proto;
pub mod rust;
pub mod wire;

pub use build::{Builder, compile, configure};
pub use orbit_idl;
