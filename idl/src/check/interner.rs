//! The identifiers of one run, each stored once: every member, parameter, operation,
//! attribute, enumerator and annotation named the same way shares one [`Name`].
//!
//! Each distinct name also gets a *class*: the names equal to it once ASCII letters are folded
//! share one, so sets of names that must differ by more than case ([`NameSet`]) compare
//! numbers instead of strings.

use std::collections::HashMap;

use super::{Checker, folded::FxBuild, symbols::clash};
use crate::{diagnostic::Diagnostic, model::Name, source::Span};

/// Marks a name whose class was not asked for yet.
const NO_CLASS: u32 = u32::MAX;

/// The distinct identifiers seen so far, with their classes.
#[derive(Debug, Default)]
pub(super) struct Interner {
    /// Each name, with its class ([`NO_CLASS`] until asked for).
    names: HashMap<Name, u32, FxBuild>,
    /// The class of each case-folded name.
    classes: HashMap<Name, u32, FxBuild>,
    /// Room to fold a name in.
    folded: String,
}

impl Interner {
    /// The one `Name` of `text`.
    pub(super) fn intern(&mut self, text: &str) -> Name {
        if let Some((name, _)) = self.names.get_key_value(text) {
            return name.clone();
        }
        let name = Name::from(text);
        self.names.insert(name.clone(), NO_CLASS);
        name
    }

    /// The one `Name` of `text`, and its class.
    pub(super) fn intern_with_class(&mut self, text: &str) -> (Name, u32) {
        if let Some((name, &class)) = self.names.get_key_value(text)
            && class != NO_CLASS
        {
            return (name.clone(), class);
        }
        let name = self.intern(text);
        let next = u32::try_from(self.classes.len()).unwrap_or(NO_CLASS - 1);
        let class = if text.bytes().any(|b| b.is_ascii_uppercase()) {
            self.folded.clear();
            self.folded
                .extend(text.chars().map(|c| c.to_ascii_lowercase()));
            match self.classes.get(self.folded.as_str()) {
                Some(&class) => class,
                None => {
                    self.classes.insert(Name::from(self.folded.as_str()), next);
                    next
                }
            }
        } else {
            // The name is its own folded form.
            *self.classes.entry(name.clone()).or_insert(next)
        };
        self.names.insert(name.clone(), class);
        (name, class)
    }
}

impl Checker<'_> {
    /// The one `Name` of `text`.
    pub(super) fn intern(&mut self, text: &str) -> Name {
        self.names.intern(text)
    }

    /// Interns the name of a member, parameter, operation, … declared at `span` and adds it to
    /// the names of its body, reporting a clash with one declared before.
    pub(super) fn declare_name(&mut self, names: &mut NameSet, text: &str, span: Span) -> Name {
        let (name, class) = self.names.intern_with_class(text);
        if let Some(diagnostic) = names.insert(&name, class, span) {
            self.error(diagnostic);
        }
        name
    }

    /// Adds `name` (a member of a base) to `names`, where clashes are not reported again.
    pub(super) fn add_inherited_name(&mut self, names: &mut NameSet, name: &Name, span: Span) {
        let (_, class) = self.names.intern_with_class(name);
        // The base's own clashes were reported with the base.
        let _ = names.insert(name, class, span);
    }
}

/// Up to this many names, a [`NameSet`] has no index.
const LINEAR: usize = 16;

/// The names declared in one body that are not symbols (struct members, parameters, …),
/// reporting the same clashes as the symbol table.
#[derive(Debug, Default)]
pub(super) struct NameSet {
    classes: Vec<u32>,
    names: Vec<(Name, Span)>,
    /// Position of each class, once there are more than [`LINEAR`] names.
    index: HashMap<u32, u32, FxBuild>,
}

impl NameSet {
    /// Adds `name` of class `class` (see [`Interner`]) declared at `span`; on a clash, returns
    /// the diagnostic to report.
    pub(super) fn insert(&mut self, name: &Name, class: u32, span: Span) -> Option<Diagnostic> {
        let found = if self.classes.len() <= LINEAR {
            self.classes.iter().position(|&c| c == class)
        } else {
            self.index.get(&class).map(|&at| at as usize)
        };
        if let Some((first, first_span)) = found.and_then(|at| self.names.get(at)) {
            return Some(clash(name, span, first, *first_span));
        }
        let at = self.classes.len();
        self.classes.push(class);
        self.names.push((name.clone(), span));
        if at == LINEAR {
            // Outgrew the linear search: index every name.
            for (i, &c) in self.classes.iter().enumerate() {
                self.index.insert(c, i as u32);
            }
        } else if at > LINEAR {
            self.index.insert(class, at as u32);
        }
        None
    }

    /// Forgets every name, keeping the memory for the next body.
    pub(super) fn clear(&mut self) {
        // Clearing rewrites the whole index, even an unused one.
        if self.classes.len() > LINEAR {
            self.index.clear();
        }
        self.classes.clear();
        self.names.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_name_and_case_variants_one_class() {
        let mut interner = Interner::default();
        let (a, class) = interner.intern_with_class("Account");
        let (b, same) = interner.intern_with_class("Account");
        assert_eq!(a, b);
        assert_eq!(class, same);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        let (lower, lower_class) = interner.intern_with_class("account");
        assert_ne!(lower, a);
        assert_eq!(lower_class, class);
        assert_ne!(interner.intern_with_class("Accounts").1, class);
        let plain = interner.intern("ACCOUNT");
        assert_eq!(interner.intern_with_class("ACCOUNT"), (plain, class));
    }

    #[test]
    fn name_sets_find_clashes_before_and_after_they_grow_an_index() {
        let mut interner = Interner::default();
        let mut set = NameSet::default();
        let mut insert = |set: &mut NameSet, text: &str| {
            let (name, class) = interner.intern_with_class(text);
            set.insert(&name, class, Span::default())
        };
        for i in 0..40 {
            assert!(insert(&mut set, &format!("name{i}")).is_none());
        }
        let clash = insert(&mut set, "NAME3").expect("a clash");
        assert_eq!(
            clash.message,
            "`NAME3` clashes with `name3`, which differs only in case"
        );
        let clash = insert(&mut set, "name37").expect("a clash");
        assert_eq!(clash.message, "`name37` is defined more than once");
        assert!(insert(&mut set, "name40").is_none());
        set.clear();
        assert!(insert(&mut set, "name3").is_none());
    }
}
