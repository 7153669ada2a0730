//! Every byte of the unit maps back to its source; large inputs go through in one piece.

use super::*;
use crate::source::{FileId, Span};

#[test]
fn every_byte_maps_back_to_its_file_offset() {
    let inc = "// inc\r\nstruct Inc { long v[N]; };\n#pragma prefix \"x\"\ntypedef long T;"; // no final newline
    let root = "\
#ifndef GUARD
#define GUARD
#define N 16
/** doc */
#include \"inc.idl\"
#if N > 8
module M { const long C = N; };
#else
skipped
#endif
const string s = \"N\";
#endif
";
    let r = run_with(root, &[("inc.idl", inc)], &PreprocessOptions::default());
    r.assert_clean();
    let expected = "/** doc */\n// inc\r\nstruct Inc { long v[16]; };\ntypedef long T;\nmodule M { const long C = 16; };\nconst string s = \"N\";\n";
    assert_eq!(r.text(), expected);
    let (main, inc_id) = (r.unit.files[0], r.unit.files[1]);
    let unit = r.text().as_bytes();
    let mut expansions = 0;
    for (offset, &byte) in unit.iter().enumerate() {
        let (file, at) = r.unit.map.locate(offset);
        let source = r.sources.file(file).text.as_bytes();
        if r.unit.map.is_expansion(offset) {
            // Expansion text maps to the use of `N`.
            assert_eq!(source.get(at as usize), Some(&b'N'), "offset {offset}");
            assert_eq!(r.unit.map.span(offset..offset + 1).end - at, 1);
            expansions += 1;
        } else if let Some(&original) = source.get(at as usize) {
            assert_eq!(original, byte, "offset {offset} -> {file:?}:{at}");
        } else {
            // The newline added after the include's last line maps to its end.
            assert_eq!((file, at as usize, byte), (inc_id, inc.len(), b'\n'));
        }
    }
    assert_eq!(expansions, 4);
    // Spot checks through line and column.
    let struct_inc = r.text().find("struct Inc").unwrap_or_default();
    let span = r.unit.map.span(struct_inc..struct_inc + 10);
    assert_eq!(span.file, inc_id);
    assert_eq!(r.sources.line_col(span), (2, 1));
    let module = r.text().find("module").unwrap_or_default();
    let span = r.unit.map.span(module..module + 6);
    assert_eq!((span.file, r.sources.line_col(span)), (main, (7, 1)));
    let c = r.text().find("= 16").unwrap_or_default() + 2;
    let use_site = root.find("C = N").unwrap_or_default() + 4;
    assert_eq!(
        r.unit.map.span(c..c + 2),
        Span::new(main, use_site..use_site + 1)
    );
    assert_eq!(r.sources.snippet(r.unit.map.span(c..c + 2)), "N");
}

#[test]
fn a_large_file_is_copied_in_one_piece() {
    let mut src = String::with_capacity(1 << 20);
    src.push_str("#ifndef LARGE_IDL\n#define LARGE_IDL\n");
    let mut i = 0;
    while src.len() < 1 << 20 {
        src.push_str(&format!(
            "/* item {i} */ struct S{i} {{ long a; string<32> b; sequence<octet> c; }}; // x\n"
        ));
        i += 1;
    }
    src.push_str("#endif\n");
    let r = run(&src);
    r.assert_clean();
    let body = &src[src.find("/*").unwrap_or_default()..src.len() - "#endif\n".len()];
    assert_eq!(r.text(), body);
    assert_eq!(r.unit.map.segment_count(), 1);
    assert_eq!(r.unit.map.locate(0), (FileId(0), 36));
}

/// Throughput on 8 MB of typical IDL, with and without a macro defined (so identifiers are
/// checked against the table). Prints MB/s; run with
/// `cargo test --release -p orbit-idl throughput -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check"]
fn throughput() {
    let mut body = String::new();
    let mut i = 0;
    while body.len() < 8 << 20 {
        body.push_str(&format!(
            "  /// Item {i}.\n  struct Item{i} {{\n    long id; // the key\n    string<64> name;\n    sequence<octet> payload;\n  }};\n"
        ));
        i += 1;
    }
    for (label, src) in [
        ("no macros", format!("module M {{\n{body}}};\n")),
        (
            "include guard",
            format!("#ifndef M_IDL\n#define M_IDL\nmodule M {{\n{body}}};\n#endif\n"),
        ),
    ] {
        let mut sources = crate::source::SourceMap::new();
        let root = sources.add("main.idl", src.clone());
        let mut diagnostics = Diagnostics::new();
        let loader = MemoryLoader::new();
        let start = std::time::Instant::now();
        let unit = preprocess(
            root,
            &mut sources,
            &PreprocessOptions::default(),
            &loader,
            &mut diagnostics,
        );
        let seconds = start.elapsed().as_secs_f64();
        assert!(diagnostics.is_empty() && unit.text.len() > src.len() / 2);
        println!("{label}: {:.0} MB/s", src.len() as f64 / seconds / 1e6);
    }
}
