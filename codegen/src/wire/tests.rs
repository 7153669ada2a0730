//! The layout of representative declarations.

use orbit_idl::{Frontend, model::Model};

use super::{
    Cardinality, Carrier, Length, Scalar,
    layout::{enum_values, operation_layout, record_fields, union_layout},
};

fn model(idl: &str) -> Model {
    let compilation = Frontend::new().compile_source("t.idl", idl);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    compilation.model.expect("a model")
}

#[test]
fn structs_flatten_their_bases_and_number_from_member_ids() {
    let m = model(
        "struct B { long a; }; struct D : B { string<8> s; sequence<octet> raw; @optional short o; };",
    );
    let fields = record_fields(&m, m.lookup("D").unwrap()).unwrap();
    let names: Vec<(&str, u32)> = fields.iter().map(|f| (f.name.as_str(), f.number)).collect();
    assert_eq!(names, [("a", 1), ("s", 2), ("raw", 3), ("o", 4)]);
    assert!(matches!(
        fields[1].carrier,
        Carrier::Scalar {
            scalar: Scalar::String,
            bound: Some(8),
            ..
        }
    ));
    assert!(matches!(
        fields[2].carrier,
        Carrier::Scalar {
            scalar: Scalar::Bytes,
            ..
        }
    ));
    assert_eq!(fields[3].cardinality, Cardinality::Optional);
}

#[test]
fn exception_members_are_numbered_by_position() {
    let m = model("exception E { long a; string b; sequence<long> c[2]; };");
    let fields = record_fields(&m, m.lookup("E").unwrap()).unwrap();
    let numbers: Vec<u32> = fields.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
}

#[test]
fn nested_lists_get_wrappers_and_arrays_exact_lengths() {
    let m = model("typedef sequence<long, 3> L; struct S { sequence<L> a; long m[2][3]; };");
    let fields = record_fields(&m, m.lookup("S").unwrap()).unwrap();
    assert_eq!(
        fields[0].cardinality,
        Cardinality::Repeated(Length::Unbounded)
    );
    let Carrier::List(list) = &fields[0].carrier else {
        panic!("{:?}", fields[0].carrier)
    };
    assert_eq!(list.length, Length::AtMost(3));
    assert_eq!(
        fields[1].cardinality,
        Cardinality::Repeated(Length::Exactly { dims: vec![2, 3] })
    );
    assert_eq!(Length::Exactly { dims: vec![2, 3] }.exact(), Some(6));
}

