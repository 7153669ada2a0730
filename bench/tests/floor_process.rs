//! The floor's server in a process of its own, as the benchmark starts it: it comes up, answers,
//! and is gone with its socket folder once dropped.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use orbit_bench::rpc::{self, Plan, Tuning, child::ServerProcess, floor::FloorClient};

/// The benchmark binary, which Cargo builds for this test.
fn exe() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_orbit-bench"))
}

#[test]
fn the_floor_server_starts_answers_and_is_cleaned_up() {
    let started = Instant::now();
    let server = ServerProcess::start(exe(), rpc::floor::NAME, None).unwrap();
    let client = FloorClient::connect(server.socket()).unwrap();
    for i in 0..10 {
        assert_eq!(client.add_blocking(i, 100).unwrap(), i + 100);
    }
    let payload = rpc::measure::payload(100_000);
    assert_eq!(client.echo_blocking(&payload).unwrap(), payload);

    let pid = server.id();
    let folder = server.socket().parent().unwrap().to_path_buf();
    assert!(Path::new(&format!("/proc/{pid}")).exists());
    drop(server);
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "the server was not reaped"
    );
    assert!(!folder.exists(), "the socket folder was left behind");
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn a_quick_plan_measures_every_figure_of_the_floor() {
    let plan = Plan {
        in_flight_budget: Duration::from_millis(50),
        echo_budget: Duration::from_millis(50),
        ..Plan::quick()
    };
    let floor = rpc::row(rpc::floor::NAME).unwrap();
    let figures = rpc::run_row(exe(), floor, &plan, Tuning::default()).unwrap();
    assert_eq!(figures.samples, plan.latency_calls);
    assert!(figures.p50.is_some() && figures.p50 <= figures.p99);
    assert!(figures.calls_per_s.is_some_and(|r| r > 0.0));
    assert!(figures.calls_per_s_64.is_some_and(|r| r > 0.0));
    assert!(figures.echo_gbps.is_some_and(|r| r > 0.0));
}

#[test]
fn a_server_whose_parent_is_gone_exits_and_removes_its_socket() {
    use std::{
        io::{BufRead, BufReader},
        process::{Command, Stdio},
    };

    use orbit_bench::rpc::child::TempDir;

    let dir = TempDir::new().unwrap();
    let socket = dir.path().join("server.sock");
    let mut child = Command::new(exe())
        .args(["--serve", rpc::floor::NAME])
        .arg(&socket)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line, "ready\n");
    assert!(socket.exists());

    // What the parent's death does: its end of the child's standard input closes.
    drop(child.stdin.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(1) {
            child.kill().unwrap();
            panic!("the server outlived its parent");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(status.success());
    assert!(!socket.exists());
    assert!(!dir.path().exists());
}
