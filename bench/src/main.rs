//! `orbit-bench`: the side-by-side RPC benchmark (see `bench/README.md`).
//!
//! `cargo run --release -p orbit-bench [-- --json]`; the IDL front-end benchmark is
//! `cargo run --release -p orbit-bench --bin idl-frontend`.

use std::process::ExitCode;

use orbit_bench::rpc::{
    self, Figures, Plan,
    args::{self, Command, Options},
    report,
};

fn main() -> ExitCode {
    match args::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            println!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(Command::Serve {
            row,
            socket,
            flavor,
        }) => match rpc::serve(&row, &socket, flavor) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: the `{row}` server failed: {error}");
                ExitCode::FAILURE
            }
        },
        Ok(Command::Bench(options)) => bench(&options),
        Err(message) => {
            eprintln!("error: {message}\n\n{}", args::USAGE);
            ExitCode::from(2)
        }
    }
}

/// Measures the rows asked for and prints them; fails if any row could not be measured.
fn bench(options: &Options) -> ExitCode {
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; measure with `cargo run --release`");
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(error) => {
            eprintln!("error: cannot find this program to start the servers: {error}");
            return ExitCode::FAILURE;
        }
    };
    let rows: Vec<&'static dyn rpc::Row> = rpc::ROWS
        .iter()
        .copied()
        .filter(|row| options.rows.is_empty() || options.rows.iter().any(|n| n == row.name()))
        .collect();
    let mut plan = Plan::default();
    if let Some(calls) = options.calls {
        plan.latency_calls = calls;
    }
    let mut measured: Vec<(&str, Figures)> = Vec::new();
    let mut failed = false;
    for row in rows {
        eprintln!("measuring {}…", row.name());
        match rpc::run_row(&exe, row, &plan, options.tuning) {
            Ok(figures) => measured.push((row.name(), figures)),
            Err(error) => {
                eprintln!("error: {}: {error}", row.name());
                failed = true;
            }
        }
    }
    if options.json {
        for (name, figures) in &measured {
            println!("{}", report::json_line(name, figures));
        }
    } else {
        let rows: Vec<(&str, &Figures)> = measured.iter().map(|(n, f)| (*n, f)).collect();
        println!(
            "RPC round trips: add(a, b) and a {} echo, each server in its own process",
            bytes(plan.echo_bytes)
        );
        print!("{}", report::table(&rows));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A size for people: `1 MiB`.
fn bytes(n: usize) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}
