//! A raw client of the envelope, for the tests that send what a well-behaved client never
//! would, and the server side those tests share.

use std::{sync::Arc, time::Duration};

use orbit::{
    Orb, Server,
    dispatch::operation_id,
    envelope::{self, HEADER_LEN, Header, Kind},
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::UnixStream,
};

use crate::{ServiceImpl, ServiceServer, State, TempDir};

/// Serves the conformance service from `orb` on a socket in `dir`; returns the server, its
/// endpoint and what the servant observes.
///
/// # Panics
///
/// When the server cannot start (the test cannot run then).
pub async fn serve(orb: &Orb, dir: &TempDir) -> (Server, String, Arc<State>) {
    let state = Arc::new(State::default());
    orb.bind(
        "service",
        ServiceServer::new(ServiceImpl::new(orb.clone(), state.clone())),
    )
    .expect("a valid name");
    let endpoint = dir.endpoint("service.sock");
    let server = orb
        .server()
        .listen(endpoint.clone())
        .start()
        .await
        .expect("the server starts");
    (server, endpoint, state)
}

/// Connects to the socket of `endpoint` and completes the handshake, announcing `limit`.
///
/// # Panics
///
/// When the server does not welcome the client.
pub async fn connect(endpoint: &str, limit: u32) -> UnixStream {
    let path = endpoint.trim_start_matches("unix://");
    let mut stream = UnixStream::connect(path).await.expect("the server listens");
    let mut hello = Header::new(Kind::Hello);
    hello.operation = limit;
    let mut frame = Vec::new();
    envelope::write_frame(&mut frame, hello, &[], &[], limit).expect("a hello fits");
    stream.write_all(&frame).await.expect("the hello is sent");
    let (header, _) = read_frame(&mut stream, limit).await.expect("a welcome");
    assert_eq!(header.kind, Kind::Welcome);
    stream
}

/// Reads one frame, or `None` at the end of the stream.
///
/// # Panics
///
/// When nothing comes within 5 s, or the frame breaks the envelope.
pub async fn read_frame(stream: &mut UnixStream, limit: u32) -> Option<(Header, Vec<u8>)> {
    let mut head = [0; HEADER_LEN];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_exact(&mut head))
        .await
        .expect("the server answers or closes within 5 s");
    read.ok()?;
    let header = Header::parse(&head, limit).expect("the server's frames are well formed");
    let mut body = vec![0; header.body_len as usize];
    stream.read_exact(&mut body).await.ok()?;
    Some((header, body))
}

/// A request frame: call `operation` of `object` with `payload`, as request `id`.
///
/// # Panics
///
/// When the frame is over `limit`.
pub fn request(id: u64, operation: &str, object: &[u8], payload: &[u8], limit: u32) -> Vec<u8> {
    let mut header = Header::new(Kind::Request);
    header.request_id = id;
    header.operation = operation_id(operation);
    header.timeout_ms = 1_000;
    let mut frame = Vec::new();
    envelope::write_frame(&mut frame, header, object, payload, limit).expect("under the limit");
    frame
}
