//! Code generation for Orbit.
//!
//! Today this crate ships the `idlc` command-line compiler's `check` subcommand; Rust and
//! `.proto` generation from the checked [`orbit_idl::Model`] follow.

#![forbid(unsafe_code)]

pub use orbit_idl;
