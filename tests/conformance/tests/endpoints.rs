//! A server listening on several endpoints at once: references list them all, and a
//! reference obtained through one endpoint resolves to the same servant when handed back
//! through another.

use std::{sync::Arc, time::Duration};

use orbit::{Orb, Proxy};
use orbit_conformance::{
    Counter, Service, ServiceImpl, ServiceProxy, ServiceServer, State, TempDir,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_server_many_endpoints() {
    let dir = TempDir::new();
    let orb = Orb::new();
    orb.bind(
        "service",
        ServiceServer::new(ServiceImpl::new(orb.clone(), Arc::new(State::default()))),
    )
    .unwrap();
    let (a, b) = (dir.endpoint("a.sock"), dir.endpoint("b.sock"));
    let local = format!("inproc://endpoints-test-{}", std::process::id());
    let server = orb
        .server()
        .listen(a.clone())
        .listen(b.clone())
        .listen(local.clone())
        .start()
        .await
        .unwrap();
    assert_eq!(server.endpoints(), [a.clone(), b.clone(), local.clone()]);

    let client = Orb::new();
    let via_a = ServiceProxy::new(client.connect(&a).await.unwrap(), "service");
    let via_b = ServiceProxy::new(client.connect(&b).await.unwrap(), "service");
    let counter = via_a.make_counter(41).await.unwrap().unwrap();
    assert_eq!(
        counter.reference().endpoints,
        [a.clone(), b.clone(), local.clone()]
    );
    assert_eq!(counter.next().await.unwrap(), 42);
    // Handed back through the other socket, the reference still names the same object.
    assert_eq!(via_b.read_counter(Some(counter.clone())).await.unwrap(), 42);
    // And in process, by name.
    let in_process = ServiceProxy::new(orb.connect(&local).await.unwrap(), "service");
    assert_eq!(in_process.add(1, 2).await.unwrap(), 3);

    server.shutdown(Duration::from_millis(100)).await;
    assert!(orb.endpoints().is_empty());
    assert!(
        !dir.path().join("a.sock").exists(),
        "the socket file is removed"
    );
}

/// A reference to an object of a third server: the client hands server B a counter that
/// server C made; B calls it over a connection of its own to C.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_to_a_third_server_are_called_there() {
    let dir = TempDir::new();
    let mut servers = Vec::new();
    let mut endpoints = Vec::new();
    for name in ["b", "c"] {
        let orb = Orb::new();
        orb.bind(
            "service",
            ServiceServer::new(ServiceImpl::new(orb.clone(), Arc::new(State::default()))),
        )
        .unwrap();
        let endpoint = dir.endpoint(&format!("{name}.sock"));
        servers.push(orb.server().listen(endpoint.clone()).start().await.unwrap());
        endpoints.push(endpoint);
    }
    let client = Orb::new();
    let b = ServiceProxy::new(client.connect(&endpoints[0]).await.unwrap(), "service");
    let c = ServiceProxy::new(client.connect(&endpoints[1]).await.unwrap(), "service");
    let counter = c.make_counter(99).await.unwrap().unwrap();
    assert_eq!(counter.reference().endpoints, [endpoints[1].clone()]);
    assert_eq!(b.read_counter(Some(counter.clone())).await.unwrap(), 99);
    assert_eq!(counter.next().await.unwrap(), 100);
    assert_eq!(b.read_counter(Some(counter)).await.unwrap(), 100);
    for server in servers {
        server.shutdown(Duration::from_millis(100)).await;
    }
}
