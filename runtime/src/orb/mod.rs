//! [`Orb`]: one process's view of the object world — the objects it serves (its object
//! adapter), the endpoints it listens on, and the connections it makes.
//!
//! Most programs use one orb, [`Orb::global`]. A test that plays client and server in one
//! process uses two, so that calls really cross a connection instead of being collocated.
//!
//! # Organization
//!
//! * this module: [`Orb`] — binding, activation, connecting, resolving local objects;
//! * `adapter`: the object table with per-peer reference counts;
//! * `keys`: unguessable keys for activated objects;
//! * `local`: the channel to this orb's own objects;
//! * `invoke`: running one call on a servant (deadline, panics) for every transport;
//! * [`direct`]: calls on a servant of this process without encoding.

mod adapter;
pub mod direct;
pub(crate) mod invoke;
mod keys;
mod local;
mod remote;

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex, OnceLock, RwLock, Weak,
        atomic::{AtomicU64, Ordering},
    },
};

use bytes::Bytes;

pub(crate) use adapter::Adapter;
pub(crate) use local::{LocalChannel, no_such_object};
use remote::RemoteChannel;

use crate::{
    connection::{Connection, WeakConnection},
    dispatch::{Channel, Dispatch},
    error::{Completion, Error, ErrorKind},
    limits::Limits,
    object_ref::ObjectRef,
    proxy::{Proxy, ProxyCore},
    transport::{Endpoint, in_process},
};

/// A process's object world: the objects it serves, the endpoints it listens on, the limits
/// it enforces. Cheap to clone (one reference count).
///
/// ```
/// # use std::sync::Arc;
/// # use orbit::{Orb, dispatch::{BoxFuture, CallContext, Dispatch, InterfaceInfo}};
/// # struct Servant;
/// # static I: InterfaceInfo = InterfaceInfo { name: "I", repository_id: "IDL:I:1.0", operations: &[], bases: &[] };
/// # impl Dispatch for Servant {
/// #     fn interface(&self) -> &'static InterfaceInfo { &I }
/// #     fn dispatch(&self, _: CallContext, _: u32, _: orbit::bytes::Bytes) -> BoxFuture<'_, Result<orbit::bytes::Bytes, orbit::Error>> { unimplemented!() }
/// # }
/// let orb = Orb::new();
/// orb.bind("bank", Servant)?;
/// assert!(orb.unbind("bank"));
/// # Ok::<(), orbit::Error>(())
/// ```
#[derive(Clone)]
pub struct Orb {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    adapter: Adapter,
    /// Every object activated here, while something in the process holds its servant.
    activated: Mutex<HashMap<Bytes, Weak<dyn Dispatch>>>,
    endpoints: RwLock<Vec<String>>,
    limits: Limits,
    next_object: AtomicU64,
    /// Makes the keys of activated objects: unguessable, so a reference is a capability.
    keys: keys::Keys,
    local: OnceLock<Arc<dyn Channel>>,
    /// Connections this orb opened to servers of references it received, by endpoint.
    remotes: Mutex<HashMap<String, WeakConnection>>,
}

impl std::fmt::Debug for Orb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Orb")
            .field("endpoints", &self.endpoints())
            .field("exported", &self.exported_objects())
            .finish_non_exhaustive()
    }
}

impl Default for Orb {
    fn default() -> Self {
        Self::new()
    }
}

impl Orb {
    /// An orb with the default [`Limits`].
    pub fn new() -> Self {
        Self::with_limits(Limits::default())
    }

    /// An orb enforcing `limits` on its connections.
    pub fn with_limits(limits: Limits) -> Self {
        Orb {
            inner: Arc::new(Inner {
                adapter: Adapter::default(),
                activated: Mutex::default(),
                endpoints: RwLock::default(),
                limits,
                next_object: AtomicU64::new(1),
                keys: keys::Keys::new(),
                local: OnceLock::new(),
                remotes: Mutex::default(),
            }),
        }
    }

