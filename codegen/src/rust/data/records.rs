//! IDL structs and exceptions: a [`Message`] of their members (a struct's bases' members first),
//! and for an exception `Display` and `std::error::Error`.

use orbit_idl::{
    Diagnostic,
    model::{DeclId, DeclKind, Member, Type},
};
use proc_macro2::TokenStream;
use quote::quote;

use super::{
    Holding, Message, MessageField, const_value, construct_name, doc_or, inner_module,
    layout_diagnostic, message, recursion,
};
use crate::{
    ident::{self, Collisions},
    rust::Context,
    wire::{
        self,
        layout::{LayoutError, record_members},
    },
};

/// Generates a struct or an exception.
pub(super) fn generate(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let model = cx.model;
    let decl = model.decl(id);
    let (what, inner): (&str, &[DeclId]) = match &decl.kind {
        DeclKind::Struct(s) => ("struct", &s.inner),
        DeclKind::Exception(e) => ("exception", &e.inner),
        _ => return quote! {},
    };
    let owner = format!("{what} `{}`", decl.scoped_name);
    let mut fields = Vec::new();
    let mut names = Collisions::new();
    let mut failed = false;
    for (member, layout) in record_members(model, id) {
        let rust_name = ident::snake(&member.name);
        if let Some(first) = names.insert(&member.name, rust_name.clone()) {
            cx.error(
                Diagnostic::error(
                    format!(
                        "members `{first}` and `{}` of {owner} are both `{rust_name}` in Rust",
                        member.name
                    ),
                    member.name_span,
                )
                .with_label(format!("also `{rust_name}`"))
                .with_help("rename one of them"),
            );
            failed = true;
            continue;
        }
        match member_field_of(cx, id, member, layout, module, &owner) {
            Ok(field) => fields.push(field),
            Err(diagnostic) => {
                cx.error(*diagnostic);
                failed = true;
            }
        }
    }
    if failed {
        return quote! {};
    }
    let name = ident::ident(&ident::camel(&decl.name));
    let fallback = format!("IDL {what} `{}`.", decl.scoped_name);
    let item = message(
        cx,
        &Message {
            name: name.clone(),
            idl_name: decl.scoped_name.to_string(),
            attrs: doc_or(decl.doc.as_deref(), fallback),
            fields,
            exception: what == "exception",
        },
    );
    let inner = inner_module(cx, id, inner, module);
    quote! {
        #item
        #inner
    }
}

/// The field of one member of record `owner_id`.
fn member_field_of(
    cx: &Context<'_>,
    owner_id: DeclId,
    member: &Member,
    layout: Result<wire::Field, LayoutError>,
    module: &[String],
    owner: &str,
) -> Result<MessageField, Box<Diagnostic>> {
    let model = cx.model;
    if let Some(diagnostic) = undefined_type(cx, member, owner) {
        return Err(Box::new(diagnostic));
    }
    let layout = layout.map_err(|e| Box::new(layout_diagnostic(&e, owner, member.span)))?;
    let holds_itself = recursion::holds(model, &member.ty, owner_id);
    if holds_itself && !member.optional && !member.external {
        return Err(Box::new(
            Diagnostic::error(
                format!("{owner} holds itself through member `{}`", member.name),
                member.span,
            )
            .with_label("a value of this type would have no end")
            .with_help(
                "make the member `@optional` or `@external`, or hold the values in a `sequence`",
            ),
        ));
    }
    if member.external && !member.optional && recursion::default_holds(model, &member.ty, owner_id)
    {
        return Err(Box::new(
            Diagnostic::error(
                format!(
                    "{owner} has no finite default: member `{}` holds it again",
                    member.name
                ),
                member.span,
            )
            .with_label("its default value contains a default value of the struct")
            .with_help("make the member `@optional`"),
        ));
    }
    let boxed = member.external || holds_itself;
    let holding = Holding {
        present: false,
        boxed,
    };
    let mut field = MessageField::with_holding(cx, module, layout, &member.ty, holding).map_err(
        |unsupported| {
            Diagnostic::error(
                format!(
                    "member `{}` of {owner} has no Rust mapping: {} is not supported",
                    member.name,
                    construct_name(&unsupported)
                ),
                member.span,
            )
        },
    )?;
    if let Some(value) = member.default.as_ref().filter(|_| !member.optional) {
        let is_string = matches!(
            model.resolve_alias(&member.ty),
            Type::String(_) | Type::WString(_)
        );
        if let Some(value) = const_value(cx, value, &member.ty, module) {
            field.plain_default = false;
            field.default = if is_string {
                quote!(::std::string::String::from(#value))
            } else {
                value
            };
        }
    }
    let doc = doc_or(
        member.doc.as_deref(),
        format!("IDL member `{}`.", member.name),
    );
    let serde = super::serde::field_attr(cx, &member.ty, member.optional);
    field.attrs = quote!(#doc #serde);
    Ok(field)
}

/// The diagnostic of a member whose type is declared ahead and never defined.
fn undefined_type(cx: &Context<'_>, member: &Member, owner: &str) -> Option<Diagnostic> {
    let mut undefined = None;
    visit_named(cx.model, &member.ty, &mut |id| {
        if let Some(decl) = cx.model.get(id)
            && matches!(
                decl.kind,
                DeclKind::Forward(
                    orbit_idl::model::ForwardKind::Struct | orbit_idl::model::ForwardKind::Union
                )
            )
        {
            undefined.get_or_insert_with(|| decl.scoped_name.clone());
        }
    });
    undefined.map(|name| {
        Diagnostic::error(
            format!(
                "member `{}` of {owner} uses `{name}`, which is declared but never defined",
                member.name
            ),
            member.span,
        )
    })
}

/// Calls `f` with every declaration `ty` names, through typedefs and containers.
fn visit_named(model: &orbit_idl::model::Model, ty: &Type, f: &mut impl FnMut(DeclId)) {
    match model.resolve_alias(ty) {
        Type::Named(id) => f(*id),
        Type::Sequence(element, _) | Type::Array(element, _) => visit_named(model, element, f),
        Type::Map(key, value, _) => {
            visit_named(model, key, f);
            visit_named(model, value, f);
        }
        _ => {}
    }
}
