//! Length-delimited scalars: strings, `sequence<octet>` and octet arrays.

use std::marker::PhantomData;

use bytes::{Buf, BufMut, Bytes};
use prost::{
    DecodeError,
    encoding::{DecodeContext, WireType, check_wire_type, encode_varint, encoded_len_varint},
};

use super::{
    Element, Shape, check_bound, check_string_bound,
    decoding::{self, read_length},
};
use crate::error::Error;

/// The bound of an unbounded string or sequence: no value can reach it (protobuf messages are
/// smaller than 2 GiB).
pub const UNBOUNDED: u32 = u32::MAX;

/// `string` (IDL `string`, `wstring`) holding at most `MAX` characters (use [`UNBOUNDED`] for
/// none), checked on encode and decode.
#[derive(Debug)]
pub struct Str<const MAX: u32>;

/// `bytes` for `sequence<octet>` as [`Bytes`], holding at most `MAX` octets.
#[derive(Debug)]
pub struct Octets<const MAX: u32>;

/// `bytes` for an octet array (`octet a[N][M]` is `[[u8; M]; N]`), holding exactly as many octets
/// as the array, row-major; `S` is the array's [`Shape`].
#[derive(Debug)]
pub struct OctetArray<S>(PhantomData<S>);

impl<const MAX: u32> Element<String> for Str<MAX> {
    const WIRE_TYPE: WireType = WireType::LengthDelimited;

    fn empty() -> String {
        String::new()
    }

    fn is_zero(value: &String) -> bool {
        value.is_empty()
    }

    fn encode(value: &String, buf: &mut impl BufMut) {
        encode_varint(value.len() as u64, buf);
        buf.put_slice(value.as_bytes());
    }

    fn encoded_len(value: &String) -> usize {
        encoded_len_varint(value.len() as u64) + value.len()
    }

    fn merge(
        value: &mut String,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        prost::encoding::string::merge(wire_type, value, buf, ctx)?;
        // Bytes bound characters from above: count characters only when it matters.
        if value.len() > MAX as usize {
            decoding::bound(what, value.chars().count(), MAX)?;
        }
        Ok(())
    }

    fn validate(value: &String, what: &'static str) -> Result<(), Error> {
        check_string_bound(what, value, MAX)
    }
}

impl<const MAX: u32> Element<Bytes> for Octets<MAX> {
    const WIRE_TYPE: WireType = WireType::LengthDelimited;

    fn empty() -> Bytes {
        Bytes::new()
    }

    fn is_zero(value: &Bytes) -> bool {
        value.is_empty()
    }

    fn encode(value: &Bytes, buf: &mut impl BufMut) {
        encode_varint(value.len() as u64, buf);
        buf.put_slice(value);
    }

    fn encoded_len(value: &Bytes) -> usize {
        encoded_len_varint(value.len() as u64) + value.len()
    }

    fn merge(
        value: &mut Bytes,
        wire_type: WireType,
        buf: &mut impl Buf,
        _ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        check_wire_type(WireType::LengthDelimited, wire_type)?;
        let len = read_length(buf, what)?;
        decoding::bound(what, len, MAX)?;
        *value = buf.copy_to_bytes(len);
        Ok(())
    }

    fn validate(value: &Bytes, what: &'static str) -> Result<(), Error> {
        check_bound(what, value.len(), MAX)
    }
}

impl<A, const N: usize, S: Shape<A, Cell = u8>> Element<[A; N]> for OctetArray<S> {
    const WIRE_TYPE: WireType = WireType::LengthDelimited;

    fn empty() -> [A; N] {
        std::array::from_fn(|_| S::fill(&mut || 0))
    }

    fn is_zero(_: &[A; N]) -> bool {
        // Never empty: an array always has its length.
        false
    }

    fn encode(value: &[A; N], buf: &mut impl BufMut) {
        let octets = S::flat(value);
        encode_varint(octets.len() as u64, buf);
        buf.put_slice(octets);
    }

    fn encoded_len(value: &[A; N]) -> usize {
        let len = S::flat(value).len();
        encoded_len_varint(len as u64) + len
    }

    fn merge(
        value: &mut [A; N],
        wire_type: WireType,
        buf: &mut impl Buf,
        _ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        check_wire_type(WireType::LengthDelimited, wire_type)?;
        let len = read_length(buf, what)?;
        let octets = S::flat_mut(value);
        decoding::exact_length(what, len, octets.len())?;
        buf.copy_to_slice(octets);
        Ok(())
    }

    fn validate(_: &[A; N], _: &'static str) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{Leaf, Nest};

    fn round_trip<E: Element<T>, T>(value: &T) -> Result<T, DecodeError> {
        let mut buf = Vec::new();
        E::encode(value, &mut buf);
        assert_eq!(buf.len(), E::encoded_len(value));
        let mut out = E::empty();
        E::merge(
            &mut out,
            E::WIRE_TYPE,
            &mut &buf[..],
            DecodeContext::default(),
            "f",
        )?;
        Ok(out)
    }

    #[test]
    fn string_bounds_count_characters_on_both_sides() {
        let four = "çççç".to_owned();
        assert_eq!(round_trip::<Str<4>, String>(&four).unwrap(), four);
        let five = "ççççç".to_owned();
        let error = round_trip::<Str<4>, String>(&five).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("f: length 5 is more than the bound 4"),
            "{error}"
        );
        assert!(<Str<4> as Element<String>>::validate(&five, "f").is_err());
        assert!(<Str<UNBOUNDED> as Element<String>>::validate(&five, "f").is_ok());
    }

    #[test]
    fn octet_sequences_are_bounded() {
        let value = Bytes::from_static(b"abc");
        assert_eq!(round_trip::<Octets<3>, Bytes>(&value).unwrap(), value);
        assert!(round_trip::<Octets<2>, Bytes>(&value).is_err());
        assert!(<Octets<2> as Element<Bytes>>::validate(&value, "f").is_err());
    }

    #[test]
    fn octet_arrays_are_flattened_and_need_their_exact_length() {
        let grid = [[1u8, 2, 3], [4, 5, 6]];
        let mut buf = Vec::new();
        <OctetArray<Nest<Leaf>> as Element<[[u8; 3]; 2]>>::encode(&grid, &mut buf);
        assert_eq!(buf, [6, 1, 2, 3, 4, 5, 6]);
        assert_eq!(
            round_trip::<OctetArray<Nest<Leaf>>, [[u8; 3]; 2]>(&grid).unwrap(),
            grid
        );
        let short: &[u8] = &[2, 1, 2];
        let mut out = [0u8; 3];
        let error = <OctetArray<Leaf> as Element<[u8; 3]>>::merge(
            &mut out,
            WireType::LengthDelimited,
            &mut &short[..],
            DecodeContext::default(),
            "f",
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("f: 2 elements, expected exactly 3"),
            "{error}"
        );
    }

    #[test]
    fn a_length_past_the_end_is_refused() {
        let bytes: &[u8] = &[9, 1];
        let mut out = Bytes::new();
        let result = <Octets<UNBOUNDED> as Element<Bytes>>::merge(
            &mut out,
            WireType::LengthDelimited,
            &mut &bytes[..],
            DecodeContext::default(),
            "f",
        );
        assert!(result.is_err());
    }
}