#[test]
fn unions_have_a_discriminator_field_only_with_a_default_case() {
    let m = model(
        "union U switch (long) { case 1: long a; default: string b; };
         union V switch (boolean) { case TRUE: long a; case FALSE: short b; };",
    );
    let u = union_layout(&m, m.lookup("U").unwrap()).unwrap();
    assert_eq!(u.cases.len(), 2);
    assert_eq!(u.cases.iter().map(|f| f.number).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(u.discriminator.as_ref().map(|f| f.number), Some(1));
    let v = union_layout(&m, m.lookup("V").unwrap()).unwrap();
    assert!(v.discriminator.is_none());
}

#[test]
fn union_cases_that_are_lists_travel_in_one_wrapper_and_maps_are_refused() {
    let m = model(
        "union U switch (short) { case 1: sequence<long, 4> a; case 2: string b[2]; case 3: sequence<octet> c; };
         union M switch (short) { case 1: map<string, long> m; };",
    );
    let u = union_layout(&m, m.lookup("U").unwrap()).unwrap();
    assert!(
        u.cases
            .iter()
            .all(|f| f.cardinality == Cardinality::Singular)
    );
    let Carrier::List(a) = &u.cases[0].carrier else {
        panic!("{:?}", u.cases[0].carrier)
    };
    assert_eq!(a.length, Length::AtMost(4));
    let Carrier::List(b) = &u.cases[1].carrier else {
        panic!("{:?}", u.cases[1].carrier)
    };
    assert_eq!(b.length, Length::Exactly { dims: vec![2] });
    assert!(matches!(
        u.cases[2].carrier,
        Carrier::Scalar {
            scalar: Scalar::Bytes,
            ..
        }
    ));
    let error = union_layout(&m, m.lookup("M").unwrap()).unwrap_err();
    assert!(
        format!("{error:?}").contains("a map as a union case"),
        "{error:?}"
    );
}

#[test]
fn operations_split_parameters_by_direction() {
    let m = model(
        "exception E {}; interface I { long op(in long a, out string b, inout short c) raises (E); };",
    );
    let decl = m.decl(m.lookup("I").unwrap());
    let orbit_idl::model::DeclKind::Interface(i) = &decl.kind else {
        panic!()
    };
    let layout = operation_layout(&m, &i.operations[0]).unwrap();
    let req: Vec<&str> = layout.request.iter().map(|f| f.name.as_str()).collect();
    let resp: Vec<(&str, u32)> = layout
        .response
        .iter()
        .map(|f| (f.name.as_str(), f.number))
        .collect();
    assert_eq!(req, ["a", "c"]);
    assert_eq!(resp, [("result", 1), ("b", 2), ("c", 3)]);
    assert_eq!(layout.exceptions, [(m.lookup("E").unwrap(), 4)]);
}

#[test]
fn enum_values_are_prefixed_and_get_a_zero_when_missing() {
    let m = model("enum Color { RED, GREEN }; enum Odd { @value(3) THREE, @value(5) FIVE };");
    let (values, zero) = enum_values(&m, m.lookup("Color").unwrap());
    assert_eq!(
        values,
        [("Color_RED".to_owned(), 0), ("Color_GREEN".to_owned(), 1)]
    );
    assert!(!zero);
    assert!(enum_values(&m, m.lookup("Odd").unwrap()).1);
}

#[test]
fn unsupported_types_are_named() {
    let m = model(
        "struct S { any a; }; native N; struct T { sequence<N> n; };
         enum E { A }; struct K { map<E, long> m; };",
    );
    let error = record_fields(&m, m.lookup("K").unwrap()).unwrap_err();
    assert!(
        format!("{error:?}").contains("map key type `E`"),
        "{error:?}"
    );
    let error = record_fields(&m, m.lookup("S").unwrap()).unwrap_err();
    assert!(format!("{error:?}").contains("\"any\""), "{error:?}");
    let error = record_fields(&m, m.lookup("T").unwrap()).unwrap_err();
    assert!(
        format!("{error:?}").contains("native type `N`"),
        "{error:?}"
    );
}

#[test]
fn optional_lists_are_one_optional_wrapper_and_optional_maps_are_refused() {
    let m = model(
        "struct S { @optional sequence<long, 3> a; @optional long b[2]; @optional sequence<octet> c; };
         struct T { @optional map<string, long> m; };",
    );
    let fields = record_fields(&m, m.lookup("S").unwrap()).unwrap();
    assert_eq!(fields[0].cardinality, Cardinality::Optional);
    let Carrier::List(list) = &fields[0].carrier else {
        panic!("{:?}", fields[0].carrier)
    };
    assert_eq!(list.length, Length::AtMost(3));
    assert_eq!(fields[1].cardinality, Cardinality::Optional);
    assert!(
        matches!(&fields[1].carrier, Carrier::List(l) if l.length == Length::Exactly { dims: vec![2] })
    );
    assert_eq!(fields[2].cardinality, Cardinality::Optional);
    assert!(matches!(
        fields[2].carrier,
        Carrier::Scalar {
            scalar: Scalar::Bytes,
            ..
        }
    ));
    let error = record_fields(&m, m.lookup("T").unwrap()).unwrap_err();
    assert!(
        format!("{error:?}").contains("an `@optional` map"),
        "{error:?}"
    );
}

#[test]
fn list_cases_of_unions_are_singular_wrappers() {
    let m = model(
        "union U switch (long) { case 1: sequence<long> a; case 2: string b[2]; };
         union V switch (long) { case 1: map<long, long> m; };",
    );
    let u = union_layout(&m, m.lookup("U").unwrap()).unwrap();
    assert!(
        u.cases
            .iter()
            .all(|f| f.cardinality == Cardinality::Singular)
    );
    assert!(matches!(&u.cases[0].carrier, Carrier::List(l) if l.length == Length::Unbounded));
    assert!(
        matches!(&u.cases[1].carrier, Carrier::List(l) if l.length == Length::Exactly { dims: vec![2] })
    );
    let error = union_layout(&m, m.lookup("V").unwrap()).unwrap_err();
    assert!(
        format!("{error:?}").contains("a map as a union case"),
        "{error:?}"
    );
}

#[test]
fn exception_members_are_numbered_in_order() {
    let m = model("exception E { string reason; long code; };");
    let fields = record_fields(&m, m.lookup("E").unwrap()).unwrap();
    let numbers: Vec<u32> = fields.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [1, 2]);
}
