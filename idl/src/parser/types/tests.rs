//! Type specifiers and type declarations.

use crate::{
    ast::{
        AnnotationArgs, BaseType, CaseLabel, Definition, DefinitionKind, ExprKind, Literal, Member,
        Struct, TypeKind, TypeSpec,
    },
    parser::test_util::{parse_err_free, parse_with_diagnostics},
};

/// The only definition of `text`.
fn only(text: &str) -> Definition {
    let mut spec = parse_err_free(text);
    assert_eq!(spec.definitions.len(), 1, "{text}");
    spec.definitions.remove(0)
}

/// The struct `text` defines.
fn structure(text: &str) -> Struct {
    match only(text).kind {
        DefinitionKind::Struct(s) => s,
        other => panic!("not a struct: {other:?}"),
    }
}

/// The type of the one member of `struct S { <member> };`.
fn member_type(member: &str) -> TypeSpec {
    structure(&format!("struct S {{ {member} }};")).members[0]
        .ty
        .clone()
}

fn integer(value: u128) -> ExprKind {
    ExprKind::Literal(Literal::Integer(value))
}

#[test]
fn base_types() {
    let cases = [
        ("short", BaseType::Short),
        ("int16", BaseType::Short),
        ("long", BaseType::Long),
        ("int32", BaseType::Long),
        ("long long", BaseType::LongLong),
        ("int64", BaseType::LongLong),
        ("unsigned short", BaseType::UShort),
        ("uint16", BaseType::UShort),
        ("unsigned long", BaseType::ULong),
        ("uint32", BaseType::ULong),
        ("unsigned  long\n long", BaseType::ULongLong),
        ("uint64", BaseType::ULongLong),
        ("int8", BaseType::Int8),
        ("uint8", BaseType::UInt8),
        ("float", BaseType::Float),
        ("double", BaseType::Double),
        ("long double", BaseType::LongDouble),
        ("char", BaseType::Char),
        ("wchar", BaseType::WChar),
        ("boolean", BaseType::Boolean),
        ("octet", BaseType::Octet),
        ("any", BaseType::Any),
        ("Object", BaseType::Object),
        ("ValueBase", BaseType::ValueBase),
    ];
    for (text, base) in cases {
        assert_eq!(
            member_type(&format!("{text} m;")).kind,
            TypeKind::Base(base),
            "{text}"
        );
    }
    // A word that only starts like a base type is a name.
    let ty = member_type("longitude m;");
    assert!(matches!(ty.kind, TypeKind::Named(n) if n.to_string() == "longitude"));
}

#[test]
fn template_types() {
    let ty = member_type("sequence<sequence<long>, 5> m;");
    let TypeKind::Sequence(inner, Some(bound)) = ty.kind else {
        panic!()
    };
    assert_eq!(bound.kind, integer(5));
    assert!(matches!(inner.kind, TypeKind::Sequence(_, None)));
    assert!(matches!(
        member_type("string m;").kind,
        TypeKind::String(None)
    ));
    assert!(matches!(
        member_type("string<10> m;").kind,
        TypeKind::String(Some(_))
    ));
    assert!(matches!(
        member_type("wstring<N> m;").kind,
        TypeKind::WString(Some(_))
    ));
    let TypeKind::Map(key, value, bound) = member_type("map<string, M::T, 8> m;").kind else {
        panic!()
    };
    assert_eq!(key.kind, TypeKind::String(None));
    assert!(matches!(value.kind, TypeKind::Named(_)));
    assert!(bound.is_some());
    assert!(matches!(
        member_type("map<long, long> m;").kind,
        TypeKind::Map(_, _, None)
    ));
    assert!(matches!(
        member_type("fixed<8, 2> m;").kind,
        TypeKind::Fixed(Some(_))
    ));
    // `>>` closes two lists.
    let TypeKind::Sequence(inner, None) = member_type("sequence<string<3>> m;").kind else {
        panic!()
    };
    assert!(matches!(inner.kind, TypeKind::String(Some(_))));
    // A shift inside a bound needs parentheses.
    assert!(matches!(
        member_type("string<(64 >> 1)> m;").kind,
        TypeKind::String(Some(b)) if matches!(b.kind, ExprKind::Binary(..))
    ));
    // Annotations on element types (XTypes 1.3).
    let TypeKind::Sequence(inner, _) = member_type("sequence<@try_construct(TRIM) T> m;").kind
    else {
        panic!()
    };
    assert_eq!(inner.annotations[0].simple_name(), "try_construct");
    let TypeKind::Map(_, value, _) = member_type("map<string, @external T> m;").kind else {
        panic!()
    };
    assert_eq!(value.annotations.len(), 1);
}

