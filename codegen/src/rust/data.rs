//! Data types: structs, exceptions, enums, unions, bitmasks, typedefs and constants.

use orbit_idl::model::DeclId;
use proc_macro2::TokenStream;
use quote::quote;

use super::Context;

/// Generates the items of one data declaration (or nothing for declarations that generate no
/// code, such as forward declarations).
pub fn generate(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let _ = (cx, id, module);
    quote! {}
}

/// `#[doc = "…"]` attributes for an IDL documentation comment, one per line.
pub fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else {
        return quote! {};
    };
    let lines = doc.lines().map(|line| format!(" {}", line.trim_end()));
    quote! { #(#[doc = #lines])* }
}
