//! Lexical errors found while scanning.

use super::*;

#[test]
fn unterminated_block_comment() {
    let r = run("struct S {};\n  /* never closed\n#endif\n");
    assert_eq!(
        r.messages(),
        ["error main.idl:2:3: unterminated block comment"]
    );
    assert_eq!(r.only_snippet(), "/*");
    assert!(r.unit.fatal);
}

#[test]
fn an_unterminated_comment_hides_the_endif_without_a_second_error() {
    let r = run("#if 1\n/* open\n#endif\n");
    assert_eq!(
        r.messages(),
        ["error main.idl:2:1: unterminated block comment"]
    );
    let r = run("#if 0\n/* open\n#endif\n");
    assert_eq!(
        r.messages(),
        ["error main.idl:2:1: unterminated block comment"]
    );
    let r = run("#if 1 /* open\n#endif\n");
    assert_eq!(
        r.messages(),
        ["error main.idl:1:7: unterminated block comment"]
    );
    assert!(r.unit.fatal);
}

#[test]
fn unterminated_literals() {
    let r = run("const string s = \"abc;\nconst char c = 'x;\r\nconst char d = '\n");
    assert_eq!(
        r.messages(),
        [
            "error main.idl:1:18: unterminated string literal",
            "error main.idl:2:16: unterminated character literal",
            "error main.idl:3:16: unterminated character literal",
        ]
    );
    assert!(r.unit.fatal);
    let r = run("const string s = \"abc");
    assert_eq!(
        r.messages(),
        ["error main.idl:1:18: unterminated string literal"]
    );
}

#[test]
fn literals_in_skipped_groups_and_directives_are_lenient() {
    run("#if 0\ndon't\n#endif\n").assert_clean();
    run("#warning don't\n").messages();
    assert_eq!(
        run("#warning don't\n").messages(),
        ["warning main.idl:1:1: don't"]
    );
    run("#pragma something 'odd\n").assert_clean();
}

#[test]
fn escapes_and_quotes_in_literals() {
    let src = "const string s = \"a\\\"b /* not a comment\";\nconst char c = '\\'';\nconst char q = '\"';\nconst wstring w = L\"x\";\n";
    let r = run(src);
    r.assert_clean();
    assert_eq!(r.text(), src);
}

#[test]
fn the_front_end_does_not_parse_a_fatal_unit() {
    let compilation = crate::Frontend::new().compile_source("a.idl", "struct S {};\n/* open\n");
    assert!(compilation.unit.fatal);
    assert!(compilation.ast.is_none());
    assert!(compilation.model.is_none());
    assert_eq!(compilation.diagnostics.error_count(), 1);
}

#[test]
fn rendered_like_rustc() {
    let r = run_with(
        "#include <missing.idl>\n#if 1\n",
        &[],
        &options(&["inc"], &[]),
    );
    let rendered = r.diagnostics.render(&r.sources);
    assert_eq!(
        rendered,
        "\
error: cannot find include file `missing.idl`
  ┌─ main.idl:1:10
  │
1 │ #include <missing.idl>
  │          ^^^^^^^^^^^^^
  │
  = note: looked in `inc`, `.`
  = help: add the folder that holds it with `-I`

error: unterminated `#if`
  ┌─ main.idl:2:1
  │
2 │ #if 1
  │ ^^^ no matching `#endif` in this file

"
    );
}
