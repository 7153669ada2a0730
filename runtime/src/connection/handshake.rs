//! Opening a connection: the client sends `Hello`, the server answers `Welcome` (or an error
//! frame saying why not). Each side puts the largest message it accepts in the header's
//! operation field, and its orb's endpoints in the body as an `orbit.ObjectRef` message with
//! only `endpoints` set — so each knows which references name objects of the other.

use bytes::Bytes;
use prost::Message;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::UnixStream,
};

use crate::{
    envelope::{self, HEADER_LEN, Header, Kind},
    error::{Completion, Error, ErrorKind},
    object_ref::ObjectRef,
};

/// Largest handshake body either side reads (a list of endpoints).
const MAX_GREETING: u32 = 64 * 1024;

/// What the other side said of itself.
pub(crate) struct Greeting {
    /// Largest body the peer accepts.
    pub(crate) peer_limit: u32,
    /// Where the peer's orb listens.
    pub(crate) endpoints: Vec<String>,
}

fn greeting_body(endpoints: &[String]) -> Vec<u8> {
    ObjectRef {
        endpoints: endpoints.to_vec(),
        ..ObjectRef::default()
    }
    .encode_to_vec()
}

/// The client's half.
pub(super) async fn client(
    stream: &mut UnixStream,
    own_limit: u32,
    endpoints: &[String],
) -> Result<Greeting, Error> {
    let mut hello = Header::new(Kind::Hello);
    hello.operation = own_limit;
    // A server that refuses us may have written its reason and closed before our hello
    // arrived: the reason is still there to read.
    let written = write(stream, hello, &greeting_body(endpoints)).await;
    let (header, body) = match read(stream).await {
        Ok(frame) => frame,
        Err(error) => return Err(written.err().unwrap_or(error)),
    };
    match header.kind {
        Kind::Welcome if header.operation < envelope::MIN_MESSAGE_LIMIT => Err(Error::new(
            ErrorKind::Refused,
            Completion::No,
            format!(
                "the server accepts messages of {} bytes, under the minimum of {}",
                header.operation,
                envelope::MIN_MESSAGE_LIMIT
            ),
        )),
        Kind::Welcome => {
            let greeting = ObjectRef::decode(body).map_err(|e| {
                Error::new(ErrorKind::Refused, Completion::No, "a malformed welcome").with_source(e)
            })?;
            Ok(Greeting {
                peer_limit: header.operation,
                endpoints: greeting.endpoints,
            })
        }
        Kind::Error => {
            let error = envelope::decode_error(&body);
            Err(Error::new(
                ErrorKind::Refused,
                Completion::No,
                format!("the server refused the connection: {}", error.message()),
            ))
        }
        other => Err(Error::new(
            ErrorKind::Refused,
            Completion::No,
            format!("the server answered the handshake with a {other:?} frame"),
        )),
    }
}

/// The server's half: waits for `Hello` and answers `Welcome`.
pub(crate) async fn server(
    stream: &mut UnixStream,
    own_limit: u32,
    endpoints: &[String],
) -> Result<Greeting, Error> {
    let (header, body) = read(stream).await?;
    let greeting = match header.kind {
        Kind::Hello if header.operation < envelope::MIN_MESSAGE_LIMIT => {
            Err(Error::bad_message(format!(
                "the client accepts messages of {} bytes, under the minimum of {}",
                header.operation,
                envelope::MIN_MESSAGE_LIMIT
            )))
        }
        Kind::Hello => ObjectRef::decode(body)
            .map_err(|e| Error::bad_message("a malformed hello").with_source(e)),
        other => Err(Error::bad_message(format!(
            "expected a Hello frame to open the connection, got {other:?}"
        ))),
    };
    let greeting = match greeting {
        Ok(greeting) => greeting,
        Err(error) => {
            let _ = write(
                stream,
                Header::new(Kind::Error),
                &envelope::encode_error(&error),
            )
            .await;
            let _ = stream.shutdown().await;
            return Err(error);
        }
    };
    let mut welcome = Header::new(Kind::Welcome);
    welcome.operation = own_limit;
    write(stream, welcome, &greeting_body(endpoints)).await?;
    Ok(Greeting {
        peer_limit: header.operation,
        endpoints: greeting.endpoints,
    })
}

/// Tells a client why it is turned away, as well as a closing socket allows.
pub(crate) async fn refuse(stream: &mut UnixStream, error: &Error) {
    let _ = write(
        stream,
        Header::new(Kind::Error),
        &envelope::encode_error(error),
    )
    .await;
    let _ = stream.shutdown().await;
}

async fn write(stream: &mut UnixStream, header: Header, payload: &[u8]) -> Result<(), Error> {
    let mut frame = Vec::with_capacity(HEADER_LEN + payload.len());
    envelope::write_frame(&mut frame, header, &[], payload, MAX_GREETING)?;
    stream.write_all(&frame).await.map_err(handshake_failed)
}

async fn read(stream: &mut UnixStream) -> Result<(Header, Bytes), Error> {
    let mut head = [0; HEADER_LEN];
    stream
        .read_exact(&mut head)
        .await
        .map_err(handshake_failed)?;
    let header = Header::parse(&head, MAX_GREETING)?;
    let mut body = vec![0; header.body_len as usize];
    stream
        .read_exact(&mut body)
        .await
        .map_err(handshake_failed)?;
    Ok((header, Bytes::from(body)))
}

fn handshake_failed(e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::Refused,
        Completion::No,
        "the connection closed during the handshake",
    )
    .with_source(e)
}
