//! One field: its label and type as written (with the wrapper messages nesting needs), and the
//! note that tells a reader what the IDL type was when the proto type does not say it.

use orbit_idl::{
    Span,
    model::{DeclKind, Model, Primitive, Type},
};

use super::{
    builder::Builder,
    ir::{self, Label},
    names, wrappers,
};
use crate::wire::{self, Cardinality, Carrier};

/// How deep [`is_plain`] looks into a type before it asks for a note anyway.
const MAX_NOTE_DEPTH: usize = 32;

/// Where a field is being written: the package and message that hold it, and the IDL place
/// that any import or diagnostic points at.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Site<'s> {
    /// The package of the file.
    pub(crate) package: &'s str,
    /// The proto name of the message.
    pub(crate) message: &'s str,
    /// The member, parameter or operation the field stands for.
    pub(crate) span: Span,
}

/// The field for a value laid out as `field`, named `name` (already unique in its message),
/// with `ty` its IDL type (for the note), `doc` its comment lines and `extra` a note to put
/// before the type note (`out`, the labels of a union case).
pub(crate) fn field(
    b: &mut Builder<'_>,
    site: Site<'_>,
    field: &wire::Field,
    name: String,
    ty: Option<&Type>,
    doc: Vec<String>,
    extra: Option<String>,
) -> ir::Field {
    let (label, ty_text) = match &field.cardinality {
        Cardinality::Singular => (Label::None, carrier_type(b, site, &name, &field.carrier)),
        Cardinality::Optional => (
            Label::Optional,
            carrier_type(b, site, &name, &field.carrier),
        ),
        Cardinality::Repeated(_) => (
            Label::Repeated,
            carrier_type(b, site, &name, &field.carrier),
        ),
        Cardinality::Map { key, .. } => {
            let key = carrier_type(b, site, &name, key);
            let value = carrier_type(b, site, &name, &field.carrier);
            (Label::None, format!("map<{key}, {value}>"))
        }
    };
    let type_note = ty.and_then(|ty| note(b.model, ty));
    let note = match (extra, type_note) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };
    ir::Field {
        doc,
        label,
        ty: ty_text,
        name,
        number: field.number,
        note,
    }
}

/// The type of one value as written in `site`'s package: a scalar, a (qualified) message or
/// enum name, `orbit.ObjectRef`, or a wrapper message made for a nested list.
pub(crate) fn carrier_type(
    b: &mut Builder<'_>,
    site: Site<'_>,
    field: &str,
    carrier: &Carrier,
) -> String {
    match carrier {
        Carrier::Scalar { scalar, .. } => scalar.proto_name().to_owned(),
        Carrier::Bitmask(_) => wire::Scalar::UInt64.proto_name().to_owned(),
        Carrier::ObjectRef(_) => b.object_ref(site.package, site.span),
        Carrier::Enum(id) | Carrier::Message(id) => match b.names.type_name(*id).cloned() {
            Some(target) => {
                b.use_type(site.package, &target.package, &target.name, site.span);
                names::reference(site.package, &target.package, &target.name)
            }
            // Every struct, union, exception and enum is named; a model built by hand may
            // still point elsewhere, which no proto type can stand for.
            None => wire::Scalar::Bytes.proto_name().to_owned(),
        },
        Carrier::List(list) => wrappers::list(b, site, field, list),
    }
}

/// `IDL <type>` when the proto type loses something of the IDL type (its width, a bound, array
/// dimensions, that it is a `char`, an object reference or a bitmask), else `None`.
pub(crate) fn note(model: &Model, ty: &Type) -> Option<String> {
    let resolved = model.resolve_alias(ty);
    if is_plain(model, resolved, 0) {
        return None;
    }
    let spelled = match resolved {
        Type::Named(id) => match model.get(*id) {
            Some(decl) if matches!(decl.kind, DeclKind::Bitmask(_)) => {
                format!("bitmask {}", decl.scoped_name)
            }
            Some(decl) => decl.scoped_name.to_string(),
            None => model.type_name(resolved),
        },
        _ => model.type_name(resolved),
    };
    Some(match resolved {
        Type::Primitive(Primitive::LongDouble) => format!("IDL {spelled}, carried as double"),
        _ => format!("IDL {spelled}"),
    })
}

/// Whether the proto type says all there is to say about `ty`.
fn is_plain(model: &Model, ty: &Type, depth: usize) -> bool {
    if depth > MAX_NOTE_DEPTH {
        return false;
    }
    match model.resolve_alias(ty) {
        Type::Primitive(p) => matches!(
            p,
            Primitive::Long
                | Primitive::ULong
                | Primitive::LongLong
                | Primitive::ULongLong
                | Primitive::Float
                | Primitive::Double
                | Primitive::Boolean
        ),
        Type::String(None) => true,
        Type::Sequence(element, None) => {
            matches!(
                model.resolve_alias(element),
                Type::Primitive(Primitive::Octet)
            ) || is_plain(model, element, depth + 1)
        }
        Type::Map(key, value, None) => {
            is_plain(model, key, depth + 1) && is_plain(model, value, depth + 1)
        }
        Type::Named(id) => matches!(
            model.get(*id).map(|d| &d.kind),
            Some(
                DeclKind::Struct(_)
                    | DeclKind::Union(_)
                    | DeclKind::Exception(_)
                    | DeclKind::Enum(_)
            )
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;

    fn notes(idl: &str) -> Vec<Option<String>> {
        let compilation = Frontend::new().compile_source("t.idl", idl);
        let model = compilation.model.expect("a model");
        let id = model.lookup("S").unwrap();
        let DeclKind::Struct(s) = &model.decl(id).kind else {
            panic!()
        };
        s.members.iter().map(|m| note(&model, &m.ty)).collect()
    }

    #[test]
    fn notes_appear_only_when_proto_loses_something() {
        let found = notes(
            "typedef long long Cents; interface I {}; bitmask Perm { R, W };
             struct T { long a; };
             struct S {
                 Cents a; string b; sequence<octet> c; sequence<T> d; map<string, double> e;
                 short f; string<8> g; char h; long double i; long j[2][3]; I k; Perm l;
                 sequence<sequence<long>, 4> m; wstring n; octet o;
             };",
        );
        let expected = [
            None,
            None,
            None,
            None,
            None,
            Some("IDL short"),
            Some("IDL string<8>"),
            Some("IDL char"),
            Some("IDL long double, carried as double"),
            Some("IDL long[2][3]"),
            Some("IDL I"),
            Some("IDL bitmask Perm"),
            Some("IDL sequence<sequence<long>, 4>"),
            Some("IDL wstring"),
            Some("IDL octet"),
        ];
        let expected: Vec<Option<String>> = expected.iter().map(|s| s.map(str::to_owned)).collect();
        assert_eq!(found, expected);
    }
}
