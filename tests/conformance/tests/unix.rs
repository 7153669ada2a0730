//! The conformance suite over a Unix socket.

orbit_conformance::conformance_suite!(orbit_conformance::Transport::Unix);
