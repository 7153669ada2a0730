//! `.proto` files from the checked model: one proto3 file per IDL module path, following the
//! wire layout in [`crate::wire`] (`docs/DESIGN.md`, "Protobuf mapping").

use orbit_idl::{Diagnostics, model::Model};

/// One emitted `.proto` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProtoFile {
    /// The file name, e.g. `Finance.proto`, or `_global_.proto` for top-level declarations.
    pub name: String,
    /// The file's text.
    pub content: String,
}

/// Emits the `.proto` files of a whole model, sorted by name.
///
/// # Errors
///
/// The diagnostics of every declaration that has no protobuf mapping.
pub fn generate(model: &Model) -> Result<Vec<ProtoFile>, Diagnostics> {
    let _ = model;
    Ok(Vec::new())
}
