//! Parses every `.idl` file of the shared real-world corpus and checks that the grammar accepts
//! them all, except the few listed in [`EXPECTED_SYNTAX_ERRORS`].
//!
//! This branch has no real preprocessor, so the test blanks every directive line (`#include`,
//! `#if`, `#pragma`, …) itself, keeping line numbers. Both branches of an `#if` are therefore
//! parsed; where that yields text no preprocessor would produce, the file is listed below with the
//! reason. A missing `#include`d definition is not a syntax matter, so no file fails for that.

use super::test_util::parse_with_diagnostics;
use crate::test_corpus::{corpus_dir, idl_files};

/// Files with diagnostics once their directive lines are blanked: the exact diagnostics
/// (`line:column message`) and why. Each must still produce exactly these, so the list stays honest.
const EXPECTED_DIAGNOSTICS: &[(&str, &[&str], &str)] = &[
    (
        "orbit2/test/inhibit/baa.idl",
        &["4:1 expected definition, found `%`"],
        "a libIDL `%{ … %}` pass-through block inside `#ifdef __ORBIT_IDL__`, which a \
         preprocessor without that macro removes (not a syntax error of the file)",
    ),
    (
        "tao-master/TAO/tests/IDLv4/TestIDLv4.idl",
        &["96:22 character literal may only contain one character"],
        "a known TAO quirk: `@kkll(mm = 3, nn = 'oo')` has a two-character char literal, which \
         is a literal error, not a syntax error; the rest of the file is built",
    ),
];

/// `text` with every preprocessor directive line (and its `\` continuations) blanked.
fn strip_directives(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut continued = false;
    for line in text.split_inclusive('\n') {
        let directive = continued || line.trim_start().starts_with('#');
        if directive {
            continued = line.trim_end_matches(['\n', '\r']).ends_with('\\');
            out.extend(line.chars().filter(|c| *c == '\n'));
        } else {
            out.push_str(line);
        }
    }
    out
}

#[test]
fn every_corpus_file_parses() {
    let Some(root) = corpus_dir("every_corpus_file_parses") else {
        return;
    };
    let root = root.as_path();
    let files = idl_files(root);
    assert!(!files.is_empty(), "no .idl files under {}", root.display());
    let mut unexpected = Vec::new();
    let mut passed = 0;
    for path in &files {
        let relative = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(path).unwrap_or_default();
        let text = strip_directives(&String::from_utf8_lossy(&bytes));
        let (spec, errors) = parse_with_diagnostics(&text);
        let expected: &[&str] = EXPECTED_DIAGNOSTICS
            .iter()
            .find(|(f, ..)| *f == relative)
            .map_or(&[], |(_, diagnostics, _)| diagnostics);
        if spec.is_some() && errors.is_empty() {
            passed += 1;
        }
        if errors != expected {
            unexpected.push(format!("{relative}: {}", errors.join("; ")));
        }
    }
    println!(
        "corpus: {passed} of {} files parse without any diagnostic",
        files.len()
    );
    assert!(
        unexpected.is_empty(),
        "corpus failures:\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn directive_lines_are_blanked_keeping_lines() {
    let text = "#include <a.idl>\n  # pragma x \\\n  more\nmodule M {};\n";
    assert_eq!(strip_directives(text), "\n\n\nmodule M {};\n");
}

/// A small deterministic generator (xorshift), so the mutations are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces worth inserting: brackets, quotes, comment and literal starters, keywords.
const PIECES: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    ">>",
    "[",
    "]",
    ";",
    ",",
    ":",
    "::",
    "@",
    "'",
    "\"",
    "L'",
    "L\"",
    "/*",
    "*/",
    "//",
    "\\",
    "0x",
    ".",
    "1e",
    "14.5d",
    "_",
    "-",
    "~",
    "module",
    "struct",
    "interface",
    "sequence<",
    "case",
    "default:",
    "@annotation",
    "valuetype",
    "\u{e9}",
    "\n",
];

/// How many mutations of each corpus file [`mutated_corpus_files_never_panic`] parses.
const MUTATIONS: usize = 20;

/// Mutated corpus files must never make the parser panic; they may be rejected.
#[test]
fn mutated_corpus_files_never_panic() {
    let Some(root) = corpus_dir("mutated_corpus_files_never_panic") else {
        return;
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for path in idl_files(&root) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = strip_directives(&String::from_utf8_lossy(&bytes));
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..MUTATIONS {
            let mut mutated = chars.clone();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(mutated.len() + 1);
                match rng.below(3) {
                    0 => {
                        let end = (at + 1 + rng.below(40)).min(mutated.len());
                        mutated.drain(at.min(end)..end);
                    }
                    1 => {
                        let piece = PIECES[rng.below(PIECES.len())];
                        for (i, c) in piece.chars().enumerate() {
                            mutated.insert((at + i).min(mutated.len()), c);
                        }
                    }
                    _ => {
                        let end = (at + rng.below(60)).min(mutated.len());
                        let copy: Vec<char> = mutated[at.min(end)..end].to_vec();
                        let to = rng.below(mutated.len() + 1);
                        for (i, c) in copy.into_iter().enumerate() {
                            mutated.insert((to + i).min(mutated.len()), c);
                        }
                    }
                }
            }
            let mutated: String = mutated.into_iter().collect();
            let _ = parse_with_diagnostics(&mutated);
        }
    }
}
