//! The cases of the conformance suite, each one behaviour checked through real calls.

use std::{
    collections::BTreeMap,
    sync::{Arc, atomic::Ordering},
    time::{Duration, Instant},
};

use orbit::{Completion, ErrorKind, Proxy};

use crate::{
    Access, Color, Counter, Everything, Fixture, Labelled, ListenerImpl, ListenerProxy,
    ListenerServer, Oops, Point, Service, ServiceFailError, ServiceSwapOutput, Shape, Transport,
};

/// Waits (bounded) until `done` holds, checking every few milliseconds.
async fn eventually(what: &str, within: Duration, done: impl Fn() -> bool) {
    let deadline = Instant::now() + within;
    while !done() {
        assert!(Instant::now() < deadline, "{what} within {within:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn everything() -> Everything {
    Everything {
        flag: true,
        byte: 0xfe,
        letter: 'q',
        wide: 'λ',
        s: -12_345,
        us: 54_321,
        l: -2_000_000_000,
        ul: 4_000_000_000,
        ll: i64::MIN,
        ull: u64::MAX,
        f: 1.5,
        d: -2.25e300,
        i8: -128,
        u8: 255,
        text: "hello, world".to_owned(),
        short_text: "eight ch".to_owned(),
        wtext: "ünïcödé ✓".to_owned(),
        color: Color::Blue,
        point: Point { x: 1.0, y: -1.0 },
        shape: Shape::Label("twelve".to_owned()),
        matrix: vec![vec![1, 2, 3], vec![], vec![-4]],
        grid: [[1, 2, 3], [4, 5, 6]],
        places: BTreeMap::from([
            ("home".to_owned(), Point { x: 0.0, y: 0.0 }),
            ("work".to_owned(), Point { x: 3.0, y: 4.0 }),
        ]),
        blob: orbit::bytes::Bytes::from_static(&[0, 1, 2, 255]),
        few: vec![Point { x: 5.0, y: 6.0 }],
        maybe: Some(Point { x: 7.0, y: 8.0 }),
        note: None,
        precise: std::f64::consts::PI,
        access: Access(Access::READ.0 | Access::EXECUTE.0),
        labelled: Labelled {
            x: 9.0,
            y: 10.0,
            name: "base members first".to_owned(),
        },
        maybe_list: Some(vec![]),
        labels: vec![Labelled::default(); 3],
    }
}

/// Values of every supported IDL construct come back unchanged; a value breaking a bound is
/// refused before it is sent.
pub async fn values_of_every_construct_round_trip(fx: &Fixture) {
    let value = everything();
    assert_eq!(fx.service.echo(value.clone()).await.unwrap(), value);
    let shapes = [
        Shape::Center(Point { x: 1.0, y: 2.0 }),
        Shape::Label(String::new()),
        Shape::Other {
            discriminator: 99,
            value: -7,
        },
    ];
    for shape in shapes {
        let value = Everything {
            shape,
            maybe: None,
            note: Some("a note".to_owned()),
            ..everything()
        };
        assert_eq!(fx.service.echo(value.clone()).await.unwrap(), value);
    }
    let too_long = Everything {
        short_text: "nine char".to_owned(),
        ..everything()
    };
    let error = fx.service.echo(too_long).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadMessage, "{error}");
    assert_eq!(error.completion(), Completion::No);
}

/// Plain calls, and byte payloads small and large.
pub async fn plain_calls_and_bytes(fx: &Fixture) {
    assert_eq!(fx.service.add(40, 2).await.unwrap(), 42);
    assert_eq!(fx.service.add(i64::MAX, 1).await.unwrap(), i64::MIN);
    for len in [0, 1, 100_000, 1 << 20] {
        let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let data = orbit::bytes::Bytes::from(data);
        assert_eq!(fx.service.echo_bytes(data.clone()).await.unwrap(), data);
    }
}

/// A declared exception arrives as its variant of the operation's error enum.
pub async fn declared_exceptions_arrive_as_their_variant(fx: &Fixture) {
    let error = fx.service.fail(7).await.unwrap_err();
    assert_eq!(
        error,
        ServiceFailError::Oops(Oops {
            reason: "failed with 7".to_owned(),
            code: 7,
        })
    );
}

/// `inout` and `out` parameters come back in the output struct.
pub async fn inout_and_out_parameters_come_back(fx: &Fixture) {
    assert_eq!(
        fx.service.swap(1, 2).await.unwrap(),
        ServiceSwapOutput { a: 2, b: 1, sum: 3 }
    );
}

/// An object returned by an operation is callable, and handed back to its server it reaches
/// its own servant.
pub async fn objects_go_out_and_come_back(fx: &Fixture) {
    let counter = fx
        .service
        .make_counter(10)
        .await
        .unwrap()
        .expect("a counter");
    assert_eq!(counter.next().await.unwrap(), 11);
    assert_eq!(counter.next().await.unwrap(), 12);
    assert_eq!(counter.value().await.unwrap(), 12);
    assert_eq!(
        fx.service
            .read_counter(Some(counter.clone()))
            .await
            .unwrap(),
        12
    );
    assert_eq!(fx.service.read_counter(None).await.unwrap(), -1);
    let other = fx.service.make_counter(0).await.unwrap().unwrap();
    assert_ne!(other, counter);
    assert_eq!(other.value().await.unwrap(), 0);
}

/// Once every proxy on a returned object is gone, the server frees it.
pub async fn released_objects_are_freed(fx: &Fixture) {
    let counters = {
        let mut counters = Vec::new();
        for start in 0..50 {
            counters.push(fx.service.make_counter(start).await.unwrap().unwrap());
        }
        counters
    };
    assert_eq!(fx.state.counters_alive.load(Ordering::SeqCst), 50);
    if fx.transport == Transport::Unix {
        assert_eq!(fx.server_orb.exported_objects(), 50);
    }
    // Clones share one lease: dropping one of two keeps the object.
    let kept = counters[0].clone();
    drop(counters);
    eventually("49 counters freed", Duration::from_secs(2), || {
        fx.state.counters_alive.load(Ordering::SeqCst) == 1
    })
    .await;
    assert_eq!(kept.value().await.unwrap(), 0);
    drop(kept);
    eventually("every counter freed", Duration::from_secs(2), || {
        fx.state.counters_alive.load(Ordering::SeqCst) == 0
    })
    .await;
    assert_eq!(fx.server_orb.exported_objects(), 0);
}

/// The server calls back an object the client hosts, over the client's own connection.
pub async fn callbacks_reach_the_client(fx: &Fixture) {
    let listener = ListenerImpl::default();
    let notified = listener.notified.clone();
    let proxy: ListenerProxy = fx.client_orb.activate(ListenerServer::new(listener));
    fx.service.subscribe(Some(proxy.clone())).await.unwrap();
    assert_eq!(fx.service.call_back(21).await.unwrap(), 42);
    eventually(
        "the oneway notification ran",
        Duration::from_secs(2),
        || notified.load(Ordering::SeqCst) == 21,
    )
    .await;
}

/// Oneway calls complete without a reply, and the servant still runs every one of them (that
/// the caller does not wait for the servant is not timed here).
pub async fn oneway_calls_run_without_a_reply(fx: &Fixture) {
    for i in 0..100 {
        fx.service.poke(i).await.unwrap();
    }
    eventually("100 pokes ran", Duration::from_secs(2), || {
        fx.state.pokes.load(Ordering::SeqCst) == 100
    })
    .await;
    assert_eq!(fx.service.pokes().await.unwrap(), 100);
}

/// A call with a 100 ms deadline on a servant that takes 10 s fails with `deadline
/// exceeded` within 150 ms, and the server abandons the servant.
pub async fn a_deadline_ends_the_call_in_time(fx: &Fixture) {
    let started = Instant::now();
    let error = fx
        .service
        .with_timeout(Duration::from_millis(100))
        .sleep(10_000)
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert_eq!(error.kind(), ErrorKind::DeadlineExceeded, "{error}");
    assert_eq!(error.completion(), Completion::Maybe);
    assert!(took >= Duration::from_millis(100), "{took:?}");
    assert!(took < Duration::from_millis(150), "took {took:?}");
    eventually("the servant was abandoned", Duration::from_secs(1), || {
        fx.state.abandoned.load(Ordering::SeqCst) == 1
    })
    .await;
    // The proxy itself keeps the default deadline.
    assert_eq!(fx.service.add(1, 1).await.unwrap(), 2);
}

/// Dropping a call's future stops the servant.
pub async fn cancellation_reaches_the_servant(fx: &Fixture) {
    let service = fx.service.clone();
    let call = tokio::spawn(async move { service.sleep(30_000).await });
    eventually("the servant started", Duration::from_secs(2), || {
        fx.state.sleeping.load(Ordering::SeqCst) == 1
    })
    .await;
    call.abort();
    assert!(call.await.unwrap_err().is_cancelled());
    eventually("the servant was cancelled", Duration::from_secs(1), || {
        fx.state.abandoned.load(Ordering::SeqCst) == 1
    })
    .await;
}

/// A panic in a servant is an error reply; the server goes on serving.
pub async fn a_panicking_servant_fails_only_its_call(fx: &Fixture) {
    let error = fx.service.panic_now().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::RemotePanic, "{error}");
    assert!(
        error.message().contains("the servant panicked on purpose"),
        "{error}"
    );
    assert_eq!(fx.service.add(2, 3).await.unwrap(), 5);
}