#[test]
fn named_types_and_spans() {
    let text = "struct S { ::A::B  m; };";
    let ty = structure(text).members[0].ty.clone();
    let TypeKind::Named(name) = &ty.kind else {
        panic!()
    };
    assert!(name.absolute);
    assert_eq!(name.to_string(), "::A::B");
    assert_eq!(&text[ty.span.range()], "::A::B");
    // Keywords after `::` are names (`CORBA::Object`).
    assert!(matches!(
        member_type("CORBA::Object o;").kind,
        TypeKind::Named(_)
    ));
    // Contextual keywords are names where their construct cannot start.
    for word in [
        "map",
        "component",
        "home",
        "port",
        "uses",
        "alias",
        "bitset",
        "int8",
        "factory",
    ] {
        let s = structure(&format!("struct S {{ {word} {word}; }};"));
        assert_eq!(s.members[0].declarators[0].name.name, word);
    }
}

#[test]
fn declarators_and_members() {
    let text = "struct S { @key long a, b[2][3]; string<3> c @try_construct(TRIM) [4]; };";
    let s = structure(text);
    let m: &Member = &s.members[0];
    assert_eq!(m.annotations[0].simple_name(), "key");
    assert_eq!(m.declarators.len(), 2);
    assert_eq!(m.declarators[1].name.name, "b");
    let dims: Vec<_> = m.declarators[1]
        .dims
        .iter()
        .map(|d| d.kind.clone())
        .collect();
    assert_eq!(dims, [integer(2), integer(3)]);
    assert_eq!(&text[m.span.range()], "@key long a, b[2][3];");
    assert_eq!(&text[m.declarators[1].span.range()], "b[2][3]");
    assert_eq!(
        s.members[1].declarators[0].annotations[0].simple_name(),
        "try_construct"
    );
    // Escaped identifiers.
    let s = structure("struct _String { long _CHAR; };");
    assert_eq!(s.name.name, "String");
    assert!(s.name.escaped);
    assert_eq!(s.members[0].declarators[0].name.name, "CHAR");
}

#[test]
fn structs() {
    let s = structure("struct D : M::B { long a; };");
    assert_eq!(s.base.unwrap().to_string(), "M::B");
    assert!(structure("struct E {};").members.is_empty());
    assert!(
        matches!(only("struct F;").kind, DefinitionKind::StructForward(f) if f.name.name == "F")
    );
    // A struct defined in place as a member's type.
    let s = structure("struct O { struct Inner { long x; } inner; enum Color { RED } c; };");
    let TypeKind::Constructed(inner) = &s.members[0].ty.kind else {
        panic!()
    };
    assert!(matches!(&inner.kind, DefinitionKind::Struct(i) if i.name.name == "Inner"));
    assert!(
        matches!(&s.members[1].ty.kind, TypeKind::Constructed(d) if matches!(d.kind, DefinitionKind::Enum(_)))
    );
    // TAO accepts constants in a struct body: they go to `inner`.
    let s = structure("struct T { long a; const double dub = 6.78; long b; };");
    assert_eq!(s.members.len(), 2);
    assert!(matches!(&s.inner[0].kind, DefinitionKind::Const(c) if c.name.name == "dub"));
}

