//! The abstract syntax tree of an OMG IDL specification.
//!
//! The AST is what the parser builds from one preprocessed translation unit, before any name is
//! resolved or any constant evaluated. Every node carries a [`Span`] (file id + byte range in that
//! file) so later passes can point at it. Section numbers refer to OMG IDL 4.2 (formal/18-01-05).
//!
//! # Organization
//!
//! * this module: names, the specification and its definitions (§7.4.1);
//! * [`types`]: type specifiers, declarators, structs, unions, enums, bitsets, bitmasks, typedefs
//!   (§7.4.1.4.4, §7.4.13);
//! * [`interface`]: interfaces, operations, attributes, exceptions (§7.4.3, §7.4.4);
//! * [`expr`]: constant expressions and literals (§7.4.1.4.2, §7.2.6);
//! * [`annotation`]: annotation applications and declarations (§7.4.15);
//! * [`value`]: valuetypes and value boxes (§7.4.5, §7.4.7);
//! * [`ccm`]: components, homes, event types, ports, connectors and template modules (§7.4.8–§7.4.12).

pub mod annotation;
pub mod ccm;
pub mod expr;
pub mod interface;
pub mod types;
pub mod value;

pub use annotation::*;
pub use ccm::*;
pub use expr::*;
pub use interface::*;
pub use types::*;
pub use value::*;

use crate::source::Span;

/// An identifier, with the leading `_` of an escaped identifier (§7.2.3.1) removed.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name, without the escape underscore.
    pub name: String,
    /// Whether the source spelled it with a leading `_` (as in `_String`).
    pub escaped: bool,
    /// Where it stands.
    pub span: Span,
}

/// A possibly qualified name such as `A::B::C` or `::A::B` (§7.4.1.4.1).
#[derive(Clone, Debug, PartialEq)]
pub struct ScopedName {
    /// Whether the name starts with `::` (resolved from the global scope).
    pub absolute: bool,
    /// The components, outermost first; never empty, except for the global scope `::` alone
    /// (`typeprefix :: "omg.org";`), which is absolute with no parts.
    pub parts: Vec<Ident>,
    /// The whole name.
    pub span: Span,
}

impl std::fmt::Display for ScopedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.absolute {
            f.write_str("::")?;
        }
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                f.write_str("::")?;
            }
            f.write_str(&part.name)?;
        }
        Ok(())
    }
}

/// A whole translation unit: the root file with every included file spliced in.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Specification {
    /// The top-level definitions, in source order.
    pub definitions: Vec<Definition>,
}

/// One definition, with what applies to all kinds: annotations, documentation and span.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// Annotations written before the definition.
    pub annotations: Vec<Annotation>,
    /// The text of the comments directly before the definition, with comment markers removed.
    pub doc: Option<String>,
    /// What is defined.
    pub kind: DefinitionKind,
    /// From the first annotation (or keyword) to the closing `;`.
    pub span: Span,
}

impl Definition {
    /// The name the definition declares, if it declares exactly one.
    pub fn name(&self) -> Option<&Ident> {
        use DefinitionKind as K;
        Some(match &self.kind {
            K::Module(m) => &m.name,
            K::Interface(i) => &i.name,
            K::InterfaceForward(f) => &f.name,
            K::Const(c) => &c.name,
            K::Struct(s) => &s.name,
            K::StructForward(f) | K::UnionForward(f) => &f.name,
            K::Union(u) => &u.name,
            K::Enum(e) => &e.name,
            K::Native(n) => n,
            K::Exception(e) => &e.name,
            K::Bitset(b) => &b.name,
            K::Bitmask(b) => &b.name,
            K::Annotation(a) => &a.name,
            K::ValueType(v) => &v.name,
            K::ValueBox(v) => &v.name,
            K::ValueForward(v) => &v.name,
            K::Component(c) => &c.name,
            K::ComponentForward(f) => f,
            K::Home(h) => &h.name,
            K::Porttype(p) => &p.name,
            K::Connector(c) => &c.name,
            K::TemplateModule(t) => &t.name,
            K::TemplateInstance(t) => &t.name,
            K::Typedef(_) | K::TypeId(_) | K::TypePrefix(_) | K::Import(_) => return None,
        })
    }
}

