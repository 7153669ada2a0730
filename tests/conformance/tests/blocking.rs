//! The blocking facade: a server and a client driven from plain threads, with no async
//! runtime of their own.

use std::{sync::Arc, time::Duration};

use orbit::{ErrorKind, Orb, Proxy, blocking};
use orbit_conformance::{
    Counter, Service, ServiceImpl, ServiceProxy, ServiceServer, State, TempDir,
};

#[test]
fn proxies_are_called_from_threads_outside_any_runtime() {
    let dir = TempDir::new();
    let endpoint = dir.endpoint("service.sock");
    let server_orb = Orb::new();
    server_orb
        .bind(
            "service",
            ServiceServer::new(ServiceImpl::new(
                server_orb.clone(),
                Arc::new(State::default()),
            )),
        )
        .unwrap();
    let server = blocking::wait(server_orb.server().listen(endpoint.clone()).start()).unwrap();

    let client = Orb::new();
    let service = ServiceProxy::new(
        blocking::wait(client.connect(&endpoint)).unwrap(),
        "service",
    );
    assert_eq!(blocking::wait(service.add(20, 22)).unwrap(), 42);
    let counter = blocking::wait(service.make_counter(1)).unwrap().unwrap();
    // Proxies move between threads freely.
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let counter = counter.clone();
            std::thread::spawn(move || blocking::wait(counter.next()).unwrap())
        })
        .collect();
    let mut seen: Vec<i32> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    seen.sort_unstable();
    assert_eq!(seen, [2, 3, 4, 5]);
    let error =
        blocking::wait(service.with_timeout(Duration::from_millis(50)).sleep(5_000)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DeadlineExceeded);
    blocking::wait(server.shutdown(Duration::from_millis(100)));
}
