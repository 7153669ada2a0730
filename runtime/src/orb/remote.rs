//! [`RemoteChannel`]: the channel of a reference to an object of a third server — neither this
//! process nor the peer it came from. It connects, on first call, to the first of the
//! reference's endpoints that answers, sharing connections through the orb's cache.

use std::sync::{Arc, Mutex, Weak};

use bytes::Bytes;
use tokio::sync::OnceCell;

use super::{Inner, Orb};
use crate::{
    connection::Connection,
    dispatch::{BoxFuture, Channel, Request},
    error::{Completion, Error, ErrorKind},
    object_ref::ObjectRef,
    proxy::ProxyCore,
};

/// A lazily connected channel to a server known by its endpoints.
pub(crate) struct RemoteChannel {
    state: Arc<State>,
}

struct State {
    orb: Weak<Inner>,
    endpoints: Vec<String>,
    connection: OnceCell<Connection>,
    /// Local objects written into a request before the connection existed: exported through
    /// it once it does, before the request leaves.
    early_exports: Mutex<Vec<ProxyCore>>,
}

impl RemoteChannel {
    pub(super) fn new(orb: Weak<Inner>, endpoints: Vec<String>) -> Self {
        RemoteChannel {
            state: Arc::new(State {
                orb,
                endpoints,
                connection: OnceCell::new(),
                early_exports: Mutex::default(),
            }),
        }
    }
}

impl State {
    async fn connection(&self) -> Result<&Connection, Error> {
        let connection = self
            .connection
            .get_or_try_init(|| async {
                let orb = self.orb.upgrade().map(Orb::from_inner).ok_or_else(|| {
                    Error::new(ErrorKind::Unreachable, Completion::No, "the orb is gone")
                })?;
                orb.connection_to(&self.endpoints).await
            })
            .await?;
        let early =
            std::mem::take(&mut *self.early_exports.lock().unwrap_or_else(|e| e.into_inner()));
        for proxy in early {
            connection.export(&proxy);
        }
        Ok(connection)
    }
}

impl Channel for RemoteChannel {
    fn call(&self, request: Request) -> BoxFuture<'static, Result<Bytes, Error>> {
        let state = self.state.clone();
        Box::pin(async move { state.connection().await?.call(request).await })
    }

    fn receive(&self, _this: &Arc<dyn Channel>, reference: &ObjectRef) -> Option<ProxyCore> {
        // A reply decoded here came through the connection, which resolves what it carries.
        let connection = self.state.connection.get()?;
        let channel: Arc<dyn Channel> = Arc::new(connection.clone());
        connection.receive(&channel, reference)
    }

    fn export(&self, proxy: &ProxyCore) {
        match self.state.connection.get() {
            Some(connection) => connection.export(proxy),
            None => self
                .state
                .early_exports
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(proxy.clone()),
        }
    }
}