/// The kinds of definition (§7.4.1.3 `definition` and the building blocks that extend it).
#[derive(Clone, Debug, PartialEq)]
pub enum DefinitionKind {
    /// `module M { … };`
    Module(Module),
    /// `interface I : A, B { … };`, also `local` and `abstract`.
    Interface(Interface),
    /// `interface I;`
    InterfaceForward(InterfaceForward),
    /// `const T N = expr;`
    Const(Const),
    /// `typedef T a, b[3];`
    Typedef(Typedef),
    /// `struct S : Base { … };`
    Struct(Struct),
    /// `struct S;`
    StructForward(TypeForward),
    /// `union U switch (D) { … };`
    Union(Union),
    /// `union U;`
    UnionForward(TypeForward),
    /// `enum E { A, B };`
    Enum(Enum),
    /// `native N;`
    Native(Ident),
    /// `exception E { … };`
    Exception(Exception),
    /// `bitset B : Base { bitfield<3> a; … };`
    Bitset(Bitset),
    /// `bitmask M { A, B };`
    Bitmask(Bitmask),
    /// `@annotation A { … };`
    Annotation(AnnotationDecl),
    /// `valuetype V … { … };`, also `abstract`, `custom` and `eventtype`.
    ValueType(ValueType),
    /// `valuetype B long;`
    ValueBox(ValueBox),
    /// `valuetype V;`, `abstract valuetype V;`, `eventtype E;`
    ValueForward(ValueForward),
    /// `typeid Name "IDL:…:1.0";`
    TypeId(TypeId),
    /// `typeprefix Name "prefix";`
    TypePrefix(TypePrefix),
    /// `import ::CORBA;` or `import "file";`
    Import(Import),
    /// `component C : Base supports I { … };`
    Component(Component),
    /// `component C;`
    ComponentForward(Ident),
    /// `home H manages C primarykey K { … };`
    Home(Home),
    /// `porttype P { … };`
    Porttype(Porttype),
    /// `connector C : Base { … };`
    Connector(Connector),
    /// `module M<typename T, …> { … };`
    TemplateModule(TemplateModule),
    /// `module M<A, B> Inst;`
    TemplateInstance(TemplateInstance),
}

/// `module M { … };` (§7.4.1.4.1). The same module may be opened many times.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The module's name.
    pub name: Ident,
    /// Its definitions, in source order.
    pub definitions: Vec<Definition>,
}

/// `const T N = expr;` (§7.4.1.4.2)
#[derive(Clone, Debug, PartialEq)]
pub struct Const {
    /// The declared type.
    pub ty: TypeSpec,
    /// The constant's name.
    pub name: Ident,
    /// The value expression, not yet evaluated.
    pub value: ConstExpr,
}

/// `typeid Name "RepositoryId";` (§7.4.6.4.1)
#[derive(Clone, Debug, PartialEq)]
pub struct TypeId {
    /// The definition whose repository id is set.
    pub target: ScopedName,
    /// The repository id.
    pub id: StringLiteral,
}

/// `typeprefix Name "prefix";` (§7.4.6.4.2)
#[derive(Clone, Debug, PartialEq)]
pub struct TypePrefix {
    /// The scope whose repository ids get the prefix (`::` alone for the global scope).
    pub target: ScopedName,
    /// The prefix.
    pub prefix: StringLiteral,
}

/// `import …;` (§7.4.6.4.3)
#[derive(Clone, Debug, PartialEq)]
pub enum Import {
    /// `import ::CORBA;`
    Scope(ScopedName),
    /// `import "IDL:omg.org/CORBA:1.0";`
    RepositoryId(StringLiteral),
}
