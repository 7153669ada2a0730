//! [`InProcess`]: objects of this process, reached through the full encode → dispatch → decode
//! path.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock, RwLockWriteGuard, Weak},
};

use bytes::Bytes;

use super::{BoxFuture, CallContext, Channel, Dispatch, Request};
use crate::{
    error::Error,
    orb::{invoke::invoke, no_such_object},
};

/// Objects of this process, reached through the full encode → dispatch → decode path.
///
/// Object references received by a servant in a call through this channel are reached through
/// the same channel, so an object bound here can be handed from one servant to another.
///
/// A oneway call resolves once its servant has run; what the servant returns is dropped, as a
/// remote caller would never see it. An unknown object or operation is still reported, since the
/// channel knows before anything runs.
pub struct InProcess {
    objects: RwLock<HashMap<Bytes, Arc<dyn Dispatch>>>,
    /// This channel, for the [`CallContext`] of the calls it dispatches.
    this: Weak<InProcess>,
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
        Arc::new_cyclic(|this| InProcess {
            objects: RwLock::default(),
            this: this.clone(),
        })
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

    fn write(&self) -> RwLockWriteGuard<'_, HashMap<Bytes, Arc<dyn Dispatch>>> {
        // A panic while holding the lock cannot leave the map half-updated.
        self.objects.write().unwrap_or_else(|e| e.into_inner())
    }

    fn find(&self, key: &[u8]) -> Option<Arc<dyn Dispatch>> {
        let objects = self.objects.read().unwrap_or_else(|e| e.into_inner());
        objects.get(key).cloned()
    }

    fn context(&self) -> CallContext {
        match self.this.upgrade() {
            Some(this) => CallContext::new(this),
            None => CallContext::detached(),
        }
    }
}

impl Channel for InProcess {
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>> {
        let target = self.find(&request.object);
        let context = self.context();
        Box::pin(async move {
            let target = target.ok_or_else(|| no_such_object(&request.object))?;
            let deadline = request
                .timeout
                .and_then(|timeout| std::time::Instant::now().checked_add(timeout));
            // The same path as every transport's: unknown operations, the deadline, panics.
            let reply = invoke(
                target,
                context.with_deadline(deadline),
                request.operation,
                request.payload,
            )
            .await;
            if request.oneway {
                // Nothing travels back from a oneway call, not even its failure.
                return Ok(Bytes::new());
            }
            reply
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::{
        dispatch::{InterfaceInfo, OperationInfo, operation_id},
        error::{Completion, ErrorKind},
    };

    static ECHO: InterfaceInfo = InterfaceInfo {
        name: "Echo",
        repository_id: "IDL:Echo:1.0",
        operations: &[
            OperationInfo {
                name: "echo",
                id: operation_id("echo"),
                oneway: false,
            },
            OperationInfo {
                name: "fail",
                id: operation_id("fail"),
                oneway: true,
            },
        ],
        bases: &[],
    };

    /// Echoes payloads and remembers whether its context leads back to a channel.
    #[derive(Default)]
    struct Echo {
        contexts: Mutex<Vec<CallContext>>,
    }

    impl Dispatch for Echo {
        fn interface(&self) -> &'static InterfaceInfo {
            &ECHO
        }

        fn dispatch(
            &self,
            context: CallContext,
            operation: u32,
            payload: Bytes,
        ) -> BoxFuture<'_, Result<Bytes, Error>> {
            self.contexts
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(context);
            Box::pin(async move {
                if operation == operation_id("fail") {
                    return Err(Error::new(ErrorKind::Internal, Completion::Yes, "failed"));
                }
                Ok(payload)
            })
        }
    }

    fn request(object: &'static str, operation: u32, oneway: bool) -> Request {
        Request {
            object: Bytes::from_static(object.as_bytes()),
            operation,
            payload: Bytes::from_static(b"hi"),
            oneway,
            timeout: None,
        }
    }

    #[tokio::test]
    async fn calls_reach_bound_objects_only() {
        let channel = InProcess::new();
        channel.bind("echo", Arc::new(Echo::default()));
        let reply = channel
            .call(request("echo", operation_id("echo"), false))
            .await;
        assert_eq!(reply.unwrap(), Bytes::from_static(b"hi"));
        let unknown = channel
            .call(request("nope", operation_id("echo"), false))
            .await;
        assert_eq!(unknown.unwrap_err().kind(), ErrorKind::NoSuchObject);
        let bad_op = channel.call(request("echo", 7, false)).await;
        assert_eq!(bad_op.unwrap_err().kind(), ErrorKind::NoSuchOperation);
        assert!(channel.unbind(b"echo"));
        let gone = channel
            .call(request("echo", operation_id("echo"), false))
            .await;
        assert_eq!(gone.unwrap_err().kind(), ErrorKind::NoSuchObject);
    }

    #[tokio::test]
    async fn oneway_calls_drop_the_reply_and_its_failure() {
        let channel = InProcess::new();
        channel.bind("echo", Arc::new(Echo::default()));
        let echoed = channel
            .call(request("echo", operation_id("echo"), true))
            .await;
        assert_eq!(echoed.unwrap(), Bytes::new());
        let failed = channel
            .call(request("echo", operation_id("fail"), true))
            .await;
        assert_eq!(failed.unwrap(), Bytes::new());
        let unknown = channel
            .call(request("nope", operation_id("fail"), true))
            .await;
        assert_eq!(unknown.unwrap_err().kind(), ErrorKind::NoSuchObject);
    }

    #[tokio::test]
    async fn dispatched_calls_lead_back_to_the_channel() {
        let channel = InProcess::new();
        let echo = Arc::new(Echo::default());
        channel.bind("echo", echo.clone());
        channel
            .call(request("echo", operation_id("echo"), false))
            .await
            .unwrap();
        let back = echo.contexts.lock().unwrap()[0].channel().clone();
        // The context's channel is this very channel: calls through it reach the same objects.
        let reply = back.call(request("echo", operation_id("echo"), false));
        assert_eq!(reply.await.unwrap(), Bytes::from_static(b"hi"));
    }
}
