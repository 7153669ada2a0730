//! Arbitrary input never panics, loops or blows up: a deterministic stand-in for the fuzz target,
//! feeding random mixes of the pieces that matter to the preprocessor.

use super::*;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "#",
    "# ",
    "#if",
    "#ifdef",
    "#ifndef",
    "#elif",
    "#else",
    "#endif",
    "#define",
    "#undef",
    "#include",
    "#pragma",
    "#line",
    "#error",
    "#warning",
    " defined",
    "(",
    ")",
    " A",
    " B",
    " 1",
    " 0x",
    "'",
    "\"",
    "/*",
    "*/",
    "//",
    "\\",
    "\n",
    "\r\n",
    " ",
    "\t",
    "<",
    ">",
    "a.idl",
    "?",
    ":",
    "/",
    "%",
    "-",
    "!",
    "~",
    "&&",
    "||",
    "<<",
    ">>",
    "==",
    " prefix",
    " keylist",
    " version",
    " ID",
    "::",
    ".",
    "1.2",
    "\u{fffd}",
    "é",
    "\0",
    "A B A",
    "\"a.idl\"",
    "<b.idl>",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    (0..pieces)
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect()
}

#[test]
fn random_directive_soup_never_panics() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..2000 {
        let root = random_text(&mut rng, 60);
        let a = random_text(&mut rng, 30);
        let b = random_text(&mut rng, 30);
        let files = [("a.idl", a.as_str()), ("b.idl", b.as_str())];
        let opts = options(&["."], &[("A", Some("B B")), ("B", Some("A A"))]);
        let r = run_with(&root, &files, &opts);
        check_invariants(&r);
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(12345);
    for _ in 0..2000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len)
            .map(|_| match rng.below(4) {
                0 => b"#\n\"'/*\\ "[rng.below(8)],
                _ => (rng.next() & 0xff) as u8,
            })
            .collect();
        let r = run_loader(
            "main.idl",
            &bytes,
            &MemoryLoader::new(),
            &PreprocessOptions::default(),
        );
        check_invariants(&r);
    }
}

/// Whatever the input, the unit maps back into files that exist, and copied bytes are equal to
/// their origin.
fn check_invariants(r: &Run) {
    for (offset, &byte) in r.text().as_bytes().iter().enumerate() {
        let (file, at) = r.unit.map.locate(offset);
        let source = r.sources.file(file).text.as_bytes();
        if !r.unit.map.is_expansion(offset) {
            match source.get(at as usize) {
                Some(&original) => assert_eq!(original, byte),
                None => assert_eq!(byte, b'\n'),
            }
        }
        let span = r.unit.map.span(offset..offset + 1);
        assert!(span.start <= span.end && span.end as usize <= source.len() + 1);
    }
    for diagnostic in r.diagnostics.iter() {
        if let Some(label) = &diagnostic.primary {
            let len = r.sources.file(label.span.file).text.len();
            assert!(label.span.start <= label.span.end, "{diagnostic:?}");
            assert!(label.span.end as usize <= len, "{diagnostic:?}");
        }
        // Rendering must not panic either.
        let _ = diagnostic.render(&r.sources);
    }
}

#[test]
fn deep_conditional_nesting_is_fine() {
    let src = "#if 1\n".repeat(10_000) + "x\n" + &"#endif\n".repeat(10_000);
    let r = run(&src);
    r.assert_clean();
    assert_eq!(r.text(), "x\n");
}
