//! What generated proxies are made of: a [`ProxyCore`] (the object's reference and the channel
//! that reaches it) behind the [`Proxy`] trait.
//!
//! A proxy is cheap to clone (two reference counts), compares and hashes by its
//! [`ObjectRef`], and serializes as that reference. Generated code calls the object through
//! [`ProxyCore::call`] and decodes replies with [`ProxyCore::decode`], which turns the
//! references in a reply into proxies on the same channel.

use std::{
    any::Any,
    hash::{Hash, Hasher},
    sync::Arc,
    time::Duration,
};

use bytes::Bytes;
use prost::Message;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{
    codec::Validate,
    dispatch::{BoxFuture, Channel, Dispatch, InterfaceInfo, Request},
    error::{Completion, Error},
    object_ref::{self, ObjectRef},
};

/// A client-side handle on a remote object: implemented by every generated `IProxy`.
pub trait Proxy: Clone + Send + Sync + 'static {
    /// The interface the proxy calls.
    const INTERFACE: &'static InterfaceInfo;

    /// A proxy over `core`.
    fn from_core(core: ProxyCore) -> Self;

    /// The reference and channel the proxy calls through.
    fn core(&self) -> &ProxyCore;

    /// A proxy for the object under `object` reached through `channel`.
    fn on_channel(channel: Arc<dyn Channel>, object: impl Into<Bytes>) -> Self {
        let reference = ObjectRef::new(object, Self::INTERFACE.repository_id);
        Self::from_ref_on(channel, reference)
    }

    /// A proxy for `reference`, reached through `channel` (directly, when the channel leads
    /// to the servant in this process).
    fn from_ref_on(channel: Arc<dyn Channel>, reference: ObjectRef) -> Self {
        let core = match channel.resolve(&channel, &reference) {
            Some(core) => core,
            None => ProxyCore::new(channel, reference),
        };
        Self::from_core(core)
    }

    /// The reference to the object, to hand to another process.
    fn reference(&self) -> &ObjectRef {
        self.core().reference()
    }

    /// The same proxy, whose calls wait at most `timeout` for their reply (the server is told
    /// and abandons a call whose deadline passed). `proxy.with_timeout(t).op(…)` sets it for
    /// one call.
    fn with_timeout(&self, timeout: Duration) -> Self {
        Self::from_core(self.core().clone().with_timeout(timeout))
    }

    /// The proxy for a reference just decoded: `None` for the nil reference, else a proxy on
    /// the channel of the decoding scope ([`object_ref::decoding_with`]), or detached outside
    /// one.
    fn received(reference: ObjectRef) -> Option<Self> {
        (!reference.is_nil()).then(|| Self::from_core(ProxyCore::received(reference)))
    }
}

/// The reference to an object and the channel that reaches it.
///
/// A core may also hold the object's servant, when the object lives in this process (it was
/// activated here, or a received reference resolved to it): such a proxy is *local*, and a
/// connection that carries its reference exports the servant. A core received from a peer may
/// hold a lease: when the last clone drops, the connection tells the peer it released the
/// reference.
#[derive(Clone)]
pub struct ProxyCore {
    channel: Arc<dyn Channel>,
    reference: Arc<ObjectRef>,
    timeout: Option<Duration>,
    servant: Option<Arc<dyn Dispatch>>,
    lease: Option<Arc<dyn Any + Send + Sync>>,
}

impl ProxyCore {
    /// The object `reference`, reached through `channel`.
    pub fn new(channel: Arc<dyn Channel>, reference: ObjectRef) -> Self {
        ProxyCore {
            channel,
            reference: Arc::new(reference),
            timeout: None,
            servant: None,
            lease: None,
        }
    }

    /// The object `reference` of this process, served by `servant` and reached through
    /// `channel`.
    pub fn local(
        channel: Arc<dyn Channel>,
        reference: ObjectRef,
        servant: Arc<dyn Dispatch>,
    ) -> Self {
        ProxyCore {
            servant: Some(servant),
            ..Self::new(channel, reference)
        }
    }

    /// The same core, holding `lease` for as long as it or a clone lives.
    pub fn with_lease(mut self, lease: Arc<dyn Any + Send + Sync>) -> Self {
        self.lease = Some(lease);
        self
    }

    /// The same core, whose calls wait at most `timeout`.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// A reference just decoded: resolved by the channel of the decoding scope
    /// ([`Channel::receive`]), or detached outside one.
    pub fn received(reference: ObjectRef) -> Self {
        let channel = object_ref::current_channel().unwrap_or_else(object_ref::detached_channel);
        match channel.receive(&channel, &reference) {
            Some(core) => core,
            None => Self::new(channel, reference),
        }
    }

    /// The servant, when the object lives in this process.
    pub fn servant(&self) -> Option<&Arc<dyn Dispatch>> {
        self.servant.as_ref()
    }

