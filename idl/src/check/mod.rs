//! The semantic pass: from the AST to the checked [`Model`].

use crate::{
    ast::Specification, diagnostic::Diagnostics, model::Model, preprocess::Preprocessed,
    source::SourceMap,
};

/// Checks a parsed specification and builds the model code generation consumes. Every error
/// found goes to `diagnostics`.
pub fn check(
    spec: &Specification,
    unit: &Preprocessed,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) -> Model {
    let _ = (spec, unit, sources, diagnostics);
    Model::default()
}
