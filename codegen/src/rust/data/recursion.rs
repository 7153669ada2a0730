//! Members that hold their own type. `@external` members are always boxed (`Box<T>`, IDL4's
//! "held by reference"); an `@optional` one that holds its own type is boxed too (an
//! `Option<T>` inside `T` has no finite size); any other is refused. A `sequence` of the type
//! needs nothing, its elements live on the heap.
//!
//! A boxed member that is not optional still needs a finite `Default`: [`default_holds`]
//! finds the ones whose default value would contain itself.

use std::collections::HashSet;

use orbit_idl::model::{DeclId, DeclKind, Member, Model, Type};

use crate::wire::layout::struct_members;

/// Whether a value of type `ty` holds a value of declaration `target` inline: directly, or
/// through struct and exception members, union cases and array elements (not through
/// sequences, maps and `@external` members, which are on the heap). `@optional` members count,
/// so two structs that hold each other optionally are both boxed.
pub(super) fn holds(model: &Model, ty: &Type, target: DeclId) -> bool {
    let edge = |m: &Member| !m.external;
    walk(model, ty, target, &edge, false, &mut HashSet::new())
}

/// Whether the default value of type `ty` contains a value of `target`: through non-optional
/// members (`@external` ones included), the first case of unions and array elements. A boxed
/// member whose type does is a `Default` that never ends.
pub(super) fn default_holds(model: &Model, ty: &Type, target: DeclId) -> bool {
    let edge = |m: &Member| !m.optional;
    walk(model, ty, target, &edge, true, &mut HashSet::new())
}

/// Whether `ty` reaches `target` through members `edge` accepts (only the first case of a
/// union when `first_case`).
fn walk(
    model: &Model,
    ty: &Type,
    target: DeclId,
    edge: &dyn Fn(&Member) -> bool,
    first_case: bool,
    visited: &mut HashSet<DeclId>,
) -> bool {
    let through = |m: &Member, visited: &mut HashSet<DeclId>| {
        edge(m) && walk(model, &m.ty, target, edge, first_case, visited)
    };
    match model.resolve_alias(ty) {
        Type::Array(element, _) => walk(model, element, target, edge, first_case, visited),
        Type::Named(id) if *id == target => true,
        Type::Named(id) => {
            if !visited.insert(*id) {
                return false;
            }
            match model.get(*id).map(|d| &d.kind) {
                Some(DeclKind::Struct(_)) => struct_members(model, *id)
                    .into_iter()
                    .any(|m| through(m, visited)),
                Some(DeclKind::Exception(e)) => e.members.iter().any(|m| through(m, visited)),
                Some(DeclKind::Union(u)) if first_case => {
                    u.cases.first().is_some_and(|c| through(&c.member, visited))
                }
                Some(DeclKind::Union(u)) => u.cases.iter().any(|c| through(&c.member, visited)),
                _ => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use orbit_idl::Frontend;

    use super::*;

    #[test]
    fn self_reference_is_found_through_members_and_arrays_but_not_sequences() {
        let compilation = Frontend::new().compile_source(
            "t.idl",
            "struct Node; typedef sequence<Node> Nodes;
             struct Node { Nodes children; @optional Node next; };
             struct A; struct B { @optional A a[2]; }; struct A { @optional B b; };
             struct Leaf { long x; };
             union U; struct E { @external U u; }; union U switch (long) { case 1: E e; };
             struct Loop { @external Loop again; };",
        );
        let model = compilation.model.expect("a model");
        let id = |name: &str| model.lookup(name).unwrap();
        let node = Type::Named(id("Node"));
        assert!(holds(&model, &node, id("Node")));
        assert!(!holds(&model, &Type::Named(id("Nodes")), id("Node")));
        assert!(holds(&model, &Type::Named(id("B")), id("A")));
        assert!(holds(&model, &Type::Named(id("A")), id("B")));
        assert!(!holds(&model, &Type::Named(id("Leaf")), id("Node")));
        // Through an `@external` member a type holds itself on the heap only.
        assert!(!holds(&model, &Type::Named(id("E")), id("U")));
        assert!(default_holds(&model, &Type::Named(id("E")), id("U")));
        assert!(default_holds(&model, &Type::Named(id("Loop")), id("Loop")));
        assert!(!default_holds(
            &model,
            &Type::Named(id("Nodes")),
            id("Node")
        ));
        assert!(!default_holds(&model, &Type::Named(id("B")), id("A")));
    }
}
