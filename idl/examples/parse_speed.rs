//! Measures the front end's speed on a generated file of about 1 MB of modules, interfaces,
//! structs, unions, enums and typedefs.
//!
//! Run with `cargo run --release -p orbit-idl --example parse_speed`. Prints MB/s for the parser
//! alone and for the whole front end (preprocess, parse, check).

use std::{fmt::Write as _, time::Instant};

use orbit_idl::{
    Diagnostics, Frontend, SourceMap,
    preprocess::{self, FsLoader, PreprocessOptions},
};

/// One module's worth of typical IDL, numbered by `i`.
fn module(out: &mut String, i: usize) {
    let _ = write!(
        out,
        r#"
/// Module number {i}.
module Bank{i} {{
    /** An account's state. */
    enum State{i} {{ OPEN, FROZEN, CLOSED }};

    typedef sequence<octet> Blob{i};
    typedef string<64> Name{i};
    const unsigned long LIMIT{i} = 1024 * 16 + {i};

    @final
    struct Money{i} {{
        @key long long amount;   // minor units
        string<3> currency;
        double rate[4][2];
        sequence<sequence<long>, 5> history;
    }};

    union Detail{i} switch (State{i}) {{
        case OPEN: Money{i} balance;
        case FROZEN:
        case CLOSED: string reason;
        default: octet raw;
    }};

    exception Insufficient{i} {{ Money{i} missing; string detail; }};

    interface Account{i} : ::Base::Root {{
        readonly attribute Name{i} owner;
        attribute boolean active;
        Money{i} balance(in Blob{i} token) raises (Insufficient{i});
        void deposit(in Money{i} amount, out unsigned long receipt, inout string memo)
            raises (Insufficient{i});
        oneway void ping();
    }};
}};
"#
    );
}

fn main() {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1 << 20 {
        module(&mut text, i);
        i += 1;
    }
    let megabytes = text.len() as f64 / 1e6;

    let mut sources = SourceMap::new();
    let root = sources.add("speed.idl", text.clone());
    let mut diagnostics = Diagnostics::new();
    let unit = preprocess::preprocess(
        root,
        &mut sources,
        &PreprocessOptions::default(),
        &FsLoader,
        &mut diagnostics,
    );
    // The fastest of several runs: the machine may be busy with other work.
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(12);
    let mut parse = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let spec = orbit_idl::parser::parse(&unit, &mut diagnostics);
        parse = parse.min(start.elapsed().as_secs_f64());
        assert!(spec.is_some(), "{}", diagnostics.render(&sources));
    }

    let mut whole = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let compilation = Frontend::new().compile_source("speed.idl", &text);
        whole = whole.min(start.elapsed().as_secs_f64());
        assert!(
            !compilation.diagnostics.has_errors(),
            "{}",
            compilation.render_diagnostics()
        );
    }

    println!("input: {megabytes:.2} MB, {i} modules");
    println!(
        "parser: {:.1} ms, {:.1} MB/s",
        parse * 1e3,
        megabytes / parse
    );
    println!(
        "front end: {:.1} ms, {:.1} MB/s",
        whole * 1e3,
        megabytes / whole
    );
}
