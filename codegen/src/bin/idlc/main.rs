//! `idlc`: the Orbit IDL compiler.

fn main() {}
