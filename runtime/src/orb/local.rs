//! [`LocalChannel`]: calls on objects of this process, made through their [`Orb`].
//!
//! A proxy on a local object (activated here, bound here, or a received reference that
//! resolved to an object of this process) calls through this channel: the request is
//! dispatched to the servant in the caller's task, with no connection involved.

use std::sync::{Arc, Weak};

use bytes::Bytes;

use super::{Inner, Orb, invoke::invoke};
use crate::{
    dispatch::{BoxFuture, CallContext, Channel, Request},
    error::{Completion, Error, ErrorKind},
    object_ref::ObjectRef,
    proxy::ProxyCore,
};

/// The channel to the objects of one [`Orb`].
pub(crate) struct LocalChannel {
    pub(super) orb: Weak<Inner>,
}

impl Channel for LocalChannel {
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>> {
        let orb = self.orb.upgrade().map(Orb::from_inner);
        Box::pin(async move {
            let orb = orb.ok_or_else(|| {
                Error::new(ErrorKind::Unreachable, Completion::No, "the orb is gone")
            })?;
            let Some(servant) = orb.resolve_local(&request.object) else {
                return Err(no_such_object(&request.object));
            };
            let deadline = request
                .timeout
                .or(Some(orb.limits().default_timeout))
                .and_then(|timeout| std::time::Instant::now().checked_add(timeout));
            let context = CallContext::new(orb.local_channel()).with_deadline(deadline);
            let call = invoke(servant, context, request.operation, request.payload);
            if request.oneway {
                // The caller goes on at once, as with a remote oneway call; outside a tokio
                // runtime there is nowhere to run it but here.
                match tokio::runtime::Handle::try_current() {
                    Ok(runtime) => drop(runtime.spawn(call)),
                    Err(_) => drop(call.await),
                }
                return Ok(Bytes::new());
            }
            call.await
        })
    }

    fn resolve(&self, this: &Arc<dyn Channel>, reference: &ObjectRef) -> Option<ProxyCore> {
        let orb = Orb::from_inner(self.orb.upgrade()?);
        let servant = orb.resolve_local(&reference.object_id)?;
        Some(ProxyCore::local(this.clone(), reference.clone(), servant))
    }

    /// A reference received in process holds the object the way a peer would: it was
    /// counted when exported, and its proxies release it when the last one drops.
    fn receive(&self, this: &Arc<dyn Channel>, reference: &ObjectRef) -> Option<ProxyCore> {
        let orb = Orb::from_inner(self.orb.upgrade()?);
        let servant = orb.resolve_local(&reference.object_id)?;
        let lease = Arc::new(LocalLease {
            orb: self.orb.clone(),
            object: reference.object_id.clone(),
        });
        Some(ProxyCore::local(this.clone(), reference.clone(), servant).with_lease(lease))
    }

    /// Between the reply's encoding and its decoding nothing else may hold a returned
    /// object, so it is counted as exported until the proxies decoded from it are gone.
    fn export(&self, proxy: &ProxyCore) {
        if let (Some(servant), Some(inner)) = (proxy.servant(), self.orb.upgrade()) {
            let object = &proxy.reference().object_id;
            if !object.is_empty() {
                Orb::from_inner(inner).adapter().add_ref(object, servant);
            }
        }
    }
}

/// Releases one in-process reference when the proxies decoded from it are gone.
struct LocalLease {
    orb: Weak<Inner>,
    object: Bytes,
}

impl Drop for LocalLease {
    fn drop(&mut self) {
        if let Some(inner) = self.orb.upgrade() {
            Orb::from_inner(inner).adapter().release(&self.object, 1);
        }
    }
}

/// The error of a call on an object that is not (or no longer) served.
pub(crate) fn no_such_object(object: &[u8]) -> Error {
    let shown = match std::str::from_utf8(object) {
        Ok(text) if !text.starts_with('\0') => format!("`{text}`"),
        _ => format!("{object:02x?}"),
    };
    Error::new(
        ErrorKind::NoSuchObject,
        Completion::No,
        format!("no object {shown} (never bound, or released)"),
    )
}
