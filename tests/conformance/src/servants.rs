//! The servants of the conformance service, recording what they observe in [`State`].

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicI32, AtomicI64, AtomicU32, Ordering},
    },
    time::Duration,
};

use orbit::{Error, Orb};

use crate::{
    Counter, CounterProxy, CounterServer, Everything, Listener, ListenerProxy, Oops, Service,
    ServiceFailError, ServiceSwapOutput,
};

/// What the service's servants observed, for the cases to check.
#[derive(Debug, Default)]
pub struct State {
    /// `poke` calls that ran.
    pub pokes: AtomicU32,
    /// `sleep` calls that started.
    pub sleeping: AtomicU32,
    /// `sleep` calls whose future was dropped before they finished (cancelled, or abandoned
    /// at their deadline).
    pub abandoned: AtomicU32,
    /// Counter servants alive.
    pub counters_alive: AtomicI64,
    /// Listeners subscribed.
    pub listeners: Mutex<Vec<ListenerProxy>>,
}

/// The `Service` servant.
#[derive(Debug)]
pub struct ServiceImpl {
    orb: Orb,
    state: Arc<State>,
}

impl ServiceImpl {
    /// A servant whose objects are activated in `orb`, recording into `state`.
    pub fn new(orb: Orb, state: Arc<State>) -> Self {
        ServiceImpl { orb, state }
    }
}

/// Counts a `sleep` that did not run to its end.
struct Abandoned<'a> {
    state: &'a State,
    finished: bool,
}

impl Drop for Abandoned<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.state.abandoned.fetch_add(1, Ordering::SeqCst);
        }
    }
}

impl Service for ServiceImpl {
    async fn echo(&self, value: Everything) -> Result<Everything, Error> {
        Ok(value)
    }

    async fn add(&self, a: i64, b: i64) -> Result<i64, Error> {
        Ok(a.wrapping_add(b))
    }

    async fn echo_bytes(&self, data: orbit::bytes::Bytes) -> Result<orbit::bytes::Bytes, Error> {
        Ok(data)
    }

    async fn fail(&self, code: i32) -> Result<(), ServiceFailError> {
        Err(Oops {
            reason: format!("failed with {code}"),
            code,
        }
        .into())
    }

    async fn sleep(&self, millis: u32) -> Result<(), Error> {
        let mut guard = Abandoned {
            state: &self.state,
            finished: false,
        };
        self.state.sleeping.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(u64::from(millis))).await;
        guard.finished = true;
        Ok(())
    }

    async fn make_counter(&self, start: i32) -> Result<Option<CounterProxy>, Error> {
        self.state.counters_alive.fetch_add(1, Ordering::SeqCst);
        let counter = CounterImpl {
            value: AtomicI32::new(start),
            state: self.state.clone(),
        };
        Ok(Some(self.orb.activate(CounterServer::new(counter))))
    }

    async fn read_counter(&self, counter: Option<CounterProxy>) -> Result<i32, Error> {
        match counter {
            Some(counter) => counter.value().await,
            None => Ok(-1),
        }
    }

    async fn subscribe(&self, listener: Option<ListenerProxy>) -> Result<(), Error> {
        let mut listeners = self
            .state
            .listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        listeners.extend(listener);
        Ok(())
    }

    async fn call_back(&self, value: i32) -> Result<i32, Error> {
        let listeners: Vec<ListenerProxy> = self
            .state
            .listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let mut total = 0;
        for listener in listeners {
            listener.notify(value).await?;
            total += listener.ask(value).await?;
        }
        Ok(total)
    }

    async fn poke(&self, _value: i32) -> Result<(), Error> {
        self.state.pokes.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    async fn pokes(&self) -> Result<u32, Error> {
        Ok(self.state.pokes.load(Ordering::SeqCst))
    }

    async fn swap(&self, a: i32, b: i32) -> Result<ServiceSwapOutput, Error> {
        Ok(ServiceSwapOutput {
            a: b,
            b: a,
            sum: a.wrapping_add(b),
        })
    }

    async fn panic_now(&self) -> Result<(), Error> {
        panic!("the servant panicked on purpose")
    }

    async fn caller_uid(&self) -> Result<i64, Error> {
        let peer = orbit::CallContext::current().and_then(|context| context.peer());
        Ok(peer.map_or(-1, |peer| i64::from(peer.uid)))
    }
}

/// A `Counter` servant.
#[derive(Debug)]
struct CounterImpl {
    value: AtomicI32,
    state: Arc<State>,
}

impl Drop for CounterImpl {
    fn drop(&mut self) {
        self.state.counters_alive.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Counter for CounterImpl {
    async fn next(&self) -> Result<i32, Error> {
        Ok(self.value.fetch_add(1, Ordering::SeqCst) + 1)
    }

    async fn value(&self) -> Result<i32, Error> {
        Ok(self.value.load(Ordering::SeqCst))
    }
}

/// A `Listener` servant the client hosts: `ask` doubles, `notify` adds up.
#[derive(Debug, Default)]
pub struct ListenerImpl {
    /// Sum of the values notified.
    pub notified: Arc<AtomicI64>,
}

impl Listener for ListenerImpl {
    async fn notify(&self, value: i32) -> Result<(), Error> {
        self.notified.fetch_add(i64::from(value), Ordering::SeqCst);
        Ok(())
    }

    async fn ask(&self, value: i32) -> Result<i32, Error> {
        Ok(value * 2)
    }
}
