//! The interface between generated code and transports: a proxy hands a [`Request`] to a
//! [`Channel`]; on the server side a transport hands the request's payload to the object's
//! [`Dispatch`] (the generated skeleton), which decodes it, calls the servant and encodes the
//! reply.
//!
//! [`InProcess`] is the simplest channel: objects of this process, called through the full
//! encode → dispatch → decode path (the transports of later releases carry the same bytes).

use std::{
    collections::HashMap,
    future::Future,
    pin::Pin,
    sync::{Arc, RwLock},
};

use bytes::Bytes;

use crate::error::{Completion, Error, ErrorKind};

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
}

/// Carries requests to objects and brings their replies back: implemented by every transport.
pub trait Channel: Send + Sync + 'static {
    /// Sends `request` and resolves to the encoded reply (empty for a oneway request).
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>>;
}

/// Runs requests on one servant: implemented by every generated skeleton (`IServer<T>`).
pub trait Dispatch: Send + Sync + 'static {
    /// The interface the servant implements.
    fn interface(&self) -> &'static InterfaceInfo;

    /// Decodes `payload` as operation `operation`'s request, calls the servant and resolves to
    /// the encoded response.
    fn dispatch(&self, operation: u32, payload: Bytes) -> BoxFuture<'_, Result<Bytes, Error>>;
}

/// Objects of this process, reached through the full encode → dispatch → decode path.
#[derive(Default)]
pub struct InProcess {
    objects: RwLock<HashMap<Bytes, Arc<dyn Dispatch>>>,
}

impl std::fmt::Debug for InProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.objects.read().map_or(0, |o| o.len());
        f.debug_struct("InProcess")
            .field("objects", &count)
            .finish()
    }
}

impl InProcess {
    /// A channel with no object.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Makes `object` reachable under `key`, replacing what was there.
    pub fn bind(&self, key: impl Into<Bytes>, object: Arc<dyn Dispatch>) {
        self.write().insert(key.into(), object);
    }

    /// Removes the object under `key`; later calls on it fail with
    /// [`NoSuchObject`](ErrorKind::NoSuchObject).
    pub fn unbind(&self, key: &[u8]) -> bool {
        self.write().remove(key).is_some()
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<Bytes, Arc<dyn Dispatch>>> {
        // A panic while holding the lock cannot leave the map half-updated.
        self.objects.write().unwrap_or_else(|e| e.into_inner())
    }

    fn find(&self, key: &[u8]) -> Option<Arc<dyn Dispatch>> {
        let objects = self.objects.read().unwrap_or_else(|e| e.into_inner());
        objects.get(key).cloned()
    }
}

impl Channel for InProcess {
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>> {
        let target = self.find(&request.object);
        Box::pin(async move {
            let Some(target) = target else {
                return Err(Error::new(
                    ErrorKind::NoSuchObject,
                    Completion::No,
                    format!("no object under key {:?}", request.object),
                ));
            };
            if target.interface().operation(request.operation).is_none() {
                return Err(Error::new(
                    ErrorKind::NoSuchOperation,
                    Completion::No,
                    format!(
                        "`{}` has no operation with id {:#010x}",
                        target.interface().name,
                        request.operation
                    ),
                ));
            }
            let reply = target.dispatch(request.operation, request.payload).await?;
            Ok(if request.oneway { Bytes::new() } else { reply })
        })
    }
}

impl<C: Channel + ?Sized> Channel for Arc<C> {
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>> {
        (**self).call(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static ECHO: InterfaceInfo = InterfaceInfo {
        name: "Echo",
        repository_id: "IDL:Echo:1.0",
        operations: &[OperationInfo {
            name: "echo",
            id: operation_id("echo"),
            oneway: false,
        }],
        bases: &[],
    };

    struct Echo;

    impl Dispatch for Echo {
        fn interface(&self) -> &'static InterfaceInfo {
            &ECHO
        }

        fn dispatch(&self, _: u32, payload: Bytes) -> BoxFuture<'_, Result<Bytes, Error>> {
            Box::pin(async move { Ok(payload) })
        }
    }

    #[test]
    fn operation_ids_are_fnv1a() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(operation_id(""), 0x811c_9dc5);
        assert_eq!(operation_id("a"), 0xe40c_292c);
        assert_eq!(operation_id("foobar"), 0xbf9c_f968);
    }

    #[tokio::test]
    async fn in_process_calls_reach_bound_objects_only() {
        let channel = InProcess::new();
        channel.bind("echo", Arc::new(Echo));
        let request = |object: &'static str, operation| Request {
            object: Bytes::from_static(object.as_bytes()),
            operation,
            payload: Bytes::from_static(b"hi"),
            oneway: false,
        };
        let reply = channel.call(request("echo", operation_id("echo"))).await;
        assert_eq!(reply.unwrap(), Bytes::from_static(b"hi"));
        let unknown = channel.call(request("nope", operation_id("echo"))).await;
        assert_eq!(unknown.unwrap_err().kind(), ErrorKind::NoSuchObject);
        let bad_op = channel.call(request("echo", 7)).await;
        assert_eq!(bad_op.unwrap_err().kind(), ErrorKind::NoSuchOperation);
        assert!(channel.unbind(b"echo"));
        let gone = channel.call(request("echo", operation_id("echo"))).await;
        assert_eq!(gone.unwrap_err().kind(), ErrorKind::NoSuchObject);
    }
}
