//! The socket of a connection, registered for reading only.
//!
//! tokio's `UnixStream` registers a socket for both readiness kinds, edge-triggered. Each time
//! the peer reads, the kernel then signals our epoll that there is write space again, and a
//! thread parked in `epoll_wait` wakes for nothing — once per message in a ping-pong. Here the
//! socket is registered for reading only; a writer that finds it full registers a duplicate of
//! it for writing just while it waits. A read that returns less than asked for tells that
//! the socket is drained, so readiness is cleared without the extra read that would return
//! `WouldBlock`.

use std::{
    io::{self, IoSlice, Read, Write},
    os::unix::net::UnixStream,
};

use bytes::BytesMut;
use tokio::io::{Interest, unix::AsyncFd};

/// Free bytes kept at the end of the read buffer before each read.
const READ_CHUNK: usize = 64 * 1024;

/// A connected socket: readable through the reactor, written without it.
pub(super) struct Socket {
    fd: AsyncFd<UnixStream>,
}

impl Socket {
    /// Takes over a connected stream (in non-blocking mode, as tokio hands it over).
    pub(super) fn new(stream: tokio::net::UnixStream) -> io::Result<Socket> {
        let stream = stream.into_std()?;
        stream.set_nonblocking(true)?;
        Ok(Socket {
            fd: register(stream, Interest::READABLE)?,
        })
    }

    /// The socket itself.
    pub(super) fn stream(&self) -> &UnixStream {
        self.fd.get_ref()
    }

    /// Reads what is there into `buf`, waiting until something is; `Ok(0)` at the end of the
    /// stream.
    pub(super) async fn read(&self, buf: &mut ReadBuffer) -> io::Result<usize> {
        loop {
            let mut ready = self.fd.readable().await?;
            let spare = buf.spare();
            let asked = spare.len();
            match ready.try_io(|fd| (&mut fd.get_ref()).read(spare)) {
                Ok(Ok(read)) => {
                    if read > 0 && read < asked {
                        // Drained: the next data comes with a new edge.
                        ready.clear_ready();
                    }
                    buf.filled += read;
                    return Ok(read);
                }
                Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                Ok(Err(e)) => return Err(e),
                // `WouldBlock`: readiness was cleared; wait for the next edge.
                Err(_) => {}
            }
        }
    }

    /// Like [`read`](Self::read), but when `expecting` is signalled and `worth_it()` holds, reads
    /// without waiting for the reactor for up to `budget` first (yielding the CPU between
    /// tries): a reply due within microseconds is then taken as it lands, instead of after the
    /// thread parked and was woken again.
    pub(super) async fn read_expecting(
        &self,
        buf: &mut ReadBuffer,
        expecting: &tokio::sync::Notify,
        budget: std::time::Duration,
        worth_it: impl Fn() -> bool,
    ) -> io::Result<usize> {
        if budget.is_zero() {
            return self.read(buf).await;
        }
        loop {
            tokio::select! {
                biased;
                read = self.read(buf) => return read,
                () = expecting.notified() => {
                    if worth_it()
                        && let Some(read) = self.spin(buf, budget)?
                    {
                        return Ok(read);
                    }
                }
            }
        }
    }

    /// Tries to read until something comes or `budget` has passed.
    fn spin(&self, buf: &mut ReadBuffer, budget: std::time::Duration) -> io::Result<Option<usize>> {
        let start = std::time::Instant::now();
        loop {
            match (&mut self.stream()).read(buf.spare()) {
                Ok(read) => {
                    buf.filled += read;
                    return Ok(Some(read));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if start.elapsed() >= budget {
                        return Ok(None);
                    }
                    // The peer may share this CPU: let it run.
                    std::thread::yield_now();
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Writes without waiting: `WouldBlock` when the socket is full.
    pub(super) fn try_write_vectored(&self, slices: &[IoSlice<'_>]) -> io::Result<usize> {
        (&mut self.stream()).write_vectored(slices)
    }

    /// Waits until the socket takes more bytes.
    pub(super) async fn writable(&self) -> io::Result<()> {
        let waiter = register(self.stream().try_clone()?, Interest::WRITABLE)?;
        let _ready = waiter.writable().await?;
        Ok(())
    }
}

/// The bytes read from a socket and not yet split into frames. Its spare room is always
/// initialized (zeroed when first grown into), so the socket reads into it with safe code.
pub(super) struct ReadBuffer {
    /// Initialized bytes: `..filled` holds data, the rest is room.
    buf: BytesMut,
    filled: usize,
}

impl ReadBuffer {
    pub(super) fn new() -> Self {
        ReadBuffer {
            buf: BytesMut::new(),
            filled: 0,
        }
    }

    /// The data read and not yet taken.
    pub(super) fn data(&self) -> &[u8] {
        &self.buf[..self.filled]
    }

    /// Makes room for at least `wanted` more bytes (a frame still arriving).
    pub(super) fn want(&mut self, wanted: usize) {
        let needed = self.filled + wanted;
        if self.buf.len() < needed {
            self.buf.truncate(self.filled);
            self.buf.resize(needed, 0);
        }
    }

    /// Takes the first `len` bytes of data.
    pub(super) fn take(&mut self, len: usize) -> BytesMut {
        debug_assert!(len <= self.filled);
        self.filled -= len;
        self.buf.split_to(len)
    }

    /// The room to read into: at least a quarter of a chunk.
    fn spare(&mut self) -> &mut [u8] {
        if self.buf.len() - self.filled < READ_CHUNK / 4 {
            self.want(READ_CHUNK);
        }
        &mut self.buf[self.filled..]
    }
}

/// Registers `stream` with the reactor for `interest`.
///
/// tokio 1.54 deprecated the safe constructor because a type whose `as_raw_fd` can change or
/// close under it makes the registration refer to the wrong file; its replacement is `unsafe`
/// for the same reason. A `std` Unix stream owns its descriptor and always returns the same
/// one until dropped (it is I/O-safe), which is the condition that makes the registration
/// sound, so the safe, deprecated form is used here rather than `unsafe` outside the
/// shared-memory layer.
#[allow(deprecated)]
fn register(stream: UnixStream, interest: Interest) -> io::Result<AsyncFd<UnixStream>> {
    AsyncFd::with_interest(stream, interest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buffer_hands_out_frames_and_keeps_room() {
        let mut buf = ReadBuffer::new();
        let spare = buf.spare();
        assert!(spare.len() >= READ_CHUNK);
        spare[..5].copy_from_slice(b"hello");
        buf.filled += 5;
        assert_eq!(buf.data(), b"hello");
        assert_eq!(&buf.take(2)[..], b"he");
        assert_eq!(buf.data(), b"llo");
        buf.want(1 << 20);
        assert!(buf.spare().len() >= 1 << 20);
        assert_eq!(buf.data(), b"llo");
    }
}
