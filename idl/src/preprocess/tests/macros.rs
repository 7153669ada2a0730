//! `#define`, `#undef`, `-D` and substitution in text.

use super::*;

#[test]
fn object_like_macros_are_substituted_in_text() {
    let src = "#define N 10\n#define M (N * 2)\ntypedef long A[N][M]; // N\nconst string s = \"N\"; const char c = 'N'; const long NN = 0xN;\n";
    let r = run(src);
    r.assert_clean();
    assert_eq!(
        r.text(),
        "typedef long A[10][(10 * 2)]; // N\nconst string s = \"N\"; const char c = 'N'; const long NN = 0xN;\n"
    );
}

#[test]
fn macros_are_not_expanded_in_directives_that_take_text() {
    let r = run("#define prefix nope\n#define X 1\n#pragma prefix \"X\"\n#pragma keylist X k\n");
    r.assert_clean();
    let kinds: Vec<String> = r
        .unit
        .pragmas
        .iter()
        .map(|p| format!("{:?}", p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            "Prefix(\"X\")",
            "Keylist { type_name: \"X\", keys: [\"k\"] }"
        ]
    );
}

#[test]
fn a_macro_is_not_expanded_inside_itself() {
    let r = run("#define A B + A\n#define B A * 2\nA B\n");
    r.assert_clean();
    assert_eq!(r.text(), "A * 2 + A B + A * 2\n");
}

#[test]
fn undef_and_empty_values() {
    let r = run("#define E\n#define X 1\n[E]X\n#undef X\nX\n#undef NEVER_DEFINED\n");
    r.assert_clean();
    assert_eq!(r.text(), "[]1\nX\n");
}

#[test]
fn continuation_lines() {
    let r = run("#define LONG_VALUE 1 + \\\n   2 + \\\r\n  3\nLONG_VALUE\n");
    r.assert_clean();
    assert_eq!(r.text(), "1 + 2 + 3\n");
}

#[test]
fn command_line_definitions() {
    let opts = options(&[], &[("FLAG", None), ("SIZE", Some("32"))]);
    let r = run_with("FLAG SIZE\n", &[], &opts);
    r.assert_clean();
    assert_eq!(r.text(), "1 32\n");
    let opts = options(&[], &[("F(x)", Some("x")), ("1A", None), ("defined", None)]);
    let r = run_with("", &[], &opts);
    assert_eq!(
        r.messages(),
        [
            "error: function-like macros are not supported: `-D F(x)`",
            "error: invalid macro name `1A` in `-D`",
            "error: `defined` cannot be used as a macro name",
        ]
    );
}

#[test]
fn keywords_can_be_macros() {
    let r = run("#define native typedef long\nnative Cookie;\n");
    assert_eq!(r.text(), "typedef long Cookie;\n");
}

#[test]
fn function_like_macros_are_refused() {
    let r = run("#define MAX(a, b) ((a) > (b) ? (a) : (b))\nMAX(1, 2)\n");
    assert_eq!(
        r.messages(),
        ["error main.idl:1:9: function-like macros are not supported"]
    );
    assert_eq!(r.only_snippet(), "MAX(a, b)");
    // Not defined, so the use is left alone.
    assert_eq!(r.text(), "MAX(1, 2)\n");
    // A space before the parenthesis makes it an object-like macro.
    let r = run("#define P (1)\nP\n");
    assert_eq!(r.text(), "(1)\n");
}

#[test]
fn redefinition_with_another_value_warns() {
    let r = run("#define A 1\n#define A  1 \n#define A 2\n");
    assert_eq!(r.messages(), ["warning main.idl:3:9: macro `A` redefined"]);
    let d = r.only();
    assert_eq!(d.secondary.len(), 1);
    assert_eq!(r.sources.line_col(d.secondary[0].span), (1, 9));
    let r = run_with("#define A 2\nA\n", &[], &options(&[], &[("A", None)]));
    assert_eq!(r.messages(), ["warning main.idl:1:9: macro `A` redefined"]);
    assert_eq!(r.only().notes, ["previously defined by `-D A=1`"]);
    assert_eq!(r.text(), "2\n");
}

#[test]
fn bad_macro_names() {
    let cases = [
        (
            "#define\n",
            "error main.idl:1:8: expected a macro name after `#define`, found end of line",
        ),
        (
            "#define 3 x\n",
            "error main.idl:1:9: expected a macro name after `#define`, found `3`",
        ),
        (
            "#undef \"x\"\n",
            "error main.idl:1:8: expected a macro name after `#undef`, found `\"x\"`",
        ),
        (
            "#define defined 1\n",
            "error main.idl:1:9: `defined` cannot be used as a macro name",
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(run(src).messages(), [expected], "{src:?}");
    }
}

#[test]
fn exponential_macros_are_cut_off() {
    let mut src = String::from("#define A0 x x x x x x x x x x\n");
    for i in 1..20 {
        src.push_str(&format!(
            "#define A{i} A{p} A{p} A{p} A{p} A{p} A{p} A{p} A{p} A{p} A{p}\n",
            p = i - 1
        ));
    }
    src.push_str("A19 A19\nA18\nA1\n");
    let r = run(&src);
    assert_eq!(
        r.messages(),
        ["error main.idl:21:1: macro `A19` expands to too much text"]
    );
    assert!(r.text().len() < 64 << 20, "{}", r.text().len());
}

#[test]
fn long_chains_are_cut_off() {
    let mut src = String::new();
    for i in 0..300 {
        src.push_str(&format!("#define M{i} M{}\n", i + 1));
    }
    src.push_str("M0\nM100\n");
    let r = run(&src);
    assert_eq!(
        r.messages(),
        ["error main.idl:301:1: macro `M0` expands too deeply"]
    );
    assert_eq!(r.text(), "M0\nM300\n");
}
