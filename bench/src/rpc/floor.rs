//! `floor/unix`: the least any RPC over a Unix socket can do. A raw blocking ping-pong between
//! two processes, with no runtime, no encoding beyond fixed little-endian integers and no
//! dispatch: a thread per connection reads a frame and writes the answer.
//!
//! A frame is a 4-byte little-endian body length, then the body. A request body is the
//! operation (`1` add, `2` echo) then its arguments (`a` and `b` as 8-byte little-endian
//! integers, or the echo payload); a reply body is the sum, or the payload. Reads go through a
//! buffer (one `read` for a small frame), each frame is written with one `writev`.
//!
//! Its 64-in-flight figure is a pipelined raw client: it writes 64 requests, then one more
//! after each reply it reads, on one connection, against the same one-frame-at-a-time server.

use std::{
    cell::RefCell,
    io::{self, BufReader, IoSlice, Read, Write},
    os::unix::net::{UnixListener, UnixStream},
    path::Path,
    thread,
    time::{Duration, Instant},
};

use bytes::Bytes;

use super::{BoxError, Client, Figures, Flavor, Plan, Ready, Row, measure};

/// The row's name.
pub const NAME: &str = "floor/unix";

/// The largest frame either side accepts: a bound on what a bad peer makes it allocate.
pub const MAX_FRAME: usize = 16 << 20;

/// How long the client waits for a read or a write before failing.
const IO_LIMIT: Duration = Duration::from_secs(5);

const ADD: u8 = 1;
const ECHO: u8 = 2;

/// The floor row.
#[derive(Clone, Copy, Debug)]
pub struct Floor;

impl Row for Floor {
    fn name(&self) -> &'static str {
        NAME
    }

    /// Serves with a thread per connection; `flavor` does not apply (no tokio).
    fn serve(&self, socket: &Path, _flavor: Option<Flavor>, ready: Ready) -> Result<(), BoxError> {
        let listener = UnixListener::bind(socket)?;
        ready.signal();
        loop {
            let (stream, _) = listener.accept()?;
            thread::Builder::new()
                .name("floor-connection".to_owned())
                .spawn(move || {
                    // A connection ends when the client closes it; its errors end only it.
                    let _ = serve_connection(stream);
                })?;
        }
    }

    /// Times the blocking client; `flavor` does not apply.
    fn measure(
        &self,
        socket: Option<&Path>,
        plan: &Plan,
        _flavor: Option<Flavor>,
    ) -> Result<Figures, BoxError> {
        let socket = socket.ok_or("the floor needs a server socket")?;
        let client = FloorClient::connect(socket)?;
        // A runtime only to run the shared loops; the calls block and never wait on it.
        let runtime = Flavor::Current.build()?;
        let latency = runtime.block_on(measure::latency(&client, plan))?;
        let echo_gbps = runtime.block_on(measure::echo(&client, plan))?;
        let pipelined = FloorClient::connect(socket)?;
        pipelined.window(plan, plan.in_flight_budget / 10)?;
        let (calls, elapsed) = pipelined.window(plan, plan.in_flight_budget)?;
        Ok(Figures {
            p50: latency.samples.percentile(50.0),
            p99: latency.samples.percentile(99.0),
            calls_per_s: latency.calls_per_s(),
            calls_per_s_64: Some(calls as f64 / elapsed.as_secs_f64()).filter(|r| r.is_finite()),
            echo_gbps: Some(echo_gbps),
            samples: latency.samples.len(),
        })
    }
}

/// Answers the frames of one connection until it closes.
fn serve_connection(stream: UnixStream) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut body = Vec::new();
    while read_frame(&mut reader, &mut body)? {
        match body.split_first() {
            Some((&ADD, args)) if args.len() == 16 => {
                let (a, b) = args.split_at(8);
                let sum = le_i64(a).wrapping_add(le_i64(b));
                write_frame(&stream, &sum.to_le_bytes(), &[])?;
            }
            Some((&ECHO, data)) => write_frame(&stream, data, &[])?,
            _ => return Err(io::Error::new(io::ErrorKind::InvalidData, "bad request")),
        }
    }
    Ok(())
}

/// Reads one frame's body into `body`; `false` at a clean end of the stream.
fn read_frame(reader: &mut impl Read, body: &mut Vec<u8>) -> io::Result<bool> {
    let mut header = [0u8; 4];
    match reader.read_exact(&mut header) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(false),
        Err(e) => return Err(e),
    }
    let len = u32::from_le_bytes(header) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    body.clear();
    // `take` + `read_to_end` fills the reused buffer without zeroing it first.
    reader.take(len as u64).read_to_end(body)?;
    if body.len() != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(true)
}

