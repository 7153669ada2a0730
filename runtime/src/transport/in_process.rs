//! `inproc://name`: orbs of this process reachable by name, for code that wants the same
//! endpoint-based setup in process as across processes.

use std::{
    collections::HashMap,
    sync::{Mutex, MutexGuard, OnceLock},
};

use crate::{
    error::{Completion, Error, ErrorKind},
    orb::Orb,
};

fn names() -> MutexGuard<'static, HashMap<String, Orb>> {
    static NAMES: OnceLock<Mutex<HashMap<String, Orb>>> = OnceLock::new();
    NAMES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// Makes `orb` reachable as `inproc://name` until [`withdraw`] is called.
pub(crate) fn publish(name: &str, orb: &Orb) -> Result<(), Error> {
    let mut names = names();
    if names.contains_key(name) {
        return Err(Error::new(
            ErrorKind::Unreachable,
            Completion::No,
            format!("cannot listen on `inproc://{name}`: another server of this process does"),
        ));
    }
    names.insert(name.to_owned(), orb.clone());
    Ok(())
}

/// Withdraws the name.
pub(crate) fn withdraw(name: &str) {
    names().remove(name);
}

/// The orb published as `name`.
pub(crate) fn find(name: &str) -> Result<Orb, Error> {
    names().get(name).cloned().ok_or_else(|| {
        Error::new(
            ErrorKind::Unreachable,
            Completion::No,
            format!("nothing in this process listens on `inproc://{name}`"),
        )
    })
}
