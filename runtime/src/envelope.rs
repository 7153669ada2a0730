//! The envelope: the fixed 24-byte header before every frame on a stream transport (Unix
//! sockets; the shared-memory rings carry the same frames).
//!
//! ```text
//! offset size field
//!      0    1 version          1
//!      1    1 kind             Kind as u8
//!      2    2 object id length bytes of the object id at the start of the body
//!      4    4 body length      object id + payload, checked against the limit before reading
//!      8    8 request id       chosen by the caller, echoed by the reply
//!     16    4 operation id     FNV-1a of the operation name (requests); 0 otherwise
//!     20    4 timeout          milliseconds left until the call's deadline; 0 = none
//! ```
//!
//! Every integer is little-endian. The body follows: the object id (requests, cancels and
//! releases name an object) then the payload — the protobuf request or response message, an
//! encoded [`Error`] for [`Kind::Error`], a varint count for [`Kind::Release`].

use std::{borrow::Cow, time::Duration};

use bytes::{Buf, BufMut, Bytes};

use crate::error::{Completion, Error, ErrorKind};

/// The envelope version this runtime speaks.
pub const VERSION: u8 = 1;

/// Length of the fixed header.
pub const HEADER_LEN: usize = 24;

/// What a frame is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// The first frame of a connection, client to server: the client's limits.
    Hello = 1,
    /// The server's answer to [`Kind::Hello`]: its limits and endpoints.
    Welcome = 2,
    /// A call that expects a reply.
    Request = 3,
    /// A call that expects no reply.
    Oneway = 4,
    /// The successful (or user-exception) reply to a request: the response message.
    Reply = 5,
    /// A system-error reply to a request: an encoded [`Error`].
    Error = 6,
    /// The caller gave up on a request: stop running it, send nothing back.
    Cancel = 7,
    /// The sender drops `count` references to an object it received on this connection.
    Release = 8,
    /// The sender is shutting down: it starts no new calls and accepts none; calls in flight
    /// finish.
    GoAway = 9,
}

impl Kind {
    fn from_u8(value: u8) -> Option<Kind> {
        Some(match value {
            1 => Kind::Hello,
            2 => Kind::Welcome,
            3 => Kind::Request,
            4 => Kind::Oneway,
            5 => Kind::Reply,
            6 => Kind::Error,
            7 => Kind::Cancel,
            8 => Kind::Release,
            9 => Kind::GoAway,
            _ => return None,
        })
    }
}

/// The decoded fixed header of a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// What the frame is.
    pub kind: Kind,
    /// Bytes of the object id at the start of the body.
    pub object_len: u16,
    /// Bytes after the header: object id and payload.
    pub body_len: u32,
    /// The call the frame belongs to.
    pub request_id: u64,
    /// The operation called (requests only).
    pub operation: u32,
    /// Milliseconds left until the deadline when the frame was sent; 0 for none.
    pub timeout_ms: u32,
}

impl Header {
    /// A header for `kind` with every other field zero.
    pub fn new(kind: Kind) -> Self {
        Header {
            kind,
            object_len: 0,
            body_len: 0,
            request_id: 0,
            operation: 0,
            timeout_ms: 0,
        }
    }

    /// The timeout as a duration, `None` when the call has no deadline.
    pub fn timeout(&self) -> Option<Duration> {
        (self.timeout_ms != 0).then(|| Duration::from_millis(u64::from(self.timeout_ms)))
    }

    /// Parses and checks a header: version, kind, and a body no larger than `max_body`
    /// holding at least the object id.
    ///
    /// # Errors
    ///
    /// A [`BadMessage`](ErrorKind::BadMessage) or [`TooLarge`](ErrorKind::TooLarge) error;
    /// the connection cannot continue after either, since frame boundaries are lost.
    pub fn parse(bytes: &[u8; HEADER_LEN], max_body: u32) -> Result<Header, Error> {
        let mut buf = &bytes[..];
        let version = buf.get_u8();
        if version != VERSION {
            return Err(Error::bad_message(format!(
                "envelope version {version}, this runtime speaks {VERSION}"
            )));
        }
        let kind = buf.get_u8();
        let kind = Kind::from_u8(kind)
            .ok_or_else(|| Error::bad_message(format!("unknown frame kind {kind}")))?;
        let header = Header {
            kind,
            object_len: buf.get_u16_le(),
            body_len: buf.get_u32_le(),
            request_id: buf.get_u64_le(),
            operation: buf.get_u32_le(),
            timeout_ms: buf.get_u32_le(),
        };
        if header.body_len > max_body {
            return Err(Error::new(
                ErrorKind::TooLarge,
                Completion::No,
                format!(
                    "a frame of {} bytes is over the limit of {max_body}",
                    header.body_len
                ),
            ));
        }
        if u32::from(header.object_len) > header.body_len {
            return Err(Error::bad_message(format!(
                "an object id of {} bytes in a body of {}",
                header.object_len, header.body_len
            )));
        }
        Ok(header)
    }