/// Writes one frame whose body is `head` then `tail`, with one `writev` unless it is partial.
fn write_frame(mut out: &UnixStream, head: &[u8], tail: &[u8]) -> io::Result<()> {
    let len = u32::try_from(head.len() + tail.len())
        .ok()
        .filter(|&len| len as usize <= MAX_FRAME)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "frame too large"))?;
    let header = len.to_le_bytes();
    let mut slices = [
        IoSlice::new(&header),
        IoSlice::new(head),
        IoSlice::new(tail),
    ];
    let mut slices = &mut slices[..];
    // Each turn writes at least one byte or fails; the client's writes also time out.
    while !slices.is_empty() {
        match out.write_vectored(slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// An 8-byte little-endian integer; `bytes` has exactly 8 bytes.
fn le_i64(bytes: &[u8]) -> i64 {
    let mut array = [0u8; 8];
    array.copy_from_slice(bytes);
    i64::from_le_bytes(array)
}

/// The raw client: one blocking connection.
#[derive(Debug)]
pub struct FloorClient {
    stream: UnixStream,
    reader: RefCell<BufReader<UnixStream>>,
    body: RefCell<Vec<u8>>,
}

impl FloorClient {
    /// Connects to the floor server at `socket`.
    ///
    /// # Errors
    ///
    /// The connection fails.
    pub fn connect(socket: &Path) -> io::Result<Self> {
        let stream = UnixStream::connect(socket)?;
        stream.set_read_timeout(Some(IO_LIMIT))?;
        stream.set_write_timeout(Some(IO_LIMIT))?;
        Ok(FloorClient {
            reader: RefCell::new(BufReader::new(stream.try_clone()?)),
            stream,
            body: RefCell::new(Vec::new()),
        })
    }

    /// Sends `add(a, b)` and waits for the sum.
    ///
    /// # Errors
    ///
    /// The connection fails or the reply is not a sum.
    pub fn add_blocking(&self, a: i64, b: i64) -> io::Result<i64> {
        self.send_add(a, b)?;
        self.read_sum()
    }

    fn send_add(&self, a: i64, b: i64) -> io::Result<()> {
        let mut request = [0u8; 17];
        request[0] = ADD;
        request[1..9].copy_from_slice(&a.to_le_bytes());
        request[9..].copy_from_slice(&b.to_le_bytes());
        write_frame(&self.stream, &request, &[])
    }

    fn read_sum(&self) -> io::Result<i64> {
        let mut body = self.body.borrow_mut();
        if !read_frame(&mut *self.reader.borrow_mut(), &mut body)? {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        match body.as_slice() {
            sum @ [_, _, _, _, _, _, _, _] => Ok(le_i64(sum)),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the reply is not a sum",
            )),
        }
    }

    /// Sends `echo(data)` and waits for the reply.
    ///
    /// # Errors
    ///
    /// The connection fails.
    pub fn echo_blocking(&self, data: &[u8]) -> io::Result<Vec<u8>> {
        write_frame(&self.stream, &[ECHO], data)?;
        let mut reply = Vec::new();
        if !read_frame(&mut *self.reader.borrow_mut(), &mut reply)? {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(reply)
    }

    /// Pipelined `add` calls: [`Plan::in_flight`] requests written ahead, one more after each
    /// reply, until [`Plan::in_flight_calls`] or `budget`. Returns the calls completed and the
    /// time they took.
    fn window(&self, plan: &Plan, budget: Duration) -> Result<(usize, Duration), BoxError> {
        let started = Instant::now();
        let mut issued = 0;
        while issued < plan.in_flight.min(plan.in_flight_calls) {
            let (a, b) = measure::operands(issued);
            self.send_add(a, b)?;
            issued += 1;
        }
        let mut completed = 0;
        while completed < issued {
            let (a, b) = measure::operands(completed);
            let sum = self.read_sum()?;
            if sum != a.wrapping_add(b) {
                return Err(format!("pipelined `add({a}, {b})` returned {sum}").into());
            }
            completed += 1;
            if issued < plan.in_flight_calls && started.elapsed() < budget {
                let (a, b) = measure::operands(issued);
                self.send_add(a, b)?;
                issued += 1;
            }
        }
        Ok((completed, started.elapsed()))
    }
}

impl Client for FloorClient {
    async fn add(&self, a: i64, b: i64) -> Result<i64, BoxError> {
        Ok(self.add_blocking(a, b)?)
    }

    async fn echo(&self, data: Bytes) -> Result<Bytes, BoxError> {
        Ok(self.echo_blocking(&data)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_are_bounded() {
        let (a, b) = UnixStream::pair().unwrap();
        write_frame(&a, b"hel", b"lo").unwrap();
        write_frame(&a, &[], &[]).unwrap();
        drop(a);
        let mut reader = BufReader::new(b);
        let mut body = Vec::new();
        assert!(read_frame(&mut reader, &mut body).unwrap());
        assert_eq!(body, b"hello");
        assert!(read_frame(&mut reader, &mut body).unwrap());
        assert!(body.is_empty());
        assert!(!read_frame(&mut reader, &mut body).unwrap());

        let too_large = ((MAX_FRAME + 1) as u32).to_le_bytes();
        let error = read_frame(&mut too_large.as_slice(), &mut body).unwrap_err();
        assert_eq!(error.to_string(), "frame too large");
        let truncated = [5u8, 0, 0, 0, 1, 2];
        let error = read_frame(&mut truncated.as_slice(), &mut body).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_connection_answers_add_and_echo_and_refuses_the_rest() {
        let (client, server) = UnixStream::pair().unwrap();
        let serving = thread::spawn(move || serve_connection(server));
        let client = FloorClient {
            reader: RefCell::new(BufReader::new(client.try_clone().unwrap())),
            stream: client,
            body: RefCell::new(Vec::new()),
        };
        assert_eq!(client.add_blocking(40, 2).unwrap(), 42);
        assert_eq!(client.add_blocking(i64::MAX, 1).unwrap(), i64::MIN);
        assert_eq!(client.echo_blocking(b"abc").unwrap(), b"abc");
        write_frame(&client.stream, &[9], &[]).unwrap();
        let error = serving.join().unwrap().unwrap_err();
        assert_eq!(error.to_string(), "bad request");
    }
}
