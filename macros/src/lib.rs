//! Procedural macros for Orbit: `idl!`/`include_idl!` and `#[orbit::interface]` land here with
//! the code generation issue. The crate exists now so the workspace has its final shape.

#![forbid(unsafe_code)]
