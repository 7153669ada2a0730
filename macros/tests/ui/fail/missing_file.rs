orbit::idl!("tests/ui/idl/does_not_exist.idl");

fn main() {}
