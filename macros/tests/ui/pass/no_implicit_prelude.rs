// Generated code names everything by absolute path, so it needs nothing in scope: not even
// the prelude.
#![no_implicit_prelude]

::orbit::idl!("tests/ui/idl/data.idl");
::orbit::idl!("tests/ui/idl/bank.idl");

fn main() {}
