//! Values that break a rule of their IDL type are refused on both sides: by `Validate` before
//! encoding, and by decoding when the bytes (crafted by hand here) carry them.

mod strategies;

use orbit::{
    __private::{
        bytes::Bytes,
        codec::Validate,
        prost::{
            Message,
            encoding::{WireType, encode_key, encode_varint},
        },
    },
    ErrorKind, codec,
};
use orbit_test_codegen_types::all::*;
use proptest::{collection::vec, prelude::*};
use strategies::*;

/// The message of a validation error, after checking its kind.
fn invalid<M: Validate>(value: &M) -> String {
    let error = value.validate().expect_err("the value breaks a bound");
    assert_eq!(error.kind(), ErrorKind::BadMessage);
    error.to_string()
}

/// The message of a decoding error.
fn undecodable<M: Message + Default + std::fmt::Debug>(bytes: Vec<u8>) -> String {
    let error = codec::decode::<M>(Bytes::from(bytes)).expect_err("the bytes break a rule");
    assert_eq!(error.kind(), ErrorKind::BadMessage);
    format!("{error} {:?}", std::error::Error::source(&error))
}

/// A length-delimited field.
fn delimited(buf: &mut Vec<u8>, tag: u32, payload: &[u8]) {
    encode_key(tag, WireType::LengthDelimited, buf);
    encode_varint(payload.len() as u64, buf);
    buf.extend_from_slice(payload);
}

/// A varint field.
fn varint(buf: &mut Vec<u8>, tag: u32, value: u64) {
    encode_key(tag, WireType::Varint, buf);
    encode_varint(value, buf);
}

/// A valid encoding of `Containers::default()` with field `tag` left out, so a test can add
/// its own occurrence of that field.
fn containers_without(tag: u32) -> Vec<u8> {
    let buf = Containers::default().encode_to_vec();
    // Re-encode field by field, skipping `tag`: decode each key and copy what follows.
    let mut rest = &buf[..];
    let mut out = Vec::new();
    while !rest.is_empty() {
        let before = rest;
        let (field, wire_type) =
            orbit::__private::prost::encoding::decode_key(&mut rest).expect("a valid key");
        orbit::__private::prost::encoding::skip_field(
            wire_type,
            field,
            &mut rest,
            Default::default(),
        )
        .expect("a valid field");
        let consumed = before.len() - rest.len();
        if field != tag {
            out.extend_from_slice(&before[..consumed]);
        }
    }
    out
}

proptest! {
    // Failures print their minimal case; nothing is written next to the sources.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn over_long_strings_are_refused_on_both_sides(extra in 1usize..20) {
        let tag: String = "x".repeat(4 + extra);
        let value = Derived { tag: tag.clone(), ..Derived::default() };
        let message = invalid(&value);
        prop_assert!(message.contains("all::Derived.tag has"), "{}", message);
        let mut bytes = Vec::new();
        delimited(&mut bytes, 2, tag.as_bytes());
        let message = undecodable::<Derived>(bytes);
        prop_assert!(message.contains("all::Derived.tag: length"), "{}", message);
    }

    #[test]
    fn over_long_sequences_are_refused_on_both_sides(items in vec(any::<i32>(), 5..12)) {
        let value = Containers { bounded: items.clone(), ..Containers::default() };
        prop_assert!(invalid(&value).contains("all::Containers.bounded has"));
        let mut bytes = containers_without(2);
        let mut packed = Vec::new();
        for item in &items {
            encode_varint(i64::from(*item) as u64, &mut packed);
        }
        delimited(&mut bytes, 2, &packed);
        let message = undecodable::<Containers>(bytes);
        prop_assert!(message.contains("all::Containers.bounded: length 5 is more than the bound 4"), "{}", message);
    }

    #[test]
    fn arrays_of_the_wrong_length_are_refused(len in 0usize..12) {
        prop_assume!(len != 6);
        let mut bytes = containers_without(8);
        let mut packed = Vec::new();
        for i in 0..len {
            encode_varint(i as u64, &mut packed);
        }
        if len > 0 {
            delimited(&mut bytes, 8, &packed);
        }
        let message = undecodable::<Containers>(bytes);
        prop_assert!(message.contains("all::Containers.matrix"), "{}", message);
    }

    #[test]
    fn octet_arrays_of_the_wrong_length_are_refused(octets in vec(any::<u8>(), 0..10)) {
        prop_assume!(octets.len() != 4);
        let mut bytes = containers_without(6);
        delimited(&mut bytes, 6, &octets);
        let message = undecodable::<Containers>(bytes);
        prop_assert!(message.contains("expected exactly 4"), "{}", message);
    }

    #[test]
    fn over_long_nested_lists_are_refused(inner in vec(any::<i32>(), 3..6)) {
        let value = Containers { nested: vec![inner.clone()], ..Containers::default() };
        prop_assert!(invalid(&value).contains("all::Containers.nested has"));
        // One wrapper message whose field 1 has too many elements.
        let mut packed = Vec::new();
        for item in &inner {
            encode_varint(i64::from(*item) as u64, &mut packed);
        }
        let mut wrapper = Vec::new();
        delimited(&mut wrapper, 1, &packed);
        let mut bytes = containers_without(11);
        delimited(&mut bytes, 11, &wrapper);
        prop_assert!(undecodable::<Containers>(bytes).contains("all::Containers.nested"));
    }

    #[test]
    fn out_of_range_narrow_integers_are_refused(value in 32_768i64..1_000_000) {
        let mut bytes = Vec::new();
        varint(&mut bytes, 1, value as u64);
        let message = undecodable::<Scalars>(bytes);
        prop_assert!(message.contains("all::Scalars.s: value"), "{}", message);
    }

    #[test]
    fn narrow_characters_are_checked(c in (0x100u32..0xD800).prop_map(|c| char::from_u32(c).unwrap())) {
        let value = Scalars { c, ..Scalars::default() };
        prop_assert!(invalid(&value).contains("all::Scalars.c holds"));
        let mut bytes = Vec::new();
        varint(&mut bytes, 14, u64::from(u32::from(c)));
        prop_assert!(undecodable::<Scalars>(bytes).contains("all::Scalars.c"));
    }
}

