//! `map<K, V, MAX>` as a [`BTreeMap`]: a sorted map, so that the same map always encodes to the
//! same bytes.

use std::{collections::BTreeMap, marker::PhantomData};

use bytes::{Buf, BufMut};
use prost::{
    DecodeError,
    encoding::{
        DecodeContext, WireType, check_wire_type, decode_key, encode_key, encode_varint,
        encoded_len_varint, key_len, skip_field,
    },
};

use super::{
    Element, FieldCodec, check_bound,
    decoding::{self, read_length},
    field::{encode_one, one_len},
};
use crate::error::Error;

/// A protobuf map field: one entry message per pair, key as field 1 and value as field 2 (both
/// always written), at most `MAX` entries (use [`UNBOUNDED`](super::UNBOUNDED) for none).
#[derive(Debug)]
pub struct Map<KE, VE, const MAX: u32>(PhantomData<(KE, VE)>);

fn entry_len<K, V, KE: Element<K>, VE: Element<V>>(key: &K, value: &V) -> usize {
    one_len::<K, KE>(1, key) + one_len::<V, VE>(2, value)
}

impl<K, V, KE, VE, const MAX: u32> FieldCodec<BTreeMap<K, V>> for Map<KE, VE, MAX>
where
    K: Ord,
    KE: Element<K>,
    VE: Element<V>,
{
    fn empty() -> BTreeMap<K, V> {
        BTreeMap::new()
    }

    fn encode(tag: u32, value: &BTreeMap<K, V>, buf: &mut impl BufMut) {
        for (key, value) in value {
            encode_key(tag, WireType::LengthDelimited, buf);
            encode_varint(entry_len::<K, V, KE, VE>(key, value) as u64, buf);
            encode_one::<K, KE>(1, key, buf);
            encode_one::<V, VE>(2, value, buf);
        }
    }

    fn encoded_len(tag: u32, value: &BTreeMap<K, V>) -> usize {
        value
            .iter()
            .map(|(key, value)| {
                let entry = entry_len::<K, V, KE, VE>(key, value);
                key_len(tag) + encoded_len_varint(entry as u64) + entry
            })
            .sum()
    }

    fn merge(
        value: &mut BTreeMap<K, V>,
        _count: &mut usize,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        check_wire_type(WireType::LengthDelimited, wire_type)?;
        let len = read_length(buf, what)?;
        let limit = buf.remaining() - len;
        let mut key = KE::empty();
        let mut entry = VE::empty();
        while buf.remaining() > limit {
            let (tag, wire_type) = decode_key(buf)?;
            match tag {
                1 => KE::merge(&mut key, wire_type, buf, ctx.clone(), what)?,
                2 => VE::merge(&mut entry, wire_type, buf, ctx.clone(), what)?,
                _ => skip_field(wire_type, tag, buf, ctx.clone())?,
            }
        }
        if buf.remaining() != limit {
            return Err(decoding::error(format!(
                "{what}: a value crosses its entry's end"
            )));
        }
        value.insert(key, entry);
        decoding::bound(what, value.len(), MAX)
    }

    fn validate(value: &BTreeMap<K, V>, what: &'static str) -> Result<(), Error> {
        check_bound(what, value.len(), MAX)?;
        value
            .iter()
            .try_for_each(|(key, value)| KE::validate(key, what).and(VE::validate(value, what)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{Int32, Str, UNBOUNDED};

    type Names = Map<Str<3>, Int32, 2>;

    fn encode(value: &BTreeMap<String, i32>) -> Vec<u8> {
        let mut buf = Vec::new();
        <Names as FieldCodec<_>>::encode(1, value, &mut buf);
        assert_eq!(buf.len(), <Names as FieldCodec<_>>::encoded_len(1, value));
        buf
    }

    fn decode<F: FieldCodec<BTreeMap<String, i32>>>(
        mut bytes: &[u8],
    ) -> Result<BTreeMap<String, i32>, DecodeError> {
        let mut value = BTreeMap::new();
        while !bytes.is_empty() {
            let (_, wire_type) = decode_key(&mut bytes)?;
            F::merge(
                &mut value,
                &mut 0,
                wire_type,
                &mut bytes,
                DecodeContext::default(),
                "m",
            )?;
        }
        Ok(value)
    }

    #[test]
    fn entries_are_written_in_key_order_with_both_fields() {
        let map = BTreeMap::from([("b".to_owned(), 0), ("a".to_owned(), 1)]);
        let bytes = encode(&map);
        assert_eq!(
            bytes,
            [10, 5, 10, 1, b'a', 16, 1, 10, 5, 10, 1, b'b', 16, 0]
        );
        assert_eq!(decode::<Names>(&bytes).unwrap(), map);
    }

    #[test]
    fn bounds_hold_for_entries_keys_and_values() {
        let three: BTreeMap<String, i32> = (0..3).map(|i| (i.to_string(), i)).collect();
        let bytes = {
            let mut buf = Vec::new();
            <Map<Str<UNBOUNDED>, Int32, UNBOUNDED> as FieldCodec<_>>::encode(1, &three, &mut buf);
            buf
        };
        let error = decode::<Names>(&bytes).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("m: length 3 is more than the bound 2"),
            "{error}"
        );
        assert!(<Names as FieldCodec<_>>::validate(&three, "m").is_err());
        let long_key = BTreeMap::from([("abcd".to_owned(), 1)]);
        assert!(<Names as FieldCodec<_>>::validate(&long_key, "m").is_err());
    }

    #[test]
    fn a_missing_key_or_value_reads_as_zero() {
        let bytes = [10, 2, 16, 7];
        assert_eq!(
            decode::<Names>(&bytes).unwrap(),
            BTreeMap::from([(String::new(), 7)])
        );
    }
}
