//! Scoped-name resolution: outward search, `::` names, reopened modules, inheritance, case,
//! suggestions, and one report per unresolved use.

use super::{assert_clean, errors, rendered};

#[test]
fn nested_scopes_are_searched_outward() {
    assert_clean(
        "typedef long Global;
         module A {
             typedef short InA;
             module B {
                 struct S { Global g; InA a; A::InA q; ::A::InA r; };
             };
         };",
    );
}

#[test]
fn an_unknown_name_is_reported_with_where_it_looked() {
    let text = "module A {\n  struct S { Missing m; };\n};\n";
    assert_eq!(errors(text), ["2:14: cannot find `Missing` in this scope"]);
    let shown = rendered(text);
    assert!(
        shown.contains("note: looked in `A::S`, `A`, the global scope"),
        "{shown}"
    );
}

#[test]
fn a_close_name_is_suggested() {
    let text = "struct Account { long id; };\nstruct Bank { Acount a; };\n";
    assert_eq!(errors(text), ["2:15: cannot find `Acount` in this scope"]);
    assert!(rendered(text).contains("help: a similar name exists: `Account`"));
}

#[test]
fn qualified_and_absolute_names_report_the_missing_part() {
    let text = "module A { typedef long T; };\n\
                struct S { A::U u; ::B::T t; };\n";
    assert_eq!(
        errors(text),
        [
            "2:15: cannot find `U` in `A`",
            "2:22: cannot find `B` in the global scope",
        ]
    );
}

#[test]
fn names_must_be_declared_before_use() {
    assert_eq!(
        errors("struct A { B b; };\nstruct B { long x; };\n"),
        ["1:12: cannot find `B` in this scope"]
    );
}

#[test]
fn a_reference_must_use_the_declared_case() {
    let text = "typedef long Count;\nstruct S { count c; };\n";
    assert_eq!(
        errors(text),
        ["2:12: `count` must be spelled `Count`, as declared"]
    );
}

#[test]
fn reopened_modules_share_their_names() {
    assert_clean(
        "module M { typedef long T; };
         module N { typedef M::T U; };
         module M { struct S { T t; N::U u; }; };",
    );
}

#[test]
fn inherited_declarations_are_visible_in_a_derived_interface() {
    assert_clean(
        "interface Base { typedef long Id; exception Oops {}; };
         interface Derived : Base { Id get() raises (Oops); };",
    );
}

#[test]
fn a_name_inherited_from_two_bases_is_ambiguous() {
    let text = "interface A { typedef long T; };\n\
                interface B { typedef short T; };\n\
                interface C : A, B { T get(); };\n";
    assert_eq!(errors(text), ["3:22: `T` is ambiguous"]);
}

#[test]
fn an_unresolved_name_is_reported_once_per_use() {
    let text = "typedef Missing T;\n\
                struct S { T a; T b; sequence<T> c; };\n\
                const T k = 1;\n";
    // `T` is declared (its type failed), so its uses are not reported again.
    assert_eq!(errors(text), ["1:9: cannot find `Missing` in this scope"]);
}

#[test]
fn names_that_are_not_scopes_have_no_members() {
    assert_eq!(
        errors("typedef long T;\nstruct S { T::U x; };\n"),
        ["2:15: cannot find `U` in `T`"]
    );
}

#[test]
fn a_type_is_expected_where_a_type_is_written() {
    assert_eq!(
        errors("const long N = 3;\nstruct S { N n; };\n"),
        ["2:12: expected a type, found constant `N`"]
    );
}

#[test]
fn typedef_cycles_cannot_be_written() {
    // Declare-before-use makes the second name unknown where the first uses it.
    assert_eq!(
        errors("typedef A B;\ntypedef B A;\n"),
        ["1:9: cannot find `A` in this scope"]
    );
}

#[test]
fn enumerators_are_declared_in_the_enclosing_scope() {
    assert_clean(
        "module M {
             enum Color { RED, GREEN };
             const Color c = RED;
             const Color d = M::GREEN;
             const Color e = Color::RED;
         };",
    );
}

#[test]
fn the_same_enumerator_in_two_enums_needs_the_enum_to_say_which() {
    let text = "enum A { X, Y };\n\
                enum B { X, Z };\n\
                const A x1 = X;\n\
                const B x2 = X;\n\
                const long n = X;\n";
    assert_eq!(errors(text), ["5:16: `X` is ambiguous"]);
}

#[test]
fn corba_pseudo_types_are_known_without_orb_idl() {
    assert_clean("interface I { TypeCode a(in CORBA::TypeCode t); };");
}

#[test]
fn names_inside_an_unknown_import_are_not_reported() {
    let text = "import ::IOP;\nstruct S { IOP::ServiceContext c; };\n";
    assert_eq!(errors(text), Vec::<String>::new());
    assert!(
        rendered(text).contains("warning: `import ::IOP` names a scope that is not in this unit")
    );
}

#[test]
fn names_inside_an_interface_with_an_unresolved_base_are_not_reported_again() {
    let text = "interface I : Missing { void f() raises (BaseError); };\n";
    assert_eq!(errors(text), ["1:15: cannot find `Missing` in this scope"]);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let depth = 300;
    let mut text = String::new();
    for i in 0..depth {
        text.push_str(&format!("module M{i} {{ "));
    }
    text.push_str("typedef long T;");
    for _ in 0..depth {
        text.push_str(" };");
    }
    // The parser refuses this before the checker sees it; either way it is an error, not a
    // stack overflow.
    let errors = errors(&text);
    assert!(errors.iter().any(|e| e.contains("nesting")), "{errors:?}");
}
