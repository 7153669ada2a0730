//! What a `.proto` file holds, before it is written out: plain data that [`super::render`] turns
//! into text. Every name here is final (collisions already resolved) and every type reference is
//! already spelled as the file must spell it.

use std::collections::BTreeSet;

/// One `.proto` file: one package, the files it imports and its definitions in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct File {
    /// The package (`Finance.Accounts`), empty for `_global_.proto`.
    pub(crate) package: String,
    /// The files it imports, sorted.
    pub(crate) imports: BTreeSet<String>,
    /// Messages, enums and services, in declaration order.
    pub(crate) items: Vec<Item>,
}

/// One top-level definition.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    /// `message`
    Message(Message),
    /// `enum`
    Enum(Enum),
    /// `service`
    Service(Service),
}

/// A `message`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Message {
    /// Its name.
    pub(crate) name: String,
    /// Comment lines written before it (the IDL doc comment, or a generated line).
    pub(crate) doc: Vec<String>,
    /// The fields outside any `oneof`, in order.
    pub(crate) fields: Vec<Field>,
    /// A `oneof` written after the fields (a union's `value`, a response's `exception`).
    pub(crate) oneof: Option<Oneof>,
}

/// A `oneof` group.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Oneof {
    /// Its name.
    pub(crate) name: String,
    /// Its fields (never `repeated`, `optional` or maps).
    pub(crate) fields: Vec<Field>,
}

/// The label written before a field's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    /// No label: implicit presence (or a `map<…>` field).
    None,
    /// `optional`
    Optional,
    /// `repeated`
    Repeated,
}

/// One field.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Field {
    /// Comment lines written before it.
    pub(crate) doc: Vec<String>,
    /// Its label.
    pub(crate) label: Label,
    /// Its type as written: `int32`, `Movement`, `.Other.Thing`, `map<string, int32>`.
    pub(crate) ty: String,
    /// Its name.
    pub(crate) name: String,
    /// Its number.
    pub(crate) number: u32,
    /// A comment written after it on the same line (what the IDL type was, when proto loses
    /// it; the labels of a union case).
    pub(crate) note: Option<String>,
}

/// An `enum`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Enum {
    /// Its name.
    pub(crate) name: String,
    /// Comment lines written before it.
    pub(crate) doc: Vec<String>,
    /// Whether two values share a number (`option allow_alias = true;`).
    pub(crate) allow_alias: bool,
    /// Its values; the first one is 0, as proto3 requires.
    pub(crate) values: Vec<EnumValue>,
}

/// One enum value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EnumValue {
    /// Comment lines written before it.
    pub(crate) doc: Vec<String>,
    /// Its name.
    pub(crate) name: String,
    /// Its number.
    pub(crate) number: i32,
}

/// A `service`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Service {
    /// Its name.
    pub(crate) name: String,
    /// Comment lines written before it.
    pub(crate) doc: Vec<String>,
    /// Its methods, in order.
    pub(crate) rpcs: Vec<Rpc>,
}

/// One `rpc`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Rpc {
    /// Comment lines written before it.
    pub(crate) doc: Vec<String>,
    /// Its name (the IDL operation name, or `_get_a`/`_set_a`).
    pub(crate) name: String,
    /// The request message, as written.
    pub(crate) request: String,
    /// The response message, as written.
    pub(crate) response: String,
}
