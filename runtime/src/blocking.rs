//! A blocking facade, for code that runs outside any async runtime: a command-line tool, a
//! test, a thread of a synchronous program.
//!
//! Connections need a tokio runtime to read and write in the background; [`wait`] keeps one,
//! shared by the whole process and started on first use, and runs a future on it until it
//! completes. Generated proxies are then called like blocking functions:
//!
//! ```no_run
//! # use orbit::{Orb, blocking};
//! # fn f() -> Result<(), orbit::Error> {
//! let orb = Orb::new();
//! let channel = blocking::wait(orb.connect("unix:///run/user/1000/bank.sock"))?;
//! // let bank = BankProxy::new(channel, "bank");
//! // let account = blocking::wait(bank.open("Ada".into(), Currency::Eur))?;
//! # let _ = channel; Ok(())
//! # }
//! ```

use std::{future::Future, sync::OnceLock};

use tokio::runtime::{Builder, Runtime};

/// The runtime of blocking callers: one worker thread runs every connection's tasks.
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("orbit-blocking")
            .enable_all()
            .build()
            // Without threads or timers the process cannot do anything Orbit offers.
            .expect("starting the runtime of Orbit's blocking facade")
    })
}

/// Runs `future` to completion on Orbit's background runtime, blocking this thread.
///
/// Connections opened inside it live on that runtime, so proxies made from them can be
/// called from any thread with further `wait` calls.
///
/// # Panics
///
/// When called from inside an async runtime (a task must `.await` instead), as tokio's own
/// `block_on` does.
pub fn wait<F: Future>(future: F) -> F::Output {
    runtime().block_on(future)
}