#[test]
fn unions() {
    let text = "union U switch (@key E) {
        case A: case B: long x;
        case ::M::C: @id(3) string s[2];
        default: octet o;
    };";
    let DefinitionKind::Union(u) = only(text).kind else {
        panic!()
    };
    assert_eq!(u.discriminator_annotations[0].simple_name(), "key");
    assert!(matches!(u.discriminator.kind, TypeKind::Named(_)));
    assert_eq!(u.cases.len(), 3);
    assert_eq!(u.cases[0].labels.len(), 2);
    assert_eq!(u.cases[1].annotations[0].simple_name(), "id");
    assert_eq!(u.cases[1].declarator.dims.len(), 1);
    assert!(matches!(u.cases[2].labels[0], CaseLabel::Default(_)));
    assert_eq!(&text[u.cases[0].span.range()], "case A: case B: long x;");
    for disc in [
        "char",
        "wchar",
        "boolean",
        "octet",
        "int8",
        "unsigned long long",
    ] {
        only(&format!("union V switch ({disc}) {{ case 1: long a; }};"));
    }
    // libIDL: an enum defined in the switch.
    let DefinitionKind::Union(u) =
        only("union W switch (enum Colour { red, green }) { case red: long a; };").kind
    else {
        panic!()
    };
    assert!(matches!(u.discriminator.kind, TypeKind::Constructed(_)));
    assert!(matches!(
        only("union F;").kind,
        DefinitionKind::UnionForward(_)
    ));
}

#[test]
fn enums_bitsets_bitmasks() {
    let DefinitionKind::Enum(e) = only("enum E { A, @value(3) B, @default_literal C };").kind
    else {
        panic!()
    };
    assert_eq!(e.enumerators.len(), 3);
    assert_eq!(e.enumerators[1].annotations[0].simple_name(), "value");
    let text = "bitset B : A { bitfield<3> a, b; bitfield<2>; @key bitfield<1, boolean> c; };";
    let DefinitionKind::Bitset(b) = only(text).kind else {
        panic!()
    };
    assert_eq!(b.base.unwrap().to_string(), "A");
    assert_eq!(b.fields.len(), 3);
    assert_eq!(b.fields[0].names.len(), 2);
    assert!(b.fields[1].names.is_empty());
    assert_eq!(
        b.fields[2].ty.as_ref().unwrap().kind,
        TypeKind::Base(BaseType::Boolean)
    );
    assert_eq!(b.fields[2].annotations.len(), 1);
    let DefinitionKind::Bitmask(m) = only("@bit_bound(8) bitmask M { A, @position(4) B };").kind
    else {
        panic!()
    };
    assert_eq!(m.values.len(), 2);
    assert!(matches!(
        &m.values[1].annotations[0].args,
        AnnotationArgs::Positional(_)
    ));
}

#[test]
fn typedefs_and_natives() {
    let DefinitionKind::Typedef(t) = only("typedef long A[2][3], B, C[4];").kind else {
        panic!()
    };
    assert_eq!(t.declarators.len(), 3);
    assert_eq!(t.declarators[0].dims.len(), 2);
    let DefinitionKind::Typedef(t) = only("typedef struct S { long a; } T;").kind else {
        panic!()
    };
    assert!(matches!(t.ty.kind, TypeKind::Constructed(_)));
    assert!(matches!(only("native N;").kind, DefinitionKind::Native(n) if n.name == "N"));
}

#[test]
fn docs_of_members_cases_and_enumerators() {
    let text = "/** The struct. */
struct S {
    /// First.
    long a;
    long b; // trailing: not a doc of c
    /* Third. */
    long c;
};
union U switch (long) {
    // The one.
    case 1: long x;
};
enum E {
    /** Red. */ RED,
    GREEN
};";
    let spec = parse_err_free(text);
    assert_eq!(spec.definitions[0].doc.as_deref(), Some("The struct."));
    let DefinitionKind::Struct(s) = &spec.definitions[0].kind else {
        panic!()
    };
    let docs: Vec<_> = s.members.iter().map(|m| m.doc.as_deref()).collect();
    assert_eq!(docs, [Some("First."), None, Some("Third.")]);
    let DefinitionKind::Union(u) = &spec.definitions[1].kind else {
        panic!()
    };
    assert_eq!(u.cases[0].doc.as_deref(), Some("The one."));
    let DefinitionKind::Enum(e) = &spec.definitions[2].kind else {
        panic!()
    };
    assert_eq!(e.enumerators[0].doc.as_deref(), Some("Red."));
    assert_eq!(e.enumerators[1].doc, None);
}

/// Anonymous structs are C, not IDL: a named one is needed.
#[test]
fn anonymous_struct_in_typedef_is_a_syntax_error() {
    let (_, errors) = parse_with_diagnostics("typedef struct { long a; } S;");
    assert_eq!(errors, ["1:16 expected identifier, found `{`"]);
}
