//! Rust names for IDL names, decided in one place.
//!
//! * modules, fields, parameters, operations and attribute accessors: `snake_case`;
//! * types and enum or union variants: `UpperCamelCase`;
//! * constants: `SCREAMING_SNAKE_CASE`;
//! * a Rust keyword becomes a raw identifier (`r#type`), except `self`, `super`, `crate` and
//!   `Self`, which cannot be raw and get `_` appended; a name starting with a digit after
//!   conversion gets `_` prepended.
//!
//! Case conversion can make two IDL names one Rust name (`aB` and `a_b` are both `a_b`);
//! [`Collisions`] finds those so code generation can report them instead of emitting code that
//! does not compile.

use std::{cell::RefCell, collections::HashMap};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust's strict and reserved keywords (2024 edition), which need `r#`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The Rust spelling of a module, field, parameter or function name.
pub fn snake(name: &str) -> String {
    SNAKE.with(|cache| cached(cache, name, |name| finish(name.to_snake_case())))
}

/// The Rust spelling of a type or variant name.
pub fn camel(name: &str) -> String {
    CAMEL.with(|cache| cached(cache, name, |name| finish(name.to_upper_camel_case())))
}

thread_local! {
    /// Names already converted by [`snake`]: generation converts the same IDL names many
    /// times, and heck's conversion is the costly part.
    static SNAKE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    /// Names already converted by [`camel`].
    static CAMEL: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Most names a cache keeps: past it, conversions are no longer remembered.
const CACHE_LIMIT: usize = 1 << 16;

/// `convert(name)`, remembered in `cache`.
fn cached(
    cache: &RefCell<HashMap<String, String>>,
    name: &str,
    convert: impl FnOnce(&str) -> String,
) -> String {
    if let Some(converted) = cache.borrow().get(name) {
        return converted.clone();
    }
    let converted = convert(name);
    let mut cache = cache.borrow_mut();
    if cache.len() < CACHE_LIMIT {
        cache.insert(name.to_owned(), converted.clone());
    }
    converted
}

/// The Rust spelling of a constant's name.
pub fn shouty(name: &str) -> String {
    finish(name.to_shouty_snake_case())
}

/// Makes a converted name a valid Rust identifier (without the `r#` of keywords).
fn finish(mut name: String) -> String {
    if name.is_empty() {
        name.push('_');
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `name` (already converted) as an identifier token, raw when it is a keyword.
pub fn ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Finds IDL names that become the same Rust name within one scope.
#[derive(Debug, Default)]
pub struct Collisions<'a> {
    seen: HashMap<String, &'a str>,
}

impl<'a> Collisions<'a> {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that IDL name `idl` becomes `rust`; returns the IDL name that already became
    /// `rust`, if any.
    pub fn insert(&mut self, idl: &'a str, rust: String) -> Option<&'a str> {
        match self.seen.get(&rust) {
            Some(&first) if first != idl => Some(first),
            Some(_) => None,
            None => {
                self.seen.insert(rust, idl);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_follow_rust_conventions() {
        assert_eq!(snake("balanceOf"), "balance_of");
        assert_eq!(snake("Finance"), "finance");
        assert_eq!(camel("account_id"), "AccountId");
        assert_eq!(camel("EUR"), "Eur");
        assert_eq!(shouty("maxTransfer"), "MAX_TRANSFER");
    }

    #[test]
    fn keywords_become_raw_or_get_an_underscore() {
        assert_eq!(ident(&snake("type")).to_string(), "r#type");
        assert_eq!(ident(&snake("match")).to_string(), "r#match");
        assert_eq!(snake("self"), "self_");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(ident(&snake("count")).to_string(), "count");
    }

    #[test]
    fn leading_digits_and_empty_names_are_made_valid() {
        assert_eq!(snake("3d"), "_3d");
        assert_eq!(snake("_"), "__");
    }

    #[test]
    fn collisions_after_case_conversion_are_found() {
        let mut scope = Collisions::new();
        assert_eq!(scope.insert("aB", snake("aB")), None);
        assert_eq!(scope.insert("a_b", snake("a_b")), Some("aB"));
        assert_eq!(scope.insert("aB", snake("aB")), None);
    }
}
