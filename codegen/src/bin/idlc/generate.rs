//! `idlc rust` and `idlc proto`: compile each file, report it as `idlc check` would, and write
//! what the files free of errors generated.

use std::{
    io::{self, Write},
    path::{Path, PathBuf},
    process::ExitCode,
};

use codespan_reporting::term::termcolor::WriteColor;
use orbit_codegen::{
    build::{Generated, Targets, generate_file, output::Outputs, output::rust_file_names},
    check::OutputFormat,
    diagnostics::{Emitter, json_lines},
};
use orbit_idl::Frontend;

/// One run of `idlc rust` or `idlc proto`.
pub(crate) struct Generate<'a> {
    /// The front end, with `-I` and `-D`.
    pub(crate) frontend: Frontend,
    /// What to generate.
    pub(crate) targets: Targets,
    /// How diagnostics are written.
    pub(crate) format: OutputFormat,
    /// Where the files go.
    pub(crate) out_dir: &'a Path,
    /// The IDL files.
    pub(crate) files: &'a [PathBuf],
}

impl Generate<'_> {
    /// Compiles every file, reports each, writes the outputs and says how it went: success
    /// when no file had errors, failure when some had, usage error when two files would write
    /// the same Rust file.
    ///
    /// # Errors
    ///
    /// When writing diagnostics or output files fails.
    pub(crate) fn run<W: WriteColor>(
        &self,
        out: &mut dyn Write,
        emitter: &mut Emitter<W>,
    ) -> io::Result<ExitCode> {
        let rust_names = if self.targets.rust.is_some() {
            match rust_file_names(self.files) {
                Ok(names) => names.into_iter().map(Some).collect(),
                Err(message) => {
                    writeln!(io::stderr(), "error: {message}")?;
                    return Ok(ExitCode::from(2));
                }
            }
        } else {
            vec![None; self.files.len()]
        };
        let mut outputs = Outputs::new();
        let mut success = true;
        for (path, rust_name) in self.files.iter().zip(rust_names) {
            let generated = generate_file(&self.frontend, path, &self.targets);
            self.report(&generated, path, out, emitter)?;
            if generated.has_errors() {
                success = false;
                continue;
            }
            let added = generated
                .rust
                .into_iter()
                .zip(rust_name)
                .map(|(code, name)| (name, code))
                .chain(generated.protos.into_iter().map(|p| (p.name, p.content)))
                .try_for_each(|(name, content)| outputs.add(&name, content, path));
            if let Err(message) = added {
                emitter.flush()?;
                writeln!(io::stderr(), "error: {message}")?;
                success = false;
            }
        }
        out.flush()?;
        emitter.flush()?;
        let written = outputs.write(self.out_dir)?;
        if matches!(self.format, OutputFormat::Human) {
            let mut stderr = io::stderr().lock();
            for (path, changed) in written {
                let verb = if changed { "wrote" } else { "unchanged" };
                writeln!(stderr, "{verb} {}", path.display())?;
            }
        }
        Ok(if success {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        })
    }

    /// Writes the diagnostics of one file as `idlc check` does, with `compile` in the summary.
    fn report<W: WriteColor>(
        &self,
        generated: &Generated,
        path: &Path,
        out: &mut dyn Write,
        emitter: &mut Emitter<W>,
    ) -> io::Result<()> {
        let compilation = &generated.compilation;
        let name = path.display().to_string();
        match self.format {
            OutputFormat::Human => {
                emitter.emit(&compilation.sources, &compilation.diagnostics)?;
                emitter.emit_summary("compile", &name, &compilation.diagnostics)
            }
            OutputFormat::Json => out.write_all(
                json_lines(&compilation.sources, &compilation.diagnostics, &name).as_bytes(),
            ),
        }
    }
}