    /// Appends the header to `out`.
    pub fn write(&self, out: &mut impl BufMut) {
        out.put_u8(VERSION);
        out.put_u8(self.kind as u8);
        out.put_u16_le(self.object_len);
        out.put_u32_le(self.body_len);
        out.put_u64_le(self.request_id);
        out.put_u32_le(self.operation);
        out.put_u32_le(self.timeout_ms);
    }
}

/// Milliseconds to put in a header for `timeout`: rounded up so a short deadline never
/// becomes "none", capped at `u32::MAX` (about 49 days).
pub fn timeout_ms(timeout: Option<Duration>) -> u32 {
    match timeout {
        None => 0,
        Some(timeout) => {
            let ms = timeout.as_nanos().div_ceil(1_000_000).max(1);
            u32::try_from(ms).unwrap_or(u32::MAX)
        }
    }
}

/// Appends a whole frame: header, object id and payload.
///
/// # Errors
///
/// [`TooLarge`](ErrorKind::TooLarge) when the body exceeds `max_body` or the object id is
/// longer than 65,535 bytes; nothing is written then.
pub fn write_frame(
    out: &mut impl BufMut,
    mut header: Header,
    object: &[u8],
    payload: &[u8],
    max_body: u32,
) -> Result<(), Error> {
    let object_len = u16::try_from(object.len()).map_err(|_| {
        Error::new(
            ErrorKind::TooLarge,
            Completion::No,
            format!("an object id of {} bytes is over 65535", object.len()),
        )
    })?;
    let body_len = u32::try_from(object.len() + payload.len())
        .ok()
        .filter(|len| *len <= max_body)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::TooLarge,
                Completion::No,
                format!(
                    "a message of {} bytes is over the limit of {max_body}",
                    object.len() + payload.len()
                ),
            )
        })?;
    header.object_len = object_len;
    header.body_len = body_len;
    header.write(out);
    out.put_slice(object);
    out.put_slice(payload);
    Ok(())
}

/// Longest error message sent, in bytes: an error reply always fits the smallest message
/// limit a peer may announce ([`MIN_MESSAGE_LIMIT`]).
pub const MAX_ERROR_MESSAGE: usize = 4096;

/// The smallest message limit a peer may announce in the handshake.
pub const MIN_MESSAGE_LIMIT: u32 = 8192;

/// Encodes a system error for a [`Kind::Error`] frame: kind code, completion, message (cut to
/// [`MAX_ERROR_MESSAGE`] bytes at a character boundary).
pub fn encode_error(error: &Error) -> Bytes {
    let mut message = error.to_wire_message();
    if message.len() > MAX_ERROR_MESSAGE {
        let mut end = MAX_ERROR_MESSAGE;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message = message[..end].to_owned().into();
    }
    let mut out = Vec::with_capacity(2 + message.len());
    out.push(kind_code(error.kind()));
    out.push(match error.completion() {
        Completion::No => 0,
        Completion::Maybe => 1,
        Completion::Yes => 2,
    });
    out.extend_from_slice(message.as_bytes());
    out.into()
}

/// Decodes the payload of a [`Kind::Error`] frame. A malformed one is itself an error of kind
/// [`BadMessage`](ErrorKind::BadMessage) whose completion is unknown.
pub fn decode_error(payload: &[u8]) -> Error {
    let [kind, completion, message @ ..] = payload else {
        return Error::new(
            ErrorKind::BadMessage,
            Completion::Maybe,
            "an error reply too short to decode",
        );
    };
    let completion = match completion {
        0 => Completion::No,
        2 => Completion::Yes,
        _ => Completion::Maybe,
    };
    let message: Cow<'static, str> = String::from_utf8_lossy(message).into_owned().into();
    Error::new(kind_from_code(*kind), completion, message)
}

fn kind_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Unreachable => 1,
        ErrorKind::ConnectionLost => 2,
        ErrorKind::DeadlineExceeded => 3,
        ErrorKind::Cancelled => 4,
        ErrorKind::NoSuchObject => 5,
        ErrorKind::NoSuchOperation => 6,
        ErrorKind::BadMessage => 7,
        ErrorKind::TooLarge => 8,
        ErrorKind::RemotePanic => 9,
        ErrorKind::Refused => 10,
        ErrorKind::Internal => 11,
    }
}

