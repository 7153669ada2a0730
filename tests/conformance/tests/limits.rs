//! The limits of a connection, seen from a client: messages over either side's size limit,
//! and calls over the limit of calls running at once.

use std::time::Duration;

use orbit::{Completion, ErrorKind, Limits, Orb, Server, bytes::Bytes};
use orbit_conformance::{Service, ServiceProxy, TempDir, raw};

async fn serve(limits: Limits, dir: &TempDir) -> (Server, String) {
    let (server, endpoint, _) = raw::serve(&Orb::with_limits(limits), dir).await;
    (server, endpoint)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_over_the_size_limit_are_refused_and_the_connection_goes_on() {
    let dir = TempDir::new();
    let (server, endpoint) = serve(
        Limits {
            max_message_size: 1 << 20,
            ..Limits::default()
        },
        &dir,
    )
    .await;
    // The client accepts 4 MiB; the server told it, in the handshake, that it accepts 1 MiB.
    let client = Orb::new();
    let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");
    let big = Bytes::from(vec![7; 2 << 20]);
    let error = service.echo_bytes(big).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TooLarge, "{error}");
    assert_eq!(error.completion(), Completion::No);
    assert_eq!(service.add(1, 2).await.unwrap(), 3);
    server.shutdown(Duration::from_millis(100)).await;

    // The other way round: a reply over the client's limit becomes an error reply; the call
    // did run.
    let dir = TempDir::new();
    let (server, endpoint) = serve(Limits::default(), &dir).await;
    let client = Orb::with_limits(Limits {
        max_message_size: 1 << 20,
        ..Limits::default()
    });
    let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");
    // A request just under the client's limit, whose echo is too large for it.
    let data = Bytes::from(vec![1; (1 << 20) - 64]);
    assert_eq!(service.echo_bytes(data.clone()).await.unwrap(), data);
    let error = service
        .echo_bytes(Bytes::from(vec![1; (1 << 20) + 64]))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TooLarge, "{error}");
    assert_eq!(service.add(2, 2).await.unwrap(), 4);
    server.shutdown(Duration::from_millis(100)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_over_the_in_flight_limit_are_refused() {
    let dir = TempDir::new();
    let (server, endpoint) = serve(
        Limits {
            max_calls_in_flight: 4,
            ..Limits::default()
        },
        &dir,
    )
    .await;
    let client = Orb::new();
    let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");
    let mut sleeping = Vec::new();
    for _ in 0..4 {
        let service = service.clone();
        sleeping.push(tokio::spawn(async move { service.sleep(300).await }));
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let error = service.add(1, 1).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Refused, "{error}");
    assert_eq!(error.completion(), Completion::No);
    for call in sleeping {
        call.await.unwrap().unwrap();
    }
    assert_eq!(service.add(1, 1).await.unwrap(), 2);
    server.shutdown(Duration::from_millis(100)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_work_with_the_reply_spin_off_and_long() {
    let dir = TempDir::new();
    let (server, endpoint) = serve(Limits::default(), &dir).await;
    for spin in [Duration::ZERO, Duration::from_millis(5)] {
        let client = Orb::with_limits(Limits {
            reply_spin: spin,
            ..Limits::default()
        });
        let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");
        for i in 0..100 {
            assert_eq!(service.add(i, 1).await.unwrap(), i + 1);
        }
        // A reply later than the spin: the reader parks and is woken as usual.
        service.sleep(20).await.unwrap();
    }
    server.shutdown(Duration::from_millis(100)).await;
}
