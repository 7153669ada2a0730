//! Calls on a servant of the caller's own process, made without encoding (collocation).
//!
//! The generated proxy finds the servant's dyn-compatible form with
//! [`ProxyCore::direct`](crate::proxy::ProxyCore::direct) and hands the call here, which
//! gives it what a transport gives a remote call: the deadline, a call context for
//! [`CallContext::current`], a panic turned into an error, and a oneway call run on its own.

use std::{
    future::Future,
    time::{Duration, Instant},
};

use super::invoke::CatchPanic;
use crate::{
    dispatch::CallContext,
    error::{Completion, Error, ErrorKind},
    limits::Limits,
    proxy::ProxyCore,
};

/// Runs `call` (a servant's method with its arguments) for a proxy on `core`, waiting for
/// its outcome until the proxy's deadline.
pub async fn call<T, E>(
    core: &ProxyCore,
    interface: &'static str,
    call: impl Future<Output = Result<T, E>> + Send + 'static,
) -> Result<T, E>
where
    E: From<Error>,
{
    let timeout = core.timeout().unwrap_or(DEFAULT_TIMEOUT);
    let guarded = guard(core, timeout, interface, call);
    match tokio::time::timeout(timeout, guarded).await {
        Ok(outcome) => outcome,
        Err(_) => Err(Error::new(
            ErrorKind::DeadlineExceeded,
            Completion::Maybe,
            format!("no reply within {timeout:?}"),
        )
        .into()),
    }
}

/// Runs a oneway `call` for a proxy on `core`: on its own task, the caller going on at once
/// as with a remote oneway call (outside a tokio runtime there is nowhere to run it but
/// here).
pub async fn oneway<E>(
    core: &ProxyCore,
    interface: &'static str,
    call: impl Future<Output = Result<(), E>> + Send + 'static,
) -> Result<(), E>
where
    E: From<Error> + Send + 'static,
{
    let timeout = core.timeout().unwrap_or(DEFAULT_TIMEOUT);
    let guarded = guard(core, timeout, interface, call);
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => drop(runtime.spawn(tokio::time::timeout(timeout, guarded))),
        Err(_) => drop(guarded.await),
    }
    Ok(())
}

/// The call with a context for [`CallContext::current`] and panics caught.
fn guard<T, E: From<Error>>(
    core: &ProxyCore,
    timeout: Duration,
    interface: &'static str,
    call: impl Future<Output = Result<T, E>> + Send + 'static,
) -> impl Future<Output = Result<T, E>> + Send + 'static {
    let deadline = Instant::now().checked_add(timeout);
    let context = CallContext::new(core.channel().clone()).with_deadline(deadline);
    context.scope(CatchPanic(Box::pin(call), interface))
}

/// The deadline of a collocated call whose proxy sets none: the default of [`Limits`].
const DEFAULT_TIMEOUT: Duration = Limits::DEFAULT_TIMEOUT;
