//! What interface generation takes from the data-type generator ([`data`]): the Rust type of an
//! IDL type, and message structs (with their `prost::Message`, `Record` and `Validate` impls)
//! built from wire fields. Everything else in this folder goes through these functions.
//!
//! Two things are added here, both about object references, which data types do not carry yet:
//! a value of interface type is an `Option` of the proxy (`None` is the nil reference), and a
//! singular reference field is carried by the runtime's `ObjRef` codec element.

use orbit_idl::{
    Diagnostic, Span,
    model::{DeclKind, ForwardKind, Model, Type},
};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::super::{
    Context,
    data::{self, Message, MessageField},
};
use crate::{
    ident,
    wire::{Cardinality, Carrier, Field},
};

/// The Rust type of IDL type `ty`, for code in module `module`. A value of interface type is
/// an `Option` of the interface's proxy, `None` being the nil reference.
pub fn rust_type(cx: &Context<'_>, ty: &Type, module: &[String]) -> TokenStream {
    let rust = data::rust_type(cx, ty, module);
    if is_reference(cx.model, ty) {
        quote!(::core::option::Option<#rust>)
    } else {
        rust
    }
}

/// Whether values of `ty` are object references (typedefs followed).
fn is_reference(model: &Model, ty: &Type) -> bool {
    let Type::Named(id) = model.resolve_alias(ty) else {
        return false;
    };
    matches!(
        model.get(*id).map(|d| &d.kind),
        Some(DeclKind::Interface(_) | DeclKind::Forward(ForwardKind::Interface(_)))
    )
}

/// The Rust name of the message field that carries wire field `name`.
pub fn field_ident(name: &str) -> Ident {
    ident::ident(&ident::snake(name))
}

/// One field of an operation message: its wire layout, the IDL type of its values, and where
/// to point when it cannot be generated.
#[derive(Clone, Debug)]
pub struct OperationField {
    /// The wire layout.
    pub layout: Field,
    /// The IDL type of the values.
    pub ty: Type,
    /// The parameter's (or operation's) name.
    pub span: Span,
}

/// The message struct `name` (in the wire module `module`) with `fields`, documented with
/// `doc`; `idl_name` names it in error messages (`Finance::Account::deposit`, so a field is
/// `Finance::Account::deposit.memo`).
///
/// # Errors
///
/// A diagnostic for each field whose values have no codec (a list or map of references).
pub fn message(
    cx: &Context<'_>,
    name: &str,
    idl_name: &str,
    doc: &str,
    fields: &[OperationField],
    module: &[String],
) -> Result<TokenStream, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut message_fields = Vec::with_capacity(fields.len());
    for field in fields {
        message_fields.extend(message_field(cx, field, module, &mut problems));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let message = Message {
        name: ident::ident(name),
        idl_name: idl_name.to_owned(),
        attrs: quote!(#[doc = #doc]),
        fields: message_fields,
    };
    Ok(data::message(cx, &message))
}

/// The message field of `field`, or `None` with the problem in `problems`.
fn message_field(
    cx: &Context<'_>,
    field: &OperationField,
    module: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Option<MessageField> {
    let layout = &field.layout;
    if matches!(layout.carrier, Carrier::ObjectRef(_))
        && layout.cardinality == Cardinality::Singular
    {
        let rt = data::rt();
        return Some(MessageField {
            ident: field_ident(&layout.name),
            layout: layout.clone(),
            rust: rust_type(cx, &field.ty, module),
            codec: quote!(#rt::codec::Singular<#rt::object_ref::ObjRef>),
            default: quote!(::core::option::Option::None),
            attrs: quote!(),
        });
    }
    let unsupported = match MessageField::new(cx, module, layout.clone(), &field.ty) {
        Ok(field) => return Some(field),
        Err(unsupported) => unsupported,
    };
    let diagnostic = Diagnostic::error(
        format!(
            "`{}` cannot be generated: {} is not supported",
            layout.name,
            data::construct_name(&unsupported)
        ),
        field.span,
    )
    .with_label(format!("the type of `{}`", layout.name));
    problems.push(if holds_reference(&layout.carrier) {
        diagnostic.with_note(
            "a reference can be a parameter, a result or an attribute, not yet an element of a sequence, array or map",
        )
    } else {
        diagnostic
    });
    None
}

fn holds_reference(carrier: &Carrier) -> bool {
    match carrier {
        Carrier::ObjectRef(_) => true,
        Carrier::List(list) => holds_reference(&list.element),
        _ => false,
    }
}
