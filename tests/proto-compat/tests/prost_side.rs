//! prost-build's types for the emitted `.proto` files: every sample survives a round trip, and
//! the field numbers follow the wire layout (checked on bytes written by hand).

use orbit_test_proto_compat::{assert_reads_as, prost_gen::compat, samples};
use prost::Message;

#[test]
fn every_sample_round_trips() {
    assert_reads_as(&samples::scalars(), &samples::scalars());
    assert_reads_as(&samples::derived(), &samples::derived());
    assert_reads_as(&samples::lists(), &samples::lists());
    for value in samples::unions() {
        assert_reads_as(&value, &value);
    }
    assert_reads_as(&samples::refs(), &samples::refs());
    assert_reads_as(&samples::wrapped(), &samples::wrapped());
    let (request, responses) = samples::add_messages();
    assert_reads_as(&request, &request);
    for response in responses {
        assert_reads_as(&response, &response);
    }
}

#[test]
fn struct_fields_continue_through_the_base() {
    // `Derived : Base`: `id` = 1 and `note` = 2 come from the base, `count` is the fifth member.
    let value = compat::Derived {
        id: 1,
        count: Some(2),
        ..compat::Derived::default()
    };
    assert_eq!(value.encode_to_vec(), [0x08, 0x01, 0x28, 0x02]);
}

#[test]
fn union_cases_are_numbered_from_two_and_the_discriminator_is_one() {
    let code = compat::Code {
        discriminator: 2,
        value: Some(compat::code::Value::Small("x".to_owned())),
    };
    assert_eq!(code.encode_to_vec(), [0x08, 0x02, 0x12, 0x01, b'x']);
    let choice = compat::Choice {
        value: Some(compat::choice::Value::List(compat::ChoiceListList {
            items: vec![5],
        })),
    };
    // Case 3 (`list`) is field 4, a wrapper whose field 1 is packed.
    assert_eq!(choice.encode_to_vec(), [0x22, 0x03, 0x0a, 0x01, 0x05]);
}

#[test]
fn responses_put_the_result_first_and_exceptions_after_the_parameters() {
    let (_, responses) = samples::add_messages();
    let failed = responses[1].encode_to_vec();
    // `oneof exception`: `Failure` is field 4, after result, total and previous.
    assert_eq!(failed[0], 0x22);
}
