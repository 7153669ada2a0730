//! Endpoints and the transports behind them.
//!
//! * `unix`: Unix domain sockets on tokio — listening with safe permissions, connecting, and
//!   the peer's credentials;
//! * `in_process`: the names under which orbs of this process are reachable (`inproc://`).

pub(crate) mod in_process;
pub(crate) mod unix;

use std::path::PathBuf;

use crate::error::{Completion, Error, ErrorKind};

/// A parsed endpoint URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// `unix:///absolute/path/to/socket`.
    Unix(PathBuf),
    /// `inproc://name`: an orb of this process.
    InProcess(String),
}

impl Endpoint {
    /// Parses an endpoint URI.
    pub(crate) fn parse(uri: &str) -> Result<Endpoint, Error> {
        if let Some(path) = uri.strip_prefix("unix://") {
            if !path.starts_with('/') {
                return Err(bad_endpoint(
                    uri,
                    "a Unix socket path must be absolute: `unix:///path/to/socket`",
                ));
            }
            return Ok(Endpoint::Unix(PathBuf::from(path)));
        }
        if let Some(name) = uri.strip_prefix("inproc://") {
            if name.is_empty() || name.contains('/') {
                return Err(bad_endpoint(
                    uri,
                    "an in-process name is one non-empty segment: `inproc://name`",
                ));
            }
            return Ok(Endpoint::InProcess(name.to_owned()));
        }
        Err(bad_endpoint(
            uri,
            "this release reaches `unix:///path` and `inproc://name` endpoints",
        ))
    }

    /// The URI form.
    pub(crate) fn uri(&self) -> String {
        match self {
            Endpoint::Unix(path) => format!("unix://{}", path.display()),
            Endpoint::InProcess(name) => format!("inproc://{name}"),
        }
    }
}

fn bad_endpoint(uri: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::Unreachable,
        Completion::No,
        format!("cannot reach endpoint `{uri}`: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_endpoints_parse_and_print() {
        let endpoint = Endpoint::parse("unix:///run/orbit/bank.sock").unwrap();
        assert_eq!(endpoint, Endpoint::Unix("/run/orbit/bank.sock".into()));
        assert_eq!(endpoint.uri(), "unix:///run/orbit/bank.sock");
        assert_eq!(
            Endpoint::parse("unix://relative").unwrap_err().to_string(),
            "unreachable: cannot reach endpoint `unix://relative`: a Unix socket path must be absolute: `unix:///path/to/socket`"
        );
        assert_eq!(
            Endpoint::parse("tcp://x").unwrap_err().kind(),
            ErrorKind::Unreachable
        );
        assert_eq!(
            Endpoint::parse("inproc://bank").unwrap(),
            Endpoint::InProcess("bank".to_owned())
        );
        assert!(Endpoint::parse("inproc://").is_err());
        assert!(Endpoint::parse("inproc://a/b").is_err());
    }
}
