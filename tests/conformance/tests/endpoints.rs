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
