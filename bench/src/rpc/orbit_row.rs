//! `orbit/unix` and `orbit/inproc`: Orbit itself, with the proxy and skeleton `orbit-codegen`
//! generates from `idl/bench.idl` in `build.rs` (the build.rs path a user takes).
//!
//! * `orbit/unix`: the server in its own process on a Unix socket, as `Orb::server` sets it
//!   up; the client connects with `Orb::connect`;
//! * `orbit/inproc`: the servant in the measuring process, called through a proxy made by
//!   name (`Orb::local_proxy`): a collocated call, without encoding.

use std::path::Path;

use bytes::Bytes;
use orbit::Orb;

use super::{BoxError, Client, Figures, Flavor, Plan, Ready, Row, measure};

/// What `orbit-codegen` generated from `idl/bench.idl`.
#[allow(unreachable_pub, dead_code, clippy::all, clippy::pedantic)]
mod generated {
    orbit::include_idl!("bench");
}

use generated::bench::{Calc, CalcProxy, CalcServer};

/// The name of the Unix-socket row.
pub const UNIX: &str = "orbit/unix";

/// The name of the in-process row.
pub const INPROC: &str = "orbit/inproc";

/// The client's runtime unless the command line says otherwise (see `bench/README.md`).
pub const CLIENT_FLAVOR: Flavor = Flavor::Current;

/// The server's runtime unless the command line says otherwise.
pub const SERVER_FLAVOR: Flavor = Flavor::Current;

/// The servant.
#[derive(Clone, Copy, Debug)]
struct CalcServant;

impl Calc for CalcServant {
    async fn add(&self, a: i64, b: i64) -> Result<i64, orbit::Error> {
        Ok(a.wrapping_add(b))
    }

    async fn echo(&self, data: Bytes) -> Result<Bytes, orbit::Error> {
        Ok(data)
    }
}

/// An orb serving the calculator under `calc`.
fn serving_orb() -> Result<Orb, BoxError> {
    let orb = Orb::new();
    orb.bind("calc", CalcServer::new(CalcServant))?;
    Ok(orb)
}

/// Orbit over a Unix socket.
#[derive(Clone, Copy, Debug)]
pub struct OrbitUnix;

impl Row for OrbitUnix {
    fn name(&self) -> &'static str {
        UNIX
    }

    fn serve(&self, socket: &Path, flavor: Option<Flavor>, ready: Ready) -> Result<(), BoxError> {
        let runtime = flavor.unwrap_or(SERVER_FLAVOR).build()?;
        runtime.block_on(async {
            let orb = serving_orb()?;
            let endpoint = format!("unix://{}", socket.display());
            let _server = orb.server().listen(endpoint).start().await?;
            ready.signal();
            std::future::pending::<()>().await;
            Ok(())
        })
    }

    fn measure(
        &self,
        socket: Option<&Path>,
        plan: &Plan,
        flavor: Option<Flavor>,
    ) -> Result<Figures, BoxError> {
        let socket = socket.ok_or("orbit/unix needs a server socket")?;
        let runtime = flavor.unwrap_or(CLIENT_FLAVOR).build()?;
        runtime.block_on(async {
            let orb = Orb::new();
            let channel = orb.connect(&format!("unix://{}", socket.display())).await?;
            measure::all(&OrbitClient(CalcProxy::new(channel, "calc")), plan).await
        })
    }
}

/// Orbit in process: a collocated servant.
#[derive(Clone, Copy, Debug)]
pub struct OrbitInProcess;

impl Row for OrbitInProcess {
    fn name(&self) -> &'static str {
        INPROC
    }

    fn in_process(&self) -> bool {
        true
    }

    fn measure(
        &self,
        _socket: Option<&Path>,
        plan: &Plan,
        flavor: Option<Flavor>,
    ) -> Result<Figures, BoxError> {
        let runtime = flavor.unwrap_or(CLIENT_FLAVOR).build()?;
        runtime.block_on(async {
            let orb = serving_orb()?;
            let proxy = orb
                .local_proxy::<CalcProxy>("calc")
                .ok_or("the calculator was just bound")?;
            measure::all(&OrbitClient(proxy), plan).await
        })
    }
}

/// A proxy on the calculator.
#[derive(Clone, Debug)]
pub struct OrbitClient(CalcProxy);

impl Client for OrbitClient {
    async fn add(&self, a: i64, b: i64) -> Result<i64, BoxError> {
        Ok(self.0.add(a, b).await?)
    }

    async fn echo(&self, data: Bytes) -> Result<Bytes, BoxError> {
        Ok(self.0.echo(data).await?)
    }
}
