//! The timed loops, on any [`Client`]: sequential `add` calls for latency and calls per second,
//! `add` calls with many in flight on one connection, and sequential 1 MiB echoes.
//!
//! Each phase warms up first, then times a bounded number of calls, stopping early when its
//! time budget is spent (so a slow row still finishes), and the whole phase runs under a hard
//! limit ([`Plan::phase_limit`]) past which it is an error. Every reply is checked. The figures
//! are defined in `bench/README.md`.

use std::{
    future::Future,
    time::{Duration, Instant},
};

use bytes::Bytes;
use futures_util::stream::{FuturesUnordered, StreamExt};

use super::{BoxError, Client, stats::Samples};

/// How much to measure.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Sequential `add` calls before the latency loop, untimed.
    pub warmup_calls: usize,
    /// Sequential `add` calls timed one by one for the latency percentiles.
    pub latency_calls: usize,
    /// The latency loop stops early past this.
    pub latency_budget: Duration,
    /// Calls kept in flight on one connection.
    pub in_flight: usize,
    /// The most calls made with [`in_flight`](Plan::in_flight) outstanding.
    pub in_flight_calls: usize,
    /// The in-flight loop stops issuing calls past this.
    pub in_flight_budget: Duration,
    /// The size of the echo payload, in bytes.
    pub echo_bytes: usize,
    /// Echoes before timing, untimed.
    pub echo_warmup: usize,
    /// The most echoes timed.
    pub echo_calls: usize,
    /// The echo loop stops early past this.
    pub echo_budget: Duration,
    /// A phase still running after this has failed.
    pub phase_limit: Duration,
}

impl Default for Plan {
    /// The benchmark's plan: about 5 s per row on this machine at the slowest.
    fn default() -> Self {
        Plan {
            warmup_calls: 2_000,
            latency_calls: 20_000,
            latency_budget: Duration::from_secs(8),
            in_flight: 64,
            in_flight_calls: 1_000_000,
            in_flight_budget: Duration::from_millis(1_500),
            echo_bytes: 1 << 20,
            echo_warmup: 10,
            echo_calls: 1_000,
            echo_budget: Duration::from_secs(1),
            phase_limit: Duration::from_secs(20),
        }
    }
}

impl Plan {
    /// A plan of a few calls per phase, for tests.
    pub fn quick() -> Self {
        Plan {
            warmup_calls: 10,
            latency_calls: 100,
            in_flight_calls: 500,
            in_flight_budget: Duration::from_millis(200),
            echo_warmup: 1,
            echo_calls: 5,
            echo_budget: Duration::from_millis(200),
            phase_limit: Duration::from_secs(5),
            ..Plan::default()
        }
    }
}

/// The figures of one row; a figure not measured is `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Median round-trip time of a sequential `add`.
    pub p50: Option<Duration>,
    /// 99th percentile of the same.
    pub p99: Option<Duration>,
    /// Sequential `add` calls per second.
    pub calls_per_s: Option<f64>,
    /// `add` calls per second with [`Plan::in_flight`] calls outstanding on one connection.
    pub calls_per_s_64: Option<f64>,
    /// Sequential echo throughput: payload bytes sent one way per second, in GB (10^9 bytes).
    pub echo_gbps: Option<f64>,
    /// The number of latency samples.
    pub samples: usize,
}

/// The outcome of the latency loop.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Latency {
    /// The round-trip time of each timed call.
    pub samples: Samples,
    /// The time the timed calls took together.
    pub elapsed: Duration,
}

impl Latency {
    /// Timed calls per second.
    pub fn calls_per_s(&self) -> Option<f64> {
        per_second(self.samples.len() as f64, self.elapsed)
    }
}

/// Runs every phase on `client` (which must allow calls in flight) and gathers the figures.
///
/// # Errors
///
/// As each phase.
pub async fn all<C: Client>(client: &C, plan: &Plan) -> Result<Figures, BoxError> {
    let latency = limited("latency", plan.phase_limit, latency(client, plan)).await?;
    let calls_per_s_64 = limited("in-flight", plan.phase_limit, in_flight(client, plan)).await?;
    let echo_gbps = limited("echo", plan.phase_limit, echo(client, plan)).await?;
    Ok(Figures {
        p50: latency.samples.percentile(50.0),
        p99: latency.samples.percentile(99.0),
        calls_per_s: latency.calls_per_s(),
        calls_per_s_64: Some(calls_per_s_64),
        echo_gbps: Some(echo_gbps),
        samples: latency.samples.len(),
    })
}

