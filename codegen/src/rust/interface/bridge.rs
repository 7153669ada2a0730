//! What interface generation takes from the data-type generator: the Rust type of an IDL type,
//! and message structs (with their `prost::Message` and `Validate` impls) built from wire
//! fields. Everything else in this folder calls these two functions only, so the data
//! generator can change behind them.

use orbit_idl::model::{DeclKind, ForwardKind, Model, Primitive, Type};
use proc_macro2::TokenStream;
use quote::quote;

use super::super::Context;
use crate::{
    ident,
    wire::{Cardinality, Carrier, Field, Scalar},
};

/// The Rust type of IDL type `ty`, for code in module `module`. A value of interface type is
/// an `Option` of the interface's proxy (`None` is the nil reference).
pub fn rust_type(cx: &Context<'_>, ty: &Type, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    match ty {
        Type::Primitive(p) => primitive(*p),
        Type::String(_) | Type::WString(_) => quote!(::std::string::String),
        Type::Sequence(element, _) if is_octet(cx.model, element) => quote!(#rt::bytes::Bytes),
        Type::Sequence(element, _) => {
            let element = rust_type(cx, element, module);
            quote!(::std::vec::Vec<#element>)
        }
        Type::Map(key, value, _) => {
            let key = rust_type(cx, key, module);
            let value = rust_type(cx, value, module);
            quote!(::std::collections::HashMap<#key, #value>)
        }
        Type::Array(element, dims) => {
            let mut out = rust_type(cx, element, module);
            for &dim in dims.iter().rev() {
                let dim = dim as usize;
                out = quote!([#out; #dim]);
            }
            out
        }
        Type::Named(id) => {
            let Some(decl) = cx.model.get(*id) else {
                return quote!(());
            };
            let name = ident::camel(&decl.name);
            match &decl.kind {
                DeclKind::Interface(_) | DeclKind::Forward(ForwardKind::Interface(_)) => {
                    let proxy = cx.path_to(module, *id, &format!("{name}Proxy"));
                    quote!(::core::option::Option<#proxy>)
                }
                _ => cx.path_to(module, *id, &name),
            }
        }
        // Refused by the wire layout before any type is asked for.
        _ => quote!(()),
    }
}

fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::Short => quote!(i16),
        Primitive::Long => quote!(i32),
        Primitive::LongLong => quote!(i64),
        Primitive::UShort => quote!(u16),
        Primitive::ULong => quote!(u32),
        Primitive::ULongLong => quote!(u64),
        Primitive::Int8 => quote!(i8),
        Primitive::UInt8 | Primitive::Octet => quote!(u8),
        Primitive::Float => quote!(f32),
        Primitive::Double | Primitive::LongDouble => quote!(f64),
        Primitive::Char | Primitive::WChar => quote!(char),
        Primitive::Boolean => quote!(bool),
    }
}

fn is_octet(model: &Model, ty: &Type) -> bool {
    matches!(
        model.resolve_alias(ty),
        Type::Primitive(Primitive::Octet | Primitive::UInt8)
    )
}

/// The Rust name of the message field that carries wire field `name`.
pub fn field_ident(name: &str) -> proc_macro2::Ident {
    ident::ident(&ident::snake(name))
}

/// A message struct named `name` (in the wire module `module`) with `fields`, documented with
/// `doc`, implementing `prost::Message`, `Validate` and `Default`.
///
/// Stand-in until the data-type generator's message generator is merged: it declares the
/// struct only.
pub fn message(
    cx: &mut Context<'_>,
    name: &str,
    doc: &str,
    fields: &[Field],
    module: &[String],
) -> TokenStream {
    let name = ident::ident(name);
    let fields = fields.iter().map(|field| {
        let ident = field_ident(&field.name);
        let ty = field_type(cx, field, module);
        quote!(pub #ident: #ty,)
    });
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn field_type(cx: &Context<'_>, field: &Field, module: &[String]) -> TokenStream {
    let element = carrier_type(cx, &field.carrier, module);
    match &field.cardinality {
        Cardinality::Singular => element,
        Cardinality::Optional => match field.carrier {
            Carrier::ObjectRef(_) => element,
            _ => quote!(::core::option::Option<#element>),
        },
        Cardinality::Repeated(_) => quote!(::std::vec::Vec<#element>),
        Cardinality::Map { key, .. } => {
            let key = carrier_type(cx, key, module);
            quote!(::std::collections::HashMap<#key, #element>)
        }
    }
}

fn carrier_type(cx: &Context<'_>, carrier: &Carrier, module: &[String]) -> TokenStream {
    let rt = cx.runtime();
    match carrier {
        Carrier::Scalar { idl: Some(p), .. } => primitive(*p),
        Carrier::Scalar {
            scalar: Scalar::Bytes,
            ..
        } => quote!(#rt::bytes::Bytes),
        Carrier::Scalar { .. } => quote!(::std::string::String),
        Carrier::Enum(id)
        | Carrier::Message(id)
        | Carrier::Bitmask(id)
        | Carrier::ObjectRef(id) => rust_type(cx, &Type::Named(*id), module),
        Carrier::List(list) => {
            let element = carrier_type(cx, &list.element, module);
            quote!(::std::vec::Vec<#element>)
        }
    }
}
