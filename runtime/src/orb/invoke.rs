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
    dispatch::{BoxFuture, CallContext, Dispatch, no_such_operation},
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
    let call = context
        .clone()
        .scope(CatchUnwind(servant.dispatch(context, operation, payload)));
    let outcome = match deadline {
        None => call.await,
        Some(deadline) => match tokio::time::timeout_at(deadline.into(), call).await {
            Ok(outcome) => outcome,
            Err(_) => return Err(deadline_passed(deadline)),
        },
    };
    outcome.unwrap_or_else(|panic| {
        Err(Error::new(
            ErrorKind::RemotePanic,
            Completion::Maybe,
            format!(
                "the servant of `{}` panicked: {}",
                interface.name,
                panic_message(&*panic)
            ),
        ))
    })
}

fn deadline_passed(deadline: Instant) -> Error {
    let late = Instant::now().saturating_duration_since(deadline);
    Error::new(
        ErrorKind::DeadlineExceeded,
        Completion::Maybe,
        format!("the server abandoned the call {late:?} after its deadline"),
    )
}

/// The text of a panic payload.
pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> &str {
    if let Some(text) = panic.downcast_ref::<&'static str>() {
        text
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text
    } else {
        "(a panic payload that is not text)"
    }
}

/// Polls a servant's future, catching a panic in any poll.
struct CatchUnwind<'a>(BoxFuture<'a, Result<Bytes, Error>>);

impl Future for CatchUnwind<'_> {
    type Output = Result<Result<Bytes, Error>, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = &mut self.0;
        match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}
