//! `idl-frontend`: benchmarks the IDL front end on a large generated file.
//!
//! `cargo run --release -p orbit-bench --bin idl-frontend [-- --json]`

use std::process::ExitCode;

use orbit_bench::{cli, frontend};

fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(options) if options.help => {
            println!("usage: idl-frontend [options]\n{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "error: {message}\nusage: idl-frontend [options]\n{}",
                cli::USAGE
            );
            return ExitCode::from(2);
        }
    };
    frontend::main(&options)
}
