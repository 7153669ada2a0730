//! Procedural macros for Orbit. Use them through the runtime crate, `orbit`, which re-exports
//! them behind its default `macros` feature: `orbit::idl!`.
//!
//! This crate is a thin shell: the IDL front end is `orbit-idl` and the generator is
//! `orbit-codegen`, the same code that build scripts and the `idlc` command line run, so the
//! three ways of generating code produce the same items.
//!
//! # Organization
//!
//! * this file: the entry points, each parse → `expand` → errors as `compile_error!`;
//! * `args`: the macro's arguments;
//! * `expand`: running the front end and the generator;
//! * `sources`: reading files relative to the crate and tracking them for Cargo;
//! * `errors`: IDL diagnostics as compile errors.

#![forbid(unsafe_code)]

mod args;
mod errors;
mod expand;
mod sources;

use proc_macro::TokenStream;
use syn::parse_macro_input;

/// Generates Rust from an IDL file at compile time.
///
/// The argument is the path of the IDL file, relative to the crate's root (the folder holding
/// its `Cargo.toml`, `CARGO_MANIFEST_DIR`). The macro expands to the same items a build script
/// or `idlc rust` generates from that file: one Rust module per IDL module, holding its data
/// types, constants and, per interface, the server trait, the client proxy and the skeleton.
/// Place it where those modules should live, usually at the top of a module of their own.
///
/// ```
/// // tests/ui/idl/bank.idl:
/// //     module Bank {
/// //         struct Money { long long cents; };
/// //         interface Account { Money balance(); };
/// //     };
/// orbit::idl!("tests/ui/idl/bank.idl");
///
/// let money = bank::Money { cents: 250 };
/// assert_eq!(money.cents, 250);
/// ```
///
/// Every file read, including `#include`d ones, is tracked: editing it rebuilds the crate.
///
/// # Options
///
/// Optional arguments follow the path, separated by commas:
///
/// * `include = ["idl", "../common"]`: folders searched for `#include`d files, after the
///   including file's own folder, relative to the crate's root;
/// * `define = ["DDS", "LIMIT=10"]`: preprocessor macros, as `-D` defines them;
/// * `crate = "::my_orbit"`: the path of the `orbit` crate when it is renamed or re-exported
///   (generated code refers to `::orbit` otherwise);
/// * `client = false`, `server = false`: leave out the client proxies, or the server traits and
///   skeletons.
///
/// ```
/// orbit::idl!("tests/ui/idl/uses_include.idl", include = ["tests/ui/idl/common"], server = false);
/// # let _ = shop::Order { id: 1, amount: 2 };
/// ```
///
/// # Errors
///
/// Problems in the IDL file are compile errors at the path literal, each carrying the
/// diagnostic as `idlc` prints it: the IDL file, line and column and the offending source line.
/// Constructs with no Rust mapping (such as `any`) are reported the same way. Warnings are not
/// shown (a macro cannot emit them); run `idlc check` to see them.
#[proc_macro]
pub fn idl(input: TokenStream) -> TokenStream {
    let args = parse_macro_input!(input as args::Args);
    expand::expand(args)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
