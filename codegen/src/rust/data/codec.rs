//! The runtime field codec of a field: a type built from the marker types of
//! `orbit::__private::codec` that mirrors the field's wire layout ([`wire::Field`]) and its
//! model type (which tells an octet array from a `sequence<octet>`, and an array's shape).
//!
//! `sequence<string<8>, 3> names` is `Seq<Str<8>, 3>`, `@optional short s` is
//! `Optional<Int32>`, `long m[2][3]` is `Array<Int32, Nest<Leaf>>`. Codecs are written by their
//! bare names: the runtime's `record!` and `union!` macros, which take them, import every codec
//! name where they use them.

use orbit_idl::model::{Model, Primitive, Type};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens as _, quote};

use crate::wire::{self, Cardinality, Carrier, Length, Scalar, Unsupported};

/// The name generated impl blocks give the runtime's hidden module (`use ::orbit::__private as
/// __rt;`).
pub const RT: &str = "__rt";

/// The identifier [`RT`].
pub fn rt() -> Ident {
    Ident::new(RT, Span::call_site())
}

/// How a field holds its value beyond what its layout says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Holding {
    /// Always written, even when zero: a union case, whose presence selects the case.
    pub present: bool,
    /// Kept in a `Box` (a member that refers to its own struct).
    pub boxed: bool,
}

