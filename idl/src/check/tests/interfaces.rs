//! Interfaces: inheritance rules and cycles, operations, `raises`, `oneway`, attributes.

use super::{assert_clean, errors, messages};
use crate::model::{DeclKind, ParamDirection, Type};

#[test]
fn operations_and_attributes_are_resolved() {
    let model = assert_clean(
        "module Bank {
             exception Insufficient { double balance; };
             exception Closed {};
             interface Account {
                 readonly attribute double balance;
                 attribute string owner getraises (Closed) setraises (Insufficient, Closed);
                 void withdraw(in double amount, out double left) raises (Insufficient);
                 oneway void ping();
             };
             interface Savings : Account { double rate(); };
         };",
    )
    .model
    .expect("model");
    let account = model.lookup("Bank::Account").expect("Account");
    let insufficient = model.lookup("Bank::Insufficient");
    let DeclKind::Interface(i) = &model.decl(account).kind else {
        panic!("not an interface");
    };
    assert_eq!(i.attributes.len(), 2);
    assert!(i.attributes[0].readonly);
    assert_eq!(i.attributes[1].set_raises.len(), 2);
    let withdraw = &i.operations[0];
    assert_eq!(withdraw.params[1].direction, ParamDirection::Out);
    assert_eq!(withdraw.raises, [insufficient.expect("exception")]);
    assert_eq!(withdraw.result, None);
    assert!(i.operations[1].oneway);
    let savings = model.lookup("Bank::Savings").expect("Savings");
    let DeclKind::Interface(s) = &model.decl(savings).kind else {
        panic!("not an interface");
    };
    assert_eq!(s.bases, [account]);
    assert_eq!(
        s.operations[0].result,
        Some(Type::Primitive(crate::model::Primitive::Double))
    );
}

#[test]
fn an_interface_inherits_only_from_interfaces() {
    let text = "struct S { long a; };\ninterface I : S {};\n";
    assert_eq!(
        errors(text),
        ["2:15: interface `I` cannot inherit from struct `S`"]
    );
    // The label covers the name only, not the blank after it.
    assert!(super::rendered(text).contains("│               ^ not an interface"));
}

#[test]
fn inheritance_cycles_are_reported() {
    let text = "interface A;\n\
                interface B : A {};\n\
                interface A : B {};\n\
                interface C : C {};\n";
    assert_eq!(
        errors(text),
        [
            "3:15: interface `A` inherits from itself through `B`",
            "4:15: interface `C` inherits from itself",
        ]
    );
}

#[test]
fn inheriting_from_a_forward_declaration_is_a_warning_until_the_end() {
    assert_eq!(
        messages("interface N;\ninterface M : N {};\ninterface N {};\n"),
        ["2:15: warning: interface `M` inherits from `N` before `N` is defined"]
    );
    assert_eq!(
        errors("interface N;\ninterface M : N {};\n"),
        ["2:15: interface `M` inherits from `N`, which is never defined"]
    );
}

#[test]
fn interface_kinds_must_be_compatible() {
    assert_eq!(
        errors(
            "local interface L {};\n\
             interface U : L {};\n\
             interface P {};\n\
             abstract interface A : P {};\n"
        ),
        [
            "2:15: interface `U` cannot inherit from `L`",
            "4:24: interface `A` cannot inherit from `P`",
        ]
    );
}

#[test]
fn operations_cannot_be_redefined_from_a_base() {
    assert_eq!(
        errors("interface A { void f(); };\ninterface B : A { void f(); };\n"),
        ["2:24: `f` is already defined in base interface `A`"]
    );
    assert_eq!(
        errors(
            "interface A { void f(); };\n\
             interface B { void f(); };\n\
             interface C : A, B {};\n"
        ),
        ["3:11: interface `C` inherits `f` from both `A` and `B`"]
    );
}

#[test]
fn inherited_names_compare_without_case_and_conflicts_keep_their_order() {
    // Attributes written before operations are still reported after them, base by base.
    assert_eq!(
        errors(
            "interface A { attribute long x; void f(); void g(); };\n\
             interface B { attribute long X; void G(); void F(); };\n\
             interface C : A, B { void F(); readonly attribute long x; };\n"
        ),
        [
            "3:11: interface `C` inherits `G` from both `A` and `B`",
            "3:11: interface `C` inherits `F` from both `A` and `B`",
            "3:11: interface `C` inherits `X` from both `A` and `B`",
            "3:27: `F` is already defined in base interface `A`",
            "3:56: `x` is already defined in base interface `A`",
        ]
    );
    // An interface inherits what its bases inherit.
    assert_eq!(
        errors(
            "interface A { void f(); };\n\
             interface B : A { void g(); };\n\
             interface C : B { void F(); void G(); };\n"
        ),
        [
            "3:24: `F` is already defined in base interface `A`",
            "3:34: `G` is already defined in base interface `B`",
        ]
    );
}

#[test]
fn raises_names_exceptions() {
    assert_eq!(
        errors(
            "struct NotAnError { long a; };\n\
             exception E {};\n\
             interface I { void f() raises (NotAnError, E, E); };\n"
        ),
        [
            "3:32: `raises` names struct `NotAnError`, which is not an exception",
            "3:47: exception `E` is listed more than once",
        ]
    );
}

#[test]
fn oneway_operations_send_nothing_back() {
    assert_eq!(
        errors(
            "exception E {};\n\
             interface I {\n\
               oneway long f(out long x) raises (E);\n\
             };\n"
        ),
        [
            "3:8: oneway operation `f` cannot return a value",
            "3:15: oneway operation `f` cannot have `out` or `inout` parameters",
            "3:35: oneway operation `f` cannot raise exceptions",
        ]
    );
}

#[test]
fn parameter_and_operation_names_must_be_distinct() {
    assert_eq!(
        errors("interface I {\n  void f(in long a, in short A);\n  attribute long f;\n};\n"),
        [
            "2:30: `A` clashes with `a`, which differs only in case",
            "3:18: `f` is defined more than once",
        ]
    );
}

#[test]
fn exceptions_are_not_types() {
    assert_eq!(
        errors("exception E {};\nstruct S { E e; };\n"),
        ["2:12: expected a type, found exception `E`"]
    );
}
