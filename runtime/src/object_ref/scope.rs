//! The channel the message being encoded or decoded right now travels on.
//!
//! Received references are reached through it, and local objects written into a message are
//! exported through it. Encoding and decoding are synchronous (prost's `merge_field` never
//! awaits), so a thread-local set for the duration of one encode or decode is enough: no
//! task-local, and nothing leaks into other tasks sharing the thread. Scopes nest; each
//! restores the previous channel when it ends, even by unwinding.

use std::{cell::Cell, sync::Arc};

use bytes::Bytes;

use crate::{
    dispatch::{BoxFuture, Channel, Request},
    error::{Completion, Error, ErrorKind},
};

thread_local! {
    static CURRENT: Cell<Option<Arc<dyn Channel>>> = const { Cell::new(None) };
}

/// Runs `encode` with `channel` as the channel that every local object it writes a reference
/// to is exported through ([`Channel::export`]).
pub fn encoding_with<R>(channel: &Arc<dyn Channel>, encode: impl FnOnce() -> R) -> R {
    decoding_with(channel, encode)
}

/// Runs `decode` with `channel` as the channel of every object reference it decodes.
pub fn decoding_with<R>(channel: &Arc<dyn Channel>, decode: impl FnOnce() -> R) -> R {
    /// Puts the previous channel back when the scope ends.
    struct Restore(Option<Arc<dyn Channel>>);

    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            // During thread teardown there is nothing left to restore.
            let _ = CURRENT.try_with(|current| current.set(previous));
        }
    }

    let previous = CURRENT
        .try_with(|current| current.replace(Some(channel.clone())))
        .ok()
        .flatten();
    let _restore = Restore(previous);
    decode()
}

/// The channel given by the innermost [`decoding_with`] running on this thread, if any.
pub fn current_channel() -> Option<Arc<dyn Channel>> {
    CURRENT
        .try_with(|current| {
            let channel = current.take();
            let copy = channel.clone();
            current.set(channel);
            copy
        })
        .ok()
        .flatten()
}

/// A channel that reaches nothing: what a reference decoded outside any call is attached to.
pub fn detached_channel() -> Arc<dyn Channel> {
    Arc::new(Detached)
}

/// Fails every call with [`Unreachable`](ErrorKind::Unreachable).
#[derive(Debug)]
struct Detached;

impl Channel for Detached {
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>> {
        let object = request.object;
        Box::pin(async move {
            Err(Error::new(
                ErrorKind::Unreachable,
                Completion::No,
                format!(
                    "the reference to object {object:?} was decoded outside a call and has no channel"
                ),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Arc<dyn Channel>, b: &Arc<dyn Channel>) -> bool {
        std::ptr::addr_eq(Arc::as_ptr(a), Arc::as_ptr(b))
    }

    #[test]
    fn scopes_nest_and_restore() {
        let outer = detached_channel();
        let inner = detached_channel();
        assert!(current_channel().is_none());
        decoding_with(&outer, || {
            assert!(same(&current_channel().unwrap(), &outer));
            decoding_with(&inner, || {
                assert!(same(&current_channel().unwrap(), &inner));
            });
            assert!(same(&current_channel().unwrap(), &outer));
        });
        assert!(current_channel().is_none());
    }

    #[test]
    fn a_panicking_decode_still_restores() {
        let channel = detached_channel();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            decoding_with(&channel, || panic!("boom"))
        }));
        assert!(result.is_err());
        assert!(current_channel().is_none());
    }

    #[tokio::test]
    async fn detached_references_are_unreachable() {
        let error = detached_channel()
            .call(Request {
                object: Bytes::from_static(b"k"),
                operation: 1,
                payload: Bytes::new(),
                oneway: false,
                timeout: None,
            })
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Unreachable);
        assert_eq!(error.completion(), Completion::No);
    }
}
