//! [`Connection`]: one stream between two processes, carrying calls both ways.
//!
//! Either side may call objects of the other: the client calls the server's objects, and the
//! server calls back objects the client passed it — over the same socket, with no second
//! listener. Many calls are in flight at once, each matched to its reply by request id.
//!
//! # Organization
//!
//! * this module: [`Connection`] (the [`Channel`] proxies call through), the shared state,
//!   closing;
//! * `handshake`: the Hello/Welcome exchange that opens a connection;
//! * `frames`: the reader task and what each received frame does;
//! * `outbound`: batching frames into few system calls;
//! * `pending`: calls waiting for their reply, by request id;
//! * `imports`: counting references received, to release them when the last proxy drops.

mod frames;
pub(crate) mod handshake;
mod imports;
mod outbound;
mod pending;
mod running;
mod socket;

use std::{
    collections::HashMap,
    path::Path,
    sync::{
        Arc, Mutex, MutexGuard, Weak,
        atomic::{AtomicBool, Ordering},
    },
};

use bytes::Bytes;
use tokio::{
    net::UnixStream,
    sync::{Notify, oneshot},
};

use crate::{
    dispatch::{BoxFuture, Channel, Credentials, Request},
    envelope::{self, Header, Kind},
    error::{Completion, Error, ErrorKind},
    object_ref::ObjectRef,
    orb::Orb,
    proxy::ProxyCore,
    transport::unix,
};

use handshake::Greeting;
use imports::Imports;
use outbound::{Flushed, Outbound};
use pending::Pending;
use running::Running;
use socket::Socket;

/// A connection to a peer process: the [`Channel`] that proxies on its objects call through.
///
/// Cheap to clone. A connection a client opened closes when the last clone (and the last proxy
/// made on it) is dropped, or when [`close`](Connection::close) is called; the server's side
/// of a connection lives until the client goes or the server shuts down.
#[derive(Clone)]
pub struct Connection {
    shared: Arc<Shared>,
    /// Closes the connection when the last handle drops (connections this side opened).
    _owner: Option<Arc<CloseOnDrop>>,
}

struct CloseOnDrop(Weak<Shared>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        if let Some(shared) = self.0.upgrade() {
            shared.close(Error::new(
                ErrorKind::ConnectionLost,
                Completion::Maybe,
                "the connection was closed by its owner",
            ));
        }
    }
}

/// What both tasks of a connection and every handle share.
pub(crate) struct Shared {
    orb: Orb,
    socket: Socket,
    /// Largest body this side sends: the smaller of both sides' limits.
    send_limit: u32,
    /// Largest body this side accepts.
    recv_limit: u32,
    peer: Option<Credentials>,
    /// Where the peer's orb listens: references naming these are objects of the peer.
    peer_endpoints: Vec<String>,
    out: Outbound,
    pending: Pending,
    /// Calls from the peer running here.
    running: Running,
    /// Signalled whenever a running call ends.
    call_ended: Notify,
    imports: Imports,
    /// References to objects of this side held by the peer, by object id.
    exports: Mutex<HashMap<Bytes, u64>>,
    /// Set once: why the connection ended.
    closed: Mutex<Option<Error>>,
    is_closed: AtomicBool,
    /// Signalled when the connection closes.
    closed_notify: Notify,
    /// No new calls either way: one side is shutting down.
    going_away: AtomicBool,
    /// The reader deferred a flush while handling a batch of frames (see `send`).
    flush_owed: AtomicBool,
    /// Signalled when a lone call was sent: the reader may spin for its reply.
    reply_expected: Notify,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // The state behind these locks is consistent at every point a panic could happen.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Connection {
    /// Connects to the Unix socket at `path` and completes the handshake.
    pub(crate) async fn connect_unix(orb: &Orb, path: &Path) -> Result<Connection, Error> {
        let mut stream = unix::connect(path).await?;
        let limits = orb.limits();
        let welcome = tokio::time::timeout(
            limits.handshake_timeout,
            handshake::client(&mut stream, limits.max_message_size, &orb.endpoints()),
        )
        .await
        .map_err(|_| {
            Error::new(
                ErrorKind::Unreachable,
                Completion::No,
                format!(
                    "the server at `unix://{}` did not complete the handshake within {:?}",
                    path.display(),
                    limits.handshake_timeout
                ),
            )
        })??;
        let peer = unix::peer_credentials(&stream);
        let shared = Shared::start(orb.clone(), stream, welcome, peer)?;
        Ok(Connection {
            _owner: Some(Arc::new(CloseOnDrop(Arc::downgrade(&shared)))),
            shared,
        })
    }

