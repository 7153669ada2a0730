//! Repeated fields: sequences ([`Seq`]), arrays ([`Array`]), and the wrapper message
//! ([`List`]) that carries a list nested in another list or standing alone in a union case.

use std::marker::PhantomData;

use bytes::{Buf, BufMut};
use prost::{
    DecodeError,
    encoding::{
        DecodeContext, WireType, check_wire_type, decode_key, encode_key, encode_varint,
        encoded_len_varint, key_len, skip_field,
    },
};

use super::{
    Element, FieldCodec, Shape, check_bound,
    decoding::{self, read_length},
    field::{encode_one, one_len},
};
use crate::error::Error;

/// `sequence<T, MAX>` as `Vec<T>` (use [`UNBOUNDED`](super::UNBOUNDED) for `sequence<T>`): a
/// `repeated` field, packed for numeric elements; the bound is checked on encode and decode.
#[derive(Debug)]
pub struct Seq<E, const MAX: u32>(PhantomData<E>);

/// An array `[A; N]` of shape `S` (see [`Shape`]): a `repeated` field of exactly as many
/// elements as the array has cells, row-major.
#[derive(Debug)]
pub struct Array<E, S>(PhantomData<(E, S)>);

/// A list as one value: a wrapper message whose field 1 is the list, written with `R` (a
/// [`Seq`] or an [`Array`]).
#[derive(Debug)]
pub struct List<R>(PhantomData<R>);

/// Writes the elements of a repeated field: one packed run, or one field per element.
fn encode_items<T, E: Element<T>>(tag: u32, items: &[T], buf: &mut impl BufMut) {
    if items.is_empty() {
        return;
    }
    if E::PACKED {
        encode_key(tag, WireType::LengthDelimited, buf);
        encode_varint(packed_body_len::<T, E>(items) as u64, buf);
        for item in items {
            E::encode(item, buf);
        }
    } else {
        for item in items {
            encode_one::<T, E>(tag, item, buf);
        }
    }
}

fn packed_body_len<T, E: Element<T>>(items: &[T]) -> usize {
    items.iter().map(E::encoded_len).sum()
}

/// The length [`encode_items`] writes.
fn items_len<T, E: Element<T>>(tag: u32, items: &[T]) -> usize {
    if items.is_empty() {
        0
    } else if E::PACKED {
        let body = packed_body_len::<T, E>(items);
        key_len(tag) + encoded_len_varint(body as u64) + body
    } else {
        items.iter().map(|item| one_len::<T, E>(tag, item)).sum()
    }
}

/// Reads one occurrence of a repeated field, which is a packed run when the element is packed
/// and the wire type is length-delimited (parsers must accept both forms), handing each value
/// to `add`.
fn merge_items<T, E: Element<T>>(
    wire_type: WireType,
    buf: &mut impl Buf,
    ctx: DecodeContext,
    what: &'static str,
    mut add: impl FnMut(T) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    if E::PACKED && wire_type == WireType::LengthDelimited {
        let len = read_length(buf, what)?;
        let limit = buf.remaining() - len;
        while buf.remaining() > limit {
            let mut item = E::empty();
            E::merge(&mut item, E::WIRE_TYPE, buf, ctx.clone(), what)?;
            add(item)?;
        }
        if buf.remaining() != limit {
            return Err(decoding::error(format!(
                "{what}: a packed value crosses its run's end"
            )));
        }
        Ok(())
    } else {
        let mut item = E::empty();
        E::merge(&mut item, wire_type, buf, ctx, what)?;
        add(item)
    }
}

impl<T, E: Element<T>, const MAX: u32> FieldCodec<Vec<T>> for Seq<E, MAX> {
    fn empty() -> Vec<T> {
        Vec::new()
    }

    fn encode(tag: u32, value: &Vec<T>, buf: &mut impl BufMut) {
        encode_items::<T, E>(tag, value, buf);
    }

    fn encoded_len(tag: u32, value: &Vec<T>) -> usize {
        items_len::<T, E>(tag, value)
    }

