//! Syntax errors: the exact message and where it points (`line:column`).

use crate::{
    diagnostic::Diagnostics,
    parser::test_util::{parse_with_diagnostics, single_error},
    preprocess::{self, FsLoader, PreprocessOptions},
    source::SourceMap,
};

/// Asserts the one diagnostic of each `(input, "line:column message")` pair.
fn check(cases: &[(&str, &str)]) {
    for (input, expected) in cases {
        assert_eq!(single_error(input), *expected, "for input {input:?}");
    }
}

#[test]
fn missing_punctuation_names_the_token() {
    check(&[
        (
            "module M { struct S { long a } };",
            "1:30 expected `;`, found `}`",
        ),
        (
            "module M { struct S { long a; } }",
            "1:33 expected `;`, found `}`",
        ),
        ("exception E { long a }", "1:22 expected `;`, found `}`"),
        ("const long X = 1 2;", "1:18 expected `;`, found `2`"),
        ("const long X = (1 + 2;", "1:22 expected `)`, found `;`"),
        ("enum E { A B };", "1:12 expected `,` or `}`, found `B`"),
        (
            "typedef sequence<long S;",
            "1:23 expected `,` or `>`, found `S`",
        ),
        ("typedef map<long> M;", "1:17 expected `,`, found `>`"),
        ("struct S { long a[3; };", "1:20 expected `]`, found `;`"),
        (
            "union U switch (long) { case 1 long a; };",
            "1:32 expected `:`, found keyword `long`",
        ),
        ("interface I { long x; };", "1:21 expected `(`, found `;`"),
        (
            "interface I { void op(in long a in long b); };",
            "1:33 expected `,` or `)`, found keyword `in`",
        ),
        (
            "interface I { void op() };",
            "1:25 expected one of `context`, `raises`, or `;`, found `}`",
        ),
    ]);
}

#[test]
fn missing_names_types_and_expressions() {
    check(&[
        ("module { };", "1:8 expected identifier, found `{`"),
        (
            "module module { };",
            "1:8 expected identifier, found keyword `module`",
        ),
        (
            "struct S { long module; };",
            "1:17 expected identifier, found keyword `module`",
        ),
        ("interface I : { };", "1:15 expected identifier, found `{`"),
        ("typedef long;", "1:13 expected identifier, found `;`"),
        (
            "interface I { attribute long; };",
            "1:29 expected identifier, found `;`",
        ),
        ("const = 5;", "1:7 expected type, found `=`"),
        ("typedef = 5;", "1:9 expected type, found `=`"),
        ("typedef sequence<> S;", "1:18 expected type, found `>`"),
        (
            "struct S { unsigned x; };",
            "1:12 expected type, found keyword `unsigned`",
        ),
        ("const long X = ;", "1:16 expected expression, found `;`"),
        ("const long X = 1 +;", "1:19 expected expression, found `;`"),
        (
            "const long X = 1 + * 2;",
            "1:20 expected expression, found `*`",
        ),
        (
            "const long X = module;",
            "1:16 expected expression, found keyword `module`",
        ),
        (
            "struct S { string<> s; };",
            "1:19 expected expression, found `>`",
        ),
        (
            "struct S { long a[; };",
            "1:19 expected expression, found `;`",
        ),
        (
            "@annotation A { long x default; };",
            "1:31 expected expression, found `;`",
        ),
    ]);
}

#[test]
fn missing_definitions_members_and_cases() {
    check(&[
        (
            "struct S { long a; };}",
            "1:22 expected definition, found `}`",
        ),
        (
            "module M { long x; };",
            "1:12 expected definition, found keyword `long`",
        ),
        ("@ struct S {};", "1:10 expected definition, found `S`"),
        ("enum E { };", "1:10 expected enumerator, found `}`"),
        (
            "union U switch (long) { };",
            "1:25 expected `case` or `default`, found `}`",
        ),
        (
            "union U { case 1: long a; };",
            "1:9 expected `switch` or `;`, found `{`",
        ),
        (
            "interface I { void op(long a); };",
            "1:23 expected parameter or `)`, found keyword `long`",
        ),
        (
            "module M { interface I { void f(in long a, ); }; };",
            "1:44 expected parameter, found `)`",
        ),
    ]);
}

#[test]
fn end_of_file_points_after_the_last_token() {
    check(&[
        ("struct S { long a; }", "1:21 unexpected end of file"),
        ("module M {\n  struct S {\n", "2:13 unexpected end of file"),
        (
            "struct S { long a; }; struct T { long b; }  \n\n",
            "1:43 unexpected end of file",
        ),
    ]);
}

