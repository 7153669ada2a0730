//! What generated code refers to, as `::orbit::__private::…`. Not a public API: it changes
//! with the code generator that uses it.

pub use bytes;
pub use prost;
pub use serde;

pub use crate::{
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
