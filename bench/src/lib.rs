//! Orbit's benchmarks.
//!
//! `cargo run --release -p orbit-bench` runs the side-by-side RPC benchmark ([`rpc`]): one table
//! of round-trip latency, calls per second and 1 MiB echo throughput, one row per system and
//! transport (the raw Unix-socket floor, tarpc, tonic; Orbit's rows join with the runtime).
//! `cargo run --release -p orbit-bench --bin idl-frontend` runs the IDL front-end benchmark;
//! add `-- --json` to either for JSON, `-- --help` for the options.
//!
//! # Organization
//!
//! * [`idl_gen`]: a deterministic generator of large, valid IDL files;
//! * [`frontend`]: the front-end benchmark (per-stage and total medians, MB/s);
//! * [`codegen`]: its last stage, Rust and `.proto` generation from the checked model;
//! * [`cli`]: the command-line options of the front-end benchmark;
//! * [`rpc`]: the RPC benchmark, its rows and its command line.

#![forbid(unsafe_code)]

pub mod cli;
pub mod codegen;
pub mod frontend;
pub mod idl_gen;
pub mod rpc;
