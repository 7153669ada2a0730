//! The conformance suite in process (collocated objects).

orbit_conformance::conformance_suite!(orbit_conformance::Transport::InProcess);
