//! [`ObjRef`]: the field codec element of a value of interface type, for generated messages.
//!
//! A value of interface type `I` is an `Option<IProxy>` in Rust and an `orbit.ObjectRef`
//! message on the wire. As a singular field, `None` is left out; in a list or a map, `None` is
//! written as the empty `ObjectRef`, and a received empty `ObjectRef` is `None` everywhere.
//! Received references become proxies on the channel of the decoding scope (see
//! [the module](super)). Generated messages name it like any other element:
//! `Singular<ObjRef>`, `Seq<ObjRef, N>`.

use bytes::{Buf, BufMut};
use prost::{
    DecodeError, Message,
    encoding::{self, DecodeContext, WireType, encode_varint, encoded_len_varint},
};

use super::ObjectRef;
use crate::{codec::Element, error::Error, proxy::Proxy};

/// `orbit.ObjectRef`: carries `Option<P>` for every proxy type `P`.
#[derive(Debug)]
pub struct ObjRef;

/// The nil reference, as written for `None` in a list.
static NIL: ObjectRef = ObjectRef {
    endpoints: Vec::new(),
    object_id: bytes::Bytes::new(),
    type_id: String::new(),
};

fn reference<P: Proxy>(value: &Option<P>) -> &ObjectRef {
    value.as_ref().map_or(&NIL, |proxy| proxy.reference())
}

impl<P: Proxy> Element<Option<P>> for ObjRef {
    const WIRE_TYPE: WireType = WireType::LengthDelimited;

    fn empty() -> Option<P> {
        None
    }

    fn is_zero(value: &Option<P>) -> bool {
        value.is_none()
    }

    fn encode(value: &Option<P>, buf: &mut impl BufMut) {
        if let (Some(proxy), Some(channel)) = (value, super::current_channel()) {
            channel.export(proxy.core());
        }
        let reference = reference(value);
        encode_varint(reference.encoded_len() as u64, buf);
        reference.encode_raw(buf);
    }

    fn encoded_len(value: &Option<P>) -> usize {
        let len = reference(value).encoded_len();
        encoded_len_varint(len as u64) + len
    }

    fn merge(
        value: &mut Option<P>,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
        what: &'static str,
    ) -> Result<(), DecodeError> {
        let mut reference = ObjectRef::default();
        encoding::message::merge(wire_type, &mut reference, buf, ctx).map_err(|mut e| {
            e.push(what, "reference");
            e
        })?;
        // A later occurrence of a singular field replaces an earlier one.
        *value = P::received(reference);
        Ok(())
    }

    fn validate(_: &Option<P>, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use bytes::Bytes;

    use super::*;
    use crate::{
        codec::{FieldCodec, Seq, Singular, UNBOUNDED},
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

    /// Decodes every occurrence of field 4 in `bytes` with field codec `F`.
    fn decode_all<T, F: FieldCodec<T>>(bytes: &[u8]) -> T {
        let mut value = F::empty();
        let mut count = 0;
        let mut buf = bytes;
        while !buf.is_empty() {
            let (tag, wire_type) = encoding::decode_key(&mut buf).unwrap();
            assert_eq!(tag, 4);
            F::merge(
                &mut value,
                &mut count,
                wire_type,
                &mut buf,
                DecodeContext::default(),
                "T.f",
            )
            .unwrap();
        }
        F::finish(&value, count, "T.f").unwrap();
        value
    }

    type One = Singular<ObjRef>;
    type Many = Seq<ObjRef, UNBOUNDED>;

    #[test]
    fn singular_fields_leave_nil_out() {
        let channel: Arc<dyn Channel> = InProcess::new();
        let proxy = Some(ThingProxy::on_channel(channel.clone(), "t"));
        let mut bytes = Vec::new();
        <One as FieldCodec<_>>::encode(4, &proxy, &mut bytes);
        assert_eq!(bytes.len(), <One as FieldCodec<_>>::encoded_len(4, &proxy));
        let decoded: Option<ThingProxy> = decoding_with(&channel, || decode_all::<_, One>(&bytes));
        assert_eq!(decoded, proxy);
        assert!(Arc::ptr_eq(decoded.unwrap().0.channel(), &channel));
        let nil: Option<ThingProxy> = None;
        let mut bytes = Vec::new();
        <One as FieldCodec<_>>::encode(4, &nil, &mut bytes);
        assert!(bytes.is_empty());
    }

    #[test]
    fn lists_keep_nil_in_place() {
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
        <Many as FieldCodec<_>>::encode(4, &values, &mut bytes);
        assert_eq!(
            bytes.len(),
            <Many as FieldCodec<_>>::encoded_len(4, &values)
        );
        let decoded: Vec<Option<ThingProxy>> =
            decoding_with(&channel, || decode_all::<_, Many>(&bytes));
        assert_eq!(decoded, values);
    }

    #[test]
    fn a_malformed_reference_names_the_field() {
        // Field 4 holding an ObjectRef whose type_id is not UTF-8.
        let bytes = [0x22, 3, 0x1a, 1, 0xff];
        let mut value: Option<ThingProxy> = None;
        let mut buf = &bytes[..];
        let (_, wire_type) = encoding::decode_key(&mut buf).unwrap();
        let error = <One as FieldCodec<_>>::merge(
            &mut value,
            &mut 0,
            wire_type,
            &mut buf,
            DecodeContext::default(),
            "T.f",
        )
        .unwrap_err();
        assert!(error.to_string().contains("T.f.reference"), "{error}");
    }
}
