//! The Rust generated from `idl/bank.idl` by `build.rs`, compiled with the workspace's lints;
//! `tests/bank.rs` drives it through the in-process channel.

include!(concat!(env!("OUT_DIR"), "/bank.rs"));

/// The same code without the standard prelude, as `no_implicit_prelude` users compile it:
/// generated code must name everything by absolute path.
#[no_implicit_prelude]
pub mod hygiene {
    include!(concat!(env!("OUT_DIR"), "/bank.rs"));
}
