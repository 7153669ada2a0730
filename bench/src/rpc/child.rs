//! Server processes: the benchmark binary started again in its serve mode, with its socket in a
//! fresh temporary folder.
//!
//! [`ServerProcess::start`] waits for the child's ready line (see [`Ready`]) at most
//! [`START_LIMIT`]; the child is killed and reaped, and the folder removed, when the
//! [`ServerProcess`] is dropped, on every path. The child also ends itself when its standard
//! input closes, removing its socket and folder, so a parent killed without running its
//! destructors leaves nothing behind ([`watch_parent`]).

use std::{
    fs,
    io::{self, BufRead, BufReader, Read},
    path::{Path, PathBuf},
    process::{Child, ChildStdin, Command, Stdio},
    sync::mpsc,
    thread,
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use super::{BoxError, Flavor, Ready};

/// How long a server may take to say it is ready.
pub const START_LIMIT: Duration = Duration::from_secs(5);

/// The argument that starts the serve mode: `--serve ROW SOCKET [--server-rt FLAVOR]`.
pub const SERVE_ARG: &str = "--serve";

/// A fresh folder under the system's temporary folder, readable only by its owner, removed with
/// everything in it when dropped.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates the folder; its name holds the process id, the time and a counter, and creating
    /// it fails rather than reuse an existing folder.
    ///
    /// # Errors
    ///
    /// The folder cannot be created.
    pub fn new() -> io::Result<Self> {
        use std::os::unix::fs::DirBuilderExt;
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "orbit-bench-{}-{nanos:x}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        fs::DirBuilder::new().mode(0o700).create(&path)?;
        Ok(TempDir { path })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// A running server process, killed and reaped when dropped.
#[derive(Debug)]
pub struct ServerProcess {
    child: Child,
    /// Kept open: the child ends itself when it closes.
    _stdin: Option<ChildStdin>,
    socket: PathBuf,
    row: String,
    // Dropped after the child is reaped (fields drop in order, after `Drop::drop`).
    _dir: TempDir,
}

impl ServerProcess {
    /// Starts `exe --serve ROW SOCKET` (with `--server-rt` when `flavor` is given) and waits
    /// for its ready line.
    ///
    /// # Errors
    ///
    /// The folder or the process cannot be created, the child exits before it is ready, or it
    /// is not ready within [`START_LIMIT`]; the child is killed in every case.
    pub fn start(exe: &Path, row: &str, flavor: Option<Flavor>) -> Result<Self, BoxError> {
        Self::start_within(exe, row, flavor, START_LIMIT)
    }

    /// [`start`](Self::start), waiting at most `limit` for the ready line.
    fn start_within(
        exe: &Path,
        row: &str,
        flavor: Option<Flavor>,
        limit: Duration,
    ) -> Result<Self, BoxError> {
        let dir = TempDir::new()?;
        let socket = dir.path().join("server.sock");
        let mut command = Command::new(exe);
        command.arg(SERVE_ARG).arg(row).arg(&socket);
        if let Some(flavor) = flavor {
            command.arg("--server-rt").arg(flavor.name());
        }
        // A process group of its own: Ctrl-C at a terminal stops only the benchmark, whose
        // exit then closes the child's standard input, and the child cleans up after itself.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", exe.display()))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let mut server = ServerProcess {
            child,
            _stdin: stdin,
            socket,
            row: row.to_owned(),
            _dir: dir,
        };
        let stdout = stdout.ok_or("the child has no standard output")?;
        server.wait_ready(stdout, limit)?;
        Ok(server)
    }

    /// The server's process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// The socket the server listens on.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Stops the server, which must still be running.
    ///
    /// # Errors
    ///
    /// The server had already exited (it failed while measured).
    pub fn stop(mut self) -> Result<(), BoxError> {
        match self.child.try_wait()? {
            Some(status) => Err(format!("the `{}` server exited early: {status}", self.row).into()),
            None => Ok(()),
        }
        // `Drop` kills and reaps it.
    }

    /// Reads the child's standard output on a thread until the ready line, waiting at most
    /// `limit`. The thread then drains what the child writes later, so it never blocks on a
    /// full pipe, and ends with the child.
    fn wait_ready(
        &mut self,
        stdout: impl Read + Send + 'static,
        limit: Duration,
    ) -> Result<(), BoxError> {
        let (tx, rx) = mpsc::channel();
        thread::Builder::new()
            .name(format!("{}-stdout", self.row))
            .spawn(move || {
                let mut lines = BufReader::new(stdout).lines();
                let ready = lines
                    .by_ref()
                    .any(|line| line.is_ok_and(|l| l == Ready::LINE));
                let _ = tx.send(ready);
                lines.for_each(drop);
            })?;
        let started = Instant::now();
        match rx.recv_timeout(limit) {
            Ok(true) => Ok(()),
            Ok(false) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                // Its output is closed, so it is exiting: give it a moment to, then say how.
                let status = self.exit_status(Duration::from_secs(1))?;
                Err(format!(
                    "the `{}` server exited before it was ready: {status}",
                    self.row
                )
                .into())
            }
            Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
                "the `{}` server was not ready within {:.1} s",
                self.row,
                started.elapsed().as_secs_f64()
            )
            .into()),
        }
    }

    /// The child's exit status, waiting at most `limit` for it to exit; then it is killed.
    fn exit_status(&mut self, limit: Duration) -> io::Result<std::process::ExitStatus> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status);
            }
            thread::sleep(Duration::from_millis(5));
        }
        self.child.kill()?;
        self.child.wait()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // An error here means the child has already been reaped.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// In a server process: ends the process when its standard input closes, that is when the
