//! `tarpc/unix`: tarpc over a Unix socket with its serde transport and the bincode codec (the
//! fastest it offers), the server as tarpc's examples run it: a task per connection and a task
//! per request. Payloads are `bytes::Bytes`, which serde writes as a byte string.

use std::path::Path;

use bytes::Bytes;
use futures_util::{StreamExt, future};
use tarpc::{
    client, context,
    serde_transport::unix,
    server::{BaseChannel, Channel, incoming::spawn_incoming},
    tokio_serde::formats::Bincode,
};

use super::{BoxError, Client, Figures, Flavor, Plan, Ready, Row, measure};

/// The row's name.
pub const NAME: &str = "tarpc/unix";

/// The client's runtime unless the command line says otherwise (see `bench/README.md`).
pub const CLIENT_FLAVOR: Flavor = Flavor::Current;

/// The server's runtime unless the command line says otherwise.
pub const SERVER_FLAVOR: Flavor = Flavor::Current;

/// The benchmark's operations as a tarpc service.
#[tarpc::service]
pub trait Calc {
    /// `add(a, b)`: the sum.
    async fn add(a: i64, b: i64) -> i64;
    /// `echo(data)`: the payload back.
    async fn echo(data: Bytes) -> Bytes;
}

/// The servant.
#[derive(Clone, Copy, Debug)]
struct CalcServant;

impl Calc for CalcServant {
    async fn add(self, _: context::Context, a: i64, b: i64) -> i64 {
        a.wrapping_add(b)
    }

    async fn echo(self, _: context::Context, data: Bytes) -> Bytes {
        data
    }
}

/// The tarpc row.
#[derive(Clone, Copy, Debug)]
pub struct Tarpc;

impl Row for Tarpc {
    fn name(&self) -> &'static str {
        NAME
    }

    fn serve(&self, socket: &Path, flavor: Option<Flavor>, ready: Ready) -> Result<(), BoxError> {
        let runtime = flavor.unwrap_or(SERVER_FLAVOR).build()?;
        runtime.block_on(async {
            let listener = tokio::net::UnixListener::bind(socket)?;
            let incoming = unix::listen_on(listener, Bincode::default).await?;
            ready.signal();
            let channels = incoming
                .filter_map(|transport| future::ready(transport.ok()))
                .map(BaseChannel::with_defaults)
                .map(|channel| channel.execute(CalcServant.serve()));
            spawn_incoming(channels).await;
            Ok(())
        })
    }

    fn measure(
        &self,
        socket: Option<&Path>,
        plan: &Plan,
        flavor: Option<Flavor>,
    ) -> Result<Figures, BoxError> {
        let socket = socket.ok_or("tarpc needs a server socket")?;
        let runtime = flavor.unwrap_or(CLIENT_FLAVOR).build()?;
        runtime.block_on(async {
            let transport = unix::connect(socket, Bincode::default).await?;
            let client = CalcClient::new(client::Config::default(), transport).spawn();
            measure::all(&TarpcClient(client), plan).await
        })
    }
}

/// A connected tarpc client.
#[derive(Clone, Debug)]
pub struct TarpcClient(CalcClient);

impl Client for TarpcClient {
    async fn add(&self, a: i64, b: i64) -> Result<i64, BoxError> {
        Ok(self.0.add(context::current(), a, b).await?)
    }

    async fn echo(&self, data: Bytes) -> Result<Bytes, BoxError> {
        Ok(self.0.echo(context::current(), data).await?)
    }
}
