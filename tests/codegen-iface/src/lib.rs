//! The Rust generated from `idl/bank.idl` by `build.rs`, compiled with the workspace's lints;
//! `tests/bank.rs` drives it through the in-process channel.

include!(concat!(env!("OUT_DIR"), "/bank.rs"));
