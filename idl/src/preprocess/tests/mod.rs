//! Tests of the whole preprocessor, through [`preprocess`](super::preprocess), with files served
//! by a [`MemoryLoader`] (and the real corpus from disk in `corpus`).

mod conditionals;
mod corpus;
mod errors;
mod fuzz;
mod includes;
mod macros;
mod offsets;
mod text;

use super::{MemoryLoader, PreprocessOptions, Preprocessed, SourceLoader, preprocess};
use crate::{
    diagnostic::{Diagnostic, Diagnostics, Severity},
    source::SourceMap,
};

/// One preprocessing run and everything it produced.
struct Run {
    unit: Preprocessed,
    sources: SourceMap,
    diagnostics: Diagnostics,
}

/// Preprocesses `root` as `main.idl`, with `files` available to `#include`.
fn run_with(root: &str, files: &[(&str, &str)], options: &PreprocessOptions) -> Run {
    let mut loader = MemoryLoader::new();
    for (path, text) in files {
        loader.insert(path, *text);
    }
    run_loader("main.idl", root.as_bytes(), &loader, options)
}

fn run_loader(
    root_path: &str,
    root: &[u8],
    loader: &dyn SourceLoader,
    options: &PreprocessOptions,
) -> Run {
    let mut sources = SourceMap::new();
    let root = sources.add_bytes(root_path, root);
    let mut diagnostics = Diagnostics::new();
    let unit = preprocess(root, &mut sources, options, loader, &mut diagnostics);
    Run {
        unit,
        sources,
        diagnostics,
    }
}

/// Preprocesses `root` alone.
fn run(root: &str) -> Run {
    run_with(root, &[], &PreprocessOptions::default())
}

fn options(include_dirs: &[&str], defines: &[(&str, Option<&str>)]) -> PreprocessOptions {
    PreprocessOptions {
        include_dirs: include_dirs.iter().map(Into::into).collect(),
        defines: defines
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.map(str::to_owned)))
            .collect(),
    }
}

impl Run {
    fn text(&self) -> &str {
        &self.unit.text
    }

    /// Each diagnostic as `error file:line:col: message`.
    fn messages(&self) -> Vec<String> {
        self.diagnostics.iter().map(|d| self.describe(d)).collect()
    }

    fn describe(&self, d: &Diagnostic) -> String {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        match &d.primary {
            Some(label) => {
                let file = &self.sources.file(label.span.file).name;
                let (line, col) = self.sources.line_col(label.span);
                format!("{severity} {file}:{line}:{col}: {}", d.message)
            }
            None => format!("{severity}: {}", d.message),
        }
    }

    /// The one diagnostic there is, with its notes and help.
    fn only(&self) -> &Diagnostic {
        assert_eq!(self.diagnostics.len(), 1, "{:?}", self.messages());
        self.diagnostics
            .iter()
            .next()
            .unwrap_or_else(|| unreachable!())
    }

    /// The text the primary span of the one diagnostic covers.
    fn only_snippet(&self) -> &str {
        let span = self
            .only()
            .primary
            .as_ref()
            .map(|l| l.span)
            .unwrap_or_default();
        self.sources.snippet(span)
    }

    fn assert_clean(&self) {
        assert!(self.diagnostics.is_empty(), "{:?}", self.messages());
        assert!(!self.unit.fatal);
    }
}
