//! Running one call on a servant, the same way for every transport: unknown operations
//! refused before anything runs, the deadline enforced, a panic turned into an error.

use std::{
    any::Any,
    future::Future,
    panic::{AssertUnwindSafe, catch_unwind},
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
    time::Instant,
};

use bytes::Bytes;

use crate::{
    dispatch::{CallContext, Dispatch, no_such_operation},
    error::{Completion, Error, ErrorKind},
};

/// Runs operation `operation` of `servant` with `payload`, until `context`'s deadline.
pub(crate) async fn invoke(
    servant: Arc<dyn Dispatch>,
    context: CallContext,
    operation: u32,
    payload: Bytes,
) -> Result<Bytes, Error> {
    let interface = servant.interface();
    if interface.operation(operation).is_none() {
        return Err(no_such_operation(interface, operation));
    }
    let deadline = context.deadline();
    let call = context.clone().scope(CatchPanic(
        servant.dispatch(context, operation, payload),
        interface.name,
    ));
    match deadline {
        None => call.await,
        Some(deadline) => match tokio::time::timeout_at(deadline.into(), call).await {
            Ok(outcome) => outcome,
            Err(_) => Err(deadline_passed(deadline)),
        },
    }
}

fn deadline_passed(deadline: Instant) -> Error {
    let late = Instant::now().saturating_duration_since(deadline);
    Error::new(
        ErrorKind::DeadlineExceeded,
        Completion::Maybe,
        format!("the server abandoned the call {late:?} after its deadline"),
    )
}

/// A servant's call, with a panic in any of its polls turned into a
/// [`RemotePanic`](ErrorKind::RemotePanic) error naming the interface: what every path to a
/// servant (a connection, the local channel, a collocated call) runs it in.
pub(crate) struct CatchPanic<F: ?Sized>(pub(crate) Pin<Box<F>>, pub(crate) &'static str);

impl<T, E, F> Future for CatchPanic<F>
where
    E: From<Error>,
    F: Future<Output = Result<T, E>> + ?Sized,
{
    type Output = Result<T, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let interface = self.1;
        let future = self.0.as_mut();
        match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
            Ok(poll) => poll,
            Err(panic) => Poll::Ready(Err(Error::new(
                ErrorKind::RemotePanic,
                Completion::Maybe,
                format!(
                    "the servant of `{interface}` panicked: {}",
                    panic_message(&*panic)
                ),
            )
            .into())),
        }
    }
}

/// The text of a panic payload.
fn panic_message(panic: &(dyn Any + Send)) -> &str {
    if let Some(text) = panic.downcast_ref::<&'static str>() {
        text
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text
    } else {
        "(a panic payload that is not text)"
    }
}
