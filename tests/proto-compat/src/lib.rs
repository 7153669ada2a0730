//! Protobuf compatibility of the `.proto` files and the bytes Orbit emits.
//!
//! [`prost_gen`] holds the types prost-build generates from the `.proto` files that
//! `orbit_codegen::proto` emits for `idl/services.idl` (which includes `idl/everything.idl`);
//! [`orbit_gen`] holds Orbit's own generated code for the same file (data types, proxies, and the
//! request and response messages of the interfaces). The tests in `tests/` write values with one and read them
//! with the other.

#![forbid(unsafe_code)]

pub mod samples;

use std::fmt::Debug;

use prost::Message;

/// Asserts that `value`'s bytes decode as `expected` of another type: the two types agree on
/// the wire for this value.
///
/// # Panics
///
/// When the bytes do not decode, or decode to something else.
pub fn assert_reads_as<A: Message, B: Message + Default + PartialEq + Debug>(
    value: &A,
    expected: &B,
) {
    let bytes = value.encode_to_vec();
    match B::decode(bytes.as_slice()) {
        Ok(decoded) => assert_eq!(&decoded, expected, "bytes: {bytes:02x?}"),
        Err(error) => panic!("{error}; bytes: {bytes:02x?}"),
    }
}

/// Asserts that the two values are the same on the wire, both ways: `orbit`'s bytes read as
/// `prost`, and `prost`'s as `orbit`.
///
/// # Panics
///
/// When either side's bytes do not decode as the other value.
pub fn assert_same<O, P>(orbit: &O, prost: &P)
where
    O: Message + Default + PartialEq + Debug,
    P: Message + Default + PartialEq + Debug,
{
    assert_reads_as(orbit, prost);
    assert_reads_as(prost, orbit);
}

/// The prost-build types, one module per package (`compat`, `compat::inner`, `compat_rpc`,
/// `orbit`; the top-level declarations are at its root).
#[allow(missing_docs, unreachable_pub, clippy::all, clippy::pedantic)]
pub mod prost_gen {
    include!(concat!(env!("OUT_DIR"), "/prost.rs"));
}

/// Orbit's generated types for the same IDL.
#[allow(missing_docs, unreachable_pub, clippy::all, clippy::pedantic)]
pub mod orbit_gen {
    include!(concat!(env!("OUT_DIR"), "/orbit_generated.rs"));
}