/// parent exits, however it exits. The socket is removed first, and its folder if that leaves
/// it empty: a parent killed outright (`SIGKILL`) cannot remove them itself.
pub fn watch_parent(socket: PathBuf) {
    let spawned = thread::Builder::new()
        .name("parent-watch".to_owned())
        .spawn(move || {
            let mut sink = [0u8; 64];
            let mut stdin = io::stdin().lock();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            let _ = fs::remove_file(&socket);
            if let Some(folder) = socket.parent() {
                // Not recursive: only an empty folder goes.
                let _ = fs::remove_dir(folder);
            }
            std::process::exit(0);
        });
    if let Err(error) = spawned {
        eprintln!("warning: cannot watch the parent process: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_folders_are_fresh_private_and_removed() {
        use std::os::unix::fs::PermissionsExt;
        let a = TempDir::new().unwrap();
        let b = TempDir::new().unwrap();
        assert_ne!(a.path(), b.path());
        let mode = fs::metadata(a.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        fs::write(a.path().join("file"), b"x").unwrap();
        let path = a.path().to_path_buf();
        drop(a);
        assert!(!path.exists());
    }

    #[test]
    fn a_child_that_exits_at_once_is_an_error_not_a_hang() {
        let started = Instant::now();
        let error = ServerProcess::start(Path::new("/bin/true"), "none", None).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("the `none` server exited before it was ready"),
            "{error}"
        );
        assert!(started.elapsed() < START_LIMIT);
    }

    #[test]
    fn a_child_that_never_says_ready_is_an_error_and_is_killed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new().unwrap();
        let script = dir.path().join("silent");
        fs::write(&script, "#!/bin/sh\nexec sleep 30\n").unwrap();
        fs::set_permissions(&script, fs::Permissions::from_mode(0o700)).unwrap();
        let started = Instant::now();
        let error =
            ServerProcess::start_within(&script, "silent", None, Duration::from_millis(200))
                .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("the `silent` server was not ready within 0.2 s"),
            "{error}"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn a_missing_program_is_named() {
        let error = ServerProcess::start(Path::new("/nonexistent/orbit-bench"), "x", None)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("cannot start `/nonexistent/orbit-bench`"),
            "{error}"
        );
    }
}
