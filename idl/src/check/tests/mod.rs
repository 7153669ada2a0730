//! Tests of the semantic pass, one file per area, on IDL text run through the whole front end.
//! Each asserts the exact messages and their 1-based `line:column`.

mod annotations;
mod constants;
mod declarations;
mod interfaces;
mod keys_and_pragmas;
mod member_ids;
mod model;
mod names;
mod types;
mod unions_enums;

use crate::{Compilation, Frontend, diagnostic::Diagnostic};

/// Compiles `text` as `test.idl`.
pub(super) fn compile(text: &str) -> Compilation {
    Frontend::new().compile_source("test.idl", text)
}

/// Every diagnostic as `line:column: severity: message`, in order.
pub(super) fn messages(text: &str) -> Vec<String> {
    let compilation = compile(text);
    compilation
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = position(&compilation, d);
            let severity = if d.is_error() { "error" } else { "warning" };
            format!("{line}:{column}: {severity}: {}", d.message)
        })
        .collect()
}

/// Only the errors, as `line:column: message`.
pub(super) fn errors(text: &str) -> Vec<String> {
    let compilation = compile(text);
    compilation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let (line, column) = position(&compilation, d);
            format!("{line}:{column}: {}", d.message)
        })
        .collect()
}

/// Asserts that `text` checks without errors (warnings allowed), showing them when it does not.
pub(super) fn assert_clean(text: &str) -> Compilation {
    let compilation = compile(text);
    assert!(
        !compilation.diagnostics.has_errors(),
        "unexpected errors:\n{}",
        compilation.render_diagnostics()
    );
    compilation
}

/// The one diagnostic of `text`, rendered rustc-style.
pub(super) fn rendered(text: &str) -> String {
    compile(text).render_diagnostics()
}

fn position(compilation: &Compilation, diagnostic: &Diagnostic) -> (usize, usize) {
    diagnostic
        .primary
        .as_ref()
        .map_or((0, 0), |label| compilation.sources.line_col(label.span))
}
