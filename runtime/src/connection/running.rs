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

    /// Starts call `id` holding `bytes` of request with `spawn`, unless `max_calls` calls or
    /// `max_bytes` bytes are running already (a call alone is always admitted by size). The
    /// lock is held while spawning, so the call cannot finish before it is registered.
    pub(super) fn start(
        &self,
        id: u64,
        bytes: usize,
        max_calls: usize,
        max_bytes: usize,
        spawn: impl FnOnce() -> AbortHandle,
    ) -> Result<(), Full> {
        let mut calls = self.lock();
        if calls.len() >= max_calls {
            return Err(Full::Calls(max_calls));
        }
        let held = self.bytes.load(Ordering::Relaxed);
        if !calls.is_empty() && held.saturating_add(bytes) > max_bytes {
            return Err(Full::Bytes(max_bytes));
        }
        let abort = spawn();
        calls.insert(id, Call { abort, bytes });
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.count.store(calls.len(), Ordering::Relaxed);
        Ok(())
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
