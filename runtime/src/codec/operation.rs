//! Calling and serving one operation, generically: what a proxy method and a skeleton's
//! dispatch arm do, written once. Generated request messages implement [`Operation`] (or
//! [`OnewayOperation`]), which says how the response turns into the method's outcome and back.

use std::{future::Future, sync::Arc};

use bytes::Bytes;
use prost::Message;
use tracing::Instrument;

use super::Validate;
use crate::{dispatch::CallContext, error::Error, orb::direct, proxy::ProxyCore};

/// The request message of an operation that answers. Implemented by generated code only.
pub trait Operation: Message + Validate + Default {
    /// The operation id.
    const ID: u32;
    /// The scoped IDL name of the operation (`Bank::Account::deposit`), for tracing.
    const NAME: &'static str;
    /// The response message.
    type Response: Message + Validate + Default;
    /// What the method returns on success: `()`, its result, or its output struct.
    type Ok;
    /// What the method fails with: the runtime's [`Error`] or the operation's error enum.
    type Err: From<Error>;

    /// The outcome a response carries: a declared exception, else the result and outputs.
    ///
    /// # Errors
    ///
    /// The declared exception the response carries.
    fn outcome(response: Self::Response) -> Result<Self::Ok, Self::Err>;

    /// The response carrying a servant's outcome.
    ///
    /// # Errors
    ///
    /// A system error of the servant, which travels as an error reply instead.
    fn response(outcome: Result<Self::Ok, Self::Err>) -> Result<Self::Response, Error>;
}

/// The request message of a oneway operation. Implemented by generated code only.
pub trait OnewayOperation: Message + Validate + Default {
    /// The operation id.
    const ID: u32;
    /// The scoped IDL name of the operation, for tracing.
    const NAME: &'static str;
}

/// Calls the operation of `request` on the object of `core`: encodes the request, waits for
/// the reply and decodes it into the method's outcome.
///
/// # Errors
///
/// A declared exception of the operation, or a system error of the call.
pub async fn call<R: Operation>(core: &ProxyCore, request: R) -> Result<R::Ok, R::Err> {
    let payload = core.encode(&request)?;
    let reply = core.call(R::ID, payload, false).await?;
    let response: R::Response = core.decode(reply)?;
    R::outcome(response)
}

/// Sends the oneway operation of `request` to the object of `core`; returns once it is sent.
///
/// # Errors
///
/// When the request breaks a bound or cannot be sent.
pub async fn call_oneway<R: OnewayOperation>(core: &ProxyCore, request: R) -> Result<(), Error> {
    let payload = core.encode(&request)?;
    core.call(R::ID, payload, true).await?;
    Ok(())
}

/// Serves one call of the operation of `R`: decodes the request, runs it, and encodes the
/// response.
///
/// # Errors
///
/// When the request does not decode (the operation did not run), when the servant fails with
/// a system error, or when the response breaks a bound (the operation did run).
pub async fn serve<R: Operation, F>(
    context: CallContext,
    payload: Bytes,
    run: impl FnOnce(R) -> F,
) -> Result<Bytes, Error>
where
    F: Future<Output = Result<R::Ok, R::Err>>,
{
    let request: R = context.decode(payload)?;
    let response = R::response(run(request).await)?;
    context.encode(&response)
}

/// Serves one call of the oneway operation of `R`: decodes the request and runs it.
///
/// # Errors
///
/// When the request does not decode, or the servant fails.
pub async fn serve_oneway<R: OnewayOperation, F>(
    context: CallContext,
    payload: Bytes,
    run: impl FnOnce(R) -> F,
) -> Result<Bytes, Error>
where
    F: Future<Output = Result<(), Error>>,
{
    let request: R = context.decode(payload)?;
    run(request).await?;
    Ok(Bytes::new())
}

/// [`call`], or, when the proxy's object is a servant of this process offering `D` (the
/// dyn-compatible form of the interface, see
/// [`ProxyCore::direct`](crate::proxy::ProxyCore::direct)), `run` on it without encoding: the
/// request is checked as encoding would check it, and the call gets a deadline and a context as
/// a remote one would (`orb::direct::call`). `interface` names the interface in errors.
///
/// # Errors
///
/// A declared exception of the operation, or a system error of the call.
pub async fn call_local<R, D, F>(
    core: &ProxyCore,
    request: R,
    interface: &'static str,
    run: impl FnOnce(Arc<D>, R) -> F,
) -> Result<R::Ok, R::Err>
where
    R: Operation,
    D: ?Sized + 'static,
    F: Future<Output = Result<R::Ok, R::Err>> + Send + 'static,
{
    let span = call_span(R::NAME, core);
    let outcome_span = span.clone();
    let outcome = async {
        if let Some(servant) = core.direct::<D>() {
            request.validate()?;
            return direct::call(core, interface, run(servant, request)).await;
        }
        call(core, request).await
    }
    .instrument(span)
    .await;
    outcome_span.record("outcome", if outcome.is_ok() { "ok" } else { "error" });
    outcome
}

/// The client's span of one call: `orbit.call` with the operation, the object and (once
/// known) the outcome; the server's `orbit.dispatch` span matches it.
fn call_span(operation: &'static str, core: &ProxyCore) -> tracing::Span {
    tracing::debug_span!(
        "orbit.call",
        operation,
        object = ?crate::object_ref::ShowKey(&core.reference().object_id),
        outcome = tracing::field::Empty,
    )
}

/// [`call_oneway`], or [`call_local`]'s direct call for a oneway operation: run on its own, the
/// caller going on at once (`orb::direct::oneway`).
///
/// # Errors
///
/// When the request breaks a bound or cannot be sent.
pub async fn call_oneway_local<R, D, F>(
    core: &ProxyCore,
    request: R,
    interface: &'static str,
    run: impl FnOnce(Arc<D>, R) -> F,
) -> Result<(), Error>
where
    R: OnewayOperation,
    D: ?Sized + 'static,
    F: Future<Output = Result<(), Error>> + Send + 'static,
{
    let span = call_span(R::NAME, core);
    let outcome_span = span.clone();
    let outcome = async {
        if let Some(servant) = core.direct::<D>() {
            request.validate()?;
            return direct::oneway(core, interface, run(servant, request)).await;
        }
        call_oneway(core, request).await
    }
    .instrument(span)
    .await;
    outcome_span.record(
        "outcome",
        match &outcome {
            Ok(()) => "ok",
            Err(error) => error.kind().as_str(),
        },
    );
    outcome
}