#[test]
fn bounds_inside_maps_unions_and_optionals_are_validated() {
    let too_many = Containers {
        bounded_map: map_of(4),
        ..Containers::default()
    };
    assert!(invalid(&too_many).contains("all::Containers.bounded_map has 4 elements"));
    let long_name = Containers {
        short_names: vec!["abcd".to_owned()],
        ..Containers::default()
    };
    assert!(invalid(&long_name).contains("all::Containers.short_names has 4 characters"));
    let long_blob = Containers {
        blob: Bytes::from(vec![0; 17]),
        ..Containers::default()
    };
    assert!(invalid(&long_blob).contains("all::Containers.blob has 17 elements"));
    let names = Shape::Names(vec![String::new(); 3]);
    assert!(invalid(&names).contains("all::Shape.names has 3 elements"));
    let note = Optionals {
        note: Some("toolong".to_owned()),
        ..Optionals::default()
    };
    assert!(invalid(&note).contains("all::Optionals.note has 7 characters"));
    let nested = ByColor::Green(Derived {
        tag: "toolong".to_owned(),
        ..Derived::default()
    });
    assert!(invalid(&nested).contains("all::Derived.tag"));
    // `encode` validates first.
    assert!(codec::encode(&nested).is_err());
}

#[test]
fn a_default_case_may_not_use_another_case_s_label() {
    let value = Shape::Label {
        discriminator: 3,
        value: String::new(),
    };
    assert!(invalid(&value).contains("all::Shape: discriminator 3 selects another case"));
    let value = ByChar::Other {
        discriminator: 'a',
        value: 1,
    };
    assert!(invalid(&value).contains("all::ByChar: discriminator 'a'"));
    // discriminator 2 in field 1, then the default case (`label`, field 5).
    let mut bytes = Vec::new();
    varint(&mut bytes, 1, 2);
    delimited(&mut bytes, 5, b"x");
    assert!(undecodable::<Shape>(bytes).contains("discriminator 2 selects another case"));
}

#[test]
fn a_union_without_a_case_is_refused() {
    assert!(undecodable::<Shape>(Vec::new()).contains("all::Shape: no case is set"));
    let mut bytes = Vec::new();
    // Only the discriminator.
    varint(&mut bytes, 1, 9);
    assert!(undecodable::<Shape>(bytes).contains("no case is set"));
    // A union inside a struct is checked too.
    let mut outer = Vec::new();
    delimited(&mut outer, 2, &[]);
    assert!(undecodable::<Outer>(outer).contains("all::Shape: no case is set"));
}

#[test]
fn unknown_enum_numbers_are_refused() {
    let mut bytes = Vec::new();
    varint(&mut bytes, 3, 7);
    let message = undecodable::<Derived>(bytes);
    assert!(
        message.contains("all::Derived.color: 7 is not a value of enum `all::Color`"),
        "{message}"
    );
    // `Sparse` has no enumerator 0: an explicit 0 is unknown.
    let mut bytes = Vec::new();
    varint(&mut bytes, 4, 0);
    assert!(undecodable::<Derived>(bytes).contains("0 is not a value of enum `all::Sparse`"));
}

#[test]
fn bits_beyond_a_bitmask_s_type_are_refused() {
    let mut bytes = Vec::new();
    varint(&mut bytes, 5, 1 << 33);
    assert!(undecodable::<Derived>(bytes).contains("do not fit bitmask `all::Perms`"));
}

#[test]
fn nesting_deeper_than_prost_s_recursion_limit_is_refused() {
    // `Node.next` (field 3) nested 200 deep: a message inside a message inside …
    let mut bytes = Vec::new();
    for _ in 0..200 {
        let mut outer = Vec::new();
        delimited(&mut outer, 3, &bytes);
        bytes = outer;
    }
    let message = undecodable::<Node>(bytes);
    assert!(message.contains("RecursionLimitReached"), "{message}");
    // Well within the limit, the same shape decodes.
    let mut bytes = Vec::new();
    for _ in 0..50 {
        let mut outer = Vec::new();
        delimited(&mut outer, 3, &bytes);
        bytes = outer;
    }
    let node: Node = codec::decode(Bytes::from(bytes)).unwrap();
    assert!(node.next.is_some());
}
