//! [`Error`]: the one error type of Orbit's calls, with kinds a caller can act on.
//!
//! Like CORBA's system exceptions, every error says whether the operation may have run on the
//! server ([`Completion`]), so a caller knows whether retrying is safe.

use std::{borrow::Cow, fmt};

/// What went wrong, coarsely enough to act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// No endpoint of the object could be reached.
    Unreachable,
    /// The connection closed while the call was in flight.
    ConnectionLost,
    /// The call's deadline passed.
    DeadlineExceeded,
    /// The caller gave up on the call.
    Cancelled,
    /// The object does not exist (never bound, or released).
    NoSuchObject,
    /// The object exists but has no such operation.
    NoSuchOperation,
    /// A message could not be decoded, or broke a bound of its IDL type.
    BadMessage,
    /// A message is larger than the configured maximum.
    TooLarge,
    /// The servant panicked while handling the call.
    RemotePanic,
    /// The server refused the call or the connection (credentials, limits).
    Refused,
    /// The servant reported a failure that is not one of the operation's declared exceptions.
    Internal,
}

impl ErrorKind {
    /// A short lowercase description.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unreachable => "unreachable",
            ErrorKind::ConnectionLost => "connection lost",
            ErrorKind::DeadlineExceeded => "deadline exceeded",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::NoSuchObject => "no such object",
            ErrorKind::NoSuchOperation => "no such operation",
            ErrorKind::BadMessage => "bad message",
            ErrorKind::TooLarge => "too large",
            ErrorKind::RemotePanic => "remote panic",
            ErrorKind::Refused => "refused",
            ErrorKind::Internal => "internal error",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the operation may have run when the error happened (CORBA's completion status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Completion {
    /// The operation did not run: retrying cannot do it twice.
    No,
    /// The operation may or may not have run.
    Maybe,
    /// The operation ran to completion; the failure came after (a reply that did not decode).
    Yes,
}

/// The error of an Orbit call.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    completion: Completion,
    message: Cow<'static, str>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// An error of `kind` with a message.
    pub fn new(
        kind: ErrorKind,
        completion: Completion,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error {
            kind,
            completion,
            message: message.into(),
            source: None,
        }
    }

    /// A message that could not be decoded or broke a bound (the operation did not run).
    pub fn bad_message(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::BadMessage, Completion::No, message)
    }

    /// Attaches the lower-level error that caused this one.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// Returns the same error with another completion status.
    pub fn with_completion(mut self, completion: Completion) -> Self {
        self.completion = completion;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Whether the operation may have run.
    pub fn completion(&self) -> Completion {
        self.completion
    }

    /// The detail message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.kind, self.message)
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}

impl Error {
    /// The detail message with the source's text appended: what travels to a peer.
    pub(crate) fn to_wire_message(&self) -> Cow<'static, str> {
        match &self.source {
            Some(source) if self.message.is_empty() => Cow::Owned(source.to_string()),
            Some(source) => Cow::Owned(format!("{}: {source}", self.message)),
            None => self.message.clone(),
        }
    }
}

impl Clone for Error {
    /// Clones kind, completion and message; the source is kept as its rendered text.
    fn clone(&self) -> Self {
        Error {
            kind: self.kind,
            completion: self.completion,
            message: self.to_wire_message(),
            source: None,
        }
    }
}

impl PartialEq for Error {
    /// Errors are equal when kind, completion and message are.
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.completion == other.completion
            && self.message == other.message
    }
}

impl From<prost::DecodeError> for Error {
    fn from(error: prost::DecodeError) -> Self {
        Error::bad_message("").with_source(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_kind_then_the_detail() {
        let error = Error::new(ErrorKind::NoSuchObject, Completion::No, "object `7`");
        assert_eq!(error.to_string(), "no such object: object `7`");
        assert_eq!(
            Error::new(ErrorKind::Cancelled, Completion::Maybe, "").to_string(),
            "cancelled"
        );
    }

    #[test]
    fn a_clone_keeps_the_source_as_text() {
        let error = Error::bad_message("reply").with_source(std::fmt::Error);
        let clone = error.clone();
        assert_eq!(clone.kind(), ErrorKind::BadMessage);
        assert!(clone.message().starts_with("reply: "));
    }
}
