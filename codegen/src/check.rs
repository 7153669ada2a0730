//! Checking IDL files without generating code: what `idlc check` runs.
//!
//! Each file is preprocessed, parsed and checked on its own by the same [`Frontend`], and its
//! diagnostics are written out as soon as it is done, either for people (through an
//! [`Emitter`]) or as JSON lines (see [`json_lines`]).

use std::{
    io::{self, Write},
    path::{Path, PathBuf},
};

use codespan_reporting::term::termcolor::WriteColor;
use orbit_idl::{Compilation, Frontend};

use crate::diagnostics::{Emitter, json_lines};

/// How diagnostics are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    /// rustc-style snippets and a summary line per failed file, on the emitter (standard error).
    #[default]
    Human,
    /// One JSON object per diagnostic and line, on the output (standard output).
    Json,
}

/// What a check run found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckOutcome {
    /// How many files were checked.
    pub checked: usize,
    /// The files that had at least one error, in the order given.
    pub failed: Vec<PathBuf>,
}

impl CheckOutcome {
    /// Whether every file was free of errors (warnings are allowed).
    pub fn success(&self) -> bool {
        self.failed.is_empty()
    }
}

/// Checks every file in `files` independently and reports its diagnostics as `format` says:
/// human output goes to `emitter`, JSON lines to `out`.
///
/// # Errors
///
/// When writing to `out` or `emitter` fails. Problems in the IDL files themselves (including a
/// file that cannot be read) are diagnostics, not errors.
pub fn check_files<W: WriteColor>(
    frontend: &Frontend,
    files: &[PathBuf],
    format: OutputFormat,
    out: &mut dyn Write,
    emitter: &mut Emitter<W>,
) -> io::Result<CheckOutcome> {
    let mut outcome = CheckOutcome::default();
    for path in files {
        let compilation = frontend.compile_file(path);
        report(&compilation, path, format, out, emitter)?;
        outcome.checked += 1;
        if compilation.diagnostics.has_errors() {
            outcome.failed.push(path.clone());
        }
    }
    out.flush()?;
    emitter.flush()?;
    Ok(outcome)
}

/// Writes the diagnostics of one checked file.
///
/// # Errors
///
/// When writing fails.
pub fn report<W: WriteColor>(
    compilation: &Compilation,
    path: &Path,
    format: OutputFormat,
    out: &mut dyn Write,
    emitter: &mut Emitter<W>,
) -> io::Result<()> {
    let name = path.display().to_string();
    match format {
        OutputFormat::Human => {
            emitter.emit(&compilation.sources, &compilation.diagnostics)?;
            emitter.emit_summary("check", &name, &compilation.diagnostics)
        }
        OutputFormat::Json => out.write_all(
            json_lines(&compilation.sources, &compilation.diagnostics, &name).as_bytes(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use codespan_reporting::term::termcolor::NoColor;

    use super::*;

    fn run(files: &[PathBuf], format: OutputFormat) -> (CheckOutcome, String, String) {
        let mut out = Vec::new();
        let mut emitter = Emitter::new(NoColor::new(Vec::new()));
        let outcome = check_files(&Frontend::new(), files, format, &mut out, &mut emitter).unwrap();
        let err = emitter.into_inner().into_inner();
        (
            outcome,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn an_unreadable_file_fails_with_a_diagnostic_and_a_summary() {
        let missing = PathBuf::from("/nonexistent/orbit/missing.idl");
        let (outcome, out, err) = run(std::slice::from_ref(&missing), OutputFormat::Human);
        assert_eq!(outcome.checked, 1);
        assert_eq!(outcome.failed, vec![missing]);
        assert!(!outcome.success());
        assert!(out.is_empty());
        assert!(
            err.starts_with("error: cannot read `/nonexistent/orbit/missing.idl`: "),
            "{err}"
        );
        assert!(
            err.ends_with(
                "error: could not check `/nonexistent/orbit/missing.idl` due to 1 previous error\n"
            ),
            "{err}"
        );
    }

    #[test]
    fn json_goes_to_the_output_and_nothing_to_the_emitter() {
        let missing = PathBuf::from("/nonexistent/orbit/missing.idl");
        let (outcome, out, err) = run(&[missing.clone(), missing], OutputFormat::Json);
        assert_eq!(outcome.checked, 2);
        assert_eq!(outcome.failed.len(), 2);
        assert!(err.is_empty(), "{err}");
        assert_eq!(out.lines().count(), 2);
        assert!(
            out.contains(r#""file":"/nonexistent/orbit/missing.idl""#),
            "{out}"
        );
    }

    #[test]
    fn nothing_to_check_is_a_success() {
        let (outcome, out, err) = run(&[], OutputFormat::Human);
        assert!(outcome.success());
        assert_eq!(outcome.checked, 0);
        assert!(out.is_empty() && err.is_empty());
    }
}