    /// Wraps the server's side of an accepted connection whose handshake is done.
    pub(crate) fn accepted(
        orb: Orb,
        stream: UnixStream,
        hello: Greeting,
        peer: Option<Credentials>,
    ) -> Result<Connection, Error> {
        Ok(Connection {
            shared: Shared::start(orb, stream, hello, peer)?,
            _owner: None,
        })
    }

    fn from_shared(shared: Arc<Shared>) -> Connection {
        Connection {
            shared,
            _owner: None,
        }
    }

    /// The credentials of the process at the other end.
    pub fn peer(&self) -> Option<Credentials> {
        self.shared.peer
    }

    /// Whether the connection has closed.
    pub fn is_closed(&self) -> bool {
        self.shared.is_closed.load(Ordering::Acquire)
    }

    /// Closes the connection: calls in flight either way fail with
    /// [`ConnectionLost`](ErrorKind::ConnectionLost).
    pub fn close(&self) {
        self.shared.close(Error::new(
            ErrorKind::ConnectionLost,
            Completion::Maybe,
            "the connection was closed by this side",
        ));
    }

    /// Resolves once the connection has closed, to the reason.
    pub async fn closed(&self) -> Error {
        self.shared.wait_closed().await
    }

    /// Calls this side is waiting on.
    pub fn calls_waiting(&self) -> usize {
        self.shared.pending.len()
    }

    /// Distinct objects of the peer this side holds proxies for.
    pub fn imported_objects(&self) -> usize {
        self.shared.imports.len()
    }

    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// A handle that does not keep the connection open.
    pub(crate) fn downgrade(&self) -> WeakConnection {
        WeakConnection {
            shared: Arc::downgrade(&self.shared),
            owner: self._owner.as_ref().map(Arc::downgrade),
        }
    }
}

/// A [`Connection`] that does not keep it open: what an orb's cache of connections to other
/// servers holds.
#[derive(Clone)]
pub(crate) struct WeakConnection {
    shared: Weak<Shared>,
    owner: Option<Weak<CloseOnDrop>>,
}

impl WeakConnection {
    /// The connection, while something else keeps it open and it has not closed.
    pub(crate) fn upgrade(&self) -> Option<Connection> {
        let shared = self.shared.upgrade()?;
        let owner = match &self.owner {
            Some(owner) => Some(owner.upgrade()?),
            None => None,
        };
        let connection = Connection {
            shared,
            _owner: owner,
        };
        (!connection.is_closed()).then_some(connection)
    }
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("peer", &self.shared.peer)
            .field("closed", &self.is_closed())
            .field("calls_waiting", &self.calls_waiting())
            .finish_non_exhaustive()
    }
}

impl Shared {
    /// Starts the reader and writer tasks of a connection whose handshake is done.
    fn start(
        orb: Orb,
        stream: UnixStream,
        greeting: Greeting,
        peer: Option<Credentials>,
    ) -> Result<Arc<Shared>, Error> {
        let recv_limit = orb.limits().max_message_size;
        let send_queue = orb
            .limits()
            .max_send_queue
            .max(recv_limit as usize + envelope::HEADER_LEN);
        unix::tune(&stream);
        let socket = Socket::new(stream).map_err(|e| {
            Error::new(
                ErrorKind::Unreachable,
                Completion::No,
                "the socket could not be registered with the runtime",
            )
            .with_source(e)
        })?;
        let shared = Arc::new(Shared {
            send_limit: greeting.peer_limit.min(recv_limit),
            peer_endpoints: greeting.endpoints,
            recv_limit,
            orb,
            socket,
            peer,
            out: Outbound::new(send_queue),
            pending: Pending::new(),
            running: Running::default(),
            call_ended: Notify::new(),
            imports: Imports::default(),
            exports: Mutex::default(),
            closed: Mutex::new(None),
            is_closed: AtomicBool::new(false),
            closed_notify: Notify::new(),
            going_away: AtomicBool::new(false),
            flush_owed: AtomicBool::new(false),
            reply_expected: Notify::new(),
        });
        let reader = shared.clone();
        tokio::spawn(async move { frames::run_reader(reader).await });
        let writer = shared.clone();
        tokio::spawn(async move {
            if let Err(e) = writer.out.run_writer(&writer.socket).await {
                writer.close(lost("writing to the socket failed", e));
            }
        });
        Ok(shared)
    }

