//! Plain text, comments, line endings and the small directives.

use super::*;
use crate::preprocess::PragmaKind;

#[test]
fn plain_text_and_comments_pass_through() {
    let src = "/// doc\nmodule M { /* a\n b */ struct S { long x; }; }; // end\n";
    let r = run(src);
    r.assert_clean();
    assert_eq!(r.text(), src);
    assert_eq!(r.unit.map.segment_count(), 1);
}

#[test]
fn empty_files_and_missing_final_newlines() {
    let r = run("");
    r.assert_clean();
    assert_eq!(r.text(), "");
    let r = run("struct S {};");
    assert_eq!(r.text(), "struct S {};\n");
    let r = run_with(
        "#include \"a.idl\"\nx",
        &[("a.idl", "a")],
        &PreprocessOptions::default(),
    );
    assert_eq!(r.text(), "a\nx\n");
}

#[test]
fn crlf_line_endings() {
    let r = run("#ifdef X\r\nno\r\n#else\r\nyes\r\n#endif\r\n#pragma prefix \"p\"\r\nend\r\n");
    r.assert_clean();
    assert_eq!(r.text(), "yes\r\nend\r\n");
    assert_eq!(r.unit.pragmas[0].kind, PragmaKind::Prefix("p".into()));
}

#[test]
fn spaces_and_tabs_around_the_hash() {
    let r = run(" \t# \t define A 1\n\t#\tifdef A\n  yes A\n #   endif\n");
    r.assert_clean();
    assert_eq!(r.text(), "  yes 1\n");
}

#[test]
fn the_null_directive() {
    let r = run("#\n  #   \na\n");
    r.assert_clean();
    assert_eq!(r.text(), "a\n");
}

#[test]
fn a_hash_inside_a_comment_or_string_is_not_a_directive() {
    let src = "/*\n#error no\n*/\nconst string s = \"a\\\n#error no\";\n";
    let r = run(src);
    r.assert_clean();
    assert_eq!(r.text(), src);
    let r = run("/* x */ #define A 1\nA\n");
    assert_eq!(r.text(), "/* x */ #define A 1\nA\n");
}

#[test]
fn pragmas_are_recorded_where_they_stand() {
    let src = "module M {\n  #pragma prefix \"a.org\"\n  interface I {};\n# pragma ID I \"IDL:I:1.0\"\n#    pragma version I 2.3\n};\n";
    let r = run(src);
    r.assert_clean();
    assert_eq!(r.text(), "module M {\n  interface I {};\n};\n");
    let kinds: Vec<_> = r
        .unit
        .pragmas
        .iter()
        .map(|p| (&p.kind, p.unit_offset))
        .collect();
    assert_eq!(
        kinds,
        [
            (&PragmaKind::Prefix("a.org".into()), 11),
            (
                &PragmaKind::Id {
                    target: "I".into(),
                    id: "IDL:I:1.0".into()
                },
                29
            ),
            (
                &PragmaKind::Version {
                    target: "I".into(),
                    major: 2,
                    minor: 3
                },
                29
            ),
        ]
    );
    assert_eq!(
        r.sources.snippet(r.unit.pragmas[0].span),
        "#pragma prefix \"a.org\""
    );
}

#[test]
fn pragma_hh_is_not_an_include() {
    let r = run("#pragma hh #include \"COS_sysdep.h\"\nmodule CosNaming {};\n");
    r.assert_clean();
    assert_eq!(r.unit.files.len(), 1);
    assert_eq!(
        r.unit.pragmas[0].kind,
        PragmaKind::Other {
            name: "hh".into(),
            text: "#include \"COS_sysdep.h\"".into()
        }
    );
}

#[test]
fn pragmas_in_skipped_groups_are_ignored() {
    let r = run("#if 0\n#pragma prefix \"no\"\n#pragma prefix\n#endif\n");
    r.assert_clean();
    assert!(r.unit.pragmas.is_empty());
}

#[test]
fn a_malformed_pragma_is_an_error_on_its_span() {
    let r = run("module M {};\n#pragma prefix\n");
    assert_eq!(
        r.messages(),
        ["error main.idl:2:15: expected a string literal in `#pragma prefix`, found end of line"]
    );
    assert!(!r.unit.fatal);
}

#[test]
fn line_directives_are_checked_and_ignored() {
    let r = run("#line 10\n#line 20 \"other.idl\"\n# 30 \"x.idl\" 1 3\nx\n");
    r.assert_clean();
    assert_eq!(r.text(), "x\n");
    let cases = [
        (
            "#line\n",
            "error main.idl:1:6: expected a line number after `#line`, found end of line",
        ),
        (
            "#line x\n",
            "error main.idl:1:7: expected a line number after `#line`, found `x`",
        ),
        (
            "#line 1.5\n",
            "error main.idl:1:7: expected a line number after `#line`, found `1.5`",
        ),
        (
            "#line 99999999999\n",
            "error main.idl:1:7: line number `99999999999` is out of range",
        ),
        (
            "#line 1 x\n",
            "error main.idl:1:9: expected a file name string after the line number, found `x`",
        ),
        (
            "#line 1 \"a\" 2\n",
            "error main.idl:1:13: extra tokens after `#line`",
        ),
        (
            "#line 1 \"a\n",
            "error main.idl:1:9: unterminated string literal",
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(run(src).messages(), [expected], "{src:?}");
    }
}

#[test]
fn error_and_warning_directives() {
    let r = run("a\n#warning  check this  \nb\n");
    assert_eq!(r.messages(), ["warning main.idl:2:1: check this"]);
    assert!(!r.unit.fatal);
    assert_eq!(r.text(), "a\nb\n");
    let r = run("a\n  #error needs OpenDDS // why\nb\n");
    assert_eq!(r.messages(), ["error main.idl:2:3: needs OpenDDS"]);
    assert_eq!(r.only_snippet(), "#error needs OpenDDS // why");
    assert!(r.unit.fatal);
    let r = run("#error\n");
    assert_eq!(r.messages(), ["error main.idl:1:1: `#error` directive"]);
    let r = run("#if 0\n#error not this one\n#endif\n");
    r.assert_clean();
}

#[test]
fn unknown_directives() {
    let r = run("#foo bar\n#import x\n#if 0\n#whatever\n#endif\n");
    assert_eq!(
        r.messages(),
        [
            "error main.idl:1:2: unknown preprocessor directive `#foo`",
            "error main.idl:2:2: unknown preprocessor directive `#import`",
        ]
    );
    let r = run("#!\n");
    assert_eq!(
        r.messages(),
        ["error main.idl:1:2: unknown preprocessor directive `#!`"]
    );
}

#[test]
fn non_utf8_bytes_become_replacement_characters() {
    let loader = MemoryLoader::new().with("a.idl", b"// caf\xe9\nstruct A {};\n".to_vec());
    let r = run_loader(
        "main.idl",
        b"#include \"a.idl\"\n// \xff\n",
        &loader,
        &PreprocessOptions::default(),
    );
    r.assert_clean();
    assert_eq!(r.text(), "// caf\u{fffd}\nstruct A {};\n// \u{fffd}\n");
}
