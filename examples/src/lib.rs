//! Runnable examples for Orbit.
