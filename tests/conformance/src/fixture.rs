//! [`Fixture`]: a server and a client of the conformance service over one transport.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU32, Ordering},
    },
    time::Duration,
};

use orbit::{Orb, Proxy, Server};

use crate::{ServiceImpl, ServiceProxy, ServiceServer, State, TempDir};

/// The transports the suite runs over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// The client calls objects of its own process (collocated), reached as `inproc://name`.
    InProcess,
    /// The client calls a server over a Unix socket (both in this process, with separate
    /// orbs so nothing is collocated).
    Unix,
}

/// A running service and a client proxy on it.
pub struct Fixture {
    /// The transport under test.
    pub transport: Transport,
    /// The proxy the cases call.
    pub service: ServiceProxy,
    /// What the servant observed.
    pub state: Arc<State>,
    /// The orb serving the service.
    pub server_orb: Orb,
    /// The orb of the client (the same as the server's in process).
    pub client_orb: Orb,
    server: Option<Server>,
    endpoint: Option<String>,
    _dir: Option<TempDir>,
}

impl Fixture {
    /// Starts the service and connects a client over `transport`.
    ///
    /// # Panics
    ///
    /// When the service cannot start (the suite cannot run then).
    pub async fn new(transport: Transport) -> Fixture {
        let server_orb = Orb::new();
        let state = Arc::new(State::default());
        let servant = ServiceImpl::new(server_orb.clone(), state.clone());
        server_orb
            .bind("service", ServiceServer::new(servant))
            .expect("a valid name");
        match transport {
            Transport::InProcess => {
                static NEXT: AtomicU32 = AtomicU32::new(0);
                let endpoint = format!(
                    "inproc://conformance-{}",
                    NEXT.fetch_add(1, Ordering::Relaxed)
                );
                let server = server_orb
                    .server()
                    .listen(endpoint.clone())
                    .start()
                    .await
                    .expect("the server starts");
                let channel = server_orb.connect(&endpoint).await.expect("connects");
                Fixture {
                    transport,
                    service: ServiceProxy::new(channel, "service"),
                    state,
                    client_orb: server_orb.clone(),
                    server_orb,
                    server: Some(server),
                    endpoint: Some(endpoint),
                    _dir: None,
                }
            }
            Transport::Unix => {
                let dir = TempDir::new();
                let endpoint = dir.endpoint("service.sock");
                let server = server_orb
                    .server()
                    .listen(endpoint.clone())
                    .start()
                    .await
                    .expect("the server starts");
                let client_orb = Orb::new();
                let channel = client_orb
                    .connect(&endpoint)
                    .await
                    .expect("the client connects");
                Fixture {
                    transport,
                    service: ServiceProxy::new(channel, "service"),
                    state,
                    server_orb,
                    client_orb,
                    server: Some(server),
                    endpoint: Some(endpoint),
                    _dir: Some(dir),
                }
            }
        }
    }

    /// Another proxy on the service: over a new connection when the transport has
    /// connections, else the same kind of proxy again.
    pub async fn another_client(&self) -> ServiceProxy {
        let endpoint = self
            .endpoint
            .as_deref()
            .expect("every transport has an endpoint");
        let channel = self
            .client_orb
            .connect(endpoint)
            .await
            .expect("the client connects");
        ServiceProxy::new(channel, "service")
    }

    /// A proxy on an object the server never bound.
    pub fn proxy_on_missing_object(&self) -> ServiceProxy {
        ServiceProxy::from_core(self.service.core().clone()).retargeted("missing")
    }

    /// Stops the server, giving calls in flight a moment.
    pub async fn shutdown(self) {
        if let Some(server) = self.server {
            server.shutdown(Duration::from_millis(100)).await;
        }
    }
}

/// A proxy on another object reached the same way.
trait Retarget: Proxy {
    fn retargeted(&self, object: &'static str) -> Self {
        let mut reference = self.reference().clone();
        reference.object_id = object.into();
        Self::from_ref_on(self.core().channel().clone(), reference)
    }
}

impl<P: Proxy> Retarget for P {}
