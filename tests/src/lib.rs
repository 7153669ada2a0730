//! Helpers shared by Orbit's end-to-end tests.