/// Runs `phase`, failing if it takes longer than `limit`. Needs a tokio runtime with timers.
///
/// # Errors
///
/// The phase's own error, or the limit passed.
pub async fn limited<T>(
    name: &str,
    limit: Duration,
    phase: impl Future<Output = Result<T, BoxError>>,
) -> Result<T, BoxError> {
    match tokio::time::timeout(limit, phase).await {
        Ok(outcome) => outcome.map_err(|e| format!("{name}: {e}").into()),
        Err(_) => Err(format!("{name}: not done within {} s", limit.as_secs_f64()).into()),
    }
}

/// Sequential `add` calls: [`Plan::warmup_calls`] untimed, then up to [`Plan::latency_calls`]
/// timed one by one.
///
/// # Errors
///
/// A failed call or a wrong sum.
pub async fn latency<C: Client>(client: &C, plan: &Plan) -> Result<Latency, BoxError> {
    for i in 0..plan.warmup_calls {
        checked_add(client, i).await?;
    }
    let mut samples = Vec::with_capacity(plan.latency_calls);
    let started = Instant::now();
    for i in 0..plan.latency_calls {
        let call = Instant::now();
        checked_add(client, i).await?;
        let end = Instant::now();
        samples.push(end - call);
        if end - started > plan.latency_budget {
            break;
        }
    }
    Ok(Latency {
        elapsed: started.elapsed(),
        samples: Samples::new(samples),
    })
}

/// `add` calls with [`Plan::in_flight`] outstanding on one connection: each reply makes room
/// for the next call, until [`Plan::in_flight_calls`] calls or [`Plan::in_flight_budget`].
/// A warm-up of a tenth of the budget comes first. Returns the calls completed per second.
///
/// # Errors
///
/// A failed call or a wrong sum.
pub async fn in_flight<C: Client>(client: &C, plan: &Plan) -> Result<f64, BoxError> {
    window(
        client,
        plan.in_flight,
        plan.in_flight_calls,
        plan.in_flight_budget / 10,
    )
    .await?;
    let (calls, elapsed) = window(
        client,
        plan.in_flight,
        plan.in_flight_calls,
        plan.in_flight_budget,
    )
    .await?;
    per_second(calls as f64, elapsed).ok_or_else(|| "no call completed".into())
}

/// Keeps `width` calls in flight until `max` calls were issued or `budget` passed; returns the
/// calls completed and the time they took.
async fn window<C: Client>(
    client: &C,
    width: usize,
    max: usize,
    budget: Duration,
) -> Result<(usize, Duration), BoxError> {
    let mut pending = FuturesUnordered::new();
    let mut issued = 0;
    let started = Instant::now();
    while issued < width.min(max) {
        pending.push(checked_add(client, issued));
        issued += 1;
    }
    let mut completed = 0;
    while let Some(outcome) = pending.next().await {
        outcome?;
        completed += 1;
        if issued < max && started.elapsed() < budget {
            pending.push(checked_add(client, issued));
            issued += 1;
        }
    }
    Ok((completed, started.elapsed()))
}

/// Sequential echoes of a [`Plan::echo_bytes`] payload: [`Plan::echo_warmup`] untimed, then up
/// to [`Plan::echo_calls`] or [`Plan::echo_budget`]. Returns the payload bytes sent one way per
/// second, in GB (10^9 bytes).
///
/// # Errors
///
/// A failed call or a reply unlike the payload.
pub async fn echo<C: Client>(client: &C, plan: &Plan) -> Result<f64, BoxError> {
    let payload = payload(plan.echo_bytes);
    for _ in 0..plan.echo_warmup {
        checked_echo(client, &payload).await?;
    }
    let started = Instant::now();
    let mut calls = 0;
    while calls < plan.echo_calls {
        checked_echo(client, &payload).await?;
        calls += 1;
        if started.elapsed() > plan.echo_budget {
            break;
        }
    }
    let bytes = (calls * plan.echo_bytes) as f64;
    per_second(bytes / 1e9, started.elapsed()).ok_or_else(|| "no echo completed".into())
}

