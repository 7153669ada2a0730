//! The reader task of a connection and what each frame it receives does.
//!
//! Bytes are read in large chunks and every complete frame in a chunk is handled before the
//! next read, so many replies arriving together cost one system call. A header is checked
//! (version, kind, length against the limit) before a byte of its body is buffered; a frame
//! that breaks the protocol ends the connection after an error frame tells the peer why,
//! since frame boundaries can no longer be trusted.

use std::{
    cell::Cell,
    sync::{Arc, atomic::Ordering},
    time::Instant,
};

use bytes::{Buf, Bytes};
use prost::encoding::decode_varint;
use tracing::Instrument;

use super::{Connection, Shared, lock, lost, running::Full, socket::ReadBuffer};
use crate::{
    dispatch::{CallContext, Channel},
    envelope::{self, HEADER_LEN, Header, Kind},
    error::{Completion, Error, ErrorKind},
    object_ref::ShowKey,
    orb::{invoke::invoke, no_such_object},
};

/// Reads frames until the stream ends or breaks the protocol, then closes the connection.
pub(super) async fn run_reader(shared: Arc<Shared>) {
    match read_frames(&shared).await {
        Ok(()) => shared.close(Error::new(
            ErrorKind::ConnectionLost,
            Completion::Maybe,
            "the peer closed the connection",
        )),
        // The peer broke the protocol and was sent an error frame: let it leave first.
        Err(error) if matches!(error.kind(), ErrorKind::BadMessage | ErrorKind::TooLarge) => {
            shared.close_gracefully(error, PARTING).await;
        }
        Err(error) => shared.close(error),
    }
}

/// How long an error frame telling the peer why it is cut off may take to leave.
const PARTING: std::time::Duration = std::time::Duration::from_millis(200);

async fn read_frames(shared: &Arc<Shared>) -> Result<(), Error> {
    let mut buf = ReadBuffer::new();
    loop {
        let handled = {
            let _batch = Batch::start(shared);
            handle_batch(shared, &mut buf)
        };
        if shared.flush_owed.swap(false, Ordering::Relaxed) {
            // Every reply the batch produced (and an error frame ending the connection) in
            // one system call.
            shared.flush()?;
        }
        handled?;
        // Closing the connection shuts the socket down, which ends this read with the end of
        // the stream.
        let read = shared.socket.read_expecting(
            &mut buf,
            &shared.reply_expected,
            shared.orb.limits().reply_spin,
            || shared.pending.len() > 0 && shared.running.len() == 0,
        );
        match read.await {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(lost("reading from the socket failed", e)),
        }
    }
}

thread_local! {
    /// The connection whose reader is handling a batch of frames on this thread, by address
    /// (0: none). Replies that servants produce at once while it does are written together
    /// after the batch, instead of one system call each.
    static HANDLING: Cell<usize> = const { Cell::new(0) };
}

/// Whether `shared`'s reader is handling a batch of frames on this thread right now.
pub(super) fn handling(shared: &Shared) -> bool {
    let address = std::ptr::from_ref(shared) as usize;
    HANDLING
        .try_with(|current| current.get() == address)
        .unwrap_or(false)
}

/// Marks this thread as handling a batch for a connection, until dropped.
struct Batch {
    previous: usize,
}

impl Batch {
    fn start(shared: &Shared) -> Batch {
        let address = std::ptr::from_ref(shared) as usize;
        let previous = HANDLING
            .try_with(|current| current.replace(address))
            .unwrap_or(0);
        Batch { previous }
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        let _ = HANDLING.try_with(|current| current.set(self.previous));
    }
}

/// Handles every complete frame in `buf`.
fn handle_batch(shared: &Arc<Shared>, buf: &mut ReadBuffer) -> Result<(), Error> {
    while let Some((header, object, payload)) = next_frame(shared, buf)? {
        on_frame(shared, header, object, payload)?;
    }
    Ok(())
}

/// Splits the next complete frame off `buf`, reserving room for one still arriving. A
/// header that breaks the protocol is answered with an error frame, then returned as the
/// error that ends the connection.
fn next_frame(
    shared: &Shared,
    buf: &mut ReadBuffer,
) -> Result<Option<(Header, Bytes, Bytes)>, Error> {
    let Some(head) = buf.data().first_chunk::<HEADER_LEN>() else {
        return Ok(None);
    };
    let header = Header::parse(head, shared.recv_limit).map_err(|e| protocol_error(shared, e))?;
    let total = HEADER_LEN + header.body_len as usize;
    let have = buf.data().len();
    if have < total {
        // The header was checked against the limit, so this reservation is bounded.
        buf.want(total - have);
        return Ok(None);
    }
    let mut frame = buf.take(total).freeze();
    frame.advance(HEADER_LEN);
    let object = frame.split_to(usize::from(header.object_len));
    Ok(Some((header, object, frame)))
}

