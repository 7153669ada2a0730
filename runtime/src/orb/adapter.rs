//! The object adapter: the objects a process serves to its peers, by object id.
//!
//! Two kinds of entry: objects *bound* under a name by the application (they stay until
//! unbound), and objects *exported* because a reference to them was sent to a peer (they stay
//! while some connection holds a reference; see [`Adapter::add_ref`] and
//! [`Adapter::release`]).

use std::{
    collections::HashMap,
    sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard},
};

use bytes::Bytes;

use crate::dispatch::Dispatch;

struct Entry {
    servant: Arc<dyn Dispatch>,
    bound: bool,
    /// References held by peers, over every connection.
    refs: u64,
}

/// The object table of an [`Orb`](super::Orb).
#[derive(Default)]
pub(crate) struct Adapter {
    objects: RwLock<HashMap<Bytes, Entry>>,
}

impl Adapter {
    fn read(&self) -> RwLockReadGuard<'_, HashMap<Bytes, Entry>> {
        self.objects.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, HashMap<Bytes, Entry>> {
        self.objects.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Binds `servant` under `key`, replacing what was bound there.
    pub(crate) fn bind(&self, key: Bytes, servant: Arc<dyn Dispatch>) {
        let mut objects = self.write();
        let refs = objects.get(&key).map_or(0, |entry| entry.refs);
        let replaced = objects.insert(
            key,
            Entry {
                servant,
                bound: true,
                refs,
            },
        );
        // A servant's drop may use the orb: never under the lock.
        drop(objects);
        drop(replaced);
    }

    /// Unbinds `key`; an object peers still hold references to stays reachable to them.
    pub(crate) fn unbind(&self, key: &[u8]) -> bool {
        let mut objects = self.write();
        let removed = match objects.get_mut(key) {
            Some(entry) if entry.bound => {
                entry.bound = false;
                if entry.refs == 0 {
                    objects.remove(key)
                } else {
                    None
                }
            }
            _ => return false,
        };
        drop(objects);
        drop(removed);
        true
    }

    /// The servant of `key`.
    pub(crate) fn find(&self, key: &[u8]) -> Option<Arc<dyn Dispatch>> {
        self.read().get(key).map(|entry| entry.servant.clone())
    }

    /// Counts one more reference held by a peer, registering the servant if needed.
    pub(crate) fn add_ref(&self, key: &Bytes, servant: &Arc<dyn Dispatch>) {
        let mut objects = self.write();
        objects
            .entry(key.clone())
            .or_insert_with(|| Entry {
                servant: servant.clone(),
                bound: false,
                refs: 0,
            })
            .refs += 1;
    }

    /// Drops `count` references held by peers; an unbound object nobody holds is removed.
    pub(crate) fn release(&self, key: &[u8], count: u64) {
        let mut objects = self.write();
        let removed = match objects.get_mut(key) {
            Some(entry) => {
                entry.refs = entry.refs.saturating_sub(count);
                if entry.refs == 0 && !entry.bound {
                    objects.remove(key)
                } else {
                    None
                }
            }
            None => None,
        };
        drop(objects);
        drop(removed);
    }

    /// Objects held only because peers hold references to them.
    pub(crate) fn exported(&self) -> usize {
        self.read().values().filter(|entry| !entry.bound).count()
    }
}
