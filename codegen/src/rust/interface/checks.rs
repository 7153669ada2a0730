//! Names that would collide in the generated Rust, and operation ids that would collide on the
//! wire: each is a diagnostic, since the code could not compile or dispatch correctly.

use std::collections::HashMap;

use orbit_idl::{
    Diagnostic, Span,
    model::{DeclId, DeclKind, Model},
};

use super::{
    super::Context,
    plan::{self, InterfacePlan, Method},
};
use crate::ident::{self, Collisions};

/// Every problem of `plan` together with the plans of its ancestors (`ancestors`, nearest
/// first): method names and operation ids across the whole inheritance graph, and per method
/// its parameters, output fields and error variants.
pub fn check(
    model: &Model,
    plan: &InterfacePlan<'_>,
    ancestors: &[InterfacePlan<'_>],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    check_inherited(model, plan, ancestors, &mut problems);
    for method in &plan.methods {
        check_params(plan, method, &mut problems);
        check_variants(model, plan, method, &mut problems);
    }
    problems
}

/// Method names and operation ids must be unique across an interface and its ancestors.
/// Ancestors are walked first, so a clash is blamed on the method that introduces it, or on
/// the interface when it only arises by inheriting from two unrelated bases. A clash already
/// inside one ancestor is that ancestor's problem, reported there.
fn check_inherited(
    model: &Model,
    plan: &InterfacePlan<'_>,
    ancestors: &[InterfacePlan<'_>],
    problems: &mut Vec<Diagnostic>,
) {
    let mut names: HashMap<&str, (DeclId, &Method<'_>)> = HashMap::new();
    let mut ids: HashMap<u32, (DeclId, &Method<'_>)> = HashMap::new();
    let closures: Vec<(DeclId, Vec<DeclId>)> = ancestors
        .iter()
        .map(|a| (a.id, plan::ancestors(model, a.id)))
        .collect();
    // Whether some ancestor (or the pair's own owner) already inherits both owners.
    let seen_below = |a: DeclId, b: DeclId| {
        closures.iter().any(|(z, closure)| {
            (*z == a || closure.contains(&a)) && (*z == b || closure.contains(&b))
        })
    };
    // Bases are declared before what derives from them: declaration order walks the graph
    // from the roots, in source order.
    let mut owners: Vec<&InterfacePlan<'_>> = ancestors.iter().collect();
    owners.sort_by_key(|owner| owner.id);
    for owner in owners.into_iter().chain(std::iter::once(plan)) {
        for method in &owner.methods {
            let by_name = names
                .entry(method.rust_name.as_str())
                .or_insert((owner.id, method));
            let by_id = ids
                .entry(method.operation_id())
                .or_insert((owner.id, method));
            for (&(first_owner, first), what) in [(&*by_name, Clash::Name), (&*by_id, Clash::Id)] {
                if first.wire_name == method.wire_name && first_owner == owner.id {
                    continue;
                }
                if owner.id != plan.id && seen_below(first_owner, owner.id) {
                    continue;
                }
                let span = if owner.id == plan.id {
                    method.span
                } else {
                    plan.decl.name_span
                };
                problems.push(clash(
                    what,
                    model,
                    (first_owner, first),
                    (owner.id, method),
                    span,
                ));
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Clash {
    Name,
    Id,
}

fn clash(
    what: Clash,
    model: &Model,
    (first_owner, first): (DeclId, &Method<'_>),
    (owner, method): (DeclId, &Method<'_>),
    span: Span,
) -> Diagnostic {
    let scoped = |id: DeclId| model.get(id).map_or("?", |d| d.scoped_name.as_str());
    let a = describe(scoped(first_owner), &first.wire_name);
    let b = describe(scoped(owner), &method.wire_name);
    let diagnostic = match what {
        Clash::Name => Diagnostic::error(
            format!(
                "`{a}` and `{b}` both become the Rust method `{}`",
                method.rust_name
            ),
            span,
        ),
        Clash::Id => Diagnostic::error(
            format!(
                "`{a}` and `{b}` have the same operation id {:#010x}",
                method.operation_id()
            ),
            span,
        )
        .with_note("operation ids are the FNV-1a hash of the IDL name"),
    };
    let diagnostic = if span == method.span {
        diagnostic.with_secondary(first.span, "the other one")
    } else {
        diagnostic
            .with_label("inherits both")
            .with_secondary(first.span, "inherited from here")
            .with_secondary(method.span, "and from here")
    };
    diagnostic.with_help("rename one of them")
}

fn describe(owner: &str, wire_name: &str) -> String {
    format!("{owner}::{wire_name}")
}

/// Parameters must stay distinct in Rust, and distinct from `result` in an output struct.
fn check_params(plan: &InterfacePlan<'_>, method: &Method<'_>, problems: &mut Vec<Diagnostic>) {
    let mut scope = Collisions::new();
    for param in &method.params {
        if let Some(first) = scope.insert(&param.idl_name, param.rust_name.clone()) {
            problems.push(
                Diagnostic::error(
                    format!(
                        "parameters `{first}` and `{}` of `{}` both become `{}` in Rust",
                        param.idl_name, method.idl_name, param.rust_name
                    ),
                    param.span,
                )
                .with_help("rename one of them"),
            );
        }
    }
    if method.has_output()
        && method.result.is_some()
        && let Some(param) = method
            .params
            .iter()
            .find(|p| p.is_output() && p.rust_name == "result")
    {
        problems.push(
            Diagnostic::error(
                format!(
                    "parameter `{}` of `{}` collides with the result in `{}`",
                    param.idl_name,
                    method.idl_name,
                    plan.output_name(method)
                ),
                param.span,
            )
            .with_note("the output struct holds the result in a field named `result`")
            .with_help("rename the parameter"),
        );
    }
}

/// The variants of an error enum: one per exception, plus `System`.
fn check_variants(
    model: &Model,
    plan: &InterfacePlan<'_>,
    method: &Method<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    if method.raises.is_empty() {
        return;
    }
    let mut scope = Collisions::new();
    scope.insert("the system error", "System".to_owned());
    for &exception in &method.raises {
        let Some(decl) = model.get(exception) else {
            continue;
        };
        let variant = ident::camel(&decl.name);
        if let Some(first) = scope.insert(&decl.scoped_name, variant.clone()) {
            problems.push(
                Diagnostic::error(
                    format!(
                        "`{}` and {} both become the variant `{variant}` of `{}`",
                        decl.scoped_name,
                        quote_unless_phrase(first),
                        plan.error_name(method)
                    ),
                    method.span,
                )
                .with_help("rename the exception"),
            );
        }
    }
}

fn quote_unless_phrase(name: &str) -> String {
    if name.contains(' ') {
        name.to_owned()
    } else {
        format!("`{name}`")
    }
}

/// The type names `plan` generates must not clash with the names of the other declarations of
/// its module, nor with what interfaces declared before it there generate. Clashes between the
/// names every declaration takes (a trait, a proxy, a struct) are the data generator's
/// `check_names`' to report; this reports those that involve a name only interfaces generate.
pub fn check_module_names(cx: &Context<'_>, plan: &InterfacePlan<'_>) -> Vec<Diagnostic> {
    let model = cx.model;
    let siblings: &[DeclId] = match plan.decl.parent {
        Some(parent) => model.children(parent),
        None => model.root(),
    };
    // Each name taken: who takes it, where, and whether only interface generation knows it.
    let mut taken: HashMap<String, (String, Span, bool)> = HashMap::new();
    for &sibling in siblings {
        if sibling == plan.id {
            continue;
        }
        let Some(decl) = model.get(sibling) else {
            continue;
        };
        let owner = decl.scoped_name.to_string();
        match &decl.kind {
            DeclKind::Interface(_) if sibling < plan.id => {
                for name in cx.interface_type_names(sibling) {
                    taken.insert(name.name, (owner.clone(), name.span, name.interface_only));
                }
            }
            DeclKind::Interface(_) | DeclKind::Module(_) | DeclKind::Const(_) => {}
            _ => {
                taken.insert(ident::camel(&decl.name), (owner, decl.name_span, false));
            }
        }
    }
    plan.type_names()
        .into_iter()
        .filter_map(|mine| {
            let (owner, other, interface_only) = taken.get(&mine.name)?;
            if !mine.interface_only && !interface_only {
                return None;
            }
            let name = &mine.name;
            Some(
                Diagnostic::error(
                    format!(
                        "interface `{}` generates `{name}`, which `{owner}` also defines",
                        plan.decl.scoped_name
                    ),
                    mine.span,
                )
                .with_secondary(*other, format!("`{name}` comes from here too"))
                .with_help("rename one of them"),
            )
        })
        .collect()
}
