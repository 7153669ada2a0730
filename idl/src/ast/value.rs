//! Value types (§7.4.5, §7.4.7): state members, factories, value boxes. Kept in the AST so files
//! that use them parse and check; code generation refuses them with a diagnostic.

use super::{Export, Ident, Member, Param, ScopedName, TypeSpec};
use crate::source::Span;

/// Which flavour of value type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// `valuetype V { … };`
    Concrete,
    /// `custom valuetype V { … };`
    Custom,
    /// `abstract valuetype V { … };`
    Abstract,
    /// `eventtype E { … };` (CCM)
    Event,
    /// `custom eventtype E { … };`
    CustomEvent,
    /// `abstract eventtype E { … };`
    AbstractEvent,
}

/// `valuetype V : truncatable B, C supports I { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct ValueType {
    /// Concrete, custom, abstract, or one of the event type forms.
    pub kind: ValueKind,
    /// The value type's name.
    pub name: Ident,
    /// Whether the first base is `truncatable`.
    pub truncatable: bool,
    /// The value types it inherits from.
    pub bases: Vec<ScopedName>,
    /// The interfaces it supports.
    pub supports: Vec<ScopedName>,
    /// Its body, in source order.
    pub body: Vec<ValueElement>,
}

/// What a value type's body holds.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueElement {
    /// An operation, attribute or nested declaration.
    Export(Export),
    /// `public T a;` or `private T a;`
    State {
        /// Whether the member is `public`.
        public: bool,
        /// The member.
        member: Member,
    },
    /// `factory create(in long a) raises (E);`
    Factory(Factory),
}

/// A value type or home factory (or a home finder).
#[derive(Clone, Debug, PartialEq)]
pub struct Factory {
    /// The factory's name.
    pub name: Ident,
    /// Its parameters (always `in`).
    pub params: Vec<Param>,
    /// The exceptions it may raise.
    pub raises: Vec<ScopedName>,
    /// The whole factory.
    pub span: Span,
}

/// `valuetype B long;`
#[derive(Clone, Debug, PartialEq)]
pub struct ValueBox {
    /// The box's name.
    pub name: Ident,
    /// The boxed type.
    pub ty: TypeSpec,
}

/// `valuetype V;`, `abstract valuetype V;`, `eventtype E;`
#[derive(Clone, Debug, PartialEq)]
pub struct ValueForward {
    /// Which flavour the forward declaration names.
    pub kind: ValueKind,
    /// The declared name.
    pub name: Ident,
}
