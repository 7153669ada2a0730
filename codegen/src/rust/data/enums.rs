//! IDL enums: a Rust enum of unit variants (UpperCamelCase), `Default` at the `@default_literal`
//! (else the first enumerator), the runtime's `IdlEnum`, and conversions to and from the proto
//! enum number (`From<E> for i32`, `TryFrom<i32>` refusing unknown numbers).

use orbit_idl::{
    Diagnostic,
    model::{DeclId, DeclKind},
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_or, serde};
use crate::{
    ident::{self, Collisions},
    rust::Context,
};

/// Generates an enum.
pub(super) fn generate(cx: &mut Context<'_>, id: DeclId, _module: &[String]) -> TokenStream {
    let model = cx.model;
    let decl = model.decl(id);
    let DeclKind::Enum(e) = &decl.kind else {
        return quote! {};
    };
    let mut names = Collisions::new();
    let mut failed = false;
    for en in &e.enumerators {
        let rust = ident::camel(&en.name);
        if let Some(first) = names.insert(&en.name, rust.clone()) {
            cx.error(collision(
                &format!("enum `{}`", decl.scoped_name),
                first,
                &en.name,
                &rust,
                en.span,
            ));
            failed = true;
        }
        if i32::try_from(en.value).is_err() {
            cx.error(
                Diagnostic::error(
                    format!(
                        "enumerator `{}` of enum `{}` has value {}, which a protobuf enum cannot hold",
                        en.name, decl.scoped_name, en.value
                    ),
                    en.span,
                )
                .with_help("protobuf enum numbers are 32-bit signed integers"),
            );
            failed = true;
        }
    }
    if failed || e.enumerators.is_empty() {
        return quote! {};
    }
    let name = ident::ident(&ident::camel(&decl.name));
    let variants: Vec<_> = e
        .enumerators
        .iter()
        .map(|en| ident::ident(&ident::camel(&en.name)))
        .collect();
    let numbers: Vec<Literal> = e
        .enumerators
        .iter()
        .map(|en| Literal::i64_unsuffixed(en.value))
        .collect();
    let default = e.default_literal.min(e.enumerators.len() - 1);
    let items = e.enumerators.iter().enumerate().map(|(i, en)| {
        let doc = doc_or(
            en.doc.as_deref(),
            format!("IDL enumerator `{}` (number {}).", en.name, en.value),
        );
        let variant = &variants[i];
        let default = (i == default).then(|| quote!(#[default]));
        quote!(#doc #default #variant,)
    });
    let zero = e
        .enumerators
        .iter()
        .position(|en| en.value == 0)
        .unwrap_or(default);
    let zero = &variants[zero];
    let doc = doc_or(
        decl.doc.as_deref(),
        format!("IDL enum `{}`.", decl.scoped_name),
    );
    let crate_attr = serde::crate_attr(cx);
    let runtime = cx.runtime();
    let idl_name = decl.scoped_name.as_str();
    quote! {
        #doc
        #[derive(
            ::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy,
            ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash,
            ::core::cmp::PartialOrd, ::core::cmp::Ord, ::core::default::Default,
            #runtime::serde::Serialize, #runtime::serde::Deserialize,
        )]
        #crate_attr
        pub enum #name {
            #(#items)*
        }

        #runtime::enumeration! {
            #name = #idl_name, zero #zero {
                #(#variants = #numbers,)*
            }
        }
    }
}

/// The diagnostic of two names of `scope` (described: "enum `E`") that become one Rust name.
pub(super) fn collision(
    scope: &str,
    first: &str,
    second: &str,
    rust: &str,
    span: orbit_idl::Span,
) -> Diagnostic {
    Diagnostic::error(
        format!("`{first}` and `{second}` of {scope} are both `{rust}` in Rust"),
        span,
    )
    .with_label(format!("also `{rust}`"))
    .with_help("rename one of them")
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;
    use crate::rust::RustOptions;

    fn generated(idl: &str, name: &str) -> Result<String, Vec<String>> {
        let compilation = Frontend::new().compile_source("t.idl", idl);
        let model = compilation.model.expect("a model");
        let options = RustOptions::default();
        let mut cx = Context::new(&model, &options);
        let tokens = generate(&mut cx, model.lookup(name).unwrap(), &[]);
        if cx.diagnostics.is_empty() {
            Ok(tokens.to_string())
        } else {
            Err(cx.diagnostics.iter().map(|d| d.message.clone()).collect())
        }
    }

    #[test]
    fn variants_are_camel_case_with_the_default_literal_marked() {
        let code = generated(
            "enum Color { RED, @default_literal DARK_GREEN, @value(7) BLUE };",
            "Color",
        )
        .unwrap();
        assert!(code.contains("pub enum Color { # [doc = \" IDL enumerator `RED` (number 0).\"] Red , # [doc = \" IDL enumerator `DARK_GREEN` (number 1).\"] # [default] DarkGreen ,"), "{code}");
        assert!(
            code.contains(":: orbit :: __private :: enumeration ! { Color = \"Color\" , zero Red { Red = 0 , DarkGreen = 1 , Blue = 7 , } }"),
            "{code}"
        );
    }

    #[test]
    fn without_a_zero_the_default_literal_is_what_absence_means() {
        let code = generated("enum Odd { @value(3) THREE, @value(5) FIVE };", "Odd").unwrap();
        assert!(code.contains("zero Three {"), "{code}");
    }

    #[test]
    fn names_that_collide_after_conversion_are_reported() {
        let errors = generated("enum E { DARK_RED, DarkRed };", "E").unwrap_err();
        assert_eq!(
            errors,
            ["`DARK_RED` and `DarkRed` of enum `E` are both `DarkRed` in Rust"]
        );
    }
}
