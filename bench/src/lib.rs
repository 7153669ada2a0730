//! Orbit's benchmarks.
//!
//! `cargo run --release -p orbit-bench` runs every benchmark and prints a table per section;
//! today that is the IDL front end, and the side-by-side transport benchmarks (in-process, shared
//! memory, Unix socket and gRPC against raw tonic, tarpc and raw sockets) arrive with the
//! runtime. `cargo run --release -p orbit-bench --bin idl-frontend` runs the front-end benchmark
//! alone; add `-- --json` for one line of JSON, `-- --help` for the options.
//!
//! # Organization
//!
//! * [`idl_gen`]: a deterministic generator of large, valid IDL files;
//! * [`frontend`]: the front-end benchmark (per-stage and total medians, MB/s);
//! * [`codegen`]: its last stage, Rust and `.proto` generation from the checked model;
//! * [`cli`]: the command-line options both binaries accept.

#![forbid(unsafe_code)]

pub mod cli;
pub mod codegen;
pub mod frontend;
pub mod idl_gen;
