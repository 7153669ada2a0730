//! Interfaces, operations, attributes and exceptions.

use crate::{
    ast::{BaseType, DefinitionKind, Export, Interface, InterfaceKind, ParamDirection, TypeKind},
    parser::test_util::parse_err_free,
};

/// The interface `text` defines.
fn interface(text: &str) -> Interface {
    let mut spec = parse_err_free(text);
    match spec.definitions.remove(0).kind {
        DefinitionKind::Interface(i) => i,
        other => panic!("not an interface: {other:?}"),
    }
}

#[test]
fn interface_headers_and_forwards() {
    let i = interface("interface I : A, ::B::C {};");
    assert_eq!(i.kind, InterfaceKind::Unconstrained);
    assert_eq!(i.bases.len(), 2);
    assert!(i.body.is_empty());
    assert_eq!(
        interface("local interface L {};").kind,
        InterfaceKind::Local
    );
    assert_eq!(
        interface("abstract interface A {};").kind,
        InterfaceKind::Abstract
    );
    let spec = parse_err_free("interface F; local interface G; abstract interface H;");
    let kinds: Vec<_> = spec
        .definitions
        .iter()
        .map(|d| match &d.kind {
            DefinitionKind::InterfaceForward(f) => f.kind,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            InterfaceKind::Unconstrained,
            InterfaceKind::Local,
            InterfaceKind::Abstract
        ]
    );
}

#[test]
fn operations() {
    let text = "interface I {
        /** Does it. */
        @oneway_hint long long op(in long a, @feed out string b, inout M::T c)
            raises (E1, ::M::E2) context (\"a\", \"b*\");
        oneway void ping();
        void nothing();
        string<10> bounded();
    };";
    let i = interface(text);
    let Export::Operation(op) = &i.body[0] else {
        panic!()
    };
    assert_eq!(op.name.name, "op");
    assert_eq!(op.doc.as_deref(), Some("Does it."));
    assert_eq!(op.annotations[0].simple_name(), "oneway_hint");
    assert!(!op.oneway);
    assert_eq!(
        op.result.as_ref().unwrap().kind,
        TypeKind::Base(BaseType::LongLong)
    );
    let dirs: Vec<_> = op.params.iter().map(|p| p.direction).collect();
    assert_eq!(
        dirs,
        [
            ParamDirection::In,
            ParamDirection::Out,
            ParamDirection::InOut
        ]
    );
    assert_eq!(op.params[1].annotations[0].simple_name(), "feed");
    assert_eq!(op.raises.len(), 2);
    let context: Vec<_> = op.context.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(context, ["a", "b*"]);
    assert!(text[op.span.range()].starts_with("@oneway_hint"));
    assert!(text[op.span.range()].ends_with("\"b*\");"));
    let Export::Operation(ping) = &i.body[1] else {
        panic!()
    };
    assert!(ping.oneway);
    assert!(ping.result.is_none());
    assert!(ping.params.is_empty());
    let Export::Operation(bounded) = &i.body[3] else {
        panic!()
    };
    assert!(matches!(
        bounded.result.as_ref().unwrap().kind,
        TypeKind::String(Some(_))
    ));
}

#[test]
fn attributes() {
    let i = interface(
        "interface I {
            readonly attribute long a, b;
            readonly attribute long r raises (E);
            attribute string s getraises (G) setraises (S1, S2);
            attribute long g getraises (G);
            attribute long w setraises (S);
            // The flag.
            attribute boolean flag;
        };",
    );
    let attrs: Vec<_> = i
        .body
        .iter()
        .map(|e| match e {
            Export::Attribute(a) => a,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(attrs[0].readonly);
    assert_eq!(attrs[0].names.len(), 2);
    assert_eq!(attrs[1].get_raises.len(), 1);
    assert_eq!(
        (attrs[2].get_raises.len(), attrs[2].set_raises.len()),
        (1, 2)
    );
    assert_eq!(
        (attrs[3].get_raises.len(), attrs[3].set_raises.len()),
        (1, 0)
    );
    assert_eq!(
        (attrs[4].get_raises.len(), attrs[4].set_raises.len()),
        (0, 1)
    );
    assert!(!attrs[5].readonly);
    assert_eq!(attrs[5].doc.as_deref(), Some("The flag."));
}

#[test]
fn nested_declarations() {
    let i = interface(
        "interface I {
            typedef sequence<long> LS;
            const long MAX = 10;
            exception Oops { string why; };
            struct P { long x; };
            union U switch (boolean) { case TRUE: long a; };
            enum E { A };
            native N;
            typeid I \"IDL:I:1.0\";
        };",
    );
    let kinds: Vec<_> = i
        .body
        .iter()
        .map(|e| match e {
            Export::Definition(d) => std::mem::discriminant(&d.kind),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds.len(), 8);
    let Export::Definition(d) = &i.body[2] else {
        panic!()
    };
    assert!(matches!(&d.kind, DefinitionKind::Exception(e) if e.members.len() == 1));
}

#[test]
fn exceptions() {
    let spec = parse_err_free("exception E {}; exception F { long code; string a, b; };");
    let DefinitionKind::Exception(e) = &spec.definitions[0].kind else {
        panic!()
    };
    assert!(e.members.is_empty());
    let DefinitionKind::Exception(f) = &spec.definitions[1].kind else {
        panic!()
    };
    assert_eq!(f.members.len(), 2);
    assert_eq!(f.members[1].declarators.len(), 2);
}

#[test]
fn contextual_words_as_operation_and_parameter_names() {
    let i = interface(
        "interface I {
            attributes get(in long map, in string port);
            void factory(in long home);
            component uses();
        };",
    );
    let Export::Operation(op) = &i.body[0] else {
        panic!()
    };
    assert!(
        matches!(&op.result.as_ref().unwrap().kind, TypeKind::Named(n) if n.to_string() == "attributes")
    );
    assert_eq!(op.params[0].name.name, "map");
    assert_eq!(i.body.len(), 3);
}
