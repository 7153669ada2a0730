//! Snapshots of the `.proto` files emitted for the representative IDL files in `tests/idl/`,
//! each also compiled with protox so a snapshot can only hold valid proto3.
//!
//! Review changes with `cargo insta review` (or set `INSTA_UPDATE=always` and read the diff).

mod common;

use std::path::Path;

#[test]
fn proto_snapshots() {
    insta::glob!("idl/*.idl", |path| {
        let files = emitted(path);
        insta::assert_snapshot!(common::joined(&files));
    });
}

fn emitted(path: &Path) -> Vec<orbit_codegen::proto::ProtoFile> {
    let compilation = common::compile_file(path);
    let files = common::generate(&compilation);
    if let Err(error) = common::protox_check(&files) {
        panic!("protox refused the files of {}: {error}", path.display());
    }
    files
}

#[test]
fn output_is_the_same_on_every_run() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idl/interfaces.idl");
    let first = emitted(&path);
    for _ in 0..3 {
        assert_eq!(emitted(&path), first);
    }
}
