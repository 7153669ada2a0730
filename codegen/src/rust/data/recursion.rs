//! Members that hold their own type: Rust needs a `Box` for an `@optional` one (an `Option<T>`
//! inside `T` has no finite size) and refuses any other; a `sequence` of the type needs
//! nothing, its elements live on the heap.

use std::collections::HashSet;

use orbit_idl::model::{DeclId, DeclKind, Model, Type};

use crate::wire::layout::struct_members;

/// Whether a value of type `ty` holds a value of declaration `target` inline: directly, or
/// through struct and exception members, union cases and array elements (not through
/// sequences and maps). Every member counts, `@optional` ones too, so two structs that hold
/// each other optionally are both boxed.
pub(super) fn holds(model: &Model, ty: &Type, target: DeclId) -> bool {
    holds_in(model, ty, target, &mut HashSet::new())
}

fn holds_in(model: &Model, ty: &Type, target: DeclId, visited: &mut HashSet<DeclId>) -> bool {
    match model.resolve_alias(ty) {
        Type::Array(element, _) => holds_in(model, element, target, visited),
        Type::Named(id) if *id == target => true,
        Type::Named(id) => {
            if !visited.insert(*id) {
                return false;
            }
            match model.get(*id).map(|d| &d.kind) {
                Some(DeclKind::Struct(_)) => struct_members(model, *id)
                    .iter()
                    .any(|m| holds_in(model, &m.ty, target, visited)),
                Some(DeclKind::Exception(e)) => e
                    .members
                    .iter()
                    .any(|m| holds_in(model, &m.ty, target, visited)),
                Some(DeclKind::Union(u)) => u
                    .cases
                    .iter()
                    .any(|c| holds_in(model, &c.member.ty, target, visited)),
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
             struct Leaf { long x; };",
        );
        let model = compilation.model.expect("a model");
        let id = |name: &str| model.lookup(name).unwrap();
        let node = Type::Named(id("Node"));
        assert!(holds(&model, &node, id("Node")));
        assert!(!holds(&model, &Type::Named(id("Nodes")), id("Node")));
        assert!(holds(&model, &Type::Named(id("B")), id("A")));
        assert!(holds(&model, &Type::Named(id("A")), id("B")));
        assert!(!holds(&model, &Type::Named(id("Leaf")), id("Node")));
    }
}
