//! Object-like macros: the table of definitions, and expansion with the standard rule that a macro
//! is not expanded again inside its own expansion, under hard limits on depth and size so a
//! hostile input cannot blow up.

use std::collections::HashMap;

use super::lines::{is_ident_continue, is_ident_start, scan_literal, skip_number};
use crate::source::Span;

/// How deeply macros may expand into one another.
pub(crate) const MAX_EXPANSION_DEPTH: usize = 256;
/// The most bytes one macro use may expand to.
pub(crate) const MAX_EXPANSION_BYTES: usize = 1 << 20;
/// The most bytes all macro expansions of one translation unit may produce together.
pub(crate) const MAX_TOTAL_EXPANSION_BYTES: usize = 16 << 20;

/// One definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Macro {
    /// The replacement text, with white space runs outside literals collapsed to one space.
    pub(crate) value: String,
    /// Where it was defined; `None` for a `-D` option.
    pub(crate) defined_at: Option<Span>,
}

/// Why an expansion was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExpandError {
    /// More than [`MAX_EXPANSION_DEPTH`] nested expansions.
    TooDeep,
    /// More than [`MAX_EXPANSION_BYTES`] bytes, or the unit's total budget is spent.
    TooLarge,
}

/// Every macro defined so far.
#[derive(Clone, Debug, Default)]
pub(crate) struct MacroTable {
    map: HashMap<String, Macro>,
    /// How many defined names fall in each bucket of [`bucket`]: a zero means an identifier is
    /// certainly not a macro, without hashing it.
    buckets: Vec<u16>,
    /// Bytes of expansion left for the whole unit.
    budget: usize,
}

const BUCKETS: usize = 256;

/// A cheap bucket for an identifier: its length and its first and last bytes.
fn bucket(name: &[u8]) -> usize {
    let first = name.first().copied().unwrap_or(0);
    let last = name.last().copied().unwrap_or(0);
    (usize::from(first).wrapping_mul(31) ^ usize::from(last).wrapping_mul(7) ^ name.len()) % BUCKETS
}

impl MacroTable {
    /// An empty table with the whole expansion budget.
    pub(crate) fn new() -> Self {
        MacroTable {
            map: HashMap::new(),
            buckets: vec![0; BUCKETS],
            budget: MAX_TOTAL_EXPANSION_BYTES,
        }
    }

    /// Whether no macro is defined.
    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// A fast check: `false` means `name` is certainly not defined.
    pub(crate) fn may_contain(&self, name: &[u8]) -> bool {
        self.buckets.get(bucket(name)).is_some_and(|&n| n != 0)
    }