    /// Queues a frame and writes it now when nobody else is writing.
    ///
    /// With other calls in flight on the connection, more frames are about to follow: the
    /// writer task writes them together, after the tasks ready now. A lone call writes at
    /// once, from its own task.
    fn send(&self, header: Header, object: &[u8], payload: &Bytes) -> Result<(), Error> {
        let pushed = self.out.push(header, object, payload, self.send_limit);
        let became_flusher = match pushed {
            Ok(became_flusher) => became_flusher,
            Err(error) => {
                if error.kind() == ErrorKind::ConnectionLost
                    && !self.is_closed.load(Ordering::Acquire)
                {
                    // The queue overflowed: the peer does not read.
                    self.close(error.clone());
                }
                return Err(error);
            }
        };
        if !became_flusher {
            return Ok(());
        }
        if frames::handling(self) {
            // The reader is handling a batch of frames on this thread: it writes what they
            // produce together when the batch is done.
            self.flush_owed.store(true, Ordering::Relaxed);
            return Ok(());
        }
        if self.pending.len() + self.running.len() > 1 {
            self.out.hand_over();
            return Ok(());
        }
        self.flush()
    }

    /// Writes what is queued from this task (the caller holds the flusher's role).
    fn flush(&self) -> Result<(), Error> {
        if let Flushed::Failed(e) = self.out.flush_inline(&self.socket) {
            let error = lost("writing to the socket failed", e);
            self.close(error.clone());
            return Err(error);
        }
        Ok(())
    }

    /// Tells the peer this side dropped `count` references to its object `object`.
    fn send_release(&self, object: &Bytes, count: u64) {
        if self.is_closed.load(Ordering::Acquire) {
            return;
        }
        let mut payload = Vec::with_capacity(10);
        prost::encoding::encode_varint(count, &mut payload);
        // A connection that fails here is closing, and its peer releases everything anyway.
        let _ = self.send(Header::new(Kind::Release), object, &Bytes::from(payload));
    }

    /// Closes the connection once: fails every call waiting, stops every call running for
    /// the peer, releases every reference the peer held.
    fn close(&self, reason: Error) {
        self.stop(reason);
        self.shutdown_socket();
    }

    /// Closes the connection after writing what is queued (an error frame telling the peer
    /// why, the last replies of a graceful shutdown), for at most `within`.
    pub(crate) async fn close_gracefully(&self, reason: Error, within: std::time::Duration) {
        self.stop(reason);
        let _ = tokio::time::timeout(within, self.out.finished()).await;
        self.shutdown_socket();
    }

    /// The peer sees the end of the stream at once, and our reader wakes up, even while
    /// proxies still hold this state.
    fn shutdown_socket(&self) {
        let _ = self.socket.stream().shutdown(std::net::Shutdown::Both);
    }

    /// Everything of closing but the socket: once.
    fn stop(&self, reason: Error) {
        {
            let mut closed = lock(&self.closed);
            if closed.is_some() {
                return;
            }
            *closed = Some(reason.clone());
        }
        self.is_closed.store(true, Ordering::Release);
        self.out.close();
        let calls = self.pending.drain();
        for reply in calls {
            let _ = reply.send(Err(Error::new(
                ErrorKind::ConnectionLost,
                Completion::Maybe,
                reason.message().to_owned(),
            )));
        }
        for handle in self.running.drain() {
            handle.abort();
        }
        let exports: Vec<(Bytes, u64)> = lock(&self.exports).drain().collect();
        for (object, count) in exports {
            self.orb.adapter().release(&object, count);
        }
        self.call_ended.notify_waiters();
        self.closed_notify.notify_waiters();
        tracing::debug!(reason = %reason, "orbit connection closed");
    }

    /// Resolves once the connection has closed, to the reason.
    pub(crate) async fn wait_closed(&self) -> Error {
        loop {
            let notified = self.closed_notify.notified();
            if let Some(reason) = lock(&self.closed).clone() {
                return reason;
            }
            notified.await;
        }
    }

    /// Stops new calls both ways and tells the peer; calls running go on.
    pub(crate) fn go_away(&self) {
        if !self.going_away.swap(true, Ordering::AcqRel) {
            let _ = self.send(Header::new(Kind::GoAway), &[], &Bytes::new());
        }
    }

    /// Resolves when no call from the peer is running here.
    pub(crate) async fn drained(&self) {
        loop {
            let notified = self.call_ended.notified();
            if self.running.len() == 0 {
                return;
            }
            notified.await;
        }
    }

    /// Closes the connection for a server shutting down, writing what is queued first.
    pub(crate) async fn shut(&self, why: &str, within: std::time::Duration) {
        let reason = Error::new(ErrorKind::ConnectionLost, Completion::Maybe, why.to_owned());
        self.close_gracefully(reason, within).await;
    }

    fn check_open(&self) -> Result<(), Error> {
        if let Some(reason) = lock(&self.closed).as_ref() {
            return Err(Error::new(
                ErrorKind::ConnectionLost,
                Completion::No,
                format!("the connection is closed: {reason}"),
            ));
        }
        if self.going_away.load(Ordering::Acquire) {
            return Err(Error::new(
                ErrorKind::Refused,
                Completion::No,
                "the connection is shutting down and takes no new calls",
            ));
        }
        Ok(())
    }
}

