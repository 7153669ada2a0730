//! `#if`, `#ifdef`, `#ifndef`, `#elif`, `#else`, `#endif`.

use super::*;

/// The active lines of `src`, joined with spaces.
fn active(src: &str) -> String {
    let r = run(src);
    r.assert_clean();
    r.text().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn ifdef_ifndef_else() {
    assert_eq!(active("#define A\n#ifdef A\na\n#else\nb\n#endif\n"), "a");
    assert_eq!(active("#ifdef A\na\n#else\nb\n#endif\n"), "b");
    assert_eq!(active("#ifndef A\na\n#endif\nc\n"), "a c");
    assert_eq!(active("#ifndef G\n#define G\nonce\n#endif\n"), "once");
}

#[test]
fn elif_chains_take_the_first_true_group() {
    let src = "#if X == 1\none\n#elif X == 2\ntwo\n#elif X >= 2\nmore\n#else\nother\n#endif\n";
    for (x, expected) in [("1", "one"), ("2", "two"), ("3", "more"), ("0", "other")] {
        let r = run_with(src, &[], &options(&[], &[("X", Some(x))]));
        r.assert_clean();
        assert_eq!(r.text().trim(), expected, "X={x}");
    }
}

#[test]
fn nested_groups_and_skipped_nesting() {
    let src = "\
#if 1
  a
  #if 0
    b
    #if 1
      c
    #else
      d
    #endif
  #elif 1
    e
  #endif
#else
  #if 1
    f
  #endif
#endif
";
    assert_eq!(active(src), "a e");
}

#[test]
fn skipped_groups_ignore_everything_but_conditionals() {
    let src = "#if 0\n#foo\n#include <nowhere.idl>\n#define X(a) a\n#error x\n#if garbage (((\n#elif ((\n#else junk\n#endif junk\n#endif\nend\n";
    assert_eq!(active(src), "end");
}

#[test]
fn elif_is_not_evaluated_once_a_group_was_taken() {
    assert_eq!(active("#if 1\na\n#elif 1/0\nb\n#endif\n"), "a");
    assert_eq!(active("#if 0\n#if 1/0\n#endif\n#endif\n"), "");
}

#[test]
fn defined_in_both_forms_and_macros_in_expressions() {
    let opts = options(
        &[],
        &[("A", None), ("V", Some("0x5120")), ("E", Some("V + 1"))],
    );
    let src = "\
#if defined A && defined(A) && !defined B && !defined ( B )
one
#endif
#if V == 20768 && E == 20769 && A == 1 && UNDEFINED == 0
two
#endif
#if !defined (__SUNPRO_CC) || (__SUNPRO_CC > 0x5120)
three
#endif
";
    let r = run_with(src, &[], &opts);
    r.assert_clean();
    assert_eq!(r.text(), "one\ntwo\nthree\n");
}

#[test]
fn corpus_style_guards() {
    let src = "#if !defined(__BAA_COMPILATION) && defined(__ORBIT_IDL__)\nno\n#endif\n#if !defined (CCM_LW) && !defined (CCM_NOEVENT)\nyes\n#endif\n";
    assert_eq!(active(src), "yes");
}

#[test]
fn expression_errors_make_the_group_false() {
    let r = run("#if 1 / 0\na\n#else\nb\n#endif\n");
    assert_eq!(
        r.messages(),
        ["error main.idl:1:9: division by zero in `#if`"]
    );
    assert_eq!(r.text(), "b\n");
    assert!(!r.unit.fatal);
    let cases = [
        (
            "#if\n#endif\n",
            "error main.idl:1:4: missing expression after `#if`",
        ),
        (
            "#if 0\n#elif\n#endif\n",
            "error main.idl:2:6: missing expression after `#elif`",
        ),
        (
            "#if (1\n#endif\n",
            "error main.idl:1:7: expected `)`, found end of line",
        ),
        (
            "#if 1 +\n#endif\n",
            "error main.idl:1:8: expected an expression, found end of line",
        ),
        (
            "#if \"s\"\n#endif\n",
            "error main.idl:1:5: string literals are not allowed in `#if`",
        ),
        (
            "#if 1.0\n#endif\n",
            "error main.idl:1:5: floating-point literal `1.0` is not allowed in `#if`",
        ),
        (
            "#if defined\n#endif\n",
            "error main.idl:1:5: expected a macro name after `defined`",
        ),
        (
            "#if defined(A\n#endif\n",
            "error main.idl:1:5: expected a macro name after `defined`",
        ),
        (
            "#if A = 1\n#endif\n",
            "error main.idl:1:7: expected an operator or end of line, found `=`",
        ),
        (
            "#ifdef\n#endif\n",
            "error main.idl:1:7: expected a macro name after `#ifdef`, found end of line",
        ),
        (
            "#ifndef 3\n#endif\n",
            "error main.idl:1:9: expected a macro name after `#ifndef`, found `3`",
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(run(src).messages(), [expected], "{src:?}");
    }
}

#[test]
fn macro_errors_in_expressions_point_at_the_use() {
    let opts = options(&[], &[("Z", Some("0")), ("D", Some("(1 / Z)"))]);
    let r = run_with("#if D\n#endif\n", &[], &opts);
    assert_eq!(
        r.messages(),
        ["error main.idl:1:5: division by zero in `#if`"]
    );
    assert_eq!(r.only_snippet(), "D");
}

#[test]
fn deeply_nested_expressions_are_refused() {
    let src = format!("#if {}1{}\n#endif\n", "(".repeat(300), ")".repeat(300));
    let r = run(&src);
    assert_eq!(
        r.messages(),
        ["error main.idl:1:261: expression nests more than 256 levels deep"]
    );
}

#[test]
fn unbalanced_conditionals_are_fatal() {
    let cases = [
        (
            "a\n  #if 1\nb\n",
            "error main.idl:2:3: unterminated `#if`",
            "#if",
        ),
        (
            "#ifdef X\n",
            "error main.idl:1:1: unterminated `#ifdef`",
            "#ifdef",
        ),
        (
            "#  ifndef X\n#else\n",
            "error main.idl:1:1: unterminated `#ifndef`",
            "#  ifndef",
        ),
        (
            "#else\n",
            "error main.idl:1:1: `#else` without `#if`",
            "#else",
        ),
        (
            "#elif 1\n",
            "error main.idl:1:1: `#elif` without `#if`",
            "#elif",
        ),
        (
            "#endif\n",
            "error main.idl:1:1: `#endif` without `#if`",
            "#endif",
        ),
        (
            "#if 1\n#else\n#elif 1\n#endif\n",
            "error main.idl:3:1: `#elif` after `#else`",
            "#elif",
        ),
        (
            "#if 1\n#else\n#else\n#endif\n",
            "error main.idl:3:1: `#else` after `#else`",
            "#else",
        ),
    ];
    for (src, expected, snippet) in cases {
        let r = run(src);
        assert_eq!(r.messages(), [expected], "{src:?}");
        assert_eq!(r.only_snippet(), snippet, "{src:?}");
        assert!(r.unit.fatal, "{src:?}");
    }
}

#[test]
fn elif_after_else_points_back_at_the_else() {
    let r = run("#if 1\n#else\n#elif 1\n#endif\n");
    let secondary = &r.only().secondary;
    assert_eq!(secondary.len(), 1);
    assert_eq!(r.sources.line_col(secondary[0].span), (2, 1));
}

#[test]
fn garbage_after_directives() {
    let cases = [
        (
            "#if 1\n#else x\n#endif\n",
            "error main.idl:2:7: extra tokens after `#else`",
        ),
        (
            "#if 1\n#endif X\n",
            "error main.idl:2:8: extra tokens after `#endif`",
        ),
        (
            "#ifdef A B\n#endif\n",
            "error main.idl:1:10: extra tokens after `#ifdef`",
        ),
        (
            "#undef A B\n",
            "error main.idl:1:10: extra tokens after `#undef`",
        ),
    ];
    for (src, expected) in cases {
        let r = run(src);
        assert_eq!(r.messages(), [expected], "{src:?}");
        assert!(!r.unit.fatal);
    }
    // Comments after a directive are fine.
    run("#if 1 // one\n#else /* two\n */\n#endif /* three */ // four\n").assert_clean();
}

#[test]
fn conditionals_must_close_in_their_own_file() {
    let files = [("a.idl", "#ifdef X\nstruct A {};\n")];
    let r = run_with(
        "#include \"a.idl\"\n#endif\nstruct M {};\n",
        &files,
        &PreprocessOptions::default(),
    );
    assert_eq!(
        r.messages(),
        [
            "error a.idl:1:1: unterminated `#ifdef`",
            "error main.idl:2:1: `#endif` without `#if`"
        ]
    );
    assert_eq!(r.text(), "struct M {};\n");
}
