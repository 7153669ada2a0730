//! Orbit's runtime: what generated code and applications link.
//!
//! Code generated from IDL (by `orbit-codegen` in `build.rs`, the `idl!` macro or `idlc rust`)
//! uses this crate for:
//!
//! * [`codec`]: protobuf encoding through prost, plus the IDL rules prost cannot express
//!   (bounds, narrow integers and characters), checked on both sides;
//! * [`dispatch`]: the interface between proxies, transports and skeletons — [`Channel`],
//!   [`Dispatch`], [`Request`], stable operation ids — and [`InProcess`], a channel to objects
//!   of this process;
//! * [`proxy`]: what generated proxies are made of ([`Proxy`], [`ProxyCore`](proxy::ProxyCore));
//! * [`object_ref`]: [`ObjectRef`], how a reference to an object travels, and how a received
//!   one becomes a proxy;
//! * [`Error`]: the one error type of calls, with kinds a caller can act on and CORBA's
//!   completion status.
//!
//! Code a build script generated is brought in with [`include_idl!`]`("bank")`.
//!
//! The connection runtime (Unix sockets, shared memory, gRPC) and the object adapter build on
//! these in later releases; `docs/DESIGN.md` shows the whole.
//!
//! # Example
//!
//! A servant is reached through a [`Channel`]; here a hand-written skeleton stands in for the
//! generated one:
//!
//! ```
//! use std::sync::Arc;
//! use orbit::dispatch::{BoxFuture, CallContext, Channel, Dispatch, InProcess, InterfaceInfo, OperationInfo, Request, operation_id};
//! use orbit::bytes::Bytes;
//!
//! static PING: InterfaceInfo = InterfaceInfo {
//!     name: "Ping",
//!     repository_id: "IDL:Ping:1.0",
//!     operations: &[OperationInfo { name: "ping", id: operation_id("ping"), oneway: false }],
//!     bases: &[],
//! };
//!
//! struct Ping;
//!
//! impl Dispatch for Ping {
//!     fn interface(&self) -> &'static InterfaceInfo { &PING }
//!     fn dispatch(&self, _cx: CallContext, _op: u32, payload: Bytes) -> BoxFuture<'_, Result<Bytes, orbit::Error>> {
//!         Box::pin(async move { Ok(payload) })
//!     }
//! }
//!
//! # fn block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     use std::task::{Context, Poll, Waker};
//! #     let mut f = std::pin::pin!(f);
//! #     loop { if let Poll::Ready(v) = f.as_mut().poll(&mut Context::from_waker(Waker::noop())) { return v; } }
//! # }
//! let channel = InProcess::new();
//! channel.bind("ping", Arc::new(Ping));
//! let reply = block_on(channel.call(Request {
//!     object: Bytes::from_static(b"ping"),
//!     operation: operation_id("ping"),
//!     payload: Bytes::from_static(b"hello"),
//!     oneway: false,
//!     timeout: None,
//! }))?;
//! assert_eq!(reply, Bytes::from_static(b"hello"));
//! # Ok::<(), orbit::Error>(())
//! ```

pub mod codec;
mod connection;
pub mod dispatch;
pub mod envelope;
pub mod error;
mod limits;
mod macros;
pub mod object_ref;
mod orb;
pub mod proxy;
mod server;
mod transport;

#[doc(hidden)]
pub mod __private;

pub use bytes;
pub use connection::Connection;
pub use dispatch::{CallContext, Channel, Credentials, Dispatch, InProcess, Request};
pub use error::{Completion, Error, ErrorKind};
pub use limits::Limits;
pub use object_ref::ObjectRef;
pub use orb::Orb;
/// Generates Rust from an IDL file at compile time (the `macros` feature, on by default).
#[cfg(feature = "macros")]
pub use orbit_macros::idl;
pub use proxy::Proxy;
pub use server::{Server, ServerBuilder};