    /// The definition of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Macro> {
        self.map.get(name)
    }

    /// Whether `name` is defined.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// Defines (or redefines) `name`; returns the previous definition.
    pub(crate) fn define(&mut self, name: &str, value: &str, at: Option<Span>) -> Option<Macro> {
        let value = normalize_value(value);
        if let Some(old) = self.map.get(name)
            && old.value == value
        {
            // The same definition again: keep pointing at the first.
            return Some(old.clone());
        }
        let new = Macro {
            value,
            defined_at: at,
        };
        let old = self.map.insert(name.to_owned(), new);
        if old.is_none()
            && let Some(count) = self.buckets.get_mut(bucket(name.as_bytes()))
        {
            *count = count.saturating_add(1);
        }
        old
    }

    /// Removes `name`; returns whether it was defined.
    pub(crate) fn undefine(&mut self, name: &str) -> bool {
        let was = self.map.remove(name).is_some();
        if was && let Some(count) = self.buckets.get_mut(bucket(name.as_bytes())) {
            *count = count.saturating_sub(1);
        }
        was
    }

    /// Appends the full expansion of macro `name` to `out`: its value with every macro in it
    /// expanded in turn, except a macro inside its own expansion. On error `out` is left as it
    /// was.
    pub(crate) fn expand(&mut self, name: &str, out: &mut String) -> Result<(), ExpandError> {
        let start = out.len();
        let result = self.expand_into(name, out);
        let produced = out.len() - start;
        match result {
            Ok(()) if produced <= self.budget => {
                self.budget -= produced;
                Ok(())
            }
            Ok(()) => {
                out.truncate(start);
                self.budget = 0;
                Err(ExpandError::TooLarge)
            }
            Err(error) => {
                // A refused expansion costs what it produced, so repeating it cannot be used to
                // make the preprocessor write without end.
                self.budget = self.budget.saturating_sub(produced);
                out.truncate(start);
                Err(error)
            }
        }
    }

    fn expand_into(&self, name: &str, out: &mut String) -> Result<(), ExpandError> {
        let limit = out.len() + MAX_EXPANSION_BYTES.min(self.budget);
        let Some(root) = self.map.get_key_value(name) else {
            return Ok(());
        };
        // Each frame: the macro's name, its value, and how far into the value we are.
        let mut stack: Vec<(&str, &str, usize)> = vec![(root.0.as_str(), &root.1.value, 0)];
        while let Some(frame) = stack.last_mut() {
            let (_, value, pos) = *frame;
            let bytes = value.as_bytes();
            // Copy up to the next identifier (stepping over literals and numbers).
            let mut i = pos;
            let ident = loop {
                let Some(&b) = bytes.get(i) else { break None };
                if is_ident_start(b) {
                    let mut end = i + 1;
                    while bytes.get(end).is_some_and(|&c| is_ident_continue(c)) {
                        end += 1;
                    }
                    break Some(i..end);
                } else if b == b'"' || b == b'\'' {
                    i = scan_literal(bytes, i).unwrap_or_else(|end| end);
                } else if b.is_ascii_digit() {
                    i = skip_number(bytes, i + 1);
                } else {
                    i += 1;
                }
            };
            let copy_end = ident.as_ref().map_or(bytes.len(), |r| r.start);
            out.push_str(value.get(pos..copy_end).unwrap_or_default());
            if out.len() > limit {
                return Err(ExpandError::TooLarge);
            }
            let Some(ident) = ident else {
                stack.pop();
                continue;
            };
            frame.2 = ident.end;
            let word = value.get(ident).unwrap_or_default();
            let nested = self
                .map
                .get_key_value(word)
                .filter(|(n, _)| !stack.iter().any(|(active, _, _)| active == n));
            match nested {
                Some((n, m)) => {
                    if stack.len() >= MAX_EXPANSION_DEPTH {
                        return Err(ExpandError::TooDeep);
                    }
                    stack.push((n.as_str(), &m.value, 0));
                }
                None => {
                    out.push_str(word);
                    if out.len() > limit {
                        return Err(ExpandError::TooLarge);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Trims a replacement text and collapses white space runs outside literals to one space, so two
/// definitions that differ only in spacing compare equal.
fn normalize_value(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    let mut run = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\'' {
            i = scan_literal(bytes, i).unwrap_or_else(|end| end);
        } else if b.is_ascii_whitespace() {
            out.push_str(value.get(run..i).unwrap_or_default());
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            out.push(' ');
            run = i;
        } else {
            i += 1;
        }
    }
    out.push_str(value.get(run..).unwrap_or_default());
    out.trim_matches(' ').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(table: &mut MacroTable, name: &str) -> Result<String, ExpandError> {
        let mut out = String::from(">");
        table.expand(name, &mut out).map(|()| out[1..].to_owned())
    }

    #[test]
    fn expands_nested_macros_but_not_recursively() {
        let mut table = MacroTable::new();
        table.define("N", "M + 1", None);
        table.define("M", "(N * 2 \"N\" 'N' 3N)", None);
        table.define("SELF", "SELF", None);
        assert_eq!(
            expand(&mut table, "N"),
            Ok("(N * 2 \"N\" 'N' 3N) + 1".to_owned())
        );
        assert_eq!(expand(&mut table, "SELF"), Ok("SELF".to_owned()));
        assert_eq!(expand(&mut table, "NOPE"), Ok(String::new()));
    }

    #[test]
    fn values_are_normalized() {
        let mut table = MacroTable::new();
        table.define("A", "  a \t  b  \" x   y \" ", None);
        assert_eq!(
            table.get("A").map(|m| m.value.as_str()),
            Some("a b \" x   y \"")
        );
    }

    #[test]
    fn undefine_and_the_fast_filter() {
        let mut table = MacroTable::new();
        assert!(table.is_empty());
        assert!(!table.may_contain(b"GUARD"));
        assert_eq!(table.define("GUARD", "", None), None);
        assert!(table.may_contain(b"GUARD"));
        assert!(table.contains("GUARD"));
        assert!(table.undefine("GUARD"));
        assert!(!table.undefine("GUARD"));
        assert!(!table.may_contain(b"GUARD"));
    }

    #[test]
    fn exponential_expansion_is_refused() {
        let mut table = MacroTable::new();
        table.define("A0", "x x x x x x x x", None);
        for i in 1..12 {
            let prev = format!("A{}", i - 1);
            table.define(&format!("A{i}"), &[prev.as_str(); 8].join(" "), None);
        }
        assert_eq!(expand(&mut table, "A11"), Err(ExpandError::TooLarge));
        assert_eq!(expand(&mut table, "A2").map(|s| s.len()), Ok(1023));
    }

    #[test]
    fn deep_chains_are_refused() {
        let mut table = MacroTable::new();
        for i in 0..400 {
            table.define(&format!("M{i}"), &format!("M{}", i + 1), None);
        }
        assert_eq!(expand(&mut table, "M0"), Err(ExpandError::TooDeep));
        assert_eq!(expand(&mut table, "M300"), Ok("M400".to_owned()));
    }

    #[test]
    fn the_unit_budget_runs_out() {
        let mut table = MacroTable::new();
        table.define("BIG", &"x".repeat(MAX_EXPANSION_BYTES / 2), None);
        let mut out = String::new();
        let mut ok = 0;
        while table.expand("BIG", &mut out).is_ok() {
            ok += 1;
            out.clear();
            assert!(ok <= 32, "the budget never ran out");
        }
        assert_eq!(ok, 32);
    }
}