/// The field codec of `field`, whose model type is `ty`.
///
/// # Errors
///
/// When the layout does not match the type (which [`wire::field`] never produces).
pub fn field_codec(
    model: &Model,
    field: &wire::Field,
    ty: &Type,
    holding: Holding,
) -> Result<TokenStream, Unsupported> {
    let ty = model.resolve_alias(ty);
    Ok(match &field.cardinality {
        Cardinality::Singular | Cardinality::Optional => {
            let mut element = element_codec(model, &field.carrier, ty)?;
            if holding.boxed {
                element = quote!(Boxed<#element>);
            }
            // A reference is already optional (`Option<IProxy>`): `@optional` adds nothing.
            let optional = field.cardinality == Cardinality::Optional
                && !matches!(field.carrier, Carrier::ObjectRef(_));
            match (optional, holding.present) {
                (true, _) => quote!(Optional<#element>),
                (_, true) => quote!(Present<#element>),
                _ => quote!(Singular<#element>),
            }
        }
        Cardinality::Repeated(length) => repeated_codec(model, &field.carrier, ty, length)?,
        Cardinality::Map { key, bound } => {
            let Type::Map(key_ty, value_ty, _) = ty else {
                return Err(mismatch());
            };
            let key = element_codec(model, key, model.resolve_alias(key_ty))?;
            let value = element_codec(model, &field.carrier, model.resolve_alias(value_ty))?;
            let bound = bound_tokens(*bound);
            quote!(Map<#key, #value, #bound>)
        }
    })
}

/// The codec of a list of `carrier` values whose type is `ty` (a sequence or an array).
fn repeated_codec(
    model: &Model,
    carrier: &Carrier,
    ty: &Type,
    length: &Length,
) -> Result<TokenStream, Unsupported> {
    match (ty, length) {
        (Type::Sequence(element, _), Length::Unbounded | Length::AtMost(_)) => {
            let element = element_codec(model, carrier, model.resolve_alias(element))?;
            let bound = bound_tokens(match length {
                Length::AtMost(n) => Some(*n),
                _ => None,
            });
            Ok(quote!(Seq<#element, #bound>))
        }
        (Type::Array(element, dims), Length::Exactly { .. }) => {
            let element = element_codec(model, carrier, model.resolve_alias(element))?;
            let shape = shape(dims.len());
            Ok(quote!(Array<#element, #shape>))
        }
        _ => Err(mismatch()),
    }
}

/// The element codec of one `carrier` value of type `ty` (aliases resolved).
fn element_codec(model: &Model, carrier: &Carrier, ty: &Type) -> Result<TokenStream, Unsupported> {
    Ok(match carrier {
        Carrier::Scalar { scalar, idl, bound } => match scalar {
            Scalar::Int32 => quote!(Int32),
            Scalar::Int64 => quote!(Int64),
            Scalar::UInt32 => match idl {
                Some(Primitive::Char) => quote!(Char),
                Some(Primitive::WChar) => quote!(WChar),
                _ => quote!(UInt32),
            },
            Scalar::UInt64 => quote!(UInt64),
            Scalar::Float => quote!(Float),
            Scalar::Double => quote!(Double),
            Scalar::Bool => quote!(Bool),
            Scalar::String => {
                let bound = bound_tokens(*bound);
                quote!(Str<#bound>)
            }
            Scalar::Bytes => match ty {
                Type::Array(_, dims) => {
                    let shape = shape(dims.len());
                    quote!(OctetArray<#shape>)
                }
                _ => {
                    let bound = bound_tokens(*bound);
                    quote!(Octets<#bound>)
                }
            },
        },
        Carrier::Enum(_) => quote!(Enumeration),
        Carrier::Message(_) => quote!(Msg),
        Carrier::Bitmask(_) => quote!(Flags),
        // `Option<IProxy>`: `None` is the nil reference.
        Carrier::ObjectRef(_) => quote!(ObjRef),
        Carrier::List(list) => {
            let inner = repeated_codec(model, &list.element, ty, &list.length)?;
            quote!(List<#inner>)
        }
    })
}

/// The shape of an array of `dims` dimensions: `Leaf` inside one `Nest` per extra dimension.
pub(super) fn shape(dims: usize) -> TokenStream {
    let mut out = quote!(Leaf);
    for _ in 1..dims {
        out = quote!(Nest<#out>);
    }
    out
}

/// A bound as a const generic argument.
fn bound_tokens(bound: Option<u32>) -> TokenStream {
    match bound {
        Some(n) => Literal::u32_unsuffixed(n).into_token_stream(),
        None => quote!({ UNBOUNDED }),
    }
}

fn mismatch() -> Unsupported {
    Unsupported {
        construct: "a wire layout that does not match its type".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use orbit_idl::{Frontend, model::DeclKind};

    use super::*;
    use crate::wire::layout::record_fields;

    fn codecs(idl: &str) -> Vec<String> {
        let compilation = Frontend::new().compile_source("t.idl", idl);
        let model = compilation.model.expect("a model");
        let id = model.lookup("S").unwrap();
        let fields = record_fields(&model, id).unwrap();
        let DeclKind::Struct(s) = &model.decl(id).kind else {
            panic!()
        };
        fields
            .iter()
            .zip(&s.members)
            .map(|(f, m)| {
                field_codec(&model, f, &m.ty, Holding::default())
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn scalars_and_strings() {
        assert_eq!(
            codecs(
                "struct S { short a; char b; wchar c; string<8> d; wstring e; @optional octet f; };"
            ),
            [
                "Singular < Int32 >",
                "Singular < Char >",
                "Singular < WChar >",
                "Singular < Str < 8 > >",
                "Singular < Str < { UNBOUNDED } > >",
                "Optional < UInt32 >",
            ]
        );
    }

    #[test]
    fn sequences_arrays_and_bytes() {
        assert_eq!(
            codecs(
                "typedef long Row[3];
                 struct S { sequence<long, 4> a; long b[2][3]; Row c[2]; sequence<octet, 5> d;
                            octet e[2][2]; sequence<sequence<string>> f; };"
            ),
            [
                "Seq < Int32 , 4 >",
                "Array < Int32 , Nest < Leaf > >",
                "Array < List < Array < Int32 , Leaf > > , Leaf >",
                "Singular < Octets < 5 > >",
                "Singular < OctetArray < Nest < Leaf > > >",
                "Seq < List < Seq < Str < { UNBOUNDED } > , { UNBOUNDED } > > , { UNBOUNDED } >",
            ]
        );
    }

    #[test]
    fn maps_and_declared_types() {
        assert_eq!(
            codecs(
                "enum E { A }; bitmask M { F }; struct P { long x; };
                 struct S { map<string, sequence<long>, 2> a; E e; M m; P p; };"
            ),
            [
                "Map < Str < { UNBOUNDED } > , List < Seq < Int32 , { UNBOUNDED } > > , 2 >",
                "Singular < Enumeration >",
                "Singular < Flags >",
                "Singular < Msg >",
            ]
        );
    }
}
