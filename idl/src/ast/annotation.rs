//! Annotations (§7.4.15): applications such as `@key`, `@range(min = 1, max = 5)` and
//! declarations such as `@annotation Unit { string value; };`.

use super::{ConstExpr, Definition, Ident, ScopedName, TypeSpec};
use crate::source::Span;

/// One annotation application.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// The annotation's name (`key`, `range`, `::M::custom`).
    pub name: ScopedName,
    /// Its arguments.
    pub args: AnnotationArgs,
    /// From `@` to the closing parenthesis.
    pub span: Span,
}

impl Annotation {
    /// The last component of the name (`key` for `@key` and `@::M::key`).
    pub fn simple_name(&self) -> &str {
        self.name.parts.last().map_or("", |p| p.name.as_str())
    }
}

/// What follows an annotation's name.
#[derive(Clone, Debug, PartialEq)]
pub enum AnnotationArgs {
    /// `@key` or `@key()`.
    None,
    /// `@id(5)`, `@extensibility(FINAL)`.
    Positional(ConstExpr),
    /// `@range(min = 1, max = 5)`.
    Named(Vec<NamedArg>),
}

/// `name = value` inside an annotation's parentheses.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedArg {
    /// The parameter's name.
    pub name: Ident,
    /// The argument.
    pub value: ConstExpr,
}

/// `@annotation Name { … };` (§7.4.15.2)
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationDecl {
    /// The annotation's name.
    pub name: Ident,
    /// Its parameters and the types and constants declared for them.
    pub body: Vec<AnnotationBodyItem>,
}

/// One item of an annotation declaration's body.
#[derive(Clone, Debug, PartialEq)]
pub enum AnnotationBodyItem {
    /// `T name [default value];`
    Member(AnnotationMember),
    /// An `enum`, `const` or `typedef` declared for the parameters.
    Definition(Definition),
}

/// A parameter of a user-defined annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationMember {
    /// The parameter's type.
    pub ty: TypeSpec,
    /// Its name.
    pub name: Ident,
    /// The value used when an application leaves it out.
    pub default: Option<ConstExpr>,
    /// The whole member.
    pub span: Span,
}
