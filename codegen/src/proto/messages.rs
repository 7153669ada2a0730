//! Structs (with their bases' members first), exceptions and unions as messages.

use orbit_idl::model::{CaseLabel, ConstValue, DeclId, DeclKind, Member, Union};

use super::{
    builder::Builder,
    diagnose,
    fields::{self, Site},
    ir::{Item, Message, Oneof},
    names::Local,
    render::doc_lines,
};
use crate::wire::layout::{self, LayoutError};

/// The name of a union's `oneof`.
pub(crate) const UNION_ONEOF: &str = "value";

/// The name of a union's discriminator field (present with a `default` case).
pub(crate) const DISCRIMINATOR: &str = "discriminator";

/// Writes the message of a struct or exception.
pub(crate) fn record(b: &mut Builder<'_>, id: DeclId) {
    let model = b.model;
    let Some(decl) = model.get(id) else { return };
    let members = layout::record_members(model, id);
    let Some(target) = b.names.type_name(id).cloned() else {
        return;
    };
    let site = Site {
        package: &target.package,
        message: &target.name,
        span: decl.name_span,
    };
    let mut local = Local::default();
    let mut out = Vec::with_capacity(members.len());
    for (member, field) in members {
        let Some(wire) = member_field(b, member, field) else {
            continue;
        };
        let name = local.field(&member.name);
        let site = Site {
            span: member.span,
            ..site
        };
        out.push(fields::field(
            b,
            site,
            &wire,
            name,
            Some(&member.ty),
            doc_lines(member.doc.as_deref()),
            None,
        ));
    }
    let message = Message {
        name: target.name.clone(),
        doc: doc_lines(decl.doc.as_deref()),
        fields: out,
        oneof: None,
    };
    b.push(&target.package, Item::Message(message));
}

/// Writes the message of a union: `discriminator = 1` when there is a `default` case, then
/// `oneof value` with one field per case.
pub(crate) fn union(b: &mut Builder<'_>, id: DeclId, union: &Union) {
    let model = b.model;
    let Some(decl) = model.get(id) else { return };
    let Some(target) = b.names.type_name(id).cloned() else {
        return;
    };
    let site = Site {
        package: &target.package,
        message: &target.name,
        span: decl.name_span,
    };
    let mut local = Local::default();
    let oneof_name = local.oneof(UNION_ONEOF);
    let mut out = Vec::new();
    // A case that fails is reported below, case by case.
    let discriminator = union
        .default_case
        .and_then(|_| layout::union_layout(model, id).ok())
        .and_then(|layout| layout.discriminator);
    if let Some(wire) = discriminator {
        let name = local.field(DISCRIMINATOR);
        let doc = vec!["Which case holds the value (set with the `default` case).".to_owned()];
        out.push(fields::field(
            b,
            site,
            &wire,
            name,
            Some(&union.discriminator),
            doc,
            None,
        ));
    }
    let mut cases = Vec::with_capacity(union.cases.len());
    for case in &union.cases {
        let member = &case.member;
        let Some(wire) = member_field(b, member, layout::case_field(model, member)) else {
            continue;
        };
        let name = local.field(&member.name);
        let site = Site {
            span: member.span,
            ..site
        };
        let labels = labels(b, &case.labels);
        cases.push(fields::field(
            b,
            site,
            &wire,
            name,
            Some(&member.ty),
            doc_lines(member.doc.as_deref()),
            Some(labels),
        ));
    }
    let message = Message {
        name: target.name.clone(),
        doc: doc_lines(decl.doc.as_deref()),
        fields: out,
        oneof: Some(Oneof {
            name: oneof_name,
            fields: cases,
        }),
    };
    b.push(&target.package, Item::Message(message));
}

/// The layout of a member, after its name is checked; reports and returns `None` on failure.
fn member_field(
    b: &mut Builder<'_>,
    member: &Member,
    layout: Result<crate::wire::Field, LayoutError>,
) -> Option<crate::wire::Field> {
    if !b.check_name(&member.name, member.name_span) {
        return None;
    }
    match layout {
        Ok(field) => Some(field),
        Err(error) => {
            b.error(diagnose::layout(&error, "member", member.span));
            None
        }
    }
}

/// The labels of a union case as IDL writes them: `case 1, 2` or `default`.
fn labels(b: &Builder<'_>, labels: &[CaseLabel]) -> String {
    let mut values = Vec::new();
    let mut default = false;
    for label in labels {
        match label {
            CaseLabel::Default => default = true,
            CaseLabel::Value(value) => values.push(label_value(b, value)),
        }
    }
    match (values.is_empty(), default) {
        (true, _) => "default".to_owned(),
        (false, false) => format!("case {}", values.join(", ")),
        (false, true) => format!("case {}, default", values.join(", ")),
    }
}

/// A case label's value, with enumerators by name.
fn label_value(b: &Builder<'_>, value: &ConstValue) -> String {
    if let ConstValue::Enumerator { decl, index } = value
        && let Some(DeclKind::Enum(e)) = b.model.get(*decl).map(|d| &d.kind)
        && let Some(en) = e.enumerators.get(*index as usize)
    {
        return en.name.to_string();
    }
    value.to_string()
}
