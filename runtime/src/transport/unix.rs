//! Unix domain sockets: listening with safe permissions, connecting, and reading the peer's
//! credentials.
//!
//! A listening socket is created 0600 (only its owner may connect), in a folder created 0700
//! when the folder does not exist yet. A stale socket file left by a dead server is replaced;
//! one that a live server answers on is not.

use std::{
    io,
    os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt},
    path::Path,
};

use tokio::net::{UnixListener, UnixStream};

use crate::{
    dispatch::Credentials,
    error::{Completion, Error, ErrorKind},
};

/// File mode of a listening socket unless the server says otherwise.
pub(crate) const DEFAULT_SOCKET_MODE: u32 = 0o600;

/// Binds a listening socket at `path` with file mode `mode`.
pub(crate) async fn listen(path: &Path, mode: u32) -> Result<UnixListener, Error> {
    let failed = |what: &str, e: io::Error| {
        Error::new(
            ErrorKind::Unreachable,
            Completion::No,
            format!("cannot listen on `{}`: {what}", path.display()),
        )
        .with_source(e)
    };
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty())
        && !folder.exists()
    {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .map_err(|e| failed("creating its folder", e))?;
    }
    if let Ok(existing) = std::fs::symlink_metadata(path) {
        if !std::os::unix::fs::FileTypeExt::is_socket(&existing.file_type()) {
            return Err(failed(
                "something that is not a socket is there",
                io::ErrorKind::AlreadyExists.into(),
            ));
        }
        if UnixStream::connect(path).await.is_ok() {
            return Err(failed(
                "a server is already listening there",
                io::ErrorKind::AddrInUse.into(),
            ));
        }
        std::fs::remove_file(path).map_err(|e| failed("removing a stale socket file", e))?;
    }
    let listener = UnixListener::bind(path).map_err(|e| failed("binding", e))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| failed("setting its permissions", e))?;
    Ok(listener)
}

/// Connects to the socket at `path`.
pub(crate) async fn connect(path: &Path) -> Result<UnixStream, Error> {
    UnixStream::connect(path).await.map_err(|e| {
        let kind = if e.kind() == io::ErrorKind::PermissionDenied {
            ErrorKind::Refused
        } else {
            ErrorKind::Unreachable
        };
        Error::new(
            kind,
            Completion::No,
            format!("cannot connect to `unix://{}`", path.display()),
        )
        .with_source(e)
    })
}

/// Socket buffer size asked for: a 1 MiB message then crosses in one or two wake-ups instead
/// of five (Linux's default is about 208 KiB; the kernel caps the request at
/// `net.core.wmem_max`).
const BUFFER_SIZE: usize = 4 << 20;

/// Sizes the socket buffers of a connected stream for large messages. Best effort: a kernel
/// that refuses keeps its defaults, which only costs speed.
pub(crate) fn tune(stream: &UnixStream) {
    let socket = socket2::SockRef::from(stream);
    let _ = socket.set_send_buffer_size(BUFFER_SIZE);
    let _ = socket.set_recv_buffer_size(BUFFER_SIZE);
}

/// The credentials of the process at the other end, as the kernel recorded them.
pub(crate) fn peer_credentials(stream: &UnixStream) -> Option<Credentials> {
    let credentials = stream.peer_cred().ok()?;
    Some(Credentials {
        uid: credentials.uid(),
        gid: credentials.gid(),
        pid: credentials.pid(),
    })
}

/// The effective user id of this process (the owner of `/proc/self`).
pub(crate) fn own_uid() -> Option<u32> {
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}
