//! The code-generation stage of the front-end benchmark: how fast `orbit-codegen` turns the
//! checked model of the large generated file into Rust and into `.proto` files.
//!
//! The model is built once; then each run times, on its own:
//!
//! * `rust tokens`: [`rust::generate`], the model to a token stream;
//! * `rust parse` and `rust print`: [`build::parse_rust`] (the runtime's listing macro bodies
//!   laid out and taken out, the rest parsed with syn), then [`build::format_rust`]
//!   (prettyplease, the bodies put back), exactly what the build.rs API and `idlc rust` do
//!   before writing the file;
//! * `proto`: [`proto::generate`], the model to `.proto` text.
//!
//! Rust generation (tokens and formatting) has a goal: under [`RUST_GOAL`] for the benchmark's
//! file. `.proto` emission reports its diagnostics rather than failing; the generated IDL
//! reopens modules and inherits across them, so some IDL modules depend on each other both
//! ways, and their packages are split over several files (`docs/DESIGN.md`, "Protobuf
//! mapping").

use std::{
    fmt,
    path::Path,
    time::{Duration, Instant},
};

use orbit_codegen::{
    build, proto,
    rust::{self, RustOptions},
};
use orbit_idl::{Diagnostics, Model, SourceMap};
use serde_json::{Value, json};

/// What Rust generation of the benchmark's file should stay under, tokens and formatting
/// together.
pub const RUST_GOAL: Duration = Duration::from_secs(1);

/// Median durations of code generation, and what it produced.
#[derive(Clone, Debug, Default)]
pub struct CodegenReport {
    /// Number of measured runs.
    pub runs: usize,
    /// Median time of [`rust::generate`].
    pub rust_tokens: Duration,
    /// Median time of [`build::parse_rust`]: listing bodies laid out, the rest parsed by syn.
    pub rust_parse: Duration,
    /// Median time of printing the syntax tree with [`build::format_rust`].
    pub rust_print: Duration,
    /// Size of the formatted Rust code in bytes.
    pub rust_bytes: usize,
    /// Lines of the formatted Rust code.
    pub rust_lines: usize,
    /// Errors Rust generation reported (the generated IDL should have none).
    pub rust_errors: usize,
    /// Median time of [`proto::generate`].
    pub proto: Duration,
    /// Number of `.proto` files emitted.
    pub proto_files: usize,
    /// Their total size in bytes.
    pub proto_bytes: usize,
    /// Errors `.proto` emission reported.
    pub proto_errors: usize,
    /// The first few errors of each generator, rendered.
    pub first_errors: String,
}

impl CodegenReport {
    /// Rust generation in all: tokens, then formatting.
    pub fn rust_total(&self) -> Duration {
        self.rust_tokens + self.rust_parse + self.rust_print
    }

    /// Whether Rust generation met [`RUST_GOAL`].
    pub fn meets_goal(&self) -> bool {
        self.rust_total() < RUST_GOAL
    }

    /// The report as a JSON value (durations in milliseconds).
    pub fn to_json(&self) -> Value {
        json!({
            "runs": self.runs,
            "median_ms": {
                "rust_tokens": millis(self.rust_tokens),
                "rust_parse": millis(self.rust_parse),
                "rust_print": millis(self.rust_print),
                "rust_total": millis(self.rust_total()),
                "proto": millis(self.proto),
            },
            "rust_goal_ms": millis(RUST_GOAL),
            "rust_meets_goal": self.meets_goal(),
            "rust_bytes": self.rust_bytes,
            "rust_lines": self.rust_lines,
            "rust_errors": self.rust_errors,
            "proto_files": self.proto_files,
            "proto_bytes": self.proto_bytes,
            "proto_errors": self.proto_errors,
        })
    }
}

impl fmt::Display for CodegenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "code generation: median of {}:",
            if self.runs == 1 {
                "1 run".to_owned()
            } else {
                format!("{} runs", self.runs)
            }
        )?;
        writeln!(f, "  {:<12} {:>12} {:>12}", "stage", "time", "output")?;
        let rows = [
            ("rust tokens", self.rust_tokens, String::new()),
            ("rust parse", self.rust_parse, String::new()),
            (
                "rust print",
                self.rust_print,
                format!("{:.1} MB", self.rust_bytes as f64 / 1e6),
            ),
            (
                "proto",
                self.proto,
                format!("{:.1} MB", self.proto_bytes as f64 / 1e6),
            ),
        ];
        for (stage, time, output) in rows {
            writeln!(f, "  {stage:<12} {:>9.2} ms {output:>12}", millis(time))?;
        }
        writeln!(
            f,
            "rust: {:.2} ms for {} lines, goal under {} ms: {}",
            millis(self.rust_total()),
            self.rust_lines,
            millis(RUST_GOAL),
            if self.meets_goal() { "met" } else { "MISSED" }
        )?;
        write!(
            f,
            "generation errors: rust {}, proto {} (in {} files)",
            self.rust_errors, self.proto_errors, self.proto_files
        )
    }
}

