//! Helpers shared by the `.proto` tests: running the front end and the generator, and compiling
//! the emitted files with protox (a protobuf compiler in Rust, so no `protoc` is needed).

#![allow(dead_code, unreachable_pub)]

use std::path::Path;

use orbit_codegen::proto::{self, ProtoFile};
use orbit_idl::{Compilation, Frontend};
use protox::file::{File, FileResolver};

/// Emitted files held in memory, for protox.
struct InMemory(Vec<ProtoFile>);

impl FileResolver for InMemory {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        match self.0.iter().find(|f| f.name == name) {
            Some(f) => File::from_source(&f.name, &f.content),
            None => Err(protox::Error::file_not_found(name)),
        }
    }
}

/// Compiles every file with protox; the error names the file and what protox said.
pub fn protox_check(files: &[ProtoFile]) -> Result<prost_types::FileDescriptorSet, String> {
    let mut compiler = protox::Compiler::with_file_resolver(InMemory(files.to_vec()));
    compiler.include_imports(true);
    for file in files {
        compiler
            .open_file(&file.name)
            .map_err(|e| format!("{}: {e:?}\n{}", file.name, file.content))?;
    }
    Ok(compiler.file_descriptor_set())
}

/// Runs the front end on `path` (its folder is an include folder), asserting it checks clean.
pub fn compile_file(path: &Path) -> Compilation {
    let mut frontend = Frontend::new();
    if let Some(dir) = path.parent() {
        frontend.include_dir(dir);
    }
    let compilation = frontend.compile_file(path);
    assert!(
        !compilation.diagnostics.has_errors(),
        "{}",
        compilation.render_diagnostics()
    );
    compilation
}

/// The `.proto` files of a checked compilation, panicking with the rendered diagnostics.
pub fn generate(compilation: &Compilation) -> Vec<ProtoFile> {
    let model = compilation.model.as_ref().expect("a model");
    proto::generate(model).unwrap_or_else(|d| panic!("{}", d.render(&compilation.sources)))
}

/// All files as one text, each under a `// ==== name ====` line, for snapshots.
pub fn joined(files: &[ProtoFile]) -> String {
    files
        .iter()
        .map(|f| format!("// ==== {} ====\n{}", f.name, f.content))
        .collect::<Vec<_>>()
        .join("\n")
}
