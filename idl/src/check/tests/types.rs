//! Type specifiers: bounds, array dimensions, `fixed`, and the resolved model types.

use super::{assert_clean, errors};
use crate::model::{DeclKind, Primitive, Type};

#[test]
fn bounds_and_dimensions_must_be_positive() {
    assert_eq!(
        errors(
            "typedef sequence<long, 0> S;\n\
             typedef string<-2> T;\n\
             typedef long A[3][0];\n\
             const long N = -1;\n\
             typedef long B[N];\n"
        ),
        [
            "1:24: sequence bound must be positive, found `0`",
            "2:16: string bound must be positive, found `-2`",
            "3:19: array dimension must be positive, found `0`",
            "5:16: array dimension must be positive, found `-1`",
        ]
    );
}

#[test]
fn bounds_can_be_constant_expressions() {
    let model = assert_clean(
        "const long N = 4;
         typedef sequence<string<N * 2>, N + 1> S;
         typedef map<string, long, 10> M;",
    )
    .model
    .expect("model");
    let s = model.lookup("S").expect("S");
    match &model.decl(s).kind {
        DeclKind::Typedef(t) => assert_eq!(
            t.ty,
            Type::Sequence(Box::new(Type::String(Some(8))), Some(5))
        ),
        other => panic!("{other:?}"),
    }
    let m = model.lookup("M").expect("M");
    match &model.decl(m).kind {
        DeclKind::Typedef(t) => assert_eq!(
            t.ty,
            Type::Map(
                Box::new(Type::String(None)),
                Box::new(Type::Primitive(Primitive::Long)),
                Some(10)
            )
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fixed_needs_sensible_digits_and_scale() {
    assert_eq!(
        errors("typedef fixed<32, 2> A;\ntypedef fixed<4, 5> B;\nstruct S { fixed f; };\n"),
        [
            "1:15: `fixed` must have between 1 and 31 digits, found `32`",
            "2:18: the scale `5` of a `fixed` cannot exceed its 4 digits",
            "3:12: `fixed` needs its digits and scale here",
        ]
    );
}

#[test]
fn types_defined_in_place_are_declared_in_the_enclosing_scope() {
    let model = assert_clean(
        "struct Outer { struct Inner { long x; } inner; };
         typedef struct Named { long y; } Alias;
         const long n = 1;",
    )
    .model
    .expect("model");
    let inner = model.lookup("Outer::Inner").expect("Outer::Inner");
    assert_eq!(model.decl(inner).parent, model.lookup("Outer"));
    assert!(model.lookup("Named").is_some());
    let outer = model.lookup("Outer").expect("Outer");
    assert_eq!(model.children(outer), [inner]);
}