/// Handles one frame; an error is a protocol violation that ends the connection (the peer is
/// told why first).
fn on_frame(
    shared: &Arc<Shared>,
    header: Header,
    object: Bytes,
    payload: Bytes,
) -> Result<(), Error> {
    if shared.is_closed.load(Ordering::Acquire) {
        // Frames still buffered when the connection closed: nothing may start now.
        return Ok(());
    }
    match header.kind {
        Kind::Request | Kind::Oneway => on_request(shared, header, object, payload)?,
        Kind::Reply => complete(shared, header.request_id, Ok(payload)),
        Kind::Error if header.request_id == 0 => {
            let error = envelope::decode_error(&payload);
            tracing::warn!(error = %error, "the peer reported a connection error");
        }
        Kind::Error => complete(
            shared,
            header.request_id,
            Err(envelope::decode_error(&payload)),
        ),
        Kind::Cancel => {
            if let Some(call) = shared.running.finish(header.request_id) {
                call.abort();
                shared.call_ended.notify_waiters();
            }
        }
        Kind::Release => {
            let count = decode_varint(&mut payload.clone()).unwrap_or(0);
            let mut exports = lock(&shared.exports);
            if let Some(held) = exports.get_mut(&object) {
                let count = count.min(*held);
                *held -= count;
                if *held == 0 {
                    exports.remove(&object);
                }
                drop(exports);
                shared.orb.adapter().release(&object, count);
            }
        }
        Kind::GoAway => {
            shared.going_away.store(true, Ordering::Release);
        }
        Kind::Hello | Kind::Welcome => {
            return Err(protocol_error(
                shared,
                Error::bad_message(format!("a {:?} frame after the handshake", header.kind)),
            ));
        }
    }
    Ok(())
}

/// Tells the peer it broke the protocol (before the connection closes), and returns the error
/// that ends the connection.
fn protocol_error(shared: &Shared, error: Error) -> Error {
    let _ = shared.send(
        Header::new(Kind::Error),
        &[],
        &envelope::encode_error(&error),
    );
    error
}

fn complete(shared: &Shared, id: u64, result: Result<Bytes, Error>) {
    // A reply to a call that gave up (cancelled, deadline) finds nobody: that is fine.
    if let Some(reply) = shared.pending.remove(id) {
        let _ = reply.send(result);
    }
}

fn on_request(
    shared: &Arc<Shared>,
    header: Header,
    object: Bytes,
    payload: Bytes,
) -> Result<(), Error> {
    let id = header.request_id;
    let oneway = header.kind == Kind::Oneway;
    if shared.running.contains(id) {
        // Its reply could not be told from the other call's: the peer is broken.
        return Err(protocol_error(
            shared,
            Error::bad_message(format!(
                "request id {id} is already in use by a call running here"
            )),
        ));
    }
    let refuse = |error: Error| {
        if !oneway {
            reply(shared, id, Err(error));
        }
        Ok(())
    };
    if shared.going_away.load(Ordering::Acquire) {
        return refuse(Error::new(
            ErrorKind::Refused,
            Completion::No,
            "the server is shutting down and takes no new calls",
        ));
    }
    let Some(servant) = shared.orb.adapter().find(&object) else {
        return refuse(no_such_object(&object));
    };
    let interface = servant.interface();
    let operation = interface
        .operation(header.operation)
        .map_or("?", |op| op.name);
    let span = tracing::debug_span!(
        "orbit.dispatch",
        interface = interface.name,
        operation,
        object = ?ShowKey(&object),
        outcome = tracing::field::Empty,
    );
    let deadline = header
        .timeout()
        .and_then(|timeout| Instant::now().checked_add(timeout));
    let channel: Arc<dyn Channel> = Arc::new(Connection::from_shared(shared.clone()));
    let context = CallContext::new(channel)
        .with_peer(shared.peer)
        .with_deadline(deadline);
    let limits = shared.orb.limits();
    let bytes = object.len() + payload.len();
    let max_bytes = shared.out.hard_limit();
    match shared
        .running
        .admits(bytes, limits.max_calls_in_flight, max_bytes)
    {
        Ok(()) => {}
        Err(Full::Calls(max)) => {
            return refuse(Error::new(
                ErrorKind::Refused,
                Completion::No,
                format!("{max} calls are already running on this connection"),
            ));
        }
        Err(Full::Bytes(max)) => {
            return refuse(Error::new(
                ErrorKind::Refused,
                Completion::No,
                format!("the calls running on this connection already hold {max} bytes"),
            ));
        }
    }
    let task_shared = shared.clone();
    let outcome_span = span.clone();
    let call = async move {
        let result = invoke(servant, context, header.operation, payload).await;
        outcome_span.record(
            "outcome",
            match &result {
                Ok(_) => "ok",
                Err(e) => e.kind().as_str(),
            },
        );
        // The reply is queued before the call counts as ended, so a graceful shutdown that
        // waits for running calls never closes the connection ahead of it. A call cancelled
        // meanwhile is aborted before it gets here.
        if !oneway {
            // A caller slow to read its replies slows its servants down.
            task_shared.out.room().await;
            reply(&task_shared, id, result);
        }
        task_shared.running.finish(id);
        task_shared.call_ended.notify_waiters();
    };
    let mut call = Box::pin(call.instrument(span));
    // Most servants answer without waiting for anything: run the call here first, and give
    // it a task of its own (cancellable, counted as running) only if it has to wait. A
    // future may be polled with another waker later; this first poll's is a no-op.
    let first = call
        .as_mut()
        .poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
    if first.is_pending() {
        shared
            .running
            .start(id, bytes, || tokio::spawn(call).abort_handle());
    }
    Ok(())
}

/// Sends the reply of call `id`; a reply over the size limit becomes an error reply.
fn reply(shared: &Shared, id: u64, result: Result<Bytes, Error>) {
    let mut header = Header::new(Kind::Reply);
    header.request_id = id;
    let sent = match &result {
        Ok(payload) => shared.send(header, &[], payload),
        Err(error) => {
            header.kind = Kind::Error;
            shared.send(header, &[], &envelope::encode_error(error))
        }
    };
    if let Err(error) = sent
        && error.kind() == ErrorKind::TooLarge
    {
        header.kind = Kind::Error;
        let error = error.with_completion(Completion::Yes);
        let _ = shared.send(header, &[], &envelope::encode_error(&error));
    }
}
