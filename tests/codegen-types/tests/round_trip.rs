//! Encoding then decoding a generated value gives it back, for every construct of
//! `all_types.idl`; serde's round trip too.

mod strategies;

use std::fmt::Debug;

use orbit::{
    __private::serde,
    __private::{codec::Validate, prost::Message},
    codec,
};
use orbit_test_codegen_types::all::*;
use proptest::prelude::*;
use strategies::*;

/// Validates, encodes and decodes `value` through the runtime's entry points, and through
/// prost's length-delimited forms.
fn round_trip<M: Message + Validate + Default + Clone + PartialEq + Debug>(value: &M) {
    let bytes = codec::encode(value).expect("a value within its bounds encodes");
    assert_eq!(bytes.len(), value.encoded_len());
    let decoded: M = codec::decode(bytes.clone()).expect("what was encoded decodes");
    assert_eq!(&decoded, value);
    let delimited = value.encode_length_delimited_to_vec();
    assert_eq!(
        M::decode_length_delimited(&delimited[..]).as_ref(),
        Ok(value)
    );
    // `clear` resets to what an empty message means, so merging then gives the value back.
    let mut merged = value.clone();
    merged.clear();
    merged
        .merge(&bytes[..])
        .expect("merging into a cleared value works");
    assert_eq!(&merged, value);
}

/// serde's JSON round trip.
fn serde_round_trip<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + Debug>(
    value: &T,
) {
    let json = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(&back, value);
}

proptest! {
    // Failures print their minimal case; nothing is written next to the sources.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn scalars_round_trip(value in scalars()) {
        round_trip(&value);
    }

    #[test]
    fn inherited_members_enums_and_bitmasks_round_trip(value in derived()) {
        round_trip(&value);
    }

    #[test]
    fn sequences_arrays_and_maps_round_trip(value in containers()) {
        round_trip(&value);
        serde_round_trip(&value);
    }

    #[test]
    fn optionals_round_trip(value in optionals()) {
        round_trip(&value);
        serde_round_trip(&value);
    }

    #[test]
    fn unions_round_trip(value in outer()) {
        round_trip(&value);
        round_trip(&value.shape);
        round_trip(&value.by_color);
        round_trip(&value.by_char);
        round_trip(&value.flag);
        serde_round_trip(&value);
    }

    #[test]
    fn recursive_structs_round_trip(value in node()) {
        round_trip(&value);
    }

    #[test]
    fn external_members_and_cases_round_trip(value in expr(), only in any::<i32>()) {
        round_trip(&value);
        round_trip(&Single::Only(only));
    }

    #[test]
    fn exceptions_defaults_and_cross_module_types_round_trip(
        failure in failure(),
        defaults in defaults(),
        uses in uses(),
    ) {
        round_trip(&failure);
        round_trip(&defaults);
        round_trip(&uses);
    }
}

#[test]
fn default_values_round_trip_too() {
    round_trip(&Scalars::default());
    round_trip(&Derived::default());
    round_trip(&Containers::default());
    round_trip(&Optionals::default());
    round_trip(&Shape::default());
    round_trip(&ByColor::default());
    round_trip(&ByChar::default());
    round_trip(&Flag::default());
    round_trip(&Node::default());
    round_trip(&Outer::default());
    round_trip(&Defaults::default());
    round_trip(&Empty::default());
    round_trip(&Single::default());
    round_trip(&Pair::default());
    round_trip(&Expr::default());
    round_trip(&orbit_test_codegen_types::TopLevel::default());
}

#[test]
fn union_default_cases_carry_their_discriminator() {
    let label = Shape::Label {
        discriminator: -7,
        value: "x".to_owned(),
    };
    round_trip(&label);
    assert_eq!(label.discriminator(), -7);
    assert_eq!(Shape::Side([1, 2, 3]).discriminator(), 2);
    // The default case comes first in `ByChar`: its default needs a free discriminator.
    assert_eq!(
        ByChar::default(),
        ByChar::Other {
            discriminator: '\0',
            value: 0
        }
    );
    assert_eq!(ByChar::A(String::new()).discriminator(), 'a');
    assert_eq!(ByColor::Blue(vec![]).discriminator(), Color::Blue);
    assert!(!Flag::No(String::new()).discriminator());
}

#[test]
fn a_zero_valued_case_is_still_written_so_the_case_survives() {
    let value = Flag::Yes(0);
    let bytes = codec::encode(&value).unwrap();
    assert!(!bytes.is_empty());
    round_trip(&value);
}

#[test]
fn names_that_are_rust_keywords_work() {
    let value = Keywords {
        r#type: 1,
        r#match: "m".to_owned(),
        self_: 2,
        r#async: 3,
    };
    round_trip(&value);
    assert_eq!(Words::try_from(2), Ok(Words::Some));
    assert_eq!(Words::default(), Words::Self_);
}

#[test]
fn nil_references_round_trip_in_every_position() {
    let value = Holder {
        account: None,
        accounts: vec![None, None],
        maybe: None,
        named: [("x".to_owned(), None)].into_iter().collect(),
    };
    let bytes = codec::encode(&value).unwrap();
    let decoded: Holder = codec::decode(bytes).unwrap();
    assert_eq!(decoded.accounts.len(), 2);
    assert!(decoded.accounts.iter().all(Option::is_none));
    assert!(decoded.account.is_none() && decoded.maybe.is_none());
    assert_eq!(decoded.named.len(), 1);
}
