orbit::idl!("tests/ui/idl/unknown_type.idl");

fn main() {}
