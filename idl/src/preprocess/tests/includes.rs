//! `#include`: search order, once-only inclusion, cycles, depth, and errors.

use super::*;

fn loader(files: &[(&str, &str)]) -> MemoryLoader {
    let mut loader = MemoryLoader::new();
    for (path, text) in files {
        loader.insert(path, *text);
    }
    loader
}

/// Preprocesses `src/main.idl` with `-I inc1 -I inc2`.
fn run_src(root: &str, files: &[(&str, &str)]) -> Run {
    let opts = options(&["inc1", "inc2"], &[]);
    run_loader("src/main.idl", root.as_bytes(), &loader(files), &opts)
}

#[test]
fn quoted_names_search_the_own_folder_first_then_include_dirs_in_order() {
    let all = [
        ("src/x.idl", "own\n"),
        ("inc1/x.idl", "inc1\n"),
        ("inc2/x.idl", "inc2\n"),
    ];
    let root = "#include \"x.idl\"\n";
    assert_eq!(run_src(root, &all).text(), "own\n");
    assert_eq!(run_src(root, &all[1..]).text(), "inc1\n");
    assert_eq!(run_src(root, &all[2..]).text(), "inc2\n");
}

#[test]
fn angled_names_search_include_dirs_first_then_the_own_folder() {
    let all = [
        ("src/x.idl", "own\n"),
        ("inc1/x.idl", "inc1\n"),
        ("inc2/x.idl", "inc2\n"),
    ];
    let root = "#include <x.idl>\n";
    assert_eq!(run_src(root, &all).text(), "inc1\n");
    assert_eq!(run_src(root, &all[2..]).text(), "inc2\n");
    assert_eq!(run_src(root, &all[..1]).text(), "own\n");
}

#[test]
fn relative_names_start_from_the_including_file() {
    let files = [
        (
            "src/sub/a.idl",
            "#include \"b.idl\"\n#include \"../c.idl\"\n",
        ),
        ("src/sub/b.idl", "sub-b\n"),
        ("src/b.idl", "top-b\n"),
        ("src/c.idl", "c\n"),
    ];
    let r = run_src("#include \"sub/a.idl\"\n", &files);
    r.assert_clean();
    assert_eq!(r.text(), "sub-b\nc\n");
    let names: Vec<_> = r
        .unit
        .files
        .iter()
        .map(|&f| r.sources.file(f).name.clone())
        .collect();
    assert_eq!(
        names,
        [
            "src/main.idl",
            "src/sub/a.idl",
            "src/sub/b.idl",
            "src/c.idl"
        ]
    );
}

#[test]
fn each_file_is_included_once() {
    let files = [
        ("src/a.idl", "struct A {};\n"),
        (
            "src/b.idl",
            "#include \"a.idl\"\n#include \"../src/./a.idl\"\nstruct B {};\n",
        ),
    ];
    let r = run_src(
        "#include \"a.idl\"\n#include \"./a.idl\"\n#include \"b.idl\"\n#include <a.idl>\n",
        &files,
    );
    r.assert_clean();
    assert_eq!(r.text(), "struct A {};\nstruct B {};\n");
    assert_eq!(r.unit.files.len(), 3);
}

#[test]
fn cycles_are_skipped_with_a_warning() {
    let files = [
        ("a.idl", "#include \"b.idl\"\nstruct A {};\n"),
        ("b.idl", "#include \"a.idl\"\nstruct B {};\n"),
    ];
    let r = run_with(
        "#include \"a.idl\"\n",
        &files,
        &PreprocessOptions::default(),
    );
    assert_eq!(
        r.messages(),
        ["warning b.idl:1:10: skipping recursive `#include` of `a.idl`"]
    );
    assert_eq!(r.only_snippet(), "\"a.idl\"");
    assert_eq!(
        r.only().notes,
        ["include chain: `a.idl` -> `b.idl` -> `a.idl`"]
    );
    assert_eq!(r.text(), "struct B {};\nstruct A {};\n");
    assert!(!r.unit.fatal);

    let r = run("#include \"main.idl\"\nx\n");
    assert_eq!(
        r.messages(),
        ["warning main.idl:1:10: skipping recursive `#include` of `main.idl`"]
    );
    assert_eq!(r.text(), "x\n");
}

#[test]
fn a_missing_file_is_reported_and_the_rest_goes_on() {
    let r = run_src("#include <Components.idl>\nstruct S {};\n", &[]);
    assert_eq!(
        r.messages(),
        ["error src/main.idl:1:10: cannot find include file `Components.idl`"]
    );
    assert_eq!(r.only_snippet(), "<Components.idl>");
    assert_eq!(r.only().notes, ["looked in `inc1`, `inc2`, `src`"]);
    assert_eq!(r.only().help, ["add the folder that holds it with `-I`"]);
    assert_eq!(r.text(), "struct S {};\n");
    assert!(!r.unit.fatal);

    let r = run("#include \"x.idl\"\n");
    assert_eq!(r.only().notes, ["looked in `.`"]);
}

