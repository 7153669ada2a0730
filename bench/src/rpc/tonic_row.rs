//! `tonic/unix`: gRPC with tonic over a Unix socket, from the `.proto` Orbit emits for
//! `idl/bench.idl` (see `build.rs`). The server serves a `UnixListener` stream
//! (`serve_with_incoming`); the client connects its channel through a Unix-socket connector.
//! Payloads are `bytes::Bytes` (prost's `bytes` option), which decode without a copy.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::{UnixListener, UnixStream};
use tokio_stream::wrappers::UnixListenerStream;
use tonic::{
    Request, Response, Status,
    transport::{Channel, Endpoint, Server, Uri},
};

use super::{BoxError, Client, Figures, Flavor, Plan, Ready, Row, measure};

/// What tonic-prost-build generated from Orbit's `Bench.proto`.
#[allow(unreachable_pub, missing_docs, clippy::all, clippy::pedantic)]
mod pb {
    include!(concat!(env!("OUT_DIR"), "/tonic/bench.rs"));
}

use pb::{
    CalcAddRequest, CalcAddResponse, CalcEchoRequest, CalcEchoResponse,
    calc_client::CalcClient,
    calc_server::{Calc, CalcServer},
};

/// The row's name.
pub const NAME: &str = "tonic/unix";

/// The client's runtime unless the command line says otherwise (see `bench/README.md`).
pub const CLIENT_FLAVOR: Flavor = Flavor::Current;

/// The server's runtime unless the command line says otherwise.
pub const SERVER_FLAVOR: Flavor = Flavor::Current;

/// The servant.
#[derive(Clone, Copy, Debug)]
struct CalcServant;

#[tonic::async_trait]
impl Calc for CalcServant {
    async fn add(
        &self,
        request: Request<CalcAddRequest>,
    ) -> Result<Response<CalcAddResponse>, Status> {
        let CalcAddRequest { a, b } = request.into_inner();
        Ok(Response::new(CalcAddResponse {
            result: a.wrapping_add(b),
        }))
    }

    async fn echo(
        &self,
        request: Request<CalcEchoRequest>,
    ) -> Result<Response<CalcEchoResponse>, Status> {
        Ok(Response::new(CalcEchoResponse {
            result: request.into_inner().data,
        }))
    }
}

/// The tonic row.
#[derive(Clone, Copy, Debug)]
pub struct Tonic;

impl Row for Tonic {
    fn name(&self) -> &'static str {
        NAME
    }

    fn serve(&self, socket: &Path, flavor: Option<Flavor>, ready: Ready) -> Result<(), BoxError> {
        let runtime = flavor.unwrap_or(SERVER_FLAVOR).build()?;
        runtime.block_on(async {
            let incoming = UnixListenerStream::new(UnixListener::bind(socket)?);
            ready.signal();
            Server::builder()
                .add_service(CalcServer::new(CalcServant))
                .serve_with_incoming(incoming)
                .await?;
            Ok(())
        })
    }

    fn measure(
        &self,
        socket: Option<&Path>,
        plan: &Plan,
        flavor: Option<Flavor>,
    ) -> Result<Figures, BoxError> {
        let socket = socket.ok_or("tonic needs a server socket")?.to_path_buf();
        let runtime = flavor.unwrap_or(CLIENT_FLAVOR).build()?;
        runtime.block_on(async {
            let client = TonicClient(CalcClient::new(connect(socket).await?));
            measure::all(&client, plan).await
        })
    }
}

/// Opens a channel over the Unix socket at `socket`. The URI is required by the API and
/// unused: the connector decides where to connect.
async fn connect(socket: PathBuf) -> Result<Channel, BoxError> {
    let connector = tower::service_fn(move |_: Uri| {
        let socket = socket.clone();
        async move { Ok::<_, std::io::Error>(TokioIo::new(UnixStream::connect(socket).await?)) }
    });
    Ok(Endpoint::from_static("http://localhost")
        .connect_with_connector(connector)
        .await?)
}

/// A connected tonic client. Calls clone it, as tonic does for concurrent calls on one
/// channel (HTTP/2 connection).
#[derive(Clone, Debug)]
pub struct TonicClient(CalcClient<Channel>);

impl Client for TonicClient {
    async fn add(&self, a: i64, b: i64) -> Result<i64, BoxError> {
        let mut client = self.0.clone();
        let reply = client.add(CalcAddRequest { a, b }).await?;
        Ok(reply.into_inner().result)
    }

    async fn echo(&self, data: Bytes) -> Result<Bytes, BoxError> {
        let mut client = self.0.clone();
        let reply = client.echo(CalcEchoRequest { data }).await?;
        Ok(reply.into_inner().result)
    }
}
