//! Annotations: the standard ones checked against their definitions (the cases of Fast DDS's
//! deliberately wrong `idl_extra_cases`), user annotations against their declaration, unknown
//! ones kept with a warning.

use super::{assert_clean, errors, messages};
use crate::model::{AnnotationValue, ConstValue, DeclKind, Extensibility, Name};

#[test]
fn bit_bound_misuses() {
    let text = "\
@bit_bound(8) enum Valid { A1, A2 };
@bit_bound(100) enum TooBig { B1 };
@bit_bound(\"invalid\") enum WrongType { C1 };
@bit_bound enum Missing { D1 };
@bit_bound(value = 8, value2 = \"extra\") enum Extra { E1 };
@bit_bound(8) struct OnStruct { long first; };
struct OnMember { @bit_bound(8) long first; };
enum OnEnumerator { @bit_bound(8) F1 };
@bit_bound(8) union OnUnion switch (long) { case 0: long first; };
union OnUnionMember switch (long) { case 0: @bit_bound(8) long first; };
union OnDiscriminator switch (@bit_bound(8) long) { case 0: long first; };
";
    assert_eq!(
        errors(text),
        [
            "2:1: `@bit_bound` of an enum must be between 1 and 32, found `100`",
            "3:12: expected `unsigned short`, found a string literal",
            "4:1: `@bit_bound` requires a `value` argument",
            "5:23: `@bit_bound` has no parameter `value2`",
            "6:1: `@bit_bound` cannot be applied to a struct",
            "7:19: `@bit_bound` cannot be applied to a struct member",
            "8:21: `@bit_bound` cannot be applied to an enumerator",
            "9:1: `@bit_bound` cannot be applied to a union",
            "10:45: `@bit_bound` cannot be applied to a union member",
            "11:31: `@bit_bound` cannot be applied to a union discriminator",
        ]
    );
}

#[test]
fn default_literal_misuses() {
    let text = "\
enum Valid { V1, @default_literal V2 };
enum Twice { T1, @default_literal T2, @default_literal T3 };
enum WithValue { W1, @default_literal(value = \"extra\") W2 };
@default_literal enum OnEnum { O1 };
struct OnMember { @default_literal long m; };
";
    assert_eq!(
        errors(text),
        [
            "2:39: more than one `@default_literal` in enum `Twice`",
            "3:39: `@default_literal` has no parameter `value`",
            "4:1: `@default_literal` cannot be applied to an enum",
            "5:19: `@default_literal` cannot be applied to a struct member",
        ]
    );
}

#[test]
fn id_misuses() {
    let text = "\
struct Valid { @id(1) long a; @id(3) string b; @id(4) float c; };
struct Missing { @id long m; };
struct WrongType { @id(\"invalid\") long m; };
struct Extra { @id(value = 0, value2 = \"extra\") long m; };
struct Duplicated { @id(0) long a; @id(0) string b; };
struct Implicit { @id(3) long a; string b; @id(4) float c; };
@id(1) struct OnStruct { long a; };
union OnDiscriminator switch (@id(1) long) { case 0: long a; };
";
    assert_eq!(
        errors(text),
        [
            "2:18: `@id` requires a `value` argument",
            "3:24: expected `unsigned long`, found a string literal",
            "4:31: `@id` has no parameter `value2`",
            "5:36: member id `0` of `b` is already used by `a`",
            "6:44: member id `4` of `c` is already used by `b`",
            "7:1: `@id` cannot be applied to a struct",
            "8:31: `@id` cannot be applied to a union discriminator",
        ]
    );
}

#[test]
fn standard_annotations_are_evaluated_into_the_model() {
    let model = assert_clean(
        "@topic @mutable struct T {
             @key @id(10) long id;
             @optional @default(5) long count;
             @range(min = 0, max = 9) @unit(\"m\") short level;
             @verbatim(language = \"c++\", text = \"// hi\") long v;
         };
         @extensibility(FINAL) union U switch (@key short) { case 1: long a; };
         @data_representation(XCDR1 | XCDR2) struct R { @try_construct(TRIM) string s; };",
    )
    .model
    .expect("model");
    let t = model.lookup("T").expect("T");
    let DeclKind::Struct(s) = &model.decl(t).kind else {
        panic!("not a struct");
    };
    assert!(s.topic);
    assert_eq!(s.extensibility, Some(Extensibility::Mutable));
    assert!(s.members[0].key);
    assert_eq!(s.members[0].id, 10);
    assert!(s.members[1].optional);
    assert_eq!(
        s.members[1].default,
        Some(ConstValue::Integer(5, crate::model::Primitive::Long))
    );
    let range = &s.members[2].annotations[0];
    assert_eq!(range.name, "range");
    assert_eq!(
        range.param("max"),
        Some(&AnnotationValue::Const(ConstValue::Integer(
            9,
            crate::model::Primitive::Short
        )))
    );
    let verbatim = &s.members[3].annotations[0];
    assert_eq!(
        verbatim.param("placement"),
        Some(&AnnotationValue::Literal(Name::from("BEFORE_DECLARATION")))
    );
    let u = model.lookup("U").expect("U");
    let DeclKind::Union(u) = &model.decl(u).kind else {
        panic!("not a union");
    };
    assert!(u.discriminator_key);
    assert_eq!(u.extensibility, Some(Extensibility::Final));
    let r = model.lookup("R").expect("R");
    assert_eq!(
        model.decl(r).annotations[0].param("allowed_kinds"),
        Some(&AnnotationValue::Flags(vec![
            Name::from("XCDR1"),
            Name::from("XCDR2")
        ]))
    );
}

#[test]
fn argument_values_are_checked_against_the_parameter_type() {
    assert_eq!(
        errors(
            "@extensibility(SOMETIMES) struct A { long a; };\n\
             struct B { @default(\"x\") long b; @key(3) long k; };\n"
        ),
        [
            "1:16: expected one of `FINAL`, `APPENDABLE` or `MUTABLE`, found `SOMETIMES`",
            "2:21: expected `long`, found a string literal",
            "2:39: expected `boolean`, found an integer literal",
        ]
    );
}

#[test]
fn conflicting_and_repeated_annotations() {
    assert_eq!(
        errors("@final @mutable struct A { @key @key long a; };\n"),
        [
            "1:8: `@mutable` conflicts with `@final`: a type has one extensibility",
            "1:33: `@key` is applied more than once",
        ]
    );
}

#[test]
fn a_key_member_cannot_be_optional() {
    assert_eq!(
        errors("struct S { @key @optional long k; };\n"),
        ["1:17: a key member cannot be `@optional`"]
    );
}

#[test]
fn unknown_annotations_are_warnings() {
    assert_eq!(
        messages("struct S { @OpenDDS::hidden @feed long a; };\n"),
        [
            "1:13: warning: unknown annotation `@OpenDDS::hidden`",
            "1:30: warning: unknown annotation `@feed`",
        ]
    );
    assert_eq!(
        messages("struct S { @Key long a; };\n"),
        ["1:13: warning: annotation `@Key` is spelled `@key` in the standard"]
    );
}

#[test]
fn user_annotations_are_checked_against_their_declaration() {
    let text = "\
@annotation Range2 {
  enum Mode { OPEN, CLOSED };
  long low;
  long high default 10;
  Mode mode default OPEN;
};
@Range2(low = 1, mode = CLOSED) struct A { long a; };
@Range2(low = \"x\", width = 2) struct B { long b; };
@Range2(mode = HALF) struct C { long c; };
";
    assert_eq!(
        errors(text),
        [
            "8:15: expected `long`, found a string literal",
            "8:20: `@Range2` has no parameter `width`",
            "9:16: expected one of `OPEN` or `CLOSED`, found `HALF`",
        ]
    );
    let model = super::compile(text).model.expect("model");
    let a = model.lookup("A").expect("A");
    let applied = &model.decl(a).annotations[0];
    assert!(!applied.builtin);
    assert_eq!(
        applied.param("high"),
        Some(&AnnotationValue::Const(ConstValue::Integer(
            10,
            crate::model::Primitive::Long
        )))
    );
    assert_eq!(
        applied.param("mode"),
        Some(&AnnotationValue::Literal(Name::from("CLOSED")))
    );
}

#[test]
fn element_annotations_are_checked() {
    assert_eq!(
        errors(
            "typedef sequence<@try_construct(TRIM) string<8> > S;\n\
             typedef sequence<@key long> K;\n\
             struct A { string<4> names @try_construct(DISCARD) [2]; };\n"
        ),
        ["2:18: `@key` cannot be applied to a sequence, map or array element"]
    );
}