fn kind_from_code(code: u8) -> ErrorKind {
    match code {
        1 => ErrorKind::Unreachable,
        2 => ErrorKind::ConnectionLost,
        3 => ErrorKind::DeadlineExceeded,
        4 => ErrorKind::Cancelled,
        5 => ErrorKind::NoSuchObject,
        6 => ErrorKind::NoSuchOperation,
        7 => ErrorKind::BadMessage,
        8 => ErrorKind::TooLarge,
        9 => ErrorKind::RemotePanic,
        10 => ErrorKind::Refused,
        // Codes of newer peers degrade to the most general kind.
        _ => ErrorKind::Internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_bytes(header: Header) -> [u8; HEADER_LEN] {
        let mut out = Vec::new();
        header.write(&mut out);
        out.try_into().unwrap()
    }

    #[test]
    fn headers_round_trip_little_endian() {
        let header = Header {
            kind: Kind::Request,
            object_len: 4,
            body_len: 10,
            request_id: 0x0102_0304_0506_0708,
            operation: 0xdead_beef,
            timeout_ms: 100,
        };
        let bytes = header_bytes(header);
        assert_eq!(&bytes[..4], &[1, 3, 4, 0]);
        assert_eq!(&bytes[8..16], &[8, 7, 6, 5, 4, 3, 2, 1]);
        assert_eq!(Header::parse(&bytes, 1024).unwrap(), header);
        assert_eq!(header.timeout(), Some(Duration::from_millis(100)));
    }

    #[test]
    fn bad_headers_are_refused_before_any_allocation() {
        let mut bytes = header_bytes(Header::new(Kind::Reply));
        bytes[0] = 2;
        let error = Header::parse(&bytes, 1024).unwrap_err();
        assert_eq!(
            error.to_string(),
            "bad message: envelope version 2, this runtime speaks 1"
        );

        let mut bytes = header_bytes(Header::new(Kind::Reply));
        bytes[1] = 200;
        assert_eq!(
            Header::parse(&bytes, 1024).unwrap_err().to_string(),
            "bad message: unknown frame kind 200"
        );

        let mut huge = Header::new(Kind::Request);
        huge.body_len = u32::MAX;
        let error = Header::parse(&header_bytes(huge), 4 << 20).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooLarge);
        huge.body_len = (4 << 20) + 1;
        assert_eq!(
            Header::parse(&header_bytes(huge), 4 << 20)
                .unwrap_err()
                .kind(),
            ErrorKind::TooLarge
        );
        huge.body_len = 4 << 20;
        assert!(Header::parse(&header_bytes(huge), 4 << 20).is_ok());

        let mut short = Header::new(Kind::Request);
        short.object_len = 5;
        short.body_len = 4;
        assert_eq!(
            Header::parse(&header_bytes(short), 1024)
                .unwrap_err()
                .kind(),
            ErrorKind::BadMessage
        );
    }

    #[test]
    fn frames_carry_object_and_payload() {
        let mut out = Vec::new();
        let mut header = Header::new(Kind::Request);
        header.request_id = 9;
        write_frame(&mut out, header, b"obj", b"payload", 1024).unwrap();
        assert_eq!(out.len(), HEADER_LEN + 10);
        let parsed = Header::parse(out[..HEADER_LEN].try_into().unwrap(), 1024).unwrap();
        assert_eq!((parsed.object_len, parsed.body_len), (3, 10));
        assert_eq!(&out[HEADER_LEN..], b"objpayload");

        let mut out = Vec::new();
        let error = write_frame(&mut out, header, b"obj", &[0; 20], 10).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TooLarge);
        assert!(out.is_empty());
    }

    #[test]
    fn timeouts_round_up_and_saturate() {
        assert_eq!(timeout_ms(None), 0);
        assert_eq!(timeout_ms(Some(Duration::from_micros(1))), 1);
        assert_eq!(timeout_ms(Some(Duration::ZERO)), 1);
        assert_eq!(timeout_ms(Some(Duration::from_millis(1500))), 1500);
        assert_eq!(timeout_ms(Some(Duration::from_secs(u64::MAX))), u32::MAX);
    }

    #[test]
    fn long_error_messages_are_cut() {
        let error = Error::new(ErrorKind::Internal, Completion::Yes, "é".repeat(5000));
        let encoded = encode_error(&error);
        assert!(encoded.len() <= 2 + MAX_ERROR_MESSAGE);
        let decoded = decode_error(&encoded);
        assert!(decoded.message().chars().all(|c| c == 'é'));
        assert_eq!(decoded.message().len(), MAX_ERROR_MESSAGE);
    }

    #[test]
    fn errors_round_trip() {
        let error = Error::new(ErrorKind::RemotePanic, Completion::Maybe, "boom");
        let decoded = decode_error(&encode_error(&error));
        assert_eq!(decoded, error);
        assert_eq!(decode_error(&[]).kind(), ErrorKind::BadMessage);
        assert_eq!(decode_error(&[250, 0]).kind(), ErrorKind::Internal);
    }
}
