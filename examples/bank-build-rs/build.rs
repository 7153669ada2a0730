//! Generates the bank's Rust code from `../idl/bank.idl` into `$OUT_DIR/bank.rs`, where
//! `orbit::include_idl!("bank")` finds it. Cargo runs this again only when the IDL changes.

fn main() {
    orbit_codegen::compile(&["../idl/bank.idl"], &["../idl"]).unwrap();
}
