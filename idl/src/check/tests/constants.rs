//! Constant evaluation with the declared type: every width, ranges, overflow, division,
//! shifts, floats, fixed, characters, strings, booleans and enumerators.

use super::{assert_clean, errors, messages};
use crate::model::{ConstValue, DeclKind, Fixed, Model, Primitive, Type};

fn value(model: &Model, name: &str) -> ConstValue {
    let id = model.lookup(name).unwrap_or_else(|| panic!("no `{name}`"));
    match &model.decl(id).kind {
        DeclKind::Const(c) => c.value.clone().expect("a value"),
        other => panic!("`{name}` is {other:?}"),
    }
}

#[test]
fn integer_constants_take_their_declared_type() {
    let model = assert_clean(
        "const short s = -32768;
         const unsigned short us = 0xFFFF;
         const long l = 2 * (3 + 4) - 10 / 3 % 2;
         const unsigned long ul = 4294967295;
         const long long ll = -9223372036854775808;
         const unsigned long long ull = 18446744073709551615;
         const int8 i8 = -128;
         const uint8 u8 = 255;
         const octet o = 017;
         const long bits = (1 << 4) | 0x0F ^ 3 & 1;
         const unsigned short inv = ~0;
         const long neg = ~5;
         const long from = l + 1;",
    )
    .model
    .expect("model");
    assert_eq!(
        value(&model, "s"),
        ConstValue::Integer(-32768, Primitive::Short)
    );
    assert_eq!(
        value(&model, "us"),
        ConstValue::Integer(65535, Primitive::UShort)
    );
    assert_eq!(value(&model, "l"), ConstValue::Integer(13, Primitive::Long));
    assert_eq!(
        value(&model, "ul"),
        ConstValue::Integer(4294967295, Primitive::ULong)
    );
    assert_eq!(
        value(&model, "ll"),
        ConstValue::Integer(i64::MIN.into(), Primitive::LongLong)
    );
    assert_eq!(
        value(&model, "ull"),
        ConstValue::Integer(u64::MAX.into(), Primitive::ULongLong)
    );
    assert_eq!(
        value(&model, "i8"),
        ConstValue::Integer(-128, Primitive::Int8)
    );
    assert_eq!(
        value(&model, "u8"),
        ConstValue::Integer(255, Primitive::UInt8)
    );
    assert_eq!(value(&model, "o"), ConstValue::Octet(15));
    // `&` binds tighter than `^`, and `^` than `|`: 16 | (15 ^ (3 & 1)).
    assert_eq!(
        value(&model, "bits"),
        ConstValue::Integer(30, Primitive::Long)
    );
    assert_eq!(
        value(&model, "inv"),
        ConstValue::Integer(65535, Primitive::UShort)
    );
    assert_eq!(
        value(&model, "neg"),
        ConstValue::Integer(-6, Primitive::Long)
    );
    assert_eq!(
        value(&model, "from"),
        ConstValue::Integer(14, Primitive::Long)
    );
}

#[test]
fn values_outside_the_declared_type_are_rejected() {
    assert_eq!(
        errors(
            "const octet o = 300;\n\
             const short s = 40000;\n\
             const unsigned long u = -1;\n\
             const int8 i = 100 + 28;\n"
        ),
        [
            "1:17: value `300` does not fit in `octet`",
            "2:17: value `40000` does not fit in `short`",
            "3:25: value `-1` does not fit in `unsigned long`",
            "4:16: value `128` does not fit in `int8`",
        ]
    );
}

#[test]
fn intermediate_results_must_fit_in_64_bits() {
    assert_eq!(
        errors("const unsigned long long x = 18446744073709551615 * 2 / 4;\n"),
        ["1:30: arithmetic overflow in constant expression"]
    );
}

#[test]
fn division_and_remainder_by_zero_point_at_the_divisor() {
    assert_eq!(
        errors(
            "const long a = 10 / (2 - 2);\nconst long b = 7 % 0;\nconst double c = 1.0 / 0.0;\n"
        ),
        [
            "1:22: division by zero",
            "2:20: remainder by zero",
            "3:24: division by zero",
        ]
    );
}

#[test]
fn shifts_must_stay_within_64_bits() {
    assert_eq!(
        errors("const long long a = 1 << 64;\nconst long b = 8 >> -1;\n"),
        [
            "1:26: shift amount `64` is out of range",
            "2:21: shift amount `-1` is out of range",
        ]
    );
}

#[test]
fn a_value_of_the_wrong_kind_is_a_type_mismatch() {
    assert_eq!(
        errors(
            "const long a = \"text\";\n\
             const string s = 5;\n\
             const boolean b = 2;\n\
             const long f = 1.5;\n\
             const char c = L'x';\n"
        ),
        [
            "1:16: expected `long`, found a string literal",
            "2:18: expected `string`, found an integer literal",
            "3:19: expected `boolean`, found an integer literal",
            "4:16: expected `long`, found a floating-point literal",
            "5:16: expected `char`, found a wide character literal",
        ]
    );
}

