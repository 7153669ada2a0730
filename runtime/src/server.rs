//! [`Server`]: listens on endpoints and serves the objects of an [`Orb`] to whoever connects.
//!
//! ```no_run
//! # async fn run(orb: orbit::Orb) -> Result<(), orbit::Error> {
//! let server = orb
//!     .server()
//!     .listen("unix:///run/user/1000/bank/bank.sock")
//!     .start()
//!     .await?;
//! // … serve until it is time to stop, then let calls in flight finish for up to 5 s:
//! server.shutdown(std::time::Duration::from_secs(5)).await;
//! # Ok(())
//! # }
//! ```
//!
//! Local security: a socket file is created 0600 (in a folder created 0700 if it does not
//! exist), and a connecting process is admitted only when the kernel reports (`SO_PEERCRED`)
//! that it runs as the server's own user or one on the allow-list. Anyone else receives an
//! error frame saying so, and the connection closes before the handshake.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use tokio::{net::UnixListener, task::JoinHandle};

use crate::{
    connection::{Connection, Shared, handshake},
    dispatch::Credentials,
    error::{Completion, Error, ErrorKind},
    orb::Orb,
    transport::{Endpoint, in_process, unix},
};

/// Who may connect.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Admit {
    /// The server's own user and these.
    Uids(Vec<u32>),
    /// Any local user (the socket's file mode still applies).
    Anyone,
}

/// Configures a [`Server`]: made by [`Orb::server`].
#[derive(Debug)]
#[must_use = "a server builder does nothing until `start` is awaited"]
pub struct ServerBuilder {
    orb: Orb,
    endpoints: Vec<String>,
    admit: Admit,
    socket_mode: u32,
}

impl Orb {
    /// A server for this orb's objects.
    pub fn server(&self) -> ServerBuilder {
        ServerBuilder {
            orb: self.clone(),
            endpoints: Vec::new(),
            admit: Admit::Uids(Vec::new()),
            socket_mode: unix::DEFAULT_SOCKET_MODE,
        }
    }
}

impl ServerBuilder {
    /// Listens on `endpoint` too (`unix:///path/to/socket`, or `inproc://name` for callers in
    /// this process). A server listens on every endpoint given, and references to its objects
    /// list them all.
    pub fn listen(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoints.push(endpoint.into());
        self
    }

    /// Admits processes running as `uid` besides the server's own user.
    pub fn allow_uid(mut self, uid: u32) -> Self {
        if let Admit::Uids(uids) = &mut self.admit {
            uids.push(uid);
        }
        self
    }

    /// Admits processes of any user who can open the socket file.
    pub fn allow_any_uid(mut self) -> Self {
        self.admit = Admit::Anyone;
        self
    }

    /// The file mode of socket files (default `0o600`).
    pub fn socket_mode(mut self, mode: u32) -> Self {
        self.socket_mode = mode;
        self
    }

    /// Binds every endpoint and starts accepting connections.
    ///
    /// # Errors
    ///
    /// [`Unreachable`](ErrorKind::Unreachable) when an endpoint cannot be parsed or bound
    /// (nothing is left listening then).
    pub async fn start(self) -> Result<Server, Error> {
        let mut listeners = Vec::new();
        let mut names = Vec::new();
        let published = |names: &[String]| {
            for name in names {
                in_process::withdraw(name);
            }
        };
        for uri in &self.endpoints {
            match Endpoint::parse(uri) {
                Ok(Endpoint::Unix(path)) => match unix::listen(&path, self.socket_mode).await {
                    Ok(listener) => {
                        listeners.push((Endpoint::Unix(path.clone()).uri(), path, listener))
                    }
                    Err(error) => {
                        published(&names);
                        return Err(error);
                    }
                },
                Ok(Endpoint::InProcess(name)) => {
                    if let Err(error) = in_process::publish(&name, &self.orb) {
                        published(&names);
                        return Err(error);
                    }
                    names.push(name);
                }
                Err(error) => {
                    published(&names);
                    return Err(error);
                }
            }
        }
        // Every endpoint, in the order given: references list them best first.
        let uris: Vec<String> = self
            .endpoints
            .iter()
            .filter_map(|uri| Endpoint::parse(uri).ok().map(|e| e.uri()))
            .collect();
        let own_uid = unix::own_uid();
        let admit = Arc::new(match self.admit {
            Admit::Uids(mut uids) => {
                uids.extend(own_uid);
                Admit::Uids(uids)
            }
            Admit::Anyone => Admit::Anyone,
        });
        let registry = Arc::new(Registry::default());
        for uri in &uris {
            self.orb.add_endpoint(uri.clone());
        }
        let endpoints = self.orb.endpoints();
        let mut accepting = Vec::new();
        let mut sockets = Vec::new();
        for (uri, path, listener) in listeners {
            let task = tokio::spawn(accept_loop(
                self.orb.clone(),
                listener,
                admit.clone(),
                registry.clone(),
                endpoints.clone(),
            ));
            accepting.push(task);
            sockets.push((uri, path));
        }
        Ok(Server {
            orb: self.orb,
            uris,
            sockets,
            names,
            accepting,
            registry,
        })
    }
}

/// A running server. Dropping it stops accepting; [`shutdown`](Server::shutdown) also lets
/// calls in flight finish and closes every connection.
#[derive(Debug)]
pub struct Server {
    orb: Orb,
    /// Every endpoint, in the order given.
    uris: Vec<String>,
    sockets: Vec<(String, PathBuf)>,
    /// Names published as `inproc://`.
    names: Vec<String>,
    accepting: Vec<JoinHandle<()>>,
    registry: Arc<Registry>,
}

