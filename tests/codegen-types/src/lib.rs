//! The Rust generated from `idl/all_types.idl`: a schema using every data construct Orbit
//! supports. The tests in `tests/` encode and decode it.

#![deny(warnings)]
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/all_types.rs"));