#[test]
fn stray_characters_and_unclosed_tokens() {
    check(&[
        ("struct S { long a; $ };", "1:20 unexpected character `$`"),
        ("struct S {};\n#pragma x\n", "2:1 unexpected character `#`"),
        ("\u{1F600}", "1:1 unexpected character `\u{1F600}`"),
        (
            "const string S = \"abc;\nstruct T {};",
            "1:18 unterminated string literal",
        ),
        (
            "const wstring S = L\"abc;",
            "1:19 unterminated string literal",
        ),
        ("const char C = 'a;", "1:16 unterminated character literal"),
        (
            "struct S {}; /* unterminated",
            "1:14 unterminated block comment",
        ),
    ]);
}

#[test]
fn semantic_checks_of_the_builder() {
    check(&[
        (
            "interface I { readonly attribute long a setraises(E); };",
            "1:41 a readonly attribute cannot have `setraises`",
        ),
        (
            "interface I { attribute long a raises(E); };",
            "1:32 `raises` is only allowed on a readonly attribute",
        ),
        (
            "interface I { attribute long a, b getraises(E); };",
            "1:35 `getraises` needs an attribute declared alone",
        ),
        (
            "interface I { attribute long a setraises(E) getraises(F); };",
            "1:45 `getraises` must come before `setraises`",
        ),
        (
            "struct S { long \u{e9}t\u{e9}; };",
            "1:17 identifier `\u{e9}t\u{e9}` is not ASCII",
        ),
    ]);
}

#[test]
fn the_label_repeats_what_was_expected() {
    let (_, errors) = parse_with_diagnostics("struct S { long a }");
    assert_eq!(errors, ["1:19 expected `;`, found `}`"]);
    let mut sources = SourceMap::new();
    let root = sources.add(
        "bad.idl",
        "module M {\n  struct S { long a }\n};\n".to_owned(),
    );
    let mut diagnostics = Diagnostics::new();
    let unit = preprocess::preprocess(
        root,
        &mut sources,
        &PreprocessOptions::default(),
        &FsLoader,
        &mut diagnostics,
    );
    assert!(crate::parser::parse(&unit, &mut diagnostics).is_none());
    let rendered = diagnostics.render(&sources);
    assert!(
        rendered.starts_with("error: expected `;`, found `}`\n  ┌─ bad.idl:2:21\n"),
        "{rendered}"
    );
    assert!(rendered.contains("^ expected `;`"), "{rendered}");
    let (_, errors) = parse_with_diagnostics("module M {");
    assert_eq!(errors, ["1:11 unexpected end of file"]);
}

#[test]
fn more_common_mistakes() {
    check(&[
        ("strcut S {};", "1:1 expected definition, found `strcut`"),
        (
            "struct S {}; strcut T {};",
            "1:14 expected definition, found `strcut`",
        ),
        ("struct S { long a = 5; };", "1:19 expected `;`, found `=`"),
        (
            "struct S { sequence<long> };",
            "1:27 expected identifier, found `}`",
        ),
        (
            "struct S { long a, };",
            "1:20 expected identifier, found `}`",
        ),
        ("typedef long T[];", "1:16 expected expression, found `]`"),
        ("struct S { long a; } s;", "1:22 expected `;`, found `s`"),
        (
            "interface I { readonly long a; };",
            "1:24 expected `attribute`, found keyword `long`",
        ),
        (
            "interface I { void f(in long a, out); };",
            "1:36 expected type, found `)`",
        ),
        (
            "@range(min = 1, max) struct S {};",
            "1:20 expected `=`, found `)`",
        ),
        (
            "union U switch (long) { case 1: long a; default long b; };",
            "1:49 expected `:`, found keyword `long`",
        ),
    ]);
}

#[test]
fn a_missing_semicolon_at_a_line_end_is_shown_where_it_belongs() {
    check(&[
        (
            "struct S {\n  long a;\n  long b\n};",
            "3:9 expected `;`, found `}`",
        ),
        (
            "struct S {\n  long b // the b\n};",
            "2:9 expected `;`, found `}`",
        ),
        (
            "module M {\n  typedef long T\n  typedef long U;\n};",
            "2:17 expected `;`, found keyword `typedef`",
        ),
    ]);
    let mut sources = SourceMap::new();
    let root = sources.add("m.idl", "struct S {\n  long b\n};\n".to_owned());
    let mut diagnostics = Diagnostics::new();
    let unit = preprocess::preprocess(
        root,
        &mut sources,
        &PreprocessOptions::default(),
        &FsLoader,
        &mut diagnostics,
    );
    assert!(crate::parser::parse(&unit, &mut diagnostics).is_none());
    let diagnostic = diagnostics.iter().next().unwrap();
    let secondary = &diagnostic.secondary[0];
    assert_eq!(secondary.message, "unexpected token");
    assert_eq!(sources.line_col(secondary.span), (3, 1));
}
