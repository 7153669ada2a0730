//! Type specifiers and the type declarations (§7.4.1.4.4, §7.4.13): structs, unions, enums,
//! typedefs, bitsets and bitmasks.

use super::{Annotation, ConstExpr, Definition, Ident, ScopedName};
use crate::source::Span;

/// A type as written where a type is expected.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeSpec {
    /// Which type.
    pub kind: TypeKind,
    /// Annotations written on the type itself: only a sequence's element type and a map's key
    /// and value type have them (`sequence<@try_construct(TRIM) T>`, XTypes 1.3); else empty.
    pub annotations: Vec<Annotation>,
    /// Where it is written.
    pub span: Span,
}

/// The forms of a type specifier.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// A built-in type keyword.
    Base(BaseType),
    /// `string` or `string<N>`.
    String(Option<Box<ConstExpr>>),
    /// `wstring` or `wstring<N>`.
    WString(Option<Box<ConstExpr>>),
    /// `sequence<T>` or `sequence<T, N>`.
    Sequence(Box<TypeSpec>, Option<Box<ConstExpr>>),
    /// `map<K, V>` or `map<K, V, N>`.
    Map(Box<TypeSpec>, Box<TypeSpec>, Option<Box<ConstExpr>>),
    /// `fixed<digits, scale>`, or bare `fixed` in a constant declaration.
    Fixed(Option<(Box<ConstExpr>, Box<ConstExpr>)>),
    /// A reference to a declared type.
    Named(ScopedName),
    /// A struct, union, enum, bitset or bitmask defined in place (`typedef struct S {…} T;`,
    /// or a member `struct Inner {…} inner;`).
    Constructed(Box<Definition>),
}

/// The built-in types named by keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BaseType {
    /// `short` / `int16`
    Short,
    /// `long` / `int32`
    Long,
    /// `long long` / `int64`
    LongLong,
    /// `unsigned short` / `uint16`
    UShort,
    /// `unsigned long` / `uint32`
    ULong,
    /// `unsigned long long` / `uint64`
    ULongLong,
    /// `int8`
    Int8,
    /// `uint8`
    UInt8,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `long double`
    LongDouble,
    /// `char`
    Char,
    /// `wchar`
    WChar,
    /// `boolean`
    Boolean,
    /// `octet`
    Octet,
    /// `any`
    Any,
    /// `Object`
    Object,
    /// `ValueBase`
    ValueBase,
}

impl BaseType {
    /// The type's IDL spelling.
    pub fn idl_name(self) -> &'static str {
        match self {
            BaseType::Short => "short",
            BaseType::Long => "long",
            BaseType::LongLong => "long long",
            BaseType::UShort => "unsigned short",
            BaseType::ULong => "unsigned long",
            BaseType::ULongLong => "unsigned long long",
            BaseType::Int8 => "int8",
            BaseType::UInt8 => "uint8",
            BaseType::Float => "float",
            BaseType::Double => "double",
            BaseType::LongDouble => "long double",
            BaseType::Char => "char",
            BaseType::WChar => "wchar",
            BaseType::Boolean => "boolean",
            BaseType::Octet => "octet",
            BaseType::Any => "any",
            BaseType::Object => "Object",
            BaseType::ValueBase => "ValueBase",
        }
    }
}

/// A declared name, with array dimensions if any: `a`, `m[3][4]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Declarator {
    /// The declared name.
    pub name: Ident,
    /// Annotations on the array's element, written between the name and the dimensions
    /// (OpenDDS: `str20 a @try_construct(TRIM) [10]`); usually empty.
    pub annotations: Vec<Annotation>,
    /// Array dimensions, outermost first; empty for a simple declarator.
    pub dims: Vec<ConstExpr>,
    /// Name and dimensions.
    pub span: Span,
}

/// `typedef T a, b[3];` (§7.4.1.4.4.4)
#[derive(Clone, Debug, PartialEq)]
pub struct Typedef {
    /// The aliased type.
    pub ty: TypeSpec,
    /// The new names.
    pub declarators: Vec<Declarator>,
}

