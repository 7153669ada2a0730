//! The IDL front-end benchmark: how fast `orbit-idl` preprocesses, parses and checks a large
//! generated file (see [`idl_gen`]).
//!
//! Each stage is timed on its own by calling the stage functions the front end exposes
//! ([`preprocess::preprocess`], [`parser::parse`], [`check::check`]), and the whole pipeline is
//! timed separately through [`Frontend::compile_source`], the way users run it. Every figure is
//! the median of several runs after warm-up runs.

use std::{
    fmt,
    process::ExitCode,
    time::{Duration, Instant},
};

use orbit_idl::{
    Compilation, Diagnostics, Frontend, Severity, SourceMap, check, parser,
    preprocess::{self, FsLoader, PreprocessOptions},
};
use serde_json::json;

use crate::{
    cli::Options,
    idl_gen::{self, GenOptions},
};

/// What to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrontendBench {
    /// The file to generate.
    pub options: GenOptions,
    /// Runs before measuring, to warm caches and the allocator.
    pub warmup: usize,
    /// Measured runs; the report gives their median.
    pub runs: usize,
}

impl Default for FrontendBench {
    fn default() -> Self {
        FrontendBench {
            options: GenOptions::LARGE,
            warmup: 2,
            runs: 10,
        }
    }
}

/// Median durations of one benchmark, and what the front end said about the file.
#[derive(Clone, Debug)]
pub struct FrontendReport {
    /// Size of the generated file in bytes.
    pub bytes: usize,
    /// Number of lines of the generated file.
    pub lines: usize,
    /// Number of generated units (top-level modules).
    pub units: usize,
    /// Time taken to generate the file.
    pub generate: Duration,
    /// Number of measured runs.
    pub runs: usize,
    /// Number of warm-up runs.
    pub warmup: usize,
    /// Median time of the preprocessor.
    pub preprocess: Duration,
    /// Median time of the parser (pest and AST building).
    pub parse: Duration,
    /// Median time of the semantic checks.
    pub check: Duration,
    /// Median time of [`Frontend::compile_source`], all stages together.
    pub total: Duration,
    /// Errors the front end reported (a correct checker reports none).
    pub errors: usize,
    /// Warnings the front end reported.
    pub warnings: usize,
    /// The first few diagnostics, rendered, when there were errors.
    pub first_errors: String,
}

impl FrontendReport {
    /// Throughput of the whole front end in megabytes (10^6 bytes) per second.
    pub fn mb_per_s(&self) -> f64 {
        mb_per_s(self.bytes, self.total)
    }

    /// The report as one line of JSON (durations in milliseconds).
    pub fn to_json(&self) -> String {
        json!({
            "benchmark": "idl-frontend",
            "bytes": self.bytes,
            "lines": self.lines,
            "units": self.units,
            "runs": self.runs,
            "warmup": self.warmup,
            "generate_ms": millis(self.generate),
            "median_ms": {
                "preprocess": millis(self.preprocess),
                "parse": millis(self.parse),
                "check": millis(self.check),
                "total": millis(self.total),
            },
            "mb_per_s": self.mb_per_s(),
            "errors": self.errors,
            "warnings": self.warnings,
        })
        .to_string()
    }
}

impl fmt::Display for FrontendReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "IDL front end: {:.2} MB, {} lines, {} units (generated in {:.1} ms)",
            self.bytes as f64 / 1e6,
            self.lines,
            self.units,
            millis(self.generate)
        )?;
        writeln!(
            f,
            "median of {} after {}:",
            plural(self.runs, "run"),
            plural(self.warmup, "warm-up run")
        )?;
        writeln!(f, "  {:<12} {:>12} {:>12}", "stage", "time", "throughput")?;
        for (stage, time) in [
            ("preprocess", self.preprocess),
            ("parse", self.parse),
            ("check", self.check),
            ("total", self.total),
        ] {
            writeln!(
                f,
                "  {stage:<12} {:>9.2} ms {:>7.1} MB/s",
                millis(time),
                mb_per_s(self.bytes, time)
            )?;
        }
        write!(
            f,
            "diagnostics: {} errors, {} warnings",
            self.errors, self.warnings
        )
    }
}

