//! A second process for the fault tests of the conformance suite.
//!
//! * `conformance-peer serve ENDPOINT` serves the conformance `Service` and prints `ready`;
//! * `conformance-peer hold ENDPOINT N` connects, takes N counter objects from the service,
//!   prints `ready` and waits to be killed;
//! * `conformance-peer call ENDPOINT` connects, calls `add(1, 2)` and prints `ok 3`, or
//!   `error KIND: MESSAGE`.
//!
//! Every mode ends on its own after 60 s, so a test that forgets it leaves nothing behind.

use std::{sync::Arc, time::Duration};

use orbit::Orb;
use orbit_conformance::{Service, ServiceImpl, ServiceProxy, ServiceServer, State};

const LIFETIME: Duration = Duration::from_secs(60);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["serve", endpoint] => serve(endpoint).await,
        ["hold", endpoint, count] => hold(endpoint, count.parse().expect("a count")).await,
        ["call", endpoint] => call(endpoint).await,
        _ => {
            eprintln!("usage: conformance-peer serve|hold|call ENDPOINT [N]");
            std::process::exit(2);
        }
    }
}

async fn serve(endpoint: &str) {
    let orb = Orb::new();
    let servant = ServiceImpl::new(orb.clone(), Arc::new(State::default()));
    orb.bind("service", ServiceServer::new(servant))
        .expect("a valid name");
    let _server = orb
        .server()
        .listen(endpoint)
        .start()
        .await
        .expect("the server starts");
    println!("ready");
    tokio::time::sleep(LIFETIME).await;
}

async fn hold(endpoint: &str, count: i32) {
    let orb = Orb::new();
    let service = ServiceProxy::new(orb.connect(endpoint).await.expect("connects"), "service");
    let mut counters = Vec::new();
    for start in 0..count {
        counters.push(service.make_counter(start).await.expect("a counter"));
    }
    println!("ready");
    tokio::time::sleep(LIFETIME).await;
    drop(counters);
}

async fn call(endpoint: &str) {
    let orb = Orb::new();
    let outcome = match orb.connect(endpoint).await {
        Ok(channel) => ServiceProxy::new(channel, "service").add(1, 2).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(sum) => println!("ok {sum}"),
        Err(error) => println!("error {}: {}", error.kind(), error.message()),
    }
}
