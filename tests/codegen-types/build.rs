//! Generates the Rust of `idl/all_types.idl` into `OUT_DIR/all_types.rs` with the build.rs API, as a
//! user's build script does.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    orbit_codegen::configure().compile(&["idl/all_types.idl"], &["idl"])?;
    Ok(())
}
