//! The side-by-side RPC benchmark: one table, one row per system and transport, every row
//! measured in the same run on the same two operations of `idl/bench.idl`, `add(a, b)` and a
//! 1 MiB `echo`.
//!
//! Each row's server runs in a process of its own: the benchmark binary runs itself again in a
//! hidden serve mode (`--serve ROW SOCKET`, see [`child`]) with its socket in a fresh temporary
//! folder, and the parent measures a client against it (see [`measure`] for what is timed and
//! how). The figures are defined in `bench/README.md`.
//!
//! # Adding a row
//!
//! A row is one module implementing [`Row`]: its name (`system/transport`), its server (run in
//! the child process) and its measurement, which for an async client is usually
//! [`measure::all`] on a value implementing [`Client`]. Then add it to [`ROWS`].
//!
//! # Organization
//!
//! * this module: [`Row`], [`Client`], [`ROWS`], [`run_row`] (one row, with its server) and
//!   [`serve`] (the child's side);
//! * [`args`]: the command line of `orbit-bench`;
//! * [`child`]: server processes, their temporary folder, start-up and clean-up;
//! * [`measure`]: the timed loops, [`Plan`] and [`Figures`]; [`stats`]: percentiles;
//! * [`report`]: the table and the JSON lines;
//! * [`runtime`]: tokio runtimes of either flavor, for the rows that use tokio;
//! * the rows: [`floor`] (raw blocking Unix-socket ping-pong), [`orbit_row`] (Orbit in
//!   process and over a Unix socket), [`tarpc_row`], [`tonic_row`].

pub mod args;
pub mod child;
pub mod floor;
pub mod measure;
pub mod orbit_row;
pub mod report;
pub mod runtime;
pub mod stats;
pub mod tarpc_row;
pub mod tonic_row;

use std::{error::Error, future::Future, path::Path};

use bytes::Bytes;

pub use self::{
    measure::{Figures, Plan},
    runtime::Flavor,
};

/// The error of anything that can fail in the benchmark: it is reported, never acted on.
pub type BoxError = Box<dyn Error + Send + Sync>;

/// Every row, in the order of the table. The floor comes first: the others' ratios are to it.
pub static ROWS: &[&dyn Row] = &[
    &floor::Floor,
    &orbit_row::OrbitInProcess,
    &orbit_row::OrbitUnix,
    &tarpc_row::Tarpc,
    &tonic_row::Tonic,
];

/// Finds a row by its name.
pub fn row(name: &str) -> Option<&'static dyn Row> {
    ROWS.iter().copied().find(|row| row.name() == name)
}

/// How a row may be tuned from the command line; `None` leaves the row's own choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tuning {
    /// The tokio runtime of the client, for rows that use tokio.
    pub client: Option<Flavor>,
    /// The tokio runtime of the server, for rows that use tokio.
    pub server: Option<Flavor>,
}

/// One system and transport under test.
///
/// The benchmark calls [`serve`](Row::serve) in a child process of its own (unless
/// [`in_process`](Row::in_process) says otherwise) and [`measure`](Row::measure) in the parent.
pub trait Row: Sync {
    /// The row's name, `system/transport` (`tarpc/unix`).
    fn name(&self) -> &'static str;

    /// Serves `add` and `echo` on a Unix socket bound at `socket`, until the process is killed.
    /// Calls [`Ready::signal`] once the socket accepts connections. `flavor` is the tokio
    /// runtime asked for on the command line, if any. Rows that serve themselves in process
    /// keep the default, which fails.
    ///
    /// # Errors
    ///
    /// Whatever stops the server; the child prints it and exits with a failure.
    fn serve(&self, socket: &Path, flavor: Option<Flavor>, ready: Ready) -> Result<(), BoxError> {
        let _ = (socket, flavor, ready);
        Err(format!("`{}` has no server process", self.name()).into())
    }

    /// Connects to the server at `socket` (`None` for in-process rows) and measures the row.
    ///
    /// # Errors
    ///
    /// A failed connection or call, a wrong reply, or a phase that overran its time limit.
    fn measure(
        &self,
        socket: Option<&Path>,
        plan: &Plan,
        flavor: Option<Flavor>,
    ) -> Result<Figures, BoxError>;

