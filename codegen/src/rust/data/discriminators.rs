//! Union discriminators as Rust values: labels for docs, the value of a case, the pattern of
//! the labels the default case may not use, and a value that selects the default case.

use orbit_idl::model::{Case, CaseLabel, ConstValue, DeclKind, Primitive, Type, Union};
use proc_macro2::TokenStream;
use quote::quote;

use super::const_value;
use crate::rust::Context;

/// A label as IDL writes it, for docs: `` `case 1:` ``, `` `default:` ``.
pub(super) fn label_text(cx: &Context<'_>, label: &CaseLabel) -> String {
    match label {
        CaseLabel::Default => "`default:`".to_owned(),
        CaseLabel::Value(ConstValue::Enumerator { decl, index }) => {
            let name = cx
                .model
                .get(*decl)
                .and_then(|d| match &d.kind {
                    DeclKind::Enum(e) => e.enumerators.get(*index as usize),
                    _ => None,
                })
                .map_or_else(|| format!("#{index}"), |en| en.name.to_string());
            format!("`case {name}:`")
        }
        CaseLabel::Value(value) => format!("`case {value}:`"),
    }
}

/// The first label of an explicit case, as a value of the discriminator's Rust type.
pub(super) fn first_label(
    cx: &Context<'_>,
    case: &Case,
    discriminator: &Type,
    module: &[String],
) -> Option<TokenStream> {
    case.labels.iter().find_map(|label| match label {
        CaseLabel::Value(value) => const_value(cx, value, discriminator, module),
        CaseLabel::Default => None,
    })
}

/// The pattern of every label of the cases other than the default one (`1 | 2 | 5`), or `None`
/// when there are none.
pub(super) fn labels_pattern(
    cx: &Context<'_>,
    u: &Union,
    module: &[String],
) -> Option<TokenStream> {
    let labels: Vec<TokenStream> = u
        .cases
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != u.default_case)
        .flat_map(|(_, case)| &case.labels)
        .filter_map(|label| match label {
            CaseLabel::Value(value) => const_value(cx, value, &u.discriminator, module),
            CaseLabel::Default => None,
        })
        .collect();
    (!labels.is_empty()).then(|| quote!(#(#labels)|*))
}

/// A discriminator value that selects the default case `index`: its own first label, else the
/// smallest value no other case is labelled with.
pub(super) fn free_discriminator(
    cx: &Context<'_>,
    u: &Union,
    index: usize,
    module: &[String],
) -> Option<TokenStream> {
    if let Some(own) = u
        .cases
        .get(index)
        .and_then(|case| first_label(cx, case, &u.discriminator, module))
    {
        return Some(own);
    }
    let used: Vec<&ConstValue> = u
        .cases
        .iter()
        .flat_map(|case| &case.labels)
        .filter_map(|label| match label {
            CaseLabel::Value(value) => Some(value),
            CaseLabel::Default => None,
        })
        .collect();
    let model = cx.model;
    let value = match model.resolve_alias(&u.discriminator) {
        Type::Primitive(Primitive::Boolean) => [false, true]
            .into_iter()
            .find(|b| !used.contains(&&ConstValue::Bool(*b)))
            .map(ConstValue::Bool)?,
        Type::Primitive(p @ (Primitive::Char | Primitive::WChar)) => {
            let taken = |c: char| {
                used.iter()
                    .any(|v| matches!(v, ConstValue::Char(x) | ConstValue::WChar(x) if *x == c))
            };
            // At most `used.len()` values are taken, so one of the first `len + 1` is free.
            let c = (0..=used.len() as u32)
                .filter_map(char::from_u32)
                .find(|&c| !taken(c))?;
            if *p == Primitive::Char {
                ConstValue::Char(c)
            } else {
                ConstValue::WChar(c)
            }
        }
        Type::Primitive(p) => {
            let (low, high) = p.integer_range()?;
            let v = (0..=used.len() as i128)
                .map(|v| v + low.max(0))
                .find(|v| *v <= high && !used.iter().any(|u| u.as_integer() == Some(*v)))?;
            if matches!(p, Primitive::Octet) {
                ConstValue::Octet(u8::try_from(v).ok()?)
            } else {
                ConstValue::Integer(v, *p)
            }
        }
        Type::Named(id) => {
            let DeclKind::Enum(e) = &model.get(*id)?.kind else {
                return None;
            };
            let index = (0..e.enumerators.len() as u32).find(|&index| {
                !used
                    .iter()
                    .any(|u| matches!(u, ConstValue::Enumerator { index: i, .. } if *i == index))
            })?;
            ConstValue::Enumerator { decl: *id, index }
        }
        _ => return None,
    };
    const_value(cx, &value, &u.discriminator, module)
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;
    use crate::rust::RustOptions;

    /// The free discriminator of the default case of union `U` in `idl`.
    fn free(idl: &str) -> Option<String> {
        let compilation = Frontend::new().compile_source("t.idl", idl);
        let model = compilation.model.expect("a model");
        let options = RustOptions::default();
        let cx = Context::new(&model, &options);
        let DeclKind::Union(u) = &model.decl(model.lookup("U").unwrap()).kind else {
            panic!("not a union")
        };
        let index = u.default_case.expect("a default case");
        free_discriminator(&cx, u, index, &[]).map(|t| t.to_string())
    }

    #[test]
    fn the_default_case_gets_the_first_value_no_case_uses() {
        let idl = |d: &str, labels: &str| {
            format!("enum E {{ A, B, C }}; union U switch ({d}) {{ {labels} default: long x; }};")
        };
        assert_eq!(
            free(&idl("long", "case 0: case 1: short a;")).as_deref(),
            Some("2")
        );
        assert_eq!(
            free(&idl("char", "case '\\0': short a;")).as_deref(),
            Some("'\\u{1}'")
        );
        assert_eq!(
            free(&idl("boolean", "case FALSE: short a;")).as_deref(),
            Some("true")
        );
        assert_eq!(
            free(&idl("E", "case A: short a;")).as_deref(),
            Some("E :: B")
        );
        assert_eq!(
            free(&idl("boolean", "case FALSE: short a; case TRUE: short b;")),
            None
        );
    }

    #[test]
    fn a_default_case_with_its_own_label_uses_it() {
        let idl = "union U switch (short) { case 1: long a; case 5: default: long x; };";
        assert_eq!(free(idl).as_deref(), Some("5"));
    }
}
