//! [`Record`]: generated messages (structs, exceptions, unions, operation messages), decoded with
//! a state that sees the whole message, and [`Msg`], the codec of a message inside another.
//!
//! prost decodes field by field, but some IDL rules concern a whole message: an array must get
//! exactly its length, a union exactly one case and a default case's discriminator. A
//! [`Record`] therefore decodes with a [`Record::State`] (per-field counters, for a union
//! [`UnionState`]) and a [`Record::finish`] step. Generated `prost::Message` impls route
//! `decode`, `merge` and their length-delimited forms through the functions here; nested
//! messages go through prost's own `message::merge`, which keeps prost's recursion limit.

use bytes::{Buf, BufMut};
use prost::{
    DecodeError, Message,
    encoding::{DecodeContext, WireType, decode_key, encode_varint, encoded_len_varint},
};

use super::{Element, Validate};
use crate::error::Error;

/// A generated message. Implemented by generated code only.
pub trait Record: Message + Validate + Sized {
    /// What decoding remembers across the fields of one message.
    type State: Send + Sync;

    /// The message with every field at the value a message that leaves it out means (proto3's
    /// zero values; it can differ from `Default`, which follows IDL `@default` annotations).
    fn empty() -> Self;

    /// The state before the first field.
    fn start() -> Self::State;

    /// Reads one field occurrence.
    ///
    /// # Errors
    ///
    /// When the field is malformed or breaks a rule of its IDL type.
    fn merge_field_in(
        &mut self,
        state: &mut Self::State,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError>;

    /// Checks the message once all of it is read.
    ///
    /// # Errors
    ///
    /// When a rule about the whole message is broken.
    fn finish(&mut self, state: Self::State) -> Result<(), DecodeError>;
}

/// The decoding state of a union: whether a case was read, and the discriminator field (of
/// type `D`, `()` for a union without a `default` case).
#[derive(Debug, Default)]
pub struct UnionState<D> {
    /// Whether a case field was read.
    pub seen: bool,
    /// The value of the `discriminator` field (field 1), for the default case.
    pub discriminator: D,
}

/// Merges a whole buffer into `record` (the body of `prost::Message::merge`).
///
/// # Errors
///
/// When the bytes are not a valid encoding of `R`.
pub fn merge<R: Record>(record: &mut R, mut buf: impl Buf) -> Result<(), DecodeError> {
    let ctx = DecodeContext::default();
    let mut state = R::start();
    while buf.has_remaining() {
        let (tag, wire_type) = decode_key(&mut buf)?;
        record.merge_field_in(&mut state, tag, wire_type, &mut buf, ctx.clone())?;
    }
    record.finish(state)
}

/// Decodes a whole buffer (the body of `prost::Message::decode`).
///
/// # Errors
///
/// When the bytes are not a valid encoding of `R`.
pub fn decode<R: Record>(buf: impl Buf) -> Result<R, DecodeError> {
    let mut record = R::empty();
    merge(&mut record, buf)?;
    Ok(record)
}

/// Merges a length-delimited message into `record`.
///
/// # Errors
///
/// When the bytes are not a valid encoding of `R`.
pub fn merge_length_delimited<R: Record>(
    record: &mut R,
    mut buf: impl Buf,
) -> Result<(), DecodeError> {
    merge_nested(
        record,
        WireType::LengthDelimited,
        &mut buf,
        DecodeContext::default(),
    )
}

/// Decodes a length-delimited message.
///
/// # Errors
///
/// When the bytes are not a valid encoding of `R`.
pub fn decode_length_delimited<R: Record>(buf: impl Buf) -> Result<R, DecodeError> {
    let mut record = R::empty();
    merge_length_delimited(&mut record, buf)?;
    Ok(record)
}

/// The body of `prost::Message::merge_field`, for callers that drive decoding field by field
/// themselves. Each call starts a fresh decoding state and skips [`Record::finish`], so the
/// whole-message rules (array lengths, union cases) are only checked by Orbit's own decoding
/// paths, which never call it.
///
/// # Errors
///
/// When the field is malformed or breaks a rule of its IDL type.
pub fn merge_field<R: Record>(
    record: &mut R,
    tag: u32,
    wire_type: WireType,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut state = R::start();
    record.merge_field_in(&mut state, tag, wire_type, buf, ctx)
}

/// Reads a length-delimited message into `record` through prost (and its recursion limit),
/// then finishes it.
fn merge_nested<R: Record>(
    record: &mut R,
    wire_type: WireType,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut decoding = Decoding {
        state: R::start(),
        record,
    };
    prost::encoding::message::merge(wire_type, &mut decoding, buf, ctx)?;
    let Decoding { record, state } = decoding;
    record.finish(state)
}

/// A record being decoded, as the `prost::Message` prost's `message::merge` drives.
struct Decoding<'a, R: Record> {
    record: &'a mut R,
    state: R::State,
}

