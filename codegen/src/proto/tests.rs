//! The emitted text of small schemas, and the diagnostics of constructs with no mapping.

use orbit_idl::Frontend;

use super::*;

/// The files emitted for `idl`, as `(name, content)`.
fn emit(idl: &str) -> Vec<(String, String)> {
    let compilation = Frontend::new().compile_source("t.idl", idl);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    let model = compilation.model.expect("a model");
    match generate(&model) {
        Ok(files) => files.into_iter().map(|f| (f.name, f.content)).collect(),
        Err(d) => panic!("{}", d.render(&compilation.sources)),
    }
}

#[test]
fn smoke() {
    for (name, content) in emit(include_str!("../../../examples/idl/bank.idl")) {
        println!("==== {name}\n{content}");
    }
}
