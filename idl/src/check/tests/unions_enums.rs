//! Unions (discriminators and labels), enums, bitmasks and bitsets.

use super::{assert_clean, errors, messages};
use crate::model::{CaseLabel, ConstValue, DeclKind, Model, Primitive, Type};

fn kind<'m>(model: &'m Model, name: &str) -> &'m DeclKind {
    &model.decl(model.lookup(name).expect(name)).kind
}

#[test]
fn union_labels_are_evaluated_with_the_discriminator_type() {
    let model = assert_clean(
        "enum E { A, B, C };
         union U switch (E) { case A: case B: long x; case C: string s; };
         union V switch (char) { case 'a': long x; default: short y; };",
    )
    .model
    .expect("model");
    let e = model.lookup("E").expect("E");
    match kind(&model, "U") {
        DeclKind::Union(u) => {
            assert_eq!(u.discriminator, Type::Named(e));
            assert_eq!(
                u.cases[0].labels,
                [
                    CaseLabel::Value(ConstValue::Enumerator { decl: e, index: 0 }),
                    CaseLabel::Value(ConstValue::Enumerator { decl: e, index: 1 }),
                ]
            );
            assert_eq!(u.default_case, None);
        }
        other => panic!("{other:?}"),
    }
    match kind(&model, "V") {
        DeclKind::Union(v) => {
            assert_eq!(v.cases[0].labels, [CaseLabel::Value(ConstValue::Char('a'))]);
            assert_eq!(v.default_case, Some(1));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn union_label_mistakes() {
    let text = "enum E { A, B };\n\
                enum F { X };\n\
                union U switch (long) {\n\
                  case 1: long a;\n\
                  case 1: long b;\n\
                  case 'c': long c;\n\
                  default: long d;\n\
                  default: long e;\n\
                };\n\
                union W switch (E) { case X: long a; case 5: long b; };\n\
                union Z switch (float) { case 1: long a; };\n\
                union D switch (octet) { case 256: long a; case 1: long a2; case 2: short a; };\n";
    assert_eq!(
        errors(text),
        [
            "5:6: case label `1` is used more than once",
            "6:6: expected `long`, found a character literal",
            "8:1: union `U` has more than one `default` label",
            "10:27: expected an enumerator of `E`, found enumerator `X`",
            "10:43: expected an enumerator of `E`, found an integer literal",
            "11:17: `float` cannot be a union discriminator",
            "12:31: value `256` does not fit in `octet`",
            "12:75: `a` is defined more than once",
        ]
    );
}

#[test]
fn numbers_for_char_and_boolean_labels_are_warned_about() {
    assert_eq!(
        messages("union U switch (boolean) { case 1: long a; case 0: short b; };\n"),
        [
            "1:33: warning: expected `boolean`, found an integer literal",
            "1:49: warning: expected `boolean`, found an integer literal",
        ]
    );
}

#[test]
fn enum_values_and_bit_bounds() {
    let model = assert_clean("@bit_bound(8) enum Small { A, @value(5) B, C, @default_literal D };")
        .model
        .expect("model");
    match kind(&model, "Small") {
        DeclKind::Enum(e) => {
            let values: Vec<i64> = e.enumerators.iter().map(|x| x.value).collect();
            assert_eq!(values, [0, 5, 6, 7]);
            assert_eq!(e.bit_bound, 8);
            assert_eq!(e.default_literal, 3);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        errors(
            "enum E { A, @value(0) B };\n\
             @bit_bound(4) enum F { @value(16) X };\n\
             @bit_bound(33) enum G { Y };\n"
        ),
        [
            "1:13: enumerator value `0` of `B` is already used by `A`",
            "2:24: value `16` of `X` does not fit in the enum's 4 bits",
            "3:1: `@bit_bound` of an enum must be between 1 and 32, found `33`",
        ]
    );
}

#[test]
fn bitmask_positions() {
    let model = assert_clean(
        "@bit_bound(16) bitmask M { A, @position(9) B, C };
         const unsigned long mask = M::A | M::B;",
    )
    .model
    .expect("model");
    let mask = model.lookup("mask").expect("mask");
    match &model.decl(mask).kind {
        DeclKind::Const(c) => {
            assert_eq!(c.value, Some(ConstValue::Integer(0x201, Primitive::ULong)))
        }
        other => panic!("{other:?}"),
    }
    match kind(&model, "M") {
        DeclKind::Bitmask(m) => {
            let positions: Vec<i64> = m.flags.iter().map(|f| f.value).collect();
            assert_eq!(positions, [0, 9, 10]);
            assert_eq!(m.bit_bound, 16);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        errors(
            "@bit_bound(8) bitmask M { @position(8) A, @position(1) B, @position(1) C };\n\
             @bit_bound(65) bitmask N { X };\n"
        ),
        [
            "1:27: position `8` of `A` is outside the bitmask's 8 bits",
            "1:59: bit position `1` of `C` is already used by `B`",
            "2:1: `@bit_bound` of a bitmask must be between 1 and 64, found `65`",
        ]
    );
}

#[test]
fn bitsets_lay_out_their_fields() {
    let model = assert_clean(
        "bitset Base { bitfield<3> a; };
         bitset Flags : Base { bitfield<1> on; bitfield<4>; bitfield<12, short> level, other; };",
    )
    .model
    .expect("model");
    match kind(&model, "Flags") {
        DeclKind::Bitset(b) => {
            let layout: Vec<(Option<&str>, u32, u32)> = b
                .fields
                .iter()
                .map(|f| (f.name.as_deref(), f.offset, f.width))
                .collect();
            assert_eq!(
                layout,
                [
                    (Some("on"), 3, 1),
                    (None, 4, 4),
                    (Some("level"), 8, 12),
                    (Some("other"), 20, 12),
                ]
            );
            assert_eq!(b.bits, 32);
            assert_eq!(b.fields[0].ty, Type::Primitive(Primitive::Boolean));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        errors(
            "bitset A { bitfield<0> x; bitfield<9, octet> y; };\n\
             bitset B { bitfield<40> p; bitfield<30> q; };\n"
        ),
        [
            "1:21: a bitfield must have between 1 and 64 bits, found `0`",
            "1:39: a bitfield of 9 bits does not fit in `octet`",
            "2:8: bitset `B` needs 70 bits, more than 64",
        ]
    );
}
