//! The interface between generated code and transports: a proxy hands a [`Request`] to a
//! [`Channel`]; on the server side a transport hands the request's payload to the object's
//! [`Dispatch`] (the generated skeleton), which decodes it, calls the servant and encodes the
//! reply.
//!
//! # Organization
//!
//! * this module: operation ids, [`InterfaceInfo`], [`Request`], [`Channel`], [`Dispatch`] and
//!   the [`CallContext`] a transport gives every dispatched call;
//! * `in_process`: [`InProcess`], a channel to objects of this process, called through the
//!   full encode → dispatch → decode path (the transports of later releases carry the same
//!   bytes).

mod in_process;

use std::{future::Future, pin::Pin, sync::Arc, time::Duration};

use bytes::Bytes;
use prost::Message;

pub use in_process::InProcess;

use crate::{
    error::{Completion, Error, ErrorKind},
    object_ref::{self, ObjectRef},
    proxy::ProxyCore,
};

/// A boxed, `Send` future: what dynamic dispatch between proxies, channels and skeletons uses.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The stable id of an operation: the 32-bit FNV-1a hash of its IDL name.
///
/// Generated code and every peer compute the same id from the name, so adding or reordering
/// operations never changes the id of another one.
pub const fn operation_id(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

/// What an operation is, for dispatch and tracing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// The IDL name (`_get_balance` for an attribute getter).
    pub name: &'static str,
    /// [`operation_id`] of the name.
    pub id: u32,
    /// Whether the caller waits for no reply.
    pub oneway: bool,
}

/// What an interface is: its name, repository id, operations and bases.
#[derive(Debug)]
pub struct InterfaceInfo {
    /// The scoped IDL name (`Finance::Account`).
    pub name: &'static str,
    /// The OMG repository id (`IDL:Finance/Account:1.0`).
    pub repository_id: &'static str,
    /// The operations declared by the interface itself, attributes included.
    pub operations: &'static [OperationInfo],
    /// The interfaces it inherits from.
    pub bases: &'static [&'static InterfaceInfo],
}

impl InterfaceInfo {
    /// The operation with id `id`, declared here or inherited.
    pub fn operation(&self, id: u32) -> Option<&'static OperationInfo> {
        self.operations
            .iter()
            .find(|op| op.id == id)
            .or_else(|| self.bases.iter().find_map(|base| base.operation(id)))
    }

    /// Whether this interface is, or inherits from, the one with `repository_id`.
    pub fn is_a(&self, repository_id: &str) -> bool {
        self.repository_id == repository_id || self.bases.iter().any(|b| b.is_a(repository_id))
    }
}

/// One call on its way to an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Which object of the server.
    pub object: Bytes,
    /// Which operation ([`operation_id`]).
    pub operation: u32,
    /// The encoded request message.
    pub payload: Bytes,
    /// Whether no reply is expected.
    pub oneway: bool,
    /// How long the caller waits for the reply; `None` takes the channel's default. The
    /// server is told, and abandons the call when it passes.
    pub timeout: Option<Duration>,
}

/// Carries requests to objects and brings their replies back: implemented by every transport.
pub trait Channel: Send + Sync + 'static {
    /// Sends `request` and resolves to the encoded reply (empty for a oneway request, which
    /// resolves once the request is handed over).
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>>;

    /// The proxy core for `reference`, just received in a message that travelled through this
    /// channel; `None` (the default) reaches it through `this`, this channel. A connection
    /// resolves references to objects of its own process to their servants (collocation) and
    /// counts the references it imports.
    fn receive(&self, this: &Arc<dyn Channel>, reference: &ObjectRef) -> Option<ProxyCore> {
        let _ = (this, reference);
        None
    }

    /// The proxy core for `reference`, named by the application (not received in a message,
    /// so not counted): the in-process channel resolves it to the servant, so calls skip
    /// encoding; the default (`None`) reaches it through `this`.
    fn resolve(&self, this: &Arc<dyn Channel>, reference: &ObjectRef) -> Option<ProxyCore> {
        let _ = (this, reference);
        None
    }

    /// Notes that `proxy`'s reference is being written into a message that travels through
    /// this channel. A connection registers the servant of a local proxy with its object
    /// adapter and counts the reference, so the peer can call the object until it releases
    /// it. The default does nothing.
    fn export(&self, proxy: &ProxyCore) {
        let _ = proxy;
    }
}

impl<C: Channel + ?Sized> Channel for Arc<C> {
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>> {
        (**self).call(request)
    }

    fn receive(&self, this: &Arc<dyn Channel>, reference: &ObjectRef) -> Option<ProxyCore> {
        (**self).receive(this, reference)
    }

    fn resolve(&self, this: &Arc<dyn Channel>, reference: &ObjectRef) -> Option<ProxyCore> {
        (**self).resolve(this, reference)
    }

    fn export(&self, proxy: &ProxyCore) {
        (**self).export(proxy)
    }
}

/// Runs requests on one servant: implemented by every generated skeleton (`IServer<T>`).
pub trait Dispatch: Send + Sync + 'static {
    /// The interface the servant implements.
    fn interface(&self) -> &'static InterfaceInfo;

    /// Decodes `payload` as operation `operation`'s request, calls the servant and resolves to
    /// the encoded response. An operation the interface does not have fails with
    /// [`NoSuchOperation`](ErrorKind::NoSuchOperation).
    fn dispatch(
        &self,
        context: CallContext,
        operation: u32,
        payload: Bytes,
    ) -> BoxFuture<'_, Result<Bytes, Error>>;

    /// The servant as the dyn-compatible form of one of its interfaces, for calls made in its
    /// own process without encoding (collocation): `Some(Box<Arc<dyn D>>)` when `direct` is
    /// the `TypeId` of `dyn D` for the servant's interface or one of its bases. The default
    /// (`None`) makes every call go through [`dispatch`](Self::dispatch).
    fn direct(&self, direct: std::any::TypeId) -> Option<Box<dyn std::any::Any + Send>> {
        let _ = direct;
        None
    }
}

