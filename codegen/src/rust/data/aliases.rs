//! Placeholder.

use orbit_idl::model::DeclId;
use proc_macro2::TokenStream;
use quote::quote;

use crate::rust::Context;

/// Generates a typedef.
pub(super) fn typedef(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let _ = (cx, id, module);
    quote! {}
}

/// Generates a constant.
pub(super) fn constant(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let _ = (cx, id, module);
    quote! {}
}
