//! The generated API beyond encoding: constants, enum conversions, bitmask operators,
//! exceptions as errors, defaults.

use orbit_test_codegen_types::{TOP_LEVEL, all::*};

#[test]
fn constants_have_their_evaluated_values_and_types() {
    assert_eq!(TOP_LEVEL, 7);
    assert_eq!(COMPUTED, 15);
    let small: i16 = SMALL;
    assert_eq!(small, -5);
    assert_eq!(HUGE, u64::MAX);
    assert_eq!(MOST_NEGATIVE, i64::MIN);
    assert_eq!(RATIO, 0.25);
    assert_eq!(HALF, 0.5f32);
    const { assert!(ENABLED) };
    assert_eq!(LETTER, 'q');
    assert_eq!(WIDE_LETTER, 'λ');
    assert_eq!(MASK, 0xF0u8);
    assert_eq!(GREETING, "hello \"world\"");
    assert_eq!(WIDE_GREETING, "γειά");
    assert_eq!(FAVOURITE, Color::Blue);
}

#[test]
fn enums_default_to_their_default_literal_and_convert_to_numbers() {
    assert_eq!(Color::default(), Color::Green);
    assert_eq!(i32::from(Color::Blue), 2);
    assert_eq!(Color::try_from(1), Ok(Color::Green));
    assert_eq!(
        Sparse::try_from(0),
        Err(orbit::__private::prost::UnknownEnumValue(0))
    );
    assert_eq!(i32::from(Sparse::MinusFour), -4);
    assert_eq!(Sparse::default(), Sparse::Three);
    assert_eq!(Color::ALL, [Color::Red, Color::Green, Color::Blue]);
}

#[test]
fn bitmasks_combine_with_operators() {
    let mut perms = Perms::READ | Perms::ADMIN;
    assert_eq!(perms.bits(), 0b1000_0001);
    assert!(perms.contains(Perms::READ));
    assert!(!perms.contains(Perms::WRITE));
    perms &= Perms::ADMIN;
    assert_eq!(perms, Perms::ADMIN);
    perms |= Perms::WRITE;
    assert_eq!(perms & Perms::WRITE, Perms::WRITE);
    assert!(Perms::empty().is_empty());
    assert_eq!(Perms::default(), Perms::empty());
    assert_eq!(Wide::HIGH.bits(), 1 << 39);
}

#[test]
fn exceptions_are_errors() {
    let failure = Failure {
        reason: "no funds".to_owned(),
        code: 3,
    };
    let error: Box<dyn std::error::Error> = Box::new(failure);
    assert_eq!(error.to_string(), "IDL exception `all::Failure`");
}

#[test]
fn member_defaults_apply_to_default_and_absence_means_zero_on_the_wire() {
    let defaults = Defaults::default();
    assert_eq!(defaults.answer, 42);
    assert_eq!(defaults.greeting, "hi");
    assert_eq!(defaults.color, Color::Green);
    // proto3: a field the message leaves out is zero, whatever the IDL default.
    let decoded: Defaults = orbit::codec::decode(orbit::bytes::Bytes::new()).unwrap();
    assert_eq!(decoded.answer, 0);
    assert_eq!(decoded.color, Color::Red);
}

#[test]
fn arrays_longer_than_32_elements_have_defaults_and_serde() {
    let containers = Containers::default();
    assert_eq!(containers.big, [0; 40]);
    let json = serde_json::to_value(&containers).unwrap();
    assert_eq!(json["big"].as_array().map(Vec::len), Some(40));
    assert_eq!(json["matrix"], serde_json::json!([[0, 0, 0], [0, 0, 0]]));
    let short: Result<Containers, _> = serde_json::from_value({
        let mut json = json;
        json["big"] = serde_json::json!([1, 2]);
        json
    });
    assert!(short.is_err());
}
