//! UI tests of `orbit::idl!`: what users see when an IDL file is missing, wrong or uses a
//! construct without a Rust mapping, and that a good file expands to code that compiles.
//!
//! The `.stderr` files hold rustc's exact output and are pinned to one toolchain: on another
//! one the test says so and does not run. Regenerate them with `TRYBUILD=overwrite` and review
//! the diff.
//!
//! trybuild compiles each case in a crate of its own under
//! `<target>/tests/trybuild/orbit-macros/`, which is that crate's `CARGO_MANIFEST_DIR`; the IDL
//! files the cases name are copied there first, so the cases read them exactly as a user's
//! crate reads its own.

use std::{
    fs, io,
    path::{Path, PathBuf},
    process::Command,
};

/// The toolchain the `.stderr` files were written with.
const PINNED_RUSTC: &str = "rustc 1.95.";

#[test]
fn ui() {
    let version = rustc_version();
    if !version.starts_with(PINNED_RUSTC) {
        eprintln!(
            "SKIPPED: the UI expectations are pinned to `{PINNED_RUSTC}*`, this is `{}`",
            version.trim()
        );
        return;
    }
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the temporary folder is inside the target folder");
    let idl = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/idl");
    let project = target.join("tests/trybuild/orbit-macros/tests/ui/idl");
    copy_dir(&idl, &project).expect("the IDL files of the UI cases can be copied");

    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/fail/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}

/// `rustc --version`, of the rustc Cargo uses.
fn rustc_version() -> String {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc)
        .arg("--version")
        .output()
        .expect("rustc runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Copies the files under `from` to `to`, replacing what is there.
fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
