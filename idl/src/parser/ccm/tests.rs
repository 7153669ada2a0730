//! Components, homes, event types, ports, connectors and template modules.

use crate::{
    ast::{
        DefinitionKind, Export, HomeElement, PortDecl, TemplateArg, TemplateDefinition,
        TemplateParamKind, ValueKind,
    },
    parser::test_util::parse_err_free,
};

#[test]
fn components() {
    let spec = parse_err_free(
        "component C : B supports I, J {
            provides I facet;
            provides Object obj;
            uses I receptacle;
            uses multiple J many;
            emits E out_event;
            publishes E pub_event;
            consumes E in_event;
            port P p;
            mirrorport P m;
            readonly attribute long count;
            @key attribute string name;
        };
        component D;",
    );
    let DefinitionKind::Component(c) = &spec.definitions[0].kind else {
        panic!()
    };
    assert_eq!(c.base.as_ref().unwrap().to_string(), "B");
    assert_eq!(c.supports.len(), 2);
    assert_eq!(c.body.len(), 11);
    assert!(matches!(&c.body[1], PortDecl::Provides(ty, _) if ty.to_string() == "Object"));
    assert!(matches!(
        &c.body[2],
        PortDecl::Uses {
            multiple: false,
            ..
        }
    ));
    assert!(
        matches!(&c.body[3], PortDecl::Uses { multiple: true, name, .. } if name.name == "many")
    );
    assert!(matches!(&c.body[4], PortDecl::Emits(..)));
    assert!(matches!(&c.body[5], PortDecl::Publishes(..)));
    assert!(matches!(&c.body[6], PortDecl::Consumes(..)));
    assert!(matches!(&c.body[7], PortDecl::Port { mirror: false, .. }));
    assert!(matches!(&c.body[8], PortDecl::Port { mirror: true, .. }));
    assert!(matches!(&c.body[10], PortDecl::Attribute(a) if a.annotations.len() == 1));
    assert!(
        matches!(&spec.definitions[1].kind, DefinitionKind::ComponentForward(n) if n.name == "D")
    );
}

#[test]
fn homes() {
    let spec = parse_err_free(
        "home H : G supports I manages C primarykey K {
            factory create(in long id) raises (E);
            finder find(in string name);
            void op();
        };
        home Simple manages C {};",
    );
    let DefinitionKind::Home(h) = &spec.definitions[0].kind else {
        panic!()
    };
    assert_eq!(h.base.as_ref().unwrap().to_string(), "G");
    assert_eq!(h.supports.len(), 1);
    assert_eq!(h.manages.to_string(), "C");
    assert_eq!(h.primary_key.as_ref().unwrap().to_string(), "K");
    assert!(matches!(&h.body[0], HomeElement::Factory(f) if f.raises.len() == 1));
    assert!(matches!(&h.body[1], HomeElement::Finder(f) if f.name.name == "find"));
    assert!(matches!(
        &h.body[2],
        HomeElement::Export(Export::Operation(_))
    ));
    let DefinitionKind::Home(s) = &spec.definitions[1].kind else {
        panic!()
    };
    assert!(s.base.is_none() && s.primary_key.is_none());
}

#[test]
fn event_types() {
    let spec = parse_err_free(
        "eventtype E : B supports I { public long x; factory make(); };
         abstract eventtype A {};
         custom eventtype C {};
         eventtype Bar;
         eventtype Bar;",
    );
    let kinds: Vec<_> = spec
        .definitions
        .iter()
        .map(|d| match &d.kind {
            DefinitionKind::ValueType(v) => v.kind,
            DefinitionKind::ValueForward(f) => f.kind,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ValueKind::Event,
            ValueKind::AbstractEvent,
            ValueKind::CustomEvent,
            ValueKind::Event,
            ValueKind::Event
        ]
    );
}

#[test]
fn porttypes_and_connectors() {
    let spec = parse_err_free(
        "porttype P { provides I a; uses J b; attribute long c; };
         connector K : Base { port P p; mirrorport P q; attribute string topic; };",
    );
    let DefinitionKind::Porttype(p) = &spec.definitions[0].kind else {
        panic!()
    };
    assert_eq!(p.body.len(), 3);
    let DefinitionKind::Connector(c) = &spec.definitions[1].kind else {
        panic!()
    };
    assert_eq!(c.base.as_ref().unwrap().to_string(), "Base");
    assert_eq!(c.body.len(), 3);
}

#[test]
fn template_modules() {
    let spec = parse_err_free(
        "module M<typename T, sequence<T> S, sequence Q, interface I, valuetype V, eventtype E,
                 struct St, union U, exception X, enum En, const long N> {
            alias Other<T, S> O;
            typedef T TT;
            module Plain { typedef long L; };
        };
        module M<long, LS, I, V, E, St, U, X, En, 5 + 1, sequence<long>> Inst;",
    );
    let DefinitionKind::TemplateModule(t) = &spec.definitions[0].kind else {
        panic!()
    };
    assert_eq!(t.params.len(), 11);
    assert_eq!(t.params[0].kind, TemplateParamKind::Typename);
    assert!(matches!(
        &t.params[1].kind,
        TemplateParamKind::Sequence(Some(_))
    ));
    assert_eq!(t.params[2].kind, TemplateParamKind::Sequence(None));
    assert!(matches!(&t.params[10].kind, TemplateParamKind::Const(_)));
    assert_eq!(t.params[10].name.name, "N");
    assert_eq!(t.definitions.len(), 3);
    let TemplateDefinition::Alias {
        template,
        args,
        name,
        ..
    } = &t.definitions[0]
    else {
        panic!()
    };
    assert_eq!(template.to_string(), "Other");
    assert_eq!(args.len(), 2);
    assert_eq!(name.name, "O");
    let DefinitionKind::TemplateInstance(i) = &spec.definitions[1].kind else {
        panic!()
    };
    assert_eq!(i.template.to_string(), "M");
    assert_eq!(i.name.name, "Inst");
    assert_eq!(i.args.len(), 11);
    assert!(matches!(i.args[0], TemplateArg::Type(_)));
    assert!(matches!(i.args[9], TemplateArg::Const(_)));
    assert!(matches!(i.args[10], TemplateArg::Type(_)));
}
