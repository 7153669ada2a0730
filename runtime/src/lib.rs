//! Orbit's runtime: what generated code and applications link. The codec, envelope, object
//! adapter and transports arrive with the runtime issue; see `docs/DESIGN.md`.
