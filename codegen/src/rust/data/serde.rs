//! serde attributes of generated types: the runtime's serde crate, and helpers for fields that
//! hold arrays longer than 32 elements (which serde does not implement its traits for).

use orbit_idl::model::{Model, Type};
use proc_macro2::TokenStream;
use quote::quote;

use crate::rust::Context;

/// The longest array serde implements `Serialize` and `Deserialize` for.
const SERDE_ARRAY_MAX: u32 = 32;

/// `#[serde(crate = "…::serde")]`, so the derives work without a `serde` dependency of the
/// user's.
pub(super) fn crate_attr(cx: &Context<'_>) -> TokenStream {
    let path = format!("{}::serde", cx.options.runtime_path);
    quote!(#[serde(crate = #path)])
}

/// The `serialize_with`/`deserialize_with` attribute of a field of type `ty` (`optional` for
/// `@optional` members), or nothing when serde derives it unaided.
pub(super) fn field_attr(cx: &Context<'_>, ty: &Type, optional: bool) -> TokenStream {
    let module = format!("{}::codec::serde_shape", cx.options.runtime_path);
    let Some(mut shape) = shape(cx.model, &module, ty, 0) else {
        return quote!();
    };
    if optional {
        shape = format!("{module}::Opt<{shape}>");
    }
    let serialize = format!("{module}::serialize::<{shape}, _, _>");
    let deserialize = format!("{module}::deserialize::<{shape}, _, _>");
    quote!(#[serde(serialize_with = #serialize, deserialize_with = #deserialize)])
}

/// The serde shape of `ty` (`Arr<Plain>`, …, with paths into `module`) when it holds an array
/// serde cannot handle; `None` when serde handles it.
fn shape(model: &Model, module: &str, ty: &Type, depth: usize) -> Option<String> {
    // Types nest as deep as the IDL wrote them; the bound only protects hand-built models.
    if depth > 64 {
        return None;
    }
    let wrap = |kind: &str, inner: String| format!("{module}::{kind}<{inner}>");
    match model.resolve_alias(ty) {
        Type::Array(element, dims) => {
            let inner = shape(model, module, element, depth + 1);
            if inner.is_none() && dims.iter().all(|&d| d <= SERDE_ARRAY_MAX) {
                return None;
            }
            let mut out = inner.unwrap_or_else(|| format!("{module}::Plain"));
            for _ in dims {
                out = wrap("Arr", out);
            }
            Some(out)
        }
        Type::Sequence(element, _) => {
            shape(model, module, element, depth + 1).map(|inner| wrap("VecOf", inner))
        }
        Type::Map(_, value, _) => {
            shape(model, module, value, depth + 1).map(|inner| wrap("MapOf", inner))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;
    use crate::rust::RustOptions;

    #[test]
    fn only_long_arrays_get_a_helper() {
        let compilation = Frontend::new().compile_source(
            "t.idl",
            "typedef long Big[33]; typedef long Small[32]; typedef sequence<Big> Bigs;",
        );
        let model = compilation.model.unwrap();
        let options = RustOptions::default();
        let cx = Context::new(&model, &options);
        let attr = |name: &str, optional| {
            field_attr(&cx, &Type::Named(model.lookup(name).unwrap()), optional).to_string()
        };
        assert_eq!(attr("Small", false), "");
        let m = "::orbit::__private::codec::serde_shape";
        assert_eq!(
            attr("Bigs", true),
            format!(
                "# [serde (serialize_with = \"{m}::serialize::<{m}::Opt<{m}::VecOf<{m}::Arr<{m}::Plain>>>, _, _>\" , deserialize_with = \"{m}::deserialize::<{m}::Opt<{m}::VecOf<{m}::Arr<{m}::Plain>>>, _, _>\")]"
            )
        );
    }
}
