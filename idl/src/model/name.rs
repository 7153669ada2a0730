//! [`Name`]: the shared, immutable strings of the model.

use std::{borrow::Borrow, cmp::Ordering, fmt, hash, ops::Deref, sync::Arc};

/// An immutable string shared by reference counting: an identifier, a scoped name or a
/// repository id of the model.
///
/// A `Name` reads like a `&str` (it derefs to one, compares with one, and prints like one) and
/// clones without copying. The checker stores each distinct identifier once and every scoped
/// name and repository id of a model in one buffer, so a model of thousands of declarations
/// holds few allocations.
///
/// ```
/// use orbit_idl::model::Name;
///
/// let name = Name::from("Account");
/// assert_eq!(name, "Account");
/// assert_eq!(name.len(), 7);
/// assert_eq!(format!("`{name}`"), "`Account`");
/// ```
#[derive(Clone)]
pub struct Name {
    /// The buffer the name lies in: its own text, or text shared with other names; `None` for
    /// the empty name, which costs nothing to make.
    text: Option<Arc<str>>,
    /// Where it lies in `text` (on character boundaries, else it reads as empty).
    start: u32,
    end: u32,
}

impl Name {
    /// The name as a string slice.
    #[inline]
    pub fn as_str(&self) -> &str {
        let Some(text) = &self.text else {
            return "";
        };
        let (start, end) = (self.start as usize, self.end as usize);
        if start == 0 && end == text.len() {
            // A name of its own (the usual case): no boundaries to check.
            return text;
        }
        text.get(start..end).unwrap_or_default()
    }

    /// The part `start..end` of `text`, sharing it. The range is not checked here (the checker
    /// slices the buffer it has just written): one that is not a range of character boundaries
    /// of `text` reads as the empty name.
    pub(crate) fn slice(text: &Arc<str>, start: usize, end: usize) -> Name {
        Name {
            text: Some(Arc::clone(text)),
            start: start.min(u32::MAX as usize) as u32,
            end: end.min(u32::MAX as usize) as u32,
        }
    }
}

impl Name {
    /// The empty name (no allocation).
    pub const EMPTY: Name = Name {
        text: None,
        start: 0,
        end: 0,
    };
}

impl Default for Name {
    /// The empty name.
    fn default() -> Self {
        Name::EMPTY
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Self {
        if text.is_empty() {
            return Name::EMPTY;
        }
        Name::from(Arc::<str>::from(text))
    }
}

impl From<String> for Name {
    fn from(text: String) -> Self {
        if text.is_empty() {
            return Name::EMPTY;
        }
        Name::from(Arc::<str>::from(text))
    }
}

impl From<Arc<str>> for Name {
    fn from(text: Arc<str>) -> Self {
        // Longer texts cannot be sliced by `u32` offsets: keep only what fits (no real name
        // comes close to 4 GiB).
        let mut end = text.len().min(u32::MAX as usize);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Name {
            text: Some(text),
            start: 0,
            end: end as u32,
        }
    }
}

impl Deref for Name {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl hash::Hash for Name {
    /// Hashes as the `str` does, so maps keyed by `Name` can be searched with a `&str`.
    fn hash<H: hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn names_read_and_compare_like_strings() {
        let name = Name::from("Bank::Account".to_owned());
        assert_eq!(name, "Bank::Account");
        assert_eq!("Bank::Account", name);
        assert_eq!(name.as_str(), "Bank::Account");
        assert_eq!(
            format!("{name} {name:?}"),
            "Bank::Account \"Bank::Account\""
        );
        let (a, b) = (Name::from("a"), Name::from("b"));
        assert!(a < b);
        assert_eq!(Name::default(), "");
        let set: HashSet<Name> = [Name::from("x")].into_iter().collect();
        assert!(set.contains("x"));
    }

    #[test]
    fn slices_share_their_buffer() {
        let text: Arc<str> = Arc::from("A::Bébé IDL:A/Bébé:1.0");
        let scoped = Name::slice(&text, 0, 9);
        let id = Name::slice(&text, 10, text.len());
        assert_eq!(scoped, "A::Bébé");
        assert_eq!(id, "IDL:A/Bébé:1.0");
        assert_eq!(scoped, Name::from("A::Bébé"));
        // Not on a character boundary, or out of range: the empty name.
        assert_eq!(Name::slice(&text, 0, 5), "");
        assert_eq!(Name::slice(&text, 0, 1000), "");
        assert_eq!(Name::slice(&text, 9, 3), "");
    }
}
