//! Arbitrary bytes as the root IDL file: preprocessor, parser and checker, then every
//! diagnostic renderer.

#![no_main]

use libfuzzer_sys::fuzz_target;
use orbit_fuzz::render_everything;
use orbit_idl::{Frontend, preprocess::MemoryLoader};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // Only the root file exists: every `#include` is "not found", without touching the disk.
    let loader = MemoryLoader::new().with("fuzz.idl", data);
    let mut frontend = Frontend::new();
    frontend.include_dir("inc").define("FUZZ", Some("2"));
    let compilation = frontend.compile_file_with(Path::new("fuzz.idl"), &loader);
    render_everything(&compilation, "fuzz.idl");
});
