//! [`include_idl!`](crate::include_idl): the code a build script generated from IDL.

/// Includes the Rust code that `orbit-codegen` generated from an IDL file in the crate's build
/// script.
///
/// `include_idl!("bank")` stands for the items of `$OUT_DIR/bank.rs`, the file
/// `orbit_codegen::compile` (or `configure().compile(…)`) writes for `bank.idl`: the name is
/// the IDL file's name without its extension. Use it where the generated items should live —
/// at the crate root, or inside a module of your own. Generated code refers to other generated
/// items with relative paths and to this crate as `::orbit`, so either place works.
///
/// # Examples
///
/// With `idl/bank.idl` declaring `module Finance { … }`, the build script
///
/// ```ignore
/// // build.rs
/// fn main() {
///     orbit_codegen::compile(&["idl/bank.idl"], &["idl"]).unwrap();
/// }
/// ```
///
/// lets the crate write
///
/// ```ignore
/// // `ignore`: `OUT_DIR` exists only in a crate with a build script, which doctests are not.
/// mod bank {
///     orbit::include_idl!("bank");
/// }
///
/// use bank::finance::{AccountProxy, Movement};
/// ```
///
/// The `orbit-codegen` crate documentation walks through a whole example.
#[macro_export]
macro_rules! include_idl {
    ($name:literal $(,)?) => {
        ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/", $name, ".rs"));
    };
}