#[test]
fn includes_nest_at_most_64_deep() {
    let names: Vec<String> = (0..70).map(|i| format!("f{i}.idl")).collect();
    let texts: Vec<String> = (0..70)
        .map(|i| format!("#include \"f{}.idl\"\nf{i}\n", i + 1))
        .collect();
    let files: Vec<(&str, &str)> = names
        .iter()
        .zip(&texts)
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let r = run_with(
        "#include \"f0.idl\"\n",
        &files,
        &PreprocessOptions::default(),
    );
    assert_eq!(
        r.messages(),
        ["error f62.idl:1:10: `#include` nested too deeply"]
    );
    assert_eq!(r.unit.files.len(), 64);
    assert!(r.text().starts_with("f62\nf61\n"));
}

#[test]
fn a_macro_can_name_the_file() {
    let files = [("x.idl", "x\n"), ("y.idl", "y\n")];
    let opts = options(&[], &[("Y", Some("<y.idl>"))]);
    let r = run_with(
        "#define X \"x.idl\"\n#include X\n#include Y\n",
        &files,
        &opts,
    );
    r.assert_clean();
    assert_eq!(r.text(), "x\ny\n");
    let r = run_with("#define X \"x.idl\" 2\n#include X\n", &files, &opts);
    assert_eq!(
        r.messages(),
        ["error main.idl:2:10: macro `X` expands to more than a file name"]
    );
}

#[test]
fn malformed_includes() {
    let files = [("a.idl", "a\n")];
    let cases = [
        (
            "#include\n",
            "error main.idl:1:9: expected `\"file\"` or `<file>` after `#include`, found end of line",
        ),
        (
            "#include a.idl\n",
            "error main.idl:1:10: expected `\"file\"` or `<file>` after `#include`, found `a`",
        ),
        (
            "#include <a.idl\n",
            "error main.idl:1:10: missing `>` after `#include <…`",
        ),
        (
            "#include \"a.idl\n",
            "error main.idl:1:10: unterminated string literal",
        ),
        (
            "#include \"\"\n",
            "error main.idl:1:10: empty file name in `#include`",
        ),
        (
            "#include \"a.idl\" junk\n",
            "error main.idl:1:18: extra tokens after `#include`",
        ),
    ];
    for (src, expected) in cases {
        let r = run_with(src, &files, &PreprocessOptions::default());
        assert_eq!(r.messages(), [expected], "{src:?}");
        assert!(!r.unit.fatal, "{src:?}");
    }
    // With extra tokens the file is still included.
    let r = run_with(
        "#include \"a.idl\" junk\n",
        &files,
        &PreprocessOptions::default(),
    );
    assert_eq!(r.text(), "a\n");
}

#[test]
fn include_dirs_are_normalized() {
    let files = [("inc/x.idl", "x\n")];
    let opts = options(&["./inc/", "other/../inc"], &[]);
    let r = run_loader("main.idl", b"#include <x.idl>\n", &loader(&files), &opts);
    r.assert_clean();
    assert_eq!(r.text(), "x\n");
}

#[test]
fn absolute_names_are_used_as_they_are() {
    let files = [("/abs/x.idl", "x\n")];
    let opts = options(&["inc"], &[]);
    let r = run_loader(
        "main.idl",
        b"#include \"/abs/x.idl\"\n",
        &loader(&files),
        &opts,
    );
    r.assert_clean();
    assert_eq!(r.text(), "x\n");
}

#[test]
fn includes_in_skipped_groups_are_not_read() {
    let r = run("#ifdef ABNORMAL\n#include \"abnormal.idl\"\n#endif\n");
    r.assert_clean();
    assert_eq!(r.unit.files.len(), 1);
}

#[test]
fn an_unreadable_file_is_an_error() {
    struct Broken;
    impl SourceLoader for Broken {
        fn load(&self, _: &std::path::Path) -> std::io::Result<Vec<u8>> {
            Err(std::io::Error::other("disk on fire"))
        }
        fn exists(&self, _: &std::path::Path) -> bool {
            true
        }
    }
    let r = run_loader(
        "main.idl",
        b"#include \"a.idl\"\n",
        &Broken,
        &PreprocessOptions::default(),
    );
    assert_eq!(
        r.messages(),
        ["error main.idl:1:10: cannot read include file `a.idl`: disk on fire"]
    );
}
