//! Orbit's quickstart: the `Calculator` of `idl/calculator.idl`, served by one process and
//! called by another over a Unix socket.
//!
//! `cargo run -p quickstart` starts the server as a child process
//! (`quickstart serve ENDPOINT`), calls it, prints what came back, and lets the server shut
//! down gracefully.

use std::time::{Duration, Instant};

use orbit::{Error, Orb};

// `$OUT_DIR/calculator.rs`, written by `build.rs`: IDL module `Quickstart` is `mod quickstart`.
orbit::include_idl!("calculator");

use quickstart::{
    Calculator, CalculatorDivideError, CalculatorProxy, CalculatorServer, DivisionByZero,
};

/// The servant: the object that does the work, in the server process.
struct Calc;

impl Calculator for Calc {
    async fn add(&self, a: i64, b: i64) -> Result<i64, Error> {
        Ok(a.wrapping_add(b))
    }

    async fn divide(&self, a: i64, b: i64) -> Result<i64, CalculatorDivideError> {
        if b == 0 {
            return Err(DivisionByZero { dividend: a }.into());
        }
        Ok(a / b)
    }

    async fn greet(&self, name: String) -> Result<String, Error> {
        Ok(format!(
            "hello, {name}, from process {}",
            std::process::id()
        ))
    }
}

/// The server: binds the calculator under `calculator` and listens on `endpoint` until its
/// standard input closes.
async fn serve(endpoint: &str) -> Result<(), Error> {
    let orb = Orb::new();
    orb.bind("calculator", CalculatorServer::new(Calc))?;
    let server = orb.server().listen(endpoint).start().await?;
    let _ = tokio::io::AsyncReadExt::read(&mut tokio::io::stdin(), &mut [0; 1]).await;
    server.shutdown(Duration::from_secs(1)).await;
    Ok(())
}

/// The client: a proxy on the remote calculator, called like a local object.
async fn client(endpoint: &str) -> Result<(), Box<dyn std::error::Error>> {
    let orb = Orb::new();
    let calculator = CalculatorProxy::new(orb.connect(endpoint).await?, "calculator");
    println!(
        "client process {} connected to {endpoint}",
        std::process::id()
    );
    println!("add(40, 2) = {}", calculator.add(40, 2).await?);
    println!("divide(84, 2) = {}", calculator.divide(84, 2).await?);
    match calculator.divide(1, 0).await {
        Err(CalculatorDivideError::DivisionByZero(e)) => {
            println!(
                "divide(1, 0) raised DivisionByZero {{ dividend: {} }}",
                e.dividend
            )
        }
        other => println!("divide(1, 0) = {other:?}"),
    }
    println!("{}", calculator.greet("Orbit".to_owned()).await?);
    let started = Instant::now();
    for i in 0..1_000 {
        calculator.add(i, i).await?;
    }
    println!(
        "1,000 sequential calls took {:?} ({:?} per round trip)",
        started.elapsed(),
        started.elapsed() / 1_000
    );
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, endpoint] = args.as_slice()
        && mode == "serve"
    {
        return Ok(serve(endpoint).await?);
    }
    // A folder of our own for the socket; the server creates it 0700 and the socket 0600.
    let folder = std::env::temp_dir().join(format!("orbit-quickstart-{}", std::process::id()));
    let socket = folder.join("calculator.sock");
    let endpoint = format!("unix://{}", socket.display());
    let mut server = tokio::process::Command::new(std::env::current_exe()?)
        .args(["serve", &endpoint])
        .stdin(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let started = Instant::now();
    while !socket.exists() {
        if started.elapsed() > Duration::from_secs(10) {
            return Err("the server did not start within 10 s".into());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    println!("server process {} listening", server.id().unwrap_or(0));
    let outcome = client(&endpoint).await;
    // Closing the server's standard input asks it to shut down.
    drop(server.stdin.take());
    let _ = tokio::time::timeout(Duration::from_secs(5), server.wait()).await;
    let _ = std::fs::remove_dir_all(folder);
    outcome
}
