//! Calling and serving one operation, generically: what a proxy method and a skeleton's
//! dispatch arm do, written once. Generated request messages implement [`Operation`] (or
//! [`OnewayOperation`]), which says how the response turns into the method's outcome and back.

use std::future::Future;

use bytes::Bytes;
use prost::Message;

use super::{Validate, encode};
use crate::{
    dispatch::CallContext,
    error::{Completion, Error},
    proxy::ProxyCore,
};

/// The request message of an operation that answers. Implemented by generated code only.
pub trait Operation: Message + Validate + Default {
    /// The operation id.
    const ID: u32;
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
}

/// Calls the operation of `request` on the object of `core`: encodes the request, waits for
/// the reply and decodes it into the method's outcome.
///
/// # Errors
///
/// A declared exception of the operation, or a system error of the call.
pub async fn call<R: Operation>(core: &ProxyCore, request: R) -> Result<R::Ok, R::Err> {
    let payload = encode(&request)?;
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
    let payload = encode(&request)?;
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
    encode(&response).map_err(|error| error.with_completion(Completion::Yes))
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