/// Runs the benchmark as the binaries do: writes the generated file if asked, prints the report
/// (table or JSON) on standard output and any errors the front end found on standard error.
/// Fails when the file cannot be written or the front end rejected the generated IDL.
pub fn main(options: &Options) -> ExitCode {
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; measure with `cargo run --release`");
    }
    if let Some(path) = &options.write {
        let text = idl_gen::generate(&options.bench.options);
        if let Err(error) = std::fs::write(path, text) {
            eprintln!("error: cannot write `{}`: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let report = run(&options.bench);
    if options.json {
        println!("{}", report.to_json());
    } else {
        println!("{report}");
    }
    if report.errors > 0 {
        eprintln!(
            "error: the front end rejected the generated IDL with {} errors; the first ones:\n{}",
            report.errors, report.first_errors
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Generates the file and measures the front end on it.
pub fn run(bench: &FrontendBench) -> FrontendReport {
    let started = Instant::now();
    let text = idl_gen::generate(&bench.options);
    let generate = started.elapsed();

    for _ in 0..bench.warmup {
        let _ = stages(&text);
        let _ = Frontend::new().compile_source("bench.idl", &text);
    }
    let runs = bench.runs.max(1);
    let mut preprocess = Vec::with_capacity(runs);
    let mut parse = Vec::with_capacity(runs);
    let mut check = Vec::with_capacity(runs);
    let mut total = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let times = stages(&text);
        preprocess.push(times[0]);
        parse.push(times[1]);
        check.push(times[2]);
        let started = Instant::now();
        let compilation = Frontend::new().compile_source("bench.idl", &text);
        total.push(started.elapsed());
        last = Some(compilation);
    }
    let (errors, warnings, first_errors) = last.as_ref().map_or((0, 0, String::new()), summarize);
    FrontendReport {
        bytes: text.len(),
        lines: text.lines().count(),
        units: idl_gen::unit_count(&text),
        generate,
        runs,
        warmup: bench.warmup,
        preprocess: median(preprocess),
        parse: median(parse),
        check: median(check),
        total: median(total),
        errors,
        warnings,
        first_errors,
    }
}

/// Runs the three stages one after the other and times each.
fn stages(text: &str) -> [Duration; 3] {
    let mut sources = SourceMap::new();
    let root = sources.add("bench.idl", text.to_owned());
    let mut diagnostics = Diagnostics::new();
    let options = PreprocessOptions::default();

    let started = Instant::now();
    let unit = preprocess::preprocess(root, &mut sources, &options, &FsLoader, &mut diagnostics);
    let preprocessed = Instant::now();
    // As `Frontend` does: a unit the preprocessor marked fatal is not parsed.
    let ast = if unit.fatal {
        None
    } else {
        parser::parse(&unit, &mut diagnostics)
    };
    let parsed = Instant::now();
    let model = ast
        .as_ref()
        .map(|spec| check::check(spec, &unit, &sources, &mut diagnostics));
    let checked = Instant::now();
    drop((model, ast, unit));
    [
        preprocessed - started,
        parsed - preprocessed,
        checked - parsed,
    ]
}

fn summarize(compilation: &Compilation) -> (usize, usize, String) {
    let diagnostics = &compilation.diagnostics;
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let first_errors = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .take(5)
        .map(|d| d.render(&compilation.sources))
        .collect();
    (diagnostics.error_count(), warnings, first_errors)
}

/// `1 run`, `2 runs`.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    let secs = time.as_secs_f64();
    if secs > 0.0 {
        bytes as f64 / 1e6 / secs
    } else {
        f64::INFINITY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_run_reports_every_figure() {
        let report = run(&FrontendBench {
            options: GenOptions::with_size(10_000),
            warmup: 0,
            runs: 3,
        });
        assert!(report.bytes >= 10_000);
        assert_eq!(report.runs, 3);
        assert!(report.total > Duration::ZERO);
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["benchmark"], "idl-frontend");
        assert_eq!(json["bytes"], report.bytes);
        assert!(json["median_ms"]["total"].as_f64().is_some());
        let table = report.to_string();
        assert!(
            table.contains("MB/s") && table.contains("preprocess"),
            "{table}"
        );
    }

    #[test]
    fn the_median_is_the_middle_value() {
        let ms = Duration::from_millis;
        assert_eq!(median(vec![ms(5), ms(1), ms(3)]), ms(3));
        assert_eq!(median(Vec::new()), Duration::ZERO);
    }
}
