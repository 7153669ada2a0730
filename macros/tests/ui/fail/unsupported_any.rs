orbit::idl!("tests/ui/idl/uses_any.idl");

fn main() {}