/// What a transport tells a skeleton (and, through the skeleton, a servant) about the call it
/// dispatches: the channel back to the caller, the caller's credentials and the deadline.
///
/// Object references received in the request become proxies through the call's channel, and
/// local objects returned in the reply are exported through it.
#[derive(Clone)]
pub struct CallContext {
    channel: Arc<dyn Channel>,
    peer: Option<Credentials>,
    deadline: Option<std::time::Instant>,
}

impl std::fmt::Debug for CallContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallContext")
            .field("peer", &self.peer)
            .field("deadline", &self.deadline)
            .finish_non_exhaustive()
    }
}

/// Who is calling: the credentials of the process at the other end of a local connection, as
/// the kernel reported them when it connected (`SO_PEERCRED`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Credentials {
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
    /// Process id, when the kernel gives one.
    pub pid: Option<i32>,
}

tokio::task_local! {
    /// The context of the call a servant is running.
    static CURRENT: CallContext;
}

impl CallContext {
    /// The context of the call the current task is serving: what a servant reads to learn
    /// who called it (`CallContext::current().and_then(|c| c.peer())`) or how long its caller
    /// waits. `None` outside a servant's call.
    pub fn current() -> Option<CallContext> {
        CURRENT.try_with(Clone::clone).ok()
    }

    /// Runs `future` (a servant's call) with `self` as [`current`](Self::current).
    pub async fn scope<F: Future>(self, future: F) -> F::Output {
        CURRENT.scope(self, future).await
    }

    /// The context of a call that came through `channel`.
    pub fn new(channel: Arc<dyn Channel>) -> Self {
        CallContext {
            channel,
            peer: None,
            deadline: None,
        }
    }

    /// The same context, with the caller's credentials.
    pub fn with_peer(mut self, peer: Option<Credentials>) -> Self {
        self.peer = peer;
        self
    }

    /// The same context, with the call's deadline.
    pub fn with_deadline(mut self, deadline: Option<std::time::Instant>) -> Self {
        self.deadline = deadline;
        self
    }

    /// A context with no way back to the caller: references received in the call are kept, but
    /// calling them fails with [`Unreachable`](ErrorKind::Unreachable).
    pub fn detached() -> Self {
        Self::new(object_ref::detached_channel())
    }

    /// The caller's credentials, when the transport knows them (Unix sockets and shared
    /// memory do; in-process calls do not).
    pub fn peer(&self) -> Option<Credentials> {
        self.peer
    }

    /// When the caller stops waiting, if it said.
    pub fn deadline(&self) -> Option<std::time::Instant> {
        self.deadline
    }

    /// Encodes a response message, exporting the local objects it refers to through this
    /// call's channel.
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](ErrorKind::BadMessage) error when a value breaks a bound of its IDL
    /// type; the operation did run ([`Completion::Yes`]).
    pub fn encode<M: Message + crate::codec::Validate>(&self, message: &M) -> Result<Bytes, Error> {
        object_ref::encoding_with(&self.channel, || crate::codec::encode(message))
            .map_err(|error| error.with_completion(Completion::Yes))
    }

    /// The channel through which references received in the call are reached.
    pub fn channel(&self) -> &Arc<dyn Channel> {
        &self.channel
    }

    /// Decodes a request message, turning the object references in it into proxies on this
    /// call's channel.
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](ErrorKind::BadMessage) error (the operation did not run) when the
    /// payload is not a valid encoding of `M` or breaks one of its bounds.
    pub fn decode<M: Message + Default>(&self, payload: Bytes) -> Result<M, Error> {
        object_ref::decoding_with(&self.channel, || M::decode(payload))
            .map_err(|e| Error::from(e).with_completion(Completion::No))
    }
}

/// The error of a call to an operation the object does not have.
pub fn no_such_operation(interface: &InterfaceInfo, operation: u32) -> Error {
    Error::new(
        ErrorKind::NoSuchOperation,
        Completion::No,
        format!(
            "`{}` has no operation with id {operation:#010x}",
            interface.name
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_are_fnv1a() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(operation_id(""), 0x811c_9dc5);
        assert_eq!(operation_id("a"), 0xe40c_292c);
        assert_eq!(operation_id("foobar"), 0xbf9c_f968);
    }

    static BASE: InterfaceInfo = InterfaceInfo {
        name: "Base",
        repository_id: "IDL:Base:1.0",
        operations: &[OperationInfo {
            name: "ping",
            id: operation_id("ping"),
            oneway: false,
        }],
        bases: &[],
    };

    static DERIVED: InterfaceInfo = InterfaceInfo {
        name: "Derived",
        repository_id: "IDL:Derived:1.0",
        operations: &[],
        bases: &[&BASE],
    };

    #[test]
    fn inherited_operations_and_bases_are_found() {
        assert_eq!(
            DERIVED.operation(operation_id("ping")).map(|op| op.name),
            Some("ping")
        );
        assert!(DERIVED.operation(operation_id("pong")).is_none());
        assert!(DERIVED.is_a("IDL:Base:1.0"));
        assert!(!BASE.is_a("IDL:Derived:1.0"));
        let error = no_such_operation(&DERIVED, 7);
        assert_eq!(
            error.to_string(),
            "no such operation: `Derived` has no operation with id 0x00000007"
        );
    }
}
