//! IDL unions: a Rust enum with one variant per case (a case with several labels is one
//! variant), a proto message with a `oneof` on the wire.
//!
//! A case's discriminator is implied by its variant (its first label, which `discriminator()`
//! returns). The `default` case's variant is a struct variant `{ discriminator, value }`: the
//! discriminator is any value no other case is labelled with, and travels in field 1 as
//! [`UnionLayout::discriminator`](crate::wire::layout::UnionLayout) says. Decoding refuses a
//! message with no case, and a default case whose discriminator belongs to another case.

use orbit_idl::{
    Diagnostic,
    model::{DeclId, DeclKind, Union},
};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{
    Holding, codec, construct_name,
    discriminators::{first_label, free_discriminator, label_text, labels_pattern},
    doc_or,
    enums::collision,
    inner_module, layout_diagnostic, recursion, rust_type, serde, types,
};
use crate::{
    ident::{self, Collisions},
    rust::Context,
    wire::{self, layout::case_field},
};

/// One case as generated.
struct CaseCode {
    variant: Ident,
    ty: TokenStream,
    codec: TokenStream,
    layout: wire::Field,
    attrs: TokenStream,
    field_attrs: TokenStream,
    default_value: TokenStream,
}

/// Generates a union.
pub(super) fn generate(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let model = cx.model;
    let decl = model.decl(id);
    let DeclKind::Union(u) = &decl.kind else {
        return quote! {};
    };
    let owner = format!("union `{}`", decl.scoped_name);
    let Some(cases) = cases(cx, id, u, module, &owner) else {
        return quote! {};
    };
    if cases.is_empty() {
        return quote! {};
    }
    let discriminator_codec = match wire::layout::union_layout(model, id) {
        Ok(layout) => match layout.discriminator {
            Some(field) => {
                match codec::field_codec(model, &field, &u.discriminator, Holding::default()) {
                    Ok(codec) => Some(codec),
                    Err(unsupported) => {
                        cx.error(Diagnostic::error(
                            format!(
                                "the discriminator of {owner} has no Rust mapping: {} is not supported",
                                construct_name(&unsupported)
                            ),
                            decl.name_span,
                        ));
                        return quote! {};
                    }
                }
            }
            None => None,
        },
        // Every case's layout was checked above.
        Err(_) => return quote! {},
    };
    let name = ident::ident(&ident::camel(&decl.name));
    let d_ty = rust_type(cx, &u.discriminator, module);
    let default_case = u.default_case.filter(|_| discriminator_codec.is_some());
    let other_labels = labels_pattern(cx, u, module);

    let variants: Vec<TokenStream> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let CaseCode {
                variant,
                ty,
                attrs,
                field_attrs,
                ..
            } = c;
            if Some(i) == default_case {
                quote! {
                    #attrs
                    #variant {
                        /// The discriminator value: any value no other case is labelled with.
                        discriminator: #d_ty,
                        /// The case's value.
                        #field_attrs
                        value: #ty,
                    },
                }
            } else {
                quote!(#attrs #variant(#field_attrs #ty),)
            }
        })
        .collect();
    let default_impl = default_value(cx, &name, u, &cases, default_case, module);
    let discriminator_arms: Vec<TokenStream> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let variant = &c.variant;
            if Some(i) == default_case {
                quote!(Self::#variant { discriminator, .. } => *discriminator,)
            } else {
                let value = u
                    .cases
                    .get(i)
                    .and_then(|case| first_label(cx, case, &u.discriminator, module));
                quote!(Self::#variant(..) => #value,)
            }
        })
        .collect();

    let idl_name = decl.scoped_name.as_str();
    let entries = cases
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != default_case)
        .map(|(_, c)| {
            let variant = &c.variant;
            let tag = Literal::u32_unsuffixed(c.layout.number);
            let codec = &c.codec;
            let what = c.layout.name.as_str();
            quote!(#tag => #variant: #codec = #what,)
        });
    let default_entry = default_case
        .and_then(|i| cases.get(i))
        .zip(discriminator_codec.as_ref())
        .map(|(c, d_codec)| {
            let variant = &c.variant;
            let tag = Literal::u32_unsuffixed(c.layout.number);
            let codec = &c.codec;
            let what = c.layout.name.as_str();
            let taken = other_labels
                .as_ref()
                .map(|pattern| quote!(, taken #pattern));
            quote! {
                default #tag => #variant: #codec = #what;
                discriminator 1 => #d_ty: #d_codec #taken
            }
        });
    let runtime = cx.runtime().clone();
    let doc = doc_or(
        decl.doc.as_deref(),
        format!("IDL union `{}`.", decl.scoped_name),
    );
    let crate_attr = serde::crate_attr(cx);
    let inner = inner_module(cx, id, &u.inner, module);
    quote! {
        #doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #runtime::serde::Serialize, #runtime::serde::Deserialize)]
        #crate_attr
        pub enum #name {
            #(#variants)*
        }

        #default_impl

        impl #name {
            /// The discriminator value of the case: its first label, or the value the default
            /// case carries.
            pub fn discriminator(&self) -> #d_ty {
                match self {
                    #(#discriminator_arms)*
                }
            }
        }

        #runtime::union! {
            #name = #idl_name {
                #(#entries)*
            }
            #default_entry
        }

        #inner
    }
}

