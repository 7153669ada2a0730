//! [`Limits`]: the bounds a connection and a server enforce, with documented defaults.
//!
//! Every limit is checked before the memory it guards is allocated: a frame header announcing
//! a body over [`max_message_size`](Limits::max_message_size) closes the connection before a
//! byte of the body is read.

use std::time::Duration;

/// Bounds on messages, calls and connections.
///
/// ```
/// use std::time::Duration;
/// let limits = orbit::Limits {
///     max_message_size: 1 << 20,
///     handshake_timeout: Duration::from_secs(1),
///     ..orbit::Limits::default()
/// };
/// assert_eq!(limits.max_calls_in_flight, 16_384);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest frame body (object id + message) sent or accepted. Default 4 MiB, as gRPC's;
    /// at least 8 KiB ([`MIN_MESSAGE_LIMIT`](crate::envelope::MIN_MESSAGE_LIMIT)), or peers
    /// refuse the handshake.
    pub max_message_size: u32,
    /// Calls a peer may have running on this side of one connection at once; a request over
    /// the limit is answered with a [`Refused`](crate::ErrorKind::Refused) error without
    /// running. Default 16,384.
    pub max_calls_in_flight: usize,
    /// Connections a server holds at once; one more is closed as soon as it is accepted.
    /// Default 1,024.
    pub max_connections: usize,
    /// Bytes a connection may hold waiting to be sent before senders wait for the peer to
    /// read (callers before sending a request, servants before sending a reply); at four
    /// times this the peer is taken not to read at all and the connection closes. Never less
    /// than one message. Default 16 MiB.
    pub max_send_queue: usize,
    /// Time a new connection has to complete the handshake. Default 5 s.
    pub handshake_timeout: Duration,
    /// Deadline of a call whose proxy sets none. Default 30 s.
    pub default_timeout: Duration,
    /// How long a connection with one call in flight (and none running for the peer) reads
    /// for the reply without parking its thread, yielding the CPU between tries. A reply due
    /// within microseconds is then taken as it lands, without the wake-up of a parked thread
    /// (on a VM, waking an idle vCPU costs tens of µs). Zero turns it off. Default 50 µs.
    pub reply_spin: Duration,
}

impl Limits {
    /// The default of [`default_timeout`](Limits::default_timeout): 30 s.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_size: 4 << 20,
            max_calls_in_flight: 16_384,
            max_connections: 1_024,
            max_send_queue: 16 << 20,
            handshake_timeout: Duration::from_secs(5),
            default_timeout: Self::DEFAULT_TIMEOUT,
            reply_spin: Duration::from_micros(50),
        }
    }
}
