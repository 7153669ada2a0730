//! Encoding and decoding of generated types: protobuf through prost, plus the checks IDL adds
//! (bounds of strings and sequences, lengths of arrays, ranges of narrow integers, valid
//! characters, known enum values, one case per union).
//!
//! Generated types implement [`prost::Message`] and [`Validate`]. A caller validates before it
//! encodes (encoding itself cannot fail) and decoding checks the same rules, so a message that
//! breaks a bound is refused on both sides.
//!
//! # How generated code encodes
//!
//! Generated `prost::Message` impls hold no encoding logic of their own: each field names a
//! *field codec* built from zero-sized marker types that mirror the wire layout, and calls it.
//! IDL `sequence<string<8>, 3> names` is the field codec `Seq<Str<8>, 3>`; `long m[2][3]` is
//! `Array<Int32, Nest<Leaf>>`; `sequence<sequence<long>>` is
//! `Seq<List<Seq<Int32, UNBOUNDED>>, UNBOUNDED>`. The codecs are generic over the Rust type they
//! carry, so one codec serves every width (`Int32` carries `i32`, `i16` and `i8`).
//!
//! # Organization
//!
//! * this module: [`Validate`], [`encode`] and [`decode`], and the encode-side checks;
//! * [`decoding`]: the decode-side checks;
//! * `element`: [`Element`], one value, and the scalar codecs ([`Int32`], [`Char`], …);
//! * `text`: strings ([`Str`]), `sequence<octet>` ([`Octets`]) and octet arrays ([`OctetArray`]);
//! * `named`: enums ([`IdlEnum`], [`Enumeration`]) and bitmasks ([`IdlBitmask`], [`Flags`]);
//! * `field`: [`FieldCodec`], one field: [`Singular`], [`Present`], [`Optional`];
//! * `repeated`: [`Seq`], [`Array`] and the [`List`] wrapper of nested lists;
//! * `shape`: [`Shape`], how multi-dimensional arrays are flattened;
//! * `map`: [`Map`] over [`BTreeMap`](std::collections::BTreeMap);
//! * [`record`]: [`Record`], whole messages, and [`Msg`], a message inside another;
//! * [`serde_shape`]: serde support for arrays longer than 32 elements;
//! * `generated`: the macros generated code implements these traits with (`record!`,
//!   `union!`, `enumeration!`);
//! * `operation`: [`Operation`], and [`call`] and [`serve`], one operation's client and server
//!   side written once;
//! * `glue`: the macros that write an interface's messages, proxy and skeleton from a listing
//!   (`interface!`, `operation!`, `proxy!`, `client!`, `server!`).

pub mod decoding;
mod element;
mod field;
mod generated;
mod glue;
mod map;
mod named;
mod operation;
pub mod record;
mod repeated;
pub mod serde_shape;
mod shape;
mod text;

pub use element::{Bool, Char, Double, Element, Float, Int32, Int64, UInt32, UInt64, WChar};
pub use field::{FieldCodec, Optional, Present, Singular};
pub use map::Map;
pub use named::{Enumeration, Flags, IdlBitmask, IdlEnum};
pub use operation::{
    OnewayOperation, Operation, call, call_local, call_oneway, call_oneway_local, serve,
    serve_oneway,
};
pub use record::{Boxed, DefaultCase, Fields, Msg, Record, UnionState};
pub use repeated::{Array, List, Seq};
pub use shape::{Leaf, Nest, Shape};
pub use text::{OctetArray, Octets, Str, UNBOUNDED};

use bytes::{Bytes, BytesMut};
use prost::Message;

use crate::error::Error;

/// The IDL rules prost cannot express: bounds, ranges and characters.
pub trait Validate {
    /// Checks every bound of the value (recursively).
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](crate::ErrorKind::BadMessage) error naming the field and the bound.
    fn validate(&self) -> Result<(), Error>;
}

/// Validates and encodes a message into a new buffer.
///
/// # Errors
///
/// When the value breaks a bound of its IDL type.
pub fn encode<M: Message + Validate>(message: &M) -> Result<Bytes, Error> {
    message.validate()?;
    let mut buffer = BytesMut::with_capacity(message.encoded_len());
    // Encoding into a buffer of sufficient capacity cannot fail.
    message
        .encode(&mut buffer)
        .map_err(|e| Error::bad_message("encoding").with_source(e))?;
    Ok(buffer.freeze())
}

/// Decodes a message (decoding checks the IDL rules too).
///
/// # Errors
///
/// When the bytes are not a valid encoding of `M`.
pub fn decode<M: Message + Default>(bytes: Bytes) -> Result<M, Error> {
    M::decode(bytes).map_err(Error::from)
}

/// Checks the length of a bounded string or sequence before encoding.
///
/// # Errors
///
/// When `len` exceeds `bound`.
pub fn check_bound(what: &'static str, len: usize, bound: u32) -> Result<(), Error> {
    if len > bound as usize {
        return Err(Error::bad_message(format!(
            "{what} has {len} elements, more than its bound {bound}"
        )));
    }
    Ok(())
}

/// Checks the number of characters of a bounded string before encoding.
///
/// # Errors
///
/// When the string has more than `bound` characters.
pub fn check_string_bound(what: &'static str, value: &str, bound: u32) -> Result<(), Error> {
    // Bytes bound characters from above: count characters only when it matters.
    if value.len() > bound as usize {
        let chars = value.chars().count();
        if chars > bound as usize {
            return Err(Error::bad_message(format!(
                "{what} has {chars} characters, more than its bound {bound}"
            )));
        }
    }
    Ok(())
}

/// Checks that an IDL `char` (8 bits wide) holds a character below U+0100.
///
/// # Errors
///
/// When it does not.
pub fn check_narrow_char(what: &'static str, value: char) -> Result<(), Error> {
    if u32::from(value) > 0xFF {
        return Err(Error::bad_message(format!(
            "{what} holds `{value}`, which does not fit in an IDL `char`"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_count_characters_not_bytes() {
        assert!(check_string_bound("name", "çççç", 4).is_ok());
        let error = check_string_bound("name", "ççççç", 4).unwrap_err();
        assert_eq!(
            error.to_string(),
            "bad message: name has 5 characters, more than its bound 4"
        );
        assert!(check_bound("items", 3, 3).is_ok());
        assert!(check_bound("items", 4, 3).is_err());
    }

    #[test]
    fn characters_are_checked_on_both_sides() {
        assert!(check_narrow_char("c", 'é').is_ok());
        assert!(check_narrow_char("c", '€').is_err());
        assert_eq!(decoding::character("c", 0x41, true).unwrap(), 'A');
        assert!(decoding::character("c", 0x20AC, true).is_err());
        assert!(decoding::character("c", 0xD800, false).is_err());
        assert_eq!(decoding::narrow::<i16>("s", -5).unwrap(), -5);
        assert!(decoding::narrow::<i16>("s", 40_000).is_err());
    }
}