/// The generated form of every case, or `None` after reporting the cases that have none.
fn cases(
    cx: &mut Context<'_>,
    id: DeclId,
    u: &Union,
    module: &[String],
    owner: &str,
) -> Option<Vec<CaseCode>> {
    let model = cx.model;
    let mut out = Vec::new();
    let mut names = Collisions::new();
    let mut failed = false;
    for case in &u.cases {
        let member = &case.member;
        let rust = ident::camel(&member.name);
        if let Some(first) = names.insert(&member.name, rust.clone()) {
            cx.error(collision(
                owner,
                first,
                &member.name,
                &rust,
                member.name_span,
            ));
            failed = true;
            continue;
        }
        let default_loops =
            out.is_empty() && member.external && recursion::default_holds(model, &member.ty, id);
        if default_loops {
            cx.error(
                Diagnostic::error(
                    format!(
                        "{owner} has no finite default: its first case `{}` holds it again",
                        member.name
                    ),
                    member.span,
                )
                .with_label("the default value of a union is its first case's")
                .with_help("put a case that does not hold the union first"),
            );
            failed = true;
            continue;
        }
        if !member.external && recursion::holds(model, &member.ty, id) {
            cx.error(
                Diagnostic::error(
                    format!("{owner} holds itself through case `{}`", member.name),
                    member.span,
                )
                .with_label("a value of this type would have no end")
                .with_help("make the case `@external`, or hold the values in a `sequence`"),
            );
            failed = true;
            continue;
        }
        let layout = match case_field(model, member) {
            Ok(layout) => layout,
            Err(error) => {
                cx.error(layout_diagnostic(&error, owner, member.span));
                failed = true;
                continue;
            }
        };
        let holding = Holding {
            present: true,
            boxed: member.external,
        };
        let codec = match codec::field_codec(model, &layout, &member.ty, holding) {
            Ok(codec) => codec,
            Err(unsupported) => {
                cx.error(Diagnostic::error(
                    format!(
                        "case `{}` of {owner} has no Rust mapping: {} is not supported",
                        member.name,
                        construct_name(&unsupported)
                    ),
                    member.span,
                ));
                failed = true;
                continue;
            }
        };
        let labels: Vec<String> = case.labels.iter().map(|l| label_text(cx, l)).collect();
        let fallback = format!("IDL case `{}` ({}).", member.name, labels.join(", "));
        let mut ty = rust_type(cx, &member.ty, module);
        let mut default_value = types::default_value(cx, &member.ty);
        if member.external {
            ty = quote!(::std::boxed::Box<#ty>);
            default_value = quote!(::std::boxed::Box::new(#default_value));
        }
        out.push(CaseCode {
            variant: ident::ident(&rust),
            ty,
            codec,
            layout,
            attrs: doc_or(member.doc.as_deref(), fallback),
            field_attrs: serde::field_attr(cx, &member.ty, false),
            default_value,
        });
    }
    (!failed).then_some(out)
}

/// The `Default` impl: the first case with its default value. When that is the default case,
/// its discriminator is one of its own labels, else the first value no case is labelled with
/// (and when no value is free, which the checker should not let through, the next case).
fn default_value(
    cx: &Context<'_>,
    name: &Ident,
    u: &Union,
    cases: &[CaseCode],
    default_case: Option<usize>,
    module: &[String],
) -> TokenStream {
    let free = default_case.and_then(|i| free_discriminator(cx, u, i, module));
    let chosen = (0..cases.len())
        .find(|&i| Some(i) != default_case || free.is_some())
        .unwrap_or(0);
    let body = match cases.get(chosen) {
        Some(c) if Some(chosen) == default_case => {
            let variant = &c.variant;
            let value = &c.default_value;
            let discriminator = free.unwrap_or_else(|| quote!(::core::default::Default::default()));
            quote!(Self::#variant { discriminator: #discriminator, value: #value })
        }
        Some(c) => {
            let variant = &c.variant;
            let value = &c.default_value;
            quote!(Self::#variant(#value))
        }
        None => return quote! {},
    };
    quote! {
        impl ::core::default::Default for #name {
            fn default() -> Self {
                #body
            }
        }
    }
}
