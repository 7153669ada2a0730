//! Interfaces as services: one `rpc` per operation (inherited ones included) and per attribute
//! accessor (`_get_a`, `_set_a`), each with its own `I_op_Request` and `I_op_Response` message.
//! The rpc names are the IDL names, so the gRPC path of `M::I::op` is `/M.I/op`.
//!
//! A request holds the `in` and `inout` parameters, numbered from 1; a response holds
//! `result = 1` (when not `void`), then the `out` and `inout` parameters, then `oneof exception`
//! with one field per declared exception. `local` interfaces are never called remotely and get
//! no service.

use std::collections::HashSet;

use orbit_idl::{
    Span,
    model::{
        Attribute, DeclId, DeclKind, Interface, InterfaceKind, Model, Operation, ParamDirection,
        Type,
    },
};

use super::{
    builder::Builder,
    diagnose,
    fields::{self, Site},
    ir::{Field, Item, Message, Oneof, Rpc, Service},
    names::{self, Local},
    render::doc_lines,
};
use crate::wire::{
    self,
    layout::{self, OperationLayout},
};

/// The name of a response's exception `oneof`.
pub(crate) const EXCEPTION_ONEOF: &str = "exception";

/// One remotely callable thing of an interface.
#[derive(Clone, Copy)]
enum Call<'m> {
    Operation(&'m Operation),
    Get(&'m Attribute),
    Set(&'m Attribute),
}

/// A call whose layout and message names are settled.
struct Prepared<'m> {
    call: Call<'m>,
    /// The IDL scoped name of the interface that declares it.
    owner: &'m str,
    name: String,
    request: String,
    response: String,
    layout: OperationLayout,
}

/// Writes the service of interface `id`, then the messages of its calls.
pub(crate) fn interface(b: &mut Builder<'_>, id: DeclId, iface: &Interface) {
    if iface.kind == InterfaceKind::Local {
        return;
    }
    let model = b.model;
    let Some(decl) = model.get(id) else { return };
    let Some(target) = b.names.type_name(id).cloned() else {
        return;
    };
    let mut prepared = Vec::new();
    for owner in ancestry(model, id) {
        let Some(owner_decl) = model.get(owner) else {
            continue;
        };
        let DeclKind::Interface(owner_iface) = &owner_decl.kind else {
            continue;
        };
        for call in calls(owner_iface) {
            if let Some(p) = prepare(
                b,
                &target.package,
                &target.name,
                &owner_decl.scoped_name,
                call,
            ) {
                prepared.push(p);
            }
        }
    }
    let rpcs = prepared
        .iter()
        .map(|p| rpc(p, &decl.scoped_name, &target.package))
        .collect();
    let service = Service {
        name: target.name.clone(),
        doc: doc_lines(decl.doc.as_deref()),
        rpcs,
    };
    b.push(&target.package, Item::Service(service));
    for p in &prepared {
        messages(b, &target.package, &decl.scoped_name, p);
    }
}

/// The interface and every interface it inherits from, bases first (depth first, in the order
/// written, each once), the interface itself last.
fn ancestry(model: &Model, id: DeclId) -> Vec<DeclId> {
    let bases = |id: DeclId| match model.get(id).map(|d| &d.kind) {
        Some(DeclKind::Interface(i)) => i.bases.as_slice(),
        _ => &[],
    };
    let mut order = Vec::new();
    let mut seen = HashSet::from([id]);
    let mut stack = vec![(id, 0usize)];
    while let Some((current, next)) = stack.last_mut() {
        match bases(*current).get(*next) {
            Some(&base) => {
                *next += 1;
                if seen.insert(base) {
                    stack.push((base, 0));
                }
            }
            None => {
                order.push(*current);
                stack.pop();
            }
        }
    }
    order
}

/// An interface's own attributes and operations in source order, each attribute as its getter
/// and (unless `readonly`) its setter.
fn calls(iface: &Interface) -> Vec<Call<'_>> {
    let mut placed: Vec<(Span, Call<'_>)> = Vec::new();
    for op in &iface.operations {
        placed.push((op.name_span, Call::Operation(op)));
    }
    for attribute in &iface.attributes {
        placed.push((attribute.name_span, Call::Get(attribute)));
        if !attribute.readonly {
            placed.push((attribute.name_span, Call::Set(attribute)));
        }
    }
    // A stable sort keeps a getter before its setter.
    placed.sort_by_key(|(span, _)| (span.file, span.start));
    placed.into_iter().map(|(_, call)| call).collect()
}

/// Lays a call out and claims its message names; reports and returns `None` when a type has no
/// mapping.
fn prepare<'m>(
    b: &mut Builder<'m>,
    package: &str,
    service: &str,
    owner: &'m str,
    call: Call<'m>,
) -> Option<Prepared<'m>> {
    let model = b.model;
    let (name, result) = match call {
        Call::Operation(op) => {
            let mut valid = b.check_name(&op.name, op.name_span);
            for p in &op.params {
                valid &= b.check_name(&p.name, p.name_span);
            }
            if !valid {
                return None;
            }
            (op.name.to_string(), layout::operation_layout(model, op))
        }
        Call::Get(a) | Call::Set(a) => {
            if !b.check_name(&a.name, a.name_span) {
                return None;
            }
            let layouts = layout::attribute_layouts(model, &a.ty, &a.get_raises, &a.set_raises);
            match call {
                Call::Get(_) => (format!("_get_{}", a.name), layouts.map(|(get, _)| get)),
                _ => (format!("_set_{}", a.name), layouts.map(|(_, set)| set)),
            }
        }
    };
    let layout = match result {
        Ok(layout) => layout,
        Err(_) => {
            report(b, call);
            return None;
        }
    };
    let request = b.names.claim(package, &format!("{service}_{name}_Request"));
    let response = b
        .names
        .claim(package, &format!("{service}_{name}_Response"));
    Some(Prepared {
        call,
        owner,
        name,
        request,
        response,
        layout,
    })
}

