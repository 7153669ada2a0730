//! Placeholder.

use orbit_idl::model::DeclId;
use proc_macro2::TokenStream;
use quote::quote;

use crate::rust::Context;

/// Generates one declaration.
pub(super) fn generate(cx: &mut Context<'_>, id: DeclId, module: &[String]) -> TokenStream {
    let _ = (cx, id, module);
    quote! {}
}
