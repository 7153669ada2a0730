//! [`Builder`]: the options of a build script's IDL compilation, and
//! [`compile`](Builder::compile).

use std::{
    collections::HashSet,
    env,
    ffi::OsString,
    io::{self, Write},
    path::{Path, PathBuf},
};

use codespan_reporting::term::termcolor::NoColor;
use orbit_idl::{Frontend, Severity};

use super::{
    attributes::TypeAttribute,
    error::CompileError,
    generate::{Generated, Targets, generate_with},
    output::{Outputs, rust_file_names},
};
use crate::{diagnostics::Emitter, rust::RustOptions};

/// Compiles IDL files to Rust (and optionally `.proto`) from a build script.
///
/// Made by [`configure`](crate::configure); every setter takes `&mut self` and returns it, so
/// options chain, and [`compile`](Builder::compile) ends the chain:
///
/// ```no_run
/// // In `fn main` of `build.rs`. `no_run`: compiling writes to `OUT_DIR`, which only Cargo
/// // sets, for build scripts.
/// orbit_codegen::configure()
///     .client(true)
///     .server(false)
///     .define("WITH_AUDIT", None)
///     .compile(&["idl/bank.idl"], &["idl"])
///     .unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    include_dirs: Vec<PathBuf>,
    defines: Vec<(String, Option<String>)>,
    out_dir: Option<PathBuf>,
    proto_out_dir: Option<PathBuf>,
    client: bool,
    server: bool,
    runtime_path: String,
    emit_rerun_if_changed: bool,
    protos: bool,
    type_attributes: Vec<(String, String)>,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// The default options: client and server code, the runtime at `::orbit`, output in
    /// `OUT_DIR`, `cargo:rerun-if-changed` lines, no `.proto` files.
    pub fn new() -> Self {
        Builder {
            include_dirs: Vec::new(),
            defines: Vec::new(),
            out_dir: None,
            proto_out_dir: None,
            client: true,
            server: true,
            runtime_path: "::orbit".to_owned(),
            emit_rerun_if_changed: true,
            protos: false,
            type_attributes: Vec::new(),
        }
    }

    /// Adds a folder to search for `#include`d files, after the including file's own folder
    /// and after the `includes` given to [`compile`](Builder::compile). May be called several
    /// times; folders are searched in order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.include_dir("idl/common").include_dir("vendor/omg");
    /// ```
    pub fn include_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.include_dirs.push(dir.into());
        self
    }

    /// Defines a preprocessor macro, as `-D NAME` (`value` `None`: defined as `1`) or
    /// `-D NAME=VALUE` would.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.define("WITH_AUDIT", None).define("API_LEVEL", Some("3"));
    /// ```
    pub fn define(&mut self, name: impl Into<String>, value: Option<&str>) -> &mut Self {
        self.defines.push((name.into(), value.map(str::to_owned)));
        self
    }

    /// Where the generated Rust files go. Defaults to Cargo's `OUT_DIR`, where
    /// `orbit::include_idl!` looks for them; the folder is created if needed.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.out_dir("src/generated");
    /// ```
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates the client proxy (`IProxy`) of every interface. Defaults to `true`.
    ///
    /// # Examples
    ///
    /// A server that never calls other objects:
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.client(false);
    /// ```
    pub fn client(&mut self, enable: bool) -> &mut Self {
        self.client = enable;
        self
    }

    /// Generates the server trait (`I`) and skeleton (`IServer`) of every interface. Defaults
    /// to `true`.
    ///
    /// # Examples
    ///
    /// A client only:
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.server(false);
    /// ```
    pub fn server(&mut self, enable: bool) -> &mut Self {
        self.server = enable;
        self
    }

    /// The path by which generated code reaches the `orbit` runtime crate. Defaults to
    /// `::orbit`; set it when your crate depends on a crate that re-exports `orbit` instead
    /// (generated code uses `{path}::__private`).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.runtime_path("::my_platform::orbit");
    /// ```
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = path.into();
        self
    }

    /// Prints `cargo:rerun-if-changed=PATH` for every IDL file read, `#include`d ones
    /// included, so that Cargo runs the build script again when one changes (and only then).
    /// Defaults to `true`; turn it off when the build script sets its own rerun rules, or when
    /// compiling outside a build script.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.emit_rerun_if_changed(false);
    /// ```
    pub fn emit_rerun_if_changed(&mut self, enable: bool) -> &mut Self {
        self.emit_rerun_if_changed = enable;
        self
    }

    /// Also writes the `.proto` files of the IDL (one per IDL module, see
    /// [`crate::proto`]), for clients in other languages. Defaults to `false`. They go to
    /// [`proto_out_dir`](Builder::proto_out_dir), or else to [`out_dir`](Builder::out_dir).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.protos(true);
    /// ```
    pub fn protos(&mut self, enable: bool) -> &mut Self {
        self.protos = enable;
        self
    }

    /// Where the `.proto` files go when [`protos`](Builder::protos) is on. Defaults to the
    /// folder of the Rust files.
    ///
    /// # Examples
    ///
    /// Keep them in the repository, to hand to other teams:
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder.protos(true).proto_out_dir("proto");
    /// ```
    pub fn proto_out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.proto_out_dir = Some(dir.into());
        self
    }

    /// Adds `attribute` (one or more `#[…]`) to the Rust types generated for the IDL
    /// declarations `path` names, after the attributes Orbit writes.
    ///
    /// `path` is an IDL scoped name: `Finance::Movement` names that type, `Finance` every type
    /// declared in module `Finance` (nested modules included), `::` every type. Structs,
    /// exceptions, unions, enums and bitmasks carry the attribute; typedefs, constants and
    /// interfaces do not. [`compile`](Builder::compile) refuses a path or an attribute that
    /// does not parse, and warns about a path that names no type. Generated types already
    /// derive `Debug`, `Clone`, `PartialEq`, `Default` and serde's traits.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = orbit_codegen::configure();
    /// builder
    ///     .type_attribute("Finance::Currency", "#[derive(strum::EnumIter)]")
    ///     .type_attribute("Finance", "#[allow(clippy::large_enum_variant)]");
    /// ```
    pub fn type_attribute(
        &mut self,
        path: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.type_attributes.push((path.into(), attribute.into()));
        self
    }

    /// Compiles each IDL file of `files` on its own and writes, for `x.idl`, the Rust code to
    /// `x.rs` in [`out_dir`](Builder::out_dir) (and the `.proto` files when
    /// [`protos`](Builder::protos) is on). `#include`d files are searched in the including
    /// file's folder, then in `includes`, then in the [`include_dir`](Builder::include_dir)s.
    ///
    /// Every file is compiled even when an earlier one fails, so that one build shows every
    /// problem. Files are written only when their content changes. Warnings of the front end
    /// are printed as `cargo:warning=` lines, so Cargo shows them.
    ///
    /// This is meant to be unwrapped in a build script: an error then fails the build and
    /// Cargo shows the message.
    ///
    /// # Errors
    ///
    /// * any IDL file has errors (it cannot be read, does not parse or check, or uses a
    ///   construct Orbit cannot generate): the error wraps a [`CompileError`] holding every
    ///   diagnostic rendered rustc-style, with file, line, column and source line;
    /// * two files would write the same output, `OUT_DIR` is not set and no
    ///   [`out_dir`](Builder::out_dir) was given, or an option does not parse
    ///   ([`InvalidInput`](io::ErrorKind::InvalidInput) or
    ///   [`NotFound`](io::ErrorKind::NotFound));
    /// * an output file cannot be written.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// // In `fn main` of `build.rs`. `no_run`: compiling writes to `OUT_DIR`, which only Cargo
    /// // sets, for build scripts.
    /// orbit_codegen::configure()
    ///     .protos(true)
    ///     .compile(&["idl/bank.idl", "idl/audit.idl"], &["idl/common"])
    ///     .unwrap();
    /// ```
    pub fn compile(
        &self,
        files: &[impl AsRef<Path>],
        includes: &[impl AsRef<Path>],
    ) -> io::Result<()> {
        let files: Vec<PathBuf> = files.iter().map(|f| f.as_ref().to_path_buf()).collect();
        let includes: Vec<PathBuf> = includes.iter().map(|i| i.as_ref().to_path_buf()).collect();
        self.compile_to(
            &files,
            &includes,
            env::var_os("OUT_DIR"),
            &mut io::stdout().lock(),
        )
    }

    /// [`compile`](Builder::compile), with `OUT_DIR` given and Cargo's directives written to
    /// `cargo`.
    pub(crate) fn compile_to(
        &self,
        files: &[PathBuf],
        includes: &[PathBuf],
        env_out_dir: Option<OsString>,
        cargo: &mut dyn Write,
    ) -> io::Result<()> {
        let rust_names = rust_file_names(files).map_err(invalid_input)?;
        let type_attributes = self
            .type_attributes
            .iter()
            .map(|(path, attribute)| TypeAttribute::parse(path, attribute))
            .collect::<Result<Vec<_>, _>>()
            .map_err(invalid_input)?;
        if syn::parse_str::<syn::Path>(&self.runtime_path).is_err() {
            return Err(invalid_input(format!(
                "runtime path `{}` is not a Rust path such as `::orbit`",
                self.runtime_path
            )));
        }
        let out_dir = match (&self.out_dir, env_out_dir) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) => PathBuf::from(dir),
            (None, None) => {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    "`OUT_DIR` is not set: compile from a build script, or choose the folder \
                     with `out_dir`",
                ));
            }
        };

        let frontend = self.frontend(includes);
        let targets = self.targets();
        let mut rust_outputs = Outputs::new();
        let mut proto_outputs = Outputs::new();
        let mut failed = Vec::new();
        let mut rendered = Emitter::new(NoColor::new(Vec::new()));
        let mut matched = vec![false; type_attributes.len()];
        let mut rerun = Rerun::default();
        for (path, rust_name) in files.iter().zip(&rust_names) {
            let generated = generate_with(&frontend, path, &targets, &type_attributes);
            if self.emit_rerun_if_changed {
                rerun.emit(cargo, path, &generated)?;
            }
            let name = path.display().to_string();
            if generated.has_errors() {
                let compilation = &generated.compilation;
                rendered.emit(&compilation.sources, &compilation.diagnostics)?;
                rendered.emit_summary("compile", &name, &compilation.diagnostics)?;
                failed.push(path.clone());
                continue;
            }
            warn(cargo, &generated)?;
            for (flag, found) in matched.iter_mut().zip(&generated.attributes_matched) {
                *flag |= found;
            }
            if let Some(code) = generated.rust {
                rust_outputs
                    .add(rust_name, code, path)
                    .map_err(invalid_input)?;
            }
            for proto in generated.protos {
                proto_outputs
                    .add(&proto.name, proto.content, path)
                    .map_err(invalid_input)?;
            }
        }
        rust_outputs.write(&out_dir)?;
        proto_outputs.write(self.proto_out_dir.as_deref().unwrap_or(&out_dir))?;
        if !failed.is_empty() {
            let text = String::from_utf8_lossy(&rendered.into_inner().into_inner()).into_owned();
            return Err(CompileError::new(failed, text).into());
        }
        for (attribute, found) in type_attributes.iter().zip(matched) {
            if !found {
                writeln!(
                    cargo,
                    "cargo:warning=type attribute path `{}` names no type of the IDL files",
                    attribute.path
                )?;
            }
        }
        cargo.flush()
    }

    /// The front end: `includes` first, then the builder's folders, and the macros.
    fn frontend(&self, includes: &[PathBuf]) -> Frontend {
        let mut frontend = Frontend::new();
        for dir in includes.iter().chain(&self.include_dirs) {
            frontend.include_dir(dir);
        }
        for (name, value) in &self.defines {
            frontend.define(name, value.as_deref());
        }
        frontend
    }

    fn targets(&self) -> Targets {
        Targets {
            rust: Some(RustOptions {
                runtime_path: format!("{}::__private", self.runtime_path.trim()),
                client: self.client,
                server: self.server,
            }),
            proto: self.protos,
        }
    }
}

