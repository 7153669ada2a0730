//! The sending half of a connection: frames from every task that sends are queued in one
//! buffer and written with as few system calls as possible.
//!
//! Whoever queues a frame while nobody is writing becomes the *flusher* and writes at once from
//! its own task, so a lone call costs one `write` and no task switch. Frames queued while a
//! flush runs are picked up by that flush: with many calls in flight, one system call carries
//! many frames. When the socket is full, or a flusher has written a few rounds for others, the
//! connection's writer task takes over and waits for the socket to drain.

use std::{
    collections::VecDeque,
    io::{self, IoSlice},
    sync::{
        Mutex, MutexGuard,
        atomic::{AtomicUsize, Ordering},
    },
};

use bytes::{Buf, Bytes, BytesMut};
use tokio::sync::Notify;

use super::socket::Socket;
use crate::{
    envelope::{self, Header},
    error::{Completion, Error, ErrorKind},
};

/// Payloads at least this large are queued by reference instead of copied.
const COPY_LIMIT: usize = 16 * 1024;

/// Rounds an inline flusher writes before handing over to the writer task.
const INLINE_ROUNDS: usize = 4;

/// Buffers handed to one vectored write.
const MAX_SLICES: usize = 64;

/// Queued frames and who is writing them.
pub(super) struct Outbound {
    state: Mutex<State>,
    /// Wakes the writer task.
    wake: Notify,
    /// Signalled when the writer task has written everything after a close.
    finished: Notify,
    /// Bytes queued and not yet written.
    queued: AtomicUsize,
    /// Above this many queued bytes, senders that can wait do ([`Outbound::room`]).
    soft_limit: usize,
    /// Above this many, the peer is not reading: queuing more fails and the connection closes.
    hard_limit: usize,
    /// Signalled when the queue shrinks below the soft limit.
    room: Notify,
}

#[derive(Default)]
struct State {
    /// Frames ready to write, in order, before `tail`.
    chunks: VecDeque<Bytes>,
    /// Small frames being gathered.
    tail: BytesMut,
    /// Someone (an inline flusher or the writer task) is writing.
    flushing: bool,
    /// Nothing more may be queued.
    closed: bool,
    /// The writer task wrote everything queued before the close, and ended.
    done: bool,
}

/// What a flush ended with.
pub(super) enum Flushed {
    /// Everything queued was written.
    Done,
    /// The writer task must continue.
    HandedOver,
    /// Writing failed: the connection is broken.
    Failed(io::Error),
}

impl Outbound {
    /// A queue whose senders wait above `soft_limit` bytes and fail above four times that.
    pub(super) fn new(soft_limit: usize) -> Self {
        Outbound {
            state: Mutex::new(State::default()),
            wake: Notify::new(),
            finished: Notify::new(),
            queued: AtomicUsize::new(0),
            soft_limit,
            hard_limit: soft_limit.saturating_mul(4),
            room: Notify::new(),
        }
    }

    /// Resolves once the queue is below the soft limit (or closed): what a sender that can
    /// wait does first, so a peer that reads slowly slows its callers and servants down
    /// instead of filling this process's memory.
    pub(super) async fn room(&self) {
        loop {
            let notified = self.room.notified();
            if self.queued.load(Ordering::Acquire) < self.soft_limit || self.lock().closed {
                return;
            }
            notified.await;
        }
    }

    /// Above this many queued bytes the peer is taken not to read.
    pub(super) fn hard_limit(&self) -> usize {
        self.hard_limit
    }

