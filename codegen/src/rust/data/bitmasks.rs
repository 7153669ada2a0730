//! IDL bitmasks: a `Copy` newtype over the smallest unsigned integer that holds `@bit_bound`
//! bits, an associated constant per flag, `|` and `&`, and the runtime's `IdlBitmask` (`uint64`
//! on the wire).

use orbit_idl::model::{DeclId, DeclKind};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc_or, enums::collision, rt, serde};
use crate::{
    ident::{self, Collisions},
    rust::Context,
};

/// Generates a bitmask.
pub(super) fn generate(cx: &mut Context<'_>, id: DeclId, _module: &[String]) -> TokenStream {
    let model = cx.model;
    let decl = model.decl(id);
    let DeclKind::Bitmask(b) = &decl.kind else {
        return quote! {};
    };
    let mut names = Collisions::new();
    let mut failed = false;
    for flag in &b.flags {
        let rust = ident::shouty(&flag.name);
        if let Some(first) = names.insert(&flag.name, rust.clone()) {
            cx.error(collision(
                &format!("bitmask `{}`", decl.scoped_name),
                first,
                &flag.name,
                &rust,
                flag.span,
            ));
            failed = true;
        }
    }
    if failed {
        return quote! {};
    }
    let (repr, width) = match b.bit_bound {
        0..=8 => (quote!(u8), 8),
        9..=16 => (quote!(u16), 16),
        17..=32 => (quote!(u32), 32),
        _ => (quote!(u64), 64),
    };
    let (to_u64, from_u64) = if width == 64 {
        (
            quote!(self.0),
            quote!(::core::option::Option::Some(Self(bits))),
        )
    } else {
        (
            quote!(u64::from(self.0)),
            quote!(<#repr>::try_from(bits).ok().map(Self)),
        )
    };
    let name = ident::ident(&ident::camel(&decl.name));
    let flags = b.flags.iter().filter_map(|flag| {
        // The checker keeps positions below the bit bound; skip what would not fit anyway.
        let position = u32::try_from(flag.value).ok().filter(|&p| p < width)?;
        let konst = ident::ident(&ident::shouty(&flag.name));
        let value = Literal::u64_unsuffixed(1u64 << position);
        let doc = doc_or(
            flag.doc.as_deref(),
            format!("IDL flag `{}` (bit {position}).", flag.name),
        );
        Some(quote! {
            #doc
            pub const #konst: Self = Self(#value);
        })
    });
    let doc = doc_or(
        decl.doc.as_deref(),
        format!("IDL bitmask `{}`.", decl.scoped_name),
    );
    let crate_attr = serde::crate_attr(cx);
    let runtime = cx.runtime();
    let rt = rt();
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
        #[serde(transparent)]
        pub struct #name(pub #repr);

        impl #name {
            #(#flags)*

            /// No flag set.
            pub const fn empty() -> Self {
                Self(0)
            }

            /// The flags as an integer.
            pub const fn bits(self) -> #repr {
                self.0
            }

            /// Whether every flag of `other` is set in `self`.
            pub const fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }

            /// Whether no flag is set.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }
        }

        impl ::core::ops::BitOr for #name {
            type Output = Self;

            fn bitor(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }
        }

        impl ::core::ops::BitAnd for #name {
            type Output = Self;

            fn bitand(self, other: Self) -> Self {
                Self(self.0 & other.0)
            }
        }

        impl ::core::ops::BitOrAssign for #name {
            fn bitor_assign(&mut self, other: Self) {
                self.0 |= other.0;
            }
        }

        impl ::core::ops::BitAndAssign for #name {
            fn bitand_assign(&mut self, other: Self) {
                self.0 &= other.0;
            }
        }

        const _: () = {
            use #runtime as #rt;

            impl #rt::codec::IdlBitmask for #name {
                const NAME: &'static str = #idl_name;

                fn to_u64(self) -> u64 {
                    #to_u64
                }

                fn from_u64(bits: u64) -> ::core::option::Option<Self> {
                    #from_u64
                }
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;
    use crate::rust::RustOptions;

    #[test]
    fn flags_are_constants_of_the_smallest_fitting_integer() {
        let compilation = Frontend::new().compile_source(
            "t.idl",
            "@bit_bound(12) bitmask Perms { READ, @position(10) WRITE_ALL };",
        );
        let model = compilation.model.expect("a model");
        let options = RustOptions::default();
        let mut cx = Context::new(&model, &options);
        let code = generate(&mut cx, model.lookup("Perms").unwrap(), &[]).to_string();
        assert!(cx.diagnostics.is_empty());
        assert!(code.contains("pub struct Perms (pub u16) ;"), "{code}");
        assert!(
            code.contains("pub const READ : Self = Self (1) ;"),
            "{code}"
        );
        assert!(code.contains("# [doc = \" IDL flag `WRITE_ALL` (bit 10).\"] pub const WRITE_ALL : Self = Self (1024) ;"), "{code}");
        assert!(code.contains("< u16 > :: try_from (bits)"), "{code}");
    }
}
