//! Decoding never panics on arbitrary bytes, and whatever it accepts is a value within every
//! IDL rule: it validates, and encodes to bytes that decode to the same value.

use std::fmt::Debug;

use orbit::{
    __private::{codec::Validate, prost::Message},
    bytes::Bytes,
    codec,
};
use orbit_test_codegen_types::all::*;
use proptest::{collection::vec, prelude::*};

fn check<M: Message + Validate + Default + Debug>(bytes: &[u8]) {
    if let Ok(value) = codec::decode::<M>(Bytes::copy_from_slice(bytes)) {
        value
            .validate()
            .expect("a decoded value keeps the IDL rules");
        // Bytes, not values, are compared: a decoded NaN is not equal to itself.
        let again = codec::encode(&value).expect("a decoded value encodes");
        let back = codec::decode::<M>(again.clone()).expect("what was encoded decodes");
        assert_eq!(codec::encode(&back).ok(), Some(again));
    }
}

/// Bytes that look like protobuf more often than uniform noise: small field keys and lengths.
fn message_like() -> impl Strategy<Value = Vec<u8>> {
    vec(prop_oneof![0u8..40, any::<u8>()], 0..200)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decoding_arbitrary_bytes_is_safe(bytes in message_like()) {
        check::<Scalars>(&bytes);
        check::<Derived>(&bytes);
        check::<Containers>(&bytes);
        check::<Optionals>(&bytes);
        check::<Shape>(&bytes);
        check::<ByColor>(&bytes);
        check::<ByChar>(&bytes);
        check::<Outer>(&bytes);
        check::<Node>(&bytes);
        check::<Expr>(&bytes);
        check::<Failure>(&bytes);
    }
}