    /// Notes `written` bytes gone to the socket.
    fn written(&self, written: usize) {
        let before = self.queued.fetch_sub(written, Ordering::AcqRel);
        if before >= self.soft_limit && before - written < self.soft_limit {
            self.room.notify_waiters();
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding the lock; a poisoned one still holds whole frames.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues one frame. Returns `true` when the caller became the flusher and must call
    /// [`flush_inline`](Self::flush_inline).
    pub(super) fn push(
        &self,
        header: Header,
        object: &[u8],
        payload: &Bytes,
        max_body: u32,
    ) -> Result<bool, Error> {
        let mut state = self.lock();
        if state.closed {
            return Err(Error::new(
                ErrorKind::ConnectionLost,
                Completion::No,
                "the connection is closed",
            ));
        }
        let queued = self.queued.load(Ordering::Acquire);
        if queued > self.hard_limit {
            return Err(Error::new(
                ErrorKind::ConnectionLost,
                Completion::No,
                format!("the peer is not reading: {queued} bytes are waiting to be sent"),
            ));
        }
        let frame_len = envelope::HEADER_LEN + object.len() + payload.len();
        if payload.len() >= COPY_LIMIT {
            check_body(object.len() + payload.len(), max_body)?;
            envelope::write_frame(&mut state.tail, header, object, &[], max_body)?;
            // The header above announced only the object id: patch in the payload's length.
            let frame_start = state.tail.len() - envelope::HEADER_LEN - object.len();
            let body_len = (object.len() + payload.len()) as u32;
            state.tail[frame_start + 4..frame_start + 8].copy_from_slice(&body_len.to_le_bytes());
            let head = state.tail.split().freeze();
            state.chunks.push_back(head);
            state.chunks.push_back(payload.clone());
        } else {
            envelope::write_frame(&mut state.tail, header, object, payload, max_body)?;
        }
        self.queued.fetch_add(frame_len, Ordering::AcqRel);
        Ok(!std::mem::replace(&mut state.flushing, true))
    }

    /// Takes everything queued, or ends the flush when nothing is.
    fn take(&self) -> Option<VecDeque<Bytes>> {
        let mut state = self.lock();
        if !state.tail.is_empty() {
            let tail = state.tail.split().freeze();
            state.chunks.push_back(tail);
        }
        if state.chunks.is_empty() {
            state.flushing = false;
            if state.closed {
                // The writer task ends once nobody is writing any more.
                self.wake.notify_one();
            }
            return None;
        }
        Some(std::mem::take(&mut state.chunks))
    }

    /// Puts back what a flush could not write, ahead of what was queued since.
    fn put_back(&self, mut rest: VecDeque<Bytes>) {
        let mut state = self.lock();
        rest.append(&mut state.chunks);
        state.chunks = rest;
    }

    /// Leaves the queued frames to the writer task, which runs after the tasks ready now: when
    /// more frames are about to follow (other calls in flight), they share its system call.
    pub(super) fn hand_over(&self) {
        self.wake.notify_one();
    }

    /// Writes from the caller's task without waiting; hands over to the writer task when the
    /// socket is full or after a few rounds.
    pub(super) fn flush_inline(&self, stream: &Socket) -> Flushed {
        for _ in 0..INLINE_ROUNDS {
            let Some(mut batch) = self.take() else {
                return Flushed::Done;
            };
            match write_some(stream, &mut batch, |n| self.written(n)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.put_back(batch);
                    self.wake.notify_one();
                    return Flushed::HandedOver;
                }
                Err(e) => return Flushed::Failed(e),
            }
        }
        self.wake.notify_one();
        Flushed::HandedOver
    }

    /// The writer task's loop: flushes whenever handed over, waiting for the socket to drain.
    /// Returns when writing fails or the queue is closed.
    pub(super) async fn run_writer(&self, stream: &Socket) -> io::Result<()> {
        loop {
            self.wake.notified().await;
            while let Some(mut batch) = self.take() {
                while !batch.is_empty() {
                    match write_some(stream, &mut batch, |n| self.written(n)) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                            stream.writable().await?;
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
            let mut state = self.lock();
            if state.closed && !state.flushing {
                state.done = true;
                drop(state);
                self.finished.notify_waiters();
                return Ok(());
            }
        }
    }

    /// Refuses further frames; the writer task ends after writing what is queued (taking
    /// over unless someone is writing now, who hands over when done).
    pub(super) fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        self.room.notify_waiters();
        if !state.flushing {
            state.flushing = true;
            drop(state);
            self.wake.notify_one();
        }
    }

    /// Resolves once the writer task has written everything queued before the close.
    pub(super) async fn finished(&self) {
        loop {
            let notified = self.finished.notified();
            if self.lock().done {
                return;
            }
            notified.await;
        }
    }
}

fn check_body(len: usize, max_body: u32) -> Result<(), Error> {
    if len > max_body as usize {
        return Err(Error::new(
            ErrorKind::TooLarge,
            Completion::No,
            format!("a message of {len} bytes is over the limit of {max_body}"),
        ));
    }
    Ok(())
}

/// Writes as much of `batch` as the socket takes without blocking, removing what was written.
/// `Ok` once the batch is empty; `WouldBlock` when the socket is full with some left.
fn write_some(
    stream: &Socket,
    batch: &mut VecDeque<Bytes>,
    mut written_now: impl FnMut(usize),
) -> io::Result<()> {
    while !batch.is_empty() {
        let slices: Vec<IoSlice<'_>> = batch
            .iter()
            .take(MAX_SLICES)
            .map(|chunk| IoSlice::new(chunk))
            .collect();
        let mut written = match stream.try_write_vectored(&slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        drop(slices);
        written_now(written);
        while written > 0 {
            let Some(front) = batch.front_mut() else {
                break;
            };
            if written >= front.len() {
                written -= front.len();
                batch.pop_front();
            } else {
                front.advance(written);
                written = 0;
            }
        }
    }
    Ok(())
}
