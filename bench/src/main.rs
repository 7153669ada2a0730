//! `orbit-bench`: every benchmark, one section each.
//!
//! `cargo run --release -p orbit-bench [-- --json]`

use std::process::ExitCode;

use orbit_bench::{cli, frontend};

fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(options) if options.help => {
            println!("usage: orbit-bench [options]\n{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "error: {message}\nusage: orbit-bench [options]\n{}",
                cli::USAGE
            );
            return ExitCode::from(2);
        }
    };
    let status = frontend::main(&options);
    if !options.json {
        println!();
        println!(
            "Transport benchmarks (in-process, shared memory, Unix socket and gRPC, side by side \
             with raw tonic, tarpc and raw sockets) arrive with the runtime."
        );
        println!("For the front end alone: cargo run --release -p orbit-bench --bin idl-frontend");
    }
    status
}