    /// The process-wide orb.
    pub fn global() -> &'static Orb {
        static GLOBAL: OnceLock<Orb> = OnceLock::new();
        GLOBAL.get_or_init(Orb::new)
    }

    pub(crate) fn from_inner(inner: Arc<Inner>) -> Self {
        Orb { inner }
    }

    /// The limits this orb's connections enforce.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Publishes `servant` (a generated `IServer`, or any [`Dispatch`]) under `name`,
    /// replacing what was bound there. Peers reach it as `name` on any endpoint of this orb.
    ///
    /// # Errors
    ///
    /// [`Refused`](ErrorKind::Refused) for an empty name or one starting with a NUL byte
    /// (reserved for activated objects).
    pub fn bind(&self, name: &str, servant: impl Dispatch) -> Result<(), Error> {
        self.bind_arc(name, Arc::new(servant))
    }

    /// [`bind`](Self::bind) for a servant already shared.
    ///
    /// # Errors
    ///
    /// As [`bind`](Self::bind).
    pub fn bind_arc(&self, name: &str, servant: Arc<dyn Dispatch>) -> Result<(), Error> {
        if name.is_empty() || name.starts_with('\0') {
            return Err(Error::new(
                ErrorKind::Refused,
                Completion::No,
                format!(
                    "{name:?} cannot name an object: names are non-empty and do not start with NUL"
                ),
            ));
        }
        self.inner
            .adapter
            .bind(Bytes::copy_from_slice(name.as_bytes()), servant);
        Ok(())
    }

    /// Withdraws the object bound under `name`. Peers holding a reference they received keep
    /// it until they release it; new calls by name fail with
    /// [`NoSuchObject`](ErrorKind::NoSuchObject).
    pub fn unbind(&self, name: &str) -> bool {
        self.inner.adapter.unbind(name.as_bytes())
    }

    /// Makes `servant` an object of this orb and returns a local proxy for it: return it from
    /// an operation (or pass it as an argument) and the peer receives a reference it can call,
    /// counted until the peer releases it.
    pub fn activate<P: Proxy>(&self, servant: impl Dispatch) -> P {
        self.activate_arc(Arc::new(servant))
    }

    /// [`activate`](Self::activate) for a servant already shared.
    pub fn activate_arc<P: Proxy>(&self, servant: Arc<dyn Dispatch>) -> P {
        let number = self.inner.next_object.fetch_add(1, Ordering::Relaxed);
        let key = self.inner.keys.key(number);
        let reference = self.reference_to(key.clone(), servant.interface().repository_id);
        {
            let mut activated = self
                .inner
                .activated
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if number.is_multiple_of(1024) {
                activated.retain(|_, weak| weak.strong_count() > 0);
            }
            activated.insert(key, Arc::downgrade(&servant));
        }
        P::from_core(ProxyCore::local(self.local_channel(), reference, servant))
    }

    /// A local proxy for the object bound under `name`, if there is one.
    pub fn local_proxy<P: Proxy>(&self, name: &str) -> Option<P> {
        let servant = self.inner.adapter.find(name.as_bytes())?;
        let reference = self.reference_to(
            Bytes::copy_from_slice(name.as_bytes()),
            servant.interface().repository_id,
        );
        Some(P::from_core(ProxyCore::local(
            self.local_channel(),
            reference,
            servant,
        )))
    }

    fn reference_to(&self, key: Bytes, type_id: &str) -> ObjectRef {
        ObjectRef {
            endpoints: self.endpoints(),
            object_id: key,
            type_id: type_id.to_owned(),
        }
    }

    /// Connects to `endpoint` (`unix:///path/to/socket`, or `inproc://name` for a server of
    /// this process) and returns the channel to build proxies on:
    /// `BankProxy::new(orb.connect(uri).await?, "bank")`.
    ///
    /// # Errors
    ///
    /// [`Unreachable`](ErrorKind::Unreachable) when nothing answers there, or the endpoint is
    /// not one this orb can reach; [`Refused`](ErrorKind::Refused) when the server turns the
    /// connection down.
    pub async fn connect(&self, endpoint: &str) -> Result<Arc<dyn Channel>, Error> {
        match Endpoint::parse(endpoint)? {
            Endpoint::InProcess(name) => Ok(in_process::find(&name)?.local_channel()),
            Endpoint::Unix(path) => Ok(Arc::new(Connection::connect_unix(self, &path).await?)),
        }
    }

    /// Opens a new connection to `endpoint`, for a caller that wants the connection itself
    /// (to watch it, close it, or read the peer's credentials) rather than only a channel.
    ///
    /// # Errors
    ///
    /// As [`connect`](Self::connect).
    pub async fn connection(&self, endpoint: &str) -> Result<Connection, Error> {
        match Endpoint::parse(endpoint)? {
            Endpoint::Unix(path) => Connection::connect_unix(self, &path).await,
            Endpoint::InProcess(_) => Err(Error::new(
                ErrorKind::Unreachable,
                Completion::No,
                format!("`{endpoint}` is reached without a connection: use `connect`"),
            )),
        }
    }

    /// The endpoints this orb's servers listen on, best first: what references to its objects
    /// list.
    pub fn endpoints(&self) -> Vec<String> {
        self.inner
            .endpoints
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(crate) fn add_endpoint(&self, endpoint: String) {
        let mut endpoints = self
            .inner
            .endpoints
            .write()
            .unwrap_or_else(|e| e.into_inner());
        if !endpoints.contains(&endpoint) {
            endpoints.push(endpoint);
        }
    }

    pub(crate) fn remove_endpoint(&self, endpoint: &str) {
        let mut endpoints = self
            .inner
            .endpoints
            .write()
            .unwrap_or_else(|e| e.into_inner());
        endpoints.retain(|e| e != endpoint);
    }

    /// Objects served only because peers hold references to them (bound objects excluded).
    pub fn exported_objects(&self) -> usize {
        self.inner.adapter.exported()
    }

    pub(crate) fn adapter(&self) -> &Adapter {
        &self.inner.adapter
    }

    /// The servant of an object of this process: bound, exported or activated and still held.
    pub(crate) fn resolve_local(&self, key: &[u8]) -> Option<Arc<dyn Dispatch>> {
        if let Some(servant) = self.inner.adapter.find(key) {
            return Some(servant);
        }
        let activated = self
            .inner
            .activated
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        activated.get(key).and_then(Weak::upgrade)
    }

    /// Whether `reference` names an object served by this orb (one of its endpoints).
    pub(crate) fn serves(&self, reference: &ObjectRef) -> bool {
        let endpoints = self
            .inner
            .endpoints
            .read()
            .unwrap_or_else(|e| e.into_inner());
        reference.endpoints.iter().any(|e| endpoints.contains(e))
    }

    /// A channel to the server listening on `endpoints`, connected on first call.
    pub(crate) fn remote_channel(&self, endpoints: Vec<String>) -> Arc<dyn Channel> {
        Arc::new(RemoteChannel::new(Arc::downgrade(&self.inner), endpoints))
    }

    /// A connection to the server listening on `endpoints`: one this orb already holds open,
    /// or a new one to the first endpoint that answers.
    pub(crate) async fn connection_to(&self, endpoints: &[String]) -> Result<Connection, Error> {
        {
            let mut remotes = self.inner.remotes.lock().unwrap_or_else(|e| e.into_inner());
            remotes.retain(|_, weak| weak.upgrade().is_some());
            if let Some(open) = endpoints
                .iter()
                .find_map(|e| remotes.get(e).and_then(WeakConnection::upgrade))
            {
                return Ok(open);
            }
        }
        let mut failure = None;
        for endpoint in endpoints {
            match self.connection(endpoint).await {
                Ok(connection) => {
                    self.inner
                        .remotes
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(endpoint.clone(), connection.downgrade());
                    return Ok(connection);
                }
                Err(error) => failure = Some(error),
            }
        }
        Err(failure.unwrap_or_else(|| {
            Error::new(
                ErrorKind::Unreachable,
                Completion::No,
                "the reference names no endpoint",
            )
        }))
    }

    /// The channel to this orb's own objects.
    pub(crate) fn local_channel(&self) -> Arc<dyn Channel> {
        self.inner
            .local
            .get_or_init(|| {
                Arc::new(LocalChannel {
                    orb: Arc::downgrade(&self.inner),
                })
            })
            .clone()
    }
}
