//! What the fuzz targets share: a function that pushes a compilation's diagnostics through
//! every renderer.
//!
//! The targets read nothing from the file system: they serve their files from a
//! [`MemoryLoader`](orbit_idl::preprocess::MemoryLoader), so a fuzzer that can write `#include
//! "/dev/stdin"` cannot hang or slow the run, and results do not depend on the machine's files.

#![forbid(unsafe_code)]

use std::io;

use codespan_reporting::term::termcolor::Ansi;
use orbit_codegen::diagnostics::{Emitter, json_lines};
use orbit_idl::Compilation;

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
