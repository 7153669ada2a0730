//! Placeholder.

use crate::rust::Context;

/// Reports Rust names that collide.
pub fn check_names(cx: &mut Context<'_>) {
    let _ = cx;
}
