//! The protobuf layout of IDL declarations: which proto type carries each value, field numbers,
//! and the wrapper messages nesting needs.
//!
//! This is the single source of the wire format: the generated Rust `prost::Message` impls and
//! the emitted `.proto` files both read it, so the bytes Orbit writes are exactly what the
//! `.proto` describes (`docs/DESIGN.md`, "Protobuf mapping").
//!
//! # Organization
//!
//! * this module: [`Carrier`], [`Cardinality`], [`Field`] and [`field`], the mapping of one
//!   value;
//! * [`layout`]: the fields of structs, exceptions, unions and operation messages.

pub mod layout;

use orbit_idl::model::{DeclId, DeclKind, Model, Primitive, Type};

/// Protobuf scalar types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// `int32`
    Int32,
    /// `int64`
    Int64,
    /// `uint32`
    UInt32,
    /// `uint64`
    UInt64,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `bool`
    Bool,
    /// `string`
    String,
    /// `bytes`
    Bytes,
}

impl Scalar {
    /// The type's name in a `.proto` file.
    pub fn proto_name(self) -> &'static str {
        match self {
            Scalar::Int32 => "int32",
            Scalar::Int64 => "int64",
            Scalar::UInt32 => "uint32",
            Scalar::UInt64 => "uint64",
            Scalar::Float => "float",
            Scalar::Double => "double",
            Scalar::Bool => "bool",
            Scalar::String => "string",
            Scalar::Bytes => "bytes",
        }
    }

    /// Whether a `repeated` field of this type is packed in proto3.
    pub fn is_packed(self) -> bool {
        !matches!(self, Scalar::String | Scalar::Bytes)
    }

    /// Whether proto allows the type as a map key.
    pub fn is_map_key(self) -> bool {
        !matches!(self, Scalar::Float | Scalar::Double | Scalar::Bytes)
    }
}

/// How one value (one element, for a repeated field) travels.
#[derive(Clone, Debug, PartialEq)]
pub enum Carrier {
    /// A proto scalar. `idl` is the IDL primitive when the Rust value needs a conversion or a
    /// check on decode (narrow integers, `octet`, `char`, `wchar`).
    Scalar {
        /// The proto type.
        scalar: Scalar,
        /// The IDL primitive behind it, when it is one.
        idl: Option<Primitive>,
        /// The bound of a bounded string (or of `sequence<octet, N>` carried as `bytes`).
        bound: Option<u32>,
    },
    /// An IDL enum, as a proto enum.
    Enum(DeclId),
    /// A struct, union or exception, as a message.
    Message(DeclId),
    /// A bitmask, as `uint64` holding its flags.
    Bitmask(DeclId),
    /// A reference to an object of an interface, as `orbit.ObjectRef`.
    ObjectRef(DeclId),
    /// A sequence or array nested in another one (or a map value): a wrapper message whose one
    /// field, number 1, is `repeated` of the inner element.
    List(Box<List>),
}

/// A wrapper message standing for a nested sequence or array.
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    /// How each element travels.
    pub element: Carrier,
    /// The length rule of the inner list.
    pub length: Length,
}

/// The length rule of a list value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Length {
    /// `sequence<T>`: any length.
    Unbounded,
    /// `sequence<T, N>`: at most `N`.
    AtMost(u32),
    /// An array: exactly the product of the dimensions (flattened row-major); `dims` keeps them.
    Exactly {
        /// The dimensions, outermost first.
        dims: Vec<u32>,
    },
}

impl Length {
    /// The exact element count of an array, or `None`.
    pub fn exact(&self) -> Option<u64> {
        match self {
            Length::Exactly { dims } => Some(dims.iter().map(|&d| u64::from(d)).product()),
            _ => None,
        }
    }
}

