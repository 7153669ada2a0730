//! The checked model: every declaration with its scoped name, repository id, resolved types and
//! evaluated constants. This is what code generation consumes.

/// The checked contents of one translation unit.
#[derive(Clone, Debug, Default)]
pub struct Model {}
