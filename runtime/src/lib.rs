//! Orbit's runtime: what generated code and applications link.
//!
//! Code generated from IDL (by `orbit-codegen` in `build.rs`, the `idl!` macro or `idlc rust`)
//! gives you, per interface, a trait to implement, a skeleton (`IServer`) that serves an
//! implementation, and a proxy (`IProxy`) that calls one. This crate runs them:
//!
//! * [`Orb`]: a process's objects — [`bind`](Orb::bind) one under a name,
//!   [`activate`](Orb::activate) one to return from an operation, [`connect`](Orb::connect) to
//!   another process, [`server`](Orb::server) to listen;
//! * [`Connection`]: one Unix socket between two processes, carrying many calls both ways
//!   (a server calls back objects its client passed it over the client's own connection);
//! * [`Error`]: the one error type of calls, with kinds a caller can act on and CORBA's
//!   completion status; [`Limits`]: message size, calls in flight, connections, handshake
//!   time, default deadline;
//! * [`blocking`]: proxies called from code outside an async runtime;
//! * [`codec`], [`dispatch`], [`proxy`], [`object_ref`], [`envelope`]: what generated code
//!   and transports are made of.
//!
//! Code a build script generated is brought in with [`include_idl!`]`("bank")`.
//!
//! # Example
//!
//! A server and a client over a Unix socket. A hand-written skeleton stands in for the
//! generated one here (generated proxies wrap [`ProxyCore::call`](proxy::ProxyCore::call)
//! the same way, with typed arguments):
//!
//! ```
//! use orbit::{Orb, blocking, bytes::Bytes};
//! use orbit::dispatch::{BoxFuture, CallContext, Dispatch, InterfaceInfo, OperationInfo, operation_id};
//! use orbit::proxy::ProxyCore;
//!
//! static ECHO: InterfaceInfo = InterfaceInfo {
//!     name: "Echo",
//!     repository_id: "IDL:Echo:1.0",
//!     operations: &[OperationInfo { name: "echo", id: operation_id("echo"), oneway: false }],
//!     bases: &[],
//! };
//!
//! struct Echo;
//!
//! impl Dispatch for Echo {
//!     fn interface(&self) -> &'static InterfaceInfo { &ECHO }
//!     fn dispatch(&self, _cx: CallContext, _op: u32, payload: Bytes) -> BoxFuture<'_, Result<Bytes, orbit::Error>> {
//!         Box::pin(async move { Ok(payload) })
//!     }
//! }
//!
//! let folder = std::env::temp_dir().join(format!("orbit-doc-{}", std::process::id()));
//! let endpoint = format!("unix://{}/echo.sock", folder.display());
//!
//! // The server: bind the object under a name, listen on a socket.
//! let server_orb = Orb::new();
//! server_orb.bind("echo", Echo)?;
//! let server = blocking::wait(server_orb.server().listen(&endpoint).start())?;
//!
//! // The client: connect, and call the object by name.
//! let client_orb = Orb::new();
//! let channel = blocking::wait(client_orb.connect(&endpoint))?;
//! let echo = ProxyCore::new(channel, orbit::ObjectRef::new("echo", "IDL:Echo:1.0"));
//! let reply = blocking::wait(echo.call(operation_id("echo"), Bytes::from_static(b"hi"), false))?;
//! assert_eq!(reply, Bytes::from_static(b"hi"));
//!
//! blocking::wait(server.shutdown(std::time::Duration::from_secs(1)));
//! # let _ = std::fs::remove_dir_all(folder);
//! # Ok::<(), orbit::Error>(())
//! ```

pub mod blocking;
pub mod codec;
mod connection;
pub mod dispatch;
pub mod envelope;
pub mod error;
mod limits;
mod macros;
pub mod object_ref;
pub mod orb;
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
