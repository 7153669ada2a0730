//! The command line of `orbit-bench`, parsed by hand like the front-end benchmark's.

use std::path::PathBuf;

use super::{Flavor, Tuning, child::SERVE_ARG, row};

/// The usage text, for `--help` and for mistakes.
pub const USAGE: &str = "\
usage: orbit-bench [options]

Round trips of `add(a, b)` and of a 1 MiB echo, one row per system and transport, each
server in a process of its own (see bench/README.md for what each figure means).

options:
  --json             print one JSON object per row, one per line, instead of the table
  --rows A,B,...     measure only these rows (default: every row)
  --calls N          sequential `add` calls timed for the latency percentiles (default 20000)
  --client-rt FLAVOR tokio runtime of the clients of tokio-based rows: `current` or `multi`
                     (default: each row's best, see bench/README.md)
  --server-rt FLAVOR the same for their servers
  -h, --help         print this text

The IDL front-end benchmark: cargo run --release -p orbit-bench --bin idl-frontend";

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Measure rows and print them.
    Bench(Options),
    /// Serve a row in this process (the hidden mode the benchmark starts its servers in).
    Serve {
        /// The row's name.
        row: String,
        /// Where to bind its socket.
        socket: PathBuf,
        /// `--server-rt`, if given.
        flavor: Option<Flavor>,
    },
    /// Print the usage.
    Help,
}

/// The options of a benchmark run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Print JSON lines instead of the table.
    pub json: bool,
    /// The rows to measure, by name, in the table's order; empty for every row.
    pub rows: Vec<String>,
    /// Sequential calls for the latency percentiles, if not the default.
    pub calls: Option<usize>,
    /// Runtime flavors asked for.
    pub tuning: Tuning,
}

/// Parses the arguments after the program name.
///
/// # Errors
///
/// A message naming the unknown option, row or flavor, or the missing or bad value.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut args = args.into_iter().peekable();
    if args.peek().is_some_and(|arg| arg == SERVE_ARG) {
        args.next();
        let row = args
            .next()
            .ok_or("`--serve` needs a row and a socket path")?;
        let socket = args
            .next()
            .ok_or("`--serve` needs a row and a socket path")?;
        let flavor = match args.next().as_deref() {
            None => None,
            Some("--server-rt") => Some(flavor("--server-rt", args.next())?),
            Some(other) => return Err(format!("unknown option `{other}`")),
        };
        if let Some(extra) = args.next() {
            return Err(format!("unexpected argument `{extra}`"));
        }
        known(&row)?;
        return Ok(Command::Serve {
            row,
            socket: socket.into(),
            flavor,
        });
    }
    let mut options = Options::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "-h" | "--help" => return Ok(Command::Help),
            "--rows" => {
                let list = args.next().ok_or("`--rows` needs a value")?;
                for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    known(name)?;
                    options.rows.push(name.to_owned());
                }
                if options.rows.is_empty() {
                    return Err("`--rows` needs at least one row".to_owned());
                }
            }
            "--calls" => {
                let text = args.next().ok_or("`--calls` needs a value")?;
                match text.parse() {
                    Ok(calls) if calls > 0 => options.calls = Some(calls),
                    _ => return Err(format!("`--calls` needs a positive number, not `{text}`")),
                }
            }
            "--client-rt" => options.tuning.client = Some(flavor("--client-rt", args.next())?),
            "--server-rt" => options.tuning.server = Some(flavor("--server-rt", args.next())?),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(Command::Bench(options))
}

/// Checks that `name` is a row.
fn known(name: &str) -> Result<(), String> {
    match row(name) {
        Some(_) => Ok(()),
        None => Err(format!(
            "unknown row `{name}` (rows: {})",
            super::ROWS
                .iter()
                .map(|r| r.name())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The flavor given after `option`.
fn flavor(option: &str, value: Option<String>) -> Result<Flavor, String> {
    let value = value.ok_or_else(|| format!("`{option}` needs a value"))?;
    Flavor::parse(&value)
        .ok_or_else(|| format!("`{option}` needs `current` or `multi`, not `{value}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Command, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn defaults_and_every_option() {
        assert_eq!(args(&[]), Ok(Command::Bench(Options::default())));
        assert_eq!(args(&["--help"]), Ok(Command::Help));
        assert_eq!(args(&["--json", "-h"]), Ok(Command::Help));
        let expected = Options {
            json: true,
            rows: vec!["floor/unix".to_owned(), "tonic/unix".to_owned()],
            calls: Some(500),
            tuning: Tuning {
                client: Some(Flavor::Multi),
                server: Some(Flavor::Current),
            },
        };
        assert_eq!(
            args(&[
                "--json",
                "--rows",
                "floor/unix, tonic/unix",
                "--calls",
                "500",
                "--client-rt",
                "multi",
                "--server-rt",
                "current",
            ]),
            Ok(Command::Bench(expected))
        );
    }

    #[test]
    fn the_serve_mode() {
        assert_eq!(
            args(&["--serve", "tarpc/unix", "/tmp/x/server.sock"]),
            Ok(Command::Serve {
                row: "tarpc/unix".to_owned(),
                socket: "/tmp/x/server.sock".into(),
                flavor: None,
            })
        );
        assert_eq!(
            args(&["--serve", "tonic/unix", "s", "--server-rt", "multi"]),
            Ok(Command::Serve {
                row: "tonic/unix".to_owned(),
                socket: "s".into(),
                flavor: Some(Flavor::Multi),
            })
        );
        assert_eq!(
            args(&["--serve", "floor/unix"]),
            Err("`--serve` needs a row and a socket path".to_owned())
        );
        assert_eq!(
            args(&["--serve", "floor/unix", "s", "--json"]),
            Err("unknown option `--json`".to_owned())
        );
        assert_eq!(
            args(&["--serve", "floor/unix", "s", "--server-rt", "multi", "x"]),
            Err("unexpected argument `x`".to_owned())
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(args(&["--fast"]), Err("unknown option `--fast`".to_owned()));
        assert_eq!(args(&["--rows"]), Err("`--rows` needs a value".to_owned()));
        assert_eq!(
            args(&["--rows", ","]),
            Err("`--rows` needs at least one row".to_owned())
        );
        assert_eq!(
            args(&["--rows", "grpc/tcp"]),
            Err(
                "unknown row `grpc/tcp` (rows: floor/unix, orbit/inproc, orbit/unix, tarpc/unix, tonic/unix)"
                    .to_owned()
            )
        );
        assert_eq!(
            args(&["--calls", "0"]),
            Err("`--calls` needs a positive number, not `0`".to_owned())
        );
        assert_eq!(
            args(&["--client-rt", "threaded"]),
            Err("`--client-rt` needs `current` or `multi`, not `threaded`".to_owned())
        );
        assert_eq!(
            args(&["--server-rt"]),
            Err("`--server-rt` needs a value".to_owned())
        );
        assert_eq!(
            args(&["--serve", "orbit/tcp", "s"]),
            Err(
                "unknown row `orbit/tcp` (rows: floor/unix, orbit/inproc, orbit/unix, tarpc/unix, tonic/unix)"
                    .to_owned()
            )
        );
    }
}
