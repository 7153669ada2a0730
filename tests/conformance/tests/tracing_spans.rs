//! Observability: every call has a `tracing` span on the client (`orbit.call`) and on the
//! server (`orbit.dispatch`) naming the operation, the object and the outcome (the server's
//! also the interface). A small subscriber here records the spans' fields.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use orbit::Orb;
use orbit_conformance::{Service, ServiceProxy, TempDir, raw};
use tracing::{
    Event, Metadata, Subscriber,
    field::{Field, Visit},
    span::{Attributes, Id, Record},
};

/// A span's name and fields.
type Recorded = (String, BTreeMap<String, String>);

/// Every span, in order of creation (span id = index + 1).
#[derive(Clone, Default)]
struct Recorder {
    spans: Arc<Mutex<Vec<Recorded>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push((span.metadata().name().to_owned(), fields));
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let index = usize::try_from(span.into_u64() - 1).unwrap();
        values.record(&mut Fields(&mut spans[index].1));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[test]
fn calls_have_spans_on_both_sides() {
    let recorder = Recorder::default();
    let spans = recorder.spans.clone();
    tracing::subscriber::with_default(recorder, || {
        // One thread runs client and server, so both use this subscriber.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let dir = TempDir::new();
            let (server, endpoint, _) = raw::serve(&Orb::new(), &dir).await;
            let client = Orb::new();
            let service = ServiceProxy::new(client.connect(&endpoint).await.unwrap(), "service");
            assert_eq!(service.add(1, 2).await.unwrap(), 3);
            assert!(service.fail(3).await.is_err());
            server.shutdown(Duration::from_millis(100)).await;
        });
    });
    let spans = spans.lock().unwrap();
    let find = |name: &str, operation: &str| {
        spans
            .iter()
            .find(|(n, f)| n == name && f.get("operation").is_some_and(|o| o.ends_with(operation)))
            .map(|(_, fields)| fields.clone())
            .unwrap_or_else(|| panic!("no {name} span for {operation} in {spans:?}"))
    };
    let call = find("orbit.call", "add");
    assert_eq!(call["operation"], "Conformance::Service::add");
    assert_eq!(call["object"], "service");
    assert_eq!(call["outcome"], "ok");
    let dispatch = find("orbit.dispatch", "add");
    assert_eq!(dispatch["interface"], "Conformance::Service");
    assert_eq!(dispatch["object"], "service");
    assert_eq!(dispatch["outcome"], "ok");
    assert_eq!(find("orbit.call", "fail")["outcome"], "error");
    // A declared exception is a reply like any other for the transport.
    assert_eq!(find("orbit.dispatch", "fail")["outcome"], "ok");
}
