//! Generates the Rust of `idl/calculator.idl` into `OUT_DIR`, brought in by
//! `orbit::include_idl!("calculator")`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    orbit_codegen::configure().compile(&["idl/calculator.idl"], &["idl"])?;
    Ok(())
}