/// A call on an object nobody serves fails with `no such object`.
pub async fn unknown_objects_are_reported(fx: &Fixture) {
    let error = fx.proxy_on_missing_object().add(1, 2).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NoSuchObject, "{error}");
    assert_eq!(error.completion(), Completion::No);
}

/// 10,000 calls in flight on one connection: every reply reaches its own caller.
pub async fn ten_thousand_calls_on_one_connection(fx: &Fixture) {
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..10_000_i64 {
        let service = fx.service.clone();
        calls.spawn(async move { (i, service.add(i, i * 1_000_000).await) });
    }
    let mut seen = vec![false; 10_000];
    while let Some(joined) = calls.join_next().await {
        let (i, result) = joined.unwrap();
        assert_eq!(
            result.unwrap(),
            i + i * 1_000_000,
            "call {i} got another's reply"
        );
        let index = usize::try_from(i).unwrap();
        assert!(!seen[index], "call {i} completed twice");
        seen[index] = true;
    }
    assert!(seen.iter().all(|s| *s));
}

/// 10,000 calls spread over 10 connections.
pub async fn ten_thousand_calls_over_ten_connections(fx: &Fixture) {
    let mut clients = Vec::new();
    for _ in 0..10 {
        clients.push(fx.another_client().await);
    }
    let clients = Arc::new(clients);
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..10_000_i64 {
        let clients = clients.clone();
        calls.spawn(async move {
            let client = &clients[usize::try_from(i % 10).unwrap()];
            (i, client.add(i, -2 * i).await)
        });
    }
    let mut count = 0;
    while let Some(joined) = calls.join_next().await {
        let (i, result) = joined.unwrap();
        assert_eq!(result.unwrap(), -i);
        count += 1;
    }
    assert_eq!(count, 10_000);
}

/// A servant reads who called it from the call's context: the caller's uid over a Unix
/// socket (`SO_PEERCRED`), nothing in process.
pub async fn the_servant_sees_its_caller(fx: &Fixture) {
    let uid = fx.service.caller_uid().await.unwrap();
    match fx.transport {
        Transport::InProcess => assert_eq!(uid, -1),
        Transport::Unix => {
            let own = std::fs::metadata("/proc/self")
                .map(|m| std::os::unix::fs::MetadataExt::uid(&m))
                .unwrap();
            assert_eq!(uid, i64::from(own));
        }
    }
}

/// In process, proxies hold the servant itself and calls skip encoding; over a socket they do
/// not.
pub async fn collocated_proxies_hold_their_servant(fx: &Fixture) {
    let counter = fx.service.make_counter(1).await.unwrap().unwrap();
    let collocated = fx.transport == Transport::InProcess;
    assert_eq!(fx.service.core().servant().is_some(), collocated);
    assert_eq!(counter.core().servant().is_some(), collocated);
    assert_eq!(counter.next().await.unwrap(), 2);
}