/// How a field holds its value(s).
#[derive(Clone, Debug, PartialEq)]
pub enum Cardinality {
    /// One value, always present (proto3 implicit presence for scalars and enums).
    Singular,
    /// `@optional`: one value or none (`optional` in proto3).
    Optional,
    /// A sequence or array of [`Field::carrier`] values.
    Repeated(Length),
    /// `map<K, V>`: the key's carrier is here, the value's is [`Field::carrier`].
    Map {
        /// How keys travel (a scalar or an enum).
        key: Carrier,
        /// The map's bound, if any.
        bound: Option<u32>,
    },
}

/// One field of a message.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The field's name, as in IDL (the `.proto` keeps IDL names).
    pub name: String,
    /// The field number.
    pub number: u32,
    /// One, optional, repeated or map.
    pub cardinality: Cardinality,
    /// How each value travels.
    pub carrier: Carrier,
}

/// Why a type cannot be carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    /// The construct, as a user would name it: a keyword type as one word (`any`, `fixed`, to
    /// be put in backticks by the message), a declaration with its kind and scoped name
    /// (``valuetype `M::V` ``, ``native type `N` ``), or a phrase (`a map inside a sequence,
    /// array or map`).
    pub construct: String,
}

/// The layout of one value of type `ty` in field `name` number `number`.
///
/// An `@optional` sequence or array (other than of octets) is one optional
/// [`Carrier::List`] wrapper, since `repeated` fields have no presence.
///
/// # Errors
///
/// When the type (or a type it contains) has no mapping: `any`, `fixed`, `Object`, `ValueBase`,
/// `TypeCode`, native types, bitsets, valuetypes and CCM types.
pub fn field(
    model: &Model,
    name: &str,
    number: u32,
    ty: &Type,
    optional: bool,
) -> Result<Field, Unsupported> {
    let ty = model.resolve_alias(ty);
    let (cardinality, carrier) = match ty {
        // `@optional` lists need presence, which `repeated` lacks: one optional wrapper.
        Type::Sequence(..) | Type::Array(..) if optional && !is_scalar_list(model, ty) => {
            (Cardinality::Optional, element_carrier(model, ty)?)
        }
        Type::Map(..) if optional => {
            return Err(Unsupported {
                construct: "an `@optional` map".to_owned(),
            });
        }
        Type::Sequence(element, bound) if !is_octet(model, element) => (
            Cardinality::Repeated(bound.map_or(Length::Unbounded, Length::AtMost)),
            element_carrier(model, element)?,
        ),
        Type::Array(element, dims) if !is_octet(model, element) => (
            Cardinality::Repeated(Length::Exactly { dims: dims.clone() }),
            element_carrier(model, element)?,
        ),
        Type::Map(key_ty, value, bound) => {
            let key = carrier(model, key_ty)?;
            let key_ok = match &key {
                Carrier::Scalar { scalar, .. } => scalar.is_map_key(),
                Carrier::Enum(_) => false,
                _ => false,
            };
            if !key_ok {
                return Err(Unsupported {
                    construct: format!("map key type `{}`", model.type_name(key_ty)),
                });
            }
            (
                Cardinality::Map { key, bound: *bound },
                element_carrier(model, value)?,
            )
        }
        _ => {
            let carrier = carrier(model, ty)?;
            let cardinality = if optional {
                Cardinality::Optional
            } else {
                Cardinality::Singular
            };
            (cardinality, carrier)
        }
    };
    Ok(Field {
        name: name.to_owned(),
        number,
        cardinality,
        carrier,
    })
}

/// The carrier of an element of a sequence, array or map value: a list when the element is
/// itself a list.
fn element_carrier(model: &Model, element: &Type) -> Result<Carrier, Unsupported> {
    let element = model.resolve_alias(element);
    match element {
        Type::Sequence(inner, bound) if !is_octet(model, inner) => {
            Ok(Carrier::List(Box::new(List {
                element: element_carrier(model, inner)?,
                length: bound.map_or(Length::Unbounded, Length::AtMost),
            })))
        }
        Type::Array(inner, dims) if !is_octet(model, inner) => Ok(Carrier::List(Box::new(List {
            element: element_carrier(model, inner)?,
            length: Length::Exactly { dims: dims.clone() },
        }))),
        Type::Map(..) => Err(Unsupported {
            construct: "a map inside a sequence, array or map".to_owned(),
        }),
        _ => carrier(model, element),
    }
}

