//! Tokio runtimes of either flavor, for the rows that use tokio: each row picks the flavor that
//! measures best for its client and its server (see `bench/README.md`), and the command line
//! can override it (`--client-rt`, `--server-rt`) to compare.

use std::{fmt, io};

use tokio::runtime::{Builder, Runtime};

/// The kind of tokio runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// `current_thread`: everything on the thread that calls `block_on`.
    Current,
    /// `multi_thread`, with one worker per core.
    Multi,
}

impl Flavor {
    /// The name on the command line: `current` or `multi`.
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Current => "current",
            Flavor::Multi => "multi",
        }
    }

    /// Reads a name given by [`name`](Self::name).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "current" => Some(Flavor::Current),
            "multi" => Some(Flavor::Multi),
            _ => None,
        }
    }

    /// Builds a runtime of this flavor, with I/O and timers.
    ///
    /// # Errors
    ///
    /// The runtime cannot be created (out of threads or file descriptors).
    pub fn build(self) -> io::Result<Runtime> {
        match self {
            Flavor::Current => Builder::new_current_thread().enable_all().build(),
            Flavor::Multi => Builder::new_multi_thread().enable_all().build(),
        }
    }
}

impl fmt::Display for Flavor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for flavor in [Flavor::Current, Flavor::Multi] {
            assert_eq!(Flavor::parse(flavor.name()), Some(flavor));
        }
        assert_eq!(Flavor::parse("threaded"), None);
    }
}
