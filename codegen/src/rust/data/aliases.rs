//! Typedefs (`pub type` aliases) and constants (`pub const` with the evaluated value; a string
//! constant is a `&str`).

use orbit_idl::{
    Diagnostic,
    model::{DeclId, DeclKind, Type},
};
use proc_macro2::TokenStream;
use quote::quote;

use super::{const_value, construct_name, doc_or, rust_type};
use crate::{ident, rust::Context, wire};

/// Generates a typedef.
pub(super) fn typedef(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let model = cx.model;
    let decl = model.decl(id);
    let DeclKind::Typedef(t) = &decl.kind else {
        return quote! {};
    };
    // The layout of a value of the aliased type says whether it has a mapping at all.
    if let Err(unsupported) = wire::field(model, &decl.name, 1, &t.ty, false) {
        cx.error(
            Diagnostic::error(
                format!(
                    "typedef `{}` has no Rust mapping: {} is not supported",
                    decl.scoped_name,
                    construct_name(&unsupported)
                ),
                decl.name_span,
            )
            .with_label("declared here"),
        );
        return quote! {};
    }
    let name = ident::ident(&ident::camel(&decl.name));
    let ty = rust_type(cx, &t.ty, module);
    let doc = doc_or(
        decl.doc.as_deref(),
        format!("IDL typedef `{}`.", decl.scoped_name),
    );
    quote! {
        #doc
        pub type #name = #ty;
    }
}

/// Generates a constant.
pub(super) fn constant(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let model = cx.model;
    let decl = model.decl(id);
    let DeclKind::Const(c) = &decl.kind else {
        return quote! {};
    };
    // `None` only after the checker reported the value.
    let Some(value) = &c.value else {
        return quote! {};
    };
    let resolved = model.resolve_alias(&c.ty);
    let Some(expr) =
        const_value(cx, value, &c.ty, module).filter(|_| !matches!(resolved, Type::Fixed { .. }))
    else {
        let what = if matches!(resolved, Type::Fixed { .. }) {
            "`fixed` is not supported"
        } else {
            "its value has no Rust literal"
        };
        cx.error(
            Diagnostic::error(
                format!(
                    "constant `{}` has no Rust mapping: {what}",
                    decl.scoped_name
                ),
                decl.name_span,
            )
            .with_label("declared here"),
        );
        return quote! {};
    };
    let ty = match resolved {
        Type::String(_) | Type::WString(_) => quote!(&str),
        _ => rust_type(cx, &c.ty, module),
    };
    let name = ident::ident(&ident::shouty(&decl.name));
    let doc = doc_or(
        decl.doc.as_deref(),
        format!("IDL constant `{}`.", decl.scoped_name),
    );
    quote! {
        #doc
        pub const #name: #ty = #expr;
    }
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;
    use crate::rust::RustOptions;

    fn generated(idl: &str, name: &str) -> (String, Vec<String>) {
        let compilation = Frontend::new().compile_source("t.idl", idl);
        let model = compilation.model.expect("a model");
        let options = RustOptions::default();
        let mut cx = Context::new(&model, &options);
        let id = model.lookup(name).unwrap();
        let tokens = match &model.decl(id).kind {
            DeclKind::Typedef(_) => typedef(&mut cx, id, &[]),
            _ => constant(&mut cx, id, &[]),
        };
        let messages = cx.diagnostics.iter().map(|d| d.message.clone()).collect();
        (tokens.to_string(), messages)
    }

    #[test]
    fn typedefs_are_aliases() {
        let (code, errors) = generated("typedef sequence<long, 4> Longs;", "Longs");
        assert!(errors.is_empty());
        assert_eq!(
            code,
            "# [doc = \" IDL typedef `Longs`.\"] pub type Longs = :: std :: vec :: Vec < i32 > ;"
        );
    }

    #[test]
    fn constants_have_the_declared_type_and_strings_are_str() {
        let (code, _) = generated(
            "typedef long Count; const Count MAX_ITEMS = 10;",
            "MAX_ITEMS",
        );
        assert_eq!(
            code,
            "# [doc = \" IDL constant `MAX_ITEMS`.\"] pub const MAX_ITEMS : Count = 10 ;"
        );
        let (code, _) = generated(
            "/// The greeting.\nconst string<5> Hello = \"hi\";",
            "Hello",
        );
        assert_eq!(
            code,
            "# [doc = \" The greeting.\"] pub const HELLO : & str = \"hi\" ;"
        );
    }

    #[test]
    fn unsupported_aliases_and_constants_are_reported() {
        let (_, errors) = generated("typedef any Anything;", "Anything");
        assert_eq!(
            errors,
            ["typedef `Anything` has no Rust mapping: `any` is not supported"]
        );
        let (_, errors) = generated("const fixed<4, 2> Price = 12.50d;", "Price");
        assert_eq!(
            errors,
            ["constant `Price` has no Rust mapping: `fixed` is not supported"]
        );
    }
}