fn lost(what: &str, e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::ConnectionLost,
        Completion::Maybe,
        what.to_owned(),
    )
    .with_source(e)
}

/// Takes a waiting call's entry out when its future is dropped before the reply came, and
/// tells the peer to stop running it.
struct CancelOnDrop {
    shared: Arc<Shared>,
    id: u64,
    armed: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if self.armed && self.shared.pending.remove(self.id).is_some() {
            let mut header = Header::new(Kind::Cancel);
            header.request_id = self.id;
            let _ = self.shared.send(header, &[], &Bytes::new());
        }
    }
}

impl Channel for Connection {
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>> {
        let handle = self.clone();
        let call = async move {
            let shared = &handle.shared;
            shared.check_open()?;
            let timeout = request
                .timeout
                .unwrap_or(shared.orb.limits().default_timeout);
            let mut header = Header::new(if request.oneway {
                Kind::Oneway
            } else {
                Kind::Request
            });
            header.operation = request.operation;
            header.timeout_ms = envelope::timeout_ms(Some(timeout));
            if request.oneway {
                header.request_id = shared.pending.next_id();
                shared.send(header, &request.object, &request.payload)?;
                return Ok(Bytes::new());
            }
            // A peer slow to read slows its callers down.
            shared.out.room().await;
            let (reply, replied) = oneshot::channel();
            let id = shared.pending.insert(reply);
            let mut guard = CancelOnDrop {
                shared: shared.clone(),
                id,
                armed: true,
            };
            header.request_id = id;
            if let Err(error) = shared.send(header, &request.object, &request.payload) {
                guard.armed = false;
                shared.pending.remove(id);
                return Err(error);
            }
            if shared.pending.len() == 1 {
                shared.reply_expected.notify_one();
            }
            match tokio::time::timeout(timeout, replied).await {
                Ok(Ok(reply)) => {
                    guard.armed = false;
                    reply
                }
                Ok(Err(_)) => {
                    guard.armed = false;
                    Err(Error::new(
                        ErrorKind::ConnectionLost,
                        Completion::Maybe,
                        "the connection closed before the reply came",
                    ))
                }
                // The guard cancels the call on the server.
                Err(_) => Err(Error::new(
                    ErrorKind::DeadlineExceeded,
                    Completion::Maybe,
                    format!("no reply within {timeout:?}"),
                )),
            }
        };
        Box::pin(call)
    }

    /// A reference received from the peer is one of:
    /// * an object of this orb come back: the servant, called directly;
    /// * an object of the peer (no endpoints, or the peer's): reached through this connection,
    ///   with a lease that releases it when the last proxy drops;
    /// * an object of a third server: reached through a connection of this orb's to one of
    ///   its endpoints, opened on first call (not counted with that server: it lives as long
    ///   as its owner keeps it).
    fn receive(&self, this: &Arc<dyn Channel>, reference: &ObjectRef) -> Option<ProxyCore> {
        let orb = &self.shared.orb;
        // One of our own objects, come back: call the servant directly. A reference without
        // endpoints is ours when its key is (activated keys are unguessable and unique), as
        // with an object of a process that does not listen.
        let ours = orb.serves(reference)
            || (reference.endpoints.is_empty()
                && orb.resolve_local(&reference.object_id).is_some());
        if ours {
            let local = orb.local_channel();
            return Some(match orb.resolve_local(&reference.object_id) {
                Some(servant) => ProxyCore::local(local, reference.clone(), servant),
                None => ProxyCore::new(local, reference.clone()),
            });
        }
        let of_the_peer = reference.endpoints.is_empty()
            || reference
                .endpoints
                .iter()
                .any(|e| self.shared.peer_endpoints.contains(e));
        if !of_the_peer {
            return Some(ProxyCore::new(
                orb.remote_channel(reference.endpoints.clone()),
                reference.clone(),
            ));
        }
        let lease = self
            .shared
            .imports
            .receive(&reference.object_id, &self.shared);
        Some(ProxyCore::new(this.clone(), reference.clone()).with_lease(lease))
    }

    fn export(&self, proxy: &ProxyCore) {
        let Some(servant) = proxy.servant() else {
            return;
        };
        let object = &proxy.reference().object_id;
        if object.is_empty() {
            return;
        }
        // Checked under the lock that `close` drains: a reference exported while the
        // connection closes is either drained (and released) or never counted.
        let mut exports = lock(&self.shared.exports);
        if self.is_closed() {
            return;
        }
        self.shared.orb.adapter().add_ref(object, servant);
        *exports.entry(object.clone()).or_insert(0) += 1;
    }
}
