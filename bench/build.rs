//! Builds the tonic row of the RPC benchmark from Orbit's own `.proto`: the benchmark IDL
//! (`idl/bench.idl`) goes through Orbit's generator (the build.rs API, as a user's build script
//! runs it), which writes `OUT_DIR/bench.rs` (Orbit's Rust, for the Orbit rows) and the `.proto`
//! files into `OUT_DIR/proto`; protox compiles those (no `protoc`) and tonic-prost-build
//! generates the gRPC client and server from the descriptors, into `OUT_DIR/tonic/bench.rs` (a
//! folder of its own: prost names its file after the package, which would overwrite Orbit's). So the
//! tonic row also shows that gRPC reads the `.proto` Orbit emits.

use std::{env, fs, path::PathBuf};

/// The benchmark's IDL.
const IDL: &str = "idl/bench.idl";

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let proto_dir = out.join("proto");
    orbit_codegen::configure()
        .protos(true)
        .proto_out_dir(&proto_dir)
        .compile(&[IDL], &["idl"])
        .unwrap_or_else(|e| panic!("orbit-codegen failed on {IDL}: {e}"));

    let mut protos: Vec<String> = fs::read_dir(&proto_dir)
        .expect("orbit-codegen wrote the .proto folder")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(".proto").then_some(name)
        })
        .collect();
    protos.sort();
    let descriptors = protox::compile(&protos, [&proto_dir])
        .unwrap_or_else(|e| panic!("protox refused the .proto Orbit emitted: {e:?}"));
    let tonic_dir = out.join("tonic");
    fs::create_dir_all(&tonic_dir).expect("OUT_DIR is writable");
    tonic_prost_build::configure()
        .out_dir(&tonic_dir)
        .build_client(true)
        .build_server(true)
        .build_transport(false)
        // `sequence<octet>` as `bytes::Bytes`, as Orbit's own types hold it: no copy on decode.
        .bytes(".")
        .compile_fds(descriptors)
        .unwrap_or_else(|e| panic!("tonic-prost-build failed: {e}"));
}
