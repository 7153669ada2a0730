//! Declarations: the entries of the model's arena.

use super::{
    Annotation, Bitmask, Bitset, Const, Enum, Exception, Interface, Module, Name, Struct, Typedef,
    Union,
};
use std::borrow::Cow;

use crate::source::Span;

/// Index of a declaration in the [`Model`](super::Model)'s arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeclId(pub u32);

impl DeclId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One named declaration: a module, type, constant, exception, interface, …
#[derive(Clone, Debug, PartialEq)]
pub struct Decl {
    /// The simple name, without escape underscore (`Account`).
    pub name: Name,
    /// The full scoped name without a leading `::` (`Bank::Account`).
    pub scoped_name: Name,
    /// The enclosing module, interface, struct or union; `None` at the top level.
    pub parent: Option<DeclId>,
    /// The comments written directly before the (first) definition.
    pub doc: Option<String>,
    /// Annotations applied to the definition, evaluated (reopened modules collect all of theirs).
    pub annotations: Vec<Annotation>,
    /// The whole definition; for a module, its first opening; for a type declared only ahead
    /// (`struct S;`), that forward declaration.
    pub span: Span,
    /// Where the name stands in that definition.
    pub name_span: Span,
    /// The OMG repository id when it is not the default one, `IDL:<scoped name with />:1.0`:
    /// set by `#pragma prefix`, `#pragma ID`, `#pragma version`, `typeid` or `typeprefix`.
    /// [`repository_id`](Decl::repository_id) gives the id either way.
    pub custom_repository_id: Option<Name>,
    /// What is declared.
    pub kind: DeclKind,
}

impl Decl {
    /// The OMG repository id (`IDL:omg.org/CosNaming/NamingContext:1.0`), after `#pragma prefix`,
    /// `#pragma ID`, `#pragma version`, `typeid` and `typeprefix`. The default id is built
    /// from the scoped name when asked for.
    ///
    /// ```
    /// let compilation = orbit_idl::Frontend::new()
    ///     .compile_source("bank.idl", "module Bank { interface Account {}; };");
    /// let model = compilation.model.expect("a model");
    /// let account = model.decl(model.lookup("Bank::Account").expect("declared"));
    /// assert_eq!(account.repository_id(), "IDL:Bank/Account:1.0");
    /// ```
    pub fn repository_id(&self) -> Cow<'_, str> {
        match &self.custom_repository_id {
            Some(id) => Cow::Borrowed(id.as_str()),
            None => Cow::Owned(default_repository_id(&self.scoped_name)),
        }
    }
}

/// `IDL:A/B/C:1.0` for the scoped name `A::B::C` (identifiers hold no `:`).
fn default_repository_id(scoped_name: &str) -> String {
    let mut id = String::with_capacity(scoped_name.len() + 8);
    id.push_str("IDL:");
    for (i, part) in scoped_name.split("::").enumerate() {
        if i > 0 {
            id.push('/');
        }
        id.push_str(part);
    }
    id.push_str(":1.0");
    id
}

/// What a declaration declares.
#[derive(Clone, Debug, PartialEq)]
pub enum DeclKind {
    /// `module M { … };` with every reopening merged.
    Module(Module),
    /// `struct S { … };`
    Struct(Struct),
    /// `union U switch (D) { … };`
    Union(Union),
    /// `enum E { … };`
    Enum(Enum),
    /// `bitmask M { … };`
    Bitmask(Bitmask),
    /// `bitset B { … };`
    Bitset(Bitset),
    /// One declarator of `typedef T a, b[3];`.
    Typedef(Typedef),
    /// `const T N = value;`
    Const(Const),
    /// `exception E { … };`
    Exception(Exception),
    /// `interface I { … };`, also `local` and `abstract`.
    Interface(Interface),
    /// `native N;`
    Native,
    /// A struct, union or interface declared ahead (`struct S;`) and never defined in this unit.
    Forward(ForwardKind),
    /// A construct the checker accepts but code generation refuses (valuetypes, CCM, templates).
    Unsupported(Unsupported),
}

