//! The data declarations: modules, structs, exceptions, unions, enums, bitmasks, bitsets,
//! typedefs and constants.

use super::{Annotation, ConstValue, DeclId, Extensibility, Name, Type};
use crate::source::Span;

/// A module with every reopening merged.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Module {
    /// What it declares, in source order across all openings. A type declared ahead
    /// (`struct S;`) and defined later appears once, where it was first declared.
    pub items: Vec<DeclId>,
    /// The span of every opening, the first one first.
    pub openings: Vec<Span>,
}

/// A member of a struct, exception or union.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The member's name.
    pub name: Name,
    /// Where the name stands.
    pub name_span: Span,
    /// The member's type, with array dimensions of its declarator.
    pub ty: Type,
    /// The comments directly before the member.
    pub doc: Option<String>,
    /// Annotations applied to the member, evaluated.
    pub annotations: Vec<Annotation>,
    /// The member id (`@id`, `@hashid`, or assigned by `@autoid`), as DDS-XTypes defines it.
    pub id: u32,
    /// Whether the member is part of the key (`@key`, `#pragma keylist`, `DCPS_DATA_KEY`).
    pub key: bool,
    /// Whether the member is `@optional`.
    pub optional: bool,
    /// Whether the member is `@external`.
    pub external: bool,
    /// The `@default` value, converted to the member's type.
    pub default: Option<ConstValue>,
    /// The member's declarator.
    pub span: Span,
}

/// Where a key designation came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// `@key` on the member.
    Annotation,
    /// `#pragma keylist`.
    Keylist,
    /// OpenDDS `#pragma DCPS_DATA_KEY`.
    DcpsDataKey,
}

/// One key of a topic type: a path of member names from the struct down to the key field.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// Member names, outermost first (`["header", "id"]` for `header.id`). Array indices of
    /// `DCPS_DATA_KEY` paths are dropped.
    pub path: Vec<Name>,
    /// How the key was designated.
    pub source: KeySource,
    /// The annotation or pragma that designated it.
    pub span: Span,
}

/// `struct S : Base { … };`
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Struct {
    /// The struct it extends.
    pub base: Option<DeclId>,
    /// Its own members (not the base's), in order.
    pub members: Vec<Member>,
    /// The keys of a DDS topic type, in designation order.
    pub keys: Vec<Key>,
    /// Whether the struct is a DDS topic type (`@topic`, `#pragma keylist`, `DCPS_DATA_TYPE`).
    pub topic: bool,
    /// The declared extensibility, if any annotation set one.
    pub extensibility: Option<Extensibility>,
    /// Types defined inside the body (`struct Inner {…} m;`) and constants declared there (a
    /// TAO extension, warned about), in order.
    pub inner: Vec<DeclId>,
}

/// `exception E { … };`
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Exception {
    /// Its members, in order.
    pub members: Vec<Member>,
    /// Types defined inside the body (`struct Inner {…} m;`), in order.
    pub inner: Vec<DeclId>,
}

/// A union case label, evaluated with the discriminator's type.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseLabel {
    /// `case value:`
    Value(ConstValue),
    /// `default:`
    Default,
}

/// One union case: its labels and element.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// The labels, in source order.
    pub labels: Vec<CaseLabel>,
    /// The element.
    pub member: Member,
}

/// `union U switch (D) { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// The discriminator type, as written (may be a typedef of an integer, char, boolean,
    /// octet or enum type).
    pub discriminator: Type,
    /// Annotations on the discriminator.
    pub discriminator_annotations: Vec<Annotation>,
    /// Whether the discriminator is `@key`.
    pub discriminator_key: bool,
    /// The cases, in source order.
    pub cases: Vec<Case>,
    /// Index in `cases` of the case with the `default:` label.
    pub default_case: Option<usize>,
    /// The declared extensibility, if any annotation set one.
    pub extensibility: Option<Extensibility>,
    /// Types defined inside the body (`case 1: struct Inner {…} m;`), in order.
    pub inner: Vec<DeclId>,
}

/// One enumerator, or one flag of a bitmask.
#[derive(Clone, Debug, PartialEq)]
pub struct Enumerator {
    /// Its name.
    pub name: Name,
    /// Where the name stands.
    pub span: Span,
    /// The comments directly before it.
    pub doc: Option<String>,
    /// Annotations applied to it, evaluated.
    pub annotations: Vec<Annotation>,
    /// For an enum, its value (`@value`, or one more than the previous); for a bitmask flag, its
    /// bit position (`@position`, or one more than the previous).
    pub value: i64,
}

/// `enum E { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// The enumerators, in order.
    pub enumerators: Vec<Enumerator>,
    /// `@bit_bound`, 32 by default.
    pub bit_bound: u32,
    /// Index of the `@default_literal` enumerator (0 when none is marked).
    pub default_literal: usize,
    /// The declared extensibility, if any annotation set one.
    pub extensibility: Option<Extensibility>,
}

/// `bitmask M { … };`
#[derive(Clone, Debug, PartialEq)]
pub struct Bitmask {
    /// The flags, in order; `value` is the bit position.
    pub flags: Vec<Enumerator>,
    /// `@bit_bound`, 32 by default.
    pub bit_bound: u32,
}

/// One bitfield of a bitset.
#[derive(Clone, Debug, PartialEq)]
pub struct Bitfield {
    /// The field's name; `None` for padding (`bitfield<3>;`).
    pub name: Option<Name>,
    /// Where the name (or the padding bitfield) stands.
    pub span: Span,
    /// Index of the first bit, counting the base bitset's bits.
    pub offset: u32,
    /// Number of bits (1 to 64).
    pub width: u32,
    /// The type the field is read as: the declared one, else the smallest that holds `width`
    /// bits (`boolean` for 1 bit, then `octet`, `unsigned short`, `unsigned long`,
    /// `unsigned long long`).
    pub ty: Type,
    /// Annotations applied to it, evaluated.
    pub annotations: Vec<Annotation>,
}

/// `bitset B : Base { … };`
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Bitset {
    /// The bitset it extends.
    pub base: Option<DeclId>,
    /// Its own fields, padding included, in order.
    pub fields: Vec<Bitfield>,
    /// Total number of bits, the base's included (at most 64).
    pub bits: u32,
}

/// One declarator of a typedef.
#[derive(Clone, Debug, PartialEq)]
pub struct Typedef {
    /// The aliased type, with this declarator's array dimensions.
    pub ty: Type,
}

/// `const T N = value;`
#[derive(Clone, Debug, PartialEq)]
pub struct Const {
    /// The declared type (for a bare `fixed`, the digits and scale of the value).
    pub ty: Type,
    /// The value, converted to the declared type; `None` only when an error was reported.
    pub value: Option<ConstValue>,
}
