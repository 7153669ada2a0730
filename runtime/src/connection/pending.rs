//! Calls this side sent and waits on, by request id.

use std::{
    collections::HashMap,
    sync::{
        Mutex, MutexGuard,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
};

use bytes::Bytes;
use tokio::sync::oneshot;

use crate::error::Error;

/// Where a reply goes.
pub(super) type ReplySender = oneshot::Sender<Result<Bytes, Error>>;

/// The calls in flight from this side of a connection.
pub(super) struct Pending {
    calls: Mutex<HashMap<u64, ReplySender>>,
    next: AtomicU64,
    /// `calls.len()`, readable without the lock.
    count: AtomicUsize,
}

impl Pending {
    pub(super) fn new() -> Self {
        Self::starting_at(1)
    }

    /// A table whose first id is `first` (tests start near the wrap).
    pub(super) fn starting_at(first: u64) -> Self {
        Pending {
            calls: Mutex::default(),
            next: AtomicU64::new(first),
            count: AtomicUsize::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<u64, ReplySender>> {
        self.calls.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a call and returns its id. Ids wrap around; 0 (which connection-level errors
    /// use) and ids still in flight are skipped, so a reply can never reach the wrong call.
    pub(super) fn insert(&self, reply: ReplySender) -> u64 {
        let mut calls = self.lock();
        loop {
            let id = self.next.fetch_add(1, Ordering::Relaxed);
            if id != 0 && !calls.contains_key(&id) {
                calls.insert(id, reply);
                self.count.store(calls.len(), Ordering::Relaxed);
                return id;
            }
        }
    }

    /// An id for a oneway call, which waits for nothing.
    pub(super) fn next_id(&self) -> u64 {
        match self.next.fetch_add(1, Ordering::Relaxed) {
            0 => self.next.fetch_add(1, Ordering::Relaxed),
            id => id,
        }
    }

    /// Removes the call `id`, returning where its reply goes if it was still waiting.
    pub(super) fn remove(&self, id: u64) -> Option<ReplySender> {
        let mut calls = self.lock();
        let reply = calls.remove(&id);
        self.count.store(calls.len(), Ordering::Relaxed);
        reply
    }

    /// Removes every call, for failing them all when the connection is lost.
    pub(super) fn drain(&self) -> Vec<ReplySender> {
        let mut calls = self.lock();
        self.count.store(0, Ordering::Relaxed);
        calls.drain().map(|(_, reply)| reply).collect()
    }

    /// Calls waiting (read without the lock: a moment's view).
    pub(super) fn len(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_wrap_and_skip_zero_and_calls_in_flight() {
        let pending = Pending::starting_at(u64::MAX - 1);
        let (a, _ra) = oneshot::channel();
        let (b, _rb) = oneshot::channel();
        let (c, _rc) = oneshot::channel();
        assert_eq!(pending.insert(a), u64::MAX - 1);
        assert_eq!(pending.insert(b), u64::MAX);
        assert_eq!(pending.insert(c), 1, "0 is skipped after the wrap");
        // Wrap again onto ids still in flight: they are skipped.
        pending.next.store(u64::MAX - 1, Ordering::Relaxed);
        let (d, _rd) = oneshot::channel();
        assert_eq!(pending.insert(d), 2);
        assert_eq!(pending.len(), 4);
        assert!(pending.remove(u64::MAX).is_some());
        assert!(pending.remove(u64::MAX).is_none());
        assert_eq!(pending.drain().len(), 3);
        assert_eq!(pending.len(), 0);
    }
}
