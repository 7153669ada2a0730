//! The command line of `idlc`, as clap types.
//!
//! Options that several subcommands share live in their own `Args` structs ([`FrontendArgs`],
//! [`ReportArgs`], [`OutputArgs`]) and are flattened into each subcommand, so `idlc rust` and
//! `idlc proto` accept the same `-I`, `-D`, `--format` and `--color` as `idlc check`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use orbit_codegen::{check::OutputFormat, diagnostics::ColorMode};
use orbit_idl::Frontend;

/// The Orbit IDL compiler.
#[derive(Debug, Parser)]
#[command(
    name = "idlc",
    version,
    propagate_version = true,
    arg_required_else_help = true
)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Preprocess, parse and check IDL files, and report every problem found.
    ///
    /// Each FILE is checked on its own. The exit status is 0 when no file has errors (warnings
    /// are allowed), 1 when some file has errors and 2 when the command line is wrong.
    Check(CheckArgs),
    /// Generate Rust code from IDL files: `x.idl` becomes `DIR/x.rs`.
    ///
    /// Each FILE is compiled on its own, with the same diagnostics and exit status as `check`.
    /// A file is rewritten only when its content changes.
    Rust(RustArgs),
    /// Generate the `.proto` files of IDL files: one per IDL module, in DIR.
    ///
    /// Each FILE is compiled on its own, with the same diagnostics and exit status as `check`.
    /// A file is rewritten only when its content changes.
    Proto(ProtoArgs),
}

/// `idlc check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Preprocessor options.
    #[command(flatten)]
    pub(crate) frontend: FrontendArgs,
    /// Output options.
    #[command(flatten)]
    pub(crate) report: ReportArgs,
    /// The IDL files to check.
    #[arg(value_name = "FILE", required = true)]
    pub(crate) files: Vec<PathBuf>,
}

/// `idlc rust`.
#[derive(Debug, Args)]
pub(crate) struct RustArgs {
    /// Preprocessor options.
    #[command(flatten)]
    pub(crate) frontend: FrontendArgs,
    /// Output options.
    #[command(flatten)]
    pub(crate) report: ReportArgs,
    /// Where to write.
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// Leave out client proxies' calls (the proxy types stay: they are the type of references).
    #[arg(long)]
    pub(crate) no_client: bool,
    /// Leave out server traits' skeletons.
    #[arg(long)]
    pub(crate) no_server: bool,
    /// The path by which generated code reaches the `orbit` crate.
    #[arg(long, value_name = "PATH", default_value = "::orbit", value_parser = parse_rust_path)]
    pub(crate) runtime_path: String,
    /// The IDL files to compile.
    #[arg(value_name = "FILE", required = true)]
    pub(crate) files: Vec<PathBuf>,
}

/// `idlc proto`.
#[derive(Debug, Args)]
pub(crate) struct ProtoArgs {
    /// Preprocessor options.
    #[command(flatten)]
    pub(crate) frontend: FrontendArgs,
    /// Output options.
    #[command(flatten)]
    pub(crate) report: ReportArgs,
    /// Where to write.
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// The IDL files to compile.
    #[arg(value_name = "FILE", required = true)]
    pub(crate) files: Vec<PathBuf>,
}

/// Where generated files go.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Write the generated files into DIR (created if needed).
    #[arg(short = 'o', long = "out-dir", value_name = "DIR", required = true)]
    pub(crate) out_dir: PathBuf,
}

/// How the front end reads files: include folders and macros.
#[derive(Debug, Args)]
pub(crate) struct FrontendArgs {
    /// Search DIR for `#include`d files, after the including file's own folder (repeatable).
    #[arg(short = 'I', long = "include-dir", value_name = "DIR")]
    pub(crate) include_dirs: Vec<PathBuf>,
    /// Define the macro NAME as 1, or as VALUE (repeatable).
    #[arg(short = 'D', long = "define", value_name = "NAME[=VALUE]", value_parser = parse_define)]
    pub(crate) defines: Vec<Define>,
}

impl FrontendArgs {
    /// A front end with these include folders and macros.
    pub(crate) fn frontend(&self) -> Frontend {
        let mut frontend = Frontend::new();
        for dir in &self.include_dirs {
            frontend.include_dir(dir);
        }
        for define in &self.defines {
            frontend.define(&define.name, define.value.as_deref());
        }
        frontend
    }
}

/// How diagnostics are written.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// `human`: rustc-style on standard error; `json`: one object per line on standard output.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = FormatArg::Human)]
    pub(crate) format: FormatArg,
    /// Colour human output: `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub(crate) color: ColorArg,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// rustc-style diagnostics on standard error.
    Human,
    /// One JSON object per diagnostic and line on standard output.
    Json,
}