/// Reports every value of a call whose type has no mapping.
fn report(b: &mut Builder<'_>, call: Call<'_>) {
    let model = b.model;
    let check = |b: &mut Builder<'_>, ty: &Type, what: String, span: Span| {
        if let Err(unsupported) = wire::field(model, "", 1, ty, false) {
            b.error(diagnose::unsupported_type(&unsupported, &what, span));
        }
    };
    match call {
        Call::Operation(op) => {
            if let Some(result) = &op.result {
                check(
                    b,
                    result,
                    format!("the result of `{}`", op.name),
                    op.name_span,
                );
            }
            for p in &op.params {
                check(b, &p.ty, format!("parameter `{}`", p.name), p.name_span);
            }
        }
        Call::Get(a) | Call::Set(a) => {
            check(b, &a.ty, format!("attribute `{}`", a.name), a.name_span);
        }
    }
}

/// The `rpc` line of a call, with its comment.
fn rpc(p: &Prepared<'_>, interface: &str, package: &str) -> Rpc {
    let mut doc = match p.call {
        Call::Operation(op) => doc_lines(op.doc.as_deref()),
        Call::Get(a) | Call::Set(a) => doc_lines(a.doc.as_deref()),
    };
    match p.call {
        Call::Operation(op) if op.oneway => {
            doc.push("Oneway: the caller does not wait for the response.".to_owned());
        }
        Call::Get(a) => doc.push(format!("Reads attribute `{}`.", a.name)),
        Call::Set(a) => doc.push(format!("Sets attribute `{}`.", a.name)),
        Call::Operation(_) => {}
    }
    if p.owner != interface {
        doc.push(format!("Inherited from `{}`.", p.owner));
    }
    Rpc {
        doc,
        name: p.name.clone(),
        request: names::reference(package, package, &p.request),
        response: names::reference(package, package, &p.response),
    }
}

