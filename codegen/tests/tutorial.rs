//! Keeps the tutorial of the crate documentation true: its IDL compiles, its error output is
//! what a build prints, and its excerpts are really taken from the bank example.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

const DOCS: &str = include_str!("../src/lib.rs");
const EXAMPLE_IDL: &str = include_str!("../../examples/idl/bank.idl");
const EXAMPLE_MAIN: &str = include_str!("../../examples/bank-build-rs/src/main.rs");

/// The code blocks of the crate docs with their info string (`idl`, `ignore`, …), in order.
fn blocks() -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in DOCS.lines().filter_map(|l| l.strip_prefix("//!")) {
        let line = line.strip_prefix(' ').unwrap_or(line);
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.to_owned(), String::new())),
            (Some(_), Some(_)) => blocks.extend(current.take()),
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

fn block(info: &str, containing: &str) -> String {
    blocks()
        .into_iter()
        .find(|(i, text)| i == info && text.contains(containing))
        .map(|(_, text)| text)
        .unwrap_or_else(|| panic!("no ```{info} block with `{containing}` in the crate docs"))
}

/// Asserts that the lines of `excerpt` (trimmed, except blank ones and `// …` elisions) appear
/// in `source` in the same order.
fn assert_excerpt(excerpt: &str, source: &str, skip: &[&str]) {
    let mut lines = source.lines().map(str::trim);
    for line in excerpt.lines().map(str::trim) {
        if line.is_empty() || line == "// …" || skip.iter().any(|s| line.starts_with(s)) {
            continue;
        }
        assert!(
            lines.any(|l| l == line),
            "`{line}` is not in the source (in this order)"
        );
    }
}

/// A folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("orbit-tutorial-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(path.join("idl")).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs `idlc rust -I idl -o out idl/bank.idl` in `dir`; returns the status and stderr.
fn idlc_rust(dir: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_idlc"))
        .args(["rust", "-I", "idl", "-o", "out", "idl/bank.idl"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_tutorial_idl_is_an_excerpt_of_the_example_and_generates_what_it_says() {
    let idl = block("idl", "interface Bank");
    assert_excerpt(&idl, EXAMPLE_IDL, &[]);

    let dir = TempDir::new("good");
    fs::write(dir.0.join("idl/bank.idl"), &idl).unwrap();
    let (code, stderr) = idlc_rust(&dir.0);
    assert_eq!(code, Some(0), "{stderr}");
    let rust = fs::read_to_string(dir.0.join("out/bank.rs")).unwrap();
    for item in [
        "pub mod finance",
        "pub type Cents",
        "pub struct InsufficientFunds",
        "pub enum Currency",
        // The interface's items are listings of the runtime's macros.
        "pub trait Account",
        "AccountProxy: Account = \"Finance::Account\"",
        "AccountServer: Account = \"Finance::Account\"",
        "AccountWithdrawError = \"Account::withdraw\"",
        "client __account_wire",
    ] {
        assert!(rust.contains(item), "no `{item}` in:\n{rust}");
    }
}

#[test]
fn the_tutorial_shows_the_errors_a_build_prints() {
    let idl = block("idl", "interface Bank");
    let broken = idl.replace("Cents requested;", "Cents requested");
    assert_ne!(broken, idl);
    let dir = TempDir::new("broken");
    fs::write(dir.0.join("idl/bank.idl"), broken).unwrap();
    let (code, stderr) = idlc_rust(&dir.0);
    assert_eq!(code, Some(1));
    // `idlc rust` renders like the build.rs API: the same emitter and summary line.
    let shown = block("text", "could not compile `idl/bank.idl`");
    assert_eq!(
        stderr, shown,
        "the docs show:\n{shown}\nidlc printed:\n{stderr}"
    );
}

#[test]
fn the_tutorial_rust_is_an_excerpt_of_the_bank_example() {
    let rust = block("ignore", "orbit::include_idl!(\"bank\")");
    assert_excerpt(&rust, EXAMPLE_MAIN, &["// `ignore`"]);
}
