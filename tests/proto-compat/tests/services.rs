//! The messages of interfaces are protobuf too: Orbit's generated request and response
//! messages and its object references read as the types prost-build generates from the
//! emitted `.proto` (the `service` messages and `orbit.ObjectRef`), and the reverse — what a
//! gRPC client in another language sends and receives.

use std::sync::Arc;

use orbit::{Channel, InProcess, Proxy};
use orbit_test_proto_compat::{
    assert_same as same,
    orbit_gen::{
        compat,
        compat_rpc::{self, __counter_wire as wire, CounterProxy},
    },
    prost_gen, samples,
};

fn counter(key: &str) -> CounterProxy {
    let channel: Arc<dyn Channel> = InProcess::new();
    let mut reference = orbit::ObjectRef::new(key.to_owned(), "IDL:CompatRpc/Counter:1.0");
    reference.endpoints = vec!["unix:///run/compat.sock".to_owned()];
    CounterProxy::from_ref_on(channel, reference)
}

fn prost_ref(key: &str) -> prost_gen::orbit::ObjectRef {
    prost_gen::orbit::ObjectRef {
        endpoints: vec!["unix:///run/compat.sock".to_owned()],
        object_id: key.as_bytes().to_vec(),
        type_id: "IDL:CompatRpc/Counter:1.0".to_owned(),
    }
}

#[test]
fn request_messages() {
    let (request, _) = samples::add_messages();
    same(
        &wire::add_Request {
            amount: 3,
            total: 10,
        },
        &request,
    );
    same(
        &wire::_set_value_Request { value: -7 },
        &prost_gen::compat_rpc::CounterSetValueRequest { value: -7 },
    );
    same(
        &wire::reset_Request {},
        &prost_gen::compat_rpc::CounterResetRequest {},
    );
}

#[test]
fn responses_with_results_out_parameters_and_exceptions() {
    let (_, responses) = samples::add_messages();
    same(
        &wire::add_Response {
            result: 13,
            total: 13,
            previous: 10,
            raised_failure: None,
        },
        &responses[0],
    );
    same(
        &wire::add_Response {
            raised_failure: Some(compat::Failure {
                reason: "overflow".to_owned(),
                code: 2,
            }),
            ..wire::add_Response::default()
        },
        &responses[1],
    );
    same(
        &wire::_get_name_Response {
            result: "c1".to_owned(),
        },
        &prost_gen::compat_rpc::CounterGetNameResponse {
            result: "c1".to_owned(),
        },
    );
}

#[test]
fn object_references_are_orbit_object_refs() {
    // Proxies compare by reference, whatever channel they were decoded onto.
    same(
        &wire::clone_counter_Response {
            result: Some(counter("c2")),
        },
        &prost_gen::compat_rpc::CounterCloneCounterResponse {
            result: Some(prost_ref("c2")),
        },
    );
    same(
        &compat_rpc::Refs {
            one: Some(counter("a")),
            many: vec![Some(counter("b")), None, Some(counter("c"))],
        },
        &prost_gen::compat_rpc::Refs {
            one: Some(prost_ref("a")),
            many: vec![
                prost_ref("b"),
                prost_gen::orbit::ObjectRef::default(),
                prost_ref("c"),
            ],
        },
    );
    // The nil reference: left out as a field, the empty message in a list.
    same(
        &compat_rpc::Refs::default(),
        &prost_gen::compat_rpc::Refs::default(),
    );
}