/// A struct or exception member: `@key long a, b[2];`.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// Annotations before the member.
    pub annotations: Vec<Annotation>,
    /// Comments directly before the member.
    pub doc: Option<String>,
    /// The members' type.
    pub ty: TypeSpec,
    /// One or more declarators sharing the type.
    pub declarators: Vec<Declarator>,
    /// The whole member, up to `;`.
    pub span: Span,
}

/// `struct S : Base { … };` (§7.4.1.4.4.4.1, with IDL4 single inheritance)
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// The struct's name.
    pub name: Ident,
    /// The struct it extends, if any.
    pub base: Option<ScopedName>,
    /// The members; may be empty (IDL4).
    pub members: Vec<Member>,
    /// Constants declared inside the body, which TAO accepts (the semantic pass warns).
    pub inner: Vec<Definition>,
}

/// `struct S;`, `union U;`
#[derive(Clone, Debug, PartialEq)]
pub struct TypeForward {
    /// The name declared ahead of its definition.
    pub name: Ident,
}

/// `union U switch (D) { case 1: long a; default: string s; };` (§7.4.1.4.4.4.2)
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// The union's name.
    pub name: Ident,
    /// Annotations on the discriminator (`switch (@key long)`).
    pub discriminator_annotations: Vec<Annotation>,
    /// The discriminator's type.
    pub discriminator: TypeSpec,
    /// The cases, in source order.
    pub cases: Vec<Case>,
}

/// One union case: one or more labels, then one element.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// `case X:` and `default:` labels.
    pub labels: Vec<CaseLabel>,
    /// Annotations before the element.
    pub annotations: Vec<Annotation>,
    /// Comments directly before the case.
    pub doc: Option<String>,
    /// The element's type.
    pub ty: TypeSpec,
    /// The element's name and array dimensions.
    pub declarator: Declarator,
    /// The whole case.
    pub span: Span,
}

/// A union case label.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseLabel {
    /// `case expr:`
    Value(ConstExpr),
    /// `default:`
    Default(Span),
}

/// `enum E { A, @value(3) B };` (§7.4.1.4.4.4.3)
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// The enum's name.
    pub name: Ident,
    /// The enumerators, in source order.
    pub enumerators: Vec<Enumerator>,
}

/// One enumerator (also used for bitmask values).
#[derive(Clone, Debug, PartialEq)]
pub struct Enumerator {
    /// Annotations (`@value`, `@position`, `@default_literal`).
    pub annotations: Vec<Annotation>,
    /// Comments directly before the enumerator.
    pub doc: Option<String>,
    /// The enumerator's name.
    pub name: Ident,
}

/// `bitset B : Base { bitfield<3> a, b; bitfield<2>; };` (§7.4.13.4.3.2)
#[derive(Clone, Debug, PartialEq)]
pub struct Bitset {
    /// The bitset's name.
    pub name: Ident,
    /// The bitset it extends, if any.
    pub base: Option<ScopedName>,
    /// The bitfields, in order; anonymous ones leave gaps.
    pub fields: Vec<Bitfield>,
}

/// `bitfield<width[, type]> names;`
#[derive(Clone, Debug, PartialEq)]
pub struct Bitfield {
    /// Annotations before the bitfield.
    pub annotations: Vec<Annotation>,
    /// Number of bits.
    pub width: ConstExpr,
    /// The destination type (`boolean`, `octet`, an integer type), if written.
    pub ty: Option<TypeSpec>,
    /// The field names; empty for an anonymous (padding) bitfield.
    pub names: Vec<Ident>,
    /// The whole bitfield.
    pub span: Span,
}

/// `bitmask M { A, @position(4) B };` (§7.4.13.4.3.1)
#[derive(Clone, Debug, PartialEq)]
pub struct Bitmask {
    /// The bitmask's name.
    pub name: Ident,
    /// Its flags.
    pub values: Vec<Enumerator>,
}
