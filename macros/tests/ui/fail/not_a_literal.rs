const PATH: &str = "tests/ui/idl/bank.idl";

orbit::idl!(PATH);

fn main() {}
