//! Enums: values named `E_A` (proto scopes enum values in the package, so they carry the enum's
//! name), numbered with the IDL values, with `E_UNSPECIFIED = 0` added when no enumerator is 0.
//! proto3 wants the zero value first; a shared number gets `allow_alias`.

use std::collections::HashSet;

use orbit_idl::model::{DeclId, Enum};

use super::{
    builder::Builder,
    diagnose,
    ir::{self, EnumValue, Item},
    render::doc_lines,
};

/// The suffix of the value added when no enumerator is 0.
pub(crate) const UNSPECIFIED: &str = "UNSPECIFIED";

/// Writes the enum `id`.
pub(crate) fn enumeration(b: &mut Builder<'_>, id: DeclId, e: &Enum) {
    let Some(decl) = b.model.get(id) else { return };
    let Some(target) = b.names.type_name(id).cloned() else {
        return;
    };
    let mut values = Vec::with_capacity(e.enumerators.len() + 1);
    let mut valid = true;
    for en in &e.enumerators {
        valid &= b.check_name(&en.name, en.span);
        let Ok(number) = i32::try_from(en.value) else {
            b.error(diagnose::enum_value_range(&en.name, en.value, en.span));
            valid = false;
            continue;
        };
        let name = b
            .names
            .claim(&target.package, &format!("{}_{}", target.name, en.name));
        values.push(EnumValue {
            doc: doc_lines(en.doc.as_deref()),
            name,
            number,
        });
    }
    if !valid {
        return;
    }
    match values.iter().position(|v| v.number == 0) {
        Some(zero) => {
            let value = values.remove(zero);
            values.insert(0, value);
        }
        None => {
            let name = b
                .names
                .claim(&target.package, &format!("{}_{UNSPECIFIED}", target.name));
            values.insert(
                0,
                EnumValue {
                    doc: vec!["No IDL enumerator has the value 0; proto3 requires one.".to_owned()],
                    name,
                    number: 0,
                },
            );
        }
    }
    let mut seen = HashSet::new();
    let allow_alias = !values.iter().all(|v| seen.insert(v.number));
    let item = ir::Enum {
        name: target.name.clone(),
        doc: doc_lines(decl.doc.as_deref()),
        allow_alias,
        values,
    };
    b.push(&target.package, Item::Enum(item));
}