#[test]
fn operators_apply_to_numbers_only() {
    assert_eq!(
        errors(
            "const string s = \"a\" + \"b\";\nconst double d = 1.5 | 2.0;\nconst long n = ~1.0;\n"
        ),
        [
            "1:18: operator `+` cannot be applied to string values",
            "2:18: operator `|` cannot be applied to floating-point values",
            "3:17: expected `long`, found a floating-point literal",
        ]
    );
}

#[test]
fn floating_point_constants() {
    let model = assert_clean(
        "const double d = 1.5 * 2 + .25;
         const float f = 3.0;
         const long double ld = 1e10;",
    )
    .model
    .expect("model");
    assert_eq!(
        value(&model, "d"),
        ConstValue::Float(3.25, Primitive::Double)
    );
    assert_eq!(value(&model, "f"), ConstValue::Float(3.0, Primitive::Float));
    assert_eq!(
        errors("const float big = 1e40;\n"),
        ["1:19: value `10000000000000000000000000000000000000000` does not fit in `float`"]
    );
}

#[test]
fn fixed_point_constants_keep_their_digits() {
    let model = assert_clean(
        "const fixed a = 12.50d;
         const fixed b = a * 2.0d + 0.125d;
         const fixed<5, 2> c = 1.5d;",
    )
    .model
    .expect("model");
    assert_eq!(
        value(&model, "a"),
        ConstValue::Fixed(Fixed {
            mantissa: 1250,
            scale: 2
        })
    );
    assert_eq!(value(&model, "b").to_string(), "25.125d");
    assert_eq!(value(&model, "c").to_string(), "1.50d");
    let a = model.lookup("a").expect("a");
    match &model.decl(a).kind {
        DeclKind::Const(c) => assert_eq!(
            c.ty,
            Type::Fixed {
                digits: 4,
                scale: 2
            }
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        errors("const fixed<3, 1> x = 123.4d;\n"),
        ["1:23: value `123.4` does not fit in `fixed<3, 1>`"]
    );
}

#[test]
fn characters_strings_and_booleans() {
    let model = assert_clean(
        "const char c = 'a';
         const wchar w = L'\\u00e9';
         const wchar wc = 'z';
         const string s = \"hi\";
         const wstring ws = \"plain\";
         const string<5> bounded = \"12345\";
         const boolean t = TRUE;",
    )
    .model
    .expect("model");
    assert_eq!(value(&model, "w"), ConstValue::WChar('\u{e9}'));
    assert_eq!(value(&model, "wc"), ConstValue::WChar('z'));
    assert_eq!(value(&model, "ws"), ConstValue::WString("plain".to_owned()));
    assert_eq!(value(&model, "t"), ConstValue::Bool(true));
}

#[test]
fn string_bounds_and_character_widths_are_checked() {
    assert_eq!(
        errors("const string<3> s = \"four\";\nconst char c = '\\u0100';\n"),
        [
            "1:21: string of 4 characters does not fit in `string<3>`",
            "2:16: value `Ā` does not fit in `char`",
        ]
    );
}

#[test]
fn enumerator_constants_must_belong_to_the_declared_enum() {
    let model = assert_clean(
        "enum Color { RED, GREEN };
         const Color c = GREEN;",
    )
    .model
    .expect("model");
    let color = model.lookup("Color").expect("Color");
    assert_eq!(
        value(&model, "c"),
        ConstValue::Enumerator {
            decl: color,
            index: 1
        }
    );
    assert_eq!(
        errors("enum A { X };\nenum B { Y };\nconst A k = Y;\nconst A n = 1;\n"),
        [
            "3:13: expected an enumerator of `A`, found enumerator `Y`",
            "4:13: expected an enumerator of `A`, found an integer literal",
        ]
    );
}

#[test]
fn a_constant_cannot_have_a_structured_type() {
    assert_eq!(
        errors("struct S { long a; };\nconst S k = 1;\n"),
        ["2:7: a constant cannot have type `S`"]
    );
}

#[test]
fn names_used_as_values_must_be_constants() {
    assert_eq!(
        errors("struct S { long a; };\nconst long n = S;\n"),
        ["2:16: expected a constant, found struct `S`"]
    );
}

#[test]
fn capitalised_true_and_false_are_accepted_with_a_warning() {
    assert_eq!(
        messages("const boolean b = True;\n"),
        ["1:19: warning: `True` is not an IDL keyword; read as `TRUE`"]
    );
}

#[test]
fn a_number_is_not_a_boolean_or_a_character_outside_case_labels() {
    assert_eq!(
        errors("const boolean b = 1;\nconst char c = 65;\n"),
        [
            "1:19: expected `boolean`, found an integer literal",
            "2:16: expected `char`, found an integer literal",
        ]
    );
}