    fn merge(
        value: &mut Vec<T>,
        _count: &mut usize,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        merge_items::<T, E>(wire_type, buf, ctx, what, |item| {
            // Checked before growing, so a long run stops at the bound.
            decoding::bound(what, value.len() + 1, MAX)?;
            value.push(item);
            Ok(())
        })
    }

    fn validate(value: &Vec<T>, what: &'static str) -> Result<(), Error> {
        check_bound(what, value.len(), MAX)?;
        value.iter().try_for_each(|item| E::validate(item, what))
    }
}

impl<A, const N: usize, S, E> FieldCodec<[A; N]> for Array<E, S>
where
    S: Shape<A>,
    E: Element<S::Cell>,
{
    fn empty() -> [A; N] {
        std::array::from_fn(|_| S::fill(&mut E::empty))
    }

    fn encode(tag: u32, value: &[A; N], buf: &mut impl BufMut) {
        encode_items::<S::Cell, E>(tag, S::flat(value), buf);
    }

    fn encoded_len(tag: u32, value: &[A; N]) -> usize {
        items_len::<S::Cell, E>(tag, S::flat(value))
    }

    fn merge(
        value: &mut [A; N],
        count: &mut usize,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        let cells = S::flat_mut(value);
        let len = cells.len();
        merge_items::<S::Cell, E>(wire_type, buf, ctx, what, |item| {
            let slot = cells
                .get_mut(*count)
                .ok_or_else(|| decoding::error(format!("{what}: more than {len} elements")))?;
            *slot = item;
            *count += 1;
            Ok(())
        })
    }

    fn finish(value: &[A; N], count: usize, what: &'static str) -> Result<(), DecodeError> {
        decoding::exact_length(what, count, S::flat(value).len())
    }

    fn validate(value: &[A; N], what: &'static str) -> Result<(), Error> {
        S::flat(value)
            .iter()
            .try_for_each(|cell| E::validate(cell, what))
    }
}

impl<T, R: FieldCodec<T>> Element<T> for List<R> {
    const WIRE_TYPE: WireType = WireType::LengthDelimited;

    fn empty() -> T {
        R::empty()
    }

    fn is_zero(_: &T) -> bool {
        // A list value is a message: always written where it stands.
        false
    }

    fn encode(value: &T, buf: &mut impl BufMut) {
        encode_varint(R::encoded_len(1, value) as u64, buf);
        R::encode(1, value, buf);
    }

    fn encoded_len(value: &T) -> usize {
        let body = R::encoded_len(1, value);
        encoded_len_varint(body as u64) + body
    }

    fn merge(
        value: &mut T,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        // Wrappers nest only as deep as the IDL type does, so this recursion is bounded by the
        // schema, not by the input; messages inside count against prost's recursion limit.
        check_wire_type(WireType::LengthDelimited, wire_type)?;
        let len = read_length(buf, what)?;
        let limit = buf.remaining() - len;
        let mut count = 0;
        while buf.remaining() > limit {
            let (tag, wire_type) = decode_key(buf)?;
            if tag == 1 {
                R::merge(value, &mut count, wire_type, buf, ctx.clone(), what)?;
            } else {
                skip_field(wire_type, tag, buf, ctx.clone())?;
            }
        }
        if buf.remaining() != limit {
            return Err(decoding::error(format!(
                "{what}: a value crosses its list's end"
            )));
        }
        R::finish(value, count, what)
    }