/// The echo payload: `len` bytes of a pattern that is not all zeros.
pub fn payload(len: usize) -> Bytes {
    (0..len)
        .map(|i| (i % 251) as u8)
        .collect::<Vec<u8>>()
        .into()
}

/// The `i`-th `add` call, with its sum checked.
async fn checked_add<C: Client>(client: &C, i: usize) -> Result<(), BoxError> {
    let (a, b) = operands(i);
    let sum = client.add(a, b).await?;
    if sum == a.wrapping_add(b) {
        Ok(())
    } else {
        Err(format!("`add({a}, {b})` returned {sum}").into())
    }
}

/// The operands of the `i`-th `add`: different on every call.
pub fn operands(i: usize) -> (i64, i64) {
    let i = i as i64;
    (i, i.wrapping_mul(3).wrapping_sub(1_000_000))
}

/// One echo, with its reply checked against the payload.
async fn checked_echo<C: Client>(client: &C, payload: &Bytes) -> Result<(), BoxError> {
    let reply = client.echo(payload.clone()).await?;
    if reply.len() != payload.len() {
        return Err(format!("echo of {} bytes returned {}", payload.len(), reply.len()).into());
    }
    if reply.first() != payload.first() || reply.last() != payload.last() {
        return Err("echo returned different bytes".into());
    }
    Ok(())
}

/// `amount` per second of `elapsed`, when that is a finite number.
fn per_second(amount: f64, elapsed: Duration) -> Option<f64> {
    let rate = amount / elapsed.as_secs_f64();
    rate.is_finite().then_some(rate)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A client answering at once, counting calls and the most in flight at a time.
    #[derive(Default)]
    struct Immediate {
        calls: Cell<usize>,
        in_flight: Cell<usize>,
        most: Cell<usize>,
        wrong: bool,
    }

    impl Client for Immediate {
        async fn add(&self, a: i64, b: i64) -> Result<i64, BoxError> {
            self.calls.set(self.calls.get() + 1);
            self.in_flight.set(self.in_flight.get() + 1);
            self.most.set(self.most.get().max(self.in_flight.get()));
            tokio::task::yield_now().await;
            self.in_flight.set(self.in_flight.get() - 1);
            Ok(if self.wrong { a - b } else { a + b })
        }

        async fn echo(&self, data: Bytes) -> Result<Bytes, BoxError> {
            Ok(if self.wrong { data.slice(1..) } else { data })
        }
    }

    fn block_on<T>(future: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn every_phase_is_measured_and_bounded() {
        let client = Immediate::default();
        let plan = Plan::quick();
        let figures = block_on(all(&client, &plan)).unwrap();
        assert_eq!(figures.samples, 100);
        assert!(figures.p50.is_some() && figures.p50 <= figures.p99);
        assert!(figures.calls_per_s.is_some_and(|r| r > 0.0));
        assert!(figures.calls_per_s_64.is_some_and(|r| r > 0.0));
        assert!(figures.echo_gbps.is_some_and(|r| r > 0.0));
        // Warm-up and timed calls, and at most `in_flight_calls` per window.
        assert!(client.calls.get() >= 110 && client.calls.get() <= 110 + 2 * 500);
        assert_eq!(client.most.get(), 64);
    }

    #[test]
    fn wrong_replies_are_errors() {
        let client = Immediate {
            wrong: true,
            ..Immediate::default()
        };
        let plan = Plan::quick();
        let error = block_on(all(&client, &plan)).unwrap_err().to_string();
        assert_eq!(error, "latency: `add(0, -1000000)` returned 1000000");
        let error = block_on(echo(&client, &plan)).unwrap_err().to_string();
        assert_eq!(error, "echo of 1048576 bytes returned 1048575");
    }

    #[test]
    fn a_phase_past_its_limit_fails() {
        let error = block_on(limited("latency", Duration::from_millis(10), async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok(())
        }))
        .unwrap_err();
        assert_eq!(error.to_string(), "latency: not done within 0.01 s");
    }

    #[test]
    fn the_payload_is_a_pattern() {
        let payload = payload(1000);
        assert_eq!(payload.len(), 1000);
        assert_eq!((payload[0], payload[250], payload[251]), (0, 250, 0));
    }
}