/// The carrier of a single value that is not a sequence, array or map.
fn carrier(model: &Model, ty: &Type) -> Result<Carrier, Unsupported> {
    let unsupported = |construct: &str| {
        Err(Unsupported {
            construct: construct.to_owned(),
        })
    };
    Ok(match model.resolve_alias(ty) {
        Type::Primitive(p) => Carrier::Scalar {
            scalar: primitive_scalar(*p),
            idl: Some(*p),
            bound: None,
        },
        Type::String(bound) | Type::WString(bound) => Carrier::Scalar {
            scalar: Scalar::String,
            idl: None,
            bound: *bound,
        },
        Type::Sequence(_, bound) => Carrier::Scalar {
            // Only `sequence<octet>` reaches here.
            scalar: Scalar::Bytes,
            idl: None,
            bound: *bound,
        },
        Type::Array(_, dims) => Carrier::Scalar {
            // Only octet arrays reach here: bytes of exactly the array's length.
            scalar: Scalar::Bytes,
            idl: None,
            bound: Some(dims.iter().product()),
        },
        Type::Map(..) => return unsupported("a map inside a sequence, array or map"),
        Type::Named(id) => match model.get(*id).map(|d| &d.kind) {
            Some(DeclKind::Struct(_) | DeclKind::Union(_) | DeclKind::Exception(_)) => {
                Carrier::Message(*id)
            }
            Some(DeclKind::Enum(_)) => Carrier::Enum(*id),
            Some(DeclKind::Bitmask(_)) => Carrier::Bitmask(*id),
            Some(DeclKind::Interface(_)) => Carrier::ObjectRef(*id),
            Some(DeclKind::Forward(orbit_idl::model::ForwardKind::Interface(_))) => {
                Carrier::ObjectRef(*id)
            }
            Some(kind) => {
                let name = model.get(*id).map_or("?", |d| d.scoped_name.as_str());
                return unsupported(&format!("{} `{name}`", kind.describe()));
            }
            None => return unsupported("an unresolved type"),
        },
        Type::Fixed { .. } => return unsupported("fixed"),
        Type::Any => return unsupported("any"),
        Type::Object => return unsupported("Object"),
        Type::ValueBase => return unsupported("ValueBase"),
        Type::TypeCode => return unsupported("TypeCode"),
        Type::Unresolved => return unsupported("an unresolved type"),
    })
}

/// The proto scalar that carries an IDL primitive.
pub fn primitive_scalar(p: Primitive) -> Scalar {
    match p {
        Primitive::Short | Primitive::Long | Primitive::Int8 => Scalar::Int32,
        Primitive::UShort
        | Primitive::ULong
        | Primitive::UInt8
        | Primitive::Octet
        | Primitive::Char
        | Primitive::WChar => Scalar::UInt32,
        Primitive::LongLong => Scalar::Int64,
        Primitive::ULongLong => Scalar::UInt64,
        Primitive::Float => Scalar::Float,
        Primitive::Double | Primitive::LongDouble => Scalar::Double,
        Primitive::Boolean => Scalar::Bool,
    }
}

/// Whether `ty` (aliases resolved) is a sequence or an array of octets, carried as `bytes`.
fn is_scalar_list(model: &Model, ty: &Type) -> bool {
    match ty {
        Type::Sequence(element, _) | Type::Array(element, _) => is_octet(model, element),
        _ => false,
    }
}

/// Whether `ty` is `octet` or `uint8` (typedefs followed): a sequence of it travels as `bytes`
/// and is `Bytes` in Rust, an array of it as `bytes` of the array's length.
pub fn is_octet(model: &Model, ty: &Type) -> bool {
    matches!(
        model.resolve_alias(ty),
        Type::Primitive(Primitive::Octet | Primitive::UInt8)
    )
}

#[cfg(test)]
mod tests;
