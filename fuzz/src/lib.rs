//! What the fuzz targets share: an in-memory file loader and a function that pushes a
//! compilation's diagnostics through every renderer.
//!
//! The targets read nothing from the file system: a fuzzer that can write `#include
//! "/dev/stdin"` should not be able to hang or slow the run, and results must not depend on the
//! machine's files.

#![forbid(unsafe_code)]

use std::{
    io,
    path::{Path, PathBuf},
};

use codespan_reporting::term::termcolor::Ansi;
use orbit_codegen::diagnostics::{Emitter, json_lines};
use orbit_idl::{Compilation, preprocess::SourceLoader};

/// Serves a fixed set of files by their file name (whatever folder the preprocessor looks in),
/// and nothing else.
#[derive(Debug, Default)]
pub struct InMemory {
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl InMemory {
    /// A loader that knows no file.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file named `name` holding `bytes`.
    pub fn with(mut self, name: &str, bytes: &[u8]) -> Self {
        self.files.push((PathBuf::from(name), bytes.to_vec()));
        self
    }

    fn find(&self, path: &Path) -> Option<&[u8]> {
        let name = path.file_name()?;
        self.files
            .iter()
            .find(|(known, _)| known.file_name() == Some(name))
            .map(|(_, bytes)| bytes.as_slice())
    }
}

impl SourceLoader for InMemory {
    fn load(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.find(path)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }

    fn exists(&self, path: &Path) -> bool {
        self.find(path).is_some()
    }
}

/// Renders the diagnostics of `compilation` every way the project does: plain text, the
/// front end's JSON lines, the coloured `idlc` emitter with its summary line, and `idlc`'s JSON.
/// Any panic in a renderer is a bug the fuzzer reports.
pub fn render_everything(compilation: &Compilation, name: &str) {
    let plain = compilation.render_diagnostics();
    let json = compilation.diagnostics.to_json_lines(&compilation.sources);
    assert_eq!(json.lines().count(), compilation.diagnostics.len());

    let mut emitter = Emitter::new(Ansi::new(io::sink()));
    let written = emitter
        .emit(&compilation.sources, &compilation.diagnostics)
        .and_then(|()| emitter.emit_summary("check", name, &compilation.diagnostics));
    assert!(written.is_ok(), "writing to a sink cannot fail");

    let cli_json = json_lines(&compilation.sources, &compilation.diagnostics, name);
    assert_eq!(cli_json.lines().count(), compilation.diagnostics.len());
    // Errors are reported with text, never silently.
    if compilation.diagnostics.has_errors() {
        assert!(plain.contains("error"));
    }
}