    fn validate(value: &T, what: &'static str) -> Result<(), Error> {
        R::validate(value, what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{Int32, Leaf, Nest, Str, UNBOUNDED};

    fn encode<F: FieldCodec<T>, T>(value: &T) -> Vec<u8> {
        let mut buf = Vec::new();
        F::encode(1, value, &mut buf);
        assert_eq!(buf.len(), F::encoded_len(1, value));
        buf
    }

    /// Decodes a buffer holding only field 1, as a message would.
    fn decode<F: FieldCodec<T>, T>(mut bytes: &[u8]) -> Result<T, DecodeError> {
        let mut value = F::empty();
        let mut count = 0;
        while !bytes.is_empty() {
            let (tag, wire_type) = decode_key(&mut bytes)?;
            assert_eq!(tag, 1);
            F::merge(
                &mut value,
                &mut count,
                wire_type,
                &mut bytes,
                DecodeContext::default(),
                "f",
            )?;
        }
        F::finish(&value, count, "f")?;
        Ok(value)
    }

    #[test]
    fn numeric_sequences_are_packed_and_others_are_not() {
        assert_eq!(
            encode::<Seq<Int32, UNBOUNDED>, _>(&vec![1, 2, 3]),
            [10, 3, 1, 2, 3]
        );
        let names = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(
            encode::<Seq<Str<UNBOUNDED>, 5>, _>(&names),
            [10, 1, b'a', 10, 1, b'b']
        );
        assert!(encode::<Seq<Int32, 3>, Vec<i32>>(&vec![]).is_empty());
    }

    #[test]
    fn both_repeated_forms_are_read() {
        let unpacked = [8, 1, 8, 2];
        assert_eq!(
            decode::<Seq<Int32, UNBOUNDED>, Vec<i32>>(&unpacked).unwrap(),
            [1, 2]
        );
        let packed = [10, 2, 1, 2, 8, 3];
        assert_eq!(
            decode::<Seq<Int32, UNBOUNDED>, Vec<i32>>(&packed).unwrap(),
            [1, 2, 3]
        );
    }

    #[test]
    fn sequence_bounds_are_checked_on_both_sides() {
        let four = vec![1, 2, 3, 4];
        let bytes = encode::<Seq<Int32, UNBOUNDED>, _>(&four);
        let error = decode::<Seq<Int32, 3>, Vec<i32>>(&bytes).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("f: length 4 is more than the bound 3"),
            "{error}"
        );
        let error = <Seq<Int32, 3> as FieldCodec<Vec<i32>>>::validate(&four, "f").unwrap_err();
        assert_eq!(
            error.to_string(),
            "bad message: f has 4 elements, more than its bound 3"
        );
    }

    #[test]
    fn arrays_need_exactly_their_length() {
        let grid = [[1, 2, 3], [4, 5, 6]];
        let bytes = encode::<Array<Int32, Nest<Leaf>>, _>(&grid);
        assert_eq!(
            decode::<Array<Int32, Nest<Leaf>>, [[i32; 3]; 2]>(&bytes).unwrap(),
            grid
        );
        let five = encode::<Seq<Int32, UNBOUNDED>, _>(&vec![1, 2, 3, 4, 5]);
        let error = decode::<Array<Int32, Nest<Leaf>>, [[i32; 3]; 2]>(&five).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("f: 5 elements, expected exactly 6"),
            "{error}"
        );
        let seven = encode::<Seq<Int32, UNBOUNDED>, _>(&vec![0; 7]);
        let error = decode::<Array<Int32, Nest<Leaf>>, [[i32; 3]; 2]>(&seven).unwrap_err();
        assert!(
            error.to_string().contains("f: more than 6 elements"),
            "{error}"
        );
        assert!(decode::<Array<Int32, Leaf>, [i32; 2]>(&[]).is_err());
    }

    #[test]
    fn nested_lists_travel_in_wrappers() {
        type Rows = Seq<List<Seq<Int32, 2>>, UNBOUNDED>;
        let rows = vec![vec![1, 2], vec![], vec![3]];
        let bytes = encode::<Rows, _>(&rows);
        assert_eq!(bytes, [10, 4, 10, 2, 1, 2, 10, 0, 10, 3, 10, 1, 3]);
        assert_eq!(decode::<Rows, Vec<Vec<i32>>>(&bytes).unwrap(), rows);
        let long = encode::<Seq<List<Seq<Int32, UNBOUNDED>>, UNBOUNDED>, _>(&vec![vec![1, 2, 3]]);
        assert!(decode::<Rows, Vec<Vec<i32>>>(&long).is_err());
        assert!(<Rows as FieldCodec<Vec<Vec<i32>>>>::validate(&vec![vec![1, 2, 3]], "f").is_err());
    }

    #[test]
    fn a_packed_run_that_ends_inside_a_value_is_refused() {
        // A run of one byte announcing a ten-byte varint.
        let bytes = [10, 1, 0xFF, 1];
        assert!(decode::<Seq<Int32, UNBOUNDED>, Vec<i32>>(&bytes).is_err());
    }
}