/// The `cargo:rerun-if-changed` lines of one compile call, each path once.
#[derive(Default)]
struct Rerun {
    seen: HashSet<PathBuf>,
}

impl Rerun {
    /// Writes a line for the IDL file `path` and every file its compilation read.
    fn emit(
        &mut self,
        cargo: &mut dyn Write,
        path: &Path,
        generated: &Generated,
    ) -> io::Result<()> {
        // The root file is named even when it could not be read, so that creating it reruns.
        for file in std::iter::once(path).chain(generated.compilation.files_read()) {
            if self.seen.insert(file.to_path_buf()) {
                writeln!(cargo, "cargo:rerun-if-changed={}", file.display())?;
            }
        }
        Ok(())
    }
}

/// Prints the warnings of a file that compiled, rendered rustc-style, one `cargo:warning=` line
/// per line of text.
fn warn(cargo: &mut dyn Write, generated: &Generated) -> io::Result<()> {
    let compilation = &generated.compilation;
    let mut emitter = Emitter::new(NoColor::new(Vec::new()));
    for diagnostic in compilation
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        emitter.emit_one(&compilation.sources, diagnostic)?;
    }
    let text = emitter.into_inner().into_inner();
    for line in String::from_utf8_lossy(&text).lines() {
        writeln!(cargo, "cargo:warning={line}")?;
    }
    Ok(())
}

fn invalid_input(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}