    /// How long calls wait for their reply, when the proxy sets it.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The servant of a local object as `Arc<D>`, the dyn-compatible form of a generated
    /// interface, so a call can reach it without encoding ([`Dispatch::direct`]).
    pub fn direct<D: ?Sized + 'static>(&self) -> Option<Arc<D>> {
        let direct = self.servant.as_ref()?.direct(std::any::TypeId::of::<D>())?;
        direct.downcast::<Arc<D>>().ok().map(|direct| *direct)
    }

    /// The channel calls go through.
    pub fn channel(&self) -> &Arc<dyn Channel> {
        &self.channel
    }

    /// The object's reference.
    pub fn reference(&self) -> &ObjectRef {
        &self.reference
    }

    /// The same reference, reached through `channel`.
    pub fn with_channel(&self, channel: Arc<dyn Channel>) -> Self {
        ProxyCore {
            channel,
            ..self.clone()
        }
    }

    /// Sends operation `operation` with the encoded request `payload` to the object.
    pub fn call(
        &self,
        operation: u32,
        payload: Bytes,
        oneway: bool,
    ) -> BoxFuture<'static, Result<Bytes, Error>> {
        self.channel.call(Request {
            object: self.reference.object_id.clone(),
            operation,
            payload,
            oneway,
            timeout: self.timeout,
        })
    }

    /// Encodes a request message, exporting the local objects it refers to through this
    /// proxy's channel.
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](crate::ErrorKind::BadMessage) error when a value breaks a bound of its
    /// IDL type; the operation did not run.
    pub fn encode<M: Message + Validate>(&self, message: &M) -> Result<Bytes, Error> {
        object_ref::encoding_with(&self.channel, || crate::codec::encode(message))
    }

    /// Decodes a reply, turning the references in it into proxies on this proxy's channel.
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](crate::ErrorKind::BadMessage) error when the reply is not a valid
    /// encoding of `M`; the operation did run ([`Completion::Yes`]).
    pub fn decode<M: Message + Default>(&self, reply: Bytes) -> Result<M, Error> {
        object_ref::decoding_with(&self.channel, || M::decode(reply))
            .map_err(|e| Error::from(e).with_completion(Completion::Yes))
    }
}

impl std::fmt::Debug for ProxyCore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.reference, f)
    }
}

/// Proxies are equal when their references are: the same object at the same endpoints,
/// whatever channel reaches it.
impl PartialEq for ProxyCore {
    fn eq(&self, other: &Self) -> bool {
        self.reference.object_id == other.reference.object_id
            && self.reference.endpoints == other.reference.endpoints
    }
}

impl Eq for ProxyCore {}

impl Hash for ProxyCore {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.reference.object_id.hash(state);
        self.reference.endpoints.hash(state);
    }
}

impl Serialize for ProxyCore {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.reference.serialize(serializer)
    }
}

/// A deserialized proxy is a received reference: on the channel of the decoding scope, or
/// detached outside one.
impl<'de> Deserialize<'de> for ProxyCore {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ObjectRef::deserialize(deserializer).map(ProxyCore::received)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        dispatch::{InProcess, OperationInfo, operation_id},
        error::ErrorKind,
    };

    static THING: InterfaceInfo = InterfaceInfo {
        name: "Thing",
        repository_id: "IDL:Thing:1.0",
        operations: &[OperationInfo {
            name: "poke",
            id: operation_id("poke"),
            oneway: false,
        }],
        bases: &[],
    };

    #[derive(Clone, Debug, PartialEq)]
    struct ThingProxy(ProxyCore);

    impl Proxy for ThingProxy {
        const INTERFACE: &'static InterfaceInfo = &THING;

        fn from_core(core: ProxyCore) -> Self {
            ThingProxy(core)
        }

        fn core(&self) -> &ProxyCore {
            &self.0
        }
    }

    #[test]
    fn a_new_proxy_names_its_interface() {
        let proxy = ThingProxy::on_channel(InProcess::new(), "t1");
        assert_eq!(
            proxy.reference(),
            &ObjectRef::new(&b"t1"[..], "IDL:Thing:1.0")
        );
        assert_eq!(
            format!("{proxy:?}"),
            "ThingProxy(ObjectRef { object_id: \"t1\", type_id: \"IDL:Thing:1.0\", endpoints: [] })"
        );
        // Equality ignores the channel.
        assert_eq!(proxy, ThingProxy::on_channel(InProcess::new(), "t1"));
        assert_ne!(proxy, ThingProxy::on_channel(InProcess::new(), "t2"));
    }

    #[test]
    fn received_references_take_the_scope_channel() {
        assert_eq!(ThingProxy::received(ObjectRef::default()), None);
        let channel: Arc<dyn Channel> = InProcess::new();
        let inside = object_ref::decoding_with(&channel, || {
            ThingProxy::received(ObjectRef::new(&b"t"[..], "IDL:Thing:1.0"))
        })
        .unwrap();
        assert!(Arc::ptr_eq(inside.core().channel(), &channel));
    }

    #[tokio::test]
    async fn calls_go_to_the_referenced_object() {
        let proxy = ThingProxy::on_channel(InProcess::new(), "missing");
        let error = proxy
            .core()
            .call(operation_id("poke"), Bytes::new(), false)
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NoSuchObject);
        let outside = ThingProxy::received(ObjectRef::new(&b"t"[..], "")).unwrap();
        let error = outside
            .core()
            .call(operation_id("poke"), Bytes::new(), false)
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Unreachable);
    }

    #[test]
    fn replies_that_do_not_decode_ran_anyway() {
        let proxy = ThingProxy::on_channel(InProcess::new(), "t");
        let error = proxy
            .core()
            .decode::<ObjectRef>(Bytes::from_static(&[0x1a, 1, 0xff]))
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::BadMessage);
        assert_eq!(error.completion(), Completion::Yes);
    }
}
