//! Malformed frames sent to a server over a raw Unix socket: each gets an error reply or a
//! closed connection, the server keeps serving other clients, and nothing the size a
//! malformed header announces is ever allocated (a counting global allocator checks the
//! process's peak).

use std::time::Duration;

use cap::Cap;
use orbit::{
    ErrorKind, Limits, Orb,
    dispatch::operation_id,
    envelope::{self, Header, Kind},
};
use orbit_conformance::{Service, ServiceProxy, TempDir, raw};
use tokio::io::AsyncWriteExt;

#[global_allocator]
static ALLOCATOR: Cap<std::alloc::System> = Cap::new(std::alloc::System, usize::MAX);

/// The server's message limit here: small, so that allocating one message over it would
/// show in the process's peak.
const LIMIT: u32 = 8 << 20;

/// What the server did after `bytes`: the error frames it sent, and whether it closed.
async fn answer_to(endpoint: &str, bytes: &[u8], then_close: bool) -> (Vec<orbit::Error>, bool) {
    let mut stream = raw::connect(endpoint, LIMIT).await;
    // The server may close before taking every byte: that is an answer too.
    let _ = stream.write_all(bytes).await;
    if then_close {
        let _ = stream.shutdown().await;
    }
    let mut errors = Vec::new();
    loop {
        match raw::read_frame(&mut stream, LIMIT).await {
            Some((header, body)) if header.kind == Kind::Error => {
                let mut error = envelope::decode_error(&body);
                if header.request_id != 0 {
                    error = orbit::Error::new(
                        error.kind(),
                        error.completion(),
                        format!("reply to {}: {}", header.request_id, error.message()),
                    );
                }
                errors.push(error);
                if header.request_id != 0 {
                    // An error reply to one call: the connection is still good.
                    return (errors, false);
                }
            }
            Some((header, _)) => panic!("unexpected {:?} frame", header.kind),
            None => return (errors, true),
        }
    }
}

fn header(kind: Kind, object_len: u16, body_len: u32) -> Vec<u8> {
    let mut out = Vec::new();
    Header {
        kind,
        object_len,
        body_len,
        request_id: 7,
        operation: operation_id("add"),
        timeout_ms: 1_000,
    }
    .write(&mut out);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_frames_get_an_error_or_a_closed_connection() {
    let dir = TempDir::new();
    let orb = Orb::with_limits(Limits {
        max_message_size: LIMIT,
        ..Limits::default()
    });
    let (server, endpoint, _) = raw::serve(&orb, &dir).await;
    // A client that behaves, connected all along.
    let client = Orb::new();
    let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");
    assert_eq!(service.add(1, 2).await.unwrap(), 3);

    let mut bad_version = header(Kind::Request, 0, 0);
    bad_version[0] = 9;
    let mut unknown_kind = header(Kind::Request, 0, 0);
    unknown_kind[1] = 77;
    let mut truncated = header(Kind::Request, 7, 100);
    truncated.extend_from_slice(b"service");
    let mut random = Vec::with_capacity(4096);
    let mut seed: u32 = 0x2545_f491;
    for _ in 0..4096 {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        random.push(seed as u8);
    }
    let mut garbage_request = header(Kind::Request, 7, 7 + 3);
    garbage_request.extend_from_slice(b"service\xff\xff\xff");
    let mut unknown_object = header(Kind::Request, 4, 4);
    unknown_object.extend_from_slice(b"nope");

    // Two calls under one request id: their replies could not be told apart.
    let mut sleep = Vec::new();
    let mut sleep_header = Header::new(Kind::Request);
    sleep_header.request_id = 7;
    sleep_header.operation = operation_id("sleep");
    // `sleep_Request { millis: 1000 }`: field 1, varint 1000.
    envelope::write_frame(
        &mut sleep,
        sleep_header,
        b"service",
        &[0x08, 0xe8, 0x07],
        LIMIT,
    )
    .unwrap();
    let reused_id = [sleep.clone(), sleep].concat();

    let closing: [(&str, Vec<u8>, Option<ErrorKind>); 8] = [
        ("bad version", bad_version, Some(ErrorKind::BadMessage)),
        ("unknown kind", unknown_kind, Some(ErrorKind::BadMessage)),
        (
            "length 4 GiB",
            header(Kind::Request, 0, u32::MAX),
            Some(ErrorKind::TooLarge),
        ),
        (
            "one over the limit",
            header(Kind::Request, 0, LIMIT + 1),
            Some(ErrorKind::TooLarge),
        ),
        (
            "object id longer than the body",
            header(Kind::Request, 9, 4),
            Some(ErrorKind::BadMessage),
        ),
        ("truncated frame", truncated, None),
        ("random bytes", random, None),
        (
            "a request id already running",
            reused_id,
            Some(ErrorKind::BadMessage),
        ),
    ];
    for (what, bytes, expected) in closing {
        let then_close = expected.is_none();
        let (errors, closed) = answer_to(&endpoint, &bytes, then_close).await;
        assert!(closed, "{what}: the server closes the connection");
        if let Some(kind) = expected {
            assert_eq!(errors.len(), 1, "{what}: {errors:?}");
            assert_eq!(errors[0].kind(), kind, "{what}: {}", errors[0]);
        }
        // The well-behaved client is still served.
        assert_eq!(service.add(2, 2).await.unwrap(), 4, "after {what}");
    }

    // A well-framed request with a bad payload or for an unknown object gets an error reply
    // and the connection stays open.
    for (what, bytes, kind) in [
        (
            "undecodable payload",
            garbage_request,
            ErrorKind::BadMessage,
        ),
        ("unknown object", unknown_object, ErrorKind::NoSuchObject),
    ] {
        let (errors, closed) = answer_to(&endpoint, &bytes, false).await;
        assert!(!closed, "{what}: the connection stays open");
        assert_eq!(errors.len(), 1, "{what}: {errors:?}");
        assert_eq!(errors[0].kind(), kind, "{what}: {}", errors[0]);
        assert!(
            errors[0].message().starts_with("reply to 7:"),
            "{what}: {}",
            errors[0]
        );
    }

    assert_eq!(service.add(3, 3).await.unwrap(), 6);
    let peak = ALLOCATOR.max_allocated();
    eprintln!("peak of the whole process: {peak} bytes (limit {LIMIT})");
    assert!(
        peak < LIMIT as usize,
        "the process held {peak} bytes at its peak: something allocated for a malformed frame"
    );
    server.shutdown(Duration::from_millis(100)).await;
}
