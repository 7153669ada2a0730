//! Orbit's benchmarks.

fn main() {}
