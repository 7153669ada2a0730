//! Declarations: duplicates, case-insensitive clashes, forward declarations, struct
//! inheritance, recursion, and constants declared inside a struct.

use super::{assert_clean, errors, messages, rendered};

#[test]
fn a_name_defined_twice_in_one_scope_points_at_both() {
    let text = "module M {\n  struct S { long a; };\n  typedef long S;\n};\n";
    assert_eq!(errors(text), ["3:16: `S` is defined more than once"]);
    let shown = rendered(text);
    assert!(shown.contains("first defined here"), "{shown}");
    assert!(shown.contains("test.idl:3:16"), "{shown}");
}

#[test]
fn names_differing_only_in_case_clash() {
    assert_eq!(
        errors("struct S {\n  long a;\n  long A;\n};\n"),
        ["3:8: `A` clashes with `a`, which differs only in case"]
    );
    assert_eq!(
        errors("typedef long value;\ntypedef short Value;\n"),
        ["2:15: `Value` clashes with `value`, which differs only in case"]
    );
}

#[test]
fn a_declaration_cannot_reuse_its_scope_name() {
    assert_eq!(
        errors("module M {\n  typedef long M;\n};\n"),
        ["2:16: `M` has the same name as the enclosing module"]
    );
    assert_eq!(
        errors("interface I {\n  void i();\n};\n"),
        ["2:8: `i` has the same name as the enclosing interface"]
    );
}

#[test]
fn forward_declarations_are_completed_by_their_definition() {
    let compilation = assert_clean(
        "struct Node;
         typedef sequence<Node> Children;
         struct Node { Children children; };
         interface I;
         interface User { I peer(); };
         interface I { void f(); };
         interface I;",
    );
    let model = compilation.model.expect("model");
    let node = model.lookup("Node").expect("Node");
    assert!(matches!(
        model.decl(node).kind,
        crate::model::DeclKind::Struct(_)
    ));
}

#[test]
fn a_forward_declared_struct_never_defined_is_an_error_only_by_value() {
    let text = "struct Later;\n\
                typedef sequence<Later> Many;\n\
                struct Holder { Many fine; Later wrong; };\n";
    assert_eq!(
        errors(text),
        ["3:28: struct `Later` is used by value but never defined"]
    );
}

#[test]
fn a_forward_declaration_of_another_kind_is_a_redefinition() {
    assert_eq!(
        errors("struct X;\nunion X switch (long) { case 1: long a; };\n"),
        ["2:7: `X` is defined more than once"]
    );
}

#[test]
fn a_struct_cannot_contain_itself() {
    assert_eq!(
        errors("struct Node {\n  long v;\n  Node next;\n};\n"),
        ["3:3: recursive type `Node` contains itself"]
    );
    assert_clean(
        "struct Tree { sequence<Tree> kids; @external Tree parent; @optional Tree other; };",
    );
}

#[test]
fn struct_inheritance_needs_a_defined_struct() {
    let text = "interface I {};\n\
                struct A : I { long a; };\n\
                struct Fwd;\n\
                struct B : Fwd { long b; };\n";
    assert_eq!(
        errors(text),
        [
            "2:12: struct `A` cannot inherit from interface `I`",
            "4:12: struct `B` cannot inherit from `Fwd`, which is not defined yet",
        ]
    );
}

#[test]
fn derived_struct_members_cannot_repeat_base_members() {
    assert_eq!(
        errors("struct Base { long id; };\nstruct Derived : Base { short id; };\n"),
        ["2:31: `id` is defined more than once"]
    );
}

#[test]
fn duplicate_members_are_reported() {
    assert_eq!(
        errors("exception E {\n  long code;\n  string code;\n};\n"),
        ["3:10: `code` is defined more than once"]
    );
}

#[test]
fn a_constant_inside_a_struct_is_a_warning_and_is_scoped_to_it() {
    let text = "struct S {\n  const double d = 6.78;\n  double x[2];\n};\n\
                const double copy = S::d;\n";
    assert_eq!(
        messages(text),
        ["2:3: warning: constant declared inside a struct"]
    );
    let model = super::compile(text).model.expect("model");
    assert!(model.lookup("S::d").is_some());
}

#[test]
fn typedefs_with_several_declarators_declare_each() {
    let model = assert_clean("typedef long A, B[2][3];")
        .model
        .expect("model");
    let b = model.lookup("B").expect("B");
    match &model.decl(b).kind {
        crate::model::DeclKind::Typedef(t) => assert_eq!(
            t.ty,
            crate::model::Type::Array(
                Box::new(crate::model::Type::Primitive(crate::model::Primitive::Long)),
                vec![2, 3]
            )
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unsupported_constructs_are_declared_and_their_names_checked() {
    let text = "valuetype V { public long x; public Missing m; };\n\
                valuetype Box long;\n\
                struct S { sequence<V> v; };\n";
    assert_eq!(errors(text), ["1:37: cannot find `Missing` in this scope"]);
}
