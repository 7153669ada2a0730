//! `idlc`: the Orbit IDL compiler. See the `orbit_codegen` crate documentation for a tour.

mod cli;
mod generate;

use std::{
    io::{self, ErrorKind},
    process::ExitCode,
};

use clap::Parser;
use cli::{CheckArgs, Cli, Command, ProtoArgs, RustArgs};
use generate::Generate;
use orbit_codegen::{build::Targets, check, diagnostics::Emitter, rust::RustOptions};

fn main() -> ExitCode {
    // Usage errors exit here with status 2, `--help` and `--version` with 0.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Rust(args) => run_rust(&args),
        Command::Proto(args) => run_proto(&args),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`idlc check … | head`): nothing left to say.
        Err(error) if error.kind() == ErrorKind::BrokenPipe => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `idlc check`.
fn run_check(args: &CheckArgs) -> io::Result<ExitCode> {
    let frontend = args.frontend.frontend();
    let mut emitter = Emitter::stderr(args.report.color.into());
    let outcome = check::check_files(
        &frontend,
        &args.files,
        args.report.format.into(),
        &mut io::stdout().lock(),
        &mut emitter,
    )?;
    // Like cargo's `Finished` line: say that all went well, for people, not for JSON readers.
    if outcome.success() && matches!(args.report.format, cli::FormatArg::Human) {
        let files = if outcome.checked == 1 {
            "file"
        } else {
            "files"
        };
        eprintln!("checked {} {files}: no errors", outcome.checked);
    }
    Ok(if outcome.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Runs `idlc rust`.
fn run_rust(args: &RustArgs) -> io::Result<ExitCode> {
    let options = RustOptions {
        runtime_path: format!("{}::__private", args.runtime_path.trim()),
        client: !args.no_client,
        server: !args.no_server,
    };
    let run = Generate {
        frontend: args.frontend.frontend(),
        targets: Targets {
            rust: Some(options),
            proto: false,
        },
        format: args.report.format.into(),
        out_dir: &args.output.out_dir,
        files: &args.files,
    };
    let mut emitter = Emitter::stderr(args.report.color.into());
    run.run(&mut io::stdout().lock(), &mut emitter)
}

/// Runs `idlc proto`.
fn run_proto(args: &ProtoArgs) -> io::Result<ExitCode> {
    let run = Generate {
        frontend: args.frontend.frontend(),
        targets: Targets {
            rust: None,
            proto: true,
        },
        format: args.report.format.into(),
        out_dir: &args.output.out_dir,
        files: &args.files,
    };
    let mut emitter = Emitter::stderr(args.report.color.into());
    run.run(&mut io::stdout().lock(), &mut emitter)
}
