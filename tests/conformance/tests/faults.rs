//! Faults across processes over a Unix socket: a server killed with calls pending, a client
//! killed while holding references, a user the server does not admit, and the limits on
//! connections and handshakes.

use std::{
    process::Stdio,
    sync::{Arc, atomic::Ordering},
    time::{Duration, Instant},
};

use orbit::{ErrorKind, Limits, Orb};
use orbit_conformance::{Service, ServiceImpl, ServiceProxy, ServiceServer, State, TempDir, raw};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

const PEER: &str = env!("CARGO_BIN_EXE_conformance-peer");

/// Starts the peer process and waits (bounded) for its `ready` line.
async fn start_peer(args: &[&str]) -> Child {
    let mut child = Command::new(PEER)
        .args(args)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the peer starts");
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("the peer is ready within 20 s")
        .expect("the peer's output is readable");
    assert_eq!(line.as_deref(), Some("ready"));
    child
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_fails_every_pending_call_within_500_ms() {
    let dir = TempDir::new();
    let endpoint = dir.endpoint("peer.sock");
    let mut server = start_peer(&["serve", &endpoint]).await;
    let orb = Orb::new();
    let connection = orb.connection(&endpoint).await.unwrap();
    let service = ServiceProxy::new(Arc::new(connection.clone()), "service");
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..1_000 {
        let service = service.clone();
        calls.spawn(async move {
            let result = service.sleep(50_000).await;
            (result, Instant::now())
        });
    }
    // Replies come in order of requests on one connection only by chance, but requests do
    // arrive in order: once this call is answered, the server has all 1,000.
    while connection.calls_waiting() < 1_000 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    assert_eq!(service.add(1, 1).await.unwrap(), 2);
    server.start_kill().expect("SIGKILL is sent");
    let killed = Instant::now();
    let mut failed = 0;
    let watchdog = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(joined) = calls.join_next().await {
            let (result, at) = joined.unwrap();
            let error = result.unwrap_err();
            assert_eq!(error.kind(), ErrorKind::ConnectionLost, "{error}");
            let after = at.saturating_duration_since(killed);
            assert!(
                after < Duration::from_millis(500),
                "a call failed {after:?} after the kill"
            );
            failed += 1;
        }
    });
    watchdog.await.expect("no call hangs (watchdog: 5 s)");
    assert_eq!(failed, 1_000);
    let _ = server.wait().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_client_releases_its_references_within_1_s() {
    let dir = TempDir::new();
    let orb = Orb::new();
    let (server, endpoint, state) = raw::serve(&orb, &dir).await;
    let mut client = start_peer(&["hold", &endpoint, "1000"]).await;
    assert_eq!(orb.exported_objects(), 1_000);
    assert_eq!(state.counters_alive.load(Ordering::SeqCst), 1_000);
    client.start_kill().expect("SIGKILL is sent");
    let killed = Instant::now();
    while orb.exported_objects() > 0 {
        assert!(
            killed.elapsed() < Duration::from_secs(1),
            "{} objects still held 1 s after the client died",
            orb.exported_objects()
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    assert_eq!(state.counters_alive.load(Ordering::SeqCst), 0);
    let _ = client.wait().await;
    server.shutdown(Duration::from_millis(100)).await;
}

/// Only root can switch a child to another user; elsewhere the case says so and passes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_of_another_user_is_refused() {
    use std::os::unix::{fs::PermissionsExt, process::CommandExt as _};

    let uid = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m))
        .unwrap_or(u32::MAX);
    if uid != 0 {
        eprintln!("skipped: switching a child process to `nobody` needs root (uid {uid})");
        return;
    }
    let dir = TempDir::new();
    // Let `nobody` reach the socket file, so that the server's own check is what refuses it.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let peer = dir.path().join("conformance-peer");
    std::fs::copy(PEER, &peer).unwrap();
    std::fs::set_permissions(&peer, std::fs::Permissions::from_mode(0o755)).unwrap();
    let orb = Orb::new();
    let state = Arc::new(State::default());
    orb.bind(
        "service",
        ServiceServer::new(ServiceImpl::new(orb.clone(), state)),
    )
    .unwrap();
    let endpoint = dir.endpoint("service.sock");
    let server = orb
        .server()
        .listen(endpoint.clone())
        .socket_mode(0o666)
        .start()
        .await
        .unwrap();
    let run = move |admitted: bool| {
        let mut command = std::process::Command::new(&peer);
        command.args(["call", &endpoint]);
        if !admitted {
            command.uid(65_534).gid(65_534);
        }
        command
    };
    let output = tokio::task::spawn_blocking(move || {
        let refused = run(false).output().expect("the peer runs as nobody");
        let admitted = run(true).output().expect("the peer runs as root");
        (refused, admitted)
    })
    .await
    .unwrap();
    let refused = String::from_utf8_lossy(&output.0.stdout).into_owned();
    assert!(
        refused.starts_with(
            "error refused: the server refused the connection: user 65534 may not connect"
        ),
        "{refused}"
    );
    assert_eq!(String::from_utf8_lossy(&output.1.stdout), "ok 3\n");
    server.shutdown(Duration::from_millis(100)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_limit_are_refused() {
    let dir = TempDir::new();
    let orb = Orb::with_limits(Limits {
        max_connections: 2,
        ..Limits::default()
    });
    let (server, endpoint, _) = raw::serve(&orb, &dir).await;
    let client = Orb::new();
    let first = client.connection(&endpoint).await.unwrap();
    let second = client.connection(&endpoint).await.unwrap();
    // The server registers a connection once its handshake is done.
    while server.connections() < 2 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let error = client.connection(&endpoint).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Refused, "{error}");
    assert!(
        error.message().contains("already holds 2 connections"),
        "{error}"
    );
    drop(first);
    while server.connections() > 1 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let third = client.connection(&endpoint).await.unwrap();
    let service = ServiceProxy::new(Arc::new(third), "service");
    assert_eq!(service.add(2, 2).await.unwrap(), 4);
    drop(second);
    server.shutdown(Duration::from_millis(100)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_client_is_dropped_after_the_handshake_timeout() {
    let dir = TempDir::new();
    let orb = Orb::with_limits(Limits {
        handshake_timeout: Duration::from_millis(200),
        ..Limits::default()
    });
    let (server, endpoint, _) = raw::serve(&orb, &dir).await;
    let path = endpoint.trim_start_matches("unix://").to_owned();
    let mut stream = tokio::net::UnixStream::connect(&path).await.unwrap();
    let started = Instant::now();
    let mut buf = [0; 64];
    let read = tokio::time::timeout(
        Duration::from_secs(5),
        tokio::io::AsyncReadExt::read(&mut stream, &mut buf),
    )
    .await
    .expect("the server closes the connection");
    assert_eq!(read.unwrap(), 0, "the server closes without a word");
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(190), "{took:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    server.shutdown(Duration::from_millis(100)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_calls_in_flight_finish_and_refuses_new_ones() {
    let dir = TempDir::new();
    let orb = Orb::new();
    let (server, endpoint, _) = raw::serve(&orb, &dir).await;
    let client = Orb::new();
    let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");
    let slow = {
        let service = service.clone();
        tokio::spawn(async move { service.sleep(200).await })
    };
    tokio::time::sleep(Duration::from_millis(50)).await;
    let shutdown = tokio::spawn(server.shutdown(Duration::from_secs(5)));
    tokio::time::sleep(Duration::from_millis(20)).await;
    let refused = service.add(1, 1).await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Refused, "{refused}");
    slow.await.unwrap().expect("the call in flight finishes");
    shutdown.await.unwrap();
    let lost = service.add(1, 1).await.unwrap_err();
    assert!(
        matches!(lost.kind(), ErrorKind::ConnectionLost | ErrorKind::Refused),
        "{lost}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handshake_in_progress_counts_against_the_connection_limit() {
    let dir = TempDir::new();
    let orb = Orb::with_limits(Limits {
        max_connections: 1,
        handshake_timeout: Duration::from_millis(500),
        ..Limits::default()
    });
    let (server, endpoint, _) = raw::serve(&orb, &dir).await;
    // Connected, but silent: its handshake is in progress until the timeout.
    let silent = tokio::net::UnixStream::connect(endpoint.trim_start_matches("unix://"))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let client = Orb::new();
    let error = client.connection(&endpoint).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Refused, "{error}");
    // Once the silent one is dropped at its handshake timeout, there is room again.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");
    assert_eq!(service.add(1, 1).await.unwrap(), 2);
    drop(silent);
    server.shutdown(Duration::from_millis(100)).await;
}
