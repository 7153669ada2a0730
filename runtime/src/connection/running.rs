//! Calls from the peer running on this side, by request id: how many, and how many bytes of
//! request they hold, so both can be bounded.

use std::{
    collections::HashMap,
    sync::{
        Mutex, MutexGuard,
        atomic::{AtomicUsize, Ordering},
    },
};

use tokio::task::AbortHandle;

struct Call {
    abort: AbortHandle,
    bytes: usize,
}

/// Why a call may not start.
pub(super) enum Full {
    /// As many calls as allowed are running.
    Calls(usize),
    /// The calls running hold as many request bytes as allowed.
    Bytes(usize),
}

/// The calls running for the peer.
#[derive(Default)]
pub(super) struct Running {
    calls: Mutex<HashMap<u64, Call>>,
    /// `calls.len()`, readable without the lock.
    count: AtomicUsize,
    /// Request bytes the running calls hold.
    bytes: AtomicUsize,
}

impl Running {
    fn lock(&self) -> MutexGuard<'_, HashMap<u64, Call>> {
        self.calls.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether call `id` is running.
    pub(super) fn contains(&self, id: u64) -> bool {
        self.lock().contains_key(&id)
    }

    /// Whether a call holding `bytes` of request may start: fewer than `max_calls` calls are
    /// running, and they hold no more than `max_bytes` with it (a call alone is always
    /// admitted by size). Only the connection's reader starts calls, so the answer holds
    /// until it does.
    pub(super) fn admits(
        &self,
        bytes: usize,
        max_calls: usize,
        max_bytes: usize,
    ) -> Result<(), Full> {
        let count = self.count.load(Ordering::Relaxed);
        if count >= max_calls {
            return Err(Full::Calls(max_calls));
        }
        let held = self.bytes.load(Ordering::Relaxed);
        if count > 0 && held.saturating_add(bytes) > max_bytes {
            return Err(Full::Bytes(max_bytes));
        }
        Ok(())
    }

    /// Registers call `id`, holding `bytes` of request, as running on the task `spawn`
    /// starts. The lock is held while spawning, so the task cannot finish before the call is
    /// registered.
    pub(super) fn start(&self, id: u64, bytes: usize, spawn: impl FnOnce() -> AbortHandle) {
        let mut calls = self.lock();
        let abort = spawn();
        calls.insert(id, Call { abort, bytes });
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.count.store(calls.len(), Ordering::Relaxed);
    }

    /// Removes call `id`, returning its abort handle if it was running.
    pub(super) fn finish(&self, id: u64) -> Option<AbortHandle> {
        let mut calls = self.lock();
        let call = calls.remove(&id)?;
        self.bytes.fetch_sub(call.bytes, Ordering::Relaxed);
        self.count.store(calls.len(), Ordering::Relaxed);
        Some(call.abort)
    }

    /// Removes every call, returning their abort handles.
    pub(super) fn drain(&self) -> Vec<AbortHandle> {
        let mut calls = self.lock();
        self.bytes.store(0, Ordering::Relaxed);
        self.count.store(0, Ordering::Relaxed);
        calls.drain().map(|(_, call)| call.abort).collect()
    }

    /// Calls running (read without the lock: a moment's view).
    pub(super) fn len(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }
}
