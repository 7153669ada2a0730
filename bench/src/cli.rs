//! The options of the benchmark binaries, parsed by hand to keep the benchmark crate's
//! dependencies to what it measures.

use std::path::PathBuf;

use crate::{frontend::FrontendBench, idl_gen::GenOptions};

/// The usage text, for `--help` and for mistakes.
pub const USAGE: &str = "\
options:
  --json            print one JSON line instead of a table
  --runs N          measured runs; the median is reported (default 10)
  --warmup N        runs before measuring (default 2)
  --codegen-runs N  measured runs of Rust and .proto generation; 0 skips them (default 3)
  --size BYTES      generate at least BYTES bytes of IDL (default 1 MiB, 20,000 lines)
  --write PATH      also write the generated IDL to PATH
  -h, --help        print this text";

/// Parsed options.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// What to measure.
    pub bench: FrontendBench,
    /// Print JSON instead of a table.
    pub json: bool,
    /// Where to write the generated IDL, if anywhere.
    pub write: Option<PathBuf>,
    /// `--help` was given.
    pub help: bool,
}

/// Parses the arguments after the program name.
///
/// # Errors
///
/// A message naming the unknown option or bad value.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match arg.as_str() {
            "--json" => options.json = true,
            "-h" | "--help" => options.help = true,
            "--runs" => options.bench.runs = number("--runs", &value("--runs")?)?,
            "--warmup" => options.bench.warmup = number("--warmup", &value("--warmup")?)?,
            "--codegen-runs" => {
                options.bench.codegen_runs = number("--codegen-runs", &value("--codegen-runs")?)?
            }
            "--size" => {
                options.bench.options = GenOptions::with_size(number("--size", &value("--size")?)?)
            }
            "--write" => options.write = Some(PathBuf::from(value("--write")?)),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}

fn number(name: &str, text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("`{name}` needs a number, not `{text}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Options, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn defaults_and_every_option() {
        assert_eq!(args(&[]).unwrap(), Options::default());
        let options = args(&[
            "--json",
            "--runs",
            "3",
            "--warmup",
            "0",
            "--size",
            "1000",
            "--write",
            "x.idl",
            "--codegen-runs",
            "0",
        ])
        .unwrap();
        assert!(options.json);
        assert_eq!(options.bench.runs, 3);
        assert_eq!(options.bench.warmup, 0);
        assert_eq!(options.bench.codegen_runs, 0);
        assert_eq!(options.bench.options.min_bytes, 1000);
        assert_eq!(options.write, Some(PathBuf::from("x.idl")));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(args(&["--fast"]), Err("unknown option `--fast`".to_owned()));
        assert_eq!(args(&["--runs"]), Err("`--runs` needs a value".to_owned()));
        assert_eq!(
            args(&["--runs", "many"]),
            Err("`--runs` needs a number, not `many`".to_owned())
        );
    }
}
