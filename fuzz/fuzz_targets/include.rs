//! Arbitrary bytes as a file `#include`d between two well-formed parts of a root file (and
//! twice, to go through include-guard and repeat handling), so that positions are mapped back
//! across files and diagnostics point into the included one.

#![no_main]

use libfuzzer_sys::fuzz_target;
use orbit_fuzz::render_everything;
use orbit_idl::{Frontend, preprocess::MemoryLoader};
use std::path::Path;

const ROOT: &str = "\
module Before { const long N = 3; typedef sequence<long, N> Longs; };
#include \"input.idl\"
module After { struct S { Before::Longs items; }; };
#include <input.idl>
";

fuzz_target!(|data: &[u8]| {
    let loader = MemoryLoader::new()
        .with("root.idl", ROOT.as_bytes())
        .with("input.idl", data);
    let compilation = Frontend::new().compile_file_with(Path::new("root.idl"), &loader);
    render_everything(&compilation, "root.idl");
});
