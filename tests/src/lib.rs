//! Helpers shared by Orbit's end-to-end tests.
//!
//! # Organization
//!
//! * [`corpus`]: where the shared IDL corpus lives and what is known about its files.

#![forbid(unsafe_code)]

pub mod corpus;
