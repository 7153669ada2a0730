//! The IDL preprocessor: `#include`, conditionals, object-like macros, `#pragma`, `#line`,
//! `#error` and `#warning`, producing one translation unit whose every byte maps back to the file,
//! line and column it came from.
//!
//! This is not a C preprocessor clone: it does what IDL files use, and refuses (with a
//! diagnostic) what they do not need, rather than half-doing it.
//!
//! * `#include "file"` searches the including file's folder, then the `-I` folders in order;
//!   `#include <file>` the `-I` folders, then the including file's folder. A file is included at
//!   most once per translation unit (IDL files only declare, so a second copy could only add
//!   duplicate-declaration errors), an include that would re-enter a file being included is
//!   skipped with a warning, and includes nest at most 64 levels.
//! * `#if`, `#ifdef`, `#ifndef`, `#elif`, `#else`, `#endif`, with C's integer expressions
//!   (`defined`, every unary and binary operator, `?:`, integer and character literals).
//! * Object-like `#define NAME value` and `#undef`, substituted in active text outside comments and
//!   literals, never recursively, with limits on depth and size. Function-like macros are refused.
//! * `#pragma prefix`, `ID`, `version`, `keylist`, `DCPS_DATA_TYPE` and `DCPS_DATA_KEY` are parsed
//!   into [`PragmaKind`]; any other pragma is kept as text (omniORB's `#pragma hh #include "…"`
//!   is just such a pragma).
//! * `#line` and line markers are checked but do not change positions: diagnostics always point at
//!   the physical file, line and column, where the user edits.
//! * `#error` is an error, `#warning` a warning.
//!
//! The output keeps comments (the parser reads doc comments) and every active line with its
//! newline; directive lines and skipped lines produce nothing. A lexical error that would make the
//! parser report nonsense (an unterminated comment or literal, unbalanced conditionals, `#error`)
//! sets [`Preprocessed::fatal`].
//!
//! # Organization
//!
//! * this module: the public API ([`preprocess`], [`Preprocessed`], [`PreprocessOptions`]);
//! * `loader`: [`SourceLoader`], [`FsLoader`], [`MemoryLoader`] and path normalization;
//! * `offset_map`: [`OffsetMap`], from unit offsets back to files;
//! * `lines`: fast byte scanning of lines, comments and literals;
//! * `directive`: reading a directive's logical line and splitting it into tokens;
//! * `engine`: the driver that walks files, copies text and dispatches directives;
//! * `conditional`, `expr` and `literal`: conditional groups and `#if` expressions;
//! * `macros` and `define`: the macro table and expansion, `#define`, `#undef`, `-D`;
//! * `include`: `#include` search, once-only inclusion, cycles and depth;
//! * `pragma`: [`Pragma`] and its parsing;
//! * `line_control`: `#line` and line markers.

mod conditional;
mod define;
mod directive;
mod engine;
mod expr;
mod include;
mod line_control;
mod lines;
mod literal;
mod loader;
mod macros;
mod offset_map;
mod pragma;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use loader::{FsLoader, MemoryLoader, SourceLoader};
pub use offset_map::OffsetMap;
pub use pragma::{Pragma, PragmaKind};

use crate::{
    diagnostic::Diagnostics,
    source::{FileId, SourceMap},
};

/// What the caller sets: include folders and predefined macros.
#[derive(Clone, Debug, Default)]
pub struct PreprocessOptions {
    /// `-I` folders, searched in order after the including file's own folder.
    pub include_dirs: Vec<PathBuf>,
    /// `-D NAME[=VALUE]` macros; a macro without a value is defined as `1`.
    pub defines: Vec<(String, Option<String>)>,
}

/// The result of preprocessing one root file.
#[derive(Clone, Debug, Default)]
pub struct Preprocessed {
    /// The translation unit: every active line of the root file and what it includes.
    pub text: String,
    /// Maps every byte of `text` back to its source file.
    pub map: OffsetMap,
    /// Every `#pragma` of the active lines, in order.
    pub pragmas: Vec<Pragma>,
    /// Every file read, root first.
    pub files: Vec<FileId>,
    /// Set when the unit should not be parsed: an unterminated comment or literal, unbalanced
    /// conditionals, or `#error`. Parsing it would only add follow-on errors.
    pub fatal: bool,
}

/// Preprocesses the file already stored as `root` in `sources`, reading included files through
/// `loader` and storing them in `sources` too. Problems go to `diagnostics`; the result holds
/// whatever could be produced.
///
/// ```
/// use orbit_idl::{
///     Diagnostics, SourceMap,
///     preprocess::{MemoryLoader, PreprocessOptions, PragmaKind, preprocess},
/// };
///
/// let loader = MemoryLoader::new().with("types.idl", "typedef long Id;\n");
/// let mut sources = SourceMap::new();
/// let root = sources.add(
///     "main.idl",
///     "#include \"types.idl\"\n#pragma prefix \"example.org\"\n#define N 4\nstruct S { Id ids[N]; };\n"
///         .to_owned(),
/// );
/// let mut diagnostics = Diagnostics::new();
/// let unit = preprocess(root, &mut sources, &PreprocessOptions::default(), &loader, &mut diagnostics);
/// assert!(diagnostics.is_empty());
/// assert_eq!(unit.text, "typedef long Id;\nstruct S { Id ids[4]; };\n");
/// assert_eq!(unit.pragmas[0].kind, PragmaKind::Prefix("example.org".into()));
/// ```
pub fn preprocess(
    root: FileId,
    sources: &mut SourceMap,
    options: &PreprocessOptions,
    loader: &dyn SourceLoader,
    diagnostics: &mut Diagnostics,
) -> Preprocessed {
    let capacity = sources.file(root).text.len() + 1;
    let mut engine = engine::Engine::new(sources, options, loader, diagnostics);
    engine.unit.text.reserve(capacity);
    engine.define_options();
    engine.run_root(root);
    engine.unit
}
