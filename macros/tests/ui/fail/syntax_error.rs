orbit::idl!("tests/ui/idl/syntax_error.idl");

fn main() {}
