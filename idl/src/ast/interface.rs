//! Interfaces and exceptions (§7.4.3, §7.4.4): operations, attributes, parameters.

use super::{Annotation, Definition, Ident, Member, ScopedName, StringLiteral, TypeSpec};
use crate::source::Span;

/// Which flavour of interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterfaceKind {
    /// A plain, remotely callable interface.
    Unconstrained,
    /// `local interface`: never called remotely.
    Local,
    /// `abstract interface`.
    Abstract,
}

/// `interface I : A, B { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Interface {
    /// `local`, `abstract` or neither.
    pub kind: InterfaceKind,
    /// The interface's name.
    pub name: Ident,
    /// The interfaces it inherits from.
    pub bases: Vec<ScopedName>,
    /// Its operations, attributes and nested declarations, in source order.
    pub body: Vec<Export>,
}

/// `interface I;` (also `local` / `abstract`).
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceForward {
    /// `local`, `abstract` or neither.
    pub kind: InterfaceKind,
    /// The interface's name.
    pub name: Ident,
}

/// What an interface body holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Export {
    /// An operation.
    Operation(Operation),
    /// One or more attributes.
    Attribute(Attribute),
    /// A nested type, constant or exception declaration (and `typeid`/`typeprefix`/`import`).
    Definition(Definition),
}

/// `oneway void op(in long a) raises (E) context ("x");`
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Annotations before the operation.
    pub annotations: Vec<Annotation>,
    /// Comments directly before the operation.
    pub doc: Option<String>,
    /// Whether it is `oneway`.
    pub oneway: bool,
    /// The result type; `None` for `void`.
    pub result: Option<TypeSpec>,
    /// The operation's name.
    pub name: Ident,
    /// Its parameters, in order.
    pub params: Vec<Param>,
    /// The exceptions it may raise.
    pub raises: Vec<ScopedName>,
    /// The context names of a `context (…)` clause.
    pub context: Vec<StringLiteral>,
    /// The whole operation, up to `;`.
    pub span: Span,
}

/// Which way a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamDirection {
    /// `in`: caller to callee.
    In,
    /// `out`: callee to caller.
    Out,
    /// `inout`: both.
    InOut,
}

/// One operation parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Annotations before the parameter.
    pub annotations: Vec<Annotation>,
    /// `in`, `out` or `inout`.
    pub direction: ParamDirection,
    /// The parameter's type.
    pub ty: TypeSpec,
    /// The parameter's name.
    pub name: Ident,
    /// The whole parameter.
    pub span: Span,
}

/// `readonly attribute T a, b;` or `attribute T a getraises (E) setraises (F);`
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    /// Annotations before the attribute.
    pub annotations: Vec<Annotation>,
    /// Comments directly before the attribute.
    pub doc: Option<String>,
    /// Whether it is `readonly`.
    pub readonly: bool,
    /// The attribute's type.
    pub ty: TypeSpec,
    /// The attribute names (several only without raises clauses).
    pub names: Vec<Ident>,
    /// Exceptions the getter may raise (`raises` of a readonly attribute, or `getraises`).
    pub get_raises: Vec<ScopedName>,
    /// Exceptions the setter may raise (`setraises`).
    pub set_raises: Vec<ScopedName>,
    /// The whole attribute, up to `;`.
    pub span: Span,
}

/// `exception E { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Exception {
    /// The exception's name.
    pub name: Ident,
    /// Its members; may be empty.
    pub members: Vec<Member>,
}
