//! DDS-XTypes member ids: sequential, explicit, hashed, and continued from a base struct.

use super::{assert_clean, errors};
use crate::model::{DeclKind, Model};

fn ids(model: &Model, name: &str) -> Vec<u32> {
    let id = model.lookup(name).expect(name);
    match &model.decl(id).kind {
        DeclKind::Struct(s) => s.members.iter().map(|m| m.id).collect(),
        DeclKind::Union(u) => u.cases.iter().map(|c| c.member.id).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ids_follow_the_previous_member() {
    let model = assert_clean(
        "struct A { long a; @id(7) long b; long c; };
         struct B : A { long d; long e; };
         union U switch (long) { case 1: long x; case 2: @id(9) long y; default: long z; };",
    )
    .model
    .expect("model");
    assert_eq!(ids(&model, "A"), [0, 7, 8]);
    assert_eq!(ids(&model, "B"), [9, 10]);
    assert_eq!(ids(&model, "U"), [1, 9, 10]);
}

#[test]
fn hashed_ids_use_the_md5_of_the_name() {
    let model = assert_clean(
        "@autoid(HASH) struct H { long abc; @id(3) long set; };
         struct K { long first; @hashid(\"abc\") long renamed; };
         @autoid module M { struct Inherited { long abc; }; };",
    )
    .model
    .expect("model");
    // MD5("abc") = 90 01 50 98 …: 0x98500190 masked to 28 bits.
    assert_eq!(ids(&model, "H"), [0x0850_0190, 3]);
    assert_eq!(ids(&model, "K"), [0, 0x0850_0190]);
    assert_eq!(ids(&model, "M::Inherited"), [0x0850_0190]);
    assert_eq!(
        errors("@autoid(HASH) struct H { long abc; @hashid(\"abc\") long other; };\n"),
        ["1:36: member id `139461008` of `other` is already used by `abc`"]
    );
}

#[test]
fn derived_members_cannot_reuse_base_ids() {
    assert_eq!(
        errors("struct A { long a; long b; };\nstruct B : A { @id(1) long c; };\n"),
        ["2:16: member id `1` of `c` is already used by `b`"]
    );
    assert_eq!(
        errors("struct S { @id(268435456) long big; };\n"),
        ["1:12: member id `268435456` is too large"]
    );
}
