//! CORBA Component Model constructs (§7.4.8–§7.4.12): components, homes, port types,
//! connectors and template modules. Parsed and kept so CCM files check; code generation refuses
//! them with a diagnostic.

use super::{Attribute, ConstExpr, Definition, Export, Factory, Ident, ScopedName, TypeSpec};
use crate::source::Span;

/// `component C : Base supports I { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// The component's name.
    pub name: Ident,
    /// The component it extends.
    pub base: Option<ScopedName>,
    /// The interfaces it supports.
    pub supports: Vec<ScopedName>,
    /// Its ports and attributes.
    pub body: Vec<PortDecl>,
}

/// A port or attribute inside a component, port type or connector body.
#[derive(Clone, Debug, PartialEq)]
pub enum PortDecl {
    /// `provides I name;`
    Provides(ScopedName, Ident),
    /// `uses [multiple] I name;`
    Uses {
        /// Whether `multiple` was written.
        multiple: bool,
        /// The used interface.
        ty: ScopedName,
        /// The port's name.
        name: Ident,
    },
    /// `emits E name;`
    Emits(ScopedName, Ident),
    /// `publishes E name;`
    Publishes(ScopedName, Ident),
    /// `consumes E name;`
    Consumes(ScopedName, Ident),
    /// `port P name;` or `mirrorport P name;`
    Port {
        /// Whether it is a `mirrorport`.
        mirror: bool,
        /// The port type.
        ty: ScopedName,
        /// The port's name.
        name: Ident,
    },
    /// An attribute.
    Attribute(Attribute),
}

/// `home H : Base supports I manages C primarykey K { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Home {
    /// The home's name.
    pub name: Ident,
    /// The home it extends.
    pub base: Option<ScopedName>,
    /// The interfaces it supports.
    pub supports: Vec<ScopedName>,
    /// The component type it manages.
    pub manages: ScopedName,
    /// The primary key value type, if any.
    pub primary_key: Option<ScopedName>,
    /// Its operations, attributes, factories and finders.
    pub body: Vec<HomeElement>,
}

/// What a home body holds.
#[derive(Clone, Debug, PartialEq)]
pub enum HomeElement {
    /// An operation, attribute or nested declaration.
    Export(Export),
    /// `factory name(…) raises (…);`
    Factory(Factory),
    /// `finder name(…) raises (…);`
    Finder(Factory),
}

/// `porttype P { provides I a; uses J b; };`
#[derive(Clone, Debug, PartialEq)]
pub struct Porttype {
    /// The port type's name.
    pub name: Ident,
    /// Its ports and attributes.
    pub body: Vec<PortDecl>,
}

/// `connector C : Base { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Connector {
    /// The connector's name.
    pub name: Ident,
    /// The connector it extends.
    pub base: Option<ScopedName>,
    /// Its ports and attributes.
    pub body: Vec<PortDecl>,
}

/// `module M<typename T, sequence<T> S, const long N> { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateModule {
    /// The template's name.
    pub name: Ident,
    /// Its formal parameters.
    pub params: Vec<TemplateParam>,
    /// Its body, which may contain `alias` references to other templates.
    pub definitions: Vec<TemplateDefinition>,
}

/// One item of a template module's body.
#[derive(Clone, Debug, PartialEq)]
pub enum TemplateDefinition {
    /// An ordinary definition.
    Definition(Definition),
    /// `alias Other<T> Name;`
    Alias {
        /// The referenced template.
        template: ScopedName,
        /// The arguments, names of this template's parameters.
        args: Vec<Ident>,
        /// The alias.
        name: Ident,
        /// The whole alias.
        span: Span,
    },
}

/// A formal parameter of a template module.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateParam {
    /// What kind of argument it accepts.
    pub kind: TemplateParamKind,
    /// The parameter's name.
    pub name: Ident,
}

/// The kinds of formal template parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum TemplateParamKind {
    /// `typename`
    Typename,
    /// `interface`
    Interface,
    /// `valuetype`
    ValueType,
    /// `eventtype`
    EventType,
    /// `struct`
    Struct,
    /// `union`
    Union,
    /// `exception`
    Exception,
    /// `enum`
    Enum,
    /// `sequence`, or `sequence<T>` with `T` (the element type) kept
    Sequence(Option<TypeSpec>),
    /// `const T`
    Const(TypeSpec),
}

/// `module M<A, B> Inst;`
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateInstance {
    /// The template being instantiated.
    pub template: ScopedName,
    /// The actual arguments.
    pub args: Vec<TemplateArg>,
    /// The new module's name.
    pub name: Ident,
}

/// One actual template argument.
#[derive(Clone, Debug, PartialEq)]
pub enum TemplateArg {
    /// A type (a scoped name is parsed as one).
    Type(TypeSpec),
    /// A constant expression that is not a bare name.
    Const(ConstExpr),
}
