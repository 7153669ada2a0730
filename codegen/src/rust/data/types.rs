//! The Rust type of an IDL type, and the expression of its default value.
//!
//! | IDL | Rust |
//! | --- | --- |
//! | integers, `float`, `double`, `long double` | `i8`…`u64`, `f32`, `f64`, `f64` |
//! | `boolean`, `octet`, `char`, `wchar` | `bool`, `u8`, `char`, `char` |
//! | `string`, `wstring` (bounded or not) | `String` |
//! | `sequence<octet>`, `sequence<uint8>` | `bytes::Bytes` |
//! | `sequence<T>` | `Vec<T>` |
//! | `map<K, V>` | `BTreeMap<K, V>` (sorted, so a map always encodes to the same bytes) |
//! | `T a[N][M]` | `[[T; M]; N]` |
//! | a declared type | its generated type (a typedef: its alias), by a `super::`-relative path |
//! | an interface | a reference: `Option<{Interface}Proxy>` (`None` is the nil reference) |

use orbit_idl::model::{ConstValue, DeclKind, Primitive, Type};
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens as _, quote};

use crate::{ident, rust::Context, wire};

/// The Rust type of values of IDL type `ty`, written for code in Rust module `module` (the
/// snake-case path from the generated file's root, as [`Context::module_path`] gives it).
///
/// Declared types are named by a `super::`-relative path, so the result is valid wherever the
/// generated file is included; standard types by absolute paths (`::std::vec::Vec<…>`), so it
/// never depends on the user's imports. A typedef is named by its alias, keeping signatures as
/// readable as the IDL.
///
/// Every type has a Rust type: constructs without a mapping (`any`, `fixed`, `Object`,
/// valuetypes, …) give `()`. They are reported by [`wire::field`] (through the layout of the
/// declaration or operation that uses them), which every caller runs for the same types, so
/// this function never reports anything itself.
pub fn rust_type(cx: &Context<'_>, ty: &Type, module: &[String]) -> TokenStream {
    let model = cx.model;
    match ty {
        Type::Primitive(p) => primitive(*p),
        Type::String(_) | Type::WString(_) => quote!(::std::string::String),
        Type::Sequence(element, _) if wire::is_octet(model, element) => {
            let rt = cx.runtime();
            quote!(#rt::bytes::Bytes)
        }
        Type::Sequence(element, _) => {
            let element = rust_type(cx, element, module);
            quote!(::std::vec::Vec<#element>)
        }
        Type::Map(key, value, _) => {
            let key = rust_type(cx, key, module);
            let value = rust_type(cx, value, module);
            quote!(::std::collections::BTreeMap<#key, #value>)
        }
        Type::Array(element, dims) => {
            let mut out = rust_type(cx, element, module);
            for &dim in dims.iter().rev() {
                let dim = Literal::usize_unsuffixed(dim as usize);
                out = quote!([#out; #dim]);
            }
            out
        }
        Type::Named(id) => {
            let Some(decl) = model.get(*id) else {
                return quote!(());
            };
            match &decl.kind {
                DeclKind::Struct(_)
                | DeclKind::Union(_)
                | DeclKind::Enum(_)
                | DeclKind::Bitmask(_)
                | DeclKind::Exception(_)
                | DeclKind::Typedef(_) => cx.path_to(module, *id, &ident::camel(&decl.name)),
                DeclKind::Interface(_)
                | DeclKind::Forward(orbit_idl::model::ForwardKind::Interface(_)) => {
                    let proxy = cx.path_to(module, *id, &proxy_name(&decl.name));
                    quote!(::core::option::Option<#proxy>)
                }
                _ => quote!(()),
            }
        }
        Type::Fixed { .. }
        | Type::Any
        | Type::Object
        | Type::ValueBase
        | Type::TypeCode
        | Type::Unresolved => quote!(()),
    }
}

/// The name of the client proxy of interface `name` (DESIGN.md: `IProxy`).
pub fn proxy_name(name: &str) -> String {
    format!("{}Proxy", ident::camel(name))
}

/// The Rust type of an IDL primitive.
pub fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::Short => quote!(i16),
        Primitive::Long => quote!(i32),
        Primitive::LongLong => quote!(i64),
        Primitive::UShort => quote!(u16),
        Primitive::ULong => quote!(u32),
        Primitive::ULongLong => quote!(u64),
        Primitive::Int8 => quote!(i8),
        Primitive::UInt8 | Primitive::Octet => quote!(u8),
        Primitive::Float => quote!(f32),
        Primitive::Double | Primitive::LongDouble => quote!(f64),
        Primitive::Char | Primitive::WChar => quote!(char),
        Primitive::Boolean => quote!(bool),
    }
}

/// An expression of the default value of a field of IDL type `ty`: `Default::default()`, except
/// for arrays, which get `core::array::from_fn` (std implements `Default` only up to 32
/// elements).
pub fn default_value(cx: &Context<'_>, ty: &Type) -> TokenStream {
    match cx.model.resolve_alias(ty) {
        Type::Array(element, dims) => {
            let mut out = default_value(cx, element);
            for _ in dims {
                out = quote!(::core::array::from_fn(|_| #out));
            }
            out
        }
        _ => plain_default(),
    }
}

/// Whether [`default_value`] of `ty` is `Default::default()` (every type but arrays).
pub(crate) fn has_plain_default(cx: &Context<'_>, ty: &Type) -> bool {
    !matches!(cx.model.resolve_alias(ty), Type::Array(..))
}

/// `Default::default()`, the default of every type but arrays.
pub(crate) fn plain_default() -> TokenStream {
    quote!(::core::default::Default::default())
}

/// A constant value as a Rust expression of the type generated for `ty` (a string as a `&str`
/// literal), or `None` for values that have no Rust form: `fixed`, or a float that is not
/// finite.
pub fn const_value(
    cx: &Context<'_>,
    value: &ConstValue,
    ty: &Type,
    module: &[String],
) -> Option<TokenStream> {
    let resolved = cx.model.resolve_alias(ty);
    Some(match value {
        ConstValue::Integer(v, _) => {
            let lit = Literal::u128_unsuffixed(v.unsigned_abs());
            if *v < 0 { quote!(-#lit) } else { quote!(#lit) }
        }
        ConstValue::Octet(v) => Literal::u8_unsuffixed(*v).into_token_stream(),
        ConstValue::Float(v, _) => {
            if !v.is_finite() {
                return None;
            }
            let single = matches!(resolved, Type::Primitive(Primitive::Float));
            let lit = if single {
                Literal::f32_unsuffixed(v.abs() as f32)
            } else {
                Literal::f64_unsuffixed(v.abs())
            };
            if v.is_sign_negative() {
                quote!(-#lit)
            } else {
                quote!(#lit)
            }
        }
        ConstValue::Bool(b) => quote!(#b),
        ConstValue::Char(c) | ConstValue::WChar(c) => Literal::character(*c).into_token_stream(),
        ConstValue::String(s) | ConstValue::WString(s) => Literal::string(s).into_token_stream(),
        ConstValue::Enumerator { decl, index } => {
            let enum_decl = cx.model.get(*decl)?;
            let DeclKind::Enum(e) = &enum_decl.kind else {
                return None;
            };
            let enumerator = e.enumerators.get(*index as usize)?;
            let path = cx.path_to(module, *decl, &ident::camel(&enum_decl.name));
            let variant = ident::ident(&ident::camel(&enumerator.name));
            quote!(#path::#variant)
        }
        ConstValue::Fixed(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use orbit_idl::{Frontend, model::Model};

    use super::*;
    use crate::rust::RustOptions;

    fn model(idl: &str) -> Model {
        let compilation = Frontend::new().compile_source("t.idl", idl);
        assert!(
            !compilation.diagnostics.has_errors(),
            "{}",
            compilation.render_diagnostics()
        );
        compilation.model.expect("a model")
    }

    fn member_types(idl: &str, name: &str, module: &[&str]) -> Vec<String> {
        let m = model(idl);
        let options = RustOptions::default();
        let cx = Context::new(&m, &options);
        let module: Vec<String> = module.iter().map(|s| s.to_string()).collect();
        let DeclKind::Struct(s) = &m.decl(m.lookup(name).unwrap()).kind else {
            panic!("not a struct")
        };
        s.members
            .iter()
            .map(|member| rust_type(&cx, &member.ty, &module).to_string())
            .collect()
    }

    #[test]
    fn primitives_strings_and_bytes() {
        let types = member_types(
            "struct S { short a; unsigned long long b; octet c; wchar d; string<4> e;
                        sequence<octet> f; sequence<uint8, 2> g; long double h; };",
            "S",
            &[],
        );
        assert_eq!(
            types,
            [
                "i16",
                "u64",
                "u8",
                "char",
                ":: std :: string :: String",
                ":: orbit :: __private :: bytes :: Bytes",
                ":: orbit :: __private :: bytes :: Bytes",
                "f64"
            ]
        );
    }

    #[test]
    fn containers_and_arrays_nest_outermost_first() {
        let types = member_types(
            "struct S { sequence<sequence<long>> a; map<string, double> b; long c[2][3];
                        octet d[4]; };",
            "S",
            &[],
        );
        assert_eq!(
            types[0],
            ":: std :: vec :: Vec < :: std :: vec :: Vec < i32 > >"
        );
        assert_eq!(
            types[1],
            ":: std :: collections :: BTreeMap < :: std :: string :: String , f64 >"
        );
        assert_eq!(types[2], "[[i32 ; 3] ; 2]");
        assert_eq!(types[3], "[u8 ; 4]");
    }

    #[test]
    fn declared_types_are_named_relative_to_the_module() {
        let idl = "module A { struct P { long x; }; typedef sequence<P> Ps; };
                   module B { struct S { A::P p; A::Ps ps; }; };";
        let types = member_types(idl, "B::S", &["b"]);
        assert_eq!(types, ["super :: a :: P", "super :: a :: Ps"]);
    }

    #[test]
    fn constants_become_literals_of_their_type() {
        let m = model(
            "const short N = -5; const float F = 1.5; const string S = \"hi\";
             enum E { RED, GREEN }; const E G = GREEN; const char C = 'x';",
        );
        let options = RustOptions::default();
        let cx = Context::new(&m, &options);
        let value = |name: &str| {
            let DeclKind::Const(c) = &m.decl(m.lookup(name).unwrap()).kind else {
                panic!()
            };
            const_value(&cx, c.value.as_ref().unwrap(), &c.ty, &[])
                .unwrap()
                .to_string()
        };
        assert_eq!(value("N"), "- 5");
        assert_eq!(value("F"), "1.5");
        assert_eq!(value("S"), "\"hi\"");
        assert_eq!(value("G"), "E :: Green");
        assert_eq!(value("C"), "'x'");
    }

    #[test]
    fn arrays_default_through_from_fn() {
        let m = model("typedef long Big[40]; struct S { Big b; };");
        let options = RustOptions::default();
        let cx = Context::new(&m, &options);
        let big = Type::Named(m.lookup("Big").unwrap());
        assert_eq!(
            default_value(&cx, &big).to_string(),
            ":: core :: array :: from_fn (| _ | :: core :: default :: Default :: default ())"
        );
    }
}
