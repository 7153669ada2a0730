//! Generates the suite's proxies and skeletons from `idl/conformance.idl`, the way a user's
//! build script does.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    orbit_codegen::configure().compile(&["idl/conformance.idl"], &["idl"])?;
    Ok(())
}
