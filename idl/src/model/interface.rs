//! Interfaces: operations, parameters and attributes.

use super::{Annotation, DeclId, Name, Type};
pub use crate::ast::{InterfaceKind, ParamDirection};
use crate::source::Span;

/// `interface I : A, B { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Interface {
    /// Unconstrained, `local` or `abstract`.
    pub kind: InterfaceKind,
    /// The interfaces it directly inherits from, in the order written.
    pub bases: Vec<DeclId>,
    /// Its own operations, in order.
    pub operations: Vec<Operation>,
    /// Its own attributes, in order (one entry per name of `attribute T a, b;`).
    pub attributes: Vec<Attribute>,
    /// Types, constants and exceptions declared inside it, in order.
    pub items: Vec<DeclId>,
}

/// One operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Its name.
    pub name: Name,
    /// Where the name stands.
    pub name_span: Span,
    /// The comments directly before it.
    pub doc: Option<String>,
    /// Annotations applied to it, evaluated.
    pub annotations: Vec<Annotation>,
    /// Whether it is `oneway`.
    pub oneway: bool,
    /// The result type; `None` for `void`.
    pub result: Option<Type>,
    /// The parameters, in order.
    pub params: Vec<Param>,
    /// The exceptions it may raise, resolved.
    pub raises: Vec<DeclId>,
    /// The names of its `context (…)` clause.
    pub context: Vec<String>,
    /// The whole operation.
    pub span: Span,
}

/// One operation parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: Name,
    /// Where the name stands.
    pub name_span: Span,
    /// `in`, `out` or `inout`.
    pub direction: ParamDirection,
    /// Its type.
    pub ty: Type,
    /// Annotations applied to it, evaluated.
    pub annotations: Vec<Annotation>,
}

/// One attribute.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    /// Its name.
    pub name: Name,
    /// Where the name stands.
    pub name_span: Span,
    /// The comments directly before it.
    pub doc: Option<String>,
    /// Annotations applied to it, evaluated.
    pub annotations: Vec<Annotation>,
    /// Whether it is `readonly` (no setter).
    pub readonly: bool,
    /// Its type.
    pub ty: Type,
    /// Exceptions the getter may raise.
    pub get_raises: Vec<DeclId>,
    /// Exceptions the setter may raise.
    pub set_raises: Vec<DeclId>,
}
