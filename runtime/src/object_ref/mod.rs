//! Object references: how a reference to a remote object travels, and how a received one
//! becomes a proxy.
//!
//! On the wire a reference is the message `orbit.ObjectRef { repeated string endpoints = 1;
//! bytes object_id = 2; string type_id = 3; }`. In Rust a value of interface type `I` is an
//! `Option<IProxy>` (`None` is the nil reference); the generated proxies implement
//! [`Proxy`](crate::proxy::Proxy), and generated messages carry such values with the field
//! codec element [`ObjRef`].
//!
//! A received reference needs a [`Channel`] to be called through. Decoding is synchronous, so the
//! channel is given for its duration with [`decoding_with`]: a proxy decodes its replies with
//! its own channel, a skeleton its requests with the channel of the call
//! ([`CallContext`](crate::dispatch::CallContext)). A reference decoded outside such a scope
//! (a message decoded by hand, a value deserialized with serde) is kept intact but is
//! *detached*: calling it fails with [`Unreachable`](ErrorKind::Unreachable) until it is rebuilt
//! on a channel.
//!
//! Choosing among a reference's endpoints, collocation and reference counting belong to the
//! object adapter of a later release; until then every received reference is reached through
//! the channel it arrived on.
//!
//! # Organization
//!
//! * this module: [`ObjectRef`] and its hand-written protobuf encoding;
//! * `scope`: [`decoding_with`], [`current_channel`] and the detached channel;
//! * `codec`: [`ObjRef`], the codec element of `Option<P>` for every proxy type `P`.

mod codec;
mod scope;

use bytes::{Buf, BufMut, Bytes};
use prost::{
    DecodeError, Message,
    encoding::{self, DecodeContext, WireType},
};
use serde::{Deserialize, Serialize};

pub use codec::ObjRef;
pub use scope::{current_channel, decoding_with, detached_channel, encoding_with};

#[cfg(doc)]
use crate::{dispatch::Channel, error::ErrorKind};

/// A reference to an object: where it can be reached, which object of the server it is, and
/// which interface it implements.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ObjectRef {
    /// The URIs the object can be reached at (`unix:///run/bank.sock`, `grpc://host:port`),
    /// best first. Empty: reach it the way the reference arrived.
    pub endpoints: Vec<String>,
    /// The object's key in its server.
    pub object_id: Bytes,
    /// The repository id of the object's most derived interface known to the sender
    /// (`IDL:Finance/Account:1.0`).
    pub type_id: String,
}

impl ObjectRef {
    /// A reference to object `object_id` of interface `type_id`, reached the way the reference
    /// travels.
    pub fn new(object_id: impl Into<Bytes>, type_id: impl Into<String>) -> Self {
        ObjectRef {
            endpoints: Vec::new(),
            object_id: object_id.into(),
            type_id: type_id.into(),
        }
    }

    /// Whether this is the nil reference (every field empty), which stands for "no object"
    /// where a list or map holds references.
    pub fn is_nil(&self) -> bool {
        self.endpoints.is_empty() && self.object_id.is_empty() && self.type_id.is_empty()
    }
}

/// Shows an object key as text when it is text, as bytes otherwise (for logs and spans).
pub(crate) struct ShowKey<'a>(pub(crate) &'a [u8]);

impl std::fmt::Debug for ShowKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match std::str::from_utf8(self.0) {
            Ok(text) if !text.starts_with('\0') => f.write_str(text),
            _ => write!(f, "{:02x?}", self.0),
        }
    }
}

impl std::fmt::Debug for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Keys are usually text: show them as such when they are.
        let mut out = f.debug_struct("ObjectRef");
        match std::str::from_utf8(&self.object_id) {
            Ok(key) => out.field("object_id", &key),
            Err(_) => out.field("object_id", &self.object_id),
        };
        out.field("type_id", &self.type_id)
            .field("endpoints", &self.endpoints)
            .finish()
    }
}

impl Message for ObjectRef {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        encoding::string::encode_repeated(1, &self.endpoints, buf);
        if !self.object_id.is_empty() {
            encoding::bytes::encode(2, &self.object_id, buf);
        }
        if !self.type_id.is_empty() {
            encoding::string::encode(3, &self.type_id, buf);
        }
    }

    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        let field = match tag {
            1 => "endpoints",
            2 => "object_id",
            3 => "type_id",
            _ => return encoding::skip_field(wire_type, tag, buf, ctx),
        };
        let merged = match tag {
            1 => encoding::string::merge_repeated(wire_type, &mut self.endpoints, buf, ctx),
            2 => encoding::bytes::merge(wire_type, &mut self.object_id, buf, ctx),
            _ => encoding::string::merge(wire_type, &mut self.type_id, buf, ctx),
        };
        merged.map_err(|mut e| {
            e.push("ObjectRef", field);
            e
        })
    }

    fn encoded_len(&self) -> usize {
        let mut len = encoding::string::encoded_len_repeated(1, &self.endpoints);
        if !self.object_id.is_empty() {
            len += encoding::bytes::encoded_len(2, &self.object_id);
        }
        if !self.type_id.is_empty() {
            len += encoding::string::encoded_len(3, &self.type_id);
        }
        len
    }

    fn clear(&mut self) {
        *self = ObjectRef::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_as_the_orbit_object_ref_message() {
        let mut reference = ObjectRef::new(&b"a1"[..], "IDL:A:1.0");
        reference.endpoints.push("inproc://x".to_owned());
        let bytes = reference.encode_to_vec();
        let mut expected = vec![0x0a, 10];
        expected.extend_from_slice(b"inproc://x");
        expected.extend_from_slice(&[0x12, 2, b'a', b'1', 0x1a, 9]);
        expected.extend_from_slice(b"IDL:A:1.0");
        assert_eq!(bytes, expected);
        assert_eq!(reference.encoded_len(), expected.len());
        assert_eq!(ObjectRef::decode(&bytes[..]).unwrap(), reference);
    }

    #[test]
    fn nil_is_the_empty_message() {
        assert!(ObjectRef::default().is_nil());
        assert!(ObjectRef::default().encode_to_vec().is_empty());
        assert!(!ObjectRef::new(&b"k"[..], "").is_nil());
    }

    #[test]
    fn bad_fields_are_refused_with_their_name() {
        // Field 3 (type_id) holding bytes that are not UTF-8.
        let error = ObjectRef::decode(&[0x1a, 1, 0xff][..]).unwrap_err();
        assert!(error.to_string().contains("ObjectRef.type_id"), "{error}");
        // Unknown fields are skipped.
        let reference = ObjectRef::decode(&[0x20, 1, 0x12, 1, b'k'][..]).unwrap();
        assert_eq!(reference.object_id, Bytes::from_static(b"k"));
    }
}
