orbit::idl!("tests/ui/idl/bank.idl", includes = ["tests/ui/idl/common"]);

fn main() {}