impl DeclKind {
    /// A short lowercase description for messages: `struct`, `module`, `typedef`, …
    pub fn describe(&self) -> &'static str {
        match self {
            DeclKind::Module(_) => "module",
            DeclKind::Struct(_) => "struct",
            DeclKind::Union(_) => "union",
            DeclKind::Enum(_) => "enum",
            DeclKind::Bitmask(_) => "bitmask",
            DeclKind::Bitset(_) => "bitset",
            DeclKind::Typedef(_) => "typedef",
            DeclKind::Const(_) => "constant",
            DeclKind::Exception(_) => "exception",
            DeclKind::Interface(_) => "interface",
            DeclKind::Native => "native type",
            DeclKind::Forward(kind) => kind.describe(),
            DeclKind::Unsupported(u) => u.what.describe(),
        }
    }

    /// Whether the declaration names a type (anything a member or parameter may have).
    pub fn is_type(&self) -> bool {
        match self {
            DeclKind::Struct(_)
            | DeclKind::Union(_)
            | DeclKind::Enum(_)
            | DeclKind::Bitmask(_)
            | DeclKind::Bitset(_)
            | DeclKind::Typedef(_)
            | DeclKind::Interface(_)
            | DeclKind::Native
            | DeclKind::Forward(_) => true,
            DeclKind::Unsupported(u) => u.what.is_type(),
            DeclKind::Module(_) | DeclKind::Const(_) | DeclKind::Exception(_) => false,
        }
    }
}

/// What a never-defined forward declaration announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForwardKind {
    /// `struct S;`
    Struct,
    /// `union U;`
    Union,
    /// `interface I;` (of any flavour).
    Interface(crate::ast::InterfaceKind),
}

impl ForwardKind {
    /// A short lowercase description for messages.
    pub fn describe(self) -> &'static str {
        match self {
            ForwardKind::Struct => "struct",
            ForwardKind::Union => "union",
            ForwardKind::Interface(_) => "interface",
        }
    }
}

/// A declaration code generation does not support, kept so diagnostics can name it.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsupported {
    /// Which construct.
    pub what: UnsupportedKind,
    /// The whole construct.
    pub span: Span,
    /// Declarations nested inside it (types and constants of a valuetype or home), in source
    /// order.
    pub items: Vec<super::DeclId>,
}

/// The constructs kept as [`Unsupported`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsupportedKind {
    /// `valuetype V { … };` (and `custom`/`abstract`), or its forward declaration.
    ValueType,
    /// `valuetype B long;`
    ValueBox,
    /// `eventtype E { … };` or its forward declaration.
    EventType,
    /// `component C { … };` or its forward declaration.
    Component,
    /// `home H manages C { … };`
    Home,
    /// `porttype P { … };`
    Porttype,
    /// `connector C { … };`
    Connector,
    /// `module M<typename T> { … };`
    TemplateModule,
    /// `module M<A> Inst;`
    TemplateInstance,
}

impl UnsupportedKind {
    /// A short lowercase description for messages.
    pub fn describe(self) -> &'static str {
        match self {
            UnsupportedKind::ValueType => "valuetype",
            UnsupportedKind::ValueBox => "value box",
            UnsupportedKind::EventType => "eventtype",
            UnsupportedKind::Component => "component",
            UnsupportedKind::Home => "home",
            UnsupportedKind::Porttype => "porttype",
            UnsupportedKind::Connector => "connector",
            UnsupportedKind::TemplateModule => "template module",
            UnsupportedKind::TemplateInstance => "template module instance",
        }
    }

    /// Whether the construct names a type.
    pub fn is_type(self) -> bool {
        matches!(
            self,
            UnsupportedKind::ValueType
                | UnsupportedKind::ValueBox
                | UnsupportedKind::EventType
                | UnsupportedKind::Component
                | UnsupportedKind::Home
        )
    }
}