impl From<FormatArg> for OutputFormat {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Human => OutputFormat::Human,
            FormatArg::Json => OutputFormat::Json,
        }
    }
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorArg {
    /// Colour when standard error is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl From<ColorArg> for ColorMode {
    fn from(color: ColorArg) -> Self {
        match color {
            ColorArg::Auto => ColorMode::Auto,
            ColorArg::Always => ColorMode::Always,
            ColorArg::Never => ColorMode::Never,
        }
    }
}

/// One `-D NAME[=VALUE]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Define {
    /// The macro's name.
    pub(crate) name: String,
    /// Its value; `None` defines it as `1`.
    pub(crate) value: Option<String>,
}

/// Parses `NAME` or `NAME=VALUE`, where NAME is a C identifier.
fn parse_define(arg: &str) -> Result<Define, String> {
    let (name, value) = match arg.split_once('=') {
        Some((name, value)) => (name, Some(value.to_owned())),
        None => (arg, None),
    };
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric());
    if !valid {
        return Err(format!("`{name}` is not a macro name"));
    }
    Ok(Define {
        name: name.to_owned(),
        value,
    })
}

/// Accepts a Rust path such as `::orbit` or `my_crate::orbit`.
fn parse_rust_path(arg: &str) -> Result<String, String> {
    match syn::parse_str::<syn::Path>(arg) {
        Ok(_) => Ok(arg.to_owned()),
        Err(_) => Err(format!("`{arg}` is not a Rust path such as `::orbit`")),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defines_take_an_optional_value() {
        let define = |name: &str, value: Option<&str>| Define {
            name: name.to_owned(),
            value: value.map(str::to_owned),
        };
        assert_eq!(parse_define("DEBUG"), Ok(define("DEBUG", None)));
        assert_eq!(parse_define("_V2=a=b"), Ok(define("_V2", Some("a=b"))));
        assert_eq!(parse_define("X="), Ok(define("X", Some(""))));
        assert_eq!(
            parse_define("1X"),
            Err("`1X` is not a macro name".to_owned())
        );
        assert_eq!(parse_define("=1"), Err("`` is not a macro name".to_owned()));
    }

    #[test]
    fn options_can_be_attached_and_repeated() {
        let cli = Cli::try_parse_from([
            "idlc", "check", "-Iinc", "-I", "more", "-DA", "-D", "B=2", "--format", "json",
            "a.idl", "b.idl",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else {
            panic!("not `check`: {:?}", cli.command);
        };
        assert_eq!(
            args.frontend.include_dirs,
            [PathBuf::from("inc"), "more".into()]
        );
        assert_eq!(args.frontend.defines.len(), 2);
        assert_eq!(args.report.format, FormatArg::Json);
        assert_eq!(args.report.color, ColorArg::Auto);
        assert_eq!(args.files, [PathBuf::from("a.idl"), "b.idl".into()]);
    }

    #[test]
    fn rust_and_proto_need_an_output_folder() {
        let cli = Cli::try_parse_from([
            "idlc",
            "rust",
            "-I",
            "inc",
            "-o",
            "out",
            "--no-server",
            "--runtime-path",
            "::sdk::orbit",
            "a.idl",
        ])
        .unwrap();
        let Command::Rust(args) = cli.command else {
            panic!("not `rust`: {:?}", cli.command);
        };
        assert_eq!(args.output.out_dir, PathBuf::from("out"));
        assert!(args.no_server && !args.no_client);
        assert_eq!(args.runtime_path, "::sdk::orbit");
        assert_eq!(args.frontend.include_dirs, [PathBuf::from("inc")]);

        let cli = Cli::try_parse_from(["idlc", "proto", "--out-dir=p", "a.idl", "b.idl"]).unwrap();
        let Command::Proto(args) = cli.command else {
            panic!("not `proto`: {:?}", cli.command);
        };
        assert_eq!(args.output.out_dir, PathBuf::from("p"));
        assert_eq!(args.files.len(), 2);

        assert!(Cli::try_parse_from(["idlc", "rust", "a.idl"]).is_err());
        assert!(Cli::try_parse_from(["idlc", "proto", "-o", "p"]).is_err());
        let error = Cli::try_parse_from(["idlc", "rust", "-o", "o", "--runtime-path", "a b", "x"])
            .unwrap_err();
        assert!(
            error.to_string().contains("`a b` is not a Rust path"),
            "{error}"
        );
    }
}
