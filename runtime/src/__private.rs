//! What generated code refers to, as `::orbit::__private::…`. Not a public API: it changes
//! with the code generator that uses it.

pub use bytes;
pub use prost;
pub use serde;

pub use crate::{
    __orbit_client as client, __orbit_enumeration as enumeration, __orbit_interface as interface,
    __orbit_operation as operation, __orbit_proxy as proxy, __orbit_raises as raises,
    __orbit_record as record, __orbit_server as server, __orbit_service as service,
    __orbit_union as union,
    codec::{self, Validate, decoding},
    dispatch::{
        BoxFuture, CallContext, Channel, Dispatch, InterfaceInfo, OperationInfo, Request,
        no_such_operation, operation_id,
    },
    error::{Completion, Error, ErrorKind},
    object_ref::{self, ObjectRef},
    orb::direct,
    proxy::{Proxy, ProxyCore},
};