    /// Whether the row serves itself in the measuring process (`orbit/inproc`): then no child
    /// process is started and [`measure`](Row::measure) gets no socket. `false` by default.
    fn in_process(&self) -> bool {
        false
    }
}

/// The calls of a connected client, as [`measure`] drives them.
///
/// Calls take `&self` so that many can be in flight on one connection; a client that cannot
/// do that (the floor) is only measured sequentially.
pub trait Client {
    /// Calls `add(a, b)` and returns the sum the server computed.
    fn add(&self, a: i64, b: i64) -> impl Future<Output = Result<i64, BoxError>>;

    /// Calls `echo(data)` and returns the reply.
    fn echo(&self, data: Bytes) -> impl Future<Output = Result<Bytes, BoxError>>;
}

/// Tells the parent process that a server is up; see [`Row::serve`].
#[derive(Debug)]
pub struct Ready(());

impl Ready {
    /// The line the child writes on its standard output once its socket is bound.
    pub const LINE: &'static str = "ready";

    /// A token for the server of the current (child) process.
    pub(crate) fn new() -> Self {
        Ready(())
    }

    /// Tells the parent that the socket accepts connections.
    pub fn signal(self) {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        // If the parent is gone there is no one to tell; the stdin watch ends this process.
        let _ = writeln!(out, "{}", Self::LINE).and_then(|()| out.flush());
    }
}

/// The serve mode: serves `row` on `socket` in this process until it is killed or its parent
/// exits (see [`child::watch_parent`]).
///
/// # Errors
///
/// An unknown row, or whatever stopped its server.
pub fn serve(row_name: &str, socket: &Path, flavor: Option<Flavor>) -> Result<(), BoxError> {
    let row = row(row_name).ok_or_else(|| format!("unknown row `{row_name}`"))?;
    child::watch_parent(socket.to_path_buf());
    row.serve(socket, flavor, Ready::new())
}

/// Measures one row: starts its server (unless in process), measures, stops the server.
pub fn run_row(
    exe: &Path,
    row: &dyn Row,
    plan: &Plan,
    tuning: Tuning,
) -> Result<Figures, BoxError> {
    if row.in_process() {
        return row.measure(None, plan, tuning.client);
    }
    let server = child::ServerProcess::start(exe, row.name(), tuning.server)?;
    let figures = row.measure(Some(server.socket()), plan, tuning.client)?;
    server.stop()?;
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_named_system_slash_transport_once_each_floor_first() {
        assert_eq!(ROWS[0].name(), floor::NAME);
        for (i, row) in ROWS.iter().enumerate() {
            let (system, transport) = row.name().split_once('/').unwrap();
            assert!(!system.is_empty() && !transport.is_empty() && !transport.contains('/'));
            assert!(ROWS[..i].iter().all(|other| other.name() != row.name()));
            assert!(std::ptr::eq(super::row(row.name()).unwrap(), *row));
        }
        assert!(super::row("orbit/tcp").is_none());
    }

    /// An in-process row, as `orbit/inproc` is.
    struct InProcess;

    impl Row for InProcess {
        fn name(&self) -> &'static str {
            "test/inproc"
        }

        fn measure(
            &self,
            socket: Option<&Path>,
            _: &Plan,
            _: Option<Flavor>,
        ) -> Result<Figures, BoxError> {
            assert!(socket.is_none());
            Ok(Figures {
                samples: 1,
                ..Figures::default()
            })
        }

        fn in_process(&self) -> bool {
            true
        }
    }

    #[test]
    fn in_process_rows_start_no_server() {
        let exe = Path::new("/nonexistent/orbit-bench");
        let figures = run_row(exe, &InProcess, &Plan::quick(), Tuning::default()).unwrap();
        assert_eq!(figures.samples, 1);
        let error = InProcess
            .serve(Path::new("s"), None, Ready::new())
            .unwrap_err();
        assert_eq!(error.to_string(), "`test/inproc` has no server process");
    }
}