/// Writes the request and response messages of a call.
fn messages(b: &mut Builder<'_>, package: &str, interface: &str, p: &Prepared<'_>) {
    let model = b.model;
    // The IDL value behind each request and response field, in layout order.
    let (ins, outs, span): (Vec<Value<'_>>, Vec<Value<'_>>, Span) = match p.call {
        Call::Operation(op) => {
            let ins = op
                .params
                .iter()
                .filter(|p| p.direction != ParamDirection::Out)
                .map(|p| Value {
                    ty: &p.ty,
                    span: p.name_span,
                    note: (p.direction == ParamDirection::InOut).then_some("inout"),
                })
                .collect();
            let result = op.result.iter().map(|ty| Value {
                ty,
                span: op.name_span,
                note: None,
            });
            let outs = result
                .chain(
                    op.params
                        .iter()
                        .filter(|p| p.direction != ParamDirection::In)
                        .map(|p| Value {
                            ty: &p.ty,
                            span: p.name_span,
                            note: Some(match p.direction {
                                ParamDirection::InOut => "inout",
                                _ => "out",
                            }),
                        }),
                )
                .collect();
            (ins, outs, op.name_span)
        }
        Call::Get(a) => (Vec::new(), vec![Value::of(a)], a.name_span),
        Call::Set(a) => (vec![Value::of(a)], Vec::new(), a.name_span),
    };
    let what = format!("`{interface}::{}`", p.name);
    let request_site = Site {
        package,
        message: &p.request,
        span,
    };
    let mut local = Local::default();
    let fields = values(b, request_site, &mut local, &p.layout.request, &ins);
    let request = Message {
        name: p.request.clone(),
        doc: vec![format!("The request of {what}.")],
        fields,
        oneof: None,
    };
    b.push(package, Item::Message(request));

    let response_site = Site {
        message: &p.response,
        ..request_site
    };
    let mut local = Local::default();
    let oneof_name = (!p.layout.exceptions.is_empty()).then(|| local.oneof(EXCEPTION_ONEOF));
    let fields = values(b, response_site, &mut local, &p.layout.response, &outs);
    let mut exceptions = Vec::with_capacity(p.layout.exceptions.len());
    for &(exception, number) in &p.layout.exceptions {
        let (Some(e), Some(decl)) = (b.names.type_name(exception).cloned(), model.get(exception))
        else {
            continue;
        };
        b.use_type(package, &e.package, &e.name, span);
        exceptions.push(Field {
            doc: Vec::new(),
            label: super::ir::Label::None,
            ty: names::reference(package, &e.package, &e.name),
            name: local.field(&decl.name),
            number,
            note: None,
        });
    }
    let response = Message {
        name: p.response.clone(),
        doc: vec![format!("The response of {what}.")],
        fields,
        oneof: oneof_name.map(|name| Oneof {
            name,
            fields: exceptions,
        }),
    };
    b.push(package, Item::Message(response));
}

/// The IDL side of one request or response field.
struct Value<'m> {
    ty: &'m Type,
    span: Span,
    note: Option<&'static str>,
}

impl<'m> Value<'m> {
    fn of(attribute: &'m Attribute) -> Self {
        Value {
            ty: &attribute.ty,
            span: attribute.name_span,
            note: None,
        }
    }
}

/// The fields of a request or response: the layout's fields, named uniquely (`result` keeps its
/// name, a parameter called `result` gets `result_2`), with their IDL notes.
fn values(
    b: &mut Builder<'_>,
    site: Site<'_>,
    local: &mut Local,
    layout: &[wire::Field],
    values: &[Value<'_>],
) -> Vec<Field> {
    layout
        .iter()
        .zip(values)
        .map(|(wire, value)| {
            let name = local.field(&wire.name);
            let site = Site {
                span: value.span,
                ..site
            };
            let note = value.note.map(str::to_owned);
            fields::field(b, site, wire, name, Some(value.ty), Vec::new(), note)
        })
        .collect()
}
