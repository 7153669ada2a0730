//! References this side received from its peer, counted so the peer learns when the last
//! proxy for one of its objects is gone.
//!
//! Every proxy for the same remote object shares one [`Lease`]. Each time a reference to the
//! object arrives its count goes up; when the last proxy holding the lease drops, the
//! connection sends the peer a release for exactly that many references. A reference that
//! arrives after the last proxy dropped but before its release was sent starts a new lease, so
//! the peer's count never drops below what is still held (Cap'n Proto's release-count rule).

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex, MutexGuard, Weak,
        atomic::{AtomicU64, Ordering},
    },
};

use bytes::Bytes;

use super::Shared;

/// The shared hold of every proxy on one imported object.
pub(crate) struct Lease {
    object: Bytes,
    received: AtomicU64,
    connection: Weak<Shared>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(connection) = self.connection.upgrade() {
            connection
                .imports
                .forget(&self.object, self as *const Lease);
            connection.send_release(&self.object, *self.received.get_mut());
        }
    }
}

/// The leases of a connection, by object id.
#[derive(Default)]
pub(super) struct Imports {
    leases: Mutex<HashMap<Bytes, Weak<Lease>>>,
}

impl Imports {
    fn lock(&self) -> MutexGuard<'_, HashMap<Bytes, Weak<Lease>>> {
        self.leases.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts one more received reference to `object` and returns the lease to hold.
    pub(super) fn receive(&self, object: &Bytes, connection: &Arc<Shared>) -> Arc<Lease> {
        let mut leases = self.lock();
        if let Some(lease) = leases.get(object).and_then(Weak::upgrade) {
            lease.received.fetch_add(1, Ordering::Relaxed);
            return lease;
        }
        let lease = Arc::new(Lease {
            object: object.clone(),
            received: AtomicU64::new(1),
            connection: Arc::downgrade(connection),
        });
        leases.insert(object.clone(), Arc::downgrade(&lease));
        lease
    }

    /// Removes the entry of a lease being dropped, unless a newer lease replaced it.
    fn forget(&self, object: &Bytes, lease: *const Lease) {
        let mut leases = self.lock();
        if leases
            .get(object)
            .is_some_and(|weak| std::ptr::eq(weak.as_ptr(), lease))
        {
            leases.remove(object);
        }
    }

    /// Objects with live proxies.
    pub(super) fn len(&self) -> usize {
        self.lock()
            .values()
            .filter(|w| w.strong_count() > 0)
            .count()
    }
}
