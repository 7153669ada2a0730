//! `idlc`: the Orbit IDL compiler. See the `orbit_codegen` crate documentation for a tour.

mod cli;

use std::{
    io::{self, ErrorKind},
    process::ExitCode,
};

use clap::Parser;
use cli::{CheckArgs, Cli, Command};
use orbit_codegen::{check, diagnostics::Emitter};

fn main() -> ExitCode {
    // Usage errors exit here with status 2, `--help` and `--version` with 0.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(&args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // The reader of our output went away (`idlc check … | head`): nothing left to say.
        Err(error) if error.kind() == ErrorKind::BrokenPipe => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `idlc check`; `Ok(true)` when no file had errors.
fn run_check(args: &CheckArgs) -> io::Result<bool> {
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
    Ok(outcome.success())
}