impl<R: Record> Message for Decoding<'_, R> {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        self.record.encode_raw(buf);
    }

    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        self.record
            .merge_field_in(&mut self.state, tag, wire_type, buf, ctx)
    }

    fn encoded_len(&self) -> usize {
        self.record.encoded_len()
    }

    fn clear(&mut self) {
        self.record.clear();
    }
}

/// A struct, exception or union inside another message.
#[derive(Debug)]
pub struct Msg;

impl<M: Record> Element<M> for Msg {
    const WIRE_TYPE: WireType = WireType::LengthDelimited;

    fn empty() -> M {
        M::empty()
    }

    fn is_zero(_: &M) -> bool {
        // Message fields have explicit presence in proto3: always written.
        false
    }

    fn encode(value: &M, buf: &mut impl BufMut) {
        encode_varint(value.encoded_len() as u64, buf);
        value.encode_raw(buf);
    }

    fn encoded_len(value: &M) -> usize {
        let len = value.encoded_len();
        encoded_len_varint(len as u64) + len
    }

    fn merge(
        value: &mut M,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        _what: &'static str,
    ) -> Result<(), DecodeError> {
        merge_nested(value, wire_type, buf, ctx)
    }

    fn validate(value: &M, _what: &'static str) -> Result<(), Error> {
        value.validate()
    }
}

/// A value kept in a `Box` (a struct member that refers to its own struct), carried as `E`
/// carries the value.
#[derive(Debug)]
pub struct Boxed<E>(std::marker::PhantomData<E>);

impl<T, E: Element<T>> Element<Box<T>> for Boxed<E> {
    const WIRE_TYPE: WireType = E::WIRE_TYPE;
    const PACKED: bool = E::PACKED;

    fn empty() -> Box<T> {
        Box::new(E::empty())
    }

    fn is_zero(value: &Box<T>) -> bool {
        E::is_zero(value)
    }

    fn encode(value: &Box<T>, buf: &mut impl BufMut) {
        E::encode(value, buf);
    }

    fn encoded_len(value: &Box<T>) -> usize {
        E::encoded_len(value)
    }

    fn merge(
        value: &mut Box<T>,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        E::merge(value, wire_type, buf, ctx, what)
    }

    fn validate(value: &Box<T>, what: &'static str) -> Result<(), Error> {
        E::validate(value, what)
    }
}

/// The fields of a generated message, as its `prost::Message` impl writes them (the impl
/// itself comes from one macro for every message). Implemented by generated code only.
pub trait Fields {
    /// Writes every field that proto3 writes (the body of `prost::Message::encode_raw`).
    fn encode_fields(&self, buf: &mut impl BufMut);

    /// The length [`encode_fields`](Self::encode_fields) writes.
    fn fields_len(&self) -> usize;
}

/// A generated union with a `default` case: the Rust type of its discriminator, and which
/// values belong to the other cases (a default case carrying one of them is refused).
/// Implemented by generated code only.
pub trait DefaultCase {
    /// The Rust type of the discriminator.
    type Discriminator: Send + Sync;

    /// Whether `discriminator` is a label of another case than the default one.
    fn taken(discriminator: &Self::Discriminator) -> bool;
}