impl Server {
    /// The endpoints the server listens on.
    pub fn endpoints(&self) -> Vec<String> {
        self.uris.clone()
    }

    /// Connections open now.
    pub fn connections(&self) -> usize {
        self.registry.len()
    }

    /// Stops accepting, tells every client that no new call will be taken, waits up to
    /// `grace` for the calls running to finish, then closes every connection.
    pub async fn shutdown(mut self, grace: Duration) {
        self.stop_accepting();
        // Under the registry's lock: a handshake finishing after this is closed at once.
        let connections = {
            let open = self.registry.lock();
            self.registry.shut.store(true, Ordering::Release);
            open.values().cloned().collect::<Vec<_>>()
        };
        for connection in &connections {
            connection.go_away();
        }
        let deadline = Instant::now() + grace;
        for connection in &connections {
            let drained = tokio::time::timeout_at(deadline.into(), connection.drained()).await;
            if drained.is_err() {
                break;
            }
        }
        // Replies queued by the calls that finished are written before each socket closes.
        let parting = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(100));
        for connection in &connections {
            connection.shut("the server shut down", parting).await;
        }
    }

    fn stop_accepting(&mut self) {
        for task in self.accepting.drain(..) {
            task.abort();
        }
        for (uri, path) in self.sockets.drain(..) {
            self.orb.remove_endpoint(&uri);
            let _ = std::fs::remove_file(path);
        }
        for name in self.names.drain(..) {
            self.orb.remove_endpoint(&format!("inproc://{name}"));
            in_process::withdraw(&name);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop_accepting();
    }
}

/// The connections of a server.
#[derive(Default)]
struct Registry {
    open: Mutex<HashMap<u64, Arc<Shared>>>,
    next: AtomicU64,
    /// Connections accepted whose handshake is not done: they count against the limit.
    handshaking: AtomicUsize,
    /// The server shut down: a handshake finishing now is closed at once.
    shut: AtomicBool,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("open", &self.len())
            .finish()
    }
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Shared>>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn len(&self) -> usize {
        self.lock().len()
    }

    /// Connections open or opening.
    fn load(&self) -> usize {
        // Under the lock that moves a connection from handshaking to open: counted once.
        let open = self.lock();
        open.len() + self.handshaking.load(Ordering::Acquire)
    }

    /// Keeps `connection`, whose handshake just finished, until it closes.
    fn add(self: &Arc<Self>, connection: &Connection) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let shared = connection.shared().clone();
        {
            let mut open = self.lock();
            self.handshaking.fetch_sub(1, Ordering::AcqRel);
            if self.shut.load(Ordering::Acquire) {
                drop(open);
                connection.close();
                return;
            }
            open.insert(id, shared.clone());
        }
        let registry = Arc::downgrade(self);
        tokio::spawn(async move {
            shared.wait_closed().await;
            if let Some(registry) = registry.upgrade() {
                registry.lock().remove(&id);
            }
        });
    }
}

async fn accept_loop(
    orb: Orb,
    listener: UnixListener,
    admit: Arc<Admit>,
    registry: Arc<Registry>,
    endpoints: Vec<String>,
) {
    loop {
        let mut stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Out of descriptors or memory: wait a little rather than spin.
                tracing::warn!(%error, "accepting a connection failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let limits = orb.limits().clone();
        if registry.load() >= limits.max_connections {
            let error = Error::new(
                ErrorKind::Refused,
                Completion::No,
                format!(
                    "the server already holds {} connections",
                    limits.max_connections
                ),
            );
            tokio::spawn(async move { handshake::refuse(&mut stream, &error).await });
            continue;
        }
        let peer = unix::peer_credentials(&stream);
        if let Err(error) = admitted(&admit, peer) {
            tracing::info!(?peer, %error, "connection refused");
            tokio::spawn(async move { handshake::refuse(&mut stream, &error).await });
            continue;
        }
        let orb = orb.clone();
        let registry = registry.clone();
        let endpoints = endpoints.clone();
        registry.handshaking.fetch_add(1, Ordering::AcqRel);
        tokio::spawn(async move {
            let greeted = tokio::time::timeout(
                limits.handshake_timeout,
                handshake::server(&mut stream, limits.max_message_size, &endpoints),
            )
            .await;
            match greeted {
                Ok(Ok(hello)) => match Connection::accepted(orb, stream, hello, peer) {
                    Ok(connection) => {
                        registry.add(&connection);
                        return;
                    }
                    Err(error) => tracing::warn!(%error, "an accepted connection failed"),
                },
                Ok(Err(error)) => tracing::debug!(%error, "handshake failed"),
                Err(_) => tracing::debug!("handshake timed out"),
            }
            registry.handshaking.fetch_sub(1, Ordering::AcqRel);
        });
    }
}

fn admitted(admit: &Admit, peer: Option<Credentials>) -> Result<(), Error> {
    let refused = |why: String| Err(Error::new(ErrorKind::Refused, Completion::No, why));
    match (admit, peer) {
        (Admit::Anyone, _) => Ok(()),
        (Admit::Uids(uids), Some(peer)) if uids.contains(&peer.uid) => Ok(()),
        (Admit::Uids(_), Some(peer)) => {
            refused(format!("user {} may not connect to this server", peer.uid))
        }
        (Admit::Uids(_), None) => refused("the peer's credentials are unknown".to_owned()),
    }
}