/// Measures code generation of `model` (whose files are in `sources`): `warmup` runs, then
/// `runs` measured ones (at least one).
pub fn run(model: &Model, sources: &SourceMap, warmup: usize, runs: usize) -> CodegenReport {
    let options = RustOptions::default();
    for _ in 0..warmup {
        let _ = rust_stages(model, &options);
        let _ = proto::generate(model);
    }
    let runs = runs.max(1);
    let mut report = CodegenReport {
        runs,
        ..CodegenReport::default()
    };
    let (mut tokens, mut parse, mut print, mut protos) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut errors = Diagnostics::new();
    for i in 0..runs {
        let last = i + 1 == runs;
        let (times, code, rust_errors) = rust_stages(model, &options);
        tokens.push(times[0]);
        parse.push(times[1]);
        print.push(times[2]);
        let started = Instant::now();
        let emitted = proto::generate(model);
        protos.push(started.elapsed());
        if !last {
            continue;
        }
        report.rust_bytes = code.len();
        report.rust_lines = code.lines().count();
        report.rust_errors = rust_errors.error_count();
        errors.extend(first(rust_errors));
        match emitted {
            Ok(files) => {
                report.proto_files = files.len();
                report.proto_bytes = files.iter().map(|f| f.content.len()).sum();
            }
            Err(diagnostics) => {
                report.proto_errors = diagnostics.error_count();
                errors.extend(first(diagnostics));
            }
        }
    }
    report.rust_tokens = median(tokens);
    report.rust_parse = median(parse);
    report.rust_print = median(print);
    report.proto = median(protos);
    report.first_errors = errors.render(sources);
    report
}

/// Generates Rust, parses it and prints it, timing each; returns the times, the code (empty on
/// errors) and the errors.
fn rust_stages(model: &Model, options: &RustOptions) -> ([Duration; 3], String, Diagnostics) {
    let started = Instant::now();
    let generated = rust::generate(model, options);
    let generated_at = Instant::now();
    let tokens = match generated {
        Ok(tokens) => tokens,
        Err(errors) => {
            return (
                [generated_at - started, Duration::ZERO, Duration::ZERO],
                String::new(),
                errors,
            );
        }
    };
    let parsed = build::parse_rust(tokens);
    let parsed_at = Instant::now();
    let (file, listings) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            let mut errors = Diagnostics::new();
            errors.push(orbit_idl::Diagnostic::error_without_span(format!(
                "the generated Rust does not parse: {error}"
            )));
            return (
                [
                    generated_at - started,
                    parsed_at - generated_at,
                    Duration::ZERO,
                ],
                String::new(),
                errors,
            );
        }
    };
    let code = build::format_rust(Path::new("bench.idl"), &file, &listings);
    let printed_at = Instant::now();
    (
        [
            generated_at - started,
            parsed_at - generated_at,
            printed_at - parsed_at,
        ],
        code,
        Diagnostics::new(),
    )
}

/// The first three diagnostics of a list.
fn first(diagnostics: Diagnostics) -> Diagnostics {
    let mut kept = Diagnostics::new();
    diagnostics
        .iter()
        .take(3)
        .for_each(|d| kept.push(d.clone()));
    kept
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;
    use crate::idl_gen::{self, GenOptions};

    #[test]
    fn a_small_file_generates_rust_without_errors() {
        let text = idl_gen::generate(&GenOptions::with_size(8_000));
        let compilation = Frontend::new().compile_source("bench.idl", &text);
        assert!(!compilation.diagnostics.has_errors());
        let model = compilation.model.as_ref().unwrap();
        let report = run(model, &compilation.sources, 0, 1);
        assert_eq!(report.rust_errors, 0, "{}", report.first_errors);
        assert!(report.rust_bytes > text.len(), "{report}");
        assert!(report.rust_lines > 100);
        assert!(report.rust_tokens > Duration::ZERO);
        assert_eq!(report.runs, 1);
        let table = report.to_string();
        assert!(table.contains("rust tokens") && table.contains("goal under 1000 ms"));
        let json = report.to_json();
        assert_eq!(json["rust_goal_ms"], 1000.0);
        assert!(json["median_ms"]["rust_total"].as_f64().is_some());
    }
}
