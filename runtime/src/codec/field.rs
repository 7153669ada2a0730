//! [`FieldCodec`]: how a message field holds its value(s), and the single-value field codecs.
//!
//! Generated messages name one field codec per field, built from the wire layout:
//! [`Singular`] (proto3 implicit presence), [`Present`] (a union case, always written),
//! [`Optional`] (`@optional`), [`Seq`](super::Seq) and [`Array`](super::Array) (`repeated`) and
//! [`Map`](super::Map).

use std::marker::PhantomData;

use bytes::{Buf, BufMut};
use prost::{
    DecodeError,
    encoding::{DecodeContext, WireType, encode_key, key_len},
};

use super::Element;
use crate::error::Error;

/// How one field of a message is written, measured, read and checked.
///
/// Decoding may see a field's values spread over several occurrences; `count` is the field's
/// own counter in the message's decoding state (starting at 0), which array fields use to place
/// elements, and [`finish`](Self::finish) checks what the whole message brought.
pub trait FieldCodec<T> {
    /// The value of the field when the message does not mention it.
    fn empty() -> T;

    /// Writes the field (key included), or nothing when proto3 leaves it out.
    fn encode(tag: u32, value: &T, buf: &mut impl BufMut);

    /// The length [`encode`](Self::encode) writes.
    fn encoded_len(tag: u32, value: &T) -> usize;

    /// Reads one occurrence of the field.
    ///
    /// # Errors
    ///
    /// When the bytes are malformed or break a rule of the IDL type; `what` names the field.
    fn merge(
        value: &mut T,
        count: &mut usize,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError>;

    /// Checks the field once the whole message is read (an array's length).
    ///
    /// # Errors
    ///
    /// When the field is incomplete.
    fn finish(value: &T, count: usize, what: &'static str) -> Result<(), DecodeError> {
        let _ = (value, count, what);
        Ok(())
    }

    /// Checks the rules of the IDL type before encoding.
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](crate::ErrorKind::BadMessage) error naming `what` and the rule.
    fn validate(value: &T, what: &'static str) -> Result<(), Error>;
}

/// A field holding one value, left out when it is proto3's zero value.
#[derive(Debug)]
pub struct Singular<E>(PhantomData<E>);

/// A field holding one value, always written: a union case, whose presence says which case is
/// set.
#[derive(Debug)]
pub struct Present<E>(PhantomData<E>);

/// An `@optional` field (`optional` in proto3): `None` is left out, `Some` always written.
#[derive(Debug)]
pub struct Optional<E>(PhantomData<E>);

/// Writes one value with its key.
pub(super) fn encode_one<T, E: Element<T>>(tag: u32, value: &T, buf: &mut impl BufMut) {
    encode_key(tag, E::WIRE_TYPE, buf);
    E::encode(value, buf);
}

/// The length of one value with its key.
pub(super) fn one_len<T, E: Element<T>>(tag: u32, value: &T) -> usize {
    key_len(tag) + E::encoded_len(value)
}

impl<T, E: Element<T>> FieldCodec<T> for Singular<E> {
    fn empty() -> T {
        E::empty()
    }

    fn encode(tag: u32, value: &T, buf: &mut impl BufMut) {
        if !E::is_zero(value) {
            encode_one::<T, E>(tag, value, buf);
        }
    }

    fn encoded_len(tag: u32, value: &T) -> usize {
        if E::is_zero(value) {
            0
        } else {
            one_len::<T, E>(tag, value)
        }
    }

    fn merge(
        value: &mut T,
        _count: &mut usize,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        E::merge(value, wire_type, buf, ctx, what)
    }

    fn validate(value: &T, what: &'static str) -> Result<(), Error> {
        E::validate(value, what)
    }
}

impl<T, E: Element<T>> FieldCodec<T> for Present<E> {
    fn empty() -> T {
        E::empty()
    }

    fn encode(tag: u32, value: &T, buf: &mut impl BufMut) {
        encode_one::<T, E>(tag, value, buf);
    }

    fn encoded_len(tag: u32, value: &T) -> usize {
        one_len::<T, E>(tag, value)
    }

    fn merge(
        value: &mut T,
        _count: &mut usize,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        E::merge(value, wire_type, buf, ctx, what)
    }

    fn validate(value: &T, what: &'static str) -> Result<(), Error> {
        E::validate(value, what)
    }
}

impl<T, E: Element<T>> FieldCodec<Option<T>> for Optional<E> {
    fn empty() -> Option<T> {
        None
    }

    fn encode(tag: u32, value: &Option<T>, buf: &mut impl BufMut) {
        if let Some(value) = value {
            encode_one::<T, E>(tag, value, buf);
        }
    }

    fn encoded_len(tag: u32, value: &Option<T>) -> usize {
        value
            .as_ref()
            .map_or(0, |value| one_len::<T, E>(tag, value))
    }

    fn merge(
        value: &mut Option<T>,
        _count: &mut usize,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        E::merge(
            value.get_or_insert_with(E::empty),
            wire_type,
            buf,
            ctx,
            what,
        )
    }

    fn validate(value: &Option<T>, what: &'static str) -> Result<(), Error> {
        value
            .as_ref()
            .map_or(Ok(()), |value| E::validate(value, what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{Int32, Str, UNBOUNDED};

    fn encode<F: FieldCodec<T>, T>(value: &T) -> Vec<u8> {
        let mut buf = Vec::new();
        F::encode(1, value, &mut buf);
        assert_eq!(buf.len(), F::encoded_len(1, value));
        buf
    }

    #[test]
    fn singular_fields_leave_zero_out_and_others_do_not() {
        assert!(encode::<Singular<Int32>, i32>(&0).is_empty());
        assert_eq!(encode::<Singular<Int32>, i32>(&3), [8, 3]);
        assert_eq!(encode::<Present<Int32>, i32>(&0), [8, 0]);
        assert_eq!(encode::<Optional<Int32>, Option<i32>>(&Some(0)), [8, 0]);
        assert!(encode::<Optional<Int32>, Option<i32>>(&None).is_empty());
        assert!(encode::<Singular<Str<UNBOUNDED>>, String>(&String::new()).is_empty());
    }

    #[test]
    fn optional_fields_become_some_when_read() {
        let mut value: Option<i32> = None;
        let bytes: &[u8] = &[0];
        <Optional<Int32> as FieldCodec<Option<i32>>>::merge(
            &mut value,
            &mut 0,
            WireType::Varint,
            &mut &bytes[..],
            DecodeContext::default(),
            "f",
        )
        .unwrap();
        assert_eq!(value, Some(0));
    }
}
