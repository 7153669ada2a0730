//! Message fields holding object references, for generated `prost::Message` impls.
//!
//! A value of interface type `I` is an `Option<IProxy>` in Rust and an `orbit.ObjectRef`
//! message on the wire. A singular field leaves `None` out; a repeated field (a sequence or array
//! of references, or a map value) writes `None` as the empty `ObjectRef`, and a received empty
//! `ObjectRef` is `None` everywhere. Received references become proxies on the channel of the
//! decoding scope (see [the module](super)).
//!
//! The functions have the shapes of prost's `encoding::message` functions, so a map value can
//! use them too.

use bytes::{Buf, BufMut};
use prost::{
    DecodeError,
    encoding::{self, DecodeContext, WireType},
};

use super::ObjectRef;
use crate::proxy::Proxy;

/// The nil reference, as written for `None` in a repeated field.
static NIL: ObjectRef = ObjectRef {
    endpoints: Vec::new(),
    object_id: bytes::Bytes::new(),
    type_id: String::new(),
};

fn reference<P: Proxy>(value: &Option<P>) -> &ObjectRef {
    value.as_ref().map_or(&NIL, |proxy| proxy.reference())
}

/// Encodes a singular reference field (nothing for `None`).
pub fn encode<P: Proxy>(tag: u32, value: &Option<P>, buf: &mut impl BufMut) {
    if let Some(proxy) = value {
        encoding::message::encode(tag, proxy.reference(), buf);
    }
}

/// The encoded length of a singular reference field.
pub fn encoded_len<P: Proxy>(tag: u32, value: &Option<P>) -> usize {
    value.as_ref().map_or(0, |proxy| {
        encoding::message::encoded_len(tag, proxy.reference())
    })
}

/// Decodes a singular reference field; a later occurrence replaces an earlier one.
///
/// # Errors
///
/// When the field is not a valid `orbit.ObjectRef`.
pub fn merge<P: Proxy>(
    wire_type: WireType,
    value: &mut Option<P>,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut reference = ObjectRef::default();
    encoding::message::merge(wire_type, &mut reference, buf, ctx)?;
    *value = P::received(reference);
    Ok(())
}

/// Encodes a repeated reference field, `None` as the empty `ObjectRef`.
pub fn encode_repeated<P: Proxy>(tag: u32, values: &[Option<P>], buf: &mut impl BufMut) {
    for value in values {
        encoding::message::encode(tag, reference(value), buf);
    }
}

/// The encoded length of a repeated reference field.
pub fn encoded_len_repeated<P: Proxy>(tag: u32, values: &[Option<P>]) -> usize {
    values
        .iter()
        .map(|value| encoding::message::encoded_len(tag, reference(value)))
        .sum()
}

/// Decodes one element of a repeated reference field.
///
/// # Errors
///
/// When the element is not a valid `orbit.ObjectRef`.
pub fn merge_repeated<P: Proxy>(
    wire_type: WireType,
    values: &mut Vec<Option<P>>,
    buf: &mut impl Buf,
    ctx: DecodeContext,
) -> Result<(), DecodeError> {
    let mut reference = ObjectRef::default();
    encoding::message::merge(wire_type, &mut reference, buf, ctx)?;
    values.push(P::received(reference));
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use bytes::Bytes;

    use super::*;
    use crate::{
        dispatch::{Channel, InProcess, InterfaceInfo},
        object_ref::decoding_with,
        proxy::ProxyCore,
    };

    static THING: InterfaceInfo = InterfaceInfo {
        name: "Thing",
        repository_id: "IDL:Thing:1.0",
        operations: &[],
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

    fn decode_all<T: Default>(
        bytes: &[u8],
        merge: impl Fn(WireType, &mut T, &mut &[u8], DecodeContext) -> Result<(), DecodeError>,
    ) -> T {
        let mut value = T::default();
        let mut buf = bytes;
        while !buf.is_empty() {
            let (tag, wire_type) = encoding::decode_key(&mut buf).unwrap();
            assert_eq!(tag, 4);
            merge(wire_type, &mut value, &mut buf, DecodeContext::default()).unwrap();
        }
        value
    }

    #[test]
    fn singular_fields_leave_nil_out() {
        let channel: Arc<dyn Channel> = InProcess::new();
        let proxy = Some(ThingProxy::on_channel(channel.clone(), "t"));
        let mut bytes = Vec::new();
        encode(4, &proxy, &mut bytes);
        assert_eq!(bytes.len(), encoded_len(4, &proxy));
        let decoded: Option<ThingProxy> = decoding_with(&channel, || {
            decode_all(&bytes, |w, v, b, c| merge(w, v, b, c))
        });
        assert_eq!(decoded, proxy);
        let nil: Option<ThingProxy> = None;
        let mut bytes = Vec::new();
        encode(4, &nil, &mut bytes);
        assert!(bytes.is_empty());
        assert_eq!(encoded_len(4, &nil), 0);
    }

    #[test]
    fn repeated_fields_keep_nil_in_place() {
        let channel: Arc<dyn Channel> = InProcess::new();
        let values = vec![
            Some(ThingProxy::on_channel(channel.clone(), "a")),
            None,
            Some(ThingProxy::on_channel(
                channel.clone(),
                Bytes::from_static(b"b"),
            )),
        ];
        let mut bytes = Vec::new();
        encode_repeated(4, &values, &mut bytes);
        assert_eq!(bytes.len(), encoded_len_repeated(4, &values));
        let decoded: Vec<Option<ThingProxy>> = decoding_with(&channel, || {
            decode_all(&bytes, |w, v, b, c| merge_repeated(w, v, b, c))
        });
        assert_eq!(decoded, values);
    }
}
