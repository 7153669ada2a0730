//! Generates the Rust of `idl/bank.idl` into `OUT_DIR/bank.rs` with the build.rs API, as a
//! user's build script does.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    orbit_codegen::configure().compile(&["idl/bank.idl"], &["idl"])?;
    Ok(())
}
