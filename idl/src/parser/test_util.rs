//! Helpers for the parser's tests: parse a string and look at the tree or the diagnostics.

use crate::{
    ast::Specification,
    diagnostic::Diagnostics,
    preprocess::{self, FsLoader, PreprocessOptions},
    source::SourceMap,
};

/// Parses `text` as the file `test.idl`; returns the tree and every diagnostic as
/// `"line:column message"`.
pub(crate) fn parse_with_diagnostics(text: &str) -> (Option<Specification>, Vec<String>) {
    let mut sources = SourceMap::new();
    let root = sources.add("test.idl", text.to_owned());
    let mut diagnostics = Diagnostics::new();
    let unit = preprocess::preprocess(
        root,
        &mut sources,
        &PreprocessOptions::default(),
        &FsLoader,
        &mut diagnostics,
    );
    let spec = super::parse(&unit, &mut diagnostics);
    let messages = diagnostics
        .iter()
        .map(|d| match &d.primary {
            Some(label) => {
                let (line, column) = sources.line_col(label.span);
                format!("{line}:{column} {}", d.message)
            }
            None => d.message.clone(),
        })
        .collect();
    (spec, messages)
}

/// Parses `text`, failing the test on any diagnostic.
pub(crate) fn parse_err_free(text: &str) -> Specification {
    match parse_with_diagnostics(text) {
        (Some(spec), errors) if errors.is_empty() => spec,
        (_, errors) => panic!("unexpected diagnostics for {text:?}: {errors:#?}"),
    }
}

/// The single diagnostic of `text`, as `"line:column message"`.
pub(crate) fn single_error(text: &str) -> String {
    let (_, mut errors) = parse_with_diagnostics(text);
    assert_eq!(
        errors.len(),
        1,
        "expected one diagnostic for {text:?}: {errors:#?}"
    );
    errors.remove(0)
}
