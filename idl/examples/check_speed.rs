//! Measures the semantic pass alone on an IDL file: the file is preprocessed and parsed once,
//! then checked `RUNS` times (default 10); prints the fastest check time and its MB/s.
//!
//! ```text
//! cargo run --release -p orbit-bench --bin idl-frontend -- --write /tmp/bench.idl
//! cargo run --release -p orbit-idl --example check_speed -- /tmp/bench.idl
//! ```
//!
//! Under valgrind, count the check stage's instructions with
//! `RUNS=1 valgrind --tool=callgrind --toggle-collect='orbit_idl::check::check' …`, and its
//! allocations by comparing `valgrind --tool=dhat` totals of `RUNS=1` and `RUNS=0`.

use std::{process::ExitCode, time::Instant};

use orbit_idl::{
    Diagnostics, SourceMap, check, parser,
    preprocess::{self, FsLoader, PreprocessOptions},
};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: check_speed FILE.idl");
        return ExitCode::from(2);
    };
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read `{path}`: {error}");
            return ExitCode::FAILURE;
        }
    };
    let megabytes = text.len() as f64 / 1e6;
    let mut sources = SourceMap::new();
    let root = sources.add(path.as_str(), text);
    let mut diagnostics = Diagnostics::new();
    let unit = preprocess::preprocess(
        root,
        &mut sources,
        &PreprocessOptions::default(),
        &FsLoader,
        &mut diagnostics,
    );
    let Some(spec) = parser::parse(&unit, &mut diagnostics) else {
        eprintln!("{}", diagnostics.render(&sources));
        return ExitCode::FAILURE;
    };

    let mut fastest = f64::MAX;
    let mut decls = 0;
    for _ in 0..runs {
        let mut diagnostics = Diagnostics::new();
        let start = Instant::now();
        let model = check::check(&spec, &unit, &sources, &mut diagnostics);
        fastest = fastest.min(start.elapsed().as_secs_f64());
        decls = model.len();
        if diagnostics.has_errors() {
            eprintln!("{}", diagnostics.render(&sources));
            return ExitCode::FAILURE;
        }
    }
    if runs > 0 {
        println!(
            "check: {megabytes:.2} MB, {decls} declarations, {:.2} ms, {:.1} MB/s (fastest of {runs})",
            fastest * 1e3,
            megabytes / fastest
        );
    }
    ExitCode::SUCCESS
}
