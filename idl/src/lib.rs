//! OMG IDL front end for Orbit.
//!
//! `orbit-idl` turns `.idl` files into a checked [`Model`] that `orbit-codegen` turns into Rust.
//! It runs four stages and collects every problem as a [`Diagnostic`] that points at the exact
//! file, line and column:
//!
//! 1. [`preprocess`]: `#include`, `#if`/`#ifdef`, `#define`, `#pragma`, … into one translation
//!    unit that still knows where each byte came from;
//! 2. [`parser`]: a pest grammar of OMG IDL 4.2 (CORBA and DDS building blocks), building the
//!    [`ast`];
//! 3. [`check`]: name resolution, constant evaluation and the rules of the spec, building the
//!    [`model`];
//! 4. rendering: [`Diagnostics::render`] prints them the way rustc does,
//!    [`Diagnostics::to_json_lines`] for tools.
//!
//! # Example
//!
//! ```
//! let compilation = orbit_idl::Frontend::new().compile_source(
//!     "bank.idl",
//!     r#"
//!     module Bank {
//!         exception InsufficientFunds { double balance; };
//!         interface Account {
//!             readonly attribute double balance;
//!             void withdraw(in double amount) raises (InsufficientFunds);
//!         };
//!     };
//!     "#,
//! );
//! assert!(!compilation.diagnostics.has_errors(), "{}", compilation.render_diagnostics());
//!
//! // A mistake is reported with its file, line and column and the offending source line.
//! let bad = orbit_idl::Frontend::new()
//!     .compile_source("bad.idl", "module M { struct S { long a } };");
//! assert!(bad.diagnostics.has_errors());
//! assert!(bad.render_diagnostics().contains("bad.idl:1:"));
//! ```

#![forbid(unsafe_code)]

pub mod ast;
pub mod check;
pub mod diagnostic;
pub mod model;
pub mod parser;
pub mod preprocess;
pub mod source;
#[cfg(test)]
mod test_corpus;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use model::Model;
pub use source::{FileId, SourceMap, Span};

use preprocess::{FsLoader, PreprocessOptions, Preprocessed, SourceLoader};

/// Runs the front end with a set of include folders and macro definitions.
#[derive(Clone, Debug, Default)]
pub struct Frontend {
    options: PreprocessOptions,
}

/// Everything one run of the front end produced.
#[derive(Debug)]
pub struct Compilation {
    /// Every file read, for rendering diagnostics.
    pub sources: SourceMap,
    /// Every problem found, sorted by position.
    pub diagnostics: Diagnostics,
    /// The preprocessed translation unit.
    pub unit: Preprocessed,
    /// The syntax tree, when the unit parsed.
    pub ast: Option<ast::Specification>,
    /// The checked model, when the unit parsed (check `diagnostics` for errors before trusting it).
    pub model: Option<Model>,
}

impl Compilation {
    /// The diagnostics rendered rustc-style, without colours.
    pub fn render_diagnostics(&self) -> String {
        self.diagnostics.render(&self.sources)
    }

    /// Every file read: the root file first, then every included one.
    pub fn files_read(&self) -> impl Iterator<Item = &Path> {
        self.unit
            .files
            .iter()
            .map(|&id| self.sources.file(id).path.as_path())
    }
}

impl Frontend {
    /// A front end with no include folders and no macros.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a folder to search for `#include`d files, after the including file's own folder.
    pub fn include_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.options.include_dirs.push(dir.into());
        self
    }

    /// Defines a macro, as `-D NAME` (value `1`) or `-D NAME=VALUE` would.
    pub fn define(&mut self, name: impl Into<String>, value: Option<&str>) -> &mut Self {
        self.options
            .defines
            .push((name.into(), value.map(str::to_owned)));
        self
    }

    /// Preprocesses, parses and checks the file at `path`.
    pub fn compile_file(&self, path: impl AsRef<Path>) -> Compilation {
        self.compile_file_with(path.as_ref(), &FsLoader)
    }

    /// Like [`compile_file`](Self::compile_file), reading files through `loader`.
    pub fn compile_file_with(&self, path: &Path, loader: &dyn SourceLoader) -> Compilation {
        let mut sources = SourceMap::new();
        match loader.load(path) {
            Ok(bytes) => {
                let root = sources.add_bytes(path, &bytes);
                self.run(sources, root, loader)
            }
            Err(error) => {
                let mut diagnostics = Diagnostics::new();
                diagnostics.push(Diagnostic::error_without_span(format!(
                    "cannot read `{}`: {error}",
                    path.display()
                )));
                Compilation {
                    sources,
                    diagnostics,
                    unit: Preprocessed::default(),
                    ast: None,
                    model: None,
                }
            }
        }
    }

    /// Preprocesses, parses and checks `text` as if it were the file `name`. Relative includes
    /// are looked up from the current folder and the include folders.
    pub fn compile_source(&self, name: &str, text: &str) -> Compilation {
        let mut sources = SourceMap::new();
        let root = sources.add(name, text.to_owned());
        self.run(sources, root, &FsLoader)
    }

    fn run(&self, mut sources: SourceMap, root: FileId, loader: &dyn SourceLoader) -> Compilation {
        let mut diagnostics = Diagnostics::new();
        let unit =
            preprocess::preprocess(root, &mut sources, &self.options, loader, &mut diagnostics);
        // A unit with an unterminated comment or literal, unbalanced conditionals or `#error`
        // would only produce follow-on syntax errors.
        let ast = if unit.fatal {
            None
        } else {
            parser::parse(&unit, &mut diagnostics)
        };
        let model = ast
            .as_ref()
            .map(|spec| check::check(spec, &unit, &sources, &mut diagnostics));
        diagnostics.sort();
        Compilation {
            sources,
            diagnostics,
            unit,
            ast,
            model,
        }
    }
}
